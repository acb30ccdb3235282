//! The client against the signing proxy's contract: the URL of a query by each id kind (through
//! the proxy and direct to Kling), one request per poll, no retry of the proxy's permanent
//! refusal (HTTP 500 + code 1000, a failing authorize hook), and its in-flight limit (429 + 1303
//! + Retry-After: 1) retried like Kling's throttling.

mod client_mock;

use client_mock::*;
use kling_wasm::api::common::Task;
use kling_wasm::auth::{Auth, TokenSource};
use kling_wasm::client::{CallOptions, Client, ClientConfig, IdKind, Walk};
use kling_wasm::transport::Method;
use kling_wasm::{Endpoint, Error, Options};
use std::cell::RefCell;

const T0: u64 = 1_700_000_000_000;
const REQ: &str = r#"{"model_name":"kling-v3-omni","prompt":"a red fox in snow","mode":"pro","aspect_ratio":"16:9","duration":"5"}"#;

fn client(auth: Auth, replies: Vec<Reply>) -> Client<Scripted, FakeRuntime> {
    Client::new(ClientConfig::new("https://app.test/kling", auth), Scripted::new(replies), FakeRuntime::at(T0)).unwrap()
}

fn urls(c: &Client<Scripted, FakeRuntime>) -> Vec<String> {
    c.transport().requests().into_iter().map(|r| r.url).collect()
}

fn opts() -> CallOptions<'static, Signal> {
    CallOptions::default()
}

#[test]
fn a_query_by_each_id_kind_is_one_request_in_the_servers_form() {
    let token = || Auth::Token(TokenSource::Static("tok".into()));
    let base = "https://app.test/kling/v1/videos/omni-video";
    let table = [
        (Auth::Proxy, IdKind::TaskId, format!("{base}/t%2F1")),
        (Auth::Proxy, IdKind::ExternalTaskId, format!("{base}/t%2F1?by=external_task_id")),
        // Direct to Kling both ids are path parameters (kling-api.md §4.3).
        (token(), IdKind::TaskId, format!("{base}/t%2F1")),
        (token(), IdKind::ExternalTaskId, format!("{base}/t%2F1")),
    ];
    for (auth, by, want) in table {
        let c = client(auth.clone(), vec![ok(&task_json("t/1", "processing", Some("e")))]);
        assert_eq!(block_on(c.get_task_by(Endpoint::OmniVideo, "t/1", by, &opts())).unwrap().task_id, "t/1");
        assert_eq!(urls(&c), [want], "{auth:?} {by:?}");
    }
    // get_task is by task_id.
    let c = client(Auth::Proxy, vec![ok(&task_json("t", "processing", None))]);
    block_on(c.get_task(Endpoint::OmniVideo, "t", &opts())).unwrap();
    assert_eq!(urls(&c), [format!("{base}/t")]);
    // An empty or dot id never leaves, whatever the kind.
    assert!(matches!(block_on(c.get_task_by(Endpoint::OmniVideo, "..", IdKind::ExternalTaskId, &opts())), Err(Error::Validation { .. })));
    assert_eq!(c.transport().requests().len(), 1);
}

#[test]
fn each_poll_of_a_wait_is_one_request_by_task_id() {
    let polls = ["submitted", "processing", "processing", "succeed"];
    let c = client(Auth::Proxy, polls.iter().map(|s| ok(&task_json("t1", s, Some("e1")))).collect());
    let task = block_on(c.wait_for_task(Endpoint::TextToVideo, "t1", &opts(), |_: &Task| {})).unwrap();
    assert_eq!(task.task_id, "t1");
    assert_eq!(urls(&c), vec!["https://app.test/kling/v1/videos/text2video/t1"; 4], "one request per poll, the path form");
    assert_eq!(c.runtime().sleeps().len(), 3, "one pause between polls");
    // By the caller's id through the proxy: the external form, still one request a poll.
    let c = client(Auth::Proxy, ["processing", "succeed"].iter().map(|s| ok(&task_json("t1", s, Some("e1")))).collect());
    block_on(c.wait_for_task_by(Endpoint::TextToVideo, "e1", IdKind::ExternalTaskId, &opts(), |_: &Task| {})).unwrap();
    assert_eq!(urls(&c), vec!["https://app.test/kling/v1/videos/text2video/e1?by=external_task_id"; 2]);
}

