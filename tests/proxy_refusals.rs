//! Every answer the proxy makes itself is marked (`"source":"proxy"`, a stable `reason`, the
//! header `x-kling-proxy: 1`) and keeps Kling's numeric code for older clients; Kling's own
//! answers pass unmarked; "task not found" stays unmarked, and reads the same for another user's
//! task as for a missing one. And the app's session (its headers, its cookies) never goes
//! upstream.

mod proxy_support;

use kling_wasm::proxy::{BodyError, ProxyConfig, MARKER_HEADER};
use kling_wasm::transport::TransportError;
use proxy_support::*;
use serde_json::{json, Value};

const TASK: &str = "/kling/v1/videos/omni-video/x";

fn marker(headers: &[(String, String)]) -> Option<&str> {
    header(headers, MARKER_HEADER)
}

#[test]
fn the_proxys_own_answers_are_marked_with_a_stable_reason() {
    let a = || Host::new(Some("a"));
    let throws = Host { authorize_throws: true, ..a() };
    let long_user = Host::new(Some(&"u".repeat(257)));
    let timeout = Host { upstream_fails: Some(TransportError::Timeout), ..a() };
    let unreachable = Host { upstream_fails: Some(TransportError::NotSent { message: "refused".into() }), ..a() };
    let not_json = Host { raw: vec![("/x".into(), "<html>".into())], ..a() };
    let echo = Host { echo_authorization: true, ..a() };
    let cfg = config();
    // (host, method, target, headers, status, code, reason)
    type Case<'a> = (Host, &'a str, &'a str, Vec<(&'a str, &'a str)>, u16, i64, &'a str);
    let cases: Vec<Case> = vec![
        (a(), "GET", TASK, vec![("origin", "https://evil.test")], 403, 1103, "origin_not_allowed"),
        (a(), "OPTIONS", OMNI, vec![("origin", "https://app.test"), ("access-control-request-method", "PUT")], 403, 1103, "method_not_allowed"),
        (
            a(),
            "OPTIONS",
            OMNI,
            vec![("origin", "https://app.test"), ("access-control-request-method", "POST"), ("access-control-request-headers", "x-session")],
            403,
            1103,
            "header_not_allowed",
        ),
        (a(), "OPTIONS", OMNI, vec![], 403, 1103, "preflight_refused"),
        (Host::new(None), "GET", TASK, vec![], 401, 1000, "unauthorized"),
        (throws, "GET", TASK, vec![], 500, 1000, "authorize_failed"),
        (long_user, "GET", TASK, vec![], 500, 1000, "authorize_failed"),
        (a(), "GET", "/kling/account/costs", vec![], 404, 1203, "path_not_allowed"),
        (a(), "DELETE", OMNI, vec![], 405, 1202, "method_not_allowed"),
        (a(), "GET", TASK, vec![("x-http-method-override", "DELETE")], 400, 1200, "bad_request"),
        (a(), "POST", OMNI, vec![("content-type", "text/plain")], 415, 1200, "unsupported_media_type"),
        (a(), "POST", OMNI, vec![JSON_CT, ("content-length", "999999999")], 413, 1200, "body_too_large"),
        (a(), "POST", OMNI, vec![JSON_CT, ("content-length", "x")], 400, 1200, "bad_request"),
        (Host { body_error: Some(BodyError::TooLarge), ..a() }, "POST", OMNI, vec![JSON_CT], 413, 1200, "body_too_large"),
        (Host { body_error: Some(BodyError::TimedOut), ..a() }, "POST", OMNI, vec![JSON_CT], 408, 1200, "body_timeout"),
        (Host { body_error: Some(BodyError::Unreadable), ..a() }, "POST", OMNI, vec![JSON_CT], 400, 1200, "bad_request"),
        (Host { body_error: Some(BodyError::Busy), ..a() }, "POST", OMNI, vec![JSON_CT], 429, 1303, "busy"),
        (Host { body: "{not json".into(), ..a() }, "POST", OMNI, vec![JSON_CT], 400, 1201, "validation_failed"),
        (Host { body: json!({"prompt": ""}).to_string(), ..a() }, "POST", OMNI, vec![JSON_CT], 400, 1201, "validation_failed"),
        (a(), "GET", "/kling/v1/videos/omni-video?pageNum=2", vec![], 400, 1201, "invalid_request"),
        (a(), "GET", "/kling/v1/videos/omni-video?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", vec![], 400, 1201, "invalid_cursor"),
        (a(), "POST", "/kling/callback/omni-video.YWxpY2U6am9iLTE.AAAA", vec![], 401, 1002, "invalid_callback_token"),
        (not_json, "GET", TASK, vec![], 502, 5000, "upstream_bad_answer"),
        (echo, "GET", TASK, vec![], 502, 5000, "upstream_answer_withheld"),
        (timeout, "GET", TASK, vec![], 504, 5002, "upstream_timeout"),
        (unreachable, "GET", TASK, vec![], 502, 5000, "upstream_unreachable"),
    ];
    for (i, (host, method, target, headers, status, code, reason)) in cases.into_iter().enumerate() {
        let (s, v, h) = run_with(&cfg, &host, head(method, target, &headers));
        assert_eq!((s, v["code"].as_i64(), v["reason"].as_str()), (status, Some(code), Some(reason)), "case {i}: {v}");
        assert_eq!(v["source"], "proxy", "case {i}");
        assert_eq!(marker(&h), Some("1"), "case {i}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()), "case {i}");
        assert!(v["request_id"].as_str().is_some_and(|r| !r.is_empty()), "case {i}: a fresh id, as before");
    }
    // A create refused because the caller's id does not fit its namespace.
    let mut host = a();
    let (s, v) = create(&mut host, valid_as(&"a".repeat(200)));
    assert_eq!((s, v["reason"].as_str(), v["source"].as_str()), (400, Some("invalid_request"), Some("proxy")), "{v}");
}

