//! The client over a scripted transport: URLs and headers, envelope decoding into tasks and
//! errors, retries of queries (429 account vs throttling, Retry-After, 5xx), one fresh token after
//! 1004, the checks that fail before sending, and configuration errors.

mod client_mock;

use client_mock::*;
use kling_wasm::auth::{verify, Auth, TokenFuture, TokenSource};
use kling_wasm::client::{CallOptions, Client, ClientConfig};
use kling_wasm::transport::{Method, TransportError};
use kling_wasm::{Endpoint, Error};
use std::cell::Cell;
use std::rc::Rc;

const T0: u64 = 1_700_000_000_000;

fn client_with(auth: Auth, replies: Vec<Reply>) -> Client<Scripted, FakeRuntime> {
    Client::new(ClientConfig::new("https://api.example.com/", auth), Scripted::new(replies), FakeRuntime::at(T0)).expect("config")
}

fn client(replies: Vec<Reply>) -> Client<Scripted, FakeRuntime> {
    client_with(Auth::Token(TokenSource::Static("tok".into())), replies)
}

fn opts() -> CallOptions<'static, Signal> {
    CallOptions::default()
}

fn get(c: &Client<Scripted, FakeRuntime>, id: &str) -> Result<kling_wasm::api::common::Task, Error> {
    block_on(c.get_task(Endpoint::OmniVideo, id, &opts()))
}

#[test]
fn get_task_sends_the_documented_request_and_decodes_the_task() {
    let c = client(vec![ok(&task_json("t1", "processing", Some("ext-1")))]);
    let task = get(&c, "t1").unwrap();
    assert_eq!(task.task_id, "t1");
    assert_eq!(task.external_task_id(), Some("ext-1"));
    let reqs = c.transport().requests();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!((r.method, r.url.as_str(), r.body.as_deref()), (Method::Get, "https://api.example.com/v1/videos/omni-video/t1", None));
    // §1.3: JSON content type on every request, GET included; one space after Bearer.
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("authorization"), Some("Bearer tok"));
    assert_eq!(r.timeout_ms, kling_wasm::client::DEFAULT_TIMEOUT_MS);
}

#[test]
fn ids_are_escaped_as_one_path_segment() {
    let c = client(vec![ok(&task_json("t", "submitted", None))]);
    get(&c, "a/b?c#d é:x").unwrap();
    assert_eq!(c.transport().requests()[0].url, "https://api.example.com/v1/videos/omni-video/a%2Fb%3Fc%23d%20%C3%A9:x");
}

