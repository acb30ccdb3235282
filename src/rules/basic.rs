//! Typed reads of a dynamic request with the general checks built in: object shape, unknown and
//! duplicate keys, JS types, enums, lengths, ranges, counts, durations. Each read reports what is
//! wrong at its pointer and returns `None`, so validation goes on and finds every issue.

use super::{ids, Ctx};
use crate::issue::Code;
use crate::json::{Num, Value};
use crate::pointer::join;

/// Reports a wrong JS type at `path`.
pub fn wrong_type(ctx: &mut Ctx, path: &str, expected: &'static str, v: &Value) {
    ctx.error(path, Code::WrongType, ids::TYPE, vec![("expected", expected.into()), ("actual", v.type_name().into())]);
}

/// Checks that `v` is an object whose keys are all in `known` and appear once.
/// Returns `false` (after reporting) when `v` is not an object.
pub fn object(ctx: &mut Ctx, v: &Value, path: &str, known: &[&str]) -> bool {
    let Some(fields) = v.as_obj() else {
        wrong_type(ctx, path, "object", v);
        return false;
    };
    // A set, not a scan of the earlier keys: a hostile object with 40,000 keys must not cost
    // seconds of CPU (the proxy checks bodies of up to 32 MiB).
    let mut seen = std::collections::HashSet::with_capacity(fields.len());
    for (k, _) in fields.iter() {
        if !seen.insert(k.as_ref()) {
            ctx.error(join(path, k), Code::DuplicateField, ids::DUPLICATE, vec![("field", shown(k).into())]);
        } else if !known.contains(&k.as_ref()) {
            ctx.error(join(path, k), Code::UnknownField, ids::UNKNOWN, vec![("field", shown(k).into())]);
        }
    }
    true
}

/// A key as shown in a message: the path carries it whole, the text at most 64 characters, so a
/// hostile 10 MB key does not make a 30 MB report.
fn shown(key: &str) -> String {
    match key.char_indices().nth(64) {
        Some((cut, _)) => format!("{}…", &key[..cut]),
        None => key.to_owned(),
    }
}

/// A required field: reports `required` when absent (or null).
pub fn require<'v, 'a>(ctx: &mut Ctx, obj: &'v Value<'a>, base: &str, key: &'static str) -> Option<&'v Value<'a>> {
    let v = obj.field(key);
    if v.is_none() {
        ctx.error(join(base, key), Code::Required, ids::REQUIRED, vec![("field", key.into())]);
    }
    v
}

pub fn str_of<'v>(ctx: &mut Ctx, v: &'v Value, path: &str) -> Option<&'v str> {
    match v {
        Value::Str(s) => Some(s),
        _ => {
            wrong_type(ctx, path, "string", v);
            None
        }
    }
}

pub fn get_str<'v>(ctx: &mut Ctx, obj: &'v Value, base: &str, key: &'static str) -> Option<&'v str> {
    match obj.field(key)? {
        Value::Str(s) => Some(s),
        v => str_of(ctx, v, &join(base, key)),
    }
}

