//! Conversions every binding file shares: a JS value to the JSON text the core reads (BigInt,
//! NaN, functions tagged as `json.rs` expects), JSON text back to a JS value, a Report to JS, and
//! the per-call options object (`{ locale, rules, elementTypes }`, read by bindings/options.rs)
//! to `issue::Options`.
//!
//! Requests cross as JSON text on purpose: `JSON.stringify` in JS plus a borrowed parse in wasm
//! is measured faster and smaller than walking the JS object from Rust (DESIGN.md, Rules).

use super::options::{Fields, Reader};
use crate::issue::{Code, Issue, Level, Locale, Options, Report};
use crate::rules::{ids, Ctx};
use wasm_bindgen::prelude::*;

// Text crosses in two steps (to-json.js says why): JS keeps the text and returns its length, then
// encodes it straight into a buffer of ours, instead of wasm-bindgen's char-by-char string copy.
#[wasm_bindgen(module = "/src/bindings/to-json.js")]
extern "C" {
    /// Stringifies with the tagging replacer and holds the text; its length in UTF-16 units.
    /// `keep`: also keep it for `bodyOf` (until `bodyOf` or `forgetSource`).
    #[wasm_bindgen(catch, js_name = holdJson)]
    fn hold_json(value: &JsValue, keep: bool) -> Result<u32, JsValue>;
    /// Holds `value` if it is a string: its length in UTF-16 units, else -1. `keep` as for
    /// `holdJson`.
    #[wasm_bindgen(js_name = holdString)]
    fn hold_string(value: &JsValue, keep: bool) -> i32;
    /// Encodes what fits of the held text into `into`: the bytes written, or their complement
    /// (negative) when some text is left.
    #[wasm_bindgen(js_name = writeHeld)]
    fn write_held(into: &mut [u8]) -> i32;
    #[wasm_bindgen(js_name = heldLeft)]
    fn held_left() -> u32;
    /// The body from its UTF-8 `bytes`, with the stretches `spans` names sliced from the kept
    /// text instead of decoded.
    #[wasm_bindgen(js_name = bodyOf)]
    fn body_of_spans(spans: &[u32], bytes: &[u8]) -> JsValue;
    /// `bodyOf` from pieces that make the whole body: slices of the kept text and char codes.
    #[wasm_bindgen(js_name = bodySlices)]
    fn body_slices(spans: &[u32]) -> JsValue;
    #[wasm_bindgen(js_name = forgetSource)]
    fn forget_source();
    /// A fresh `{ ok: true, issues: [] }`.
    #[wasm_bindgen(js_name = okReport)]
    fn ok_report() -> JsValue;
}

