//! A small borrowed JSON value for validation: strings borrow from the input, objects keep
//! their key order and duplicate keys, and the JS-side markers (BigInt, NaN, functions) become
//! their own variants so a rule can say exactly what the caller passed.

pub mod bytes;
pub mod pull;
mod read;
mod write;

use std::borrow::Cow;
use write::is_integer_text;
pub use write::{u64_digits, write_list, write_num, write_str, write_u64, write_value, write_value_exact_ids};

/// The key the bindings' JSON replacer uses to tag JS values JSON cannot carry.
/// `{"\u0000js":"bigint","v":"123"}` is a BigInt, `{"\u0000js":"number","v":"NaN"}` a non-finite number,
/// `{"\u0000js":"function"}` / `"symbol"` / `"undefined"` the other types.
pub const JS_MARKER: &str = "\u{0}js";

/// Nesting deeper than this is refused before it can exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// A request with more JSON values than this is refused before its tree is built (each node
/// costs tens of bytes: a body of `[{},{},…]` would cost 10–16× its length). Generous: the
/// largest real request, the legacy motion brush (6 masks × 77 points of {x, y}), has ~1,500.
pub const MAX_VALUES: usize = 10_000;

/// One JSON value, borrowing its strings from the text where no escape had to be undone.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, typed as read (see `Num`).
    Num(Num),
    /// A string, escapes undone.
    Str(Cow<'a, str>),
    /// An array, in order.
    Arr(Vec<Value<'a>>),
    /// An object's members in text order, duplicate keys kept (a rule reports them).
    Obj(Vec<(Cow<'a, str>, Value<'a>)>),
    /// A JS BigInt, with its exact decimal digits (sign included).
    BigInt(Cow<'a, str>),
    /// A JS value JSON cannot represent: "NaN", "Infinity", "function", "symbol", "undefined".
    Js(Cow<'a, str>),
}

/// A JSON number, kept exact where an integer type holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A non-negative integer that fits in `u64`.
    U(u64),
    /// A negative integer that fits in `i64`.
    I(i64),
    /// Anything else: a fraction, an exponent, `-0`, or an integer too large for the above.
    F(f64),
}

impl Num {
    /// The value as a float (large integers round, as in JS).
    pub fn as_f64(self) -> f64 {
        match self {
            Num::U(u) => u as f64,
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
    /// The value as an integer, when it is one (1.0 counts: JS has no separate int type).
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Num::U(u) => i64::try_from(u).ok(),
            Num::I(i) => Some(i),
            Num::F(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Some(f as i64),
            Num::F(_) => None,
        }
    }
}

impl<'a> Value<'a> {
    /// The JS-facing type name used in messages ("string", "number", "object", ...).
    pub fn type_name(&self) -> &str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Num(_) => "number",
            Value::Str(_) => "string",
            Value::Arr(_) => "array",
            Value::Obj(_) => "object",
            Value::BigInt(_) => "bigint",
            Value::Js(k) if k == "NaN" || k.ends_with("Infinity") => "number",
            Value::Js(k) => k,
        }
    }
    /// The text, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The number, when this is a non-negative integer within u64.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Num(Num::U(u)) => Some(*u),
            _ => None,
        }
    }
    /// The members, when this is an object.
    pub fn as_obj(&self) -> Option<&[(Cow<'a, str>, Value<'a>)]> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }
    /// The items, when this is an array.
    pub fn as_arr(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Arr(a) => Some(a),
            _ => None,
        }
    }
    /// The first value under `key` (objects only).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        let Value::Obj(fields) = self else { return None };
        fields.iter().find(|(k, _)| same_text(cow_str(k), key)).map(|(_, v)| v)
    }
    /// Like `get`, but JSON `null` counts as absent (the API treats null as "not given").
    /// JS `undefined` (tagged only in hand-made JSON text: the bindings leave it out of objects)
    /// is absent too, as the body writer leaves it out (fuzz finding api-7).
    pub fn field(&self, key: &str) -> Option<&Value<'a>> {
        self.get(key).filter(|v| match v {
            Value::Null => false,
            Value::Js(k) => cow_str(k) != "undefined",
            _ => true,
        })
    }
}

/// String equality with the length and first byte compared first: keys are looked up by name
/// many times per request, and most candidates differ there (no `memcmp` call).
#[inline(always)]
pub fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && bytes::same(a.as_bytes(), b.as_bytes())
}

/// A `Cow`'s text without a call to `Deref` (not inlined at opt-level "z"; keys are read by
/// every lookup, and nearly all are borrowed).
#[inline(always)]
#[allow(clippy::ptr_arg)] // taking the Cow is the point: no Deref call
pub fn cow_str<'c>(c: &'c Cow<'_, str>) -> &'c str {
    match c {
        Cow::Borrowed(s) => s,
        Cow::Owned(s) => s,
    }
}

/// Why the input text is not a JSON value we accept.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// What was wrong and where (`… at line L column C`).
    pub message: String,
    /// Nesting went deeper than `MAX_DEPTH`.
    pub too_deep: bool,
    /// More than `MAX_VALUES` values (requests only).
    pub too_many: bool,
}

