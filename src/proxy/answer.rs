//! Kling's answers (and callback bodies) as the proxy reads them: with the crate's borrowed
//! reader, repaired in place when they hold half a surrogate pair (js-10), and rewritten by
//! copying their text with only the owner prefix cut out of `external_task_id` — no parsed value
//! is written back on the usual path, which keeps a 500-task page cheap.

use super::owner::Owner;
use crate::api::inject::scan;
use crate::json::{self, Value};
use std::borrow::Cow;
use std::ops::Range;

/// The text with every escape of half a surrogate pair (`"\ud83d"`: an emoji cut in two, valid
/// for JS's JSON.parse) turned into `\ufffd`, in place: the text then reads as the library reads
/// requests (U+FFFD), the caller gets Unicode, and ownership checks see what is passed back.
pub fn repaired(text: String) -> String {
    let b = text.as_bytes();
    // Cheap test first: most answers have no `\u` escape of a surrogate at all.
    let mut at = 0;
    let mut suspect = false;
    while let Some(i) = json::bytes::find(b, at, b'\\') {
        if b.get(i + 1) == Some(&b'u') && matches!(b.get(i + 2), Some(b'd' | b'D')) {
            suspect = true;
            break;
        }
        at = i + 2;
    }
    if !suspect {
        return text;
    }
    let mut bytes = text.into_bytes();
    scan::repair_surrogates(&mut bytes);
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A JSON object read from `text` (after `repaired`). Not with the request reader's cap of
/// 10,000 values: a 500-task page of image tasks has twice that (`json::MAX_ANSWER_VALUES`).
pub fn read(text: &str) -> Option<Value<'_>> {
    json::parse_answer(text).ok().map(|(v, _)| v).filter(|v| matches!(v, Value::Obj(_)))
}

/// The member `key` when it is there exactly once. JS's JSON.parse keeps the last of duplicate
/// keys and the reader's `get` the first: an answer that two readers could read differently is
/// not trusted with an ownership decision.
pub fn unique<'v, 't>(v: &'v Value<'t>, key: &str) -> Option<&'v Value<'t>> {
    let fields = v.as_obj()?;
    let mut found = fields.iter().filter(|(k, _)| json::cow_str(k) == key);
    let first = found.next()?;
    found.next().is_none().then_some(&first.1)
}

/// The envelope's business code.
pub fn code(env: &Value) -> Option<i64> {
    match unique(env, "code")? {
        Value::Num(n) => n.as_i64(),
        _ => None,
    }
}

/// A task object's `task_info.external_task_id`.
pub fn external_id<'v, 't>(task: &'v Value<'t>) -> Option<&'v Cow<'t, str>> {
    match unique(unique(task, "task_info")?, "external_task_id")? {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// Where `part` (a string the reader borrowed from `text`) starts in `text`.
fn offset_in(text: &str, part: &str) -> Option<usize> {
    let at = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + part.len() <= text.len()).then_some(at)
}

/// Appends `text[span]`, whose value is `v`, with the owner prefix cut from the external id found
/// under `path` (e.g. ["data", "task_info", "external_task_id"]), when `owner` owns it.
/// Returns false (and appends nothing) when it does not.
pub fn write_owned(out: &mut String, text: &str, span: Range<usize>, v: &Value, path: &[&str], owner: &Owner) -> bool {
    let mut at = v;
    for key in &path[..path.len().saturating_sub(1)] {
        let Some(next) = unique(at, key) else {
            return false;
        };
        at = next;
    }
    let Some(Value::Str(id)) = path.last().and_then(|k| unique(at, k)) else {
        return false;
    };
    if !owner.owns(Some(id)) {
        return false;
    }
    match (id, offset_in(text, id)) {
        // Borrowed: the id's bytes in the text are its value, prefix first.
        (Cow::Borrowed(_), Some(start)) if span.contains(&start) => push_cut(out, text, &span, start, owner),
        // The id was written with escapes (Kling does not, but may): write the value instead.
        _ => {
            let mut copy = v.clone();
            set_path(&mut copy, path, owner.strip(id).to_owned());
            json::write_value(out, &copy);
        }
    }
    true
}

/// Appends `text[span]` without the owner prefix of the external id whose first byte is at
/// `id_at` (inside the span): the task as Kling wrote it, as the caller named it.
pub fn push_cut(out: &mut String, text: &str, span: &Range<usize>, id_at: usize, owner: &Owner) {
    out.push_str(text.get(span.start..id_at).unwrap_or(""));
    out.push_str(text.get(id_at + owner.prefix().len()..span.end).unwrap_or(""));
}

/// The external id under `path` in `v`, when `owner` owns it.
pub fn owned_id<'v, 't>(v: &'v Value<'t>, path: &[&str], owner: &Owner) -> Option<&'v Cow<'t, str>> {
    let mut at = v;
    for key in path {
        at = unique(at, key)?;
    }
    match at {
        Value::Str(id) if owner.owns(Some(id)) => Some(id),
        _ => None,
    }
}

fn set_path(v: &mut Value, path: &[&str], new: String) {
    let Some((last, rest)) = path.split_last() else {
        return;
    };
    let mut at = v;
    for key in rest {
        let Value::Obj(fields) = at else { return };
        let Some((_, next)) = fields.iter_mut().find(|(k, _)| json::cow_str(k) == *key) else {
            return;
        };
        at = next;
    }
    if let Value::Obj(fields) = at {
        if let Some((_, slot)) = fields.iter_mut().find(|(k, _)| json::cow_str(k) == *last) {
            *slot = Value::Str(Cow::Owned(new));
        }
    }
}

/// The span of the top-level member `key` of the object `text` (the first one, as `get` finds).
pub fn member_span(text: &str, env: &Value, key: &str) -> Option<Range<usize>> {
    let index = env.as_obj()?.iter().position(|(k, _)| json::cow_str(k) == key)?;
    scan::members(text, scan::ws(text.as_bytes(), 0)).get(index).map(|m| m.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_the_prefix_from_owned_ids_only() {
        let alice = Owner::user("alice");
        let text = r#"{"code":0,"data":{"task_id":"t","task_info":{"external_task_id":"alice:job-1"}}}"#;
        let env = read(text).unwrap();
        let path = ["data", "task_info", "external_task_id"];
        let mut out = String::new();
        assert!(write_owned(&mut out, text, 0..text.len(), &env, &path, &alice));
        assert_eq!(out, text.replace("alice:", ""));
        assert!(!write_owned(&mut String::new(), text, 0..text.len(), &env, &path, &Owner::user("bob")));
        // Escaped id: written from the value.
        let text = r#"{"data":{"task_info":{"external_task_id":"\u0061lice:job-1"}}}"#;
        let mut out = String::new();
        assert!(write_owned(&mut out, text, 0..text.len(), &read(text).unwrap(), &path, &alice));
        assert_eq!(out, r#"{"data":{"task_info":{"external_task_id":"job-1"}}}"#);
        // A duplicate key is not trusted.
        let text = r#"{"data":{"task_info":{"external_task_id":"alice:a","external_task_id":"bob:b"}}}"#;
        assert!(!write_owned(&mut String::new(), text, 0..text.len(), &read(text).unwrap(), &path, &alice));
    }

    #[test]
    fn repairs_only_lone_surrogates() {
        assert_eq!(repaired(r#"{"a":"\ud83d\ude00 \ud83d"}"#.into()), r#"{"a":"\ud83d\ude00 \ufffd"}"#);
        let plain = r#"{"a":"\\ud83d \n"}"#.to_owned();
        assert_eq!(repaired(plain.clone()), plain);
    }
}
