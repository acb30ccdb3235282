//! Valid-request generators, one per family, written from the rules (kling-api.md §4–§7) and the
//! capability map: each picks a model, then only what that model allows in the chosen mode and
//! duration, lists within their counts, shots adding up to the duration, references that exist.
//! They avoid every field the API would ignore (the builder drops those), so the body is the
//! request under the documented normalisations.

use super::*;
use kling_wasm::caps::{self, Elements, ModelCaps};

fn opt_enum(p: &mut Pick, g: &mut Gen, key: &str, values: &[&str]) -> Option<String> {
    if !p.chance(1, 2) {
        return None;
    }
    let v = p.one(values).to_owned();
    g.set(key, json!(v));
    g.enums.push(format!("/{key}"));
    Some(v)
}

fn model(p: &mut Pick, g: &mut Gen, endpoint: Endpoint) -> &'static ModelCaps {
    let names = caps::models_for(endpoint);
    // The newest model (first in the map) has the most features to combine: drawn more often.
    let given = p.chance(3, 4).then(|| if p.chance(1, 3) { names[0] } else { p.one(&names) });
    if let Some(m) = given {
        g.set("model_name", json!(m));
        g.enums.push("/model_name".into());
    }
    caps::model(given.unwrap_or(endpoint.default_model())).expect("a model of the map")
}

/// Single prompt, or multi-shot: customize with shots, or (where allowed) intelligence.
fn prompts(p: &mut Pick, g: &mut Gen, multi: bool, intelligence_ok: bool, total: u32, lists: &[(&str, usize)]) -> bool {
    if multi {
        g.set("multi_shot", json!(true));
        g.required.push("/shot_type".into());
        g.enums.push("/shot_type".into());
        if intelligence_ok && p.chance(1, 3) {
            g.set("shot_type", json!("intelligence"));
            single_prompt(p, g, lists);
        } else {
            g.set("shot_type", json!("customize"));
            let k = p.range(1, 6.min(total as usize));
            let shots = shots(p, g, total, k, lists);
            g.set("multi_prompt", shots);
            g.required.push("/multi_prompt".into());
            if p.chance(1, 3) {
                // The spec's own examples send an empty prompt next to the shots.
                g.set("prompt", json!(""));
                g.limited.push(("/prompt".into(), 2500));
            }
        }
        return true;
    }
    if p.chance(1, 4) {
        g.set("multi_shot", json!(false));
    }
    single_prompt(p, g, lists);
    false
}

fn single_prompt(p: &mut Pick, g: &mut Gen, lists: &[(&str, usize)]) {
    g.set("prompt", json!(prompt_with_refs(p, lists)));
    g.required.push("/prompt".into());
    g.prompts.push("/prompt".into());
    g.limited.push(("/prompt".into(), 2500));
}

fn list(g: &mut Gen, key: &str, items: Vec<Value>, required: &[&str]) {
    for i in 0..items.len() {
        for r in required {
            g.required.push(format!("/{key}/{i}/{r}"));
        }
    }
    if !items.is_empty() {
        g.set(key, Value::Array(items));
    }
}

fn elements(p: &mut Pick, g: &mut Gen, n: usize) {
    let items = (0..n).map(|_| json!({"element_id": element_id(p)})).collect();
    list(g, "element_list", items, &["element_id"]);
}

