//! The rule registry: every rule id with its default level, a one-line summary, its kling-api.md
//! section and, for the rules where the sources disagree (§12), what `options.rules` changes.
//! The general GEN-* rules are here; each family's table registers its own.

use super::field::{note, Note};
use crate::rules::ids;

/// A rule's default level (`options.rules` changes it per call).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// Its issues are errors.
    Error,
    /// Its issues are warnings.
    Warning,
    /// Errors and warnings, by case (the summary says which).
    Both,
}

impl RuleLevel {
    /// The level as docs/rules.md writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Error => "error",
            RuleLevel::Warning => "warning",
            RuleLevel::Both => "error or warning",
        }
    }
}

/// Where a rule's issues sit and what decides them, for `dependentFields`: for each top-level
/// field an issue of the rule can sit at, the top-level fields whose values it reads (natively;
/// compiled out of the wasm like `Note`). A rule that checks only the field it reports at has none.
#[cfg(not(target_arch = "wasm32"))]
pub type Deps = &'static [(&'static str, &'static [&'static str])];
/// (In the wasm the dependencies are nothing: see the native definition.)
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deps;

/// One registered rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id issues carry and `options.rules` names (`GEN-TYPE`, `OV-11`).
    pub id: &'static str,
    /// Its default level.
    pub level: RuleLevel,
    /// What it checks, in one line (docs/rules.md).
    pub summary: Note,
    /// The kling-api.md section(s) it comes from.
    pub src: Note,
    /// For a disputed rule (§12): the stance taken and how to change it ("" otherwise).
    pub disputed: Note,
    /// The fields its issues sit at, each with the fields that decide it (cross-field rules).
    pub deps: Deps,
}

#[cfg(not(target_arch = "wasm32"))]
const NO_DEPS: Deps = &[];
#[cfg(target_arch = "wasm32")]
const NO_DEPS: Deps = Deps;

impl Rule {
    /// The rule, its issues at each field `at` decided by the fields `reads` (`[(at, reads)]`).
    #[cfg(not(target_arch = "wasm32"))]
    pub const fn deps(self, deps: &'static [(&'static str, &'static [&'static str])]) -> Rule {
        Rule { deps, ..self }
    }
    /// (Dropped in the wasm.)
    #[cfg(target_arch = "wasm32")]
    pub const fn deps(self, _deps: &'static [(&'static str, &'static [&'static str])]) -> Rule {
        self
    }
}

/// A rule that is not disputed.
pub const fn rule(id: &'static str, level: RuleLevel, summary: &'static str, src: &'static str) -> Rule {
    Rule { id, level, summary: note(summary), src: note(src), disputed: note(""), deps: NO_DEPS }
}

/// A rule where the sources disagree: `stance` says what the default does and how to change it.
pub const fn disputed(id: &'static str, level: RuleLevel, summary: &'static str, src: &'static str, stance: &'static str) -> Rule {
    Rule { id, level, summary: note(summary), src: note(src), disputed: note(stance), deps: NO_DEPS }
}

use RuleLevel::{Both, Error, Warning};

/// The general rules every family reports under.
pub const GENERAL: &[Rule] = &[
    rule(ids::JSON, Both, "The input is JSON text of an object, within the reader's limits (a lone surrogate is a warning)", "§1.3, §2.1"),
    rule(ids::TYPE, Error, "Each field has the JSON type the API documents", "§2.1"),
    rule(ids::ENUM, Error, "An enum field is one of its documented values", "§4.1, §5.1, §6.1, §7.1"),
    rule(ids::LENGTH, Error, "A string is at most its limit long, counted in Unicode code points", "§2.5"),
    rule(ids::RANGE, Error, "A number is finite, within its range, and whole where the API wants an integer", "§5.1, §6.1, §7.1"),
    rule(ids::REQUIRED, Error, "A required field is present", "§4.1, §5.1, §6.1, §7.1"),
    rule(ids::EMPTY, Both, "A string has content; an empty callback_url or external_task_id is dropped with a warning", "§2.5"),
    rule(ids::UNKNOWN, Error, "No field the API does not document (a misspelt key would cost a paid generation)", "§4.1, §5.1, §6.1, §7.1"),
    rule(ids::DUPLICATE, Error, "No key twice in one object (only JSON text can carry this)", "§2.1"),
    rule(ids::COUNT, Error, "A list has no more and no fewer items than allowed", "§4.2"),
    rule(ids::URL, Error, "callback_url and video_url are absolute http(s) URLs", "§2.3, §9"),
    rule(ids::IMAGE, Error, "An image is an http(s) URL, or raw base64 of a JPEG or PNG without a data: prefix", "§2.2"),
    rule(ids::INT64, Error, "Element ids keep their exact int64 digits (a JS number above 2^53 has lost them)", "§2.1"),
    rule(ids::DURATION, Error, "A duration is whole seconds (digits or a whole number), sent as a string", "§2.1"),
    rule(ids::MODEL_DEFAULT, Warning, "model_name left out: the API's old default model applies, and the body names it", "§4.1, §5.1, §6.1, §7.1"),
    rule(ids::REF, Error, "A prompt reference <<<kind_N>>> points at an existing list item", "§2.4").deps(&[
        ("prompt", &["multi_shot", "shot_type", "prompt", "image_list", "element_list", "video_list", "voice_list", "image", "image_tail"]),
        ("multi_prompt", &["multi_shot", "shot_type", "multi_prompt", "image_list", "element_list", "video_list", "voice_list", "image", "image_tail"]),
    ]),
    rule(ids::REF_UNUSED, Warning, "A reference list item is named by some prompt", "§2.4").deps(&[
        ("image_list", &["multi_shot", "shot_type", "prompt", "multi_prompt", "image_list"]),
        ("element_list", &["multi_shot", "shot_type", "prompt", "multi_prompt", "element_list"]),
        ("video_list", &["multi_shot", "shot_type", "prompt", "multi_prompt", "video_list"]),
        ("voice_list", &["multi_shot", "shot_type", "prompt", "multi_prompt", "voice_list"]),
    ]),
    rule(ids::MODEL, Error, "model_name is a model this endpoint serves", "§3"),
    rule(ids::MEDIA, Error, "A media file read locally is within the API's limits (format, size, pixels, length)", "§2.2, §2.3"),
    rule(ids::CAMERA, Error, "Legacy camera_control: its type, a config for \"simple\" with exactly one non-zero axis", "§5.2"),
    rule(ids::MOTION_BRUSH, Error, "Legacy motion brush: ≤ 6 dynamic masks of 2–77 whole-pixel points", "§6.1"),
    rule(ids::CAPS, Error, "A feature the chosen model does not have, where no endpoint rule covers it", "§3")
        .deps(&[("sound", &["model_name", "sound"]), ("element_list", &["model_name", "element_list", "video_list"])]),
    rule(ids::OPTIONS, Error, "A call's options (locale, rules, elementTypes) are well-formed; the report then also refuses the request", "§2"),
    rule(ids::LIMIT, Error, "Issues past a report's bounds are counted in one too_many_issues (no policy changes it)", "§2"),
    rule(ids::READY, Error, "A synchronous call before `ready` reports not_ready (load_failed once loading failed); no policy changes it", "§2"),
];

/// The rules of the client's calls that are not task creates (checked before anything is sent).
pub const CLIENT: &[Rule] =
    &[rule(ids::ACCOUNT_COSTS, Error, "getAccountCosts: start_time and end_time are whole ms since the epoch, 0 ≤ start_time ≤ end_time ≤ 2^53 − 1", "§8.4")];
