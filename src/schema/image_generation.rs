//! The image-generation table (`POST /v1/images/generations`, kling-api.md §8.1) and its rules
//! IG-1 … IG-7; the checks are in `api::image_generation::rules`.

use super::field::{field, Field, Narrow, Needs, Type};
use super::parts::{self, PROMPT_MAX};
use super::registry::{rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// IG-1: the image and the elements together, at most 10 (kling-v3).
pub const MAX_REFERENCES: usize = 10;

/// Required, ≤ 2500 code points.
pub const PROMPT: Field = field("prompt", Type::Str { max: PROMPT_MAX, non_empty: true }, ids::LENGTH, "§8.1, §2.5").required().doc("≤ 2500 characters.");
/// What the images should not show; not with `image` (IG-2).
pub const NEGATIVE_PROMPT: Field = field("negative_prompt", Type::Str { max: PROMPT_MAX, non_empty: false }, ids::LENGTH, "§8.1, §2.5")
    .doc("≤ 2500 characters; not with image (image-to-image).");
/// The reference image (image-to-image).
pub const IMAGE: Field = field("image", Type::Image, ids::IMAGE, "§8.1, §2.2").doc("An http(s) URL or raw base64 (no data: prefix).");
/// Legacy kling-v1-5 reference kind; required there with `image` (IG-3).
pub const IMAGE_REFERENCE: Field = field("image_reference", Type::Enum(&["subject", "face"]), ids::ENUM, "§8.1")
    .needs(Needs::ImageReference)
    .doc("kling-v1-5 only, and required there with image; \"face\" needs exactly one face in the image.");
/// Legacy: how closely to follow the reference image.
pub const IMAGE_FIDELITY: Field =
    field("image_fidelity", Type::Float { min: 0.0, max: 1.0 }, ids::RANGE, "§8.1").when("image is set").doc("[0, 1], default 0.5; read only with image.");
/// Legacy: how closely to follow the subject's face (image_reference "subject" only, IG-6).
pub const HUMAN_FIDELITY: Field = field("human_fidelity", Type::Float { min: 0.0, max: 1.0 }, ids::RANGE, "§8.1")
    .needs(Needs::ImageReference)
    .when("image_reference is \"subject\"")
    .doc("[0, 1], default 0.45; read only with image_reference \"subject\".");
/// `1k` (the default) or `2k`, as far as the model offers it (IG-4).
pub const RESOLUTION: Field =
    field("resolution", Type::Enum(&["1k", "2k"]), ids::ENUM, "§8.1, §3.3").narrow(Narrow::Resolutions).doc("\"1k\" is the API's default.");
/// How many images: 1 to 9 (each uses a concurrency slot).
pub const N: Field = field("n", Type::Int { min: 1, max: 9 }, ids::RANGE, "§8.1").doc("1 … 9 images; each uses a concurrency slot.");
/// The output shape (kling-v1 has no 21:9, IG-5).
pub const ASPECT_RATIO: Field = field("aspect_ratio", Type::Enum(&["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"]), ids::ENUM, "§8.1, §3.3")
    .narrow(Narrow::ImageAspects)
    .doc("\"16:9\" is the API's default; kling-v1 has no \"21:9\".");

/// The request's top-level fields, in the order the docs list them.
pub const FIELDS: &[Field] = &[
    parts::MODEL_NAME,
    PROMPT,
    NEGATIVE_PROMPT,
    IMAGE,
    parts::element_list(MAX_REFERENCES, "IG-1", "§8.1").doc("kling-v3: multi-image elements; with image, 10 at most."),
    IMAGE_REFERENCE,
    IMAGE_FIDELITY,
    HUMAN_FIDELITY,
    RESOLUTION,
    N,
    ASPECT_RATIO,
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The image-generation family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family = Family {
    endpoint: Endpoint::ImageGeneration,
    type_name: "ImageGenerationRequest",
    src: super::field::note("§8.1"),
    fields: FIELDS,
    rules: RULES,
    prompt_refs: false,
};

/// The family's rules, in the registry.
pub const RULES: &[Rule] = &[
    rule("IG-1", Error, "element_list only on models with elements (kling-v3); image + elements ≤ 10", "§8.1, §3.3")
        .deps(&[("element_list", &["model_name", "image", "element_list"])]),
    rule("IG-2", Error, "No negative_prompt with image (image-to-image)", "§8.1").deps(&[("negative_prompt", &["image", "negative_prompt"])]),
    rule("IG-3", Error, "image_reference only on kling-v1-5, and required there with image", "§8.1, §3.3")
        .deps(&[("image_reference", &["model_name", "image", "image_reference"])]),
    rule("IG-4", Error, "A resolution the model offers (kling-v2 makes 2k only from text)", "§8.1, §3.3")
        .deps(&[("resolution", &["model_name", "image", "resolution"])]),
    rule("IG-5", Error, "An aspect ratio the model offers (kling-v1 has no 21:9)", "§8.1, §3.3").deps(&[("aspect_ratio", &["model_name", "aspect_ratio"])]),
    rule("IG-6", Warning, "image_fidelity needs image, human_fidelity image_reference \"subject\": otherwise ignored (dropped)", "§8.1")
        .deps(&[("image_fidelity", &["image", "image_fidelity"]), ("human_fidelity", &["image_reference", "human_fidelity"])]),
    rule("IG-7", Error, "kling-v2-new only restyles: it needs image", "§3.3").deps(&[("image", &["model_name", "image"])]),
];
