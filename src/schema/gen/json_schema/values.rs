//! The schema of one field's value, from its table `Type`, and the shared `$defs` (image, URL,
//! element id, duration). Each pattern says exactly what the check in `rules::inputs` /
//! `rules::basic` accepts, written with explicit code points so every ECMA-262 engine reads it
//! the same way (no `\s`, whose set differs between JS and Rust).

use super::tree::{obj, strs, J, S};
use crate::rules::ids;
use crate::schema::{Field, Type};

/// What `inputs::is_http_url` refuses anywhere in a URL: Unicode White_Space (char::is_whitespace)
/// and controls (Cc), as a character-class body.
const SPACE_OR_CONTROL: &str = r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// `inputs::is_http_url`: "http://" or "https://", a host (what follows the last `@` before the
/// first `/`, `?` or `#`) that is not empty and does not start with `:`, no space or control.
pub fn http_url_pattern() -> String {
    let b = SPACE_OR_CONTROL;
    format!("^https?://(?:[^/?#{b}]*@)?[^/?#@:{b}][^/?#@{b}]*(?:[/?#][^{b}]*)?$")
}

/// `inputs::is_raw_base64`, loosened where JSON Schema would need a long pattern (the length
/// and the padding's place): a JPEG's (`/9j/`, `_9j_`) or PNG's (`iVBORw0KGg` then `o`–`r`)
/// first characters, the rest in that one alphabet, then at most two `=`.
pub const BASE64_PATTERN: &str = "^(?:(?:/9j/|iVBORw0KGg[o-r])[A-Za-z0-9+/]*|(?:_9j_|iVBORw0KGg[o-r])[A-Za-z0-9_-]*)={0,2}$";

/// The largest element id, 2^63 − 1.
const MAX_ELEMENT_ID: &str = "9223372036854775807";

/// Element id digits (`inputs::canonical_id`): leading zeros, then 1 … 2^63 − 1.
pub fn element_id_pattern() -> String {
    format!("^0*(?:[1-9][0-9]{{0,17}}|{})$", at_most_digits(MAX_ELEMENT_ID))
}

/// The numbers of exactly `max.len()` digits (no leading zero) up to `max`: for each digit of
/// `max`, its prefix, a smaller digit there, then any digits; and `max` itself.
fn at_most_digits(max: &str) -> String {
    let d: Vec<u8> = max.bytes().map(|b| b - b'0').collect();
    let mut alts = Vec::new();
    for (i, &digit) in d.iter().enumerate() {
        let lo = u8::from(i == 0);
        if digit > lo {
            let rest = d.len() - i - 1;
            let tail = if rest > 0 { format!("[0-9]{{{rest}}}") } else { String::new() };
            alts.push(format!("{}[{lo}-{}]{tail}", &max[..i], digit - 1));
        }
    }
    alts.push(max.to_owned());
    alts.join("|")
}

/// The shared definitions every family document carries.
pub fn defs() -> J {
    obj(vec![
        ("http_url", S::new().set("type", "string").set("pattern", http_url_pattern()).done()),
        (
            "image",
            S::new()
                .set("description", "An http(s) URL, or raw base64 (no data: prefix) of a JPEG or PNG image.")
                .set("type", "string")
                .set("pattern", format!("{}|{}", http_url_pattern(), BASE64_PATTERN))
                .done(),
        ),
        (
            "element_id",
            S::new()
                .set("description", "int64 digits (leading zeros allowed), 1 … 2^63 − 1, or a whole number; keep ids above 2^53 as strings.")
                .set(
                    "anyOf",
                    vec![
                        S::new().set("type", "string").set("pattern", element_id_pattern()).done(),
                        S::new().set("type", "integer").set("minimum", 1i64).set("maximum", J::Num(MAX_ELEMENT_ID.into())).done(),
                    ],
                )
                .done(),
        ),
        (
            "duration",
            S::new()
                .set("description", "Whole seconds: 1–4 digits, or a whole number; the body sends it as a string.")
                .set("anyOf", vec![digits_any(), S::new().set("type", "integer").set("minimum", 0i64).set("maximum", J::Num(u32::MAX.to_string())).done()])
                .done(),
        ),
    ])
}

