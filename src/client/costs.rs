//! `/account/costs` (kling-api.md §8.4): the query, checked (rule AC-1 and the general rules),
//! and the answer as the client returns it, with how old its balances may be.

use crate::error::Error;
use crate::issue::{Code, Options, Param};
use crate::json::{self, Value};
use crate::rules::{basic, ids, inputs, keys, Ctx};

/// How old Kling says the balances in `/account/costs` may be (§8.4: up to 12 h stale).
pub const BALANCES_MAX_AGE_MS: u64 = 43_200_000;

/// The query of `/account/costs`, checked: made only by `check_costs_query` or `CostsQuery::new`,
/// so every one holds to AC-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostsQuery {
    start_time: u64,
    end_time: u64,
    resource_pack_name: Option<String>,
}

impl CostsQuery {
    /// From `start_time` to `end_time` (ms since the epoch), for one pack or (`None`) every one,
    /// checked as `check_costs_query` checks a JS query.
    pub fn new(start_time: u64, end_time: u64, resource_pack_name: Option<&str>, opts: &Options) -> Result<CostsQuery, Error> {
        let mut text = format!("{{\"start_time\":{start_time},\"end_time\":{end_time}");
        if let Some(name) = resource_pack_name {
            text.push_str(",\"resource_pack_name\":");
            json::write_str(&mut text, name);
        }
        text.push('}');
        check_costs_query(&text, opts)
    }

    /// From (ms since the epoch).
    pub fn start_time(&self) -> u64 {
        self.start_time
    }

    /// To (ms since the epoch), not before `start_time`.
    pub fn end_time(&self) -> u64 {
        self.end_time
    }

    /// Only this pack; `None` (or given empty): every pack.
    pub fn resource_pack_name(&self) -> Option<&str> {
        self.resource_pack_name.as_deref()
    }

    /// `?start_time=&end_time=[&resource_pack_name=]`, the name percent-encoded.
    pub fn query_string(&self) -> String {
        let mut q = format!("start_time={}&end_time={}", self.start_time, self.end_time);
        if let Some(name) = &self.resource_pack_name {
            q.push_str("&resource_pack_name=");
            super::config::push_encoded(&mut q, name);
        }
        q
    }
}

/// Checks `{ start_time, end_time, resource_pack_name? }` given as JSON text (the bindings'
/// `to_json_text`, BigInt and NaN tagged): integers of ms, 0 ≤ start ≤ end ≤ 2^53 − 1 (rule
/// AC-1), the name a string; no other key. A "validation_failed" error lists every issue.
pub fn check_costs_query(text: &str, opts: &Options) -> Result<CostsQuery, Error> {
    let mut ctx = Ctx::new(opts);
    let parsed = json::parse_request(text);
    let q = match &parsed {
        Ok(r) if matches!(r.value, Value::Obj(_)) => &r.value,
        Ok(r) => {
            basic::wrong_type(&mut ctx, "", "object", &r.value);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
        Err(e) => {
            ctx.error("", Code::InvalidJson, ids::JSON, vec![("detail", e.message.clone().into())]);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
    };
    keys::object(&mut ctx, q, "", &["start_time", "end_time", "resource_pack_name"]);
    let start = time_ms(&mut ctx, q, "start_time");
    let end = time_ms(&mut ctx, q, "end_time");
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            // Whole numbers (safe integers, so they fit i64): the message shows no ".0".
            let params = vec![("value", (e as i64).into()), ("min", (s as i64).into()), ("max", (inputs::MAX_SAFE_INTEGER as i64).into())];
            ctx.error("/end_time", Code::OutOfRange, ids::ACCOUNT_COSTS, params);
        }
    }
    // An empty name asks for no filter, as leaving it out does.
    let name = basic::get_str(&mut ctx, q, "", "resource_pack_name").filter(|n| !n.is_empty()).map(str::to_owned);
    let report = ctx.finish();
    match (start, end) {
        (Some(start_time), Some(end_time)) if report.ok => Ok(CostsQuery { start_time, end_time, resource_pack_name: name }),
        _ => Err(Error::Validation { issues: report.issues }),
    }
}

/// A required time in ms: a whole, non-negative, safe JS number (AC-1; a wrong type is GEN-TYPE).
fn time_ms(ctx: &mut Ctx, q: &Value, key: &'static str) -> Option<u64> {
    let path = crate::pointer::join("", key);
    let v = basic::require(ctx, q, "", key)?;
    let (n, value): (f64, Param) = match v {
        Value::Num(n) => (n.as_f64(), n.as_f64().into()),
        // NaN, ±Infinity (tagged by the bindings).
        Value::Js(k) if v.type_name() == "number" => (f64::NAN, k.to_string().into()),
        _ => {
            basic::wrong_type(ctx, &path, "number", v);
            return None;
        }
    };
    // (2.0 is 2: JS has one number type; -0 is 0; a u64 past 2^53 reads as a float past the max.)
    let max = inputs::MAX_SAFE_INTEGER as f64;
    if n.is_finite() && n.fract() != 0.0 {
        ctx.error(path, Code::NotInteger, ids::ACCOUNT_COSTS, vec![]);
    } else if (0.0..=max).contains(&n) {
        return Some(n as u64);
    } else {
        ctx.error(path, Code::OutOfRange, ids::ACCOUNT_COSTS, vec![("value", value), ("min", 0.0.into()), ("max", max.into())]);
    }
    None
}

/// `data` of `/account/costs` with `resource_pack_subscribe_infos` always a list and
/// `balances_max_age_ms` added (Kling says the balances may be 12 h old; the caller should know).
pub(super) fn read_costs(data: &Value) -> Option<String> {
    let mut out = String::from("{");
    let mut packs = false;
    for (k, v) in data.as_obj()? {
        if json::same_text(k, "balances_max_age_ms") {
            continue;
        }
        if json::same_text(k, "resource_pack_subscribe_infos") {
            if matches!(v, Value::Null) {
                continue;
            }
            v.as_arr()?;
            packs = true;
        }
        json::write_str(&mut out, k);
        out.push(':');
        json::write_value_exact_ids(&mut out, v);
        out.push(',');
    }
    if !packs {
        out.push_str("\"resource_pack_subscribe_infos\":[],");
    }
    out.push_str("\"balances_max_age_ms\":");
    json::write_u64(&mut out, BALANCES_MAX_AGE_MS);
    out.push('}');
    Some(out)
}
