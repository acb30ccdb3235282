//! Conversions every binding file shares: a JS value to the JSON text the core reads (BigInt,
//! NaN, functions tagged as `json.rs` expects), JSON text back to a JS value, a Report to JS, and
//! the per-call options object (`{ locale, rules, elementTypes }`) to `issue::Options`.
//!
//! Requests cross as JSON text on purpose: `JSON.stringify` in JS plus a borrowed parse in wasm
//! is measured faster and smaller than walking the JS object from Rust (DESIGN.md, Rules).

use crate::issue::{Code, Issue, Level, Locale, Options, Params, Report, Severity};
use crate::json::{self, Value};
use crate::messages;
use crate::rules::{ids, Ctx};
use wasm_bindgen::prelude::*;

/// Rule id of the issues about the options argument itself.
pub const OPTIONS_RULE: &str = "GEN-OPTIONS";

// Text crosses in two steps (to-json.js says why): JS keeps the text and returns its length, then
// encodes it straight into a buffer of ours, instead of wasm-bindgen's char-by-char string copy.
#[wasm_bindgen(module = "/src/bindings/to-json.js")]
extern "C" {
    /// Stringifies with the tagging replacer and holds the text; its length in UTF-16 units.
    #[wasm_bindgen(catch, js_name = holdJson)]
    fn hold_json(value: &JsValue) -> Result<u32, JsValue>;
    /// Holds `value` if it is a string: its length in UTF-16 units, else -1.
    #[wasm_bindgen(js_name = holdString)]
    fn hold_string(value: &JsValue) -> i32;
    /// Encodes what fits of the held text into `into`: the bytes written, or their complement
    /// (negative) when some text is left.
    #[wasm_bindgen(js_name = writeHeld)]
    fn write_held(into: &mut [u8]) -> i32;
    #[wasm_bindgen(js_name = heldLeft)]
    fn held_left() -> u32;
}

/// The text JS holds (`len` UTF-16 units) as a Rust string. One call when it is ASCII (a byte
/// per unit); else a second one with room for the rest (at most 3 bytes per unit).
fn take_held(len: u32) -> String {
    let mut buf = vec![0u8; len as usize];
    let mut written = 0;
    for _ in 0..3 {
        let Some(room) = buf.get_mut(written..) else { break };
        let r = write_held(room);
        written += (if r < 0 { !r } else { r }) as usize;
        if r >= 0 {
            break;
        }
        buf.resize(written + 3 * held_left() as usize, 0);
    }
    buf.truncate(written);
    // encodeInto writes UTF-8 only; checked anyway, as the bytes come from outside.
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A JS string's text (crossing as `to_json_text`'s does); `None` for any other value.
pub fn string_text(value: &JsValue) -> Option<String> {
    u32::try_from(hold_string(value)).ok().map(take_held)
}

/// The JSON text of any JS value; `Err` carries why `JSON.stringify` could not read it (a cycle,
/// a throwing getter or `toJSON`, a stack overflow), in the words of the JS engine.
pub fn to_json_text(value: &JsValue) -> Result<String, String> {
    // guard::error_text: reading `message` of what the caller's code threw may throw again.
    hold_json(value).map(take_held).map_err(|e| super::guard::error_text(&e, "a value could not be read"))
}

