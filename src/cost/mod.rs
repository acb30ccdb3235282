//! What a create will cost before it is sent (kling-api.md §10): the request is validated by
//! the family's own checks (`api::read_checked`), then priced from the table in
//! `schema::prices` — units and list-price dollars as integers, the row named as the basis.
//! A request the table cannot price says why; a price is never invented.

pub mod js;
mod reason;
mod units;

pub use crate::schema::prices::UnitKind;
pub use reason::Why;
pub use units::{units_text, usd_micros_of_units, usd_text};

use crate::api;
use crate::caps::Endpoint;
use crate::issue::{Options, Report};
use crate::json::Value;
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

/// Prices a create request of `endpoint` given as JSON text, after validating it with `opts`
/// (its locale words the reasons). `video_seconds` is the input video's length, which a base
/// edit (omni-video `video_list[0].refer_type` "base", the API default) is billed on. Never panics.
pub fn estimate(endpoint: Endpoint, request_json: &str, video_seconds: Option<f64>, opts: &Options) -> Estimate {
    let priced = api::read_checked(endpoint, request_json, opts, |req, model, drops| {
        let req = Req { value: req, drops };
        price(endpoint, &req, model, video_seconds).unwrap_or_else(|(basis, why)| Estimate::Unpriced { basis, reason: why.text(opts.locale) })
    });
    priced.unwrap_or_else(Estimate::Invalid)
}

/// The request as the body sends it: a field the body drops (the API ignores it) reads as absent.
struct Req<'r, 'v> {
    value: &'r Value<'v>,
    drops: &'r [String],
}

impl<'r, 'v> Req<'r, 'v> {
    fn get(&self, key: &str) -> Option<&'r Value<'v>> {
        let dropped = self.drops.iter().any(|d| d.strip_prefix('/') == Some(key));
        self.value.field(key).filter(|_| !dropped)
    }
    fn str(&self, key: &str) -> Option<&'r str> {
        self.get(key).and_then(Value::as_str)
    }
    fn list(&self, key: &str) -> &'r [Value<'v>] {
        self.get(key).and_then(Value::as_arr).unwrap_or(&[])
    }
}

type Unpriced = (Option<&'static str>, Why);

fn price(endpoint: Endpoint, req: &Req, model: &'static str, video_seconds: Option<f64>) -> Result<Estimate, Unpriced> {
    if !endpoint.has_models() {
        return Err((None, Why::NoPrices { family: endpoint.family() }));
    }
    let Some(product) = prices::product(model, endpoint) else {
        return Err((None, Why::NoProduct { model, family: endpoint.family(), defaulted: req.get("model_name").is_none() }));
    };
    let (row, quantity) = match endpoint {
        Endpoint::OmniVideo | Endpoint::TextToVideo | Endpoint::ImageToVideo => video(endpoint, req, product, video_seconds)?,
        _ => image(endpoint, req, product)?,
    };
    let times = |per: u64| per.checked_mul(u64::from(quantity));
    match (times(row.units_tenths), times(row.usd_micros)) {
        (Some(units_tenths), Some(usd_micros)) => Ok(Estimate::Priced(Price { units_tenths, usd_micros, kind: row.kind, basis: row.basis })),
        // (quantities are bounded far below this)
        _ => Err((Some(row.basis), Why::TooLarge)),
    }
}

/// The video row and the seconds billed.
fn video(endpoint: Endpoint, req: &Req, product: &'static str, video_seconds: Option<f64>) -> Result<(&'static PriceRow, u32), Unpriced> {
    let mode = req.str("mode").unwrap_or(endpoint.default_mode());
    let videos = req.list("video_list");
    // `refer_type` left out means "base" (§4.1), an edit billed on the input's length.
    let base = videos.first().is_some_and(|v| v.field("refer_type").and_then(Value::as_str).is_none_or(|t| t == "base"));
    let wants =
        Wants { mode, video_input: !videos.is_empty(), audio: req.str("sound") == Some("on"), voice: !req.list("voice_list").is_empty(), resolution: "" };
    let Some(row) = prices::row(product, &wants) else {
        return Err((None, Why::NoVideoRow { product, mode: mode.to_owned() }));
    };
    let seconds = if base { base_seconds(video_seconds) } else { duration(req) };
    seconds.map(|s| (row, s)).map_err(|why| (Some(row.basis), why))
}

/// §4.1: a base edit is billed on the input video's length, rounded to the nearest second.
fn base_seconds(video_seconds: Option<f64>) -> Result<u32, Why> {
    match video_seconds {
        None => Err(Why::NeedVideoSeconds),
        Some(s) if s.is_finite() && s > 0.0 && s <= MAX_VIDEO_SECONDS => Ok(s.round() as u32),
        Some(_) => Err(Why::BadVideoSeconds),
    }
}

/// The output length: `duration` (default 5, §4.1/§5.1); with customized shots, their
/// durations, which OV-6/TV-5 make add up to it (turned off, the two may disagree).
fn duration(req: &Req) -> Result<u32, Why> {
    let total = match req.get("duration") {
        None => 5,
        Some(v) => plain_duration(v).ok_or(Why::BadDuration)?,
    };
    let multi = matches!(req.get("multi_shot"), Some(Value::Bool(true)));
    if !multi || req.str("shot_type") == Some("intelligence") {
        return Ok(total);
    }
    let mut sum: u32 = 0;
    for shot in req.list("multi_prompt") {
        let d = shot.field("duration").and_then(plain_duration).ok_or(Why::BadDuration)?;
        sum = sum.saturating_add(d);
    }
    if sum == total {
        Ok(total)
    } else {
        Err(Why::ShotsDisagree { sum, total })
    }
}

/// The image row and the images billed: `n` single images (default 1), or `series_amount`
/// (default 4, §7.1) for a series, each billed as one image (inferred: §10 prices per image).
fn image(endpoint: Endpoint, req: &Req, product: &'static str) -> Result<(&'static PriceRow, u32), Unpriced> {
    let resolution = req.str("resolution").unwrap_or("1k");
    let wants = Wants { mode: "", video_input: false, audio: false, voice: false, resolution };
    let Some(row) = prices::row(product, &wants) else {
        return Err((None, Why::NoImageRow { product, resolution: resolution.to_owned() }));
    };
    let series = endpoint == Endpoint::OmniImage && req.str("result_type") == Some("series");
    let (key, default, min) = if series { ("series_amount", 4, 2) } else { ("n", 1, 1) };
    let count = match req.get(key) {
        None => Some(default),
        Some(Value::Num(n)) => n.as_i64(),
        Some(Value::Str(s)) => s.parse::<i64>().ok(),
        Some(_) => None,
    };
    match count.and_then(|c| u32::try_from(c).ok()).filter(|c| (min..=9).contains(c)) {
        Some(c) => Ok((row, c)),
        None => Err((Some(row.basis), Why::BadCount { field: key })),
    }
}
