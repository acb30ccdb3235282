//! The proxy handler natively, over a host whose upstream is a small in-memory Kling that checks
//! the JWT: signing, re-validation, refusals that send nothing, limits (creates in flight, body
//! size and time), forwarding headers, CORS, and answers that echo a credential.

mod proxy_support;

use kling_wasm::proxy::{
    handle, BodyError, ProxyConfig, ProxyState, RequestHead, Signer, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CREATES_IN_FLIGHT, DEFAULT_MEMORY_BUDGET_BYTES,
};
use proxy_support::*;
use serde_json::{json, Value};

#[test]
fn create_is_signed_owned_and_called_back() {
    let mut host = Host::new(Some("alice"));
    let (status, v) = create(&mut host, valid());
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["data"]["task_info"]["external_task_id"], "job-1", "the caller sees its own id");
    let sent = host.sent(0);
    assert_eq!(sent["external_task_id"], "alice:job-1");
    assert!(sent["callback_url"].as_str().unwrap().starts_with("https://edge.test/kling/callback/omni-video."));
    let seen = host.upstream_seen.borrow();
    let names: Vec<&str> = seen[0].headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["content-type", "authorization"]);
}

#[test]
fn invalid_requests_never_reach_kling() {
    let mut host = Host::new(Some("alice"));
    let (status, v) = create(&mut host, json!({"model_name": "kling-v3-omni", "prompt": ""}));
    assert_eq!(status, 400);
    assert_eq!(v["report"]["ok"], false);
    assert!(v["report"]["issues"].as_array().unwrap().iter().any(|i| i["path"] == "/prompt"));
    assert_eq!(host.calls(), 0);
    // Unchecked bodies still get an owned id, and a non-string id is refused, not replaced.
    let raw = ProxyConfig { validate: false, ..config() };
    let (s, v) = create_with(&raw, &mut host, json!({"prompt": "x", "external_task_id": 7}));
    assert_eq!((s, host.calls()), (400, 0), "{v}");
    let (s, v) = create_with(&raw, &mut host, json!({"prompt": "x", "n": 1e2}));
    assert_eq!(s, 200, "{v}");
    assert_eq!(host.sent(0)["external_task_id"], format!("alice:gen{}", host.ids.get()));
}

#[test]
fn refusals_send_nothing_upstream() {
    let throws = Host { authorize_throws: true, ..Host::new(Some("a")) };
    let cases: Vec<(Host, RequestHead, u16, i64)> = vec![
        (Host::new(None), head("GET", "/kling/v1/videos/omni-video/x", &[]), 401, 1000),
        (throws, head("GET", "/kling/v1/videos/omni-video/x", &[]), 500, 1000),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("origin", "https://evil.test")]), 403, 1103),
        (Host::new(Some("a")), head("OPTIONS", OMNI, &[("origin", "https://evil.test"), ("access-control-request-method", "POST")]), 403, 1103),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("x-http-method-override", "DELETE")]), 400, 1200),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("x-original-url", "/account/costs")]), 400, 1200),
        (Host::new(Some("a")), head("DELETE", OMNI, &[]), 405, 1202),
        (Host::new(Some("a")), head("GET", "/kling/account/costs", &[]), 404, 1203),
        (Host::new(Some("a")), head("POST", OMNI, &[("content-type", "text/plain")]), 415, 1200),
        (Host::new(Some("a")), head("POST", OMNI, &[JSON_CT, ("content-length", "999999999")]), 413, 1200),
        (Host { body_error: Some(BodyError::TooLarge), ..Host::new(Some("a")) }, head("POST", OMNI, &[JSON_CT]), 413, 1200),
        (Host { body_error: Some(BodyError::TimedOut), ..Host::new(Some("a")) }, head("POST", OMNI, &[JSON_CT]), 408, 1200),
        (Host { body: "{not json".into(), ..Host::new(Some("a")) }, head("POST", OMNI, &[JSON_CT]), 400, 1201),
        (Host::new(Some("a")), head("POST", "/kling/callback/omni-video.YWxpY2U6am9iLTE.AAAA", &[]), 401, 1002),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video?pageNum=2", &[]), 400, 1201),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video?pageSize=501", &[]), 400, 1201),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &[]), 400, 1201),
    ];
    for (i, (host, h, want, code)) in cases.into_iter().enumerate() {
        let (s, v, headers) = run(&host, h);
        assert_eq!((s, &v["code"]), (want, &json!(code)), "case {i}: {v}");
        assert_eq!(host.calls(), 0, "case {i} reached upstream");
        // The proxy's own refusal carries an id from the host, as Kling's answers carry theirs.
        assert_eq!(v["request_id"], format!("gen{}", host.ids.get()), "case {i}: {v}");
        // A body not (fully) read: the connection closes instead of draining it.
        assert_eq!(header(&headers, "connection") == Some("close"), matches!(s, 408 | 413), "case {i}");
        assert!(!v["message"].as_str().unwrap().contains("secret internals"), "the hook's message is not echoed");
    }
}

