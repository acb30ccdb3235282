//! The one reader of the option objects every export takes (validate/build `ValidateOptions`, the
//! probes' `MediaOptions`, `KlingClient`'s constructor and per-call options, `signKlingToken`,
//! `createKlingProxy`), and the one way a bad option is described: an `invalid_option` or
//! `unknown_option` issue (rule GEN-OPTIONS, path "") whose `params.option` is the option's path
//! from the argument ("locale", "rules.OV-9", "auth.kind", "allowedOrigins[2]"; "options" for the
//! argument itself). validate and the probes put the issues in their result; everything else
//! throws one KlingError "config_error" whose message is theirs, after what was being read.
//!
//! An options object is a plain object (its tag is `[object Object]`; arrays, Dates, Maps and
//! boxed primitives are not) and only its own enumerable fields count, as for JSON.stringify and
//! `{...options}`. The fields are read once each, by guard.js (getters and Proxy traps caught),
//! at most MAX_FIELDS of them; undefined and null are the same as a field left out. Every
//! problem is reported, not only the first, up to MAX_PROBLEMS. A string is shown in a message
//! only where it was to be one of a few words (a locale, a rule level), so a secret given in the
//! wrong place is never echoed.

use super::guard;
use crate::error::Error;
use crate::issue::{Code, Issue, Locale, Param, Params, Severity};
use crate::json::{write_num, Num};
use crate::messages;
use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Rule id of the issues about an options argument.
pub const OPTIONS_RULE: &str = crate::rules::ids::OPTIONS;
/// Fields read from one object (and items from one array): an `elementTypes` of every element a
/// caller has is far below it; a bigger object is refused instead of read.
pub const MAX_FIELDS: u32 = 10_000;
/// Problems reported; the rest are counted in one `too_many_issues` issue.
const MAX_PROBLEMS: usize = 20;

/// The fields of one options object, in its key order; `path` is where it sits ("" for the
/// argument, "auth", "rules").
#[derive(Debug, Default)]
pub struct Fields {
    path: String,
    entries: Vec<(String, JsValue)>,
}

impl Fields {
    /// The field's value; `None` when absent, undefined or null.
    pub fn get(&self, key: &str) -> Option<&JsValue> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| !v.is_undefined() && !v.is_null())
    }

    /// Every field with its value (undefined and null included). The slice's own iterator, not
    /// a `map` to `(&str, &JsValue)`: that adapter was compiled for each loop over it (0.10 KiB
    /// gzip of the main module).
    pub fn iter(&self) -> std::slice::Iter<'_, (String, JsValue)> {
        self.entries.iter()
    }

    /// The option path of `key` in this object.
    pub fn path_of(&self, key: &str) -> String {
        [self.path.as_str(), &clip(key)].join(if self.path.is_empty() { "" } else { "." })
    }
}

/// Reads options and collects their problems; the messages are written at the end, in the
/// locale the options chose (`locale` may be read after a problem is found).
#[derive(Debug, Default)]
pub struct Reader {
    pub locale: Locale,
    problems: Vec<(Code, Params)>,
    /// The unknown keys, reported after the problems of the known ones.
    unknown: Vec<(Code, Params)>,
    left_out: usize,
}

impl Reader {
    pub fn new(locale: Locale) -> Self {
        Reader { locale, ..Reader::default() }
    }

    fn push(&mut self, code: Code, params: Params) {
        let list = if code == Code::UnknownOption { &mut self.unknown } else { &mut self.problems };
        if list.len() < MAX_PROBLEMS {
            list.push((code, params));
        } else {
            self.left_out += 1;
        }
    }

    /// `option` is not `expected` (an English phrase, or a list of quoted words); `actual` says
    /// what it is.
    pub fn invalid(&mut self, option: &str, expected: impl Into<Param>, actual: String) {
        self.push(Code::InvalidOption, vec![("option", clip(option).into()), ("expected", expected.into()), ("actual", clip(&actual).into())]);
    }

