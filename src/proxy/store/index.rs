//! The index: one user's tasks (family, owned external_task_id, time), newest last, so "list my
//! tasks" reads it and queries k tasks instead of walking the whole account. An entry is added
//! *before* the create is sent (a store that fails refuses the create, so a task the index does
//! not know is never created through this proxy); an entry whose create failed is removed, and
//! a listing skips one Kling does not know. `complete` names the families whose index is known
//! to hold every task of the user (a walk to the account's end marked it); a fresh or restarted
//! store is incomplete, and the proxy walks instead. At most `cap` entries are kept: dropping
//! the oldest makes that family incomplete again for the pages past what is kept.

use super::{error, Applied};
use serde::{Deserialize, Serialize};

/// Entries kept per user when the op names no cap (~120 bytes each).
pub const DEFAULT_CAP: usize = 1000;
/// Most entries one page answer names.
pub const MAX_PAGE: usize = 500;

#[derive(Serialize, Deserialize, Default, Debug)]
struct Index {
    /// Families whose every task of the user is in `tasks` (or was dropped by the cap: `short`).
    #[serde(default)]
    complete: Vec<String>,
    /// Families some of whose oldest entries were dropped by the cap.
    #[serde(default)]
    short: Vec<String>,
    #[serde(default)]
    tasks: Vec<Entry>,
}

#[derive(Serialize, Deserialize, Debug, Clone)]
struct Entry {
    fam: String,
    ext: String,
    at: u64,
}

/// The index's ops (JSON `{"op":"add",…}`).
// The fields are the op's JSON members, described in the module comment.
#[allow(missing_docs)]
#[derive(Serialize, Deserialize, Debug, Clone)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    Add {
        fam: String,
        ext: String,
        at: u64,
        cap: Option<usize>,
    },
    Remove {
        ext: String,
    },
    /// `size` entries of `fam`, newest first, after skipping `skip`.
    Page {
        fam: String,
        skip: usize,
        size: usize,
    },
    /// A walk reached the account's end: every task of `fam` it saw is in `found` (owned ids,
    /// with their creation times); the family is complete from now on.
    Complete {
        fam: String,
        found: Vec<(String, u64)>,
        cap: Option<usize>,
    },
}

/// Applies one index op. A record that cannot be read starts afresh (incomplete: listing walks).
pub fn apply(record: Option<&str>, op: &str) -> Applied {
    let Ok(op) = serde_json::from_str::<Op>(op) else {
        return error("not an index op");
    };
    let mut ix = record.and_then(|r| serde_json::from_str::<Index>(r).ok()).unwrap_or_default();
    let (changed, answer) = step(&mut ix, op);
    let record = if changed { serde_json::to_string(&ix).ok() } else { None };
    Applied { record, answer: answer.to_string() }
}

fn step(ix: &mut Index, op: Op) -> (bool, serde_json::Value) {
    use serde_json::json;
    match op {
        Op::Add { fam, ext, at, cap } => {
            if ix.tasks.iter().any(|e| e.ext == ext) {
                return (false, json!({ "ok": true }));
            }
            ix.tasks.push(Entry { fam, ext, at });
            ix.trim(cap.unwrap_or(DEFAULT_CAP));
            (true, json!({ "ok": true }))
        }
        Op::Remove { ext } => {
            let before = ix.tasks.len();
            ix.tasks.retain(|e| e.ext != ext);
            let removed = before != ix.tasks.len();
            (removed, json!({ "removed": removed }))
        }
        Op::Page { fam, skip, size } => {
            let size = size.min(MAX_PAGE);
            let mut of_fam = ix.tasks.iter().rev().filter(|e| e.fam == fam).skip(skip);
            let exts: Vec<&str> = of_fam.by_ref().take(size).map(|e| e.ext.as_str()).collect();
            let more = of_fam.next().is_some();
            // Complete for this page: the family was walked, and nothing of it was dropped, or
            // the page ends before what was dropped would begin.
            let complete = ix.complete.contains(&fam) && (more || !ix.short.contains(&fam));
            (false, json!({ "complete": complete, "exts": exts, "more": more }))
        }
        Op::Complete { fam, found, cap } => {
            for (ext, at) in found {
                if !ix.tasks.iter().any(|e| e.ext == ext) {
                    ix.tasks.push(Entry { fam: fam.clone(), ext, at });
                }
            }
            // Keep "newest last" after merging what the walk found.
            ix.tasks.sort_by_key(|e| e.at);
            ix.short.retain(|f| *f != fam);
            if !ix.complete.contains(&fam) {
                ix.complete.push(fam);
            }
            ix.trim(cap.unwrap_or(DEFAULT_CAP));
            (true, json!({ "ok": true }))
        }
    }
}

impl Index {
    /// Drops the oldest entries past `cap`, marking their families short.
    fn trim(&mut self, cap: usize) {
        while self.tasks.len() > cap.max(1) {
            let e = self.tasks.remove(0);
            if !self.short.contains(&e.fam) {
                self.short.push(e.fam);
            }
        }
    }
}
