//! The cross-field rules text2video and image2video share (`rules::video`, `rules::shots`,
//! `rules::camera`), and image2video's own (`api::image_to_video::rules`), as JSON Schema.
//! Omni-video's module reuses `shots`.

use super::cond::{all, any, at_least, feature, forbid, given, is, not};
use super::refs::Count;
use super::tree::{obj, strs, J, S};
use super::values::{duration_in, null};
use super::{def, Doc};
use crate::caps::{Elements, Endpoint};
use crate::rules::ids;
use crate::schema::parts::CAMERA_AXES;

/// What the shot rules leave to validate() (JSON Schema cannot address a list item by position
/// under a strict validator's tuple rules, nor add numbers up).
const SHOTS_NOTE: &str = "here not the shots' index order, a shot longer than the request, nor the sum of the shots";

/// A family's rule ids for the shot checks (`rules::shots::ShotRules`).
pub struct ShotIds {
    /// multi_shot needs shot_type; customize needs 1–6 shots; intelligence needs a prompt.
    pub mode: &'static str,
    /// A single-shot request needs a prompt.
    pub single: &'static str,
}

/// `shots::check`: single-shot requests need a prompt and ignore shot_type and multi_prompt
/// (not checked at all); multi-shot ones need shot_type, then a prompt (intelligence) or the
/// shots (anything else). Every shot's own fields come from the table.
pub fn shots(doc: &mut Doc, rules: ShotIds) {
    let prompt = S::new()
        .set("required", strs(&["prompt"]))
        .set("properties", obj(vec![("prompt", S::new().set("type", "string").set("minLength", 1usize).done())]))
        .done();
    let shot_type = doc.demanded(doc.field("shot_type"), rules.mode).done();
    let list = doc.demanded(doc.field("multi_prompt"), rules.mode).done();
    let customize = S::new().r("required", strs(&["multi_prompt"]), rules.mode).set("properties", obj(vec![("multi_prompt", list)]));
    let multi = S::new()
        .r("required", strs(&["shot_type"]), rules.mode)
        .set("properties", obj(vec![("shot_type", shot_type)]))
        .set("if", is("shot_type", "intelligence"))
        .r("then", prompt.clone(), rules.mode)
        .set("else", customize);
    doc.all_of.push(S::new().set("if", multi_shot()).set("then", multi).r("else", prompt, rules.single).done());
    // The references of the prompts the API reads: the shots' for "customize", else the top one.
    let by_type = S::new().set("if", is("shot_type", "intelligence")).set("then", def("prompt_refs")).set("else", def("shot_prompt_refs")).done();
    doc.all_of.push(S::new().set("if", multi_shot()).set("then", by_type).set("else", def("prompt_refs")).done());
}

/// The request is multi-shot.
pub fn multi_shot() -> J {
    is("multi_shot", true)
}

/// Where the shared checks report (`rules::video::VideoRules`).
struct VideoIds {
    model: &'static str,
    multi_shot: &'static str,
    sound_mode: &'static str,
    voice: &'static str,
    voice_model: &'static str,
    cfg_scale: &'static str,
    camera: &'static str,
}

/// `rules::video::check`: per-model durations, sound and voice scopes, cfg_scale, multi-shot,
/// camera_control; and camera_control's own shape.
fn video_common(doc: &mut Doc, rules: &VideoIds) {
    let endpoint = doc.endpoint();
    for i in 0..doc.models.len() {
        let m = doc.models[i].0;
        let mut list = vec![super::cond::field("duration", S::new().r("anyOf", duration_in(m.durations), rules.model).done())];
        // A model without sound is the table's narrowing (GEN-CAPS); here the scope of one with it.
        if m.sound.is_some() {
            list.extend(feature(is("sound", "on"), m.sound, m.modes, endpoint, ids::CAPS, rules.sound_mode));
        }
        list.extend(feature(at_least("voice_list", 1), m.voice, m.modes, endpoint, rules.voice_model, rules.sound_mode));
        if !m.cfg_scale {
            list.push(forbid(given("cfg_scale"), rules.cfg_scale));
        }
        if !m.multi_shot {
            list.push(forbid(multi_shot(), rules.multi_shot));
        }
        let camera = m.camera_control.iter().find(|(e, _)| *e == endpoint).map(|(_, s)| *s);
        list.extend(feature(given("camera_control"), camera, m.modes, endpoint, rules.camera, rules.camera));
        if camera.is_some() && m.camera_simple_only {
            let only_simple = obj(vec![("type", S::new().set("enum", vec![J::from("simple"), J::Null]).done())]);
            list.push(super::cond::field("camera_control", S::new().set("type", strs(&["object", "null"])).r("properties", only_simple, rules.camera).done()));
        }
        doc.models[i].1.extend(list);
    }
    doc.all_of.push(camera_shape(endpoint));
    doc.all_of.push(forbid(all(vec![names_a_voice(), not(is("sound", "on"))]), rules.voice));
}