    /// What guard.js gave instead of fields or items: their count (over MAX_FIELDS), or what the
    /// value is instead of a `kind`.
    fn refused(&mut self, option: &str, what: &JsValue, kind: &str, noun: &str) {
        let (expected, actual) = match what.as_f64() {
            Some(n) => (format!("{kind} of at most {MAX_FIELDS} {noun}"), format!("{kind} of {} {noun}", n as u64)),
            None => (kind.to_owned(), what.as_string().unwrap_or_default()),
        };
        self.invalid(option, vec![expected], actual);
    }

    /// A field or item whose getter (or Proxy trap) threw `thrown`: a bad value there.
    fn unreadable(&mut self, option: &str, thrown: &str) {
        self.invalid(option, vec!["readable".to_owned()], format!("a getter that throws ({thrown})"));
    }

    /// The object at `value` (`path` "" for the argument itself) with any keys; `None` when it is
    /// absent (no problem) or not an object (a problem).
    pub fn fields(&mut self, value: Option<&JsValue>, path: &str) -> Option<Fields> {
        let value = value.filter(|v| !v.is_undefined() && !v.is_null())?;
        let option = if path.is_empty() { "options" } else { path };
        let read = guard::own_fields(value, MAX_FIELDS).unwrap_or_else(|e| JsValue::from_str(&guard::error_text(&e, "unreadable")));
        let flat = read.dyn_into::<Array>().map_err(|what| self.refused(option, &what, "object", "fields")).ok()?;
        let mut out = Fields { path: path.to_owned(), entries: Vec::with_capacity(flat.length() as usize / 3) };
        for i in (0..flat.length()).step_by(3) {
            let key = flat.get(i).as_string().unwrap_or_default();
            match flat.get(i + 2).as_string() {
                Some(thrown) => self.unreadable(&out.path_of(&key), &thrown),
                None => out.entries.push((key, flat.get(i + 1))),
            }
        }
        Some(out)
    }

    /// `object` for an argument that must be given: absent is a problem too.
    pub fn required_object(&mut self, value: &JsValue, allowed: &[&str]) -> Option<Fields> {
        if value.is_undefined() || value.is_null() {
            self.invalid("options", vec!["object".to_owned()], describe(value));
        }
        self.object(Some(value), "", allowed)
    }

    /// `fields`, and each key not in `allowed` is an `unknown_option`.
    pub fn object(&mut self, value: Option<&JsValue>, path: &str, allowed: &[&str]) -> Option<Fields> {
        let fields = self.fields(value, path)?;
        self.only(&fields, allowed);
        Some(fields)
    }

