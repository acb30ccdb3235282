//! `capabilities()`'s JSON text: the capability map of caps.rs, and per endpoint the choices
//! each model offers a form, read from the schema tables narrowed by the map.

use super::{family, Field, Type};
use crate::caps::{self, models_for, Elements, Endpoint, ModelCaps, Scope, Support, MODELS};
use crate::json::{write_list, write_num, write_str, write_u64, Num};

/// The whole map as JSON text, for `capabilities()`. Written by hand, not by serde: the derived
/// serializers of these rows cost ~5 KB of wasm for one call. The `Serialize` derives stay for the
/// test below, which pins this text to what they would write (every field, its serde name).
pub fn to_json() -> String {
    let mut o = String::with_capacity(6144);
    o.push_str("{\"models\":");
    write_list(&mut o, MODELS, model_json);
    o.push_str(",\"endpoints\":");
    write_list(&mut o, &Endpoint::ALL, |o, &e| {
        o.push_str("{\"family\":");
        write_str(o, e.family());
        o.push_str(",\"path\":");
        write_str(o, e.path());
        // A family without models (elements, voices) has neither default.
        o.push_str(",\"default_model\":");
        nullable(o, e.has_models().then(|| e.default_model()));
        o.push_str(",\"default_mode\":");
        nullable(o, e.has_models().then(|| e.default_mode()));
        o.push_str(",\"models\":");
        strs(o, &models_for(e));
        o.push_str(",\"choices\":");
        let rows: Vec<&ModelCaps> = models_for(e).into_iter().filter_map(caps::model).collect();
        write_list(o, &rows, |o, m| choices(o, family(e).fields, m, e));
        // The table's own choices, before a model narrows them: all a form of a family without
        // models (custom-element's reference_type, tag_list.tag_id) has.
        o.push_str(",\"fields\":{");
        field_choices(o, family(e).fields, "", None, e, &mut true);
        o.push_str("}}");
    });
    o.push('}');
    o
}

/// A string, or null.
fn nullable(o: &mut String, s: Option<&str>) {
    match s {
        Some(s) => write_str(o, s),
        None => o.push_str("null"),
    }
}

fn model_json(o: &mut String, m: &ModelCaps) {
    o.push_str("{\"model\":");
    write_str(o, m.model);
    o.push_str(",\"endpoints\":");
    write_list(o, m.endpoints, |o, e| write_str(o, e.family()));
    o.push_str(",\"modes\":");
    strs(o, m.modes);
    o.push_str(",\"durations\":");
    nums(o, m.durations);
    flag(o, ",\"multi_shot\":", m.multi_shot);
    scope(o, ",\"sound\":", m.sound);
    scope(o, ",\"voice\":", m.voice);
    o.push_str(",\"elements\":");
    write_str(
        o,
        match m.elements {
            Elements::None => "none",
            Elements::ImageRefer => "image_refer",
            Elements::All => "all",
        },
    );
    flag(o, ",\"video_reference\":", m.video_reference);
    scope(o, ",\"start_end_frame\":", m.start_end_frame);
    flag(o, ",\"start_end_frame_silent\":", m.start_end_frame_silent);
    scope(o, ",\"end_frame_only\":", m.end_frame_only);
    o.push_str(",\"camera_control\":");
    write_list(o, m.camera_control, |o, (e, s)| {
        o.push('[');
        write_str(o, e.family());
        scope(o, ",", Some(*s));
        o.push(']');
    });
    flag(o, ",\"camera_simple_only\":", m.camera_simple_only);
    scope(o, ",\"motion_brush\":", m.motion_brush);
    flag(o, ",\"cfg_scale\":", m.cfg_scale);
    o.push_str(",\"resolutions\":");
    strs(o, m.resolutions);
    flag(o, ",\"series\":", m.series);
    o.push_str(",\"auto_aspect_t2i\":");
    write_str(
        o,
        match m.auto_aspect_t2i {
            Support::No => "no",
            Support::Yes => "yes",
            Support::Disputed => "disputed",
        },
    );
    o.push_str(",\"resolution_by_mode\":");
    write_list(o, m.resolution_by_mode, |o, (mode, res)| strs(o, &[mode, res]));
    o.push_str(",\"fps\":");
    write_list(o, m.fps, |o, (e, n)| {
        o.push('[');
        write_str(o, e.family());
        o.push(',');
        write_u64(o, u64::from(*n));
        o.push(']');
    });
    o.push_str(",\"image_aspects\":");
    strs(o, m.image_aspects);
    flag(o, ",\"image_reference\":", m.image_reference);
    flag(o, ",\"needs_image\":", m.needs_image);
    o.push('}');
}