#[test]
fn refusals_and_reports_each_get_a_fresh_request_id() {
    let host = Host::new(Some("a"));
    let ids: Vec<Value> = (0..2).map(|_| get(&host, "/kling/account/costs").1["request_id"].clone()).collect();
    assert_eq!(ids, [json!("gen1"), json!("gen2")]);
    let mut host = Host::new(Some("a"));
    let (s, v) = create(&mut host, json!({"model_name": "kling-v3-omni", "prompt": ""}));
    assert_eq!((s, &v["request_id"], &v["code"]), (400, &json!("gen1"), &json!(1201)), "{v}");
}

/// Creates beyond `max_creates_in_flight` get 429 + code 1303 + Retry-After before their body is
/// read; the slot is given back on every path (answer, refusal, validation report).
#[test]
fn creates_in_flight_are_bounded() {
    assert_eq!((DEFAULT_MAX_CREATES_IN_FLIGHT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MEMORY_BUDGET_BYTES), (16, 32 << 20, 80 << 20));
    let cfg = ProxyConfig { max_creates_in_flight: 1, ..config() };
    let state = ProxyState::new();
    let mut host = Host::new(Some("alice"));
    host.body = valid().to_string();
    let post = || head("POST", OMNI, &[JSON_CT, ("origin", "https://app.test")]);
    // One create parked in flight (its future started, not finished)…
    let held = state.admit_create(1, 0, cfg.memory_budget_bytes).unwrap();
    let r = block_on(handle(&cfg, &state, &host, &post()));
    assert_eq!((r.status, header(&r.headers, "retry-after")), (429, Some("1")));
    assert_eq!(serde_json::from_str::<Value>(&r.body).unwrap()["code"], 1303);
    assert_eq!(
        header(&r.headers, "access-control-expose-headers"),
        Some("retry-after, x-kling-proxy, age, x-kling-proxy-cache"),
        "a page can read Retry-After"
    );
    assert_eq!(host.calls(), 0);
    drop(held);
    // …and every path frees its slot.
    for body in [valid().to_string(), "{}".into(), "[".into()] {
        host.body = body;
        let r = block_on(handle(&cfg, &state, &host, &post()));
        assert_ne!(r.status, 429);
        assert_eq!((state.creates_in_flight(), state.reserved_bytes()), (0, 0));
    }
    host.body_error = Some(BodyError::TimedOut);
    assert_eq!(block_on(handle(&cfg, &state, &host, &post())).status, 408);
    assert_eq!((state.creates_in_flight(), state.reserved_bytes()), (0, 0));
}

