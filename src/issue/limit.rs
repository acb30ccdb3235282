//! A report's bounds: at most `MAX_ISSUES` issues and less than `MAX_REPORT_BYTES` of JSON,
//! whatever the input. One hostile body can hold an issue every few bytes, and a path or a param
//! can echo a megabyte of the caller's text; unbounded, the report (and the proxy's 400 answer
//! carrying it) grew to ~160× the body until wasm memory trapped. What does not fit is counted,
//! never built, and stands at the end of the report as one `too_many_issues`.

use super::{Code, Issue, Locale, Param, Params, Severity};
use crate::rules::ids;

/// A report keeps at most this many issues, then one `too_many_issues`. A real request has a
/// handful; only a hostile or machine-made one comes near.
pub const MAX_ISSUES: usize = 100;

/// A report's JSON text (`Report::to_json`) is always shorter than this.
pub const MAX_REPORT_BYTES: usize = 64 * 1024;

/// Text an issue echoes from the input (its path, a string param) is clipped to this many bytes
/// and marked with `CLIPPED`. Real paths and values are far shorter.
pub const MAX_TEXT: usize = 256;

/// The mark at the end of a clipped text.
pub const CLIPPED: char = '…';

/// Room kept in `MAX_REPORT_BYTES` for the report's frame (`{"ok":false,"issues":[` … `]}`) and
/// the closing `too_many_issues` (its zh message, the longest, is ~90 bytes plus the count).
const RESERVE: usize = 1024;

/// The issues a report left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// How many issues were left out.
    pub count: usize,
    /// How many of them were errors (any one makes the report not ok).
    pub errors: usize,
}

/// What one report has used of its bounds. Issues are admitted in order; once one is left out,
/// every later one is too, so the report keeps the *first* issues.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// JSON bytes of the kept issues, commas included.
    bytes: usize,
    omitted: Omitted,
}

impl Budget {
    /// Whether an issue may still be kept, asked before it is built (no message rendered, no
    /// path copied for an issue past the cap).
    pub fn open(&self, kept: usize) -> bool {
        kept < MAX_ISSUES && self.omitted.count == 0
    }

    /// Counts `n` issues of one severity as left out.
    pub fn omit(&mut self, n: usize, severity: Severity) {
        self.omitted.count = self.omitted.count.saturating_add(n);
        if severity == Severity::Error {
            self.omitted.errors = self.omitted.errors.saturating_add(n);
        }
    }

    /// Keeps a built issue's bytes if the report still has room for them; `false` when it does
    /// not (the caller counts it as left out).
    pub fn admit(&mut self, issue: &Issue) -> bool {
        let bytes = issue_len(issue) + 1;
        if self.omitted.count > 0 || self.bytes + bytes > MAX_REPORT_BYTES - RESERVE {
            return false;
        }
        self.bytes += bytes;
        true
    }

    /// The issues left out so far.
    pub fn omitted(&self) -> Omitted {
        self.omitted
    }

    /// The closing `too_many_issues`, when something was left out: an error if any left-out
    /// issue was one (so `ok` stays false), else a warning. Not subject to the rule policy: it
    /// stands for the issues it counts, whose own rules were already applied.
    pub fn summary(&self, locale: Locale) -> Option<Issue> {
        let Omitted { count, errors } = self.omitted;
        if count == 0 {
            return None;
        }
        let params: Params = vec![("omitted", count.into())];
        let message = crate::messages::render(Code::TooManyIssues, locale, &params);
        let severity = if errors > 0 { Severity::Error } else { Severity::Warning };
        Some(Issue { path: String::new(), code: Code::TooManyIssues, rule: ids::LIMIT, severity, message, params })
    }
}

/// `s`, or when longer than `MAX_TEXT` bytes its first `MAX_TEXT` bytes (cut at a character
/// boundary, so still UTF-8) and `CLIPPED`. A fresh string: truncating in place would keep the
/// long one's allocation alive in the report.
pub fn clip(s: String) -> String {
    if s.len() <= MAX_TEXT {
        return s;
    }
    let cut = s.floor_char_boundary(MAX_TEXT);
    let mut out = String::with_capacity(cut + CLIPPED.len_utf8());
    out.push_str(s.get(..cut).unwrap_or(""));
    out.push(CLIPPED);
    out
}

/// Clips every text in the params (strings and list items; numbers are short).
pub fn clip_params(params: &mut Params) {
    for (_, p) in params.iter_mut() {
        match p {
            Param::Str(s) if s.len() > MAX_TEXT => *s = clip(std::mem::take(s)),
            Param::List(items) => {
                for item in items.iter_mut().filter(|i| i.len() > MAX_TEXT) {
                    *item = clip(std::mem::take(item));
                }
            }
            _ => {}
        }
    }
}

/// The length of `s` as a JSON string, as serde_json writes it (quotes and escapes included).
fn str_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// An upper bound of the issue's length as the report's JSON writes it: exact for the texts,
/// the longest form for numbers.
fn issue_len(i: &Issue) -> usize {
    // {"path":,"code":,"rule":,"severity":"warning","message":} and ,"params":{}
    const FRAME: usize = 58 + 12;
    let params: usize = i
        .params
        .iter()
        .map(|(k, v)| {
            str_len(k)
                + 2
                + match v {
                    Param::Int(_) => 20,
                    Param::Num(_) => 25,
                    Param::Str(s) => str_len(s),
                    Param::List(items) => 2 + items.iter().map(|s| str_len(s) + 1).sum::<usize>(),
                }
        })
        .sum();
    FRAME + str_len(&i.path) + str_len(i.code.as_str()) + str_len(i.rule) + str_len(&i.message) + params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_at_a_character_boundary_and_marks_it() {
        assert_eq!(clip("a".repeat(MAX_TEXT)), "a".repeat(MAX_TEXT));
        let long = format!("a{}", "é".repeat(MAX_TEXT));
        let got = clip(long);
        assert!(got.len() <= MAX_TEXT + CLIPPED.len_utf8() && got.ends_with(CLIPPED), "{got}");
        assert!(got.starts_with("aé"));
    }

    #[test]
    fn issue_len_bounds_the_written_json() {
        let mut params: Params = vec![("value", "\"\\\n\u{1}x".into()), ("n", 12usize.into()), ("f", 0.1f64.into()), ("allowed", (&["a", "b"][..]).into())];
        clip_params(&mut params);
        let issue =
            Issue { path: "/a~1b/\u{2}".into(), code: Code::InvalidEnum, rule: "GEN-ENUM", severity: Severity::Warning, message: "m\u{1f}".into(), params };
        let written = serde_json::to_string(&issue).unwrap().len();
        assert!(issue_len(&issue) >= written && issue_len(&issue) < written + 80, "{} vs {written}", issue_len(&issue));
    }

    #[test]
    fn the_summary_is_an_error_only_when_an_error_was_left_out() {
        let mut b = Budget::default();
        assert!(b.summary(Locale::En).is_none());
        b.omit(2, Severity::Warning);
        let s = b.summary(Locale::En).unwrap();
        assert_eq!((s.severity, s.param("omitted")), (Severity::Warning, Some(&Param::Int(2))));
        assert!(s.message.contains('2'), "{}", s.message);
        b.omit(1, Severity::Error);
        assert_eq!(b.summary(Locale::Zh).unwrap().severity, Severity::Error);
        assert!(!b.open(0), "closed once something was left out");
    }
}
