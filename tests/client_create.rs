//! Idempotent create over an in-memory Kling that stores tasks by external_task_id: every kind of
//! ambiguous failure ends with exactly one stored task and no task lost; duplicates come back as
//! the existing task; a request with errors never leaves.

mod client_mock;

use client_mock::*;
use kling_wasm::auth::{Auth, TokenFuture, TokenSource};
use kling_wasm::client::{with_external_task_id, CallOptions, Client, ClientConfig};
use kling_wasm::transport::Method;
use kling_wasm::{Endpoint, Error, Options};
use std::cell::Cell;
use std::rc::Rc;

const REQ: &str = r#"{"model_name":"kling-v3-omni","prompt":"a red fox in snow","mode":"pro","aspect_ratio":"16:9","duration":"5"}"#;
const T0: u64 = 1_700_000_000_000;

fn client_over(kling: MiniKling) -> Client<MiniKling, FakeRuntime> {
    client_auth(kling, Auth::Proxy)
}

fn client_auth(kling: MiniKling, auth: Auth) -> Client<MiniKling, FakeRuntime> {
    Client::new(ClientConfig::new("https://kling.test", auth), kling, FakeRuntime::at(T0)).unwrap()
}

fn create(c: &Client<MiniKling, FakeRuntime>, req: &str) -> Result<kling_wasm::api::common::Task, Error> {
    block_on(c.create(Endpoint::OmniVideo, req, &CallOptions::default()))
}

/// The method of each request the client sent ("P" create, "G" query).
fn trace(c: &Client<MiniKling, FakeRuntime>) -> String {
    c.transport().requests.borrow().iter().map(|r| if r.method == Method::Post { 'P' } else { 'G' }).collect()
}

#[test]
fn a_create_carries_a_generated_external_task_id() {
    let c = client_over(MiniKling::default());
    let task = create(&c, REQ).unwrap();
    assert_eq!((task.task_id.as_str(), task.external_task_id()), ("task-1", Some("gen-1")));
    let reqs = c.transport().requests.borrow().clone();
    let body: serde_json::Value = serde_json::from_str(reqs[0].body.as_deref().unwrap()).unwrap();
    let built: serde_json::Value = serde_json::from_str(&kling_wasm::build(Endpoint::OmniVideo, REQ, &Options::default()).unwrap().body).unwrap();
    let mut want = built.as_object().unwrap().clone();
    want.insert("external_task_id".into(), "gen-1".into());
    assert_eq!(body, serde_json::Value::Object(want), "the built body plus the id, nothing else");
    assert_eq!(reqs[0].url, "https://kling.test/v1/videos/omni-video");
    assert_eq!(reqs[0].header("content-type"), Some("application/json"));
}

