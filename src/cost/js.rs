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
            let (units, usd) = (units_text(p.units_tenths), usd_text(p.usd_micros));
            push_all(&mut o, &["{\"units\":", &units, ",\"usd\":", &usd, ",\"basis\":"]);
            write_str(&mut o, p.basis);
            push_all(&mut o, &[",\"kind\":\"", p.kind.as_str(), "\"}"]);
        }
        Estimate::Unpriced { basis, reason } => {
            o.push_str("{\"units\":null,\"usd\":null,\"basis\":");
            write_str(&mut o, basis.unwrap_or(""));
            o.push_str(",\"reason\":");
            write_str(&mut o, reason);
            o.push('}');
        }
        Estimate::Invalid(report) => {
            // The issues as Report::to_json writes them (validate's serializer: no second copy).
            let text = report.to_json();
            let issues = text.strip_prefix("{\"ok\":false,\"issues\":").or_else(|| text.strip_prefix("{\"ok\":true,\"issues\":"));
            push_all(&mut o, &["{\"units\":null,\"usd\":null,\"basis\":\"\",\"issues\":", issues.unwrap_or("[]}")]);
        }
    }
    o
}

/// Appends each piece (one loop: a `push_str` per piece, inlined, was its own copy of the code).
fn push_all(o: &mut String, pieces: &[&str]) {
    for p in pieces {
        o.push_str(p);
    }
}
