//! Issue and Report: what validation found, where (JSON pointer), under which stable code and
//! rule id, and how severe; plus the per-call options (locale, rule policy) that shape them.

mod limit;

mod to_json;

pub use limit::{clip, clip_params, Budget, Omitted, CLIPPED, MAX_ISSUES, MAX_REPORT_BYTES, MAX_TEXT};
use serde::Serialize;
pub use to_json::write_issues;

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $name:literal),* $(,)?) => {
        /// A stable snake_case issue code. The text for each lives in `messages/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($(#[doc = $doc])* $variant),* }
        impl Code {
            /// Every code, in declaration order (the tests check each has a message per language).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            /// The snake_case name callers see in `Issue.code`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }
        }
    };
}

codes! {
    // Input shape
    /// The input is not JSON text, or a JS value `JSON.stringify` could not read.
    InvalidJson => "invalid_json",
    /// Nesting deeper than the reader's limit.
    TooDeep => "too_deep",
    /// More JSON values than any real request holds; the input was not read.
    TooManyValues => "too_many_values",
    /// Closes a report that hit its bounds; counts the issues left out.
    TooManyIssues => "too_many_issues",
    /// A string held half a UTF-16 surrogate pair; it was replaced by U+FFFD.
    LoneSurrogate => "lone_surrogate",
    /// A call option has the wrong type or value.
    InvalidOption => "invalid_option",
    /// A call option the function does not take.
    UnknownOption => "unknown_option",
    /// A field's JSON type is not the documented one.
    WrongType => "wrong_type",
    /// A field the API does not document for this request.
    UnknownField => "unknown_field",
    /// The same key twice in one object.
    DuplicateField => "duplicate_field",
    /// A required field is missing.
    Required => "required",
    /// A string that must not be empty is.
    EmptyString => "empty_string",
    /// A string longer than its limit (counted in code points).
    TooLong => "too_long",
    /// A value outside the field's allowed set.
    InvalidEnum => "invalid_enum",
    /// A number outside the field's range.
    OutOfRange => "out_of_range",
    /// A number that must be whole is not.
    NotInteger => "not_integer",
    /// An array longer than its limit.
    TooManyItems => "too_many_items",
    /// An array shorter than its minimum.
    TooFewItems => "too_few_items",
    /// Not an absolute http(s) URL.
    InvalidUrl => "invalid_url",
    /// Base64 sent with a `data:...;base64,` prefix, which the API does not take.
    DataUriPrefix => "data_uri_prefix",
    /// Neither an http(s) URL nor raw base64 image data.
    InvalidImage => "invalid_image",
    /// An id above 2^53 given as a JS number, its exact digits already lost.
    UnsafeInteger => "unsafe_integer",
    /// An element id that is not a positive whole number.
    InvalidElementId => "invalid_element_id",
    /// A duration that is not a whole number of seconds written as a string.
    InvalidDuration => "invalid_duration",
    // Defaults and ignored fields
    /// `model_name` was missing; the body names the API's default model explicitly.
    ModelDefaulted => "model_defaulted",
    /// A field the API ignores in this request; it is left out of the body.
    FieldIgnored => "field_ignored",
    // Prompt references
    /// The prompt names `<<<kind_n>>>` past the end of its list.
    DanglingReference => "dangling_reference",
    /// A list item no prompt refers to.
    UnusedReference => "unused_reference",
    // Cross-field rules
    /// `multi_shot` is true without a `shot_type`.
    ShotTypeRequired => "shot_type_required",
    /// `shot_type` "customize" without 1 to 6 shots in `multi_prompt`.
    MultiPromptRequired => "multi_prompt_required",
    /// No prompt, where the request needs one.
    PromptRequired => "prompt_required",
    /// Multi-shot generation combined with an end frame.
    MultiShotWithEndFrame => "multi_shot_with_end_frame",
    /// Shot indexes that do not count 1, 2, 3...
    ShotIndexSequence => "shot_index_sequence",
    /// A shot longer than the whole video, or shorter than 1 s.
    ShotDurationRange => "shot_duration_range",
    /// Shot durations that do not add up to `duration`.
    ShotDurationSum => "shot_duration_sum",
    /// An end frame without a first frame.
    EndFrameWithoutFirst => "end_frame_without_first",
    /// First/end frames combined with video editing (`refer_type` "base").
    FramesWithBaseVideo => "frames_with_base_video",
    /// An end frame with more reference images than the model allows.
    EndFrameWithManyImages => "end_frame_with_many_images",
    /// Two images with the same frame type.
    DuplicateFrameType => "duplicate_frame_type",
    /// More images plus elements than allowed.
    TooManyReferences => "too_many_references",
    /// More elements than the model allows beside first/end frames.
    TooManyElementsWithFrames => "too_many_elements_with_frames",
    /// A video-character element used with a reference video.
    VideoElementWithVideo => "video_element_with_video",
    /// Sound on with a reference video.
    SoundWithVideo => "sound_with_video",
    /// No `aspect_ratio`, and no first frame or base video to take it from.
    AspectRatioRequired => "aspect_ratio_required",
    /// A duration the model does not offer here.
    DurationNotAllowed => "duration_not_allowed",
    /// A model the endpoint does not serve.
    ModelNotForEndpoint => "model_not_for_endpoint",
    /// A feature the model does not have.
    FeatureUnsupported => "feature_unsupported",
    /// A feature that needs a particular `mode` on this model.
    ModeRequired => "mode_required",
    /// A prompt using a voice with sound off.
    VoiceRequiresSound => "voice_requires_sound",
    /// No start frame where the model needs one.
    ImageRequired => "image_required",
    /// Fields that cannot be used together.
    ExclusiveFields => "exclusive_fields",
    /// `camera_control` type "simple" without its `config`.
    CameraConfigRequired => "camera_config_required",
    /// A "simple" camera `config` without exactly one non-zero value.
    CameraConfigOneAxis => "camera_config_one_axis",
    /// A camera `config` with a type other than "simple".
    CameraConfigForbidden => "camera_config_forbidden",
    /// Series results asked for without a reference image (a warning: sources suggest it needs one).
    SeriesNeedsImage => "series_needs_image",
    /// Neither `image` nor `image_tail`.
    ImageOrTailRequired => "image_or_tail_required",
    /// Sound with a start+end frame video, on a model that makes those only silent.
    SoundWithEndFrame => "sound_with_end_frame",
    /// A value the field allows, but not on this model.
    ValueNotForModel => "value_not_for_model",
    /// Sources disagree on whether the model has the feature; the API decides.
    FeatureDisputed => "feature_disputed",
    // Image generation, elements and voices (§8.1–§8.3)
    /// A model that only restyles an image, without one.
    RestyleNeedsImage => "restyle_needs_image",
    /// Neither of two fields of which exactly one is needed.
    OneOfRequired => "one_of_required",
    /// An element's list for the other reference_type.
    ListNotForType => "list_not_for_type",
    /// A refer image that is the frontal image again.
    SameAsFrontal => "same_as_frontal",
    /// A voice bound to an element that is not a video character.
    VoiceNeedsVideoElement => "voice_needs_video_element",
    /// A URL that names a file type the field does not take.
    FileExtension => "file_extension",
    // Media probing
    /// A file that could not be read as the expected media.
    MediaUnreadable => "media_unreadable",
    /// A file format the API does not accept here.
    MediaFormat => "media_format",
    /// A file over the size limit.
    MediaTooLarge => "media_too_large",
    /// An image or video side under the minimum.
    MediaTooSmall => "media_too_small",
    /// An aspect ratio outside the allowed range.
    MediaAspectRatio => "media_aspect_ratio",
    /// A video shorter or longer than allowed.
    MediaDuration => "media_duration",
    /// A side outside the allowed pixel range.
    MediaResolution => "media_resolution",
    /// A frame rate outside the allowed range.
    MediaFrameRate => "media_frame_rate",
    /// A fragmented MP4 not read to the end; its duration is approximate or unknown.
    MediaFragmented => "media_fragmented",
    /// A video file without a video track.
    MediaNoVideoTrack => "media_no_video_track",
    /// A file cut short (an incomplete copy or download).
    MediaTruncated => "media_truncated",
    /// A video whose shorter side is not the one required ("1080p": 1080 px).
    MediaShortSide => "media_short_side",
    /// An aspect ratio that is none of the few allowed (16:9, 9:16).
    MediaAspectNotAllowed => "media_aspect_not_allowed",
}

