//! Writes the wire body from a checked request: the fields as given, minus the ones the API
//! would ignore (dropped with a warning) and nulls, with `model_name` always explicit,
//! durations as strings and element ids as exact int64 digits.

use crate::json::{self, Value};
use crate::pointer::join;

/// The body text. `drops` are JSON pointers to leave out; `model` the model to name.
pub fn write_body(req: &Value, drops: &[String], model: &str) -> String {
    let mut out = String::with_capacity(256);
    out.push('{');
    let mut first = true;
    // A JS-only model_name is skipped below, so it counts as absent here (fuzz finding api-6).
    if req.field("model_name").is_none_or(|m| matches!(m, Value::Js(_))) {
        out.push_str("\"model_name\":");
        json::write_str(&mut out, model);
        first = false;
    }
    if let Value::Obj(fields) = req {
        for (k, v) in fields {
            // JS-only values (functions, symbols) are skipped like JSON.stringify skips them.
            if matches!(v, Value::Null | Value::Js(_)) {
                continue;
            }
            let path = if drops.is_empty() { String::new() } else { join("", k) };
            if !drops.is_empty() && drops.contains(&path) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            json::write_str(&mut out, k);
            out.push(':');
            write_field(&mut out, k, v, &path, drops);
        }
    }
    out.push('}');
    out
}

fn write_field(out: &mut String, key: &str, v: &Value, path: &str, drops: &[String]) {
    match (key, v) {
        // A whole number becomes its digits as a string; anything else (only with GEN-DURATION
        // turned down) goes out as given, never as "0" (fuzz finding api-5).
        ("duration", Value::Num(n)) if n.as_i64().is_some() => {
            out.push('"');
            out.push_str(&n.as_i64().unwrap_or(0).to_string());
            out.push('"');
        }
        // Only digits go out unquoted: with GEN-INT64 turned off anything else stays a string
        // (fuzz finding api-3).
        ("element_id", Value::Str(s) | Value::BigInt(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            out.push_str(canonical_digits(s))
        }
        (_, Value::Arr(items)) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let p = if drops.is_empty() { String::new() } else { join(path, i) };
                write_field(out, "", item, &p, drops);
            }
            out.push(']');
        }
        (_, Value::Obj(fields)) => {
            out.push('{');
            let mut first = true;
            for (k, item) in fields {
                let p = if drops.is_empty() { String::new() } else { join(path, k) };
                if matches!(item, Value::Null | Value::Js(_)) || (!drops.is_empty() && drops.contains(&p)) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                json::write_str(out, k);
                out.push(':');
                write_field(out, k, item, &p, drops);
            }
            out.push('}');
        }
        _ => json::write_value(out, v),
    }
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
