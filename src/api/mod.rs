//! The four endpoint families (model, rules, body each) and the driver they share: parse the
//! request text once, run the family's checks, then write the body from the same parsed value.

pub mod common;
pub mod image_to_video;
pub mod omni_image;
pub mod omni_video;
pub mod task;
pub mod text_to_video;
pub mod writer;

use crate::caps::Endpoint;
use crate::issue::{Code, Options, Report};
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
    }
}

/// Parses and checks; on success hands the parsed value and the collector to `then`.
fn run<R>(endpoint: Endpoint, text: &str, opts: &Options, then: impl FnOnce(&Value, Ctx, Checked) -> R, bad: impl FnOnce(Report) -> R) -> R {
    let mut ctx = Ctx::new(opts);
    let req = match json::parse_lenient(text) {
        Ok((v, repaired)) => {
            if repaired {
                ctx.warn("", Code::LoneSurrogate, ids::JSON, vec![]);
            }
            v
        }
        Err(e) => {
            if e.too_deep {
                ctx.error("", Code::TooDeep, ids::JSON, vec![]);
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
    then(&req, ctx, checked)
}

/// Validates a request given as JSON text.
pub fn validate(endpoint: Endpoint, text: &str, opts: &Options) -> Report {
    run(endpoint, text, opts, |_, ctx, _| ctx.finish(), |r| r)
}

/// A body ready to send, with the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub body: String,
    pub report: Report,
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
            Ok(Built { body: writer::write_body(req, &drops, model), report })
        },
        Err,
    )
}
