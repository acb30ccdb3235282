//! Perturbations of valid requests for the JSON Schema corpus (tests/schema_corpus.rs): each
//! replaces a field, at the top or inside a list item, with a value drawn from its table type —
//! edge cases on both sides of every check (leading zeros, null, "", blank, lengths at and past a
//! limit, URL and base64 corners, other models' values) — or removes it, or adds an unknown key.
//! `validate` then says which side each result is on; the schema must accept every accepted one.
#![allow(dead_code)]

use crate::proptest_support::Pick;
use kling_wasm::caps;
use kling_wasm::schema::{Family, Field, Type};
use serde_json::{json, Map, Value};

/// Applies 1–3 edits to `req`.
pub fn perturb(p: &mut Pick, family: &Family, req: &mut Map<String, Value>) {
    for _ in 0..p.range(1, 3) {
        match p.below(10) {
            0 => {
                req.insert(p.one(&["promt", "extra", "model", "Duration"]).to_owned(), p.one(&[json!(null), json!(1), json!("x")]));
            }
            1 | 2 => edit_item(p, family.fields, req),
            _ => edit(p, family.fields, req),
        }
    }
}

/// Replaces or removes one field of `obj`.
fn edit(p: &mut Pick, fields: &[Field], obj: &mut Map<String, Value>) {
    let f = p.one(fields);
    if p.chance(1, 8) {
        obj.remove(f.name);
    } else {
        obj.insert(f.name.to_owned(), value(p, &f.ty, 0));
    }
}

/// Edits a field of one item of a list field the request holds.
fn edit_item(p: &mut Pick, fields: &[Field], req: &mut Map<String, Value>) {
    let lists: Vec<&Field> =
        fields.iter().filter(|f| f.ty.object_fields().is_some() && req.get(f.name).is_some_and(|v| v.is_array() || v.is_object())).collect();
    if lists.is_empty() {
        return edit(p, fields, req);
    }
    let f = lists[p.below(lists.len())];
    let Some(inner) = f.ty.object_fields() else { return };
    match req.get_mut(f.name) {
        Some(Value::Array(items)) if !items.is_empty() => {
            let at = p.below(items.len());
            if let Some(Value::Object(item)) = items.get_mut(at) {
                edit(p, inner, item);
            } else if p.chance(1, 2) {
                items.remove(at);
            }
        }
        Some(Value::Object(item)) => edit(p, inner, item),
        _ => {}
    }
}

/// Prompt references, well-formed or not, each read as the check reads them (or not at all).
const REFS: &[&str] = &[
    "<<<image_1>>>",
    "<<<image_2>>>",
    "<<<image_3>>>",
    "<<<image_01>>>",
    "<<<image_+2>>>",
    "<<<image_0>>>",
    "<<<image_11>>>",
    "<<<image_99999999999>>>",
    "<<<<image_1>>>>",
    "<<<image_1_2>>>",
    "<<< image_1>>>",
    "<<<image_1>>",
    "<<<element_1>>>",
    "<<<element_4>>>",
    "<<<object_2>>>",
    "<<<video_1>>>",
    "<<<video_2>>>",
    "<<<voice_1>>>",
    "<<<voice_3>>>",
    "<<<voice_0001>>>",
];

