//! Rule ids of the general checks, as names for the code that reports them; src/schema/registry.rs
//! registers each (level, summary, source), and docs/rules.md lists them.

/// The input is not JSON, or not a JSON object.
pub const JSON: &str = "GEN-JSON";
/// A field has the wrong JS type.
pub const TYPE: &str = "GEN-TYPE";
/// A field is not one of the allowed values.
pub const ENUM: &str = "GEN-ENUM";
/// A string is too long (Unicode code points).
pub const LENGTH: &str = "GEN-LENGTH";
/// A number is out of range or not whole.
pub const RANGE: &str = "GEN-RANGE";
/// A required field is missing.
pub const REQUIRED: &str = "GEN-REQUIRED";
/// A string is empty where the API needs content.
pub const EMPTY: &str = "GEN-EMPTY";
/// A field the API does not know (a misspelt key would cost a paid generation).
pub const UNKNOWN: &str = "GEN-UNKNOWN";
/// The same key twice in one object (only JSON text can carry this).
pub const DUPLICATE: &str = "GEN-DUPLICATE";
/// A list has too many or too few items.
pub const COUNT: &str = "GEN-COUNT";
/// callback_url must be an absolute http(s) URL.
pub const URL: &str = "GEN-URL";
/// An image is a URL or raw base64 without a data: prefix.
pub const IMAGE: &str = "GEN-IMAGE";
/// Element ids keep their exact int64 digits.
pub const INT64: &str = "GEN-INT64";
/// Durations are whole seconds written as strings.
pub const DURATION: &str = "GEN-DURATION";
/// model_name left out: the API's old default applies.
pub const MODEL_DEFAULT: &str = "GEN-MODEL-DEFAULT";
/// A prompt reference points at a list item that does not exist.
pub const REF: &str = "GEN-REF";
/// A list item is never referenced by a prompt.
pub const REF_UNUSED: &str = "GEN-REF-UNUSED";
/// model_name is not a model this endpoint serves.
pub const MODEL: &str = "GEN-MODEL";
/// A media file read locally breaks the API's limits (§2.2, §2.3).
pub const MEDIA: &str = "GEN-MEDIA";

/// The times of `getAccountCosts` (`/account/costs`, §8.4): whole ms, 0 ≤ start_time ≤ end_time.
pub const ACCOUNT_COSTS: &str = "AC-1";

/// The shape of legacy `camera_control` (§5.2): type, config, one non-zero axis for "simple".
pub const CAMERA: &str = "GEN-CAMERA";
/// The shape of the legacy motion brush (`static_mask`, `dynamic_masks`, §6.1).
pub const MOTION_BRUSH: &str = "GEN-MOTION-BRUSH";

/// A feature the chosen model does not have (capability map, §3), where no endpoint rule covers it.
pub const CAPS: &str = "GEN-CAPS";

/// The options object of a call (locale, rules, elementTypes) is not what the API documents.
pub const OPTIONS: &str = "GEN-OPTIONS";

/// Issues past a report's bounds (`issue::MAX_ISSUES`, `issue::MAX_REPORT_BYTES`), counted in
/// one `too_many_issues`. No policy changes it: it stands for the issues it counts.
pub const LIMIT: &str = "GEN-LIMIT";

/// A synchronous call before the module's wasm is ready (the web entry loads it without blocking
/// the import): reported by the package's JS (js/ready.mjs), never by the wasm. No policy changes it.
pub const READY: &str = "GEN-READY";