pub fn omni_video(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    let c = model(p, &mut g, Endpoint::OmniVideo);
    let (o1, v3) = (c.model == "kling-video-o1", c.model == "kling-v3-omni");
    let video = p.chance(1, 4);
    let mut base = false;
    if video {
        let mut item = json!({"video_url": url(p, "v.mp4")});
        match p.below(3) {
            0 => base = true,
            r => {
                base = r == 1;
                item["refer_type"] = json!(if base { "base" } else { "feature" });
                g.enums.push("/video_list/0/refer_type".into());
            }
        }
        if p.chance(1, 2) {
            item["keep_original_sound"] = json!(p.one(&["yes", "no"]));
            g.enums.push("/video_list/0/keep_original_sound".into());
        }
        list(&mut g, "video_list", vec![item], &["video_url"]);
    }
    let multi = v3 && p.chance(1, 2);
    let first = !base && p.chance(1, 3);
    let end = first && !multi && p.chance(1, 2);
    let frames = usize::from(first) + usize::from(end);
    let max = if video { 4 } else { 7 };
    // OV-9: an end frame with more than two images is an error on kling-video-o1.
    let plain = if o1 && end { 0 } else { p.range(0, max - frames) };
    let element_cap = if !first {
        7
    } else if o1 && end {
        0
    } else {
        3
    };
    let e = p.range(0, (max - frames - plain).min(element_cap));
    let mut images: Vec<Value> = (0..plain).map(|_| json!({"image_url": image(p)})).collect();
    for (on, kind) in [(first, "first_frame"), (end, "end_frame")] {
        if on {
            let at = p.range(0, images.len());
            images.insert(at, json!({"image_url": image(p), "type": kind}));
        }
    }
    for (i, item) in images.iter().enumerate() {
        if item.get("type").is_some() {
            g.enums.push(format!("/image_list/{i}/type"));
        }
    }
    g.images = images.len();
    list(&mut g, "image_list", images, &["image_url"]);
    elements(p, &mut g, e);
    if !(first || base) {
        g.set("aspect_ratio", json!(p.one(&["16:9", "9:16", "1:1"])));
        g.required.push("/aspect_ratio".into());
        g.enums.push("/aspect_ratio".into());
    }
    let sounds: &[&str] = if v3 && !video { &["on", "off"] } else { &["off"] };
    opt_enum(p, &mut g, "sound", sounds);
    opt_enum(p, &mut g, "mode", &["std", "pro"]);
    // OV-18 / OV-19; a base video sets the length, so a duration there would be dropped.
    let allowed: Vec<u32> = match () {
        _ if o1 && plain == 0 && e == 0 && !video && !end => vec![5, 10],
        _ if o1 || video => (3..=10).collect(),
        _ => (3..=15).collect(),
    };
    let given = (!base && p.chance(2, 3)).then(|| p.one(&allowed));
    if let Some(d) = given {
        let v = duration(p, d);
        g.set("duration", v);
    }
    let lists = [("image", g.images), ("element", e), ("video", usize::from(video))];
    prompts(p, &mut g, multi, false, given.unwrap_or(5), &lists);
    tail(p, &mut g);
    g
}

/// What text2video and image2video share: model, mode, duration, sound, cfg_scale, negative
/// prompt, voices. Returns the caps, the mode the task runs in, the total, and sound on/off.
fn video_common(p: &mut Pick, g: &mut Gen, endpoint: Endpoint, voices_ok: bool) -> (&'static ModelCaps, &'static str, u32, bool, usize) {
    let c = model(p, g, endpoint);
    let mode = if c.modes.is_empty() {
        ""
    } else {
        match opt_enum(p, g, "mode", &["std", "pro"]).as_deref() {
            Some("pro") => "pro",
            _ => "std",
        }
    };
    let given = p.chance(1, 2).then(|| p.one(c.durations));
    if let Some(d) = given {
        let v = duration(p, d);
        g.set("duration", v);
    }
    let total = given.unwrap_or(5);
    let sound_ok = c.sound.is_some_and(|s| s.allows(mode, total));
    let sound_on = opt_enum(p, g, "sound", if sound_ok { &["on", "off"] } else { &["off"] }).as_deref() == Some("on");
    if c.cfg_scale && p.chance(1, 2) {
        g.set("cfg_scale", json!(p.below(11) as f64 / 10.0));
    }
    if p.chance(1, 3) {
        g.set("negative_prompt", json!(words(p, 4)));
        g.limited.push(("/negative_prompt".into(), 2500));
    }
    let voices = if voices_ok && c.voice.is_some_and(|s| s.allows(mode, total)) { p.range(0, 2) } else { 0 };
    let items = (0..voices).map(|i| json!({"voice_id": format!("voice_{i}_{}", p.below(99))})).collect();
    list(g, "voice_list", items, &["voice_id"]);
    // A referenced voice is spoken only with sound on.
    (c, mode, total, sound_on, if sound_on { voices } else { 0 })
}

/// camera_control where the model has it for this endpoint, mode and duration.
fn camera(p: &mut Pick, g: &mut Gen, endpoint: Endpoint, c: &ModelCaps, mode: &str, total: u32) -> bool {
    let scope = c.camera_control.iter().find(|(e, _)| *e == endpoint).map(|(_, s)| *s);
    if !scope.is_some_and(|s| s.allows(mode, total)) || !p.chance(1, 2) {
        return false;
    }
    let axes: Vec<&str> = kling_wasm::schema::parts::CAMERA_AXES.iter().map(|f| f.name).collect();
    let kind = if c.camera_simple_only { "simple" } else { p.one(kling_wasm::schema::parts::CAMERA_TYPES) };
    let mut cc = json!({"type": kind});
    g.enums.push("/camera_control/type".into());
    if endpoint == Endpoint::ImageToVideo {
        g.required.push("/camera_control/type".into());
    }
    if kind == "simple" {
        let on = p.below(axes.len());
        let value = p.one(&[-10.0, -2.5, 1.0, 4.0, 10.0]);
        cc["config"] = Value::Object(axes.iter().enumerate().map(|(i, a)| (a.to_string(), json!(if i == on { value } else { 0.0 }))).collect());
        g.required.push("/camera_control/config".into());
    } else if p.chance(1, 2) {
        cc["config"] = Value::Object(axes.iter().map(|a| (a.to_string(), json!(0))).collect());
    }
    g.set("camera_control", cc);
    true
}

