//! The client's side of the proxy-and-sessions contract: the app's session headers (static, or
//! asked before every attempt; checked at their limits and one past), and the proxy's own
//! answers told apart from Kling's (reason, message) with its permanent refusals never retried
//! and its temporary ones retried as Kling's. The proxy answers here are the proxy core's own.

mod client_mock;

use client_mock::*;
use kling_wasm::auth::session::{SessionFuture, SessionHeaders, MAX_HEADER_NAME_LEN, MAX_SESSION_HEADERS, MAX_SESSION_VALUE_LEN};
use kling_wasm::auth::Auth;
use kling_wasm::client::{CallOptions, Client, ClientConfig};
use kling_wasm::transport::{HttpResponse, Method};
use kling_wasm::{Endpoint, Error};
use std::cell::Cell;
use std::rc::Rc;

const T0: u64 = 1_700_000_000_000;
const BASE: &str = "https://app.test/kling";
const REQ: &str = r#"{"model_name":"kling-v3-omni","prompt":"a red fox in snow","mode":"pro","aspect_ratio":"16:9","duration":"5"}"#;

type C = Client<Scripted, FakeRuntime>;

fn client(auth: Auth, replies: Vec<Reply>) -> Result<C, Error> {
    Client::new(ClientConfig::new(BASE, auth), Scripted::new(replies), FakeRuntime::at(T0))
}

fn session(pairs: &[(&str, &str)]) -> Auth {
    Auth::ProxySession(SessionHeaders::Static(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()))
}

fn get(c: &C) -> Result<kling_wasm::api::common::Task, Error> {
    block_on(c.get_task(Endpoint::OmniVideo, "t", &CallOptions::default()))
}

fn create(c: &C) -> Result<kling_wasm::api::common::Task, Error> {
    block_on(c.create(Endpoint::OmniVideo, REQ, &CallOptions::default()))
}

/// An answer the signing proxy makes itself (its core's own function).
fn proxy(status: u16, code: i64, reason: &str) -> Reply {
    let HttpResponse { status, headers, body } = kling_wasm::proxy::reply::error(status, code, reason, "refused here");
    Reply::Http(status, headers, body)
}

fn headers_of(c: &C, i: usize) -> Vec<(String, String)> {
    c.transport().requests()[i].headers.clone()
}

#[test]
fn static_session_headers_go_with_every_attempt() {
    let auth = session(&[("authorization", "Bearer app-session"), ("x-csrf", "c1")]);
    let c = client(auth, vec![proxy(503, 5000, "upstream_unreachable"), ok(&task_json("t", "processing", None))]).unwrap();
    get(&c).unwrap();
    for i in 0..2 {
        let h = headers_of(&c, i);
        let names: Vec<&str> = h.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["Content-Type", "authorization", "x-csrf"], "attempt {i}");
        assert_eq!(h[1].1, "Bearer app-session");
    }
    // Through the proxy: its URL forms, as with plain `proxy`.
    let c = client(session(&[("x-s", "1")]), vec![ok(&task_json("t", "processing", None))]).unwrap();
    block_on(c.get_task_by(Endpoint::OmniVideo, "e", kling_wasm::client::IdKind::ExternalTaskId, &CallOptions::default())).unwrap();
    assert!(c.transport().requests()[0].url.ends_with("/e?by=external_task_id"));
}

#[test]
fn a_provider_is_asked_before_every_attempt() {
    let calls = Rc::new(Cell::new(0));
    let seen = calls.clone();
    let provider = Rc::new(move || -> SessionFuture {
        seen.set(seen.get() + 1);
        let n = seen.get();
        Box::pin(async move { Ok(vec![("x-session".to_owned(), format!("s{n}"))]) })
    });
    let auth = Auth::ProxySession(SessionHeaders::Provider(provider));
    let c = client(auth, vec![proxy(429, 1303, "busy"), proxy(503, 5000, "upstream_unreachable"), ok(&task_json("t", "processing", None))]).unwrap();
    get(&c).unwrap();
    assert_eq!(calls.get(), 3);
    let values: Vec<String> = (0..3).map(|i| headers_of(&c, i)[1].1.clone()).collect();
    assert_eq!(values, ["s1", "s2", "s3"], "a refreshed session goes with the next attempt");
}

#[test]
fn a_provider_failure_or_bad_headers_send_nothing() {
    let failing = Rc::new(|| -> SessionFuture { Box::pin(async { Err(Error::Config { message: "no session".into() }) }) });
    let c = client(Auth::ProxySession(SessionHeaders::Provider(failing)), vec![]).unwrap();
    assert!(matches!(get(&c), Err(Error::Config { .. })));
    let bad = Rc::new(|| -> SessionFuture { Box::pin(async { Ok(vec![("cookie".to_owned(), "sid=1".to_owned())]) }) });
    let c = client(Auth::ProxySession(SessionHeaders::Provider(bad)), vec![]).unwrap();
    let e = get(&c).unwrap_err();
    assert!(matches!(&e, Error::Config { message } if message.contains("cookie") && !message.contains("sid=1")), "{e}");
    assert!(c.transport().requests().is_empty());
}

