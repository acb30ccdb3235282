//! GET /account/costs through the proxy: absent without authorizeAccount, 404 when it refuses
//! (nothing sent upstream either way), cached per query, at most one upstream call per second.

mod proxy_assets_support;

use kling_wasm::proxy::costs::{DEFAULT_ACCOUNT_COSTS_CACHE_MS, MAX_COSTS_ENTRIES, MIN_CALL_INTERVAL_MS};
use kling_wasm::proxy::ProxyConfig;
use proxy_assets_support::*;

const COSTS: &str = "/kling/account/costs?start_time=1&end_time=2";

fn hooked() -> ProxyConfig {
    ProxyConfig { account_hook: true, ..config() }
}

#[test]
fn absent_without_the_hook_and_404_when_it_refuses() {
    let w = World::new(config());
    let mut h = w.host("alice");
    h.account = Ok(true);
    let (s, v, _) = w.run(&h, "GET", COSTS, "");
    assert_eq!((s, v["reason"].as_str()), (404, Some("path_not_allowed")), "no hook configured");
    let w = World::new(hooked());
    let mut h = w.host("alice");
    let (s, refused, _) = w.run(&h, "GET", COSTS, "");
    assert_eq!(s, 404, "the hook says no");
    let (_, absent, _) = w.run(&h, "GET", "/kling/account/elsewhere", "");
    assert_eq!(refused["message"], absent["message"], "the same answer as a path outside the list");
    h.account = Err("boom".into());
    let (s, v, _) = w.run(&h, "GET", COSTS, "");
    assert_eq!((s, v["reason"].as_str()), (500, Some("authorize_failed")));
    // Bad parameters are told only to callers the hook lets through.
    let (s, _, _) = w.run(&w.host("bob"), "GET", "/kling/account/costs?start_time=x", "");
    assert_eq!(s, 404);
    assert_eq!(w.kling.calls_to("/account/costs"), 0, "nothing reached Kling");
    h.account = Ok(true);
    let (s, v, _) = w.run(&h, "GET", "/kling/account/costs?start_time=3&end_time=2", "");
    assert_eq!((s, v["reason"].as_str()), (400, Some("invalid_request")), "{v}");
    assert_eq!(w.kling.calls_to("/account/costs"), 0);
}

#[test]
fn answers_are_cached_per_query_for_the_configured_time() {
    let w = World::new(hooked());
    let mut h = w.host("alice");
    h.account = Ok(true);
    let (s, v, hd) = w.run(&h, "GET", COSTS, "");
    assert_eq!((s, header(&hd, "x-kling-proxy-cache"), header(&hd, "age")), (200, Some("miss"), Some("0")), "{v}");
    assert_eq!(v["data"]["resource_pack_subscribe_infos"][0]["remaining_quantity"], 9);
    w.advance(DEFAULT_ACCOUNT_COSTS_CACHE_MS - 1);
    // The same query in another order is the same answer.
    let (s, _, hd) = w.run(&h, "GET", "/kling/account/costs?end_time=2&start_time=1", "");
    assert_eq!((s, header(&hd, "x-kling-proxy-cache"), header(&hd, "age")), (200, Some("hit"), Some("59")));
    assert_eq!(w.kling.calls_to("/account/costs"), 1);
    w.advance(1);
    let (_, _, hd) = w.run(&h, "GET", COSTS, "");
    assert_eq!(header(&hd, "x-kling-proxy-cache"), Some("miss"), "at the cache time: asked again");
    assert_eq!(w.kling.calls_to("/account/costs"), 2);
}

#[test]
fn at_most_one_upstream_call_per_second() {
    let w = World::new(ProxyConfig { account_costs_cache_ms: 0, ..hooked() });
    let mut h = w.host("alice");
    h.account = Ok(true);
    let other = "/kling/account/costs?start_time=1&end_time=3";
    assert_eq!(w.run(&h, "GET", COSTS, "").0, 200);
    w.advance(MIN_CALL_INTERVAL_MS - 1);
    // Another query inside the second: nothing to give, 429 (KlingClient retries it).
    let (s, v, hd) = w.run(&h, "GET", other, "");
    assert_eq!((s, v["code"].as_i64(), header(&hd, "retry-after")), (429, Some(1303), Some("1")));
    // The same query inside the second (cache time 0): the last answer, marked with its age.
    let (s, _, hd) = w.run(&h, "GET", COSTS, "");
    assert_eq!((s, header(&hd, "x-kling-proxy-cache"), header(&hd, "age")), (200, Some("hit"), Some("0")));
    assert_eq!(w.kling.calls_to("/account/costs"), 1);
    w.advance(1);
    let (s, _, hd) = w.run(&h, "GET", other, "");
    assert_eq!((s, header(&hd, "x-kling-proxy-cache")), (200, Some("miss")), "a second later: called");
    assert_eq!(w.kling.calls_to("/account/costs"), 2);
}

#[test]
fn keeps_at_most_its_answers() {
    let w = World::new(ProxyConfig { account_costs_cache_ms: 10_000_000, ..hooked() });
    let mut h = w.host("alice");
    h.account = Ok(true);
    let q = |i: usize| format!("/kling/account/costs?start_time={i}&end_time=999999");
    for i in 0..=MAX_COSTS_ENTRIES {
        assert_eq!(w.run(&h, "GET", &q(i), "").0, 200);
        w.advance(MIN_CALL_INTERVAL_MS);
    }
    assert_eq!(w.state.costs.len(), MAX_COSTS_ENTRIES, "one past the limit: the oldest went");
    let (_, _, hd) = w.run(&h, "GET", &q(1), "");
    assert_eq!(header(&hd, "x-kling-proxy-cache"), Some("hit"));
    let (_, _, hd) = w.run(&h, "GET", &q(0), "");
    assert_eq!(header(&hd, "x-kling-proxy-cache"), Some("miss"));
}

#[test]
fn a_pack_name_goes_upstream_encoded_one_way() {
    let w = World::new(hooked());
    let mut h = w.host("alice");
    h.account = Ok(true);
    let (s, v, _) = w.run(&h, "GET", "/kling/account/costs?start_time=1&end_time=2&resource_pack_name=Video+Pack%E4%B8%AD", "");
    assert_eq!(s, 200, "{v}");
    let calls = w.kling.calls.borrow();
    assert_eq!(calls.last().unwrap().1, "/account/costs?start_time=1&end_time=2&resource_pack_name=Video%20Pack%E4%B8%AD");
    drop(calls);
    // Escapes anywhere else are still refused by the routing.
    assert_eq!(w.run(&h, "GET", "/kling/account/cost%73?start_time=1&end_time=2", "").0, 404);
    let (s, _, _) = w.run(&h, "GET", "/kling/account/costs?start_time=1&end_time=2&resource_pack_name=%C3", "");
    assert_eq!(s, 400, "not UTF-8");
}
