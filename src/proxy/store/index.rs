//! The index: one user's tasks (family, owned external_task_id, creation time), oldest first, so
//! "list my tasks" reads it and queries k tasks instead of walking the whole account. An entry is
//! added *before* the create is sent (a store that fails refuses the create, so a task the index
//! does not know is never created through this proxy); an entry whose create failed is removed,
//! and a listing skips one Kling does not know (and removes it once it is old enough that no
//! create can still be on its way).
//!
//! Times are unique within a record (an entry whose time is taken moves on by a millisecond), so a
//! time alone is a position: a page is "the `size` newest entries of a family before time t", and
//! entries added or removed meanwhile never shift a listing under way (list cursors carry t).
//!
//! `complete` names the families whose index holds every task of the user: a walk of Kling's pages
//! that began at the first page and reached the account's end marked it (`complete`). A walk over
//! several requests registers itself at its first page (`seen` with `start`) and adds what each
//! request saw; its `complete` counts only when the store still knows the walk (a restarted store
//! does not, and stays incomplete). A fresh or restarted store is incomplete, and the proxy walks
//! instead. At most `cap` entries are kept: dropping the oldest marks the family `short`, and a
//! listing serves the index's pages, then walks for the rest (`known` tells which tasks of a walked
//! page the index holds, so that the walk skips them).

use super::wire::Obj;
use super::{error, Applied};
use crate::json::write_list;
use crate::json::{write_str, write_u64};

/// Entries kept per user when the op names no cap (~100 bytes each).
pub const DEFAULT_CAP: usize = 1000;
/// Most entries one page answer names, and most ids one `known` op asks about.
pub const MAX_PAGE: usize = 500;
/// Walks under way remembered per user (the oldest is forgotten: its end marks nothing).
pub const MAX_WALKS: usize = 8;

/// The record (JSON in index_json.rs; every member may be missing: its default).
#[derive(Default, Debug)]
pub(super) struct Index {
    /// Families whose every task of the user is in `tasks` (or was dropped by the cap: `short`).
    pub complete: Vec<String>,
    /// Families some of whose oldest entries were dropped by the cap.
    pub short: Vec<String>,
    /// Walks under way that began at the first page: family, id, and whether an entry of the
    /// family was dropped since the walk began.
    pub walks: Vec<(String, u32, bool)>,
    /// Oldest first; times unique.
    pub tasks: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub fam: String,
    pub ext: String,
    pub at: u64,
}

/// The index's ops (JSON `{"op":"add",…}`, the variant's name in snake case, then its fields
/// under their names: index_json.rs).
// The fields are the op's JSON members, described in the module comment.
#[allow(missing_docs)]
#[derive(Debug, Clone)]
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
    /// `size` entries of `fam`, newest first: those created before `before` (ms), or after
    /// skipping `skip`. Answers `exts`, their `ats`, `more`, `walked` (the family was walked to
    /// the end) and `complete` (walked, and this page plus those before it hold every task up to
    /// where the page ends, or to the end when `more` is false).
    Page {
        fam: String,
        before: Option<u64>,
        skip: Option<usize>,
        size: usize,
    },
    /// Which of `exts` the index holds (`known`: one boolean each).
    Known {
        exts: Vec<String>,
    },
    /// A walk's request saw `found` (owned ids, creation times); `start`: the walk began at the
    /// first page under this id.
    Seen {
        fam: String,
        found: Vec<(String, u64)>,
        cap: Option<usize>,
        start: Option<u32>,
    },
    /// A walk reached the account's end having seen `found` in its last request. Without `walk`
    /// the walk was this one request from the first page; with it, the family is marked complete
    /// only if the walk is still known (answers `ok`).
    Complete {
        fam: String,
        found: Vec<(String, u64)>,
        cap: Option<usize>,
        walk: Option<u32>,
    },
}

/// The op that forgets the task of owned id `ext` (one Kling never created, or no longer knows).
pub fn remove_op(ext: &str) -> String {
    Op::Remove { ext: ext.to_owned() }.to_json()
}

/// Applies one index op. A record that cannot be read starts afresh (incomplete: listing walks).
pub fn apply(record: Option<&str>, op: &str) -> Applied {
    let Some(op) = Op::read(op) else {
        return error("not an index op");
    };
    let mut ix = record.and_then(Index::read).unwrap_or_default();
    ix.normalize();
    let (changed, answer) = step(&mut ix, op);
    let mut record = changed.then(|| ix.to_json());
    // A record the next op could not read (past MAX_TEXT_BYTES: a large cap of long ids) would
    // freeze the index; the oldest entries go instead, as the cap would drop them.
    while record.as_ref().is_some_and(|r| r.len() > super::MAX_TEXT_BYTES) && !ix.tasks.is_empty() {
        ix.trim(Some(ix.tasks.len() - ix.tasks.len().div_ceil(8)));
        record = Some(ix.to_json());
    }
    Applied { record, answer }
}

/// The answer of an op that did what it asked.
const OK: &str = r#"{"ok":true}"#;