    /// Each key of `f` not in `allowed` is an `unknown_option` (listing `allowed`).
    pub fn only(&mut self, f: &Fields, allowed: &[&str]) {
        for (key, _) in f.iter() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let option = f.path_of(key);
            self.push(Code::UnknownOption, vec![("option", option.into()), ("allowed", allowed.into())]);
        }
    }

    /// `option` names something that does not exist; `allowed` says what does.
    pub fn unknown(&mut self, option: &str, allowed: impl Into<Param>) {
        self.push(Code::UnknownOption, vec![("option", clip(option).into()), ("allowed", allowed.into())]);
    }

    /// A string field.
    pub fn string(&mut self, f: &Fields, key: &str) -> Option<String> {
        let v = f.get(key)?;
        v.as_string().or_else(|| self.wrong(f, key, v, "string"))
    }

    /// A field that must be one of `allowed`.
    pub fn one_of(&mut self, f: &Fields, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        let v = f.get(key)?;
        self.one_of_value(&f.path_of(key), v, allowed)
    }

    /// `v` (at option path `option`) as one of `allowed`.
    pub fn one_of_value(&mut self, option: &str, v: &JsValue, allowed: &[&'static str]) -> Option<&'static str> {
        let found = v.as_string().and_then(|s| allowed.iter().copied().find(|a| *a == s));
        if found.is_none() {
            let mut quoted = Vec::with_capacity(allowed.len());
            for a in allowed {
                quoted.push(format!("\"{a}\""));
            }
            // The value is shown: it was to be one of these words, so it is not a secret.
            let actual = v.as_string().map_or_else(|| describe(v), |s| format!("\"{}\"", clip(&s)));
            self.invalid(option, quoted, actual);
        }
        found
    }

    /// `locale`, which also becomes the language of the messages.
    pub fn read_locale(&mut self, f: &Fields) -> Option<Locale> {
        self.locale = if self.one_of(f, "locale", &["en", "zh"])? == "zh" { Locale::Zh } else { Locale::En };
        Some(self.locale)
    }

    pub fn boolean(&mut self, f: &Fields, key: &str) -> Option<bool> {
        let v = f.get(key)?;
        v.as_bool().or_else(|| self.wrong(f, key, v, "true or false"))
    }

    /// Any JS number (the core checks its range).
    pub fn number(&mut self, f: &Fields, key: &str) -> Option<f64> {
        let v = f.get(key)?;
        v.as_f64().or_else(|| self.wrong(f, key, v, "number"))
    }

    /// A whole number in `min..=max`.
    pub fn integer(&mut self, f: &Fields, key: &str, min: f64, max: f64) -> Option<f64> {
        let v = f.get(key)?;
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (min..=max).contains(&n) => Some(n),
            _ => self.wrong(f, key, v, &format!("a whole number from {} to {}", min as i64, max as i64)),
        }
    }

    /// A timeout: a positive number of milliseconds (fractions round up).
    pub fn millis(&mut self, f: &Fields, key: &str) -> Option<u64> {
        let v = f.get(key)?;
        match v.as_f64() {
            Some(n) if n > 0.0 && n <= 9.0e15 => Some(n.ceil() as u64),
            _ => self.wrong(f, key, v, "a positive number of milliseconds"),
        }
    }

    pub fn function(&mut self, f: &Fields, key: &str) -> Option<Function> {
        let v = f.get(key)?;
        v.clone().dyn_into::<Function>().ok().or_else(|| self.wrong(f, key, v, "function"))
    }

    /// An array of strings, each problem at its index ("allowedOrigins[2]").
    pub fn strings(&mut self, f: &Fields, key: &str) -> Option<Vec<String>> {
        let v = f.get(key)?;
        let option = f.path_of(key);
        let read = guard::own_items(v, MAX_FIELDS).unwrap_or_else(|e| JsValue::from_str(&guard::error_text(&e, "unreadable")));
        let flat = read.dyn_into::<Array>().map_err(|what| self.refused(&option, &what, "array", "items")).ok()?;
        let mut out = Vec::new();
        for i in (0..flat.length()).step_by(2) {
            let (item, at) = (flat.get(i), format!("{option}[{}]", i / 2));
            match (item.as_string(), flat.get(i + 1).as_string()) {
                (Some(s), None) => out.push(s),
                (_, Some(thrown)) => self.unreadable(&at, &thrown),
                (None, None) => self.invalid(&at, vec!["string".to_owned()], describe(&item)),
            }
        }
        Some(out)
    }

    /// `got`, or (when the field was left out) a problem saying it is needed.
    // Generic shells over one non-generic body (`missing`, `bad`): as plain generics they were
    // compiled once per `T` (3 and 5 copies): 1.5 KB raw, 0.27 KiB gzip of the main module.
    #[inline(always)]
    pub fn required<T>(&mut self, f: &Fields, key: &str, got: Option<T>, expected: &str) -> Option<T> {
        if got.is_none() {
            self.missing(f, key, expected);
        }
        got
    }

    fn missing(&mut self, f: &Fields, key: &str, expected: &str) {
        if f.get(key).is_none() {
            self.invalid(&f.path_of(key), vec![expected.to_owned()], "undefined".to_owned());
        }
    }

    /// A problem for field `key` of `f` holding `v` where `expected` was wanted; always `None`.
    #[inline(always)]
    pub fn wrong<T>(&mut self, f: &Fields, key: &str, v: &JsValue, expected: &str) -> Option<T> {
        self.bad(f, key, v, expected);
        None
    }

    fn bad(&mut self, f: &Fields, key: &str, v: &JsValue, expected: &str) {
        self.invalid(&f.path_of(key), vec![expected.to_owned()], describe(v));
    }

    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.unknown.is_empty()
    }

    /// The problems as issues (bad values in the order read, then unknown keys, at most
    /// MAX_PROBLEMS and a count of the rest), their messages in the reader's locale.
    pub fn into_issues(self) -> Vec<Issue> {
        let locale = self.locale;
        let issue = |(code, params): (Code, Params)| {
            let message = messages::render(code, locale, &params);
            Issue { path: String::new(), code, rule: OPTIONS_RULE, severity: Severity::Error, message, params }
        };
        let all = self.problems.len() + self.unknown.len();
        // The common case, no problem: no allocation (this runs on every validate and build).
        if all == 0 && self.left_out == 0 {
            return Vec::new();
        }
        // A loop, not an iterator chain: each chain's adapters are compiled for it alone (this,
        // one_of_value's loop and rule_options' took 0.75 KiB gzip off the main module).
        let mut out = Vec::with_capacity(all.min(MAX_PROBLEMS) + 1);
        for p in self.problems.into_iter().chain(self.unknown) {
            if out.len() == MAX_PROBLEMS {
                break;
            }
            out.push(issue(p));
        }
        let left_out = self.left_out + all.saturating_sub(MAX_PROBLEMS);
        if left_out > 0 {
            out.push(issue((Code::TooManyIssues, vec![("omitted", left_out.into())])));
        }
        out
    }

    /// `Ok` when nothing was wrong, else the KlingError "config_error" for all of it: `what` (the
    /// argument read, e.g. "getTask options"), then each issue's message.
    pub fn finish(self, what: &str) -> Result<(), Error> {
        (!self.is_ok()).then(|| self.into_error(what)).map_or(Ok(()), Err)
    }

    /// The "config_error" of `finish`, for a caller that knows something is wrong.
    pub fn into_error(self, what: &str) -> Error {
        let mut message = format!("{what}:");
        for issue in self.into_issues() {
            message.push(' ');
            message.push_str(&issue.message);
        }
        Error::Config { message }
    }
}