/// The text JS holds (`len` UTF-16 units) as a Rust string. One call when it is ASCII (a byte
/// per unit) or nearly (some slack: a CJK phrase in a prompt); else a second one with room for
/// the rest (at most 3 bytes per unit), which costs a crossing and a regrowth of the buffer.
fn take_held(len: u32) -> String {
    let len = len as usize;
    let mut buf = vec![0u8; len + (len / 8).min(1024) + 16];
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

/// A request's text, which JS may also keep (for a body made of its pieces, `body_of`): let go
/// of there when this is dropped.
#[derive(Debug)]
pub struct Source {
    /// The text, as Rust read it.
    pub text: String,
    /// JS keeps the text, until `bodyOf` or `forgetSource`.
    kept: bool,
    /// As many bytes as UTF-16 units: byte offsets are JS string offsets.
    ascii: bool,
}

impl Drop for Source {
    fn drop(&mut self) {
        if self.kept {
            forget_source();
        }
    }
}

/// `to_json_text`, the text also kept in JS for `body_of`.
pub fn json_source(value: &JsValue) -> Result<Source, String> {
    let len = hold_json(value, true).map_err(|e| super::guard::error_text(&e, "a value could not be read"))?;
    let text = take_held(len);
    Ok(Source { kept: true, ascii: text.len() == len as usize, text })
}

/// `string_text`, the text also kept in JS for `body_of` unless it may hold a lone surrogate:
/// slicing the caller's string is exact only where its UTF-16 units are the text Rust read.
/// encodeInto writes a lone surrogate as U+FFFD, so a text without U+FFFD had none (a scan of
/// its bytes here; `isWellFormed` in JS cost more than the body's decode it saves, and the
/// decode is ≈ 12 % of buildOmniVideoBodyJson).
pub fn string_source(value: &JsValue) -> Option<Source> {
    let len = u32::try_from(hold_string(value, true)).ok()?;
    let text = take_held(len);
    let ascii = text.len() == len as usize;
    let kept = ascii || !crate::json::bytes::has_replacement_char(text.as_bytes());
    if !kept {
        forget_source();
    }
    Some(Source { kept, ascii, text })
}

/// The body `api::build` wrote from `src`, as a JS string: the stretches it copied from the
/// request text (`Built::copied`) sliced from the request string JS kept, only the rest decoded.
pub fn body_of(mut src: Source, body: &str, copied: &[u32]) -> JsValue {
    if !src.kept {
        return JsValue::from_str(body);
    }
    src.kept = false;
    // The usual body is its request's text but for a few ASCII bytes (the quotes around an
    // element id, a canonical duration's): those go as char codes, and no view of the body's
    // bytes is made nor any of them decoded.
    if let Some(pieces) = spans_of(&src, body.as_bytes(), copied, true) {
        return body_slices(&pieces);
    }
    body_of_spans(&spans_of(&src, body.as_bytes(), copied, false).unwrap_or_default(), body.as_bytes())
}

/// A piece of `bodySlices` that is one ASCII char (its code in place of the slice's end).
const CHAR: u32 = u32::MAX;
/// The longest stretch between spans written char by char (a longer one is decoded).
const MAX_CHARS: usize = 16;

/// `[at, end, from, to]` quadruples: bytes [at, end) of the body are UTF-16 units [from, to) of
/// the kept request text. With `chars`, the bytes between them as well, one `[at, at + 1, CHAR,
/// code]` each; `None` when one of those stretches is not short ASCII.
fn spans_of(src: &Source, body: &[u8], copied: &[u32], chars: bool) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(copied.len() / 3 * 4 + if chars { 4 * MAX_CHARS } else { 0 });
    let mut units = crate::json::bytes::Utf16::default();
    let mut pos = 0;
    let gap = |out: &mut Vec<u32>, from: usize, to: usize| -> Option<()> {
        let stretch = body.get(from..to)?;
        if !chars || stretch.is_empty() {
            return Some(());
        }
        if stretch.len() > MAX_CHARS || !stretch.is_ascii() {
            return None;
        }
        for (i, &c) in stretch.iter().enumerate() {
            let at = (from + i) as u32;
            out.extend([at, at + 1, CHAR, u32::from(c)]);
        }
        Some(())
    };
    for c in copied.chunks_exact(3) {
        let (at, from, to) = (c[0], c[1], c[2]);
        gap(&mut out, pos, at as usize)?;
        let (from16, to16) = if src.ascii { (from, to) } else { (units.at(src.text.as_bytes(), from), units.at(src.text.as_bytes(), to)) };
        out.extend([at, at + (to - from), from16, to16]);
        pos = (at + (to - from)) as usize;
    }
    gap(&mut out, pos, body.len())?;
    Some(out)
}

/// A JS string's text (crossing as `to_json_text`'s does); `None` for any other value.
pub fn string_text(value: &JsValue) -> Option<String> {
    u32::try_from(hold_string(value, false)).ok().map(take_held)
}

