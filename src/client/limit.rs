//! A create's cost limit (kling-api.md §10): the client prices the request before sending it
//! (`cost::estimate`) and refuses, with nothing sent, a create above `max_units`, or one the
//! table cannot price while a limit is set (unless the caller allows unpriced creates).

use crate::caps::Endpoint;
use crate::cost::{self, Estimate};
use crate::error::{CostRefusal, Error};
use crate::issue::Locale;

/// The limit a create runs under: the client's default (`ClientConfig::cost_limit`), or one call's.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CostLimit {
    /// Refuse a create whose estimate is above this many Kling units (video and image units
    /// alike, as the table counts them). `None`: no limit, and nothing is estimated.
    pub max_units: Option<f64>,
    /// Under a limit, send a create the table cannot price (a legacy model, a base edit without
    /// `video_seconds`). Default: refuse it, since its cost is unknown.
    pub allow_unpriced: bool,
    /// The input video's length in seconds, which a base edit is billed on (e.g. probeVideo's).
    pub video_seconds: Option<f64>,
}

impl CostLimit {
    /// Checks the values a caller gave (at client construction and per call): `max_units` a
    /// finite number ≥ 0; `video_seconds` finite and > 0. `what` names the option's owner.
    pub fn check(&self, what: &str) -> Result<(), Error> {
        if self.max_units.is_some_and(|m| !m.is_finite() || m < 0.0) {
            return Err(Error::Config { message: format!("{what}: maxUnits must be a finite number ≥ 0 (Kling units)") });
        }
        if self.video_seconds.is_some_and(|s| !s.is_finite() || s <= 0.0) {
            return Err(Error::Config { message: format!("{what}: videoSeconds must be a finite number of seconds > 0") });
        }
        Ok(())
    }
}

/// Prices the body the create will send (built and checked already: `cost::price_body`, no
/// second validation) when a limit is set, and refuses it (Error::CostLimit, never retried) when
/// the estimate is above the limit, or when it is unpriced and unpriced creates are not allowed.
pub fn check(endpoint: Endpoint, body: &str, locale: Locale, limit: &CostLimit) -> Result<(), Error> {
    let Some(max_units) = limit.max_units else { return Ok(()) };
    let estimate = cost::price_body(endpoint, body, limit.video_seconds, false, locale);
    let refuse = match &estimate {
        // 42 / 10 and the caller's 4.2 are the same double: the comparison is exact at the edge.
        Estimate::Priced(p) => p.units_tenths as f64 / 10.0 > max_units,
        Estimate::Unpriced { .. } => !limit.allow_unpriced,
        // (price_body never gives it: the body was built from a valid request)
        Estimate::Invalid(_) => false,
    };
    if refuse {
        return Err(Error::CostLimit(Box::new(CostRefusal { max_units, estimate })));
    }
    Ok(())
}
