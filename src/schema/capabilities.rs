//! `capabilities()`'s JSON text: the capability map of caps.rs, and per endpoint the choices
//! each model offers a form, read from the schema tables narrowed by the map.

use super::{family, Field, Type};
use crate::caps::{self, models_for, Elements, Endpoint, ModelCaps, Scope, Support, MODELS};
use crate::json::{write_num, write_str, write_u64, Num};

/// The whole map as JSON text, for `capabilities()`. Written by hand, not by serde: the derived
/// serializers of these rows cost ~5 KB of wasm for one call. The `Serialize` derives stay for the
/// test below, which pins this text to what they would write (every field, its serde name).
pub fn to_json() -> String {
    let mut o = String::with_capacity(6144);
    o.push_str("{\"models\":");
    list(&mut o, MODELS, model_json);
    o.push_str(",\"endpoints\":");
    list(&mut o, &Endpoint::ALL, |o, &e| {
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
        list(o, &rows, |o, m| choices(o, family(e).fields, m, e));
        o.push('}');
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
    list(o, m.endpoints, |o, e| write_str(o, e.family()));
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
    list(o, m.camera_control, |o, (e, s)| {
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
    list(o, m.resolution_by_mode, |o, (mode, res)| strs(o, &[mode, res]));
    o.push_str(",\"fps\":");
    list(o, m.fps, |o, (e, n)| {
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
    field_choices(o, fields, "", model, endpoint, &mut first);
    o.push_str("}}");
}

/// A field the model lacks the capability for (`Field::needs`) is left out with its inner fields;
/// an enum keeps the values the map gives the model, less those a rule refuses by default.
fn field_choices(o: &mut String, fields: &[Field], prefix: &str, model: &ModelCaps, endpoint: Endpoint, first: &mut bool) {
    for f in fields.iter().filter(|f| f.needs.offered(model, endpoint)) {
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
                let kept: Vec<&str> = values.iter().copied().filter(|v| f.narrow.allows(model, v) && !f.refused.1.contains(v)).collect();
                strs(o, &kept);
                o.push('}');
            }
            Type::Duration => {
                key(o);
                o.push_str("{\"values\":");
                nums(o, model.durations);
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

/// `[a,b,...]`, each item written by `item`.
fn list<T>(o: &mut String, items: &[T], item: impl Fn(&mut String, &T)) {
    o.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        item(o, x);
    }
    o.push(']');
}

fn strs(o: &mut String, items: &[&str]) {
    list(o, items, |o, s| write_str(o, s));
}

fn nums(o: &mut String, items: &[u32]) {
    list(o, items, |o, n| write_u64(o, u64::from(*n)));
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
mod tests {
    use super::*;
    use serde::Serialize;

    /// The hand-written JSON is exactly what the serde derives (the TS types' source) write.
    #[test]
    fn to_json_is_what_serde_writes() {
        #[derive(Serialize)]
        struct Map {
            models: &'static [ModelCaps],
            endpoints: Vec<EndpointRow>,
        }
        #[derive(Serialize)]
        struct EndpointRow {
            family: &'static str,
            path: &'static str,
            default_model: Option<&'static str>,
            default_mode: Option<&'static str>,
            models: Vec<&'static str>,
        }
        let endpoints = Endpoint::ALL
            .into_iter()
            .map(|e| EndpointRow {
                family: e.family(),
                path: e.path(),
                default_model: e.has_models().then(|| e.default_model()),
                default_mode: e.has_models().then(|| e.default_mode()),
                models: models_for(e),
            })
            .collect();
        let expected = serde_json::to_string(&Map { models: MODELS, endpoints }).unwrap();
        // The choices are written from the tables, not by a derive: compared without them here,
        // and checked by the test below.
        let mut got: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
        for e in got["endpoints"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("choices");
        }
        assert_eq!(got, serde_json::from_str::<serde_json::Value>(&expected).unwrap());
    }

    /// The choices are the tables' values narrowed by the map: spot checks a form relies on.
    #[test]
    fn choices_follow_tables_and_map() {
        let got: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
        let row = |family: &str, model: &str| {
            let e = got["endpoints"].as_array().unwrap().iter().find(|e| e["family"] == family).unwrap();
            e["choices"].as_array().unwrap().iter().find(|c| c["model"] == model).unwrap()["fields"].clone()
        };
        let v3 = row("text2video", "kling-v3");
        assert_eq!(v3["aspect_ratio"]["values"], serde_json::json!(["16:9", "9:16", "1:1"]));
        assert_eq!(v3["duration"]["values"].as_array().unwrap().len(), 13);
        assert_eq!(v3["sound"]["values"], serde_json::json!(["on", "off"]));
        assert_eq!(v3["voice_list"], serde_json::json!({"min": 0, "max": 2}));
        assert_eq!(row("text2video", "kling-v2-5-turbo")["sound"]["values"], serde_json::json!(["off"]));
        assert_eq!(row("text2video", "kling-v2-master")["mode"]["values"], serde_json::json!([]));
        let o1 = row("omni-image", "kling-image-o1");
        assert_eq!(o1["resolution"]["values"], serde_json::json!(["1k", "2k"]));
        assert_eq!(o1["result_type"]["values"], serde_json::json!(["single"]));
        assert_eq!(o1["n"], serde_json::json!({"min": 1, "max": 9}));
        // Every aspect ratio the table declares (no model narrows them): read from the table, so
        // adding one is still one edit.
        let aspects: Vec<&str> = crate::schema::omni_image::ASPECT_RATIO.values().to_vec();
        assert_eq!(row("omni-image", "kling-v3-omni")["aspect_ratio"]["values"], serde_json::json!(aspects));
        assert_eq!(row("image2video", "kling-v1")["cfg_scale"], serde_json::json!({"min": 0, "max": 1}));
        // A field the model lacks the capability for is not offered (the checks would refuse
        // it), nor is a value a rule refuses by default.
        let o1 = row("omni-video", "kling-video-o1");
        assert!(o1.get("shot_type").is_none() && o1.get("multi_prompt").is_none() && o1.get("multi_prompt.duration").is_none());
        assert_eq!(row("omni-video", "kling-v3-omni")["shot_type"]["values"], serde_json::json!(["customize"]));
        assert_eq!(row("text2video", "kling-v3")["shot_type"]["values"], serde_json::json!(["customize", "intelligence"]));
        assert!(v3.get("cfg_scale").is_none() && v3.get("camera_control.type").is_none());
        let v1 = row("text2video", "kling-v1");
        assert!(v1.get("voice_list").is_none() && v1.get("cfg_scale").is_some() && v1.get("camera_control.type").is_some());
        assert!(row("omni-image", "kling-image-o1").get("series_amount").is_none());
        assert!(row("image2video", "kling-v2-master").get("image_tail").is_none() && row("image2video", "kling-v2-master").get("dynamic_masks").is_none());
        // Nested fields by their dotted path.
        let omni = row("omni-video", "kling-v3-omni");
        assert_eq!(omni["image_list.type"]["values"], serde_json::json!(["first_frame", "end_frame"]));
        assert_eq!(omni["video_list.refer_type"]["values"], serde_json::json!(["feature", "base"]));
        assert_eq!(row("text2video", "kling-v1")["camera_control.config.pan"], serde_json::json!({"min": -10, "max": 10}));
    }
}
