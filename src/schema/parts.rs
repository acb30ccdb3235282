//! Fields and item schemas more than one family shares: model, prompts, shots, elements, voices,
//! sound, mode, camera_control and the task fields every create ends with.

use super::field::{field, list, Field, Narrow, Needs, Type, STR};
use crate::rules::ids;

/// The most code points in a top-level prompt (§2.5).
pub const PROMPT_MAX: usize = 2500;
/// The most code points in one shot's prompt (§2.5).
pub const SHOT_PROMPT_MAX: usize = 512;
/// `multi_prompt` holds 1–6 shots (§4.2 OV-1).
pub const MAX_SHOTS: usize = 6;
/// "At most 2 voices per task" (§2.4).
pub const MAX_VOICES: usize = 2;

/// The aspect ratios the video endpoints take (omni-video §4.1, text2video §5.1).
pub const VIDEO_ASPECT_RATIOS: &[&str] = &["16:9", "9:16", "1:1"];

/// The model, one the endpoint serves; when absent the body names the API's default (with a warning).
pub const MODEL_NAME: Field =
    field("model_name", Type::Model, ids::MODEL, "§3").doc("The model; left out, the API's old default applies (the body then names it, with a warning).");
/// `true` for multi-shot generation (custom shots or `intelligence` splitting).
pub const MULTI_SHOT: Field =
    field("multi_shot", Type::Bool, ids::TYPE, "§4.1").needs(Needs::MultiShot).doc("true: the shots of `multi_prompt` (or `intelligence` splitting).");
/// The shot types the video endpoints document; a family may refuse one by a rule.
pub const SHOT_TYPES: &[&str] = &["customize", "intelligence"];
/// `shot_type`, read only when `multi_shot` is true, its checks reported under `rule`.
pub const fn shot_type(rule: &'static str, src: &'static str) -> Field {
    field("shot_type", Type::Enum(SHOT_TYPES), rule, src).when("multi_shot is true").needs(Needs::MultiShot).doc("Required when multi_shot is true.")
}
/// The top-level prompt: ≤ 2500 code points, needed unless the shots carry the prompts.
pub const PROMPT: Field = field("prompt", Type::Str { max: PROMPT_MAX, non_empty: false }, ids::LENGTH, "§2.5")
    .doc("≤ 2500 characters; needed unless the shots of multi_prompt carry the prompts.");
/// What the output should not show: ≤ 2500 code points.
pub const NEGATIVE_PROMPT: Field = field("negative_prompt", Type::Str { max: PROMPT_MAX, non_empty: false }, ids::LENGTH, "§5.1, §2.5");

/// One shot of `multi_prompt` (§4.2 OV-5).
pub const SHOT: &[Field] = &[
    field("index", Type::Int { min: i64::MIN, max: i64::MAX }, ids::RANGE, "§4.2").required().doc("1, 2, … in order."),
    field("prompt", Type::Str { max: SHOT_PROMPT_MAX, non_empty: true }, ids::LENGTH, "§4.2, §2.5").required().doc("≤ 512 characters."),
    field("duration", Type::ShotDuration, ids::DURATION, "§4.2").required().doc("Whole seconds, 1 … the request's duration; the shots add up to it."),
];
/// `multi_prompt`: 1–6 shots, read only when `multi_shot` is true; its count reported under `rule`.
pub const fn multi_prompt(rule: &'static str) -> Field {
    field("multi_prompt", list(&Type::Object(SHOT), 1, MAX_SHOTS), rule, "§4.2")
        .when("multi_shot is true")
        .needs(Needs::MultiShot)
        .doc("1–6 shots; required when multi_shot is true and shot_type is \"customize\".")
}

/// An `element_list` item (§4.1).
pub const ELEMENT: &[Field] = &[field("element_id", Type::ElementId, ids::INT64, "§4.1, §2.1")
    .required()
    .doc("Exact digits: a string or BigInt, or a number while it is a safe integer.")];
/// `element_list` with at most `max` elements, its count reported under `rule`.
pub const fn element_list(max: usize, rule: &'static str, src: &'static str) -> Field {
    field("element_list", list(&Type::Object(ELEMENT), 0, max), rule, src).needs(Needs::Elements)
}

