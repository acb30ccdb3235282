//! Guards on the cross-field constraints, so a document stays sound with rules turned down.
//!
//! A constraint that reads several fields mirrors validate()'s reading of them only while their
//! values are well-formed: with a rule that checks a value's form turned down, validate() reads a
//! malformed value its own way (a wrong type as left out, an unknown mode as the endpoint's
//! default, a `true` axis as zero), which no condition here can follow. So each cross-field
//! constraint is wrapped as `{ "allOf": [c] }`, tagged with the form rules of every field it reads:
//! js/json-schema.mjs drops the whole constraint when one of them is turned down (looser, sound).

use super::tree::{J, RULE_KEY, S};
use super::Doc;
use crate::rules::ids;

/// Keywords whose tags say nothing about how validate() reads a value: a string past its length,
/// a list past its count, an object with an unknown key are still read as they are.
const READ_AS_IS: &[&str] = &["maxLength", "minItems", "maxItems", "additionalProperties"];

/// `c` wrapped with the form rules of the fields it reads (unchanged when there are none).
/// `defs` resolves the `$ref`s a constraint makes to the document's own `$defs`.
pub fn guarded(doc: &Doc, c: J, defs: &J) -> J {
    let mut fields = Vec::new();
    reads(&c, defs, &mut fields);
    let mut rules: Vec<&'static str> = Vec::new();
    for name in &fields {
        let Some(f) = doc.family.field(name) else { continue };
        // Its schema as an optional field's, so a required one adds no GEN-REQUIRED: left out, a
        // field is read as left out whatever the policy.
        form_rules(&doc.optional_value(f), &mut rules);
    }
    if rules.is_empty() {
        return c;
    }
    S::new().rule("allOf", vec![c], &rules).done()
}

/// The top-level fields a constraint on the request reads: the keys of `properties` and
/// `required` at the request's level (through `allOf`, `anyOf`, `not`, `if`, `then`, `else`, and
/// the `$defs` it refers to), not deeper.
fn reads(v: &J, defs: &J, out: &mut Vec<String>) {
    let J::Obj(kws) = v else {
        if let J::Arr(items) = v {
            items.iter().for_each(|x| reads(x, defs, out));
        }
        return;
    };
    for (k, x) in kws {
        match (k.as_str(), x) {
            ("properties", J::Obj(props)) => props.iter().for_each(|(name, _)| add(out, name)),
            ("required", J::Arr(names)) => names.iter().for_each(|n| {
                if let J::Str(name) = n {
                    add(out, name);
                }
            }),
            ("$ref", J::Str(target)) => {
                if let Some(def) = target.strip_prefix("#/$defs/").and_then(|name| member(defs, name)) {
                    reads(def, defs, out);
                }
            }
            ("allOf" | "anyOf" | "oneOf" | "not" | "if" | "then" | "else", _) => reads(x, defs, out),
            _ => {}
        }
    }
}

fn add(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|n| n == name) {
        out.push(name.to_owned());
    }
}

fn member<'a>(obj: &'a J, key: &str) -> Option<&'a J> {
    match obj {
        J::Obj(kws) => kws.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

/// The rules tagged anywhere in a field's value schema, but for the keywords in `READ_AS_IS`.
fn form_rules(v: &J, out: &mut Vec<&'static str>) {
    match v {
        J::Obj(kws) => {
            for (k, x) in kws {
                if k == RULE_KEY {
                    let J::Obj(tags) = x else { continue };
                    for (keyword, rules) in tags {
                        if !READ_AS_IS.contains(&keyword.as_str()) {
                            rule_ids(rules, out);
                        }
                    }
                } else {
                    form_rules(x, out);
                }
            }
        }
        J::Arr(items) => items.iter().for_each(|x| form_rules(x, out)),
        _ => {}
    }
}

fn rule_ids(v: &J, out: &mut Vec<&'static str>) {
    match v {
        J::Str(id) => {
            if let Some(r) = crate::schema::rule(id) {
                if !out.contains(&r.id) && r.id != ids::UNKNOWN {
                    out.push(r.id);
                }
            }
        }
        J::Arr(items) => items.iter().for_each(|x| rule_ids(x, out)),
        _ => {}
    }
}