/// `basic::plain_duration`'s strings: 1–4 ASCII digits.
fn digits_any() -> J {
    S::new().set("type", "string").set("pattern", "^[0-9]{1,4}$").done()
}

/// The digit strings (at most 4 characters, leading zeros allowed) whose value is in `values`.
pub fn digits_of(values: &[u32]) -> String {
    let mut groups: Vec<String> = Vec::new();
    for width in 1..=4u32 {
        let alts: Vec<String> = values.iter().filter(|v| v.to_string().len() as u32 == width).map(u32::to_string).collect();
        if !alts.is_empty() {
            let zeros = if width < 4 { format!("0{{0,{}}}", 4 - width) } else { String::new() };
            groups.push(format!("{zeros}(?:{})", alts.join("|")));
        }
    }
    format!("^(?:{})$", groups.join("|"))
}

/// The `anyOf` of a duration narrowed to `values`: any value that is not a duration passes
/// (null, left out, or one the format check refuses: the narrowing says only which durations a
/// model takes, so it stays right when GEN-DURATION or GEN-TYPE is turned down).
pub fn duration_in(values: &[u32]) -> J {
    let not_a_duration = S::new().set("not", reference("duration")).done();
    let numbers = S::new().set("enum", values.iter().map(|v| J::from(*v)).collect::<Vec<_>>()).done();
    J::Arr(vec![not_a_duration, S::new().set("type", "string").set("pattern", digits_of(values)).done(), numbers])
}

pub fn null() -> J {
    S::new().set("type", "null").done()
}

fn reference(name: &str) -> J {
    S::new().set("$ref", format!("#/$defs/{name}")).done()
}

/// `type`, with "null" added when the field may be null (null reads as left out).
fn ty(name: &str, nullable: bool) -> J {
    if nullable {
        strs(&[name, "null"])
    } else {
        J::from(name)
    }
}

