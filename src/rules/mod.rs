//! Reusable checks shared by every endpoint family, and `Ctx`, the collector that applies the
//! caller's rule policy and locale as issues are found.

pub mod basic;
pub mod camera;
pub mod ids;
pub mod inputs;
pub mod keys;
pub mod refs;
pub mod shots;
pub mod video;
pub mod voice;

use crate::issue::{Code, Issue, Level, Options, Params, Report, Severity};
use crate::messages;

/// Collects issues for one validation run, and the paths the body must leave out.
#[derive(Debug)]
pub struct Ctx<'o> {
    pub opts: &'o Options,
    pub issues: Vec<Issue>,
    /// JSON pointers of fields the body builder drops (ignored by the API, warned about).
    pub drops: Vec<String>,
}

impl<'o> Ctx<'o> {
    pub fn new(opts: &'o Options) -> Self {
        Ctx { opts, issues: Vec::new(), drops: Vec::new() }
    }

    /// Records an issue unless the caller's policy turns its rule off. Returns whether it was
    /// recorded, so a caller can tie a side effect (dropping a field) to the rule being on.
    pub fn push(&mut self, path: impl Into<String>, code: Code, rule: &'static str, default: Severity, params: Params) -> bool {
        let severity = match self.opts.level(rule) {
            Some(Level::Off) => return false,
            Some(Level::Error) => Severity::Error,
            Some(Level::Warning) => Severity::Warning,
            None => default,
        };
        let message = messages::render(code, self.opts.locale, &params);
        self.issues.push(Issue { path: path.into(), code, rule, severity, message, params });
        true
    }

    pub fn error(&mut self, path: impl Into<String>, code: Code, rule: &'static str, params: Params) -> bool {
        self.push(path, code, rule, Severity::Error, params)
    }

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

    /// Whether an issue with this code was recorded at this path.
    pub fn has(&self, path: &str, code: Code) -> bool {
        self.issues.iter().any(|i| i.path == path && i.code == code)
    }

    pub fn is_dropped(&self, path: &str) -> bool {
        self.drops.iter().any(|d| d == path)
    }

    pub fn finish(self) -> Report {
        let ok = !self.issues.iter().any(|i| i.severity == Severity::Error);
        Report { ok, issues: self.issues }
    }
}
