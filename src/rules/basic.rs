//! Typed reads of a dynamic request with the general checks built in: object shape, unknown and
//! duplicate keys, JS types, enums, lengths, ranges, counts, durations. Each read reports what is
//! wrong at its pointer and returns `None`, so validation goes on and finds every issue.

use super::{ids, Ctx};
use crate::issue::{Code, Level};
use crate::json::{self, same_text, Num, Value};
use crate::pointer::{join, Segment};

pub use super::wrong_type;

pub use super::keys::object;

/// The field `key` of `obj`; reports it as required (at `base`/`key`) when absent or null.
pub fn require<'v, 'a>(ctx: &mut Ctx, obj: &'v Value<'a>, base: &str, key: &'static str) -> Option<&'v Value<'a>> {
    let v = obj.field(key);
    if v.is_none() {
        ctx.error(join(base, key), Code::Required, ids::REQUIRED, vec![("field", key.into())]);
    }
    v
}

/// `v` as a string; reports a wrong type otherwise.
pub fn str_of<'v>(ctx: &mut Ctx, v: &'v Value, path: &str) -> Option<&'v str> {
    match v {
        Value::Str(s) => Some(s),
        _ => {
            wrong_type(ctx, path, "string", v);
            None
        }
    }
}

/// The string field `key` of `obj`: `None` when absent, or (reported) when not a string.
pub fn get_str<'v>(ctx: &mut Ctx, obj: &'v Value, base: &str, key: &'static str) -> Option<&'v str> {
    match obj.field(key)? {
        Value::Str(s) => Some(s),
        v => str_of(ctx, v, &join(base, key)),
    }
}

/// The boolean field `key` of `obj`: `None` when absent, or (reported) when not a boolean.
pub fn get_bool(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<bool> {
    match obj.field(key)? {
        Value::Bool(b) => Some(*b),
        v => {
            wrong_type(ctx, &join(base, key), "boolean", v);
            None
        }
    }
}

/// Whether the caller's policy lets a wrong JS type pass (GEN-TYPE turned down to a warning or
/// off): the value is then checked as what the body will carry.
fn type_may_pass(ctx: &Ctx) -> bool {
    !matches!(ctx.opts.level(ids::TYPE), None | Some(Level::Error))
}

/// A BigInt where a number belongs: a wrong type; when the policy lets that pass, the number
/// its digits are, exactly as the body's JSON text will read back (fuzz finding api-4).
fn bigint_as_number(ctx: &mut Ctx, v: &Value, path: &str, expected: &'static str) -> Option<Num> {
    wrong_type(ctx, path, expected, v);
    match v {
        Value::BigInt(d) if type_may_pass(ctx) => json::number(d),
        _ => None,
    }
}

/// A finite number; NaN and Infinity (which JSON cannot carry) are reported as out of range.
pub fn num_of(ctx: &mut Ctx, v: &Value, path: &str) -> Option<Num> {
    match v {
        Value::Num(n) => Some(*n),
        Value::BigInt(_) => bigint_as_number(ctx, v, path, "number"),
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

/// The number field `key` of `obj` as a float: `None` when absent, or (reported) when not a finite number.
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

/// The whole-number field `key` of `obj`: `None` when absent, or (reported) when not one.
pub fn get_int(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<i64> {
    let v = obj.field(key)?;
    int_of(ctx, v, &join(base, key))
}

/// The array field `key` of `obj`: `None` when absent, or (reported) when not an array.
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
    if allowed.iter().any(|a| same_text(a, s)) {
        return Some(s);
    }
    enum_of(ctx, s, &join(base, key), allowed)
}

/// A declared enum field of `obj` (its name and values from the schema table).
pub fn enum_field<'v>(ctx: &mut Ctx, obj: &'v Value, base: &str, field: &crate::schema::Field) -> Option<&'v str> {
    get_enum(ctx, obj, base, field.name, field.values())
}

/// `s` if it is one of `allowed`; reports it as not allowed otherwise.
pub fn enum_of<'s>(ctx: &mut Ctx, s: &'s str, path: &str, allowed: &[&str]) -> Option<&'s str> {
    if allowed.iter().any(|a| same_text(a, s)) {
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

/// Whether `value` lies in `min..=max`; reports it as out of range otherwise.
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

/// A valid duration as it stands (digits, or a whole number in range), without a pointer or an
/// issue: the common case, checked before any pointer is built.
pub fn plain_duration(v: &Value) -> Option<u32> {
    match v {
        Value::Str(s) if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<u32>().ok(),
        Value::Num(n) => n.as_i64().and_then(|i| u32::try_from(i).ok()),
        _ => None,
    }
}

/// A duration: a string of digits ("5"), or a whole JS number, which the body writes as a string.
pub fn duration_of(ctx: &mut Ctx, v: &Value, path: &str) -> Option<u32> {
    let parsed = match v {
        Value::Str(_) | Value::Num(_) => plain_duration(v),
        Value::Js(_) => None,
        Value::BigInt(_) => match bigint_as_number(ctx, v, path, "string") {
            Some(n) => n.as_i64().and_then(|i| u32::try_from(i).ok()),
            None if type_may_pass(ctx) => None,
            None => return None,
        },
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

/// The duration field `key` of `obj` (see `duration_of`): `None` when absent or (reported) invalid.
pub fn get_duration(ctx: &mut Ctx, obj: &Value, base: &str, key: &'static str) -> Option<u32> {
    let v = obj.field(key)?;
    plain_duration(v).or_else(|| duration_of(ctx, v, &join(base, key)))
}

/// The items of an optional list of objects, each checked against `known` keys: those that are
/// objects, with their index and pointer. The pointers share one string (two allocations per
/// list, not one per item: the allocator is a visible share of a request's time in wasm).
#[derive(Debug)]
pub struct ObjectList<'v, 'a> {
    paths: String,
    /// (index, item, end of its pointer in `paths`); each pointer starts where the previous ends.
    items: Vec<(usize, &'v Value<'a>, usize)>,
}

impl<'v, 'a> ObjectList<'v, 'a> {
    /// (index, item, item pointer) for each item that is an object.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &'v Value<'a>, &str)> + '_ {
        let mut start = 0;
        self.items.iter().map(move |&(i, item, end)| {
            let path = self.paths.get(start..end).unwrap_or("");
            start = end;
            (i, item, path)
        })
    }
}

/// The top-level list `key` of `obj`, each item checked as an object with `known` keys; the
/// items that are objects, with their pointers. Absent or (reported) not an array: no items.
pub fn object_list<'v, 'a>(ctx: &mut Ctx, obj: &'v Value<'a>, key: &'static str, known: &[&str]) -> ObjectList<'v, 'a> {
    let mut out = ObjectList { paths: String::new(), items: Vec::new() };
    let Some(items) = get_arr(ctx, obj, "", key) else { return out };
    out.items.reserve_exact(items.len());
    out.paths.reserve_exact(items.len() * (key.len() + 4));
    for (i, item) in items.iter().enumerate() {
        let start = out.paths.len();
        out.paths.push('/');
        key.push_to(&mut out.paths);
        out.paths.push('/');
        i.push_to(&mut out.paths);
        if object(ctx, item, out.paths.get(start..).unwrap_or(""), known) {
            out.items.push((i, item, out.paths.len()));
        } else {
            out.paths.truncate(start);
        }
    }
    out
}
