//! What text2video and image2video share (kling-api.md §5.1, §6.1): model, mode, duration, sound,
//! cfg_scale, negative_prompt, voices, single/multi-shot prompts, camera_control and the prompt
//! references. Each family passes its own rule ids, so one check reports as TV-* or IV-*.

use super::refs::{self, Kind, Ref};
use super::run::Run;
use super::shots::{self, ShotRules, Shots};
use super::{basic, camera, ids, inputs, voice, Ctx};
use crate::caps::{self, Endpoint, ModelCaps};
use crate::issue::Code;
use crate::json::Value;
use crate::schema::parts;

/// A family's rule ids for the shared checks.
#[derive(Debug)]
pub struct VideoRules {
    /// model_name is one of the endpoint's models (TV-1; GEN-MODEL on image2video).
    pub model_name: &'static str,
    /// Per-model durations and features; `mode` on fixed-mode models (TV-2 / IV-8).
    pub model: &'static str,
    /// Multi-shot only on models that have it (TV-2 / IV-3).
    pub multi_shot: &'static str,
    /// sound and voices outside the modes the model allows them in (TV-3 / IV-7).
    pub sound_mode: &'static str,
    /// voice_list count, and sound "on" for a referenced voice (TV-4 / IV-5).
    pub voice: &'static str,
    /// voice_list only on models with voice control (TV-2 / IV-5).
    pub voice_model: &'static str,
    /// §12: cfg_scale only on kling-v1.x (TV-2-cfg_scale / IV-8-cfg_scale).
    pub cfg_scale: &'static str,
    /// camera_control only where the model has it (TV-6 / IV-8).
    pub camera: &'static str,
    /// The prompt and shot rules' ids.
    pub shots: ShotRules,
}

/// What the shared checks found, for the family's own rules.
#[derive(Debug)]
pub struct Video<'v> {
    /// The model the request runs on.
    pub model: Option<&'static str>,
    /// None when model_name is not one of the endpoint's models (already reported).
    pub run: Option<Run>,
    /// Whether `sound` is "on".
    pub sound_on: bool,
    /// What the prompt and shot checks found.
    pub shots: Shots<'v>,
    /// How many voices `voice_list` has.
    pub voices: usize,
}

/// The checks text2video and image2video share, reporting under the family's `rules`.
pub fn check<'v>(ctx: &mut Ctx, req: &'v Value, endpoint: Endpoint, rules: &VideoRules) -> Video<'v> {
    let model = inputs::model_name_as(ctx, req, endpoint, rules.model_name);
    let caps = model.and_then(caps::model);
    let mode = mode(ctx, req, endpoint, caps, rules.model);
    let given = basic::get_duration(ctx, req, "", "duration");
    let duration = given.unwrap_or(5);
    let run = caps.map(|caps| Run { caps, mode, duration });
    if let (Some(d), Some(c)) = (given, caps) {
        if !c.durations.contains(&d) {
            let allowed: Vec<String> = c.durations.iter().map(u32::to_string).collect();
            ctx.error(
                "/duration",
                Code::DurationNotAllowed,
                rules.model,
                vec![("value", (d as usize).into()), ("model", c.model.into()), ("allowed", allowed.into())],
            );
        }
    }
    let sound_on = basic::enum_field(ctx, req, "", &parts::SOUND) == Some("on");
    if let (true, Some(r)) = (sound_on, run) {
        r.feature(ctx, "sound", "/sound", r.caps.sound, ids::CAPS, rules.sound_mode);
    }
    if let Some(v) = basic::get_f64(ctx, req, "", "cfg_scale") {
        let (min, max) = parts::CFG_SCALE.range();
        basic::range(ctx, v, "/cfg_scale", min, max);
        if let Some(c) = caps.filter(|c| !c.cfg_scale) {
            ctx.error("/cfg_scale", Code::FeatureUnsupported, rules.cfg_scale, vec![("model", c.model.into()), ("feature", "cfg_scale".into())]);
        }
    }
    if let Some(n) = basic::get_str(ctx, req, "", "negative_prompt") {
        basic::max_len(ctx, n, "/negative_prompt", parts::NEGATIVE_PROMPT.max_chars());
    }
    let voices = voice::list(ctx, req, rules.voice);
    if let (true, Some(r)) = (voices > 0, run) {
        r.feature(ctx, "voice control", "/voice_list", r.caps.voice, rules.voice_model, rules.sound_mode);
    }
    let shots = shots::check(ctx, req, duration, parts::SHOT_TYPES, &rules.shots);
    if let Some(c) = caps.filter(|c| shots.multi_shot && !c.multi_shot) {
        ctx.error("/multi_shot", Code::FeatureUnsupported, rules.multi_shot, vec![("model", c.model.into()), ("feature", "multi-shot".into())]);
    }
    camera::check(ctx, req, endpoint, run, rules.camera);
    Video { model, run, sound_on, shots, voices }
}

/// The mode the task runs in. A fixed-mode model (kling-v2-master, kling-v2-1-master) has no
/// choice, so the API ignores a given mode: it is dropped with a warning.
fn mode(ctx: &mut Ctx, req: &Value, endpoint: Endpoint, caps: Option<&ModelCaps>, rule: &'static str) -> &'static str {
    let given = basic::enum_field(ctx, req, "", &parts::MODE);
    if caps.is_some_and(|c| c.modes.is_empty()) {
        if req.field("mode").is_some() {
            ctx.ignore_field("mode", "the model offers a choice of mode", rule);
        }
        return "";
    }
    match given {
        Some("pro") => "pro",
        Some("std") => "std",
        _ => endpoint.default_mode(),
    }
}

/// The prompt references: voices (which need sound "on") plus the family's own lists in `lens`.
/// Unused voices get a warning; returns every reference, for the family's unused checks.
pub fn references(ctx: &mut Ctx, video: &Video, lens: &[(Kind, usize)], rules: &VideoRules) -> Vec<Ref> {
    let mut all = vec![(Kind::Voice, video.voices)];
    all.extend_from_slice(lens);
    let seen = refs::check(ctx, &video.shots.prompts, &all);
    voice::needs_sound(ctx, &seen, video.sound_on, rules.voice);
    refs::unused(ctx, &seen, Kind::Voice, 0..video.voices);
    seen
}
