//! Image-to-Video checks: the general field checks and rules IV-1 … IV-8 (kling-api.md §6.2). The
//! checks image2video shares with text2video live in `rules::video`, reporting under IV-* ids here.
//!
//! `<<<image_N>>>` counts the frames given, in the order `image`, `image_tail`: the start frame is
//! `<<<image_1>>>` (S1's "voice of element" example), the end frame `<<<image_2>>>` next to it.
//! Frames need no reference, so an unreferenced frame gets no warning.

use crate::api::Checked;
use crate::caps::{Elements, Endpoint};
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::rules::refs::{self, Kind};
use crate::rules::shots::ShotRules;
use crate::rules::video::{self, Video, VideoRules};
use crate::rules::{basic, ids, inputs, Ctx};
use crate::schema::image_to_video as table;

/// IV-3 multi-shot (all prompt / multi-prompt rules); IV-5 voices; IV-7 kling-v2-6 sound and
/// voice in pro only; IV-8 the legacy per-model limits (durations, frames, motion brush, camera,
/// fixed modes). §12: cfg_scale only on kling-v1.x (IV-8-cfg_scale, an error by default).
const RULES: VideoRules = VideoRules {
    model_name: ids::MODEL,
    model: "IV-8",
    multi_shot: "IV-3",
    sound_mode: "IV-7",
    voice: "IV-5",
    voice_model: "IV-5",
    cfg_scale: "IV-8-cfg_scale",
    camera: "IV-8",
    shots: ShotRules { mode: "IV-3", single: "IV-3", items: "IV-3", sum: "IV-3" },
};

/// Checks an image2video request: the general checks, then IV-1 … IV-8.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    let v = video::check(ctx, req, Endpoint::ImageToVideo, &RULES);
    let image = frame(ctx, req, "image");
    let tail = frame(ctx, req, "image_tail");
    frame_rules(ctx, &v, image, tail);
    let masks = motion_brush(ctx, req);
    let mask_path = if req.field("static_mask").is_some() { "/static_mask" } else { "/dynamic_masks" };
    if let (true, Some(r)) = (masks, v.run) {
        r.feature(ctx, "motion brush", mask_path, r.caps.motion_brush, "IV-8", "IV-8");
    }
    // IV-2: one of end frame, motion brush and camera control.
    let groups = [
        (tail, "/image_tail", "image_tail"),
        (masks, mask_path, "static_mask/dynamic_masks"),
        (req.field("camera_control").is_some(), "/camera_control", "camera_control"),
    ];
    let used: Vec<_> = groups.iter().filter(|g| g.0).collect();
    if used.len() > 1 {
        let fields: Vec<&str> = used.iter().map(|g| g.2).collect();
        for g in &used[1..] {
            ctx.error(g.1, Code::ExclusiveFields, "IV-2", vec![("fields", fields.clone().into())]);
        }
    }
    let elements = inputs::element_list(ctx, req);
    let element_count = req.field("element_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    element_rules(ctx, &v, element_count);
    let images = usize::from(image) + usize::from(tail);
    let seen = video::references(ctx, &v, &[(Kind::Image, images), (Kind::Element, element_count)], &RULES);
    refs::unused(ctx, &seen, Kind::Element, elements.iter().map(|(i, _)| *i));
    inputs::common_tail(ctx, req);
    Checked { model: v.model }
}

/// A frame image, checked when present; returns whether it is given.
fn frame(ctx: &mut Ctx, req: &Value, key: &'static str) -> bool {
    let Some(v) = req.field(key) else { return false };
    inputs::image(ctx, v, &join("", key));
    true
}

/// IV-1 (a frame is needed; an end frame alone only where the model allows it), IV-3 (no end frame
/// with multi-shot), IV-7 (kling-v2-6 end frames without sound), IV-8 (start+end frame scope).
fn frame_rules(ctx: &mut Ctx, v: &Video, image: bool, tail: bool) {
    if !image && !tail {
        ctx.error("/image", Code::ImageOrTailRequired, "IV-1", vec![]);
        return;
    }
    if !tail {
        return;
    }
    if v.shots.multi_shot {
        ctx.error("/image_tail", Code::MultiShotWithEndFrame, "IV-3", vec![]);
    }
    let Some(r) = v.run else { return };
    if !image {
        // Inferred from S3: only v1-5 / v1-6 pro list "end frame only".
        if !r.caps.end_frame_only.is_some_and(|s| s.allows(r.mode, r.duration)) {
            ctx.error("/image", Code::ImageRequired, "IV-1", vec![("model", r.caps.model.into())]);
        }
        return;
    }
    r.feature(ctx, "start+end frame", "/image_tail", r.caps.start_end_frame, "IV-8", "IV-8");
    if r.caps.start_end_frame_silent && v.sound_on {
        ctx.error("/sound", Code::SoundWithEndFrame, "IV-7", vec![("model", r.caps.model.into())]);
    }
}

/// IV-4 (≤ 3 elements, on models with elements) and IV-6 (§12: S1's table and S2 make
/// element_list and voice_list exclusive, S1's own example combines them; rejected by default).
fn element_rules(ctx: &mut Ctx, v: &Video, count: usize) {
    if count == 0 {
        return;
    }
    let (min, max) = table::ELEMENT_LIST.list_len();
    basic::count(ctx, count, "/element_list", min, max, table::ELEMENT_LIST.rule);
    if let Some(r) = v.run.filter(|r| r.caps.elements == Elements::None) {
        ctx.error("/element_list", Code::FeatureUnsupported, "IV-4", vec![("model", r.caps.model.into()), ("feature", "elements".into())]);
    }
    if v.voices > 0 {
        ctx.error("/voice_list", Code::ExclusiveFields, "IV-6", vec![("fields", (&["element_list", "voice_list"][..]).into())]);
    }
}

/// The legacy motion brush: `static_mask` (an image) and `dynamic_masks` (≤ 6 groups of a mask
/// image and 2–77 whole-pixel trajectory points). Returns whether either is given.
fn motion_brush(ctx: &mut Ctx, req: &Value) -> bool {
    let static_mask = frame(ctx, req, "static_mask");
    let groups = basic::object_list(ctx, req, "dynamic_masks", field_names!(table::MASK));
    let len = req.field("dynamic_masks").and_then(Value::as_arr).map_or(0, |a| a.len());
    let (min, max) = table::DYNAMIC_MASKS.list_len();
    basic::count(ctx, len, "/dynamic_masks", min, max, table::DYNAMIC_MASKS.rule);
    for (_, group, path) in groups.iter() {
        if let Some(m) = basic::require(ctx, group, path, "mask") {
            inputs::image(ctx, m, &join(path, "mask"));
        }
        basic::require(ctx, group, path, "trajectories");
        let Some(points) = basic::get_arr(ctx, group, path, "trajectories") else { continue };
        let base = join(path, "trajectories");
        let (min, max) = table::TRAJECTORIES.list_len();
        basic::count(ctx, points.len(), &base, min, max, table::TRAJECTORIES.rule);
        for (i, point) in points.iter().enumerate() {
            let p = join(&base, i);
            if basic::object(ctx, point, &p, field_names!(table::POINT)) {
                for key in table::POINT {
                    if let Some(n) = basic::require(ctx, point, &p, key.name) {
                        basic::int_of(ctx, n, &join(&p, key.name));
                    }
                }
            }
        }
    }
    static_mask || len > 0
}
