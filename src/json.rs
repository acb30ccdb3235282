//! A small borrowed JSON value for validation: strings borrow from the input, objects keep
//! their key order and duplicate keys, and the JS-side markers (BigInt, NaN, functions) become
//! their own variants so a rule can say exactly what the caller passed.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The key the bindings' JSON replacer uses to tag JS values JSON cannot carry.
/// `{"\u0000js":"bigint","v":"123"}` is a BigInt, `{"\u0000js":"number","v":"NaN"}` a non-finite number,
/// `{"\u0000js":"function"}` / `"symbol"` / `"undefined"` the other types.
pub const JS_MARKER: &str = "\u{0}js";

/// Nesting deeper than this is refused before it can exhaust the stack.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Num(Num),
    Str(Cow<'a, str>),
    Arr(Vec<Value<'a>>),
    Obj(Vec<(Cow<'a, str>, Value<'a>)>),
    /// A JS BigInt, with its exact decimal digits (sign included).
    BigInt(Cow<'a, str>),
    /// A JS value JSON cannot represent: "NaN", "Infinity", "function", "symbol", "undefined".
    Js(Cow<'a, str>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    U(u64),
    I(i64),
    F(f64),
}

impl Num {
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
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_obj(&self) -> Option<&[(Cow<'a, str>, Value<'a>)]> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_arr(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Arr(a) => Some(a),
            _ => None,
        }
    }
    /// The first value under `key` (objects only).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.as_obj()?.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Like `get`, but JSON `null` counts as absent (the API treats null as "not given").
    pub fn field(&self, key: &str) -> Option<&Value<'a>> {
        self.get(key).filter(|v| !matches!(v, Value::Null))
    }
}

/// Why the input text is not a JSON value we accept.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub too_deep: bool,
}

/// Parses JSON text into a borrowed value. Never panics; depth is capped at `MAX_DEPTH`.
pub fn parse(text: &str) -> Result<Value<'_>, ParseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Seed { depth: 0 };
    match de::DeserializeSeed::deserialize(seed, &mut de).and_then(|v| de.end().map(|_| v)) {
        Ok(v) => Ok(v),
        Err(e) => {
            let message = e.to_string();
            let too_deep = message.contains(TOO_DEEP) || message.contains("recursion limit");
            Err(ParseError { message, too_deep })
        }
    }
}

const TOO_DEEP: &str = "nesting too deep";

/// Like `parse`, but a string holding half of a UTF-16 surrogate pair (JS strings may, e.g. an
/// emoji cut by `slice`; `JSON.stringify` writes it as `\udXXX`, which is not Unicode) is
/// repaired to U+FFFD instead of failing the whole request. Returns whether it repaired.
pub fn parse_lenient(text: &str) -> Result<(Value<'_>, bool), ParseError> {
    match parse(text) {
        Ok(v) => Ok((v, false)),
        Err(e) if e.message.contains("surrogate") || e.message.contains("hex escape") => {
            let fixed = repair_surrogates(text);
            parse(&fixed).map(|v| (v.into_owned(), true)).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}

/// Replaces every `\uD800`–`\uDFFF` escape that is not part of a valid pair with `\uFFFD`.
fn repair_surrogates(text: &str) -> String {
    let b = text.as_bytes();
    let hex_at = |i: usize| -> Option<u16> {
        let h = text.get(i + 2..i + 6)?;
        (b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u')).then(|| u16::from_str_radix(h, 16).ok()).flatten()
    };
    let mut out = String::with_capacity(text.len());
    let (mut i, mut last) = (0, 0);
    while i < b.len() {
        if b[i] == b'\\' {
            if let Some(u) = hex_at(i) {
                let paired = (0xD800..0xDC00).contains(&u) && hex_at(i + 6).is_some_and(|l| (0xDC00..0xE000).contains(&l));
                if paired {
                    i += 12;
                    continue;
                }
                if (0xD800..0xE000).contains(&u) {
                    out.push_str(&text[last..i]);
                    out.push_str("\\uFFFD");
                    last = i + 6;
                }
                i += 6;
                continue;
            }
            i += 2; // any other escape, e.g. `\\` — so an escaped backslash is not read as an escape start
            continue;
        }
        i += 1;
    }
    out.push_str(&text[last.min(text.len())..]);
    out
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

#[derive(Clone, Copy)]
struct Seed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value<'de>, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(TOO_DEEP));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = Value<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value<'de>, E> {
        Ok(Value::Num(Num::U(u)))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value<'de>, E> {
        Ok(Value::Num(Num::I(i)))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value<'de>, E> {
        Ok(Value::Num(Num::F(f)))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Value<'de>, E> {
        Ok(Value::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
        let inner = Seed { depth: self.depth + 1 };
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(v) = seq.next_element_seed(inner)? {
            out.push(v);
        }
        Ok(Value::Arr(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
        let inner = Seed { depth: self.depth + 1 };
        let mut out: Vec<(Cow<'de, str>, Value<'de>)> = Vec::new();
        while let Some(k) = map.next_key::<Key<'de>>()? {
            let v = map.next_value_seed(inner)?;
            out.push((k.0, v));
        }
        Ok(unmark(out))
    }
}

/// Turns a replacer marker object back into its JS meaning; any other object stays an object.
fn unmark<'a>(obj: Vec<(Cow<'a, str>, Value<'a>)>) -> Value<'a> {
    let kind = match obj.first() {
        Some((k, Value::Str(kind))) if k == JS_MARKER => kind.clone(),
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

/// A map key that borrows when the text has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(KeyVisitor)
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

/// Appends `s` as a JSON string literal (quotes and escapes included).
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(&s[start..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => out.push_str(&format!("\\u{:04x}", b)),
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Appends `v` as JSON text. Markers are written back as what JSON can hold: a BigInt as its
/// digits (a number; a payload that is not an integer as a string), other JS-only values as
/// `null`; callers check types before writing.
pub fn write_value(out: &mut String, v: &Value<'_>) {
    match v {
        Value::Null | Value::Js(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Num(n) => write_num(out, *n),
        Value::Str(s) => write_str(out, s),
        // A BigInt's digits come from the JS side's marker: anything else is written as a string,
        // never as raw JSON text (fuzz finding api-3).
        Value::BigInt(d) if is_integer_text(d) => out.push_str(d),
        Value::BigInt(d) => write_str(out, d),
        Value::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
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
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// `-?(0|[1-9][0-9]*)`: text that is a JSON integer as it stands.
fn is_integer_text(d: &str) -> bool {
    let digits = d.strip_prefix('-').unwrap_or(d);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'))
}

pub fn write_num(out: &mut String, n: Num) {
    use std::fmt::Write;
    let _ = match n {
        Num::U(u) => write!(out, "{u}"),
        Num::I(i) => write!(out, "{i}"),
        Num::F(f) if f.is_finite() => write!(out, "{}", serde_json::Number::from_f64(f).map_or_else(|| "null".into(), |n| n.to_string())),
        Num::F(_) => write!(out, "null"),
    };
}
