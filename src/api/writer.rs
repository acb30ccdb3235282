//! Writes the wire body from a checked request: the fields as given, minus the ones the API
//! would ignore (dropped with a warning) and nulls, with `model_name` always explicit,
//! durations as canonical digit strings and element ids as exact int64 digits.

use super::inject::scan::Member;
use super::out::Out;
use crate::json::{self, Num, Value};
use crate::pointer::join;
use std::borrow::Cow;

/// The body text of `req`, read from `text`. `drops` are JSON pointers to leave out; `model`
/// the model to name.
pub fn write_body(text: &str, req: &Value, drops: &[String], model: &str) -> String {
    write_members(text, req, drops, model).0 .0
}

/// `write_body`, and where each top-level member of the body sits, in order (its key from the
/// opening quote, and its value): the proxy sets members of its own by copying the others
/// (`inject::rewrite`), and these spans spare it reading the body again to find them.
/// The spans are kept where something reads them: natively and in a wasm with the proxy
/// (`inject`); the main module's build and client never do, and its `Built::members` stays empty
/// (keeping them cost it 0.19 KiB gzip).
/// The body comes with its spans of the request text (`Out::finish`).
pub fn write_members(text: &str, req: &Value, drops: &[String], model: &str) -> ((String, Vec<u32>), Vec<Member>) {
    const SPANS: bool = cfg!(any(feature = "bind-proxy", not(target_arch = "wasm32")));
    let mut out = Out::new(text);
    let mut members = Vec::new();
    let mut first = true;
    out.punct(b'{');
    // A JS-only model_name is skipped below, so it counts as absent here (fuzz finding api-6).
    // "" is the model of a family without models (elements, voices): nothing to name.
    if !model.is_empty() && req.field("model_name").is_none_or(|m| matches!(m, Value::Js(_))) {
        let key = out.written();
        out.lit("\"model_name\":");
        let value = out.written();
        put_text(&mut out, model);
        first = false;
        if SPANS {
            members.push(Member { key: key..value - 1, value: value..out.written() });
        }
    }
    if let Value::Obj(fields) = req {
        for (k, v) in fields {
            if left_out(k, v) {
                continue;
            }
            let path = if drops.is_empty() { String::new() } else { join("", k) };
            if !drops.is_empty() && drops.contains(&path) {
                continue;
            }
            if !first {
                out.punct(b',');
            }
            first = false;
            let key = out.written();
            put_str(&mut out, k);
            let key = key..out.written();
            out.punct(b':');
            let value = out.written();
            write_field(&mut out, k, v, &path, drops);
            if SPANS {
                members.push(Member { key, value: value..out.written() });
            }
        }
    }
    out.punct(b'}');
    (out.finish(), members)
}

/// Members never written: nulls, JS-only values (functions, symbols: JSON.stringify skips them
/// too), and a member named with the bindings' tag key. Only hand-made text has the latter, and
/// once a null before it was dropped it would open its object, which then reads back as a tag
/// (fuzz finding api-8).
fn left_out(key: &str, v: &Value) -> bool {
    matches!(v, Value::Null | Value::Js(_)) || key == json::JS_MARKER
}