#[test]
fn list_checks_paging_and_builds_the_query() {
    let c = client(vec![ok(&format!("[{},{}]", task_json("a", "succeed", None), task_json("b", "failed", None)))]);
    let tasks = block_on(c.list_tasks(Endpoint::TextToVideo, 2.0, 500.0, &opts())).unwrap();
    assert_eq!(tasks.iter().map(|t| t.task_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(c.transport().requests()[0].url, "https://api.example.com/v1/videos/text2video?pageNum=2&pageSize=500");
    for (num, size, paths) in [
        (0.0, 30.0, vec!["/pageNum"]),
        (1001.0, 30.0, vec!["/pageNum"]),
        (1.0, 501.0, vec!["/pageSize"]),
        (1.5, 0.0, vec!["/pageNum", "/pageSize"]),
        (f64::NAN, 30.0, vec!["/pageNum"]),
    ] {
        match block_on(c.list_tasks(Endpoint::TextToVideo, num, size, &opts())) {
            Err(Error::Validation { issues }) => assert_eq!(issues.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(), paths, "{num}/{size}"),
            other => panic!("{num}/{size}: {other:?}"),
        }
    }
    assert_eq!(c.transport().requests().len(), 1, "bad paging never leaves");
    assert!(matches!(get(&c, ""), Err(Error::Validation { .. })));
}

#[test]
fn kling_errors_keep_status_code_message_and_request_id() {
    let c = client(vec![kling_error(400, 1201, "bad key")]);
    assert_eq!(
        get(&c, "x"),
        Err(Error::Api {
            status: 400,
            api_code: Some(1201),
            message: "bad key".into(),
            request_id: Some("req-1201".into()),
            retryable: false,
            proxy_reason: None
        })
    );
    // Not Kling's envelope: the status decides, the body's start is the message.
    let c = client(vec![Reply::Http(400, vec![("X-Request-Id".into(), "gw-7".into())], "<html>Bad Request</html>".into())]);
    assert_eq!(
        get(&c, "x"),
        Err(Error::Api {
            status: 400,
            api_code: None,
            message: "<html>Bad Request</html>".into(),
            request_id: Some("gw-7".into()),
            retryable: false,
            proxy_reason: None
        })
    );
    // A 200 that is not the envelope, or lacks data, is a decode error.
    let c =
        client(vec![Reply::Http(200, vec![], "oops".into()), Reply::Http(200, vec![], envelope(0, "SUCCEED", "null")), ok(r#"{"task_status":"submitted"}"#)]);
    for _ in 0..3 {
        assert!(matches!(get(&c, "x"), Err(Error::Decode { status: 200, .. })));
    }
}

/// js-10: half a surrogate pair is valid JSON for JS (an emoji cut in two). Kling's answer with one
/// in a message or a URL is the task, read with U+FFFD there, not a decode error; lists too.
#[test]
fn lone_surrogates_in_kling_answers_read_as_replacement_characters() {
    let task = r#"{"task_id":"t","task_status":"succeed","task_status_msg":"cut \ud83d","task_result":{"videos":[{"url":"https://cdn.example/\udc00.mp4"}]}}"#;
    let c = client(vec![ok(task), ok(&format!("[{task}]"))]);
    let got = get(&c, "t").expect("the task, not a decode error");
    assert_eq!(got.task_status_msg.as_deref(), Some("cut \u{FFFD}"));
    let url = serde_json::from_str::<serde_json::Value>(&got.json).expect("the task's JSON is Unicode")["task_result"]["videos"][0]["url"].clone();
    assert_eq!(url, "https://cdn.example/\u{FFFD}.mp4");
    let listed = block_on(c.list_tasks(Endpoint::OmniVideo, 1.0, 30.0, &opts())).expect("the list");
    assert_eq!(listed[0].task_status_msg.as_deref(), Some("cut \u{FFFD}"));
    // A valid pair stays the character it encodes.
    let c = client(vec![ok(r#"{"task_id":"t","task_status":"succeed","task_status_msg":"\ud83d\ude00"}"#)]);
    assert_eq!(get(&c, "t").unwrap().task_status_msg.as_deref(), Some("😀"));
}

#[test]
fn throttling_is_retried_but_account_errors_under_429_are_not() {
    let c = client(vec![
        kling_error(429, 1303, "parallel task over resource pack limit"),
        kling_error(429, 1302, "too fast"),
        ok(&task_json("t", "submitted", None)),
    ]);
    assert!(get(&c, "t").is_ok());
    assert_eq!(c.runtime().sleeps(), [1000, 2000], "throttling backs off from 1 s");
    for code in [1100, 1101, 1102] {
        let c = client(vec![kling_error(429, code, "account"), ok(&task_json("t", "submitted", None))]);
        assert!(matches!(get(&c, "t"), Err(Error::Api { api_code: Some(c2), retryable: false, .. }) if c2 == code));
        assert_eq!(c.transport().requests().len(), 1, "{code} is not retried");
        assert!(c.runtime().sleeps().is_empty());
    }
}

#[test]
fn retries_stop_after_max_retries_with_the_last_error() {
    let c = client(vec![kling_error(500, 5000, "a"), kling_error(503, 5001, "b"), kling_error(504, 5002, "c"), ok("{}")]);
    assert!(matches!(get(&c, "t"), Err(Error::Api { api_code: Some(5002), retryable: true, .. })));
    assert_eq!(c.transport().requests().len(), 3, "1 + maxRetries(2)");
    assert_eq!(c.runtime().sleeps(), [500, 1000]);
    assert_eq!(c.transport().left(), 1);
}

#[test]
fn network_failures_and_timeouts_are_retried() {
    let c = client(vec![
        Reply::Fail(TransportError::Ambiguous { message: "reset".into() }),
        Reply::Fail(TransportError::Timeout),
        ok(&task_json("t", "submitted", None)),
    ]);
    assert!(get(&c, "t").is_ok());
    let c = client(vec![Reply::Fail(TransportError::NotSent { message: "refused".into() }); 3]);
    assert_eq!(get(&c, "t"), Err(Error::Transport { message: "refused".into() }));
    let c = client(vec![Reply::Fail(TransportError::Aborted), ok("{}")]);
    assert_eq!(get(&c, "t"), Err(Error::Aborted));
    assert_eq!(c.transport().left(), 1, "an abort is never retried");
}

#[test]
fn retry_after_sets_the_wait_and_a_long_one_ends_the_call() {
    let wait = |v: &str| Reply::Http(429, vec![("Retry-After".into(), v.into())], envelope(1302, "slow down", "null"));
    let c = client(vec![wait("7"), ok(&task_json("t", "submitted", None))]);
    assert!(get(&c, "t").is_ok());
    assert_eq!(c.runtime().sleeps(), [7000]);
    let c = client(vec![wait("120"), ok("{}")]);
    assert!(matches!(get(&c, "t"), Err(Error::Api { api_code: Some(1302), .. })));
    assert!(c.runtime().sleeps().is_empty());
}

#[test]
fn jitter_comes_from_the_runtime() {
    let c = client(vec![kling_error(500, 5000, "a"), ok(&task_json("t", "submitted", None))]);
    c.runtime().jitter.set(1.0);
    assert!(get(&c, "t").is_ok());
    assert_eq!(c.runtime().sleeps(), [375]);
}

#[test]
fn an_expired_token_is_replaced_once() {
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let auth = Auth::Token(TokenSource::Provider(Rc::new(move || -> TokenFuture {
        counter.set(counter.get() + 1);
        let t = format!("tok-{}", counter.get());
        Box::pin(async move { Ok(t) })
    })));
    let c = client_with(auth.clone(), vec![kling_error(401, 1004, "expired"), ok(&task_json("t", "submitted", None))]);
    assert!(get(&c, "t").is_ok());
    let auths: Vec<_> = c.transport().requests().iter().map(|r| r.header("authorization").unwrap().to_owned()).collect();
    assert_eq!(auths, ["Bearer tok-1", "Bearer tok-2"]);
    assert!(c.runtime().sleeps().is_empty(), "no backoff for a fresh token");
    // Refused again: no loop, the error reaches the caller.
    let c = client_with(auth, vec![kling_error(401, 1002, "invalid"), kling_error(401, 1002, "invalid"), ok("{}")]);
    assert!(matches!(get(&c, "t"), Err(Error::Api { api_code: Some(1002), .. })));
    assert_eq!(c.transport().requests().len(), 2);
    // A static token cannot change: 1004 is reported at once.
    let c = client(vec![kling_error(401, 1004, "expired"), ok("{}")]);
    assert!(matches!(get(&c, "t"), Err(Error::Api { api_code: Some(1004), .. })));
    assert_eq!(c.transport().requests().len(), 1);
}

#[test]
fn keys_sign_requests_and_proxy_sends_no_credentials() {
    let keys = Auth::Keys { access_key: "AK".into(), secret_key: "SK".into(), ttl_seconds: 1800, dangerously_allow_browser: false };
    let c = client_with(keys, vec![ok(&task_json("t", "submitted", None))]);
    get(&c, "t").unwrap();
    let req = &c.transport().requests()[0];
    let token = req.header("authorization").unwrap().strip_prefix("Bearer ").unwrap().to_owned();
    assert_eq!(verify(&token, "SK", (T0 / 1000) as i64).unwrap().iss, "AK");
    let c = client_with(Auth::Proxy, vec![ok(&task_json("t", "submitted", None))]);
    get(&c, "t").unwrap();
    assert_eq!(c.transport().requests()[0].header("authorization"), None);
}

#[test]
fn configuration_is_checked_when_the_client_is_made() {
    let make = |base: &str, f: &dyn Fn(&mut ClientConfig)| {
        let mut cfg = ClientConfig::new(base, Auth::Proxy);
        f(&mut cfg);
        Client::new(cfg, Scripted::default(), FakeRuntime::at(T0)).map(|_| ())
    };
    assert!(make("https://api-singapore.klingai.com", &|_| {}).is_ok());
    assert!(make("/kling/", &|_| {}).is_ok());
    for bad in ["", "api.klingai.com", "https://", "https:///v1", "https://x.com?a=1", "https://x.com/a b", "ftp://x.com"] {
        assert!(matches!(make(bad, &|_| {}), Err(Error::Config { .. })), "{bad:?}");
    }
    assert!(matches!(make("https://x.com", &|c| c.max_retries = 11), Err(Error::Config { .. })));
    assert!(matches!(make("https://x.com", &|c| c.timeout_ms = 0), Err(Error::Config { .. })));
    let in_browser = |c: &mut ClientConfig| {
        c.in_browser = true;
        c.auth = Auth::ApiKey { api_key: "k".into(), dangerously_allow_browser: false };
    };
    assert!(matches!(make("https://x.com", &in_browser), Err(Error::Config { .. })));
}

#[test]
fn relative_base_urls_keep_their_path() {
    let c = Client::new(ClientConfig::new("/kling/", Auth::Proxy), Scripted::new(vec![ok(&task_json("t", "submitted", None))]), FakeRuntime::at(T0)).unwrap();
    block_on(c.get_task(Endpoint::OmniImage, "t", &opts())).unwrap();
    assert_eq!(c.transport().requests()[0].url, "/kling/v1/images/omni-image/t");
}

#[test]
fn per_call_timeout_reaches_the_transport() {
    let c = client(vec![ok(&task_json("t", "submitted", None))]);
    block_on(c.get_task(Endpoint::OmniVideo, "t", &CallOptions { signal: None, timeout_ms: Some(1234) })).unwrap();
    assert_eq!(c.transport().requests()[0].timeout_ms, 1234);
}

#[test]
fn dot_segments_are_not_task_ids() {
    use kling_wasm::client::check_id;
    for id in [".", ".."] {
        assert!(matches!(check_id(id, &kling_wasm::Options::default()), Err(Error::Validation { .. })), "{id}");
    }
    assert!(check_id("a.b", &kling_wasm::Options::default()).is_ok());
}
