//! JSON text out: string literals, numbers and whole values (the body writer's building blocks).

use super::{Num, Value};

/// Appends `s` as a JSON string literal (quotes and escapes included). Most strings need no
/// escape at all: they are found so with one scan and copied whole. Every escape is the shortest
/// JSON has (as serde_json writes them), so a string read from JSON text is written back in at
/// most the bytes it was read from: a body is never longer than its request for its strings.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: [&str; 16] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];
    out.push('"');
    let b = s.as_bytes();
    let mut start = 0;
    loop {
        let at = super::bytes::plain_until(b, start);
        out.push_str(s.get(start..at).unwrap_or(""));
        let Some(&c) = b.get(at) else { break };
        out.push_str(match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            _ => "\\u00",
        });
        if !matches!(c, b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c) {
            out.push_str(HEX[usize::from(c >> 4)]);
            out.push_str(HEX[usize::from(c & 15)]);
        }
        start = at + 1;
    }
    out.push('"');
}

/// Appends `v` as JSON text. Markers are written back as what JSON can hold: a BigInt as its
/// digits (a number; a payload that is not an integer as a string), other JS-only values as
/// `null`; callers check types before writing.
pub fn write_value(out: &mut String, v: &Value<'_>) {
    write_any(out, v, false);
}

/// `write_value` for Kling's answers to the client: every number under a key `element_id`, at any
/// depth, is written as a string of its digits. Kling sends element ids as JSON numbers past
/// 2^53, which `JSON.parse` would round to another id; the reader kept them exact (`Num::U`), so
/// the digits written here are Kling's own. A number no u64/i64 holds (a fraction, or an integer
/// past 2^64: never an id) is written as the text `write_num` gives it, so a number under
/// `element_id` always becomes a string.
pub fn write_value_exact_ids(out: &mut String, v: &Value<'_>) {
    write_any(out, v, true);
}

/// One writer for both (compiled once): `ids` quotes the numbers under `element_id`.
fn write_any(out: &mut String, v: &Value<'_>, ids: bool) {
    match v {
        Value::Null | Value::Js(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Num(n) => write_num(out, *n),
        Value::Str(s) => write_str(out, s),
        // A BigInt's digits come from the JS side's marker: anything else is written as a string,
        // never as raw JSON text (fuzz finding api-3) …
        // … and digits too many for a JSON number reader (past f64's range) go as a string too.
        Value::BigInt(d) if is_integer_text(d) && super::number(d).is_some() => out.push_str(d),
        Value::BigInt(d) => write_str(out, d),
        Value::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_any(out, item, ids);
            }
            out.push(']');
        }
        Value::Obj(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(out, k);
                out.push(':');
                match item {
                    Value::Num(n) if ids && super::same_text(k, "element_id") => {
                        out.push('"');
                        write_num(out, *n);
                        out.push('"');
                    }
                    _ => write_any(out, item, ids),
                }
            }
            out.push('}');
        }
    }
}

/// `-?(0|[1-9][0-9]*)`: text that is a JSON integer as it stands.
pub(super) fn is_integer_text(d: &str) -> bool {
    let digits = d.strip_prefix('-').unwrap_or(d);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'))
}

/// Appends `n` as JSON: integers digit for digit, floats as serde_json prints them (non-finite: `null`).
pub fn write_num(out: &mut String, n: Num) {
    match n {
        Num::U(u) => write_u64(out, u),
        Num::I(i) => {
            if i < 0 {
                out.push('-');
            }
            write_u64(out, i.unsigned_abs());
        }
        Num::F(f) => match serde_json::Number::from_f64(f) {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str("null"),
        },
    }
}

/// Decimal digits without the formatting machinery (durations, indexes, ids are written often).
pub fn write_u64(out: &mut String, u: u64) {
    out.push_str(u64_digits(u, &mut [0; 20]));
}

/// The decimal digits of `u`, written at the end of `buf`.
pub fn u64_digits(mut u: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    // In u64 only while the number needs it: on wasm32 a u64 division by 10 is a call to a
    // 128-bit multiply, a u32 one a native multiply (durations, indexes and counts fit in u32).
    while u > u64::from(u32::MAX) && at > 0 {
        at -= 1;
        buf[at] = b'0' + (u % 10) as u8;
        u /= 10;
    }
    let mut v = u as u32;
    while at > 0 {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    std::str::from_utf8(buf.get(at..).unwrap_or(b"0")).unwrap_or("0")
}

/// Writes `items` as a JSON array, each by `item`.
pub fn write_list<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut item: impl FnMut(&mut String, T)) {
    out.push('[');
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}