pub fn get_bool(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<bool> {
    match obj.field(key)? {
        Value::Bool(b) => Some(*b),
        v => {
            wrong_type(ctx, &join(base, key), "boolean", v);
            None
        }
    }
}

/// A finite number; NaN and Infinity (which JSON cannot carry) are reported as out of range.
pub fn num_of(ctx: &mut Ctx, v: &Value, path: &str) -> Option<Num> {
    match v {
        Value::Num(n) => Some(*n),
        Value::Js(k) if v.type_name() == "number" => {
            ctx.error(path, Code::OutOfRange, ids::RANGE, vec![("value", k.to_string().into()), ("min", "finite".into()), ("max", "finite".into())]);
            None
        }
        _ => {
            wrong_type(ctx, path, "number", v);
            None
        }
    }
}

pub fn get_f64(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<f64> {
    let v = obj.field(key)?;
    num_of(ctx, v, &join(base, key)).map(Num::as_f64)
}

/// A whole number (JS has one number type, so 2.0 counts as 2).
pub fn int_of(ctx: &mut Ctx, v: &Value, path: &str) -> Option<i64> {
    let n = num_of(ctx, v, path)?;
    let i = n.as_i64();
    if i.is_none() {
        ctx.error(path, Code::NotInteger, ids::RANGE, vec![]);
    }
    i
}

pub fn get_int(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<i64> {
    let v = obj.field(key)?;
    int_of(ctx, v, &join(base, key))
}

pub fn get_arr<'v, 'a>(ctx: &mut Ctx, obj: &'v Value<'a>, base: &str, key: &'static str) -> Option<&'v [Value<'a>]> {
    match obj.field(key)? {
        Value::Arr(a) => Some(a),
        v => {
            wrong_type(ctx, &join(base, key), "array", v);
            None
        }
    }
}

/// A string that must be one of `allowed`; returns it only when it is.
pub fn get_enum<'v>(ctx: &mut Ctx, obj: &'v Value, base: &str, key: &'static str, allowed: &[&str]) -> Option<&'v str> {
    let s = get_str(ctx, obj, base, key)?;
    if allowed.contains(&s) {
        return Some(s);
    }
    enum_of(ctx, s, &join(base, key), allowed)
}

pub fn enum_of<'s>(ctx: &mut Ctx, s: &'s str, path: &str, allowed: &[&str]) -> Option<&'s str> {
    if allowed.contains(&s) {
        Some(s)
    } else {
        ctx.error(path, Code::InvalidEnum, ids::ENUM, vec![("value", s.into()), ("allowed", allowed.into())]);
        None
    }
}

/// Length in Unicode code points (kling-api.md §2.5: the docs do not say; code points is the stance).
pub fn max_len(ctx: &mut Ctx, s: &str, path: &str, max: usize) -> bool {
    // Byte length bounds the code-point count from above, so short strings skip the count.
    if s.len() <= max {
        return true;
    }
    let length = s.chars().count();
    if length > max {
        ctx.error(path, Code::TooLong, ids::LENGTH, vec![("length", length.into()), ("max", max.into())]);
        return false;
    }
    true
}

/// Reports an empty (or whitespace-only) string; returns whether it has content.
pub fn non_empty(ctx: &mut Ctx, s: &str, path: &str) -> bool {
    if s.trim().is_empty() {
        ctx.error(path, Code::EmptyString, ids::EMPTY, vec![]);
        return false;
    }
    true
}

pub fn range(ctx: &mut Ctx, value: f64, path: &str, min: f64, max: f64) -> bool {
    if value < min || value > max {
        ctx.error(path, Code::OutOfRange, ids::RANGE, vec![("value", value.into()), ("min", min.into()), ("max", max.into())]);
        return false;
    }
    true
}

/// Item count within `min..=max`, reported under `rule` (a general or an endpoint rule id).
pub fn count(ctx: &mut Ctx, len: usize, path: &str, min: usize, max: usize, rule: &'static str) -> bool {
    if len > max {
        ctx.error(path, Code::TooManyItems, rule, vec![("count", len.into()), ("max", max.into())]);
        false
    } else if len < min {
        ctx.error(path, Code::TooFewItems, rule, vec![("count", len.into()), ("min", min.into())]);
        false
    } else {
        true
    }
}

/// A duration: a string of digits ("5"), or a whole JS number, which the body writes as a string.
pub fn duration_of(ctx: &mut Ctx, v: &Value, path: &str) -> Option<u32> {
    let parsed = match v {
        Value::Str(s) if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<u32>().ok(),
        Value::Num(n) => n.as_i64().and_then(|i| u32::try_from(i).ok()),
        Value::Str(_) | Value::Js(_) => None,
        _ => {
            wrong_type(ctx, path, "string", v);
            return None;
        }
    };
    if parsed.is_none() {
        ctx.error(path, Code::InvalidDuration, ids::DURATION, vec![]);
    }
    parsed
}

pub fn get_duration(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<u32> {
    let v = obj.field(key)?;
    if let Value::Str(s) = v {
        if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(d) = s.parse::<u32>() {
                return Some(d);
            }
        }
    }
    duration_of(ctx, v, &join(base, key))
}

/// The items of an optional list of objects, each checked against `known` keys. Yields
/// (index, item, item pointer) for the items that are objects.
pub fn object_list<'v, 'a>(
    ctx: &mut Ctx,
    obj: &'v Value<'a>,
    key: &'static str,
    known: &[&str],
) -> Vec<(usize, &'v Value<'a>, String)> {
    let base = join("", key);
    let Some(items) = get_arr(ctx, obj, "", key) else { return Vec::new() };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = join(&base, i);
        if object(ctx, item, &path, known) {
            out.push((i, item, path));
        }
    }
    out
}