pub fn text_to_video(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    let (c, mode, total, _, voices) = video_common(p, &mut g, Endpoint::TextToVideo, true);
    opt_enum(p, &mut g, "aspect_ratio", &["16:9", "9:16", "1:1"]);
    camera(p, &mut g, Endpoint::TextToVideo, c, mode, total);
    let multi = c.multi_shot && p.chance(1, 2);
    prompts(p, &mut g, multi, true, total, &[("voice", voices)]);
    tail(p, &mut g);
    g
}

pub fn image_to_video(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    let allow_voices = p.chance(1, 2);
    let (c, mode, total, sound_on, voices) = video_common(p, &mut g, Endpoint::ImageToVideo, allow_voices);
    let has_voices = g.req.contains_key("voice_list");
    let multi = c.multi_shot && p.chance(1, 2);
    // IV-2: one of end frame, motion brush, camera control.
    let tail_ok = !multi && c.start_end_frame.is_some_and(|s| s.allows(mode, total)) && !(c.start_end_frame_silent && sound_on);
    let group = p.below(4);
    let with_tail = group == 1 && tail_ok;
    g.set("image", image(p));
    let end_only = c.end_frame_only.is_some_and(|s| s.allows(mode, total));
    if !(with_tail && end_only) {
        g.required.push("/image".into());
    }
    if with_tail {
        g.set("image_tail", image(p));
    }
    g.images = 1 + usize::from(with_tail);
    if group == 2 && c.motion_brush.is_some_and(|s| s.allows(mode, total)) {
        motion_brush(p, &mut g);
    }
    if group == 3 {
        camera(p, &mut g, Endpoint::ImageToVideo, c, mode, total);
    }
    // IV-4 / IV-6: ≤ 3 elements, on models with elements, never with voices.
    let e = if c.elements != Elements::None && !has_voices { p.range(0, 3) } else { 0 };
    elements(p, &mut g, e);
    let lists = [("image", g.images), ("element", e), ("voice", voices)];
    prompts(p, &mut g, multi, true, total, &lists);
    tail(p, &mut g);
    g
}

fn motion_brush(p: &mut Pick, g: &mut Gen) {
    let with_static = p.chance(1, 2);
    if with_static {
        g.set("static_mask", image(p));
    }
    let groups = if with_static { p.range(0, 6) } else { p.range(1, 6) };
    let items: Vec<Value> = (0..groups)
        .map(|i| {
            let n = p.range(2, 8);
            for j in 0..n {
                g.required.push(format!("/dynamic_masks/{i}/trajectories/{j}/x"));
                g.required.push(format!("/dynamic_masks/{i}/trajectories/{j}/y"));
            }
            let points: Vec<Value> = (0..n).map(|_| json!({"x": p.below(1280), "y": p.below(720)})).collect();
            json!({"mask": image(p), "trajectories": points})
        })
        .collect();
    list(g, "dynamic_masks", items, &["mask", "trajectories"]);
}

pub fn omni_image(p: &mut Pick) -> Gen {
    let mut g = Gen::default();
    let c = model(p, &mut g, Endpoint::OmniImage);
    let images = p.range(0, 10);
    let e = p.range(0, 10 - images);
    let items = (0..images).map(|_| json!({"image": image(p)})).collect();
    list(&mut g, "image_list", items, &["image"]);
    elements(p, &mut g, e);
    g.images = images;
    let alias = p.one(&["element", "object"]);
    single_prompt(p, &mut g, &[("image", images), (alias, e)]);
    opt_enum(p, &mut g, "resolution", c.resolutions);
    let types: &[&str] = if c.series { &["single", "series"] } else { &["single"] };
    let series = opt_enum(p, &mut g, "result_type", types).as_deref() == Some("series");
    // OI-4: the count field of the other result type would be dropped.
    if series && p.chance(1, 2) {
        g.set("series_amount", json!(p.range(2, 9)));
    }
    if !series && p.chance(1, 2) {
        g.set("n", json!(p.range(1, 9)));
    }
    opt_enum(p, &mut g, "aspect_ratio", &["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "auto"]);
    tail(p, &mut g);
    g
}

/// The generator for an endpoint.
pub fn generate(endpoint: Endpoint, p: &mut Pick) -> Gen {
    match endpoint {
        Endpoint::OmniVideo => omni_video(p),
        Endpoint::TextToVideo => text_to_video(p),
        Endpoint::ImageToVideo => image_to_video(p),
        Endpoint::OmniImage => omni_image(p),
        Endpoint::ImageGeneration => super::general::image_generation(p),
        Endpoint::CustomElement => super::general::custom_element(p),
        Endpoint::CustomVoice => super::general::custom_voice(p),
    }
}
