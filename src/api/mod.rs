//! The endpoint families (their rules; their fields are in `schema/`) and the driver they
//! share: parse the request text once, run the family's checks, then write the body from the
//! same parsed value.

pub mod common;
pub mod custom_element;
pub mod custom_voice;
pub mod image_generation;
pub mod image_to_video;
pub mod inject;
pub mod omni_image;
pub mod omni_video;
mod out;
pub mod task;
pub mod text_to_video;
pub mod writer;

use crate::caps::Endpoint;
use crate::issue::{Code, Omitted, Options, Report, Severity};
use crate::json::{self, Value};
use crate::rules::{basic, ids, Ctx};

/// What a family's checks hand to its body writer.
#[derive(Debug)]
pub struct Checked {
    /// The model the request runs on (explicit, or the endpoint's default).
    pub model: Option<&'static str>,
}

/// Runs a family's checks over a parsed request.
type CheckFn = fn(&mut Ctx, &Value) -> Checked;

fn check_fn(endpoint: Endpoint) -> CheckFn {
    match endpoint {
        Endpoint::OmniVideo => omni_video::rules::check,
        Endpoint::TextToVideo => text_to_video::rules::check,
        Endpoint::ImageToVideo => image_to_video::rules::check,
        Endpoint::OmniImage => omni_image::rules::check,
        Endpoint::ImageGeneration => image_generation::rules::check,
        Endpoint::CustomElement => custom_element::rules::check,
        Endpoint::CustomVoice => custom_voice::rules::check,
    }
}

/// Parses and checks; on success hands the parsed value and the collector to `then`.
fn run<R>(endpoint: Endpoint, text: &str, opts: &Options, then: impl FnOnce(&Value, Ctx, Checked) -> R, bad: impl FnOnce(Report) -> R) -> R {
    let mut ctx = Ctx::new(opts);
    let (req, js_member) = match json::parse_request(text) {
        Ok(r) => {
            if r.repaired {
                ctx.warn("", Code::LoneSurrogate, ids::JSON, vec![]);
            }
            (r.value, r.js_member)
        }
        Err(e) => {
            if e.too_deep {
                ctx.error("", Code::TooDeep, ids::JSON, vec![]);
            } else if e.too_many {
                ctx.error("", Code::TooManyValues, ids::JSON, vec![("max", json::MAX_VALUES.into())]);
            } else {
                ctx.error("", Code::InvalidJson, ids::JSON, vec![("detail", e.message.into())]);
            }
            return bad(ctx.finish());
        }
    };
    if !matches!(req, Value::Obj(_)) {
        basic::wrong_type(&mut ctx, "", "object", &req);
        return bad(ctx.finish());
    }
    let checked = check_fn(endpoint)(&mut ctx, &req);
    if !js_member || ctx.has_error() {
        return then(&req, ctx, checked);
    }
    // The body and its tree must not be alive beside this tree (peak memory stays within 2× the
    // text: each tree's unescaped strings can be as long as its text). So the request is read
    // again afterwards; the same text reads to the same tree. Only this rare path pays for it.
    let body = writer::write_body(text, &req, &ctx.drops, checked.model.unwrap_or(endpoint.default_model()));
    drop(req);
    check_as_sent(endpoint, &body, &mut ctx);
    drop(body);
    match json::parse_request(text) {
        Ok(r) => then(&r.value, ctx, checked),
        // (unreachable: it read a moment ago)
        Err(_) => bad(ctx.finish()),
    }
}

/// When the caller's policy let JS-only members (functions, symbols, NaN …, which the body
/// leaves out as JSON.stringify does) pass (their type or range issues turned down),
/// the body lacks them, which can make it invalid (a required field missing). The body is what
/// is sent, so its errors are the request's too (fuzz findings api-4 and api-7, general form).
fn check_as_sent(endpoint: Endpoint, body: &str, ctx: &mut Ctx) {
    let Ok(sent) = json::parse(body) else { return };
    // The body is JSON text: its integers carry exact digits.
    let opts = Options { exact_numbers: true, ..ctx.opts.clone() };
    let mut again = Ctx::new(&opts);
    check_fn(endpoint)(&mut again, &sent);
    let omitted = again.omitted();
    for issue in again.issues.into_iter().filter(|i| i.severity == Severity::Error) {
        if !ctx.has(&issue.path, issue.code) {
            ctx.add(issue);
        }
    }
    // Its left-out errors are this report's too (its warnings stay out, as the kept ones do);
    // counted after the kept ones, which come first in its order.
    ctx.add_omitted(Omitted { count: omitted.errors, errors: omitted.errors });
}

/// Validates a request given as JSON text.
pub fn validate(endpoint: Endpoint, text: &str, opts: &Options) -> Report {
    run(endpoint, text, opts, |_, ctx, _| ctx.finish(), |r| r)
}

/// A body ready to send, with the warnings found on the way, and what a sender needs to know of
/// it without reading it again (the proxy's create and the client's idempotent create).
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// The exact JSON text to send.
    pub body: String,
    /// The warnings found on the way (an ok report).
    pub report: Report,
    /// The request's `external_task_id` as the body carries it: a non-empty string, or `None`
    /// (absent, null, or empty: an empty one is dropped with a warning).
    pub external_task_id: Option<String>,
    /// Where each top-level member of `body` sits, in order (`inject::kept` picks from them).
    /// Empty in a wasm module without the proxy, where nothing reads them (`writer::write_members`).
    pub members: Vec<inject::scan::Member>,
    /// `[at, from, to]` byte offsets: `body[at..]` starts with `text[from..to]`, for each stretch
    /// of the body copied from the request text, in order (the bindings slice those from the JS
    /// string instead of decoding them).
    pub copied: Vec<u32>,
}

/// Validates and, when no issue is an error, writes the exact body Kling expects.
pub fn build(endpoint: Endpoint, text: &str, opts: &Options) -> Result<Built, Report> {
    run(
        endpoint,
        text,
        opts,
        |req, ctx, checked| {
            let drops = ctx.drops.clone();
            let report = ctx.finish();
            if !report.ok {
                return Err(report);
            }
            let model = checked.model.unwrap_or(endpoint.default_model());
            // From the tree the checks read: the body writes that string back as it was read, so
            // neither the proxy nor the client needs to read the body again to find it.
            let id = req.field("external_task_id").and_then(Value::as_str).filter(|s| !s.is_empty() && !drops.iter().any(|d| d == "/external_task_id"));
            let external_task_id = id.map(str::to_owned);
            let ((body, copied), members) = writer::write_members(text, req, &drops, model);
            Ok(Built { body, report, external_task_id, members, copied })
        },
        Err,
    )
}
