//! The request shapes the structured generator follows, one per family, written from the
//! families' FIELDS lists and rules (kling-api.md §4–§8.3): which keys exist, and what kind of
//! value each usually holds. The generator departs from them on purpose now and then.

use kling_wasm::Endpoint;

/// What kind of value a key usually holds.
#[derive(Debug)]
pub enum Shape {
    /// A model name (any model of the capability map, or a bad one).
    Model,
    /// One of these strings (or a near miss).
    Enum(&'static [&'static str]),
    /// A duration: a string of digits or a number.
    Duration,
    Bool,
    /// A prompt with `<<<kind_N>>>` references, sometimes over the length limits.
    Prompt,
    /// An image: URL, raw base64, or a bad one (data: URI, empty, ftp).
    Image,
    /// A media or callback URL.
    Url,
    /// An element id: digits as string, number or BigInt marker, or a bad one.
    ElementId,
    /// A number, usually in `[lo, hi]`.
    Num(f64, f64),
    /// A whole number, usually in `[lo, hi]`.
    Int(i64, i64),
    /// Any text.
    Text,
    /// A list of values of one shape; the usual length is at most the bound.
    List(&'static Shape, usize),
    /// An object with these keys.
    Obj(&'static [(&'static str, Shape)]),
}

pub type Fields = &'static [(&'static str, Shape)];

const MODES: &[&str] = &["std", "pro"];
const ON_OFF: &[&str] = &["on", "off"];
const ASPECTS: &[&str] = &["16:9", "9:16", "1:1"];
const SHOT_TYPES: &[&str] = &["customize", "intelligence"];
const WATERMARK: Fields = &[("enabled", Shape::Bool)];
const SHOT: Fields = &[("index", Shape::Int(0, 7)), ("prompt", Shape::Prompt), ("duration", Shape::Duration)];
const ELEMENT: Fields = &[("element_id", Shape::ElementId)];
const VOICE: Fields = &[("voice_id", Shape::Enum(&["genshin_vindi2", "829836802793406551", "", " "]))];
const OV_IMAGE: Fields = &[("image_url", Shape::Image), ("type", Shape::Enum(&["first_frame", "end_frame"]))];
const OV_VIDEO: Fields = &[("video_url", Shape::Url), ("refer_type", Shape::Enum(&["feature", "base"])), ("keep_original_sound", Shape::Enum(&["yes", "no"]))];
const AXIS: Shape = Shape::Num(-10.0, 10.0);
const CAMERA_CONFIG: Fields = &[("horizontal", AXIS), ("vertical", AXIS), ("pan", AXIS), ("tilt", AXIS), ("roll", AXIS), ("zoom", AXIS)];
const CAMERA: Fields =
    &[("type", Shape::Enum(&["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"])), ("config", Shape::Obj(CAMERA_CONFIG))];
const POINT: Fields = &[("x", Shape::Int(0, 1024)), ("y", Shape::Int(0, 1024))];
const MASK: Fields = &[("mask", Shape::Image), ("trajectories", Shape::List(&Shape::Obj(POINT), 4))];
const OI_IMAGE: Fields = &[("image", Shape::Image)];

