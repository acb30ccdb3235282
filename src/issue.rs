//! Issue and Report: what validation found, where (JSON pointer), under which stable code and
//! rule id, and how severe; plus the per-call options (locale, rule policy) that shape them.

mod limit;

pub use limit::{clip, clip_params, Budget, Omitted, CLIPPED, MAX_ISSUES, MAX_REPORT_BYTES, MAX_TEXT};
use serde::Serialize;

macro_rules! codes {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A stable snake_case issue code. The text for each lives in `messages/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }
        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }
        }
    };
}

codes! {
    // Input shape
    InvalidJson => "invalid_json",
    TooDeep => "too_deep",
    TooManyValues => "too_many_values",
    TooManyIssues => "too_many_issues",
    LoneSurrogate => "lone_surrogate",
    InvalidOption => "invalid_option",
    UnknownOption => "unknown_option",
    WrongType => "wrong_type",
    UnknownField => "unknown_field",
    DuplicateField => "duplicate_field",
    Required => "required",
    EmptyString => "empty_string",
    TooLong => "too_long",
    InvalidEnum => "invalid_enum",
    OutOfRange => "out_of_range",
    NotInteger => "not_integer",
    TooManyItems => "too_many_items",
    TooFewItems => "too_few_items",
    InvalidUrl => "invalid_url",
    DataUriPrefix => "data_uri_prefix",
    InvalidImage => "invalid_image",
    UnsafeInteger => "unsafe_integer",
    InvalidElementId => "invalid_element_id",
    InvalidDuration => "invalid_duration",
    // Defaults and ignored fields
    ModelDefaulted => "model_defaulted",
    FieldIgnored => "field_ignored",
    // Prompt references
    DanglingReference => "dangling_reference",
    UnusedReference => "unused_reference",
    // Cross-field rules
    ShotTypeRequired => "shot_type_required",
    MultiPromptRequired => "multi_prompt_required",
    PromptRequired => "prompt_required",
    MultiShotWithEndFrame => "multi_shot_with_end_frame",
    ShotIndexSequence => "shot_index_sequence",
    ShotDurationRange => "shot_duration_range",
    ShotDurationSum => "shot_duration_sum",
    EndFrameWithoutFirst => "end_frame_without_first",
    FramesWithBaseVideo => "frames_with_base_video",
    EndFrameWithManyImages => "end_frame_with_many_images",
    DuplicateFrameType => "duplicate_frame_type",
    TooManyReferences => "too_many_references",
    TooManyElementsWithFrames => "too_many_elements_with_frames",
    VideoElementWithVideo => "video_element_with_video",
    SoundWithVideo => "sound_with_video",
    AspectRatioRequired => "aspect_ratio_required",
    DurationNotAllowed => "duration_not_allowed",
    ModelNotForEndpoint => "model_not_for_endpoint",
    FeatureUnsupported => "feature_unsupported",
    ModeRequired => "mode_required",
    VoiceRequiresSound => "voice_requires_sound",
    ImageRequired => "image_required",
    ExclusiveFields => "exclusive_fields",
    CameraConfigRequired => "camera_config_required",
    CameraConfigOneAxis => "camera_config_one_axis",
    CameraConfigForbidden => "camera_config_forbidden",
    SeriesNeedsImage => "series_needs_image",
    ImageOrTailRequired => "image_or_tail_required",
    SoundWithEndFrame => "sound_with_end_frame",
    ValueNotForModel => "value_not_for_model",
    FeatureDisputed => "feature_disputed",
    // Media probing
    MediaUnreadable => "media_unreadable",
    MediaFormat => "media_format",
    MediaTooLarge => "media_too_large",
    MediaTooSmall => "media_too_small",
    MediaAspectRatio => "media_aspect_ratio",
    MediaDuration => "media_duration",
    MediaResolution => "media_resolution",
    MediaFrameRate => "media_frame_rate",
    MediaFragmented => "media_fragmented",
    MediaNoVideoTrack => "media_no_video_track",
    MediaTruncated => "media_truncated",
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a caller's rule policy says for one rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Zh,
}

/// A message parameter value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Int(i64),
    Num(f64),
    Str(String),
    List(Vec<String>),
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}
impl From<usize> for Param {
    fn from(v: usize) -> Self {
        Param::Int(v as i64)
    }
}
impl From<f64> for Param {
    fn from(v: f64) -> Self {
        Param::Num(v)
    }
}
impl From<&str> for Param {
    fn from(v: &str) -> Self {
        Param::Str(v.to_owned())
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Str(v)
    }
}
impl From<&[&str]> for Param {
    fn from(v: &[&str]) -> Self {
        Param::List(v.iter().map(|s| (*s).to_owned()).collect())
    }
}
impl From<Vec<&str>> for Param {
    fn from(v: Vec<&str>) -> Self {
        Param::List(v.into_iter().map(str::to_owned).collect())
    }
}
impl From<Vec<String>> for Param {
    fn from(v: Vec<String>) -> Self {
        Param::List(v)
    }
}

pub type Params = Vec<(&'static str, Param)>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub path: String,
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "ser_params")]
    pub params: Params,
}

fn ser_code<S: serde::Serializer>(c: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

fn ser_params<S: serde::Serializer>(p: &Params, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(p.len()))?;
    for (k, v) in p {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

impl Issue {
    pub fn param(&self, key: &str) -> Option<&Param> {
        self.params.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    pub ok: bool,
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"ok":false,"issues":[]}"#.into())
    }
}

/// Per-call options: message language, rule policy, and facts only the caller knows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub locale: Locale,
    /// Rule id -> level; a rule not listed keeps its default.
    pub rules: Vec<(String, Level)>,
    /// Element id -> "image_refer" | "video_refer", when the caller cached it from the element
    /// query; lets OV-13 check what otherwise only the server knows.
    pub element_types: Vec<(String, String)>,
    /// The input came as JSON text, so integers above 2^53 carry the caller's exact digits
    /// (from a JS object they have already been rounded by the JS number type).
    pub exact_numbers: bool,
}

impl Options {
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.rules.iter().rev().find(|(r, _)| r == rule).map(|(_, l)| *l)
    }
    pub fn element_type(&self, id: &str) -> Option<&str> {
        self.element_types.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str())
    }
}