/// How bad an issue is: errors stop `build` and the client's create calls, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API would refuse or misread the request: `build` returns the report instead of a body.
    Error,
    /// Worth knowing (a default applied, a field dropped, a doubtful combination); the request still goes.
    Warning,
}

/// What a caller's rule policy says for one rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Report the rule's issues as errors.
    Error,
    /// Report them as warnings.
    Warning,
    /// Do not report them.
    Off,
}

impl Level {
    /// `"error"`, `"warning"` or `"off"`, as callers write them; anything else is `None`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }
}

/// The language of issue messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English (the default).
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

/// A message parameter value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Param {
    /// A whole number (a count, a limit).
    Int(i64),
    /// A number that may have a fraction (seconds, ratios); messages show at most 3 decimals.
    Num(f64),
    /// Text (a field name, a value, a model).
    Str(String),
    /// A list of values (the allowed ones), joined with `, ` (or `、`) in messages.
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

/// An issue's message parameters, by placeholder name, in order.
pub type Params = Vec<(&'static str, Param)>;

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// Where, as a JSON pointer into the request (`""` = the whole request).
    pub path: String,
    /// What, as a stable code to branch on.
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    /// Which rule found it (the id callers set levels for in `Options::rules`).
    pub rule: &'static str,
    /// Error or warning, after the caller's rule policy.
    pub severity: Severity,
    /// The code's text in the chosen locale, params filled in.
    pub message: String,
    /// The values in the message, for callers who write their own (serialised as an object).
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
    /// The param of this name, if the issue has one.
    pub fn param(&self, key: &str) -> Option<&Param> {
        self.params.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// What validating one request found.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Report {
    /// No issue is an error, counting those left out past the report's bounds.
    pub ok: bool,
    /// The issues kept, in the order found, then one `too_many_issues` if any were left out.
    pub issues: Vec<Issue>,
}

impl Report {
    /// The issues that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }
    /// `{"ok":…,"issues":[…]}`, the shape the JS API returns, written as serde_json writes the
    /// derived `Serialize` (which stays for the media module's results) without linking it
    /// (issue/to_json.rs).
    pub fn to_json(&self) -> String {
        to_json::report(self)
    }
}

/// Per-call options: message language, rule policy, and facts only the caller knows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The language of the issue messages.
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
    /// The caller's level for `rule` (the last one given wins); `None` keeps the default.
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.rules.iter().rev().find(|(r, _)| r == rule).map(|(_, l)| *l)
    }
    /// The type the caller gave for element `id` (`"image_refer"` or `"video_refer"`), if any.
    pub fn element_type(&self, id: &str) -> Option<&str> {
        self.element_types.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str())
    }
}