// Answers are written with their members in alphabetical order, as serde_json's `json!` (a
// sorted map) wrote them before: the same text for the same answer.
fn step(ix: &mut Index, op: Op) -> (bool, String) {
    match op {
        Op::Add { fam, ext, at, cap } => {
            let added = ix.insert(fam, ext, at);
            ix.trim(cap);
            (added, OK.into())
        }
        Op::Remove { ext } => {
            let before = ix.tasks.len();
            ix.tasks.retain(|e| e.ext != ext);
            let removed = before != ix.tasks.len();
            (removed, if removed { r#"{"removed":true}"# } else { r#"{"removed":false}"# }.into())
        }
        Op::Page { fam, before, skip, size } => {
            let size = size.min(MAX_PAGE);
            let mut of_fam = ix.tasks.iter().rev().filter(|e| e.fam == fam && before.is_none_or(|b| e.at < b)).skip(skip.unwrap_or(0));
            let page: Vec<&Entry> = of_fam.by_ref().take(size).collect();
            let more = of_fam.next().is_some();
            let walked = ix.complete.contains(&fam);
            // Complete for this page: the family was walked, and nothing of it was dropped, or
            // the page ends before what was dropped would begin.
            let complete = walked && (more || !ix.short.contains(&fam));
            let mut a = String::with_capacity(64 + page.len() * 60);
            let mut o = Obj::new(&mut a);
            write_list(o.key("ats"), &page, |out, e| write_u64(out, e.at));
            o.bool("complete", complete);
            write_list(o.key("exts"), &page, |out, e| write_str(out, &e.ext));
            o.bool("more", more).bool("walked", walked).end();
            (false, a)
        }
        Op::Known { exts } => {
            if exts.len() > MAX_PAGE {
                return (false, r#"{"error":"too many ids"}"#.into());
            }
            let held: std::collections::HashSet<&str> = ix.tasks.iter().map(|e| e.ext.as_str()).collect();
            let mut a = String::from("{\"known\":");
            write_list(&mut a, &exts, |out, x| out.push_str(if held.contains(x.as_str()) { "true" } else { "false" }));
            a.push('}');
            (false, a)
        }
        Op::Seen { fam, found, cap, start } => {
            if let Some(id) = start {
                ix.walks.retain(|(f, w, _)| !(f == &fam && *w == id));
                ix.walks.push((fam.clone(), id, false));
                let over = ix.walks.len().saturating_sub(MAX_WALKS);
                ix.walks.drain(..over);
            }
            for (ext, at) in found {
                ix.insert(fam.clone(), ext, at);
            }
            ix.trim(cap);
            (true, OK.into())
        }
        Op::Complete { fam, found, cap, walk } => {
            let known = match walk {
                None => Some(false),
                Some(id) => ix.walks.iter().position(|(f, w, _)| f == &fam && *w == id).map(|i| ix.walks.remove(i).2),
            };
            for (ext, at) in found {
                ix.insert(fam.clone(), ext, at);
            }
            let Some(dropped_meanwhile) = known else {
                ix.trim(cap);
                return (true, r#"{"ok":false}"#.into());
            };
            // The walk saw every task: what was dropped before it began is back (unless some of
            // what it added was dropped again while it went on).
            if !dropped_meanwhile {
                ix.short.retain(|f| *f != fam);
            }
            if !ix.complete.contains(&fam) {
                ix.complete.push(fam);
            }
            ix.trim(cap);
            (true, OK.into())
        }
    }
}

impl Index {
    /// Adds an entry unless its id is there; its time moves on past times taken. Returns whether
    /// it was added.
    fn insert(&mut self, fam: String, ext: String, mut at: u64) -> bool {
        if self.tasks.iter().any(|e| e.ext == ext) {
            return false;
        }
        loop {
            match self.tasks.binary_search_by_key(&at, |e| e.at) {
                Ok(_) => at = at.saturating_add(1),
                Err(i) => {
                    self.tasks.insert(i, Entry { fam, ext, at });
                    return true;
                }
            }
        }
    }

    /// Oldest first with unique times, whatever the record held (a record written by hand or by
    /// an older version).
    fn normalize(&mut self) {
        if self.tasks.windows(2).all(|w| w[0].at < w[1].at) {
            return;
        }
        for e in sort_by_at(std::mem::take(&mut self.tasks)) {
            self.insert(e.fam, e.ext, e.at);
        }
    }

    /// Drops the oldest entries past `cap` (the op's, or the default), marking their families
    /// short and the walks of those families under way.
    fn trim(&mut self, cap: Option<usize>) {
        let cap = cap.unwrap_or(DEFAULT_CAP).max(1);
        let over = self.tasks.len().saturating_sub(cap);
        for e in self.tasks.drain(..over) {
            if !self.short.contains(&e.fam) {
                self.short.push(e.fam.clone());
            }
            for w in self.walks.iter_mut().filter(|w| w.0 == e.fam) {
                w.2 = true;
            }
        }
    }
}

/// `sort_by_key(|e| e.at)`: stable (equal times keep their order), as a merge sort of a few
/// lines; core's sort was 4.4 KB of the proxy module for this one call, made only for a record
/// out of order.
pub(super) fn sort_by_at(mut v: Vec<Entry>) -> Vec<Entry> {
    if v.len() < 2 {
        return v;
    }
    let right = sort_by_at(v.split_off(v.len() / 2));
    let left = sort_by_at(v);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        let right_first = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => b.at < a.at,
            (None, Some(_)) => true,
            (_, None) => false,
        };
        match if right_first { r.next() } else { l.next() } {
            Some(e) => out.push(e),
            None => return out,
        }
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
