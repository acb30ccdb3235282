//! A request body with some top-level members set to given strings (the proxy's owned
//! `external_task_id` and its `callback_url`), written by copying the other members' text as it
//! stands: the result is never longer than the input plus the new members, and no parsed value
//! is written back (no second copy of a large base64 image in a value, no reformatted numbers).

pub mod scan;

use crate::json::{self, Value};

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

    /// The body with every member named in `set` (duplicates included) left out, and each of
    /// `set` written last with its string value.
    pub fn write_with(&self, set: &[(&str, &str)]) -> String {
        let Value::Obj(fields) = &self.value else {
            return String::new();
        };
        let open = scan::ws(self.text.as_bytes(), 0);
        let spans = scan::members(self.text, open);
        let extra: usize = set.iter().map(|(k, v)| 8 + 2 * (k.len() + v.len())).sum();
        let mut out = String::with_capacity(self.text.len() + extra);
        out.push('{');
        // The reader and the scan see the same members in the same order.
        for ((key, _), span) in fields.iter().zip(&spans) {
            if set.iter().any(|(name, _)| json::same_text(json::cow_str(key), name)) {
                continue;
            }
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(self.text.get(span.key.start..span.value.end).unwrap_or("null"));
        }
        close_with(&mut out, set);
        out
    }
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

/// `Body::parse(&text)?.write_with(set)`, done inside `text`'s own buffer: the members kept are
/// moved down in place (each moves left, never over one not yet moved) and `set` is appended.
/// The proxy's create holds a body of up to tens of MiB; a second buffer of the same size would
/// be the third copy in wasm memory, which never shrinks (issue 13: peak ≤ 2× the body).
pub fn rewrite(text: String, set: &[(&str, &str)]) -> Option<String> {
    let kept: Vec<std::ops::Range<usize>> = {
        let body = Body::parse(&text)?;
        let Value::Obj(fields) = &body.value else { return None };
        let spans = scan::members(&text, scan::ws(text.as_bytes(), 0));
        fields
            .iter()
            .zip(&spans)
            .filter(|((key, _), _)| !set.iter().any(|(name, _)| json::same_text(json::cow_str(key), name)))
            .map(|(_, span)| span.key.start..span.value.end)
            .collect()
    };
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
        let text = r#" {"a":1e2, "external_task_id":"mine","n":{"external_task_id":"keep"},"callback_url":null,"external_task_id":"dup" } "#;
        let b = Body::parse(text).unwrap();
        assert_eq!(b.field("external_task_id").and_then(Value::as_str), Some("mine"));
        let out = b.write_with(&[("external_task_id", "u:mine"), ("callback_url", "https://x/cb")]);
        assert_eq!(out, r#"{"a":1e2,"n":{"external_task_id":"keep"},"external_task_id":"u:mine","callback_url":"https://x/cb"}"#);
        assert_eq!(Body::parse("{}").unwrap().write_with(&[("k", "v")]), r#"{"k":"v"}"#);
        assert!(Body::parse("[1]").is_none() && Body::parse("{").is_none());
        assert!(out.len() <= text.len() + 64);
        let set = [("external_task_id", "u:mine"), ("callback_url", "https://x/cb")];
        assert_eq!(rewrite(text.to_owned(), &set).as_deref(), Some(out.as_str()), "in place, the same text");
        for t in ["{}", " { } ", r#"{"external_task_id":"a"}"#, r#"{"a":"é","b":[1,{"c":2}] , "external_task_id" : "x"}"#, "[1]", "{"] {
            let expect = Body::parse(t).map(|b| b.write_with(&set));
            assert_eq!(rewrite(t.to_owned(), &set), expect, "{t}");
        }
    }
}
