//! The custom-voice table (`POST /v1/general/custom-voices`, kling-api.md §8.2) and its rules
//! VC-1 and VC-2; the checks are in `api::custom_voice::rules`.

use super::field::{field, Field, Type};
use super::parts;
use super::registry::{rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// The file types a voice sample may be (§8.2).
pub const AUDIO_EXTENSIONS: &[&str] = &["mp3", "wav", "mp4", "mov"];

/// The request's top-level fields, in the order the docs list them.
pub const FIELDS: &[Field] = &[
    field("voice_name", Type::Str { max: 20, non_empty: true }, ids::LENGTH, "§8.2").required().doc("≤ 20 characters."),
    field("voice_url", Type::Url, ids::URL, "§8.2").doc("An .mp3, .wav, .mp4 or .mov of one clean speaker, 5–30 s; or video_id."),
    field("video_id", Type::Str { max: 0, non_empty: true }, ids::EMPTY, "§8.2")
        .doc("A video made by kling-v2-6 with sound on, the Avatar API or the Lip-Sync API; or voice_url."),
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The custom-voice family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family = Family {
    endpoint: Endpoint::CustomVoice,
    type_name: "CustomVoiceRequest",
    src: super::field::note("§8.2"),
    fields: FIELDS,
    rules: RULES,
    prompt_refs: false,
};

/// The family's rules, in the registry.
pub const RULES: &[Rule] = &[
    rule("VC-1", Error, "Exactly one of voice_url and video_id", "§8.2")
        .deps(&[("voice_url", &["voice_url", "video_id"]), ("video_id", &["voice_url", "video_id"])]),
    rule("VC-2", Error, "voice_url is an .mp3, .wav, .mp4 or .mov where the URL names its type", "§8.2"),
];
