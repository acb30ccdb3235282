//! The Omni-Image table (`POST /v1/images/omni-image`, kling-api.md §7.1) and its rules OI-1 …
//! OI-5; the checks are in `api::omni_image::rules`.

use super::field::{field, list, Field, Narrow, Needs, Type};
use super::parts::{self, PROMPT_MAX};
use super::registry::{disputed, rule, Rule, RuleLevel::*};
use super::Family;
use crate::caps::Endpoint;
use crate::rules::ids;

/// An `image_list` item: the key is `image` here, not `image_url` as on omni-video (§7.1).
pub const IMAGE: &[Field] = &[field("image", Type::Image, ids::IMAGE, "§7.1, §2.2").required().doc("An http(s) URL or raw base64 (no data: prefix).")];
/// OI-1: images + elements ≤ 10, so each list too.
pub const MAX_REFERENCES: usize = 10;

/// Required here (≤ 2500 code points); may name `<<<image_N>>>`, `<<<element_N>>>` or `<<<object_N>>>`.
pub const PROMPT: Field = field("prompt", Type::Str { max: PROMPT_MAX, non_empty: true }, ids::LENGTH, "§7.1, §2.5")
    .required()
    .doc("≤ 2500 characters; <<<image_N>>>, and <<<element_N>>> or <<<object_N>>>.");
/// Reference images, at most `MAX_REFERENCES` (OI-1).
pub const IMAGE_LIST: Field = field("image_list", list(&Type::Object(IMAGE), 0, MAX_REFERENCES), "OI-1", "§7.1");
/// `1k` (the default), `2k` or `4k`, as far as the model offers it.
pub const RESOLUTION: Field =
    field("resolution", Type::Enum(&["1k", "2k", "4k"]), ids::ENUM, "§7.1").narrow(Narrow::Resolutions).doc("\"1k\" is the API's default.");
/// One image set (`single`) or a `series`, where the model makes series.
pub const RESULT_TYPE: Field =
    field("result_type", Type::Enum(&["single", "series"]), ids::ENUM, "§7.1").narrow(Narrow::Series).doc("\"single\" (the API's default) or \"series\".");
/// How many images a single result has: 1 to 9.
pub const N: Field = field("n", Type::Int { min: 1, max: 9 }, ids::RANGE, "§7.1").doc("1 … 9 images, for single results.");
/// How many images a series has: 2 to 9.
pub const SERIES_AMOUNT: Field = field("series_amount", Type::Int { min: 2, max: 9 }, ids::RANGE, "§7.1")
    .needs(Needs::Series)
    .doc("2 … 9 images, for series results (the API's default is 4).");
/// The output shape; `auto` (the default) lets the model pick.
pub const ASPECT_RATIO: Field = field("aspect_ratio", Type::Enum(&["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "auto"]), ids::ENUM, "§7.1")
    .doc("\"auto\" (the API's default) lets the model pick.");

/// The request's top-level fields, in the order the docs and types list them.
pub const FIELDS: &[Field] = &[
    parts::MODEL_NAME,
    PROMPT,
    IMAGE_LIST,
    parts::element_list(MAX_REFERENCES, "OI-1", "§7.1").doc("Multi-image elements only."),
    RESOLUTION,
    RESULT_TYPE,
    N,
    SERIES_AMOUNT,
    ASPECT_RATIO,
    parts::WATERMARK_INFO,
    parts::CALLBACK_URL,
    parts::EXTERNAL_TASK_ID,
];

/// The Omni-Image family: its fields and rules, for the checks and the generators.
pub static FAMILY: Family =
    Family { endpoint: Endpoint::OmniImage, type_name: "OmniImageRequest", src: super::field::note("§7.1"), fields: FIELDS, rules: RULES, prompt_refs: true };

/// The family's rules, in the registry (read without the table: the wasm's option check
/// looks ids up here, and must not pull every field declaration into its data).
pub const RULES: &[Rule] = &[
    rule("OI-1", Error, "Images + elements ≤ 10", "§7.1")
        .deps(&[("image_list", &["image_list", "element_list"]), ("element_list", &["image_list", "element_list"])]),
    rule("OI-2", Error, "resolution \"4k\" (and any the model lacks) needs kling-v3-omni", "§7.1, §3.3").deps(&[("resolution", &["model_name", "resolution"])]),
    rule("OI-3", Error, "result_type \"series\" needs kling-v3-omni", "§7.1, §3.3").deps(&[("result_type", &["model_name", "result_type"])]),
    rule("OI-3-image", Warning, "A series probably needs a reference image", "§7.1").deps(&[("result_type", &["result_type", "image_list", "element_list"])]),
    rule("OI-4", Warning, "n counts single results, series_amount series ones: the other is ignored (dropped)", "§7.1")
        .deps(&[("n", &["result_type", "n"]), ("series_amount", &["result_type", "series_amount"])]),
    disputed(
        "OI-5",
        Warning,
        "aspect_ratio \"auto\" without reference images on kling-image-o1",
        "§7.1, §3.3, §12",
        "S1 says no, S3 yes: a warning, and the server decides",
    )
    .deps(&[("aspect_ratio", &["model_name", "aspect_ratio", "image_list", "element_list"])]),
];