/// The memory budget: a create is admitted against 2× its declared length (2× the maximum when
/// undeclared); one that does not fit beside those in flight gets 429 + 1303 + Retry-After.
#[test]
fn creates_are_admitted_against_the_memory_budget() {
    let cfg = ProxyConfig { max_body_bytes: 1000, memory_budget_bytes: 3000, ..config() };
    let state = ProxyState::new();
    let mut host = Host::new(Some("alice"));
    host.body = valid().to_string();
    let post = |len: Option<&'static str>| {
        let mut h = vec![JSON_CT];
        h.extend(len.map(|l| ("content-length", l)));
        head("POST", OMNI, &h)
    };
    // 1000 bytes held of 3000: a declared 1000 fits exactly (2 × 1000), 1001 would not.
    let held = state.admit_create(16, 1000, cfg.memory_budget_bytes).unwrap();
    let status = |len| block_on(handle(&cfg, &state, &host, &post(len))).status;
    assert_ne!(status(Some("1000")), 429);
    let more = state.admit_create(16, 1, cfg.memory_budget_bytes).unwrap();
    assert_eq!(status(Some("1000")), 429, "one byte past the budget");
    assert_ne!(status(Some("999")), 429);
    // Undeclared (chunked): counted at the maximum.
    assert_eq!(status(None), 429);
    drop((held, more));
    assert_ne!(status(None), 429);
    assert_eq!(state.reserved_bytes(), 0);
}

/// nginx (`Host $proxy_host` + `X-Forwarded-Host $host`) and Apache (`X-Forwarded-Server`) in
/// front: the upstream is fixed, so these headers are accepted and change nothing.
#[test]
fn forwarding_headers_are_accepted() {
    let mut host = Host::new(Some("alice"));
    create(&mut host, valid());
    for headers in [
        vec![("host", "127.0.0.1:8787"), ("x-forwarded-host", "edge.example.com")],
        vec![("host", "backend"), ("x-forwarded-server", "www.example.com"), ("x-forwarded-for", "203.0.113.9")],
        vec![("forwarded", "for=203.0.113.9;host=evil.example;proto=https"), ("x-host", "other")],
    ] {
        let (s, v, _) = run(&host, head("GET", "/kling/v1/videos/omni-video/job-1?by=external_task_id", &headers));
        assert_eq!(s, 200, "{headers:?}: {v}");
    }
    assert!(host.upstream_seen.borrow().iter().all(|r| r.url.starts_with("https://kling.test/")));
}

#[test]
fn cors_preflight_and_headers_for_allowed_origins() {
    let host = Host::new(Some("a"));
    let (s, _, headers) = run(&host, head("OPTIONS", OMNI, &[("origin", "https://app.test"), ("access-control-request-method", "POST")]));
    assert_eq!(s, 204);
    assert_eq!(header(&headers, "access-control-allow-origin"), Some("https://app.test"));
    assert_eq!(header(&headers, "access-control-expose-headers"), Some("retry-after, x-kling-proxy, age, x-kling-proxy-cache"));
    let (_, _, headers) = run(&host, head("GET", "/kling/v1/videos/omni-video/x", &[]));
    assert_eq!(header(&headers, "access-control-expose-headers"), None, "no CORS headers without an origin");
}

/// A gateway that echoes the Authorization header: the answer (a live JWT or API key) is
/// withheld and replaced by the proxy's own 502, on every route.
#[test]
fn answers_that_echo_a_credential_are_withheld() {
    let api = ProxyConfig { signer: Signer::ApiKey(API_KEY.into()), ..config() };
    for cfg in [config(), api] {
        let mut host = Host { echo_authorization: true, ..Host::new(Some("alice")) };
        let (s, v) = create_with(&cfg, &mut host, valid());
        assert_eq!((s, &v["code"]), (502, &json!(5000)), "{v}");
        for target in ["/kling/v1/videos/omni-video/x", "/kling/v1/videos/omni-video?pageSize=5"] {
            let (s, v, _) = run_with(&cfg, &host, head("GET", target, &[]));
            assert_eq!((s, &v["code"]), (502, &json!(5000)), "{target}: {v}");
            let auth = host.upstream_seen.borrow().last().unwrap().header("authorization").unwrap().to_owned();
            let token = auth.strip_prefix("Bearer ").unwrap();
            assert!(!v.to_string().contains(token) && !v.to_string().contains(token.rsplit('.').next().unwrap()));
        }
    }
    // The secret key alone in an answer (no JWT) is withheld too.
    let host = Host { raw: vec![("/x".into(), format!(r#"{{"code":1,"message":"{SK}","request_id":"r","data":null}}"#))], ..Host::new(Some("a")) };
    assert_eq!(get(&host, "/kling/v1/videos/omni-video/x").0, 502);
}