/// A `$defs` entry (or `extra`, or null when allowed), tagged with `rules`.
fn defined(s: S, name: &str, nullable: bool, extra: Option<J>, rules: &[&'static str]) -> S {
    if !nullable && extra.is_none() {
        return s.rule("$ref", format!("#/$defs/{name}"), rules);
    }
    let mut any = vec![reference(name)];
    any.extend(extra);
    if nullable {
        any.push(null());
    }
    s.rule("anyOf", any, rules)
}

/// Fields whose empty string is dropped with a warning, not refused (`inputs::common_tail`).
const EMPTY_DROPPED: &[&str] = &["callback_url", "external_task_id"];

/// The schema of a field's value. `models`: model_name's values; `model_rules`: the rules a
/// wrong model reports under; `shot_rule`: the rule a shot duration past the total reports under.
pub fn value(f: &Field, models: &[&str], model_rules: &[&'static str], shot_rule: &'static str) -> S {
    let nullable = !f.required;
    let s = S::new();
    let s = if f.doc.is_empty() { s } else { s.set("description", f.doc) };
    match f.ty {
        Type::Str { max, non_empty } => {
            let s = s.r("type", ty("string", nullable), ids::TYPE);
            let s = if non_empty && !EMPTY_DROPPED.contains(&f.name) { s.r("minLength", 1usize, ids::EMPTY) } else { s };
            if max > 0 {
                s.rule("maxLength", max, &distinct(&[ids::LENGTH, f.rule]))
            } else {
                s
            }
        }
        // `basic::get_enum` reports GEN-ENUM; the table names the rule a family may report instead.
        Type::Enum(values) => s.rule("enum", with_null(strs(values), nullable), &distinct(&[ids::TYPE, ids::ENUM, f.rule])),
        Type::Model => {
            let rules: Vec<&'static str> = [ids::TYPE].into_iter().chain(model_rules.iter().copied()).collect();
            s.rule("enum", with_null(strs(models), nullable), &rules)
        }
        Type::Bool => s.r("type", ty("boolean", nullable), ids::TYPE),
        Type::Float { min, max } => s.r("type", ty("number", nullable), ids::TYPE).r("minimum", min, f.rule).r("maximum", max, f.rule),
        Type::Int { min, max } => {
            let s = s.rule("type", ty("integer", nullable), &[ids::TYPE, ids::RANGE]);
            let s = if min > i64::MIN { s.r("minimum", min, f.rule) } else { s };
            if max < i64::MAX {
                s.r("maximum", max, f.rule)
            } else {
                s
            }
        }
        Type::Duration => defined(s, "duration", nullable, None, &[ids::TYPE, ids::DURATION]),
        Type::ShotDuration => {
            // 1 … the request's duration, at most the longest any model makes (15 s).
            let longest = crate::caps::MODELS.iter().flat_map(|m| m.durations.iter().copied()).max().unwrap_or(15);
            let range: Vec<u32> = (1..=longest).collect();
            let number = S::new().set("type", "integer").set("minimum", 1i64).set("maximum", longest).done();
            let any = vec![S::new().set("type", "string").set("pattern", digits_of(&range)).done(), number];
            s.rule("anyOf", any, &[ids::TYPE, ids::DURATION, shot_rule])
        }
        Type::ElementId => defined(s, "element_id", nullable, None, &[ids::TYPE, ids::INT64]),
        Type::Image => defined(s, "image", nullable, None, &[ids::TYPE, ids::EMPTY, ids::IMAGE]),
        Type::Url => {
            let empty = EMPTY_DROPPED.contains(&f.name).then(|| S::new().set("const", "").done());
            defined(s, "http_url", nullable, empty, &[ids::TYPE, ids::EMPTY, ids::URL])
        }
        Type::Object(fields) => object(s.r("type", ty("object", nullable), ids::TYPE), fields, models, model_rules, shot_rule),
        Type::List { item, min, max } => {
            let s = s.r("type", ty("array", nullable), ids::TYPE);
            let s = if min > 0 { s.r("minItems", min, f.rule) } else { s };
            let s = if max < usize::MAX { s.r("maxItems", max, f.rule) } else { s };
            let item = Field { name: "", ty: *item, required: true, doc: "", ..*f };
            s.set("items", value(&item, models, model_rules, shot_rule).done())
        }
    }
}

/// An object's `properties`, `required` and `additionalProperties: false`.
pub fn object(s: S, fields: &[Field], models: &[&str], model_rules: &[&'static str], shot_rule: &'static str) -> S {
    let props = fields
        .iter()
        .map(|f| {
            let schema = match (f.when.is_empty(), f.required) {
                (false, _) => unchecked(f),
                (true, true) => demanded(f, ids::REQUIRED, models, model_rules, shot_rule).done(),
                (true, false) => value(f, models, model_rules, shot_rule).done(),
            };
            (f.name, schema)
        })
        .collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.name).collect();
    let s = s.set("properties", obj(props));
    let s = if required.is_empty() { s } else { s.r("required", strs(&required), ids::REQUIRED) };
    s.r("additionalProperties", false, ids::UNKNOWN)
}

/// The schema of a field `rule` demands: its value as an optional field's, and not null. Null
/// reads as left out, which only `rule` refuses: with `rule` turned down a null passes, whatever
/// the field's other rules say.
pub fn demanded(f: &Field, rule: &'static str, models: &[&str], model_rules: &[&'static str], shot_rule: &'static str) -> S {
    value(&Field { required: false, ..*f }, models, model_rules, shot_rule).r("not", null(), rule)
}

/// A field read only in some requests (`Field::when`): any value here; the conditions that read
/// it carry its schema.
fn unchecked(f: &Field) -> J {
    S::new().set("description", format!("{} Read only when {}; otherwise ignored, whatever it holds.", f.doc, f.when).trim_start().to_owned()).done()
}

/// `rules` without repeats, in order.
fn distinct(rules: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in rules {
        if !out.contains(r) {
            out.push(r);
        }
    }
    out
}

fn with_null(values: J, nullable: bool) -> J {
    match values {
        J::Arr(mut a) if nullable => {
            a.push(J::Null);
            J::Arr(a)
        }
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_patterns_take_leading_zeros_up_to_four_characters() {
        assert_eq!(digits_of(&[5, 10]), "^(?:0{0,3}(?:5)|0{0,2}(?:10))$");
        assert_eq!(digits_of(&[3, 4]), "^(?:0{0,3}(?:3|4))$");
    }

    #[test]
    fn at_most_digits_takes_every_number_up_to_max_and_none_past_it() {
        assert_eq!(at_most_digits("305"), "[1-2][0-9]{2}|30[0-4]|305");
        assert_eq!(at_most_digits("100"), "100");
    }
}