#[test]
fn session_headers_are_checked_at_their_limits() {
    let n = |count: usize| (0..count).map(|i| (format!("x-h{i}"), "v".to_owned())).collect::<Vec<_>>();
    let value = |len: usize| "v".repeat(len);
    let name = |len: usize| "x".repeat(len);
    let ok_cases: Vec<Vec<(String, String)>> = vec![
        n(MAX_SESSION_HEADERS),
        vec![("x-s".into(), value(MAX_SESSION_VALUE_LEN))],
        vec![(name(MAX_HEADER_NAME_LEN), "v".into())],
        vec![("Authorization".into(), "Bearer a.b.c".into())],
        vec![("x-s".into(), String::new())],
        vec![("x-s".into(), "a b ~!".into())],
    ];
    for h in ok_cases {
        let c = client(Auth::ProxySession(SessionHeaders::Static(h.clone())), vec![ok(&task_json("t", "processing", None))]);
        assert!(c.is_ok_and(|c| get(&c).is_ok()), "{:?}", h.iter().map(|(k, v)| (k.len(), v.len())).collect::<Vec<_>>());
    }
    let refused: Vec<(Vec<(String, String)>, &str)> = vec![
        (n(MAX_SESSION_HEADERS + 1), "at most 8"),
        (vec![("x-s".into(), value(MAX_SESSION_VALUE_LEN + 1))], "at most 4096"),
        (vec![(name(MAX_HEADER_NAME_LEN + 1), "v".into())], "1 to 64"),
        (vec![("host".into(), "evil".into())], "host"),
        (vec![("Content-Length".into(), "1".into())], "header Content-Length is"),
        (vec![("content-type".into(), "text/plain".into())], "content-type"),
        (vec![("Cookie".into(), "sid=1".into())], "header Cookie is"),
        (vec![("origin".into(), "https://x".into())], "origin"),
        (vec![("sec-fetch-site".into(), "none".into())], "sec-fetch-site"),
        (vec![("proxy-authorization".into(), "x".into())], "proxy-authorization"),
        (vec![("x-http-method-override".into(), "DELETE".into())], "x-http-method-override"),
        (vec![("x-s".into(), "1".into()), ("X-S".into(), "2".into())], "twice"),
        (vec![("x s".into(), "v".into())], "(not a header name) is not a header name"),
        (vec![("".into(), "v".into())], "(not a header name)"),
        (vec![("x-s".into(), "a\r\nb".into())], "visible ASCII"),
        (vec![("x-s".into(), " lead".into())], "visible ASCII"),
        (vec![("x-s".into(), "trail\t".into())], "visible ASCII"),
        (vec![("x-s".into(), "é".into())], "visible ASCII"),
    ];
    for (h, says) in refused {
        let secret = h.last().map(|(_, v)| v.clone()).unwrap_or_default();
        let e = client(Auth::ProxySession(SessionHeaders::Static(h)), vec![]).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, Error::Config { .. }) && text.contains(says), "{text}");
        assert!(secret.len() < 2 || !text.contains(secret.trim()), "a value is never shown: {text}");
    }
}

#[test]
fn permanent_proxy_refusals_are_never_retried() {
    let table = [
        (400, 1200, "bad_request"),
        (400, 1201, "validation_failed"),
        (401, 1000, "unauthorized"),
        (403, 1103, "origin_not_allowed"),
        (404, 1203, "path_not_allowed"),
        (405, 1202, "method_not_allowed"),
        (413, 1200, "body_too_large"),
        (415, 1200, "unsupported_media_type"),
        (500, 1000, "authorize_failed"),
        // A retryable code under a permanent status is still permanent when the proxy says so.
        (403, 5000, "some_future_reason"),
    ];
    for (status, code, reason) in table {
        for call in [get, create] {
            let c = client(Auth::Proxy, vec![proxy(status, code, reason), ok(&task_json("t", "succeed", None))]).unwrap();
            let e = call(&c).unwrap_err();
            match &e {
                Error::Api { status: s, api_code, retryable: false, proxy_reason: Some(r), .. } => {
                    assert_eq!((*s, *api_code, r.as_str()), (status, Some(code), reason));
                }
                other => panic!("{status} {reason}: {other:?}"),
            }
            assert_eq!(e.to_string(), format!("kling-wasm proxy refused the request: {reason} (HTTP {status}): refused here"));
            assert_eq!(c.transport().requests().len(), 1, "{status} {reason}: sent once");
            assert!(c.runtime().sleeps().is_empty());
        }
    }
}

