//! Omni-Video checks: the general field checks and rules OV-1 … OV-19 (kling-api.md §4.2),
//! with the per-model limits read from the capability map.

use crate::api::Checked;
use crate::caps::{self, Elements, Endpoint};
use crate::field_names;
use crate::issue::{Code, Severity};
use crate::json::Value;
use crate::pointer::join;
use crate::rules::refs::{self, Kind};
use crate::rules::shots::{self, ShotRules};
use crate::rules::{basic, ids, inputs, Ctx};
use crate::schema::omni_video as table;
use crate::schema::parts;

const SHOT_RULES: ShotRules = ShotRules { mode: "OV-1", single: "OV-2", items: "OV-5", sum: "OV-6" };
/// OV-11: images + elements with a reference video (without one: `table::MAX_REFERENCES`).
const MAX_REFERENCES_WITH_VIDEO: usize = 4;

/// What the request's image, element and video lists hold.
#[derive(Default)]
struct Inputs {
    images: usize,
    first: Vec<usize>,
    end: Vec<usize>,
    /// Image indexes without a frame type: plain references, named in prompts.
    plain: Vec<usize>,
    elements: Vec<(usize, String)>,
    /// `element_list`'s length: every item is sent (with GEN-INT64 turned down, one whose id is
    /// not an id too), so every item counts as a reference.
    element_count: usize,
    videos: usize,
    /// refer_type of the first video; "base" when left out (the API default).
    refer_type: Option<String>,
}

impl Inputs {
    fn base_video(&self) -> bool {
        self.videos > 0 && self.refer_type.as_deref() == Some("base")
    }
}

/// Checks an omni-video request: the general checks, then OV-1 … OV-19.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    let model = inputs::model_name(ctx, req, Endpoint::OmniVideo);
    let caps = model.and_then(caps::model);
    basic::enum_field(ctx, req, "", &parts::MODE);
    let aspect = basic::enum_field(ctx, req, "", &table::ASPECT_RATIO);
    let duration = basic::get_duration(ctx, req, "", "duration");
    let sound = basic::enum_field(ctx, req, "", &parts::SOUND);
    let inp = read_inputs(ctx, req);
    let total = duration.unwrap_or(5);

    let shots = shots::check(ctx, req, total, parts::SHOT_TYPES, &SHOT_RULES);
    let (refusing, refused) = table::SHOT_TYPE.refused;
    if let Some(t) = shots.shot_type.filter(|t| refused.contains(t)) {
        let allowed: Vec<String> = parts::SHOT_TYPES.iter().filter(|v| !refused.contains(v)).map(|v| (*v).to_owned()).collect();
        ctx.error("/shot_type", Code::InvalidEnum, refusing, vec![("value", t.into()), ("allowed", allowed.into())]);
    }
    // OV-3 (§12: forbid end frames with multi-shot) and OV-4 (multi-shot is v3-omni only).
    if shots.multi_shot {
        for &i in &inp.end {
            ctx.error(join(&join("/image_list", i), "type"), Code::MultiShotWithEndFrame, "OV-3", vec![]);
        }
        if let Some(c) = caps.filter(|c| !c.multi_shot) {
            ctx.error("/multi_shot", Code::FeatureUnsupported, "OV-4", vec![("model", c.model.into()), ("feature", "multi-shot".into())]);
        }
    }
    frame_rules(ctx, &inp, model);
    count_rules(ctx, &inp, model);
    // Two reasons, each reported on its own: with OV-15 turned down, a model without sound still
    // refuses sound (the schema's narrowing says so whatever OV-15's level).
    if inp.videos > 0 && sound == Some("on") {
        ctx.error("/sound", Code::SoundWithVideo, "OV-15", vec![]);
    }
    if let (Some("on"), Some(c)) = (sound, caps) {
        if c.sound.is_none() {
            ctx.error("/sound", Code::FeatureUnsupported, ids::CAPS, vec![("model", c.model.into()), ("feature", "sound".into())]);
        }
    }
    // OV-17: aspect_ratio is needed unless a first frame or a base video sets the shape; there the API ignores it.
    let shaped = !inp.first.is_empty() || inp.base_video();
    if !shaped && aspect.is_none() && req.field("aspect_ratio").is_none() {
        ctx.error("/aspect_ratio", Code::AspectRatioRequired, "OV-17", vec![]);
    } else if shaped && req.field("aspect_ratio").is_some() {
        ctx.ignore_field("aspect_ratio", "there is no first_frame image and no base video", "OV-17");
    }
    if let Some(c) = caps {
        duration_rules(ctx, req, &inp, c.model, duration);
    }
    // Prompt references: list items must exist; plain images, elements and videos should be named.
    let lens = [(Kind::Image, inp.images), (Kind::Element, inp.element_count), (Kind::Video, inp.videos)];
    let seen = refs::check(ctx, &shots.prompts, &lens);
    refs::unused(ctx, &seen, Kind::Image, inp.plain.iter().copied());
    refs::unused(ctx, &seen, Kind::Element, inp.elements.iter().map(|(i, _)| *i));
    refs::unused(ctx, &seen, Kind::Video, 0..inp.videos.min(1));
    inputs::common_tail(ctx, req);
    Checked { model }
}