#[test]
fn kling_answers_and_not_found_are_unmarked() {
    let mut alice = Host::new(Some("alice"));
    create(&mut alice, valid());
    let task_id = alice.tasks.borrow()[0]["task_id"].as_str().unwrap().to_owned();
    // Kling's success and Kling's own refusal (a bad token: the in-memory Kling checks the JWT).
    let (s, v, h) = run(&alice, head("GET", "/kling/v1/videos/omni-video/job-1?by=external_task_id", &[]));
    assert_eq!((s, marker(&h), v.get("source")), (200, None, None), "{v}");
    let wrong_key = ProxyConfig { signer: kling_wasm::proxy::Signer::ApiKey("another-key-0123456789".into()), ..config() };
    let (s, v, h) = run_with(&wrong_key, &alice, head("GET", TASK, &[]));
    assert_eq!((s, &v["code"], marker(&h), v.get("source")), (401, &json!(1002), None, None), "Kling's refusal passes as it is: {v}");
    // Not found: a missing task and another user's read the same, and neither is marked.
    let bob = alice.sharing(Some("bob"));
    let missing = run_raw(&config(), &bob, head("GET", "/kling/v1/videos/omni-video/77777", &[]));
    let foreign = run_raw(&config(), &bob, head("GET", &format!("/kling/v1/videos/omni-video/{task_id}"), &[]));
    for r in [&missing, &foreign] {
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!((r.status, &v["code"], v.get("source"), v.get("reason")), (404, &json!(1203), None, None), "{v}");
        assert_eq!(marker(&r.headers), None);
    }
    assert_eq!(missing.headers, foreign.headers);
    let blank = |b: &str| {
        let mut v: Value = serde_json::from_str(b).unwrap();
        v["request_id"] = Value::Null;
        v
    };
    assert_eq!(blank(&missing.body), blank(&foreign.body));
}

/// The app's session, however it comes (a bearer token, a custom header, a cookie), is for
/// `authorize`: upstream gets the proxy's own two headers and nothing else, on every route.
#[test]
fn the_apps_session_never_goes_upstream() {
    let cfg = ProxyConfig { allow_headers: vec!["x-session".into()], ..config() }.checked().unwrap();
    let session = [
        ("authorization", "Bearer app-session-token-42"),
        ("x-session", "app-session-42"),
        ("cookie", "sid=app-cookie-42; theme=dark"),
        ("origin", "https://app.test"),
        JSON_CT,
    ];
    let mut host = Host::new(Some("alice"));
    host.body = valid().to_string();
    for (method, target) in
        [("POST", OMNI), ("GET", "/kling/v1/videos/omni-video/job-1?by=external_task_id"), ("GET", "/kling/v1/videos/omni-video?pageSize=5")]
    {
        let (s, v, _) = run_with(&cfg, &host, head(method, target, &session));
        assert_eq!(s, 200, "{method} {target}: {v}");
    }
    let seen = host.upstream_seen.borrow();
    assert_eq!(seen.len(), 3);
    for req in seen.iter() {
        let names: Vec<&str> = req.headers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["content-type", "authorization"], "{}", req.url);
        let all = format!("{:?}{}", req.headers, req.body.as_deref().unwrap_or(""));
        assert!(!all.contains("app-session") && !all.contains("app-cookie"), "{all}");
        assert!(req.header("authorization").unwrap().starts_with("Bearer ey"), "the proxy's JWT, not the app's bearer");
    }
}
