//! `GET /account/costs` for a caller `authorizeAccount` let through (costs.rs has the rules of
//! the query and the cache): a cached answer while fresh, else Kling — at most once per
//! `MIN_CALL_INTERVAL_MS` in all; inside that interval the last answer for the query, or 429.

use super::{failure, send};
use crate::proxy::answer;
use crate::proxy::config::ProxyConfig;
use crate::proxy::costs::{canonical, MIN_CALL_INTERVAL_MS};
use crate::proxy::host::ProxyHost;
use crate::proxy::reply::{busy, json_response, refuse, with_header};
use crate::proxy::route::COSTS_PATH;
use crate::proxy::state::ProxyState;
use crate::transport::{HttpResponse, Method};

fn marked(mut r: HttpResponse, hit: bool, age_ms: u64) -> HttpResponse {
    r = with_header(r, "age", &(age_ms / 1000).to_string());
    with_header(r, "x-kling-proxy-cache", if hit { "hit" } else { "miss" })
}

/// Answers `GET /account/costs?{query}` for a caller already let through.
pub async fn account_costs<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, query: &str) -> HttpResponse {
    let key = match canonical(query) {
        Ok(k) => k,
        Err(why) => return refuse(host, 400, 1201, "invalid_request", &why),
    };
    let cache = &state.costs;
    let now = host.now_ms();
    let cached = cache.get(&key);
    if let Some((at, body)) = &cached {
        if now.saturating_sub(*at) < cfg.account_costs_cache_ms {
            return marked(json_response(200, body.clone()), true, now.saturating_sub(*at));
        }
    }
    if cache.last_call_ms.get().is_some_and(|t| now.saturating_sub(t) < MIN_CALL_INTERVAL_MS) {
        return match cached {
            Some((at, body)) => marked(json_response(200, body), true, now.saturating_sub(at)),
            None => busy(host),
        };
    }
    cache.last_call_ms.set(Some(now));
    let r = match send(cfg, host, Method::Get, format!("{COSTS_PATH}?{key}"), None).await {
        Ok(r) => r,
        Err(f) => return failure(host, f),
    };
    let text = answer::repaired(r.body);
    let ok = answer::read(&text).map(|env| r.status == 200 && env.code == Some(0));
    match ok {
        None => refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON"),
        Some(true) => {
            cache.put(key, now, text.clone());
            marked(json_response(200, text), false, 0)
        }
        // Kling's refusal (throttled, bad time range): passed back, not kept.
        Some(false) => marked(json_response(r.status, text), false, 0),
    }
}
