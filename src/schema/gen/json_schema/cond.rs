//! Conditions on a request (as `if` / `not` subschemas) and the constraints built on them.
//!
//! A condition that switches a constraint on must imply what the check looks at (else the schema
//! could refuse a request `validate` accepts); one that switches a constraint off must follow
//! from it. Null reads as left out everywhere (`json::Value::field`), so "given" means present
//! and not null.

use super::tree::{obj, strs, J, S};
use super::values::null;
use crate::caps::{Endpoint, Scope};
use crate::rules::ids;

/// `name` is given (present, not null).
pub fn given(name: &str) -> J {
    S::new().set("required", strs(&[name])).set("properties", obj(vec![(name, S::new().set("not", null()).done())])).done()
}

/// `name` is the constant `value`.
pub fn is(name: &str, value: impl Into<J>) -> J {
    S::new().set("required", strs(&[name])).set("properties", obj(vec![(name, S::new().set("const", value).done())])).done()
}

/// `name` is a list of at least `n` items.
pub fn at_least(name: &str, n: usize) -> J {
    let list = S::new().set("type", "array").set("minItems", n).done();
    S::new().set("required", strs(&[name])).set("properties", obj(vec![(name, list)])).done()
}

/// `name` is a list holding an item that matches `item`.
pub fn contains(name: &str, item: J) -> J {
    let list = S::new().set("type", "array").set("contains", item).done();
    S::new().set("required", strs(&[name])).set("properties", obj(vec![(name, list)])).done()
}

/// An object item whose `key` is the constant `value`.
pub fn item_is(key: &str, value: &str) -> J {
    S::new().set("type", "object").set("required", strs(&[key])).set("properties", obj(vec![(key, S::new().set("const", value).done())])).done()
}

pub fn all(conds: Vec<J>) -> J {
    S::new().set("allOf", conds).done()
}

pub fn any(conds: Vec<J>) -> J {
    S::new().set("anyOf", conds).done()
}

pub fn not(cond: J) -> J {
    S::new().set("not", cond).done()
}

/// The request must not match `cond` (the check reports it under `rule`).
pub fn forbid(cond: J, rule: &'static str) -> J {
    S::new().r("not", cond, rule).done()
}

/// When the request matches `cond`, it must match `then` (reported under `rule`).
pub fn when(cond: J, then: J, rule: &'static str) -> J {
    S::new().set("if", cond).r("then", then, rule).done()
}

/// A constraint on one field's value: `{ properties: { name: schema } }`.
pub fn field(name: &str, schema: J) -> J {
    S::new().set("properties", obj(vec![(name, schema)])).done()
}

/// A list field of at most `max` items (null and left out pass). The type is there for strict
/// validators (keywords beside their type), tagged so it goes with the type check.
pub fn at_most(name: &str, max: usize) -> J {
    field(name, S::new().r("type", strs(&["array", "null"]), ids::TYPE).set("maxItems", max).done())
}

/// What `rules::video::Run::feature` demands of a request using a feature of `scope` on a model
/// with `modes` (empty: one fixed mode): its mode and duration (each left out reads as the
/// endpoint's default). None when nothing is demanded; `Err` when no request can use it.
pub fn scope(scope: Scope, modes: &[&str], endpoint: Endpoint) -> Result<Option<J>, ()> {
    let mut parts = Vec::new();
    if !scope.modes.is_empty() {
        if modes.is_empty() {
            // The run's mode is "" on a fixed-mode model: never in a scope's modes.
            return Err(());
        }
        let default_ok = scope.modes.contains(&endpoint.default_mode());
        let mut values = strs(scope.modes);
        if let J::Arr(a) = &mut values {
            if default_ok {
                a.push(J::Null);
            }
        }
        let s = S::new().set("properties", obj(vec![("mode", S::new().set("enum", values).done())]));
        parts.push(if default_ok { s.done() } else { s.set("required", strs(&["mode"])).done() });
    }
    if !scope.durations.is_empty() {
        // The run's duration is 5 when left out (`rules::video::check`).
        let default_ok = scope.durations.contains(&5);
        let s = S::new().set("properties", obj(vec![("duration", S::new().set("anyOf", super::values::duration_in(scope.durations)).done())]));
        parts.push(if default_ok { s.done() } else { s.set("required", strs(&["duration"])).done() });
    }
    Ok(match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(all(parts)),
    })
}

/// A feature the request uses when it matches `cond`, on a model that has it in `scope` (None:
/// not at all): forbidden (under `missing`) or limited to its modes and durations (`outside`).
pub fn feature(cond: J, has: Option<Scope>, modes: &[&str], endpoint: Endpoint, missing: &'static str, outside: &'static str) -> Option<J> {
    match has.map(|s| scope(s, modes, endpoint)) {
        None => Some(forbid(cond, missing)),
        Some(Err(())) => Some(forbid(cond, outside)),
        Some(Ok(None)) => None,
        Some(Ok(Some(then))) => Some(when(cond, then, outside)),
    }
}