pub const OMNI_VIDEO: Fields = &[
    ("model_name", Shape::Model),
    ("multi_shot", Shape::Bool),
    ("shot_type", Shape::Enum(SHOT_TYPES)),
    ("prompt", Shape::Prompt),
    ("multi_prompt", Shape::List(&Shape::Obj(SHOT), 6)),
    ("image_list", Shape::List(&Shape::Obj(OV_IMAGE), 8)),
    ("element_list", Shape::List(&Shape::Obj(ELEMENT), 8)),
    ("video_list", Shape::List(&Shape::Obj(OV_VIDEO), 2)),
    ("sound", Shape::Enum(ON_OFF)),
    ("mode", Shape::Enum(MODES)),
    ("aspect_ratio", Shape::Enum(ASPECTS)),
    ("duration", Shape::Duration),
    ("watermark_info", Shape::Obj(WATERMARK)),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

pub const TEXT_TO_VIDEO: Fields = &[
    ("model_name", Shape::Model),
    ("multi_shot", Shape::Bool),
    ("shot_type", Shape::Enum(SHOT_TYPES)),
    ("prompt", Shape::Prompt),
    ("multi_prompt", Shape::List(&Shape::Obj(SHOT), 6)),
    ("negative_prompt", Shape::Prompt),
    ("voice_list", Shape::List(&Shape::Obj(VOICE), 3)),
    ("sound", Shape::Enum(ON_OFF)),
    ("cfg_scale", Shape::Num(0.0, 1.0)),
    ("mode", Shape::Enum(MODES)),
    ("aspect_ratio", Shape::Enum(ASPECTS)),
    ("duration", Shape::Duration),
    ("camera_control", Shape::Obj(CAMERA)),
    ("watermark_info", Shape::Obj(WATERMARK)),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

pub const IMAGE_TO_VIDEO: Fields = &[
    ("model_name", Shape::Model),
    ("image", Shape::Image),
    ("image_tail", Shape::Image),
    ("multi_shot", Shape::Bool),
    ("shot_type", Shape::Enum(SHOT_TYPES)),
    ("prompt", Shape::Prompt),
    ("multi_prompt", Shape::List(&Shape::Obj(SHOT), 6)),
    ("negative_prompt", Shape::Prompt),
    ("element_list", Shape::List(&Shape::Obj(ELEMENT), 4)),
    ("voice_list", Shape::List(&Shape::Obj(VOICE), 3)),
    ("sound", Shape::Enum(ON_OFF)),
    ("cfg_scale", Shape::Num(0.0, 1.0)),
    ("mode", Shape::Enum(MODES)),
    ("duration", Shape::Duration),
    ("static_mask", Shape::Image),
    ("dynamic_masks", Shape::List(&Shape::Obj(MASK), 7)),
    ("camera_control", Shape::Obj(CAMERA)),
    ("watermark_info", Shape::Obj(WATERMARK)),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

pub const OMNI_IMAGE: Fields = &[
    ("model_name", Shape::Model),
    ("prompt", Shape::Prompt),
    ("image_list", Shape::List(&Shape::Obj(OI_IMAGE), 11)),
    ("element_list", Shape::List(&Shape::Obj(ELEMENT), 11)),
    ("resolution", Shape::Enum(&["1k", "2k", "4k"])),
    ("result_type", Shape::Enum(&["single", "series"])),
    ("n", Shape::Int(1, 9)),
    ("series_amount", Shape::Int(2, 9)),
    ("aspect_ratio", Shape::Enum(&["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "auto"])),
    ("watermark_info", Shape::Obj(WATERMARK)),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

pub const IMAGE_GENERATION: Fields = &[
    ("model_name", Shape::Model),
    ("prompt", Shape::Prompt),
    ("negative_prompt", Shape::Prompt),
    ("image", Shape::Image),
    ("element_list", Shape::List(&Shape::Obj(ELEMENT), 11)),
    ("image_reference", Shape::Enum(&["subject", "face"])),
    ("image_fidelity", Shape::Num(0.0, 1.0)),
    ("human_fidelity", Shape::Num(0.0, 1.0)),
    ("resolution", Shape::Enum(&["1k", "2k"])),
    ("n", Shape::Int(1, 9)),
    ("aspect_ratio", Shape::Enum(&["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"])),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

/// Front and refer images share a few URLs, so EL-2's "same as the front view" is reached.
const EL_IMAGE: Shape = Shape::Enum(&["https://example.com/a.png", "https://example.com/b.png", "https://example.com/c.jpg", ""]);
const EL_REFER_IMAGE: Fields = &[("image_url", EL_IMAGE)];
const EL_IMAGES: Fields = &[("frontal_image", EL_IMAGE), ("refer_images", Shape::List(&Shape::Obj(EL_REFER_IMAGE), 4))];
const EL_REFER_VIDEO: Fields =
    &[("video_url", Shape::Enum(&["https://example.com/a.mp4", "https://example.com/b.MOV?x=1", "https://example.com/c.avi", "https://example.com/d"]))];
const EL_VIDEOS: Fields = &[("refer_videos", Shape::List(&Shape::Obj(EL_REFER_VIDEO), 2))];
const TAG: Fields = &[("tag_id", Shape::Enum(&["o_101", "o_102", "o_103", "o_104", "o_105", "o_106", "o_107", "o_108", "o_109"]))];

pub const CUSTOM_ELEMENT: Fields = &[
    ("element_name", Shape::Text),
    ("element_description", Shape::Text),
    ("reference_type", Shape::Enum(&["image_refer", "video_refer"])),
    ("element_image_list", Shape::Obj(EL_IMAGES)),
    ("element_video_list", Shape::Obj(EL_VIDEOS)),
    ("element_voice_id", Shape::Enum(&["genshin_vindi2", "oversea_male1", "", " "])),
    ("tag_list", Shape::List(&Shape::Obj(TAG), 9)),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

pub const CUSTOM_VOICE: Fields = &[
    ("voice_name", Shape::Text),
    (
        "voice_url",
        Shape::Enum(&["https://example.com/a.mp3", "https://example.com/b.WAV", "https://example.com/c.ogg", "https://example.com/v", "ftp://x/a.mp3"]),
    ),
    ("video_id", Shape::Text),
    ("callback_url", Shape::Url),
    ("external_task_id", Shape::Text),
];

/// The shape of an endpoint's requests.
pub fn fields(endpoint: Endpoint) -> Fields {
    match endpoint {
        Endpoint::OmniVideo => OMNI_VIDEO,
        Endpoint::TextToVideo => TEXT_TO_VIDEO,
        Endpoint::ImageToVideo => IMAGE_TO_VIDEO,
        Endpoint::OmniImage => OMNI_IMAGE,
        Endpoint::ImageGeneration => IMAGE_GENERATION,
        Endpoint::CustomElement => CUSTOM_ELEMENT,
        Endpoint::CustomVoice => CUSTOM_VOICE,
    }
}
