//! A task-list page read without building its tree: Kling's answer is checked to be JSON by
//! serde_json without allocating (`IgnoredAny`), then only the spans of the envelope's members,
//! of `data`'s tasks and, in each task, of `task_info.external_task_id` are found (`scan`).
//! Building the whole tree of a 500-task page cost most of a list request (2 ms of 180 KB
//! natively, as much as serde_json's `Value`; BENCHMARKS.md, proxy-list). Whatever this cannot
//! decide without decoding (a key or an id written with escapes) sends the page down the slow path
//! (`answer::read`), which decides it the same way.

use crate::api::inject::scan::{self, Member};
use crate::json::{self, Value};
use crate::proxy::owner::Owner;
use std::ops::Range;

/// The envelope of a list page, as spans of its text.
#[derive(Debug)]
pub struct Page {
    pub code: Option<i64>,
    message: Option<Range<usize>>,
    request_id: Option<Range<usize>>,
    /// The tasks of `data`, when it is an array.
    pub tasks: Option<Vec<Range<usize>>>,
}

/// Whose a task is, as far as the spans tell.
#[derive(Debug, PartialEq, Eq)]
pub enum Whose {
    /// The caller's: its external id's first byte (the owner prefix) is at `id_at`.
    Mine {
        id_at: usize,
    },
    NotMine,
    /// Written with escapes: only the slow path can tell.
    Unsure,
}

/// The page's envelope, or `None` when it is not JSON, not an object, or its top-level keys are
/// escaped or repeated (the slow path then reads it, as before).
pub fn page(text: &str) -> Option<Page> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let b = text.as_bytes();
    let open = scan::ws(b, 0);
    if b.get(open) != Some(&b'{') {
        return None;
    }
    let ms = scan::members(text, open);
    let value = |key: &str| match one(text, &ms, key) {
        One::Found(r) => Some(Some(r)),
        One::Missing => Some(None),
        One::Repeated | One::Escaped => None,
    };
    let (code, message, request_id, data) = (value("code")?, value("message")?, value("request_id")?, value("data")?);
    let code = code.and_then(|r| text.get(r)).and_then(|t| t.parse::<i64>().ok());
    let tasks = data.filter(|r| b.get(r.start) == Some(&b'[')).map(|r| scan::elements(text, r.start));
    Some(Page { code, message, request_id, tasks })
}

impl Page {
    /// `"message":…,"request_id":…` as the slow path writes them.
    pub fn head(&self, text: &str) -> String {
        let s = |r: &Option<Range<usize>>| r.clone().and_then(|r| text.get(r)).and_then(|t| json::parse(t).ok());
        let (m, id) = (s(&self.message), s(&self.request_id));
        let mut out = String::from("\"message\":");
        json::write_str(&mut out, m.as_ref().and_then(Value::as_str).unwrap_or(""));
        out.push_str(",\"request_id\":");
        json::write_str(&mut out, id.as_ref().and_then(Value::as_str).unwrap_or(""));
        out
    }
}

/// Whose the task at `span` is: by `task_info.external_task_id`, each key there exactly once (a
/// repeated key is nobody's, as `answer::unique` has it).
pub fn whose(text: &str, span: &Range<usize>, owner: &Owner) -> Whose {
    let b = text.as_bytes();
    let object = |at: usize| b.get(at) == Some(&b'{');
    if !object(span.start) {
        return Whose::NotMine;
    }
    let info = match one(text, &scan::members(text, span.start), "task_info") {
        One::Found(r) if object(r.start) => r,
        One::Escaped => return Whose::Unsure,
        _ => return Whose::NotMine,
    };
    let id = match one(text, &scan::members(text, info.start), "external_task_id") {
        One::Found(r) if b.get(r.start) == Some(&b'"') && r.len() >= 2 => r,
        One::Escaped => return Whose::Unsure,
        _ => return Whose::NotMine,
    };
    let raw = text.get(id.start + 1..id.end - 1).unwrap_or("");
    if raw.contains('\\') {
        Whose::Unsure
    } else if owner.owns(Some(raw)) {
        Whose::Mine { id_at: id.start + 1 }
    } else {
        Whose::NotMine
    }
}

enum One {
    Found(Range<usize>),
    Missing,
    Repeated,
    /// Some key has an escape: it might spell `key`.
    Escaped,
}

/// The value of the member named `key`, by the keys' raw text.
fn one(text: &str, ms: &[Member], key: &str) -> One {
    let mut found = None;
    for m in ms {
        let raw = text.get(m.key.start + 1..m.key.end.saturating_sub(1)).unwrap_or("");
        if raw.contains('\\') {
            return One::Escaped;
        }
        if raw == key {
            if found.is_some() {
                return One::Repeated;
            }
            found = Some(m.value.clone());
        }
    }
    found.map_or(One::Missing, One::Found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_owner_or_says_it_cannot() {
        let alice = Owner::user("alice");
        let t = r#"{"code":0,"message":"ok","request_id":"r","data":[{"task_info":{"external_task_id":"alice:1"}},{"task_info":{"external_task_id":"bob:2"}},{"task_info":{"external_task_id":"alice\u003a3"}},{"task_info":{},"task_info":{"external_task_id":"alice:4"}},{"task\u005finfo":{"external_task_id":"alice:5"}},7]}"#;
        let p = page(t).unwrap();
        assert_eq!(p.code, Some(0));
        assert_eq!(p.head(t), r#""message":"ok","request_id":"r""#);
        let w: Vec<Whose> = p.tasks.unwrap().iter().map(|s| whose(t, s, &alice)).collect();
        assert!(matches!(w[0], Whose::Mine { id_at } if t[id_at..].starts_with("alice:1")));
        assert_eq!(w[1..], [Whose::NotMine, Whose::Unsure, Whose::NotMine, Whose::Unsure, Whose::NotMine]);
        for bad in ["{", "[]", r#"{"code":0,"code":1,"data":[]}"#, r#"{"co\u0064e":0,"data":[]}"#, "{\"data\":[1,]}"] {
            assert!(page(bad).is_none(), "{bad}");
        }
    }
}