#[test]
fn the_callers_external_task_id_is_kept() {
    let c = client_over(MiniKling::default());
    let req = REQ.replace('}', r#","external_task_id":"job-7"}"#);
    assert_eq!(create(&c, &req).unwrap().external_task_id(), Some("job-7"));
    assert_eq!(c.runtime().ids.get(), 0, "no id generated");
    assert_eq!(c.transport().stored(), [("task-1".to_owned(), "job-7".to_owned())]);
}

#[test]
fn each_failure_after_storing_is_resolved_by_one_query() {
    let kinds = [
        Fault::After(500, 5000),
        Fault::After(503, 5001),
        Fault::After(504, 5002),
        Fault::After(429, 1303),
        Fault::After(429, 1302),
        Fault::DropAfter,
        Fault::TimeoutAfter,
    ];
    for kind in kinds {
        let c = client_over(MiniKling::with_faults(vec![Some(kind.clone())]));
        let task = create(&c, REQ).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(task.task_id, "task-1", "{kind:?}");
        assert_eq!(c.transport().stored().len(), 1, "{kind:?}: exactly one task");
        assert_eq!(trace(&c), "PG", "{kind:?}: asked, did not create again");
        let query = &c.transport().requests.borrow()[1];
        // Through the proxy (the default auth), the external form: never read as a task_id.
        assert_eq!(query.url, "https://kling.test/v1/videos/omni-video/gen-1?by=external_task_id", "{kind:?}");
    }
}

#[test]
fn the_lookup_uses_the_path_form_when_the_client_signs_itself() {
    let keys = Auth::Keys { access_key: "AK".into(), secret_key: "SK".into(), ttl_seconds: 1800, dangerously_allow_browser: false };
    for auth in [Auth::Token(TokenSource::Static("tok".into())), keys, Auth::ApiKey { api_key: "k".into(), dangerously_allow_browser: false }] {
        let c = client_auth(MiniKling::with_faults(vec![Some(Fault::DropAfter)]), auth);
        assert_eq!(create(&c, REQ).unwrap().task_id, "task-1");
        assert_eq!(trace(&c), "PG");
        // Direct to Kling, both ids go in the path (kling-api.md §4.3).
        assert_eq!(c.transport().requests.borrow()[1].url, "https://kling.test/v1/videos/omni-video/gen-1");
    }
}

#[test]
fn each_failure_before_storing_creates_exactly_once_more() {
    let cases = [
        (Fault::Before(500, 5000), "PGP", vec![500]),
        (Fault::Before(504, 5002), "PGP", vec![500]),
        (Fault::Before(429, 1303), "PGP", vec![1000]),
        // Never left: safe to send again without asking.
        (Fault::NotSent, "PP", vec![500]),
    ];
    for (kind, want, sleeps) in cases {
        let c = client_over(MiniKling::with_faults(vec![Some(kind.clone())]));
        assert_eq!(create(&c, REQ).unwrap().task_id, "task-1", "{kind:?}");
        assert_eq!(c.transport().stored().len(), 1, "{kind:?}");
        assert_eq!(trace(&c), want, "{kind:?}");
        assert_eq!(c.runtime().sleeps(), sleeps, "{kind:?}");
    }
}

#[test]
fn an_unclear_query_is_asked_again_within_the_budget() {
    let faults = vec![Some(Fault::After(500, 5000)), Some(Fault::Before(502, 5000)), Some(Fault::DropAfter)];
    let c = client_over(MiniKling::with_faults(faults));
    assert_eq!(create(&c, REQ).unwrap().task_id, "task-1");
    assert_eq!(trace(&c), "PGGG");
    assert_eq!(c.transport().stored().len(), 1);
}

#[test]
fn a_stale_not_found_then_a_duplicate_refusal_returns_the_stored_task() {
    // Stored, the answer lost; the query wrongly says "not found" (a lagging replica); the
    // create sent again is refused as a duplicate, and the task is asked for again.
    let faults = vec![Some(Fault::After(504, 5002)), Some(Fault::Before(404, 1203))];
    let c = client_over(MiniKling::with_faults(faults));
    let task = create(&c, REQ).unwrap();
    assert_eq!(task.task_id, "task-1");
    assert_eq!(trace(&c), "PGPG");
    assert_eq!(c.transport().stored().len(), 1);
}

#[test]
fn a_known_external_task_id_returns_the_existing_task() {
    let kling = MiniKling::default();
    kling.tasks.borrow_mut().push(("task-9".into(), "job-1".into()));
    let c = client_over(kling);
    let req = REQ.replace('}', r#","external_task_id":"job-1"}"#);
    assert_eq!(create(&c, &req).unwrap().task_id, "task-9");
    assert_eq!(trace(&c), "PG");
    assert_eq!(c.transport().stored().len(), 1);
}

#[test]
fn a_duplicate_whose_task_cannot_be_fetched_reports_a_retryable_failure() {
    // The refusal alone would read as final; the task exists, so the caller must hear "try again".
    let kling = MiniKling::with_faults(vec![None, Some(Fault::Before(500, 5000)), Some(Fault::Before(503, 5001)), Some(Fault::Before(500, 5000))]);
    kling.tasks.borrow_mut().push(("task-9".into(), "job-3".into()));
    let c = client_over(kling);
    let req = REQ.replace('}', r#","external_task_id":"job-3"}"#);
    assert!(matches!(create(&c, &req), Err(Error::Api { api_code: Some(5000), retryable: true, .. })));
    assert_eq!(trace(&c), "PGGG");
    assert_eq!(create(&c, &req).unwrap().task_id, "task-9", "and trying again finds it");
}

#[test]
fn when_the_budget_runs_out_the_error_says_so_and_nothing_is_lost() {
    // Every create refused before storing: three creates, each followed by a query.
    let faults = vec![Some(Fault::Before(500, 5000)), None, Some(Fault::Before(500, 5000)), None, Some(Fault::Before(500, 5000)), None];
    let c = client_over(MiniKling::with_faults(faults));
    assert!(matches!(create(&c, REQ), Err(Error::Api { api_code: Some(5000), retryable: true, .. })));
    assert_eq!(trace(&c), "PGPGPG");
    assert!(c.transport().stored().is_empty());
    assert_eq!(c.runtime().sleeps(), [500, 1000]);
}

#[test]
fn an_unanswerable_query_reports_the_create_failure_and_a_retry_with_the_same_id_finds_the_task() {
    let faults = vec![Some(Fault::After(500, 5000)), Some(Fault::Before(500, 5000)), Some(Fault::Before(500, 5000)), Some(Fault::Before(500, 5000))];
    let c = client_over(MiniKling::with_faults(faults));
    let req = REQ.replace('}', r#","external_task_id":"job-2"}"#);
    assert!(matches!(create(&c, &req), Err(Error::Api { api_code: Some(5000), .. })));
    assert_eq!(trace(&c), "PGGG");
    // The caller tries again with the same id: the stored task comes back, no second one.
    assert_eq!(create(&c, &req).unwrap().external_task_id(), Some("job-2"));
    assert_eq!(c.transport().stored().len(), 1);
}

#[test]
fn refusals_before_storing_are_not_queried() {
    // A bad parameter: reported at once.
    let c = client_over(MiniKling::with_faults(vec![Some(Fault::Before(400, 1201))]));
    assert!(matches!(create(&c, REQ), Err(Error::Api { api_code: Some(1201), retryable: false, .. })));
    assert_eq!(trace(&c), "P");
    // An account error under 429: not retried, not queried.
    let c = client_over(MiniKling::with_faults(vec![Some(Fault::Before(429, 1102))]));
    assert!(matches!(create(&c, REQ), Err(Error::Api { api_code: Some(1102), retryable: false, .. })));
    assert_eq!(trace(&c), "P");
    // An expired token: a fresh one, the create sent again, no query.
    let n = Rc::new(Cell::new(0));
    let counter = n.clone();
    let auth = Auth::Token(TokenSource::Provider(Rc::new(move || -> TokenFuture {
        counter.set(counter.get() + 1);
        Box::pin(async { Ok("t".to_owned()) })
    })));
    let c = client_auth(MiniKling::with_faults(vec![Some(Fault::Before(401, 1004))]), auth);
    assert_eq!(create(&c, REQ).unwrap().task_id, "task-1");
    assert_eq!((trace(&c).as_str(), n.get()), ("PP", 2));
}

#[test]
fn a_request_with_errors_never_leaves() {
    let c = client_over(MiniKling::default());
    let bad = r#"{"model_name":"kling-v3-omni","prompt":"","mode":"ultra","duration":"5"}"#;
    match create(&c, bad) {
        Err(Error::Validation { issues }) => assert!(issues.iter().any(|i| i.path == "/mode"), "{issues:?}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(create(&c, "not json"), Err(Error::Validation { .. })));
    assert!(c.transport().requests.borrow().is_empty());
    assert_eq!(c.runtime().ids.get(), 0, "no id spent on a refused request");
}

#[test]
fn an_abort_while_waiting_to_retry_ends_the_create() {
    let c = client_over(MiniKling::with_faults(vec![Some(Fault::Before(500, 5000))]));
    let signal = Signal { abort_at_ms: Some(T0 + 100) };
    let r = block_on(c.create(Endpoint::OmniVideo, REQ, &CallOptions { signal: Some(&signal), timeout_ms: None }));
    assert_eq!(r, Err(Error::Aborted));
    assert_eq!(trace(&c), "PG");
}

#[test]
fn generated_ids_pass_the_external_task_id_rule() {
    let opts = Options::default();
    let (body, id) = with_external_task_id(Endpoint::OmniVideo, REQ, &opts, || "u-1".into()).unwrap();
    assert_eq!(id, "u-1");
    assert!(body.ends_with(r#","external_task_id":"u-1"}"#), "{body}");
    for (bad, code) in [(String::new(), "empty_string"), ("x".repeat(257), "too_long")] {
        match with_external_task_id(Endpoint::OmniVideo, REQ, &opts, || bad.clone()) {
            Err(Error::Validation { issues }) => assert_eq!((issues[0].path.as_str(), issues[0].code.as_str()), ("/external_task_id", code)),
            other => panic!("{other:?}"),
        }
    }
    // An explicit null counts as absent: one id, no duplicate key.
    let with_null = REQ.replace('}', r#","external_task_id":null}"#);
    let (body, _) = with_external_task_id(Endpoint::OmniVideo, &with_null, &opts, || "u-2".into()).unwrap();
    assert_eq!(body.matches("external_task_id").count(), 1, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["external_task_id"], "u-2");
    // The caller's own id is checked like any field.
    let long = REQ.replace('}', &format!(r#","external_task_id":"{}"}}"#, "y".repeat(300)));
    assert!(matches!(with_external_task_id(Endpoint::OmniVideo, &long, &opts, || "z".into()), Err(Error::Validation { .. })));
}

#[test]
fn a_failed_create_names_its_generated_external_task_id_and_a_retry_with_it_makes_no_second_task() {
    // Stored, then the answer and every query fail: the caller only learns "failed, retryable".
    let faults = vec![Some(Fault::After(500, 5000)), Some(Fault::Before(500, 5000)), Some(Fault::Before(500, 5000)), Some(Fault::Before(500, 5000))];
    let c = client_over(MiniKling::with_faults(faults));
    let failure = block_on(c.create_tracked(Endpoint::OmniVideo, REQ, &CallOptions::default())).unwrap_err();
    assert!(failure.error.retryable(), "{:?}", failure.error);
    assert_eq!(failure.external_task_id.as_deref(), Some("gen-1"), "the id the create carried");
    // Retrying with that id finds the stored task instead of paying for a second one.
    let again = REQ.replace('}', &format!(r#","external_task_id":"{}"}}"#, failure.external_task_id.unwrap()));
    assert_eq!(create(&c, &again).unwrap().external_task_id(), Some("gen-1"));
    assert_eq!(c.transport().stored().len(), 1);
    // A request refused before a body was built carries no id: nothing was sent.
    let refused = block_on(c.create_tracked(Endpoint::OmniVideo, "not json", &CallOptions::default())).unwrap_err();
    assert!(matches!(refused.error, Error::Validation { .. }));
    assert_eq!(refused.external_task_id, None);
}