/// What `model` offers for each enum, duration, number and list field of a family: the enum
/// values it takes (narrowed by the map where the table says so), its durations, the ranges and
/// the list lengths. A form builds its selects from these, not from lists of its own. Fields
/// inside objects and list items are keyed by their dotted path ("image_list.type",
/// "camera_control.config.pan"), so a form's nested selects need no lists of their own either.
fn choices(o: &mut String, fields: &[Field], model: &ModelCaps, endpoint: Endpoint) {
    o.push_str("{\"model\":");
    write_str(o, model.model);
    o.push_str(",\"fields\":{");
    let mut first = true;
    field_choices(o, fields, "", Some(model), endpoint, &mut first);
    o.push_str("}}");
}

/// A field the model lacks the capability for (`Field::needs`) is left out with its inner fields;
/// an enum keeps the values the map gives the model, less those a rule refuses by default.
/// Without a model: every field, each enum's values less the refused ones, the durations of any
/// model of the endpoint.
fn field_choices(o: &mut String, fields: &[Field], prefix: &str, model: Option<&ModelCaps>, endpoint: Endpoint, first: &mut bool) {
    for f in fields.iter().filter(|f| model.is_none_or(|m| f.needs.offered(m, endpoint))) {
        let mut key = |o: &mut String| {
            if !std::mem::take(first) {
                o.push(',');
            }
            write_str(o, &format!("{prefix}{}", f.name));
            o.push(':');
        };
        let range = |o: &mut String, lo: f64, hi: f64| {
            o.push_str("{\"min\":");
            bound(o, lo);
            o.push_str(",\"max\":");
            bound(o, hi);
            o.push('}');
        };
        match f.ty {
            Type::Enum(values) => {
                key(o);
                o.push_str("{\"values\":");
                let kept: Vec<&str> = values.iter().copied().filter(|v| model.is_none_or(|m| f.narrow.allows(m, v)) && !f.refused.1.contains(v)).collect();
                strs(o, &kept);
                o.push('}');
            }
            Type::Duration => {
                key(o);
                o.push_str("{\"values\":");
                let mut all: Vec<u32> = match model {
                    Some(m) => m.durations.to_vec(),
                    None => models_for(endpoint).into_iter().filter_map(caps::model).flat_map(|m| m.durations.iter().copied()).collect(),
                };
                all.sort_unstable();
                all.dedup();
                nums(o, &all);
                o.push('}');
            }
            Type::Int { .. } | Type::Float { .. } => {
                key(o);
                let (lo, hi) = f.range();
                range(o, lo, hi);
            }
            Type::List { .. } => {
                key(o);
                let (lo, hi) = f.list_len();
                range(o, lo as f64, hi as f64);
            }
            _ => {}
        }
        if !f.items().is_empty() {
            field_choices(o, f.items(), &format!("{prefix}{}.", f.name), model, endpoint, first);
        }
    }
}

/// A bound as a JSON number; an unbounded list's or integer's end is `null`.
fn bound(o: &mut String, v: f64) {
    if v.abs() >= 9.0e15 {
        o.push_str("null");
    } else if v.fract() == 0.0 {
        // Whole bounds as integers ("1", not "1.0"), as a form compares them with numbers.
        write_num(o, Num::I(v as i64));
    } else {
        write_num(o, Num::F(v));
    }
}

fn strs(o: &mut String, items: &[&str]) {
    write_list(o, items, |o, s| write_str(o, s));
}

fn nums(o: &mut String, items: &[u32]) {
    write_list(o, items, |o, n| write_u64(o, u64::from(*n)));
}

fn flag(o: &mut String, key: &str, v: bool) {
    o.push_str(key);
    o.push_str(if v { "true" } else { "false" });
}

fn scope(o: &mut String, key: &str, s: Option<Scope>) {
    o.push_str(key);
    match s {
        None => o.push_str("null"),
        Some(s) => {
            o.push_str("{\"modes\":");
            strs(o, s.modes);
            o.push_str(",\"durations\":");
            nums(o, s.durations);
            o.push('}');
        }
    }
}

#[cfg(test)]
#[path = "capabilities_tests.rs"]
mod tests;
