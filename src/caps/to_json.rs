//! `capabilities()`'s JSON text, written by hand from the map in caps.rs.

use super::{models_for, Elements, Endpoint, ModelCaps, Scope, Support, MODELS};
use crate::json::{write_str, write_u64};

/// The whole map as JSON text, for `capabilities()`. Written by hand, not by serde: the derived
/// serializers of these rows cost ~5 KB of wasm for one call. The `Serialize` derives stay (tsify
/// reads their attributes) and the test below pins this text to what they would write.
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
        o.push_str(",\"default_model\":");
        write_str(o, e.default_model());
        o.push_str(",\"default_mode\":");
        write_str(o, e.default_mode());
        o.push_str(",\"models\":");
        strs(o, &models_for(e));
        o.push('}');
    });
    o.push('}');
    o
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
    o.push('}');
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
            default_model: &'static str,
            default_mode: &'static str,
            models: Vec<&'static str>,
        }
        let endpoints = Endpoint::ALL
            .into_iter()
            .map(|e| EndpointRow {
                family: e.family(),
                path: e.path(),
                default_model: e.default_model(),
                default_mode: e.default_mode(),
                models: models_for(e),
            })
            .collect();
        let expected = serde_json::to_string(&Map { models: MODELS, endpoints }).unwrap();
        assert_eq!(to_json(), expected);
    }
}