// js/standard-schema-value.mjs makes the Standard Schema value by these same edits (nulls,
// durations, element ids, ignored fields, the default model) without a body: change both, and its
// oracle test (tests/js/standard-schema-value.test.mjs, against the body's JSON.parse) checks.
fn write_field(out: &mut Out, key: &str, v: &Value, path: &str, drops: &[String]) {
    match (key, v) {
        // A whole number becomes its digits as a string; anything else (only with GEN-DURATION
        // turned down) goes out as given, never as "0" (fuzz finding api-5).
        ("duration", _) if whole_number(v).is_some() => {
            out.punct(b'"');
            put_num(out, Num::I(whole_number(v).unwrap_or(0)));
            out.punct(b'"');
        }
        // Digits with leading zeros ("05", "0010") go out canonical ("5", "10"): the API
        // documents "3" … "15". Any other string goes out as given below.
        ("duration", Value::Str(s)) if s.len() > 1 && s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()) => {
            out.punct(b'"');
            out.src(canonical_digits(s));
            out.punct(b'"');
        }
        // Only digits go out unquoted: with GEN-INT64 turned off anything else stays a string
        // (fuzz finding api-3).
        ("element_id", Value::Str(s) | Value::BigInt(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => out.src(canonical_digits(s)),
        (_, Value::Arr(items)) => {
            out.punct(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.punct(b',');
                }
                let p = if drops.is_empty() { String::new() } else { join(path, i) };
                write_field(out, "", item, &p, drops);
            }
            out.punct(b']');
        }
        (_, Value::Obj(fields)) => {
            out.punct(b'{');
            let mut first = true;
            for (k, item) in fields {
                let p = if drops.is_empty() { String::new() } else { join(path, k) };
                if left_out(k, item) || (!drops.is_empty() && drops.contains(&p)) {
                    continue;
                }
                if !first {
                    out.punct(b',');
                }
                first = false;
                put_str(out, k);
                out.punct(b':');
                write_field(out, k, item, &p, drops);
            }
            out.punct(b'}');
        }
        (_, Value::Str(s)) => put_str(out, s),
        (_, Value::Num(n)) => put_num(out, *n),
        (_, Value::Bool(b)) => out.lit(if *b { "true" } else { "false" }),
        // Markers (and nulls in lists): rare, written through a scratch string.
        _ => {
            let mut scratch = String::new();
            json::write_value(&mut scratch, v);
            out.lit(&scratch);
        }
    }
}

/// A duration's whole number. A BigInt counts: it reaches the body only when GEN-TYPE lets it
/// pass, and the rules then read it as the number it is (fuzz finding api-4).
fn whole_number(v: &Value) -> Option<i64> {
    match v {
        Value::Num(n) => n.as_i64(),
        Value::BigInt(d) => json::number(d).and_then(Num::as_i64),
        _ => None,
    }
}

/// A string of the request. One the reader borrowed is the text between its quotes, which held
/// no escape (else the reader would have unescaped it into an owned copy), so it is written back
/// as it was read, without a scan for characters to escape.
#[allow(clippy::ptr_arg)] // the Cow itself: borrowed and owned strings are written differently
fn put_str(out: &mut Out, s: &Cow<str>) {
    match s {
        Cow::Borrowed(text) => {
            out.punct(b'"');
            out.src(text);
            out.punct(b'"');
        }
        Cow::Owned(text) => put_text(out, text),
    }
}

/// Any text as a JSON string literal (escaped as needed).
fn put_text(out: &mut Out, s: &str) {
    // A long one straight into the body: a scratch copy would be one more string-sized buffer at
    // the peak (an 8 MiB image with escapes). A short one through scratch, which `lit` can
    // gather when the request has the same bytes.
    if s.len() > 4096 {
        return out.str_lit(s);
    }
    let mut scratch = String::with_capacity(s.len() + 2);
    json::write_str(&mut scratch, s);
    out.lit(&scratch);
}

/// A number: its digits on the stack (integers), then gathered like any other text.
fn put_num(out: &mut Out, n: Num) {
    let (neg, u) = match n {
        Num::U(u) => (false, u),
        Num::I(i) => (i < 0, i.unsigned_abs()),
        Num::F(_) => {
            let mut scratch = String::new();
            json::write_num(&mut scratch, n);
            return out.lit(&scratch);
        }
    };
    if neg {
        out.punct(b'-');
    }
    out.lit(json::u64_digits(u, &mut [0; 20]));
}

/// "00123" -> "123" (the checks have already required digits only).
fn canonical_digits(s: &str) -> &str {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0"
    } else {
        t
    }
}