fn read_inputs(ctx: &mut Ctx, req: &Value) -> Inputs {
    let mut inp = Inputs { images: req.field("image_list").and_then(Value::as_arr).map_or(0, |a| a.len()), ..Inputs::default() };
    for (i, item, path) in basic::object_list(ctx, req, "image_list", field_names!(table::IMAGE)).iter() {
        if let Some(v) = basic::require(ctx, item, path, "image_url") {
            // A URL passes every image check: its pointer is needed only when it is not one.
            if !v.as_str().is_some_and(inputs::is_http_url) {
                inputs::image(ctx, v, &join(path, "image_url"));
            }
        }
        match basic::enum_field(ctx, item, path, &table::FRAME_TYPE) {
            Some("first_frame") => inp.first.push(i),
            Some("end_frame") => inp.end.push(i),
            _ if item.field("type").is_none() => inp.plain.push(i),
            _ => {}
        }
    }
    inp.elements = inputs::element_list(ctx, req);
    inp.element_count = req.field("element_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    let videos = basic::object_list(ctx, req, "video_list", field_names!(table::VIDEO));
    inp.videos = req.field("video_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    // OV-14: at most one reference video, with a URL.
    let (min, max) = table::VIDEO_LIST.list_len();
    basic::count(ctx, inp.videos, "/video_list", min, max, table::VIDEO_LIST.rule);
    for (i, item, path) in videos.iter() {
        if let Some(v) = basic::require(ctx, item, path, "video_url") {
            if !v.as_str().is_some_and(inputs::is_http_url) {
                inputs::media_url(ctx, v, &join(path, "video_url"));
            }
        }
        let refer = basic::enum_field(ctx, item, path, &table::REFER_TYPE);
        if i == 0 {
            inp.refer_type = Some(refer.unwrap_or("base").to_owned());
        }
        // OV-16: keep_original_sound is "yes" or "no", for base and feature videos alike.
        let keep = &table::KEEP_ORIGINAL_SOUND;
        if let Some(k) = basic::get_str(ctx, item, path, keep.name) {
            if !keep.values().contains(&k) {
                ctx.error(join(path, keep.name), Code::InvalidEnum, keep.rule, vec![("value", k.into()), ("allowed", keep.values().into())]);
            }
        }
    }
    inp
}

/// OV-7 (end needs first), OV-8 (no frames with a base video), OV-9 (end frame with > 2 images),
/// OV-10 (one frame of each type).
fn frame_rules(ctx: &mut Ctx, inp: &Inputs, model: Option<&str>) {
    let type_path = |i: usize| join(&join("/image_list", i), "type");
    if inp.first.is_empty() {
        for &i in &inp.end {
            ctx.error(type_path(i), Code::EndFrameWithoutFirst, "OV-7", vec![]);
        }
    }
    if inp.base_video() && !(inp.first.is_empty() && inp.end.is_empty()) {
        ctx.error("/video_list/0/refer_type", Code::FramesWithBaseVideo, "OV-8", vec![]);
    }
    if !inp.end.is_empty() && inp.images > 2 {
        // §12: S1 forbids it for all models, S2 for O1 only: error on O1, warning on v3-omni.
        let severity = if model == Some("kling-v3-omni") { Severity::Warning } else { Severity::Error };
        let m = model.unwrap_or("kling-video-o1");
        ctx.push(type_path(inp.end[0]), Code::EndFrameWithManyImages, "OV-9", severity, vec![("model", m.into())]);
    }
    for (list, name) in [(&inp.first, "first_frame"), (&inp.end, "end_frame")] {
        for &i in list.iter().skip(1) {
            ctx.error(type_path(i), Code::DuplicateFrameType, "OV-10", vec![("type", name.into())]);
        }
    }
}

/// OV-11 (images + elements ≤ 7, ≤ 4 with a video), OV-12 (elements with frames), OV-13
/// (no video-character elements with a video), and the model's element support.
fn count_rules(ctx: &mut Ctx, inp: &Inputs, model: Option<&str>) {
    let e = inp.element_count;
    let max = if inp.videos > 0 { MAX_REFERENCES_WITH_VIDEO } else { table::MAX_REFERENCES };
    if inp.images + e > max {
        let path = if inp.images > 0 { "/image_list" } else { "/element_list" };
        ctx.error(path, Code::TooManyReferences, "OV-11", vec![("count", (inp.images + e).into()), ("max", max.into())]);
    }
    if !inp.first.is_empty() {
        // §12: follow S2 — kling-video-o1 takes no elements with start+end frames; otherwise ≤ 3.
        let both = !inp.end.is_empty();
        let limit = if both && model == Some("kling-video-o1") { 0 } else { 3 };
        if e > limit {
            let m = model.unwrap_or("kling-video-o1");
            ctx.error("/element_list", Code::TooManyElementsWithFrames, "OV-12", vec![("max", limit.into()), ("count", e.into()), ("model", m.into())]);
        }
    }
    let elements_cap = model.and_then(caps::model).map(|c| c.elements);
    for (i, id) in &inp.elements {
        if ctx.opts.element_type(id) != Some("video_refer") {
            continue;
        }
        let path = join(&join("/element_list", i), "element_id");
        if inp.videos > 0 {
            ctx.error(path, Code::VideoElementWithVideo, "OV-13", vec![("id", id.as_str().into())]);
        } else if elements_cap == Some(Elements::ImageRefer) {
            ctx.error(path, Code::FeatureUnsupported, ids::CAPS, vec![("model", model.unwrap_or("").into()), ("feature", "video-character elements".into())]);
        }
    }
}

/// OV-18 (kling-video-o1) and OV-19 (kling-v3-omni): the durations each model takes here.
fn duration_rules(ctx: &mut Ctx, req: &Value, inp: &Inputs, model: &'static str, duration: Option<u32>) {
    let rule = if model == "kling-video-o1" { "OV-18" } else { "OV-19" };
    if inp.base_video() {
        if req.field("duration").is_some() {
            ctx.ignore_field("duration", "the video is not edited (refer_type \"base\")", rule);
        }
        return;
    }
    let Some(d) = duration else { return };
    let allowed: &[u32] = match model {
        // T2V and first-frame I2V take only 5 or 10 s on O1; references or an end frame open 3–10.
        "kling-video-o1" if inp.plain.is_empty() && inp.element_count == 0 && inp.videos == 0 && inp.end.is_empty() => &[5, 10],
        "kling-v3-omni" if inp.videos > 0 => &[3, 4, 5, 6, 7, 8, 9, 10],
        _ => caps::model(model).map_or(&[], |c| c.durations),
    };
    if !allowed.contains(&d) {
        let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
        ctx.error("/duration", Code::DurationNotAllowed, rule, vec![("value", (d as usize).into()), ("model", model.into()), ("allowed", list.into())]);
    }
}