/// Parses JSON text into a borrowed value. Never panics; depth is capped at `MAX_DEPTH`.
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    read::Reader::new(text, false, usize::MAX).document()
}

/// Like `parse`, but a string holding half of a UTF-16 surrogate pair (JS strings may, e.g. an
/// emoji cut by `slice`; `JSON.stringify` writes it as `\udXXX`, which is not Unicode) is
/// repaired to U+FFFD instead of failing the whole request. Returns whether it repaired.
/// Unlike `parse_request` it has no value cap: it reads Kling's answers too (a task list is long).
pub fn parse_lenient(text: &str) -> Result<(Value<'_>, bool), ParseError> {
    read_request(text, usize::MAX).map(|r| (r.value, r.repaired))
}

/// A request as `parse_lenient` reads it, with what the reader noticed on the way.
#[derive(Debug)]
pub struct Request<'a> {
    /// The request itself.
    pub value: Value<'a>,
    /// A lone surrogate was repaired.
    pub repaired: bool,
    /// Some object member is a JS-only value (function, symbol, NaN …), which a body leaves out.
    pub js_member: bool,
}

/// Values an upstream answer may hold (the proxy's `answer::read`, a `pull` over it): a 500-task
/// list page of nine-image tasks has ~20,000; the cap keeps what a hostile or broken answer
/// (≤ 4 MiB, the proxy reads no more) makes the proxy keep to a few MiB.
pub const MAX_ANSWER_VALUES: usize = 100_000;

/// Reads a request as `parse_lenient` does, refusing more than `MAX_VALUES` values.
pub fn parse_request(text: &str) -> Result<Request<'_>, ParseError> {
    read_request(text, MAX_VALUES)
}

fn read_request(text: &str, max_values: usize) -> Result<Request<'_>, ParseError> {
    let mut reader = read::Reader::new(text, true, max_values);
    let value = reader.document()?;
    Ok(Request { value, repaired: reader.repaired, js_member: reader.js_member })
}

/// The number a JSON number text stands for, typed as the reader types it (so a BigInt's
/// digits, written into a body, read back as this same number).
pub fn number(text: &str) -> Option<Num> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match plain.then(|| read::integer(digits.as_bytes(), digits.len() < text.len())) {
        Some(Some(n)) => Some(n),
        _ => float(text).map(Num::F),
    }
}

/// A float from JSON number text, by serde_json's own conversion (bit for bit what it reads).
/// `Number::from_str`, not `from_str::<f64>`: the latter's type-error path formats floats,
/// which costs the module 14 KiB of float printing.
fn float(text: &str) -> Option<f64> {
    text.parse::<serde_json::Number>().ok()?.as_f64()
}

impl<'a> Value<'a> {
    /// The same value owning all its text (no borrow of the input).
    pub fn into_owned(self) -> Value<'static> {
        let own = |c: Cow<'a, str>| Cow::Owned(c.into_owned());
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::Num(n) => Value::Num(n),
            Value::Str(s) => Value::Str(own(s)),
            Value::BigInt(s) => Value::BigInt(own(s)),
            Value::Js(s) => Value::Js(own(s)),
            Value::Arr(a) => Value::Arr(a.into_iter().map(Value::into_owned).collect()),
            Value::Obj(o) => Value::Obj(o.into_iter().map(|(k, v)| (own(k), v.into_owned())).collect()),
        }
    }
}

/// Turns a replacer marker object back into its JS meaning; any other object stays an object.
fn unmark<'a>(obj: Vec<(Cow<'a, str>, Value<'a>)>) -> Value<'a> {
    let kind = match obj.first() {
        Some((k, Value::Str(kind))) if same_text(cow_str(k), JS_MARKER) => kind.clone(),
        _ => return Value::Obj(obj),
    };
    let payload = obj.iter().find(|(k, _)| k == "v").and_then(|(_, v)| v.as_str().map(|s| s.to_owned()));
    match (&*kind, payload) {
        ("bigint", Some(digits)) if is_integer_text(&digits) => Value::BigInt(Cow::Owned(digits)),
        // JS never writes such a BigInt: hand-made text, kept as a JS-only value (fuzz finding api-3).
        ("bigint", _) => Value::Js(kind),
        ("number", Some(what)) => Value::Js(Cow::Owned(what)),
        _ => Value::Js(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_lone_surrogates_only() {
        let (v, fixed) = parse_lenient(r#"{"a":"x\ud83d","b":"\ud83d\ude00","c":"\\ud83d","d":"\udc00y"}"#).unwrap();
        assert!(fixed);
        assert_eq!(v.get("a").and_then(Value::as_str), Some("x\u{FFFD}"));
        assert_eq!(v.get("b").and_then(Value::as_str), Some("😀"));
        assert_eq!(v.get("c").and_then(Value::as_str), Some("\\ud83d"));
        assert_eq!(v.get("d").and_then(Value::as_str), Some("\u{FFFD}y"));
        assert!(!parse_lenient(r#"{"a":"ok"}"#).unwrap().1);
        assert!(parse_lenient(r#"{"a":"\ud83d"#).is_err());
    }
}