/// What a wrong value is, in a word or a number; never a string's text (it may be a secret).
pub fn describe(v: &JsValue) -> String {
    let mut out = String::new();
    match (v.as_f64(), v.as_bool()) {
        // (the JSON number writer: no float-formatting machinery in the wasm)
        (Some(n), _) if n.is_finite() => write_num(&mut out, if n.fract() == 0.0 && n.abs() < 1e15 { Num::I(n as i64) } else { Num::F(n) }),
        (Some(n), _) if n.is_nan() => out.push_str("NaN"),
        (Some(n), _) => out.push_str(if n > 0.0 { "Infinity" } else { "-Infinity" }),
        (_, Some(b)) => out.push_str(if b { "true" } else { "false" }),
        _ if v.is_null() => out.push_str("null"),
        _ if guard::is_array(v).unwrap_or(false) => out.push_str("array"),
        _ => out.push_str(&v.js_typeof().as_string().unwrap_or_default()),
    }
    out
}

/// At most 60 characters, so a huge key or value keeps messages short.
fn clip(s: &str) -> String {
    // `get`, not `&s[..i]`: str indexing links core's slice-panic formatting.
    let mut out = s.char_indices().nth(60).and_then(|(i, _)| s.get(..i)).unwrap_or(s).to_owned();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