#[test]
fn temporary_proxy_answers_are_retried_as_klings() {
    // busy: nothing reached Kling, so a create is sent again without asking for it first.
    let c = client(Auth::Proxy, vec![proxy(429, 1303, "busy"), ok(&task_json("t", "submitted", Some("gen-1")))]).unwrap();
    create(&c).unwrap();
    let trace: Vec<Method> = c.transport().requests().iter().map(|r| r.method).collect();
    assert_eq!(trace, [Method::Post, Method::Post]);
    assert_eq!(c.runtime().sleeps(), [1000]);
    // Kling unreachable or late: the create may be stored, so the client asks by its id first.
    for (status, code, reason) in [(502, 5000, "upstream_unreachable"), (504, 5002, "upstream_timeout"), (503, 5000, "internal_error")] {
        let missing = kling_error(404, 1203, "task not found");
        let c = client(Auth::Proxy, vec![proxy(status, code, reason), missing, ok(&task_json("t", "submitted", Some("gen-1")))]).unwrap();
        create(&c).unwrap();
        let trace: Vec<Method> = c.transport().requests().iter().map(|r| r.method).collect();
        assert_eq!(trace, [Method::Post, Method::Get, Method::Post], "{reason}");
    }
    // A query: retried within the budget, then the proxy's error.
    let c = client(Auth::Proxy, vec![proxy(504, 5002, "upstream_timeout"); 3]).unwrap();
    assert!(matches!(get(&c), Err(Error::Api { status: 504, retryable: true, proxy_reason: Some(_), .. })));
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn the_lookup_after_an_unclear_create_does_not_take_a_proxy_404_for_a_missing_task() {
    // A wrong pathPrefix answers every path 404 (path_not_allowed): no second create follows.
    let c = client(Auth::Proxy, vec![proxy(502, 5000, "upstream_unreachable"), proxy(404, 1203, "path_not_allowed")]).unwrap();
    let e = create(&c).unwrap_err();
    assert!(matches!(e, Error::Api { status: 502, .. }), "{e:?}");
    assert_eq!(c.transport().requests().len(), 2);
    // The proxy's own 1201 about the id's form is no duplicate either (nothing is looked up).
    let c = client(Auth::Proxy, vec![proxy(400, 1201, "invalid_request")]).unwrap();
    let e = create(&c).unwrap_err();
    assert!(matches!(e, Error::Api { status: 400, proxy_reason: Some(_), .. }));
    assert_eq!(c.transport().requests().len(), 1);
}

#[test]
fn the_marker_is_read_from_the_header_or_the_body() {
    let body = |extra: &str| format!(r#"{{"code":1103,"message":"m","request_id":"r","data":null{extra}}}"#);
    let header = || vec![("X-Kling-Proxy".to_owned(), "1".to_owned())];
    let long = "a".repeat(64);
    type Case<'a> = (Vec<(String, String)>, String, Option<&'a str>);
    let table: Vec<Case> = vec![
        // A cross-origin page may not see the header: the body alone is enough, and so is the header.
        (vec![], body(r#","source":"proxy","reason":"origin_not_allowed""#), Some("origin_not_allowed")),
        (header(), body(r#","reason":"origin_not_allowed""#), Some("origin_not_allowed")),
        (header(), body(""), Some("unknown")),
        (header(), "<html>proxy down</html>".into(), Some("unknown")),
        // An odd or long reason is not passed on as it is.
        (header(), body(r#","reason":"Not A Reason""#), Some("unknown")),
        (header(), body(&format!(r#","reason":"{}""#, "a".repeat(65))), Some("unknown")),
        (header(), body(&format!(r#","reason":"{}""#, "a".repeat(64))), Some(long.as_str())),
        // Kling's answer: no marker.
        (vec![], body(""), None),
        (vec![("x-kling-proxy".into(), "0".into())], body(r#","source":"kling""#), None),
    ];
    for (headers, text, want) in table {
        let c = client(Auth::Proxy, vec![Reply::Http(403, headers, text.clone())]).unwrap();
        match get(&c).unwrap_err() {
            Error::Api { proxy_reason, retryable: false, .. } => assert_eq!(proxy_reason.as_deref(), want, "{text}"),
            other => panic!("{other:?}"),
        }
    }
    // Kling's own message keeps its form.
    let c = client(Auth::Proxy, vec![kling_error(403, 1103, "no access")]).unwrap();
    assert_eq!(get(&c).unwrap_err().to_string(), "Kling API error 1103 (HTTP 403): no access");
}
