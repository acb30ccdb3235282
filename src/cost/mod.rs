//! What a create will cost before it is sent (kling-api.md §10): the request is validated and
//! built by the family's own checks (`api::build`), then its body — what Kling reads: the fields
//! the API ignores dropped, the model named — is priced from the table in `schema::prices`:
//! units and list-price dollars as integers, the row named as the basis. A request the table
//! cannot price says why; a price is never invented.

pub mod js;
mod reason;
mod units;

pub use crate::schema::prices::UnitKind;
pub use reason::Why;
pub use units::{units_text, usd_micros_of_units, usd_text};

use crate::api;
use crate::caps::Endpoint;
use crate::issue::{Code, Locale, Options, Report};
use crate::json::{self, Value};
use crate::rules::basic::plain_duration;
use crate::schema::prices::{self, PriceRow, Wants};

/// The longest input video a base edit is priced for: §2.3 caps reference videos at 10 s; this
/// only keeps a caller's number within reason.
pub const MAX_VIDEO_SECONDS: f64 = 3600.0;

/// A priced request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    /// Kling units, in tenths (4.2 units → 42).
    pub units_tenths: u64,
    /// List price in micro-dollars ($0.588 → 588_000).
    pub usd_micros: u64,
    /// Video or image units (their dollar values differ).
    pub kind: UnitKind,
    /// The §10 row used ("Video 3.0 Omni · pro, no video input, audio").
    pub basis: &'static str,
}

/// What `estimate` found.
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    /// The table prices the request.
    Priced(Price),
    /// Valid, but the table has no price for it (or lacks an input, such as the length of the
    /// video a base edit is billed on). `basis` names the row when one applies.
    Unpriced {
        /// The row that would apply, when one does (a base edit without its video's length).
        basis: Option<&'static str>,
        /// Why, in the options' locale.
        reason: String,
    },
    /// The request has errors: the validator's report.
    Invalid(Report),
}

impl Estimate {
    /// The price, when there is one.
    pub fn price(&self) -> Option<&Price> {
        match self {
            Estimate::Priced(p) => Some(p),
            _ => None,
        }
    }
}

/// Prices a create request of `endpoint` given as JSON text, after validating and building it
/// with `opts` (its locale words the reasons). `video_seconds` is the input video's length, which
/// a base edit (omni-video `video_list[0].refer_type` "base", the API default) is billed on.
/// Never panics.
pub fn estimate(endpoint: Endpoint, request_json: &str, video_seconds: Option<f64>, opts: &Options) -> Estimate {
    match api::build(endpoint, request_json, opts) {
        Err(report) => Estimate::Invalid(report),
        Ok(built) => {
            // The body names the model either way; this warning says the caller left it out.
            let defaulted = built.report.issues.iter().any(|i| i.code == Code::ModelDefaulted);
            price_body(endpoint, &built.body, video_seconds, defaulted, opts.locale)
        }
    }
}

/// Prices a body `api::build` wrote: what Kling reads (the fields the API ignores dropped, the
/// model named), so the client and the proxy price the body they send without checking the
/// request twice. `defaulted`: the request left `model_name` out (the reason says so). A text
/// that is not a JSON object is `Unpriced`, never `Invalid` (there is no report to give).
pub fn price_body(endpoint: Endpoint, body: &str, video_seconds: Option<f64>, defaulted: bool, locale: Locale) -> Estimate {
    let parsed = json::parse(body);
    let priced = match &parsed {
        Ok(value @ Value::Obj(_)) => price(endpoint, value, defaulted, video_seconds),
        _ => Err((None, Why::Unreadable { field: "body" })),
    };
    priced.unwrap_or_else(|(basis, why)| Estimate::Unpriced { basis, reason: why.text(locale) })
}

/// The body's field `key`, when it is a string.
fn str_of<'v>(body: &'v Value, key: &str) -> Option<&'v str> {
    body.field(key).and_then(Value::as_str)
}

/// The body's list `key` (empty when absent or not a list).
fn list<'v, 'a>(body: &'v Value<'a>, key: &str) -> &'v [Value<'a>] {
    body.field(key).and_then(Value::as_arr).unwrap_or(&[])
}

type Unpriced<'a> = (Option<&'static str>, Why<'a>);