/// A value for a field of type `ty`: valid, borderline or wrong.
pub fn value(p: &mut Pick, ty: &Type, depth: usize) -> Value {
    if p.chance(1, 12) {
        return p.one(&[Value::Null, json!(true), json!(7), json!("x"), json!([]), json!({})]);
    }
    match *ty {
        Type::Str { max, .. } => {
            let n = if max == 0 { 300 } else { max };
            let c = p.one(&["x", "é", "镜", "🙂"]);
            let (r1, r2, r3) = (p.one(REFS), p.one(REFS), p.one(REFS));
            p.one(&[
                json!(""),
                json!(" "),
                json!("\u{3000}\t"),
                json!("\u{feff}"),
                json!(format!("a {r1} b")),
                json!(format!("{r2} and {r3}")),
                json!(c.repeat(n)),
                json!(c.repeat(n + 1)),
                json!(format!(" {} ", c.repeat(n.saturating_sub(2)))),
            ])
        }
        Type::Enum(values) => {
            let v = p.one(values);
            p.one(&[json!(v), json!(v), json!(v.to_uppercase()), json!("bogus"), json!("")])
        }
        Type::Model => json!(p.one(caps::MODELS).model),
        Type::Bool => p.one(&[json!(true), json!(false), json!("true"), json!(0)]),
        Type::Float { min, max } => {
            p.one(&[json!(min), json!(max), json!((min + max) / 2.0), json!(min - 0.5), json!(max + 0.5), json!(0), json!(0.25), json!("0.5")])
        }
        Type::Int { min, max } => {
            let (lo, hi) = (min.max(-5), max.min(12));
            p.one(&[json!(lo), json!(hi), json!(lo - 1), json!(hi + 1), json!(2.0), json!(2.5), json!("3"), json!(1)])
        }
        Type::Duration | Type::ShotDuration => p.one(&[
            json!("5"),
            json!("05"),
            json!("0005"),
            json!("00005"),
            json!("10"),
            json!("3"),
            json!("15"),
            json!("16"),
            json!("0"),
            json!(0),
            json!(5),
            json!(5.0),
            json!(7),
            json!(10),
            json!(11),
            json!(1),
            json!(2),
            json!(5.5),
            json!("5.0"),
            json!(""),
            json!(" 5"),
            json!(-5),
            json!(4_294_967_296u64),
        ]),
        Type::ElementId => p.one(&[
            json!("1"),
            json!("0001"),
            json!("829836802793406551"),
            json!("9223372036854775807"),
            json!("9223372036854775808"),
            json!("0"),
            json!(""),
            json!("12a"),
            json!(" 12"),
            json!(1),
            json!(0),
            json!(-1),
            json!(9_007_199_254_740_991u64),
            json!(9_007_199_254_740_993u64),
            json!(1.5),
        ]),
        Type::Image | Type::Url => p.one(&[
            json!("https://example.com/a.png"),
            json!("http://x"),
            json!("https://"),
            json!("https://@x"),
            json!("https://a@b@c/d?e#f"),
            json!("https://a@"),
            json!("https://:80"),
            json!("https://x:80/p"),
            json!("https://x y"),
            json!("https://x/\u{a0}"),
            json!("https://x/\u{feff}"),
            json!("https://x/\u{85}"),
            json!("HTTP://x"),
            json!("ftp://x"),
            json!("aGVsbG8gd29ybGQ="),
            json!("aGVsbG8g"),
            json!("aGVsbG8"),
            json!("aGVsbG8gd29ybGQ==="),
            json!("aGVs-_bG8gd29y/+=="),
            json!("/9j/4AAQSkZJRgABAQ=="),
            json!("_9j_4AAQSkZJRgABAQ"),
            json!("/9j/4AAQ_kZJRgABAQ"),
            json!("/9j/4AAQSkZJRgABAQ="),
            json!("iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"),
            json!("iVBORw0KGgsAAAANSUhEUgAAAAEAAAAB"),
            json!("iVBORw0KGgoAA"),
            json!("not-a-url"),
            json!("data:image/png;base64,aGVsbG8gd29ybGQ="),
            json!(""),
            json!(" "),
        ]),
        Type::Object(fields) => {
            let mut obj = Map::new();
            if depth < 3 {
                for f in fields {
                    if f.required || p.chance(1, 2) {
                        obj.insert(f.name.to_owned(), value(p, &f.ty, depth + 1));
                    }
                }
            }
            Value::Object(obj)
        }
        Type::List { item, max, .. } => {
            let n = if depth < 3 { p.range(0, max.min(12) + 1) } else { 0 };
            Value::Array((0..n).map(|_| value(p, item, depth + 1)).collect())
        }
    }
}
