//! An estimate as the JS API shows it — `{ units, usd, basis, kind?, reason?, issues? }` — as
//! JSON text: `estimateCost`'s result, and the `estimate` of a "cost_limit" KlingError. Units and
//! dollars are written as the exact decimal text (4.2, not 4.200000000000001).

use super::{units_text, usd_text, Estimate};
use crate::json::write_str;

/// The JSON text of `e`: priced `{units, usd, basis, kind}`; unpriced `{units: null, usd: null,
/// basis, reason}` (`basis` "" when no row applies); invalid `{units: null, usd: null, basis: "",
/// issues}`.
pub fn to_json(e: &Estimate) -> String {
    let mut o = String::with_capacity(160);
    match e {
        Estimate::Priced(p) => {
            o.push_str("{\"units\":");
            o.push_str(&units_text(p.units_tenths));
            o.push_str(",\"usd\":");
            o.push_str(&usd_text(p.usd_micros));
            o.push_str(",\"basis\":");
            write_str(&mut o, p.basis);
            o.push_str(",\"kind\":");
            write_str(&mut o, p.kind.as_str());
        }
        Estimate::Unpriced { basis, reason } => {
            o.push_str("{\"units\":null,\"usd\":null,\"basis\":");
            write_str(&mut o, basis.unwrap_or(""));
            o.push_str(",\"reason\":");
            write_str(&mut o, reason);
        }
        Estimate::Invalid(report) => {
            o.push_str("{\"units\":null,\"usd\":null,\"basis\":\"\",\"issues\":");
            // Issue's serializer is the one Report::to_json uses (linked anyway).
            o.push_str(&serde_json::to_string(&report.issues).unwrap_or_else(|_| "[]".into()));
        }
    }
    o.push('}');
    o
}
