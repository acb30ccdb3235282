//! Per-user state behind one small interface (DESIGN.md "Per-user state"): a store keeps two
//! opaque records per user — the `ledger` (budget reservations, tasks in flight) and the `index`
//! (the user's tasks) — and applies the proxy's ops to them atomically. The ops' logic lives here
//! once, as a pure function of (record, op) → (record, answer) with the time inside the op, so
//! every store is only "read, apply, write atomically": a Map in one process (`memoryStore`), a
//! Durable Object per user, a compare-and-set in Redis, or anyone's own database.

pub mod index;
mod index_json;
pub mod ledger;
mod ledger_json;
pub(crate) mod wire;

use std::cell::RefCell;
use std::collections::HashMap;

/// Which of a user's two records an op is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Reservations against the budget, and the tasks in flight (ledger.rs).
    Ledger,
    /// The user's tasks, newest last (index.rs).
    Index,
}

impl Part {
    /// The name stores see (`"ledger"` / `"index"`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Ledger => "ledger",
            Part::Index => "index",
        }
    }

    /// The part named `s`, if any.
    pub fn parse(s: &str) -> Option<Part> {
        match s {
            "ledger" => Some(Part::Ledger),
            "index" => Some(Part::Index),
            _ => None,
        }
    }
}

/// What applying an op gives: the new record (`None`: unchanged, nothing to write) and the
/// answer for the proxy (JSON text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The record to write, if it changed.
    pub record: Option<String>,
    /// The answer for the proxy (JSON text).
    pub answer: String,
}

/// Largest record or op text read (a record past it is treated as unreadable, the op refused):
/// bounds what one store call may make the proxy parse.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Applies `op` to `record` (`None`: the user has none yet). Pure and never panics: a record
/// that cannot be read starts afresh for the index (listing then walks, which is correct) and
/// refuses for the ledger (fails closed); an op that cannot be read answers `{"error":…}`.
pub fn apply(part: Part, record: Option<&str>, op: &str) -> Applied {
    if op.len() > MAX_TEXT_BYTES || record.is_some_and(|r| r.len() > MAX_TEXT_BYTES) {
        return error("the record or op is too large");
    }
    match part {
        Part::Ledger => ledger::apply(record, op),
        Part::Index => index::apply(record, op),
    }
}

/// An answer that changes nothing and says why.
pub(crate) fn error(why: &str) -> Applied {
    let mut answer = String::from("{\"error\":");
    crate::json::write_str(&mut answer, why);
    answer.push('}');
    Applied { record: None, answer }
}

/// The memory store for native hosts (tests, benches): one map, applied synchronously — what
/// the JS `memoryStore()` does in one process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    records: RefCell<HashMap<(String, Part), String>>,
}

impl MemoryStore {
    /// Applies one op to the user's record; returns the answer.
    pub fn apply(&self, user: &str, part: Part, op: &str) -> String {
        let mut records = self.records.borrow_mut();
        let key = (user.to_owned(), part);
        let applied = apply(part, records.get(&key).map(String::as_str), op);
        if let Some(r) = applied.record {
            records.insert(key, r);
        }
        applied.answer
    }

    /// The record as stored (tests read it).
    pub fn record(&self, user: &str, part: Part) -> Option<String> {
        self.records.borrow().get(&(user.to_owned(), part)).cloned()
    }

    /// Forgets everything (a restart).
    pub fn clear(&self) {
        self.records.borrow_mut().clear();
    }

    /// The users with a record of `part`.
    pub fn users(&self, part: Part) -> Vec<String> {
        self.records.borrow().keys().filter(|(_, p)| *p == part).map(|(u, _)| u.clone()).collect()
    }
}