/// A prompt the API reads names a voice (`rules::refs::scan`, then `voice::needs_sound`): the
/// prompt of a single-shot or "intelligence" request, or a shot's. Only numbers of up to 9
/// digits (after leading zeros): each one parses as the check's u32, so a match is a reference.
fn names_a_voice() -> J {
    let text = || S::new().set("type", "string").set("pattern", r"<<<voice_\+?0*[0-9]{1,9}>>>").done();
    let top = S::new().set("required", strs(&["prompt"])).set("properties", obj(vec![("prompt", text())])).done();
    let shot = S::new().set("type", "object").set("required", strs(&["prompt"])).set("properties", obj(vec![("prompt", text())])).done();
    any(vec![
        all(vec![not(multi_shot()), top.clone()]),
        all(vec![multi_shot(), is("shot_type", "intelligence"), top]),
        all(vec![multi_shot(), is("shot_type", "customize"), super::cond::contains("multi_prompt", shot)]),
    ])
}

/// `rules::camera::check`'s shape: "simple" needs a config with exactly one non-zero axis; the
/// other types take no config or an all-zero one; image2video needs the type.
fn camera_shape(endpoint: Endpoint) -> J {
    let zero = || S::new().set("enum", vec![J::from(0i64), J::Null]).done();
    let exactly_one: Vec<J> = CAMERA_AXES
        .iter()
        .map(|a| {
            let props = CAMERA_AXES.iter().map(|b| (b.name, if a.name == b.name { S::new().set("not", zero()).done() } else { zero() })).collect();
            S::new().set("required", strs(&[a.name])).set("properties", obj(props)).done()
        })
        .collect();
    let simple_config = S::new().set("type", "object").set("anyOf", exactly_one).done();
    let simple = S::new().r("required", strs(&["config"]), ids::CAMERA).set("properties", obj(vec![("config", simple_config)]));
    let all_zero = S::new().set("type", strs(&["object", "null"])).set("properties", obj(CAMERA_AXES.iter().map(|a| (a.name, zero())).collect())).done();
    let others = S::new().set("properties", obj(vec![("config", all_zero)])).done();
    let kind_given = S::new().set("required", strs(&["type"])).set("properties", obj(vec![("type", S::new().set("not", null()).done())])).done();
    let mut checks = vec![
        S::new().set("if", is("type", "simple")).r("then", simple, ids::CAMERA).done(),
        S::new().set("if", all(vec![kind_given, not(is("type", "simple"))])).r("then", others, ids::CAMERA).done(),
    ];
    if endpoint == Endpoint::ImageToVideo {
        checks.push(S::new().r("required", strs(&["type"]), ids::REQUIRED).done());
    }
    super::cond::field("camera_control", S::new().set("type", strs(&["object", "null"])).set("allOf", checks).done())
}

pub fn text_to_video(doc: &mut Doc) {
    doc.partial = &[("TV-5", SHOTS_NOTE)];
    doc.refs = vec![("voice", list(doc, "voice_list")), ("image", Count::Nothing), ("element", Count::Nothing), ("video", Count::Nothing)];
    shots(doc, ShotIds { mode: "TV-5", single: "TV-5" });
    let rules =
        VideoIds { model: "TV-2", multi_shot: "TV-2", sound_mode: "TV-3", voice: "TV-4", voice_model: "TV-2", cfg_scale: "TV-2-cfg_scale", camera: "TV-6" };
    video_common(doc, &rules);
}

pub fn image_to_video(doc: &mut Doc) {
    doc.partial = &[("IV-3", SHOTS_NOTE)];
    doc.refs = vec![("image", Count::Frames), ("element", list(doc, "element_list")), ("voice", list(doc, "voice_list")), ("video", Count::Nothing)];
    shots(doc, ShotIds { mode: "IV-3", single: "IV-3" });
    let rules =
        VideoIds { model: "IV-8", multi_shot: "IV-3", sound_mode: "IV-7", voice: "IV-5", voice_model: "IV-5", cfg_scale: "IV-8-cfg_scale", camera: "IV-8" };
    video_common(doc, &rules);
    let endpoint = doc.endpoint();
    let (image, tail) = (given("image"), given("image_tail"));
    let masks = any(vec![given("static_mask"), at_least("dynamic_masks", 1)]);
    doc.all_of.extend([
        S::new().r("anyOf", vec![image.clone(), tail.clone()], "IV-1").done(),
        forbid(all(vec![tail.clone(), multi_shot()]), "IV-3"),
        forbid(all(vec![tail.clone(), masks.clone()]), "IV-2"),
        forbid(all(vec![tail.clone(), given("camera_control")]), "IV-2"),
        forbid(all(vec![masks.clone(), given("camera_control")]), "IV-2"),
        forbid(all(vec![at_least("voice_list", 1), at_least("element_list", 1)]), "IV-6"),
    ]);
    for i in 0..doc.models.len() {
        let m = doc.models[i].0;
        let mut list = Vec::new();
        list.extend(feature(all(vec![tail.clone(), not(image.clone())]), m.end_frame_only, m.modes, endpoint, "IV-1", "IV-1"));
        list.extend(feature(all(vec![image.clone(), tail.clone()]), m.start_end_frame, m.modes, endpoint, "IV-8", "IV-8"));
        if m.start_end_frame_silent {
            list.push(forbid(all(vec![image.clone(), tail.clone(), is("sound", "on")]), "IV-7"));
        }
        list.extend(feature(masks.clone(), m.motion_brush, m.modes, endpoint, "IV-8", "IV-8"));
        if m.elements == Elements::None {
            list.push(forbid(at_least("element_list", 1), "IV-4"));
        }
        doc.models[i].1.extend(list);
    }
}

/// A reference kind counting the items of list field `name` (at most its table's `max_items`).
pub fn list(doc: &Doc, name: &'static str) -> Count {
    Count::List(name, doc.field(name).max_items())
}