fn price<'v>(endpoint: Endpoint, body: &'v Value, defaulted: bool, video_seconds: Option<f64>) -> Result<Estimate, Unpriced<'v>> {
    if !endpoint.has_models() {
        return Err((None, Why::NoPrices { family: endpoint.family() }));
    }
    let model = str_of(body, "model_name").unwrap_or(endpoint.default_model());
    let Some(product) = prices::product(model, endpoint) else {
        return Err((None, Why::NoProduct { model, family: endpoint.family(), defaulted }));
    };
    let (row, quantity) = match endpoint {
        Endpoint::OmniVideo | Endpoint::TextToVideo | Endpoint::ImageToVideo => video(endpoint, body, product, video_seconds)?,
        _ => image(endpoint, body, product)?,
    };
    // (at most 3600 s or 9 images of at most 1.6 units: far from overflowing)
    let times = |per: u32| u64::from(per).saturating_mul(u64::from(quantity));
    Ok(Estimate::Priced(Price { units_tenths: times(row.units_tenths), usd_micros: times(row.usd_micros), kind: row.kind, basis: row.basis }))
}

/// The video row and the seconds billed.
fn video<'v>(endpoint: Endpoint, body: &'v Value, product: &'static str, video_seconds: Option<f64>) -> Result<(&'static PriceRow, u32), Unpriced<'v>> {
    let mode = str_of(body, "mode").unwrap_or(endpoint.default_mode());
    let videos = list(body, "video_list");
    // `refer_type` left out means "base" (§4.1), an edit billed on the input's length.
    let base = videos.first().is_some_and(|v| str_of(v, "refer_type").is_none_or(|t| t == "base"));
    let audio = str_of(body, "sound") == Some("on");
    let wants = Wants { mode, video_input: !videos.is_empty(), audio, voice: !list(body, "voice_list").is_empty(), resolution: "" };
    let Some(row) = prices::row(product, &wants) else {
        return Err((None, Why::NoVideoRow { product, mode }));
    };
    let seconds = if base { base_seconds(video_seconds) } else { duration(body) };
    seconds.map(|s| (row, s)).map_err(|why| (Some(row.basis), why))
}

/// §4.1: a base edit is billed on the input video's length, rounded to the nearest second.
fn base_seconds(video_seconds: Option<f64>) -> Result<u32, Why<'static>> {
    match video_seconds {
        None => Err(Why::NeedVideoSeconds),
        // Half up (s > 0): `floor` is one wasm instruction, `round` a libm call.
        Some(s) if s.is_finite() && s > 0.0 && s <= MAX_VIDEO_SECONDS => Ok((s + 0.5).floor() as u32),
        Some(_) => Err(Why::BadVideoSeconds),
    }
}

/// The output length: `duration` (default 5, §4.1/§5.1); with customized shots, their
/// durations, which OV-6/TV-5 make add up to it (turned off, the two may disagree: unpriced).
fn duration(body: &Value) -> Result<u32, Why<'static>> {
    let unreadable = |field| Why::Unreadable { field };
    let total = match body.field("duration") {
        None => 5,
        Some(v) => plain_duration(v).ok_or(unreadable("duration"))?,
    };
    let multi = matches!(body.field("multi_shot"), Some(Value::Bool(true)));
    if !multi || str_of(body, "shot_type") == Some("intelligence") {
        return Ok(total);
    }
    let mut sum: u32 = 0;
    for shot in list(body, "multi_prompt") {
        sum = sum.saturating_add(shot.field("duration").and_then(plain_duration).ok_or(unreadable("multi_prompt"))?);
    }
    if sum == total {
        Ok(total)
    } else {
        Err(unreadable("multi_prompt"))
    }
}

/// The image row and the images billed: `n` single images (default 1), or `series_amount`
/// (default 4, §7.1) for a series, each billed as one image (inferred: §10 prices per image).
fn image<'v>(endpoint: Endpoint, body: &'v Value, product: &'static str) -> Result<(&'static PriceRow, u32), Unpriced<'v>> {
    let resolution = str_of(body, "resolution").unwrap_or("1k");
    let wants = Wants { mode: "", video_input: false, audio: false, voice: false, resolution };
    let Some(row) = prices::row(product, &wants) else {
        return Err((None, Why::NoImageRow { product, resolution }));
    };
    let series = endpoint == Endpoint::OmniImage && str_of(body, "result_type") == Some("series");
    let (key, default, min) = if series { ("series_amount", 4, 2) } else { ("n", 1, 1) };
    let count = match body.field(key) {
        None => Some(default),
        Some(Value::Num(n)) => n.as_i64(),
        Some(_) => None,
    };
    match count.and_then(|c| u32::try_from(c).ok()).filter(|c| (min..=9).contains(c)) {
        Some(c) => Ok((row, c)),
        None => Err((Some(row.basis), Why::Unreadable { field: key })),
    }
}