/// The proxy's answer when its authorize hook fails.
fn hook_refusal() -> Reply {
    kling_error(500, 1000, "authorization failed")
}

#[test]
fn the_proxys_permanent_refusal_is_not_retried() {
    let spare = || ok(&task_json("t", "succeed", None));
    let is_refusal = |e: &Error| matches!(e, Error::Api { status: 500, api_code: Some(1000), retryable: false, .. });
    let c = client(Auth::Proxy, vec![hook_refusal(), spare()]);
    assert!(is_refusal(&block_on(c.get_task(Endpoint::OmniVideo, "t", &opts())).unwrap_err()));
    let c2 = client(Auth::Proxy, vec![hook_refusal(), spare()]);
    assert!(is_refusal(&block_on(c2.list_tasks(Endpoint::OmniVideo, 1.0, 30.0, &opts())).unwrap_err()));
    let c3 = client(Auth::Proxy, vec![hook_refusal(), spare()]);
    let walk = RefCell::new(Walk::new(Endpoint::OmniVideo, 1.0, 30.0, &Options::default()).unwrap());
    assert!(is_refusal(&block_on(c3.next_task(Endpoint::OmniVideo, &walk, &opts())).unwrap_err()));
    let c4 = client(Auth::Proxy, vec![hook_refusal(), spare()]);
    let waited = block_on(c4.wait_for_task(Endpoint::OmniVideo, "t", &opts(), |_: &Task| {}));
    assert!(is_refusal(&waited.unwrap_err()), "a wait is not continued either");
    // A create refused before anything was stored: no lookup, no second create.
    let c5 = client(Auth::Proxy, vec![hook_refusal(), spare(), spare()]);
    assert!(is_refusal(&block_on(c5.create(Endpoint::OmniVideo, REQ, &opts())).unwrap_err()));
    for c in [&c, &c2, &c3, &c4, &c5] {
        assert_eq!(c.transport().requests().len(), 1, "the hook ran once");
        assert!(c.runtime().sleeps().is_empty());
    }
}

#[test]
fn the_proxys_in_flight_limit_is_retried_after_retry_after() {
    let busy = || Reply::Http(429, vec![("Retry-After".into(), "1".into())], envelope(1303, "too many creates in flight", "null"));
    let created = ok(&task_json("t9", "submitted", Some("gen-1")));
    let missing = kling_error(404, 1203, "Requested resource does not exist");
    // The create might have been stored as far as the client knows: it asks by the external id
    // (the proxy form), then creates again after the server's second, with the same id.
    let c = client(Auth::Proxy, vec![busy(), missing, created]);
    let task = block_on(c.create(Endpoint::OmniVideo, REQ, &opts())).unwrap();
    assert_eq!(task.task_id, "t9");
    let reqs = c.transport().requests();
    let trace: Vec<(Method, &str)> = reqs.iter().map(|r| (r.method, r.url.as_str())).collect();
    assert_eq!(
        trace,
        [
            (Method::Post, "https://app.test/kling/v1/videos/omni-video"),
            (Method::Get, "https://app.test/kling/v1/videos/omni-video/gen-1?by=external_task_id"),
            (Method::Post, "https://app.test/kling/v1/videos/omni-video"),
        ]
    );
    assert_eq!(reqs[0].body, reqs[2].body, "the same external_task_id");
    assert_eq!(c.runtime().sleeps(), [1000]);
    // A query: Retry-After: 1 each time, never shorter than the throttling backoff (1 s, 2 s).
    let c = client(Auth::Proxy, vec![busy(), busy(), ok(&task_json("t", "processing", None))]);
    block_on(c.get_task(Endpoint::OmniVideo, "t", &opts())).unwrap();
    assert_eq!(c.runtime().sleeps(), [1000, 2000]);
}
