//! The Text-to-Video table (`POST /v1/videos/text2video`, kling-api.md §5.1) and its rules TV-1 …
//! TV-6 (§5.4); the checks are in `api::text_to_video::rules` and `rules::video`.

use super::field::{field, Field, Type};
use super::parts::{self, VIDEO_ASPECT_RATIOS};
use super::registry::{disputed, rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// The output shape; `16:9` by the API's default.
pub const ASPECT_RATIO: Field = field("aspect_ratio", Type::Enum(VIDEO_ASPECT_RATIOS), ids::ENUM, "§5.1").doc("\"16:9\" is the API's default.");

/// The request's top-level fields, in the order the docs and types list them.
pub const FIELDS: &[Field] = &[
    parts::MODEL_NAME,
    parts::MULTI_SHOT,
    parts::shot_type("TV-5", "§5.1"),
    parts::PROMPT,
    parts::multi_prompt("TV-5"),
    parts::NEGATIVE_PROMPT,
    parts::voice_list("TV-4"),
    parts::SOUND,
    parts::CFG_SCALE,
    parts::MODE,
    ASPECT_RATIO,
    parts::DURATION,
    parts::CAMERA_CONTROL,
    parts::WATERMARK_INFO,
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The Text-to-Video family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family = Family {
    endpoint: Endpoint::TextToVideo,
    type_name: "TextToVideoRequest",
    src: super::field::note("§5.1"),
    fields: FIELDS,
    rules: RULES,
    prompt_refs: true,
};

/// The family's rules, in the registry (read without the table: the wasm's option check
/// looks ids up here, and must not pull every field declaration into its data).
pub const RULES: &[Rule] = &[
    rule("TV-1", Error, "model_name is one of text2video's models", "§5.4"),
    rule("TV-2", Both, "Per-model durations, multi-shot and voices; a fixed-mode model ignores mode (dropped)", "§5.4, §3.2").deps(&[
        ("duration", &["model_name", "duration"]),
        ("mode", &["model_name", "mode"]),
        ("multi_shot", &["model_name", "multi_shot"]),
        ("voice_list", &["model_name", "voice_list"]),
    ]),
    disputed(
        "TV-2-cfg_scale",
        Error,
        "cfg_scale only on kling-v1.x",
        "§5.1, §12",
        "S1: v1.x only, S2: not v2.x: refused elsewhere; set it to \"warning\" to send it",
    )
    .deps(&[("cfg_scale", &["model_name", "cfg_scale"])]),
    rule("TV-3", Error, "kling-v2-6: sound \"on\" and voices need mode \"pro\"", "§5.4, §3.2")
        .deps(&[("mode", &["model_name", "mode", "sound", "voice_list"])]),
    rule("TV-4", Error, "≤ 2 voices; a prompt naming a voice needs sound \"on\"", "§5.4, §2.4")
        .deps(&[("sound", &["sound", "multi_shot", "shot_type", "prompt", "multi_prompt"])]),
    rule("TV-5", Both, "The prompt / multi_prompt rules of OV-1, OV-2, OV-5 and OV-6", "§5.4").deps(&[
        ("shot_type", &["multi_shot", "shot_type"]),
        ("prompt", &["multi_shot", "shot_type", "prompt"]),
        ("multi_prompt", &["multi_shot", "shot_type", "multi_prompt", "duration"]),
    ]),
    rule("TV-6", Error, "camera_control only on kling-v1 std 5 s", "§5.4, §5.2").deps(&[
        ("camera_control", &["model_name", "camera_control"]),
        ("mode", &["model_name", "mode", "camera_control"]),
        ("duration", &["model_name", "duration", "camera_control"]),
    ]),
];
