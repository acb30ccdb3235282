//! The custom-element table (`POST /v1/general/advanced-custom-elements`, kling-api.md §8.3) and
//! its rules EL-1 … EL-5 and EL-VIDEO; the checks are in `api::custom_element::rules` (EL-VIDEO,
//! which needs the file, in the media module).

use super::field::{field, list, Field, Type};
use super::parts;
use super::registry::{rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// The two kinds of element: multi-image, and video character (§3.4).
pub const REFERENCE_TYPES: &[&str] = &["image_refer", "video_refer"];
/// The tag ids §8.3 lists (Hottest, Character, Animal, Item, Costume, Scene, Effect, Others).
pub const TAG_IDS: &[&str] = &["o_101", "o_102", "o_103", "o_104", "o_105", "o_106", "o_107", "o_108"];
/// The refer video's file types (§8.3).
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "mov"];

/// A `refer_images` item.
pub const REFER_IMAGE: &[Field] =
    &[field("image_url", Type::Image, ids::IMAGE, "§8.3, §2.2").required().doc("An http(s) URL or raw base64 (no data: prefix).")];
/// `element_image_list`: the front view and 1–3 other views (EL-2).
pub const IMAGE_LIST: &[Field] = &[
    field("frontal_image", Type::Image, ids::IMAGE, "§8.3, §2.2").required().doc("The front view: an http(s) URL or raw base64."),
    field("refer_images", list(&Type::Object(REFER_IMAGE), 1, 3), "EL-2", "§8.3").required().doc("1–3 other views, each different from the front view."),
];
/// A `refer_videos` item.
pub const REFER_VIDEO: &[Field] = &[field("video_url", Type::Url, ids::URL, "§8.3").required().doc("An .mp4 or .mov: 1080p, 3–8 s, 16:9 or 9:16, ≤ 200 MB.")];
/// `element_video_list`: exactly one video (EL-3).
pub const VIDEO_LIST: &[Field] =
    &[field("refer_videos", list(&Type::Object(REFER_VIDEO), 1, 1), "EL-3", "§8.3").required().doc("Exactly one video of a realistic human character.")];
/// A `tag_list` item.
pub const TAG: &[Field] = &[field("tag_id", Type::Enum(TAG_IDS), "EL-5", "§8.3").required().doc("o_101 Hottest … o_108 Others.")];

/// The request's top-level fields, in the order the docs list them.
pub const FIELDS: &[Field] = &[
    field("element_name", Type::Str { max: 20, non_empty: true }, ids::LENGTH, "§8.3").required().doc("≤ 20 characters."),
    field("element_description", Type::Str { max: 100, non_empty: true }, ids::LENGTH, "§8.3").required().doc("≤ 100 characters."),
    field("reference_type", Type::Enum(REFERENCE_TYPES), ids::ENUM, "§8.3, §3.4")
        .required()
        .doc("\"image_refer\" (multi-image element) or \"video_refer\" (video character element)."),
    field("element_image_list", Type::Object(IMAGE_LIST), "EL-1", "§8.3").doc("Required for \"image_refer\"."),
    field("element_video_list", Type::Object(VIDEO_LIST), "EL-1", "§8.3").doc("Required for \"video_refer\"."),
    field("element_voice_id", Type::Str { max: 0, non_empty: true }, "EL-4", "§8.3, §8.2").doc("Binds an existing voice; video elements only."),
    field("tag_list", list(&Type::Object(TAG), 0, TAG_IDS.len()), "EL-5", "§8.3").doc("Tags from §8.3, each at most once."),
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The custom-element family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family = Family {
    endpoint: Endpoint::CustomElement,
    type_name: "CustomElementRequest",
    src: super::field::note("§8.3"),
    fields: FIELDS,
    rules: RULES,
    prompt_refs: false,
};

/// The family's rules, in the registry.
pub const RULES: &[Rule] = &[
    rule("EL-1", Error, "reference_type's list is given (element_image_list or element_video_list), and not the other one", "§8.3")
        .deps(&[("element_image_list", &["reference_type", "element_image_list"]), ("element_video_list", &["reference_type", "element_video_list"])]),
    rule("EL-2", Error, "1–3 refer images, each different from the frontal image", "§8.3"),
    rule("EL-3", Error, "Exactly one refer video, an .mp4 or .mov where the URL names its type", "§8.3"),
    rule("EL-4", Error, "element_voice_id only on video character elements", "§8.3, §3.4")
        .deps(&[("element_voice_id", &["reference_type", "element_voice_id"])]),
    rule("EL-5", Error, "tag_list ids from §8.3, each at most once", "§8.3"),
    rule("EL-VIDEO", Error, "A local refer video is mp4/mov, 1080p, 3–8 s, 16:9 or 9:16 and ≤ 200 MB (checked from the file, async)", "§8.3"),
];
