//! A request body with some top-level members set to given strings (the proxy's owned
//! `external_task_id` and its `callback_url`), written by copying the other members' text as it
//! stands: the result is never longer than the input plus the new members, and no parsed value
//! is written back (no second copy of a large base64 image in a value, no reformatted numbers).

pub mod scan;

use crate::json::{self, Value};
use std::ops::Range;

/// A request body (a JSON object) read with the crate's borrowed reader.
#[derive(Debug)]
pub struct Body<'t> {
    text: &'t str,
    value: Value<'t>,
}

impl<'t> Body<'t> {
    /// `None` when `text` is not a JSON object. Text with half a surrogate pair is accepted
    /// (the lenient reader); run `scan::repair_surrogates` first to send Unicode on.
    pub fn parse(text: &'t str) -> Option<Body<'t>> {
        let value = json::parse_request(text).ok()?.value;
        matches!(value, Value::Obj(_)).then_some(Body { text, value })
    }

    /// A top-level member (JSON null counts as absent, as for the API).
    pub fn field(&self, key: &str) -> Option<&Value<'t>> {
        self.value.field(key)
    }

    /// The spans of the members `rewrite` keeps: all but those named in `drop` (duplicates
    /// included). The reader and the scan see the same members in the same order.
    pub fn kept(&self, drop: &[&str]) -> Vec<Range<usize>> {
        let Value::Obj(fields) = &self.value else { return Vec::new() };
        let spans = scan::members(self.text, scan::ws(self.text.as_bytes(), 0));
        fields
            .iter()
            .zip(&spans)
            .filter(|((key, _), _)| !drop.iter().any(|name| json::same_text(json::cow_str(key), name)))
            .map(|(_, span)| span.key.start..span.value.end)
            .collect()
    }
}

/// The spans `rewrite` keeps of a body `api::build` wrote, from its `Built::members`: all but the
/// members named in `drop` (names that need no escape). The writer writes a key with escapes
/// only where JSON needs them, so such a name matches a key by its bytes; no second read.
pub fn kept(body: &str, members: &[scan::Member], drop: &[&str]) -> Vec<Range<usize>> {
    members
        .iter()
        .filter(|m| {
            let key = body.get(m.key.start + 1..m.key.end.saturating_sub(1)).unwrap_or("");
            !drop.iter().any(|name| json::same_text(key, name))
        })
        .map(|m| m.key.start..m.value.end)
        .collect()
}

/// Appends `set`'s members (after a comma unless the object is still empty) and the closing `}`.
fn close_with(out: &mut String, set: &[(&str, &str)]) {
    for (k, v) in set {
        if out.len() > 1 {
            out.push(',');
        }
        json::write_str(out, k);
        out.push(':');
        json::write_str(out, v);
    }
    out.push('}');
}

/// The body `text` with only its `kept` members (`Body::kept`, read from this same text) and then
/// each of `set` with its string value, written inside `text`'s own buffer: the members kept are
/// moved down in place (each moves left, never over one not yet moved) and `set` is appended.
/// The proxy's create holds a body of up to tens of MiB; a second buffer of the same size would
/// be the third copy in wasm memory, which never shrinks (issue 13: peak ≤ 2× the body).
pub fn rewrite(text: String, kept: Vec<Range<usize>>, set: &[(&str, &str)]) -> Option<String> {
    let mut bytes = text.into_bytes();
    // Before each kept member the input has at least its `{` and a `,` per earlier member, the
    // output exactly that much: `w <= span.start` always holds.
    let mut w = 1;
    *bytes.first_mut()? = b'{';
    for span in kept {
        if w > 1 {
            *bytes.get_mut(w)? = b',';
            w += 1;
        }
        if span.start < w || span.end > bytes.len() {
            return None;
        }
        let len = span.len();
        bytes.copy_within(span, w);
        w += len;
    }
    bytes.truncate(w);
    let mut out = String::from_utf8(bytes).ok()?;
    let extra: usize = set.iter().map(|(k, v)| 8 + 2 * (k.len() + v.len())).sum();
    out.reserve_exact(extra);
    close_with(&mut out, set);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_top_level_members_only() {
        let set = [("external_task_id", "u:mine"), ("callback_url", "https://x/cb")];
        let names = ["external_task_id", "callback_url"];
        let run = |t: &str| {
            let kept = Body::parse(t)?.kept(&names);
            rewrite(t.to_owned(), kept, &set)
        };
        let text = r#" {"a":1e2, "external_task_id":"mine","n":{"external_task_id":"keep"},"callback_url":null,"external_task_id":"dup" } "#;
        assert_eq!(Body::parse(text).unwrap().field("external_task_id").and_then(Value::as_str), Some("mine"));
        let out = run(text).unwrap();
        assert_eq!(out, r#"{"a":1e2,"n":{"external_task_id":"keep"},"external_task_id":"u:mine","callback_url":"https://x/cb"}"#);
        assert!(out.len() <= text.len() + 64);
        assert_eq!(rewrite("{}".into(), Vec::new(), &[("k", "v")]).as_deref(), Some(r#"{"k":"v"}"#));
        assert!(Body::parse("[1]").is_none() && Body::parse("{").is_none());
        let tail = r#""external_task_id":"u:mine","callback_url":"https://x/cb"}"#;
        for (t, want) in [
            ("{}", format!("{{{tail}")),
            (" { } ", format!("{{{tail}")),
            (r#"{"external_task_id":"a"}"#, format!("{{{tail}")),
            (r#"{"a":"é","b":[1,{"c":2}] , "external_task_id" : "x"}"#, format!(r#"{{"a":"é","b":[1,{{"c":2}}],{tail}"#)),
        ] {
            assert_eq!(run(t), Some(want), "{t}");
        }
        assert_eq!(run("[1]"), None);
        assert_eq!(run("{"), None);
    }
}
