//! `estimateCost(family, req, options?)`: what a create will cost (kling-api.md §10), from the
//! core's `cost::estimate`. The request is an object or JSON text (a string; integers keep every
//! digit), as the validate exports take them. Never throws for a request or its options: a bad
//! one gives `units: null` with its issues; only an unknown family throws ("config_error").

use super::convert;
use super::errors;
use super::options::Reader;
use crate::caps::Endpoint;
use crate::cost::{self, Estimate, MAX_VIDEO_SECONDS};
use crate::error::Error;
use crate::issue::{Locale, Report};
use wasm_bindgen::prelude::*;

/// `ValidateOptions`' keys (convert::VALIDATE_KEYS) and the input video's length.
const ESTIMATE_KEYS: &[&str] = &["locale", "rules", "elementTypes", "videoSeconds"];

#[wasm_bindgen]
extern "C" {
    /// The options argument, typed for TypeScript; read as any JS value.
    #[wasm_bindgen(typescript_type = "EstimateOptions")]
    pub type EstimateOptions;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_COST: &str = r#"
/** Options of `estimateCost`: those of validate, and the input video's length. */
export interface EstimateOptions extends ValidateOptions {
  /** The input video's length in seconds (e.g. `(await probeVideo(file)).durationSeconds`): a
   *  base-video edit (omni-video `refer_type` "base", the API default) is billed on it, rounded
   *  to the nearest second. Above 0, at most 3600. */
  videoSeconds?: number | undefined;
}

/**
 * What a create will cost, from kling-api.md §10's price table (list prices, 3.0 models).
 * Priced: `units` (Kling units, e.g. 4.2) and `usd` (e.g. 0.588), `basis` the table row used,
 * `kind` which units (a video unit is $0.14, an image unit $0.0035: sum them apart). Unpriced
 * (a legacy model, a base edit without `videoSeconds`): `units` and `usd` null, `reason` says
 * why, `basis` the row when one applies (else ""). Invalid: `units` and `usd` null, `basis` "",
 * and the validator's `issues`.
 */
export interface CostEstimate {
  units: number | null;
  usd: number | null;
  basis: string;
  kind?: "video" | "image";
  reason?: string;
  issues?: Issue[];
}

/**
 * What a create of `family` will cost (kling-api.md §10): `req` is the request object, or its
 * JSON text. Never throws for a request or options (a bad one gives `issues`); throws KlingError
 * "config_error" for an unknown family.
 */
export function estimateCost<F extends Endpoint>(family: F, req: RequestByFamily[F] | string, options?: EstimateOptions | null): CostEstimate;
"#;

/// The price of a create request of `family` (an object, or its JSON text). Throws a KlingError
/// "config_error" only for an unknown family. Declared in TS_COST (generic over the family,
/// which the attributes here cannot say).
#[wasm_bindgen(js_name = estimateCost, skip_typescript)]
pub fn estimate_cost(family: JsValue, req: JsValue, options: Option<EstimateOptions>) -> Result<JsValue, JsValue> {
    let Some(endpoint) = family.as_string().and_then(|f| Endpoint::from_family(&f)) else {
        let message = "estimateCost: family must be one of \"omni-video\", \"text2video\", \"image2video\", \"omni-image\", \"image-generation\", \"custom-element\", \"custom-voice\"";
        return Err(errors::to_js(&Error::Config { message: message.into() }));
    };
    // A string is the request's JSON text (a request itself is never a string).
    let exact = req.is_string();
    let mut r = Reader::new(Locale::En);
    let fields = r.object(options.as_ref().map(|o| o.as_ref()), "", ESTIMATE_KEYS);
    let opts = convert::rule_options(&mut r, fields.as_ref(), exact);
    let video_seconds = fields.as_ref().and_then(|f| {
        let s = r.number(f, "videoSeconds")?;
        let ok = s.is_finite() && s > 0.0 && s <= MAX_VIDEO_SECONDS;
        if ok {
            Some(s)
        } else {
            r.wrong(f, "videoSeconds", f.get("videoSeconds")?, "a number of seconds above 0, at most 3600")
        }
    });
    let problems = r.into_issues();
    let text = if exact {
        Ok(convert::string_text(&req).unwrap_or_default())
    } else {
        convert::to_json_text(&req).map_err(|detail| convert::unreadable_report(&detail, &opts))
    };
    let estimate = text.map(|text| cost::estimate(endpoint, &text, video_seconds, &opts)).unwrap_or_else(Estimate::Invalid);
    // Option problems come first and make the result invalid, as validate's report does.
    let estimate = match (problems.is_empty(), estimate) {
        (true, e) => e,
        (false, e) => {
            let mut issues = problems;
            if let Estimate::Invalid(report) = e {
                issues.extend(report.issues);
            }
            Estimate::Invalid(Report { ok: false, issues })
        }
    };
    Ok(convert::from_json_text(&cost::js::to_json(&estimate)))
}