/// The JSON text of any JS value; `Err` carries why `JSON.stringify` could not read it (a cycle,
/// a throwing getter or `toJSON`, a stack overflow), in the words of the JS engine.
pub fn to_json_text(value: &JsValue) -> Result<String, String> {
    // guard::error_text: reading `message` of what the caller's code threw may throw again.
    hold_json(value, false).map(take_held).map_err(|e| super::guard::error_text(&e, "a value could not be read"))
}

/// JSON text (always written by this crate, so valid) to a JS value with `JSON.parse`, which is
/// faster than building the object field by field from Rust.
pub fn from_json_text(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

/// A Report as the JS object the exports return. The common one, ok without an issue, is made
/// in JS: no JSON text written, crossed and parsed for it.
pub fn report_to_js(report: &Report) -> JsValue {
    if report.ok && report.issues.is_empty() {
        return ok_report();
    }
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

/// Options plus the problems found reading them (each an `invalid_option`/`unknown_option`
/// issue at path "", as bindings/options.rs describes every bad option).
#[derive(Debug, Default)]
pub struct ParsedOptions {
    /// The options as the core reads them.
    pub options: Options,
    /// What was wrong with them (GEN-OPTIONS issues), reported before the request's own.
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

/// The keys of `ValidateOptions`.
pub const VALIDATE_KEYS: &[&str] = &["locale", "rules", "elementTypes"];

/// Reads the options argument of validate and build (`undefined`/`null` = defaults). Never fails:
/// what is wrong is listed in `problems` and the rest of the options still apply.
pub fn options(value: Option<&JsValue>, exact_numbers: bool) -> ParsedOptions {
    let mut r = Reader::new(Locale::En);
    let fields = r.object(value, "", VALIDATE_KEYS);
    let options = rule_options(&mut r, fields.as_ref(), exact_numbers);
    ParsedOptions { options, problems: r.into_issues() }
}

/// `locale`, `rules` and `elementTypes` of an options object (those of its keys the caller
/// allowed), as the core's `Options`.
pub fn rule_options(r: &mut Reader, fields: Option<&Fields>, exact_numbers: bool) -> Options {
    let mut out = Options { exact_numbers, ..Options::default() };
    let Some(f) = fields else { return out };
    out.locale = r.read_locale(f).unwrap_or_default();
    // The entries read in place, by plain loops (a list of clones and its iterator adapters
    // cost the main module 0.75 KiB gzip, with the loops of Reader::into_issues and one_of_value).
    if let Some(m) = record(r, f, "rules") {
        for (rule, v) in m.iter() {
            if v.is_undefined() {
                continue;
            }
            let option = m.path_of(rule);
            // A misspelt id would leave its rule at the default without a word: refused, naming
            // where the ids are listed (the registry, src/schema/registry.rs and docs/rules.md).
            if !crate::schema::is_rule_id(rule) {
                r.unknown(&option, "a rule id of docs/rules.md (e.g. \"OV-9\", \"GEN-UNKNOWN\")");
                continue;
            }
            if let Some(level) = r.one_of_value(&option, v, &["error", "warning", "off"]) {
                out.rules.push((rule.to_owned(), Level::parse(level).unwrap_or(Level::Error)));
            }
        }
    }
    if let Some(m) = record(r, f, "elementTypes") {
        for (id, v) in m.iter() {
            if v.is_undefined() {
                continue;
            }
            if let Some(kind) = r.one_of_value(&m.path_of(id), v, &["image_refer", "video_refer"]) {
                // Element ids name the same element with or without leading zeros (inputs.rs).
                let id = id.trim_start_matches('0');
                out.element_types.push((if id.is_empty() { "0" } else { id }.to_owned(), kind.to_owned()));
            }
        }
    }
    out
}

/// The object of a `Record<string, …>` option; its entries' option paths are "rules.OV-9". An
/// entry left undefined is skipped by the callers, as JSON drops it; a null one is a bad value.
fn record(r: &mut Reader, f: &Fields, key: &str) -> Option<Fields> {
    r.fields(f.get(key), &f.path_of(key))
}
