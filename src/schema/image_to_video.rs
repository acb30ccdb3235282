//! The Image-to-Video table (`POST /v1/videos/image2video`, kling-api.md §6.1) and its rules IV-1
//! … IV-8 (§6.2); the checks are in `api::image_to_video::rules` and `rules::video`.

use super::field::{field, list, Field, Needs, Type};
use super::parts;
use super::registry::{disputed, rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// A trajectory point: whole pixels, origin at the image's bottom-left corner (§6.1).
pub const POINT: &[Field] = &[
    field("x", Type::Int { min: i64::MIN, max: i64::MAX }, ids::RANGE, "§6.1").required(),
    field("y", Type::Int { min: i64::MIN, max: i64::MAX }, ids::RANGE, "§6.1").required(),
];
/// One moving area of the motion brush (§6.1).
pub const MASK: &[Field] = &[field("mask", Type::Image, ids::IMAGE, "§6.1").required().doc("An image of the same resolution as static_mask."), TRAJECTORIES];
/// A mask's path: 2 to 77 points (a 5 s video), required.
pub const TRAJECTORIES: Field =
    field("trajectories", list(&Type::Object(POINT), 2, 77), ids::MOTION_BRUSH, "§6.1").required().doc("2 to 77 points for a 5 s video.");
/// The start frame (§2.2 image rules); `<<<image_1>>>` in a prompt.
pub const IMAGE: Field = field("image", Type::Image, ids::IMAGE, "§6.1, §2.2").doc("Start frame; <<<image_1>>> in a prompt.");
/// The end frame; `<<<image_2>>>` when `image` is given too.
pub const IMAGE_TAIL: Field =
    field("image_tail", Type::Image, ids::IMAGE, "§6.1, §2.2").needs(Needs::EndFrame).doc("End frame; <<<image_2>>> when image is given too.");
/// Legacy motion brush: the area that stays still.
pub const STATIC_MASK: Field =
    field("static_mask", Type::Image, ids::IMAGE, "§6.1").needs(Needs::MotionBrush).doc("Legacy motion brush: the area that stays still.");
/// At most 3 elements (IV-4).
pub const ELEMENT_LIST: Field = parts::element_list(3, "IV-4", "§6.1, §6.2").doc("At most 3 elements (kling-v3); not with voice_list by default (IV-6).");
/// Legacy motion brush: up to 6 moving areas, each a mask and its trajectory.
pub const DYNAMIC_MASKS: Field = field("dynamic_masks", list(&Type::Object(MASK), 0, 6), ids::MOTION_BRUSH, "§6.1")
    .needs(Needs::MotionBrush)
    .doc("Legacy motion brush: up to 6 moving areas.");

/// The request's top-level fields, in the order the docs and types list them.
pub const FIELDS: &[Field] = &[
    parts::MODEL_NAME,
    IMAGE,
    IMAGE_TAIL,
    parts::MULTI_SHOT,
    parts::shot_type("IV-3", "§6.1"),
    parts::PROMPT,
    parts::multi_prompt("IV-3"),
    parts::NEGATIVE_PROMPT,
    ELEMENT_LIST,
    parts::voice_list("IV-5"),
    parts::SOUND,
    parts::CFG_SCALE,
    parts::MODE,
    parts::DURATION,
    STATIC_MASK,
    DYNAMIC_MASKS,
    parts::CAMERA_CONTROL,
    parts::WATERMARK_INFO,
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The Image-to-Video family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family = Family {
    endpoint: Endpoint::ImageToVideo,
    type_name: "ImageToVideoRequest",
    src: super::field::note("§6.1"),
    fields: FIELDS,
    rules: RULES,
    prompt_refs: true,
};

/// The family's rules, in the registry (read without the table: the wasm's option check
/// looks ids up here, and must not pull every field declaration into its data).
pub const RULES: &[Rule] = &[
    rule("IV-1", Error, "image or image_tail is given; an end frame alone only on kling-v1-5 / v1-6 pro", "§6.2")
        .deps(&[("image", &["model_name", "image", "image_tail", "mode"])]),
    rule("IV-2", Error, "At most one of image_tail, the motion brush and camera_control", "§6.2").deps(&[
        // The message names every one used, so its text follows each.
        ("static_mask", &["image_tail", "static_mask", "camera_control"]),
        ("dynamic_masks", &["image_tail", "static_mask", "dynamic_masks", "camera_control"]),
        ("camera_control", &["image_tail", "static_mask", "dynamic_masks", "camera_control"]),
    ]),
    rule("IV-3", Both, "Multi-shot: kling-v3 only, no image_tail, and the prompt rules of OV-1, OV-2, OV-5, OV-6", "§6.2").deps(&[
        ("shot_type", &["multi_shot", "shot_type"]),
        ("prompt", &["multi_shot", "shot_type", "prompt"]),
        ("multi_prompt", &["multi_shot", "shot_type", "multi_prompt", "duration"]),
        ("multi_shot", &["model_name", "multi_shot"]),
        ("image_tail", &["multi_shot", "image_tail"]),
    ]),
    rule("IV-4", Error, "≤ 3 elements, on models with elements", "§6.2").deps(&[("element_list", &["model_name", "element_list"])]),
    rule("IV-5", Error, "≤ 2 voices, on models with voice control; a prompt naming a voice needs sound \"on\"", "§6.2")
        .deps(&[("voice_list", &["model_name", "voice_list"]), ("sound", &["sound", "multi_shot", "shot_type", "prompt", "multi_prompt"])]),
    disputed(
        "IV-6",
        Error,
        "element_list and voice_list together",
        "§6.2, §12",
        "S1's table and S2 forbid it, S1's example does it: refused; set it to \"off\" to send both",
    )
    .deps(&[("voice_list", &["element_list", "voice_list"])]),
    rule("IV-7", Error, "kling-v2-6: sound and voices need pro, and an end frame needs sound \"off\"", "§6.2, §3.2")
        .deps(&[("sound", &["model_name", "sound", "image", "image_tail"]), ("mode", &["model_name", "mode", "sound", "voice_list"])]),
    rule("IV-8", Both, "Legacy per-model limits: durations, frames, motion brush, camera; a fixed-mode model ignores mode (dropped)", "§6.2, §3.2").deps(&[
        ("duration", &["model_name", "duration", "image", "image_tail", "static_mask", "dynamic_masks", "camera_control"]),
        ("mode", &["model_name", "mode", "image", "image_tail", "static_mask", "dynamic_masks", "camera_control"]),
        ("image_tail", &["model_name", "image", "image_tail"]),
        ("static_mask", &["model_name", "static_mask"]),
        ("dynamic_masks", &["model_name", "static_mask", "dynamic_masks"]),
        // Only a camera the model takes in this mode and duration is checked for its type.
        ("camera_control", &["model_name", "camera_control", "mode", "duration"]),
    ]),
    disputed(
        "IV-8-cfg_scale",
        Error,
        "cfg_scale only on kling-v1.x",
        "§6.1, §12",
        "S1: v1.x only, S2: not v2.x: refused elsewhere; set it to \"warning\" to send it",
    )
    .deps(&[("cfg_scale", &["model_name", "cfg_scale"])]),
];