/// JSON text (always written by this crate, so valid) to a JS value with `JSON.parse`, which is
/// faster than building the object field by field from Rust.
pub fn from_json_text(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

pub fn report_to_js(report: &Report) -> JsValue {
    from_json_text(&report.to_json())
}

/// The report for a request JSON.stringify could not read.
pub fn unreadable_report(detail: &str, opts: &Options) -> Report {
    let mut ctx = Ctx::new(opts);
    ctx.error("", Code::InvalidJson, ids::JSON, vec![("detail", detail.into())]);
    ctx.finish()
}

/// The report for an argument of the wrong JS type where JSON text was expected.
pub fn not_text_report(value: &JsValue, opts: &Options) -> Report {
    let mut ctx = Ctx::new(opts);
    let actual = value.js_typeof().as_string().unwrap_or_default();
    let actual = if value.is_null() { "null".to_owned() } else { actual };
    ctx.error("", Code::WrongType, ids::TYPE, vec![("expected", "string".into()), ("actual", actual.into())]);
    ctx.finish()
}

/// Options plus the problems found reading them (each an `invalid_option` issue at path "").
#[derive(Debug, Default)]
pub struct ParsedOptions {
    pub options: Options,
    pub problems: Vec<Issue>,
}

impl ParsedOptions {
    /// One line naming every problem, for a thrown `config_error`.
    pub fn problem_text(&self) -> String {
        let lines: Vec<&str> = self.problems.iter().map(|i| i.message.as_str()).collect();
        lines.join(" ")
    }
    /// Puts the option problems first in a report; any of them makes it not ok.
    pub fn prepend_to(&mut self, mut report: Report) -> Report {
        if self.problems.is_empty() {
            return report;
        }
        let mut issues = std::mem::take(&mut self.problems);
        issues.append(&mut report.issues);
        Report { ok: false, issues }
    }
}

const LOCALES: &[&str] = &["en", "zh"];
const LEVELS: &[&str] = &["error", "warning", "off"];
const ELEMENT_TYPES: &[&str] = &["image_refer", "video_refer"];
const OPTION_KEYS: &[&str] = &["locale", "rules", "elementTypes"];

/// Reads the options argument (`undefined`/`null` = defaults). Never fails: what is wrong is
/// listed in `problems` and the rest of the options still apply.
pub fn options(value: Option<&JsValue>, exact_numbers: bool) -> ParsedOptions {
    let mut out = ParsedOptions { options: Options { exact_numbers, ..Options::default() }, problems: Vec::new() };
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else { return out };
    let text = match to_json_text(value) {
        Ok(t) => t,
        Err(detail) => {
            out.invalid("options", vec!["object".into()], &detail);
            return out;
        }
    };
    let parsed = match json::parse(&text) {
        Ok(v) => v,
        Err(e) => {
            out.invalid("options", vec!["object".into()], if e.too_deep { "too deep" } else { &e.message });
            return out;
        }
    };
    let Some(fields) = parsed.as_obj() else {
        out.invalid("options", vec!["object".into()], parsed.type_name());
        return out;
    };
    // Locale first, so the messages of the problems below are in the caller's language.
    if let Some(v) = parsed.field("locale") {
        match v.as_str() {
            Some("en") => out.options.locale = Locale::En,
            Some("zh") => out.options.locale = Locale::Zh,
            _ => out.invalid("locale", quoted(LOCALES), &describe(v)),
        }
    }
    for (key, v) in fields {
        match key.as_ref() {
            "locale" => {}
            _ if matches!(v, Value::Null) => {}
            "rules" => out.map_option("rules", v, LEVELS, |o, k, s| o.rules.push((k.to_owned(), Level::parse(s).unwrap_or(Level::Error)))),
            "elementTypes" => out.map_option("elementTypes", v, ELEMENT_TYPES, |o, k, s| {
                // Element ids name the same element with or without leading zeros (inputs.rs).
                let id = k.trim_start_matches('0');
                o.element_types.push((if id.is_empty() { "0" } else { id }.to_owned(), s.to_owned()));
            }),
            other => {
                let params: Params = vec![("option", truncate(other).into()), ("allowed", OPTION_KEYS.into())];
                out.push(Code::UnknownOption, params);
            }
        }
    }
    out
}

impl ParsedOptions {
    fn push(&mut self, code: Code, params: Params) {
        let message = messages::render(code, self.options.locale, &params);
        self.problems.push(Issue { path: String::new(), code, rule: OPTIONS_RULE, severity: Severity::Error, message, params });
    }

    fn invalid(&mut self, option: &str, expected: Vec<String>, actual: &str) {
        self.push(Code::InvalidOption, vec![("option", truncate(option).into()), ("expected", expected.into()), ("actual", truncate(actual).into())]);
    }

    /// A `Record<string, one of allowed>` option: each good entry goes to `put`, each bad one is a problem.
    fn map_option(&mut self, name: &str, v: &Value, allowed: &[&str], put: impl Fn(&mut Options, &str, &str)) {
        let Some(entries) = v.as_obj() else {
            self.invalid(name, vec!["object".into()], v.type_name());
            return;
        };
        for (k, item) in entries {
            match item.as_str().filter(|s| allowed.contains(s)) {
                Some(s) => put(&mut self.options, k, s),
                None => self.invalid(&format!("{name}.{k}"), quoted(allowed), &describe(item)),
            }
        }
    }
}

fn quoted(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| format!("\"{v}\"")).collect()
}

/// A short description of a wrong value: a string quoted, anything else by its JS type.
fn describe(v: &Value) -> String {
    match v {
        Value::Str(s) => format!("\"{}\"", truncate(s)),
        other => other.type_name().to_owned(),
    }
}

/// Keeps messages short when a caller passes a huge string as an option.
fn truncate(s: &str) -> String {
    // `get`, not `&s[..i]`: str indexing links core's slice-panic formatting.
    let mut out = s.char_indices().nth(60).and_then(|(i, _)| s.get(..i)).unwrap_or(s).to_owned();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