/// A `voice_list` item (§5.1): a preset or custom voice id (§8.2).
pub const VOICE: &[Field] = &[field("voice_id", Type::Str { max: 0, non_empty: true }, ids::EMPTY, "§5.1, §8.2").required()];
/// `voice_list`: at most 2 voices, its count reported under `rule`.
pub const fn voice_list(rule: &'static str) -> Field {
    field("voice_list", list(&Type::Object(VOICE), 0, MAX_VOICES), rule, "§5.1, §2.4")
        .needs(Needs::Voice)
        .doc("At most 2 voices, named <<<voice_N>>> in prompts; needs sound \"on\".")
}

/// `on` or `off`; `on` only where the model has sound.
pub const SOUND: Field = field("sound", Type::Enum(&["on", "off"]), ids::ENUM, "§4.1, §5.1").narrow(Narrow::Sound).doc("\"on\" only on models with sound.");
/// `std` (720p) or `pro` (1080p), as far as the model offers them.
pub const MODE: Field =
    field("mode", Type::Enum(&["std", "pro"]), ids::ENUM, "§4.1, §5.1").narrow(Narrow::Modes).doc("std (720p) or pro (1080p); a fixed-mode model ignores it.");
/// The output length in whole seconds, one the model offers; sent as a string.
pub const DURATION: Field = field("duration", Type::Duration, ids::DURATION, "§4.1, §5.1").narrow(Narrow::Durations).doc("Whole seconds; sent as a string.");
/// How closely to follow the prompt, 0 to 1 (kling-v1.x only by default, §12).
pub const CFG_SCALE: Field =
    field("cfg_scale", Type::Float { min: 0.0, max: 1.0 }, ids::RANGE, "§5.1, §12").needs(Needs::CfgScale).doc("[0, 1]; kling-v1.x only by default (§12).");

/// Legacy `camera_control` (§5.2).
pub const CAMERA_TYPES: &[&str] = &["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"];
const AXIS: Type = Type::Float { min: -10.0, max: 10.0 };
/// The six axes of `config`, each in [-10, 10].
pub const CAMERA_AXES: &[Field] = &[
    field("horizontal", AXIS, ids::RANGE, "§5.2"),
    field("vertical", AXIS, ids::RANGE, "§5.2"),
    field("pan", AXIS, ids::RANGE, "§5.2"),
    field("tilt", AXIS, ids::RANGE, "§5.2"),
    field("roll", AXIS, ids::RANGE, "§5.2"),
    field("zoom", AXIS, ids::RANGE, "§5.2"),
];
/// The fields of `camera_control`: a preset `type`, and the axes for `simple`.
pub const CAMERA: &[Field] = &[
    field("type", Type::Enum(CAMERA_TYPES), ids::ENUM, "§5.2").doc("Required on image2video."),
    field("config", Type::Object(CAMERA_AXES), ids::CAMERA, "§5.2")
        .doc("Required for \"simple\", with exactly one non-zero axis; left out or all zero for the others."),
];
/// Legacy camera movement (kling-v1 text2video, kling-v1-5 image2video).
pub const CAMERA_CONTROL: Field = field("camera_control", Type::Object(CAMERA), ids::CAMERA, "§5.2")
    .needs(Needs::Camera)
    .doc("Legacy; text2video kling-v1 std 5 s, image2video kling-v1-5 pro 5 s.");

/// The fields every create request ends with (§4.1).
pub const WATERMARK: &[Field] = &[field("enabled", Type::Bool, ids::TYPE, "§4.1").doc("true: Kling also makes a watermarked copy.")];
/// `{ enabled }`: whether Kling also makes a watermarked copy.
pub const WATERMARK_INFO: Field = field("watermark_info", Type::Object(WATERMARK), ids::TYPE, "§4.1");
/// Where Kling posts the task's status changes (§9); `""` is dropped.
pub const CALLBACK_URL: Field = field("callback_url", Type::Url, ids::URL, "§4.1, §9").doc("Where Kling posts status changes; \"\" is dropped.");
/// The caller's own id for the task, unique per account (≤ 256 code points); `""` is dropped.
pub const EXTERNAL_TASK_ID: Field = field("external_task_id", Type::Str { max: 256, non_empty: true }, ids::LENGTH, "§4.1")
    .doc("Unique per account; lets a create be found again. \"\" is dropped.");

/// A string item field (ids, names) with no limit.
pub const fn text(name: &'static str, rule: &'static str, src: &'static str) -> Field {
    field(name, STR, rule, src)
}
