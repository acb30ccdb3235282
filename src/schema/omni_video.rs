//! The Omni-Video table (`POST /v1/videos/omni-video`, kling-api.md §4.1) and its rules OV-1 …
//! OV-19 (§4.2); the checks are in `api::omni_video::rules`.

use super::field::{field, list, Field, Needs, Type};
use super::parts::{self, VIDEO_ASPECT_RATIOS};
use super::registry::{disputed, rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// An `image_list` item (§4.1): an image, and its frame type when it is one.
pub const IMAGE: &[Field] = &[IMAGE_URL, FRAME_TYPE];
/// An `image_list` item's image (§2.2 image rules), required.
pub const IMAGE_URL: Field = field("image_url", Type::Image, ids::IMAGE, "§4.1, §2.2").required().doc("An http(s) URL or raw base64 (no data: prefix).");
/// An `image_list` item's `type`: first or end frame; left out for a reference image.
pub const FRAME_TYPE: Field =
    field("type", Type::Enum(&["first_frame", "end_frame"]), ids::ENUM, "§4.1").doc("Left out for a plain reference image, named <<<image_N>>>.");
/// A `video_list` item (§4.1).
pub const VIDEO: &[Field] = &[VIDEO_URL, REFER_TYPE, KEEP_ORIGINAL_SOUND];
/// A `video_list` item's video URL (§2.3 video rules), required.
pub const VIDEO_URL: Field = field("video_url", Type::Url, ids::URL, "§4.1, §2.3").required();
/// Whether the video is edited (`base`, the default) or lends its style or motion (`feature`).
pub const REFER_TYPE: Field = field("refer_type", Type::Enum(&["feature", "base"]), ids::ENUM, "§4.1")
    .doc("\"base\" (the API default) edits this video; \"feature\" takes its style or motion.");
/// Whether the result keeps the reference video's sound (`yes`/`no`; OV-16).
pub const KEEP_ORIGINAL_SOUND: Field = field("keep_original_sound", Type::Enum(&["yes", "no"]), "OV-16", "§4.1, §4.2");

/// Images + elements ≤ 7 (OV-11): also each list's own most.
pub const MAX_REFERENCES: usize = 7;
/// Reference and frame images, at most `MAX_REFERENCES` (OV-11).
pub const IMAGE_LIST: Field = field("image_list", list(&Type::Object(IMAGE), 0, MAX_REFERENCES), "OV-11", "§4.1, §4.2");
/// At most one reference video (OV-14).
pub const VIDEO_LIST: Field =
    field("video_list", list(&Type::Object(VIDEO), 0, 1), "OV-14", "§4.1, §4.2").needs(Needs::VideoReference).doc("At most one reference video.");
/// §12: `shot_type: "intelligence"` is documented by S2 but rejected live on omni-video (T1 R7).
pub const SHOT_TYPE: Field = parts::shot_type("OV-1", "§4.1, §12").refused("OV-1-intelligence", &["intelligence"]);
/// The output shape; required unless a first frame or a base video sets it.
pub const ASPECT_RATIO: Field =
    field("aspect_ratio", Type::Enum(VIDEO_ASPECT_RATIOS), ids::ENUM, "§4.1").doc("Required unless a first_frame image or a base video sets the shape.");

/// The request's top-level fields, in the order the docs and types list them.
pub const FIELDS: &[Field] = &[
    parts::MODEL_NAME,
    parts::MULTI_SHOT,
    SHOT_TYPE,
    parts::PROMPT,
    parts::multi_prompt("OV-1"),
    IMAGE_LIST,
    parts::element_list(MAX_REFERENCES, "OV-11", "§4.1, §4.2"),
    VIDEO_LIST,
    parts::SOUND,
    parts::MODE,
    ASPECT_RATIO,
    parts::DURATION,
    parts::WATERMARK_INFO,
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The Omni-Video family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family =
    Family { endpoint: Endpoint::OmniVideo, type_name: "OmniVideoRequest", src: super::field::note("§4.1"), fields: FIELDS, rules: RULES, prompt_refs: true };

/// The family's rules, in the registry (read without the table: the wasm's option check
/// looks ids up here, and must not pull every field declaration into its data).
pub const RULES: &[Rule] = &[
    rule("OV-1", Both, "multi_shot needs shot_type; \"customize\" needs 1–6 multi_prompt shots, \"intelligence\" a prompt", "§4.2").deps(&[
        ("shot_type", &["multi_shot", "shot_type"]),
        ("prompt", &["multi_shot", "shot_type", "prompt"]),
        ("multi_prompt", &["multi_shot", "shot_type", "multi_prompt"]),
    ]),
    disputed(
        "OV-1-intelligence",
        Error,
        "shot_type \"intelligence\" is refused on omni-video",
        "§4.1, §12",
        "S2 documents it, live tests reject it: refused by default; set it to \"off\" to send it",
    )
    .deps(&[("shot_type", &["multi_shot", "shot_type"])]),
    rule("OV-2", Both, "A single-shot request needs a prompt; shot_type and multi_prompt are then ignored (dropped)", "§4.2").deps(&[
        ("prompt", &["multi_shot", "shot_type", "prompt"]),
        ("shot_type", &["multi_shot", "shot_type"]),
        ("multi_prompt", &["multi_shot", "shot_type", "multi_prompt"]),
    ]),
    disputed("OV-3", Error, "No end frame with multi-shot", "§4.2, §12", "S1 only says the prompt is ignored, S2 forbids frames: forbidden")
        .deps(&[("image_list", &["multi_shot", "image_list"])]),
    rule("OV-4", Error, "Multi-shot is kling-v3-omni only", "§4.2, §3.1").deps(&[("multi_shot", &["model_name", "multi_shot"])]),
    rule("OV-5", Error, "Each shot: index 1, 2, … in order, a prompt ≤ 512 characters, 1 ≤ duration ≤ the total", "§4.2")
        .deps(&[("multi_prompt", &["multi_shot", "shot_type", "multi_prompt", "duration"])]),
    rule("OV-6", Error, "The shots' durations add up to the request's duration", "§4.2")
        .deps(&[("multi_prompt", &["multi_shot", "shot_type", "multi_prompt", "duration"])]),
    rule("OV-7", Error, "An end_frame needs a first_frame", "§4.2"),
    rule("OV-8", Error, "No first or end frame with a base (edited) video", "§4.2").deps(&[("video_list", &["image_list", "video_list"])]),
    disputed(
        "OV-9",
        Both,
        "No end frame with more than 2 images",
        "§4.2, §12",
        "S1: every model, S2: O1 only: an error on kling-video-o1, a warning on kling-v3-omni",
    )
    .deps(&[("image_list", &["model_name", "image_list"])]),
    rule("OV-10", Error, "At most one first_frame and one end_frame", "§4.2"),
    rule("OV-11", Error, "Images + elements ≤ 7, or ≤ 4 with a reference video", "§4.2")
        .deps(&[("image_list", &["image_list", "element_list", "video_list"]), ("element_list", &["image_list", "element_list", "video_list"])]),
    disputed("OV-12", Error, "≤ 3 elements with frames; none with start+end frames on kling-video-o1", "§4.2, §12", "follows S2")
        .deps(&[("element_list", &["model_name", "image_list", "element_list"])]),
    rule("OV-13", Error, "No video-character elements with a reference video (known from options.elementTypes)", "§4.2, §3.4")
        .deps(&[("element_list", &["element_list", "video_list"])]),
    rule("OV-14", Error, "At most one reference video, with an http(s) URL", "§4.2, §2.3"),
    rule("OV-15", Error, "sound must be \"off\" with a reference video", "§4.2").deps(&[("sound", &["sound", "video_list"])]),
    rule("OV-16", Error, "keep_original_sound is \"yes\" or \"no\", for base and feature videos alike", "§4.2"),
    rule("OV-17", Both, "aspect_ratio is required unless a first frame or a base video sets the shape; there it is ignored (dropped)", "§4.2")
        .deps(&[("aspect_ratio", &["aspect_ratio", "image_list", "video_list"])]),
    disputed(
        "OV-18",
        Both,
        "kling-video-o1 durations: 5 or 10 s for text or first-frame video, else 3–10 s; ignored (dropped) with a base video",
        "§4.2, §12",
        "S2's table says 3–10 everywhere, the map 5/10 for T2V and first-frame I2V: the map",
    )
    .deps(&[("duration", &["model_name", "duration", "image_list", "element_list", "video_list"])]),
    rule("OV-19", Both, "kling-v3-omni durations: 3–15 s, 3–10 s with a reference video; ignored (dropped) with a base video", "§4.2")
        .deps(&[("duration", &["model_name", "duration", "image_list", "element_list", "video_list"])]),
];
