//! Reusable checks shared by every endpoint family, and `Ctx`, the collector that applies the
//! caller's rule policy and locale as issues are found.

pub mod basic;
pub mod camera;
pub mod ids;
pub mod inputs;
pub mod keys;
pub mod refs;
pub mod run;
pub mod shots;
pub mod table;
pub mod video;
pub mod voice;

use crate::issue::{clip, clip_params, Budget, Code, Issue, Level, Omitted, Options, Params, Report, Severity};
use crate::json::Value;
use crate::messages;

/// Reports a wrong JS type at `path` (here, not in `basic`, so the key check in `keys` and the
/// typed reads in `basic` share it without depending on each other).
pub fn wrong_type(ctx: &mut Ctx, path: &str, expected: &'static str, v: &Value) {
    ctx.error(path, Code::WrongType, ids::TYPE, vec![("expected", expected.into()), ("actual", v.type_name().into())]);
}

/// Collects issues for one validation run, and the paths the body must leave out.
#[derive(Debug)]
pub struct Ctx<'o> {
    /// The caller's options: rule levels, locale, element types.
    pub opts: &'o Options,
    /// The kept issues: the first ones, within the report's bounds (`issue::MAX_ISSUES`,
    /// `issue::MAX_REPORT_BYTES`). Push through `push`/`add`, never directly, so the bounds hold.
    pub issues: Vec<Issue>,
    /// JSON pointers of fields the body builder drops (ignored by the API, warned about).
    pub drops: Vec<String>,
    /// What the report has used of its bounds, and the issues left out past them.
    budget: Budget,
}

impl<'o> Ctx<'o> {
    /// An empty collector for one run under `opts`.
    pub fn new(opts: &'o Options) -> Self {
        Ctx { opts, issues: Vec::new(), drops: Vec::new(), budget: Budget::default() }
    }

    /// Records an issue unless the caller's policy turns its rule off. Returns whether the rule
    /// is on, so a caller can tie a side effect (dropping a field) to it; an issue past the
    /// report's bounds counts as recorded (it is in the `too_many_issues` count).
    pub fn push(&mut self, path: impl Into<String>, code: Code, rule: &'static str, default: Severity, mut params: Params) -> bool {
        let severity = match self.opts.level(rule) {
            Some(Level::Off) => return false,
            Some(Level::Error) => Severity::Error,
            Some(Level::Warning) => Severity::Warning,
            None => default,
        };
        // Past the cap an issue is only counted: no message, no path copy (a hostile body can
        // hold an issue every few bytes).
        if !self.budget.open(self.issues.len()) {
            self.budget.omit(1, severity);
            return true;
        }
        // Clipped before the message is rendered, which repeats the params.
        clip_params(&mut params);
        let message = messages::render(code, self.opts.locale, &params);
        self.add(Issue { path: clip(path.into()), code, rule, severity, message, params });
        true
    }

    /// Keeps an issue already built (by another `Ctx`, so already clipped) if the report has
    /// room for it, else counts it as left out.
    pub fn add(&mut self, issue: Issue) {
        if self.budget.open(self.issues.len()) && self.budget.admit(&issue) {
            self.issues.push(issue);
        } else {
            self.budget.omit(1, issue.severity);
        }
    }

    /// Counts issues another `Ctx` left out as left out here too.
    pub fn add_omitted(&mut self, omitted: Omitted) {
        self.budget.omit(omitted.errors, Severity::Error);
        self.budget.omit(omitted.count - omitted.errors, Severity::Warning);
    }

    /// The issues left out so far.
    pub fn omitted(&self) -> Omitted {
        self.budget.omitted()
    }

    /// Whether any issue so far is an error, kept or left out.
    pub fn has_error(&self) -> bool {
        self.budget.omitted().errors > 0 || self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// `push` with the rule's default severity an error.
    pub fn error(&mut self, path: impl Into<String>, code: Code, rule: &'static str, params: Params) -> bool {
        self.push(path, code, rule, Severity::Error, params)
    }

    /// `push` with the rule's default severity a warning.
    pub fn warn(&mut self, path: impl Into<String>, code: Code, rule: &'static str, params: Params) -> bool {
        self.push(path, code, rule, Severity::Warning, params)
    }

    /// Warns that the API ignores `field` here and drops it from the body. With the rule turned
    /// off the field is kept, as if the library did not know the rule.
    pub fn ignore_field(&mut self, field: &'static str, condition: &'static str, rule: &'static str) {
        let path = crate::pointer::join("", field);
        if self.warn(path.clone(), Code::FieldIgnored, rule, vec![("field", field.into()), ("condition", condition.into())]) {
            self.drops.push(path);
        }
    }

    /// Whether an issue with this code was recorded at this path. Only kept issues are seen:
    /// callers ask it when there is no error yet, so nothing relevant was left out.
    pub fn has(&self, path: &str, code: Code) -> bool {
        self.issues.iter().any(|i| i.path == path && i.code == code)
    }

    /// Whether the body leaves out the field at this pointer.
    pub fn is_dropped(&self, path: &str) -> bool {
        self.drops.iter().any(|d| d == path)
    }

    /// The report: the kept issues, then one `too_many_issues` when any were left out.
    pub fn finish(self) -> Report {
        let ok = !self.has_error();
        let mut issues = self.issues;
        issues.extend(self.budget.summary(self.opts.locale));
        Report { ok, issues }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::MAX_ISSUES;

    /// An error past the cap still makes the report not ok, and its summary an error.
    #[test]
    fn a_left_out_error_keeps_the_report_not_ok() {
        let opts = Options::default();
        let mut ctx = Ctx::new(&opts);
        for _ in 0..MAX_ISSUES {
            ctx.warn("/a", Code::FieldIgnored, ids::JSON, vec![]);
        }
        assert!(!ctx.has_error());
        assert!(ctx.error("/b", Code::Required, ids::REQUIRED, vec![]), "a counted issue's rule is on");
        assert!(ctx.has_error() && !ctx.has("/b", Code::Required));
        let report = ctx.finish();
        let last = report.issues.last().unwrap();
        assert_eq!((report.ok, report.issues.len(), last.code, last.severity), (false, MAX_ISSUES + 1, Code::TooManyIssues, Severity::Error));
    }
}
