//! A built body against its family's schema table (src/schema/): every key is a field declared at
//! its depth, every required field is there, and each value is what the body sends for its type
//! (durations as digit strings, element ids as integers, enum values and models from the table).
//! The golden-body tests and the valid-request property use it in place of typed request structs.
#![allow(dead_code)] // each test binary that includes it uses part of it

use kling_wasm::caps::models_for;
use kling_wasm::schema::{family, Field, Type};
use kling_wasm::Endpoint;
use serde_json::Value;

/// Every way `body` departs from the table of `endpoint`, as "pointer: what" lines.
pub fn body_problems(endpoint: Endpoint, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
    object(endpoint, family(endpoint).fields, body, "", &mut out);
    out
}

/// Panics naming each problem of `body`.
pub fn assert_body_fits(endpoint: Endpoint, body: &Value, name: &str) {
    let problems = body_problems(endpoint, body);
    assert!(problems.is_empty(), "{name}: the body does not fit the {} table:\n{}\n{body}", endpoint.family(), problems.join("\n"));
}

fn object(endpoint: Endpoint, fields: &[Field], v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(obj) = v.as_object() else { return out.push(format!("{at}: not an object")) };
    for (key, x) in obj {
        match fields.iter().find(|f| f.name == key) {
            Some(f) => value(endpoint, &f.ty, x, &format!("{at}/{key}"), out),
            None => out.push(format!("{at}/{key}: not a declared field")),
        }
    }
    for f in fields.iter().filter(|f| f.required && !obj.contains_key(f.name)) {
        out.push(format!("{at}/{}: required, missing", f.name));
    }
}

fn value(endpoint: Endpoint, ty: &Type, v: &Value, at: &str, out: &mut Vec<String>) {
    let ok = match *ty {
        Type::Str { max, non_empty } => v.as_str().is_some_and(|s| (max == 0 || s.chars().count() <= max) && !(non_empty && s.trim().is_empty())),
        Type::Image | Type::Url => v.as_str().is_some_and(|s| !s.is_empty()),
        Type::Enum(values) => v.as_str().is_some_and(|s| values.contains(&s)),
        Type::Model => v.as_str().is_some_and(|s| models_for(endpoint).contains(&s)),
        Type::Bool => v.is_boolean(),
        Type::Float { min, max } => v.as_f64().is_some_and(|n| (min..=max).contains(&n)),
        Type::Int { min, max } => v.as_i64().is_some_and(|n| (min..=max).contains(&n)),
        // The body sends durations as digits, whatever the request had.
        Type::Duration | Type::ShotDuration => v.as_str().is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())),
        // And element ids as JSON integers with their exact digits.
        Type::ElementId => v.as_u64().is_some(),
        Type::Object(fields) => {
            object(endpoint, fields, v, at, out);
            true
        }
        Type::List { item, min, max } => match v.as_array() {
            Some(items) => {
                for (i, x) in items.iter().enumerate() {
                    value(endpoint, item, x, &format!("{at}/{i}"), out);
                }
                (min..=max).contains(&items.len())
            }
            None => false,
        },
    };
    if !ok {
        out.push(format!("{at}: {v} is not a {ty:?}"));
    }
}
