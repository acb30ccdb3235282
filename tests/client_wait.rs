//! wait_for_task with a fake clock: the polling schedule, progress on every status change,
//! success, failure, timeout (given and default), transient errors waited out, and abort.

mod client_mock;

use client_mock::*;
use kling_wasm::api::common::{Task, TaskStatus};
use kling_wasm::auth::Auth;
use kling_wasm::client::{CallOptions, Client, ClientConfig, DEFAULT_WAIT_TIMEOUT_MS};
use kling_wasm::transport::Runtime;
use kling_wasm::{Endpoint, Error};

const T0: u64 = 1_700_000_000_000;

fn client(replies: Vec<Reply>) -> Client<Scripted, FakeRuntime> {
    Client::new(ClientConfig::new("https://kling.test", Auth::Proxy), Scripted::new(replies), FakeRuntime::at(T0)).unwrap()
}

fn status(s: &str) -> Reply {
    ok(&task_json("t1", s, Some("e1")))
}

/// Waits and returns the result with the statuses `on_progress` saw.
fn wait(c: &Client<Scripted, FakeRuntime>, opts: &CallOptions<'_, Signal>) -> (Result<Task, Error>, Vec<TaskStatus>) {
    let mut seen = Vec::new();
    let r = block_on(c.wait_for_task(Endpoint::OmniVideo, "t1", opts, |t: &Task| seen.push(t.task_status.clone())));
    (r, seen)
}

#[test]
fn progress_on_each_change_then_the_succeeded_task() {
    let c = client(vec![status("submitted"), status("submitted"), status("processing"), status("processing"), status("succeed")]);
    let (r, seen) = wait(&c, &CallOptions::default());
    assert_eq!(r.unwrap().task_status, TaskStatus::Succeed);
    assert_eq!(seen, [TaskStatus::Submitted, TaskStatus::Processing, TaskStatus::Succeed]);
    assert_eq!(c.runtime().sleeps(), [2000, 3000, 4500, 6750]);
    assert!(c.transport().requests().iter().all(|r| r.url == "https://kling.test/v1/videos/omni-video/t1"));
}

#[test]
fn a_failed_task_rejects_with_the_task() {
    let failed = ok(r#"{"task_id":"t1","task_status":"failed","task_status_msg":"content safety"}"#);
    let c = client(vec![status("processing"), failed]);
    let (r, seen) = wait(&c, &CallOptions::default());
    match r {
        Err(Error::TaskFailed { task }) => assert_eq!(task.task_status_msg.as_deref(), Some("content safety")),
        other => panic!("{other:?}"),
    }
    assert_eq!(seen, [TaskStatus::Processing, TaskStatus::Failed]);
}

#[test]
fn the_timeout_ends_the_wait_after_a_last_look() {
    let c = client(vec![status("processing"); 5]);
    let (r, seen) = wait(&c, &CallOptions { signal: None, timeout_ms: Some(10_000) });
    assert_eq!(r, Err(Error::Timeout));
    assert_eq!(seen, [TaskStatus::Processing]);
    // 2 s, 3 s, 4.5 s, then only the 0.5 s left; one last poll at the deadline.
    assert_eq!(c.runtime().sleeps(), [2000, 3000, 4500, 500]);
    assert_eq!(c.transport().requests().len(), 5);
    assert_eq!(c.runtime().now_ms(), T0 + 10_000);
}

#[test]
fn the_default_timeout_is_ten_minutes() {
    let c = client(vec![status("processing"); 60]);
    let (r, _) = wait(&c, &CallOptions::default());
    assert_eq!(r, Err(Error::Timeout));
    assert_eq!(c.runtime().now_ms(), T0 + DEFAULT_WAIT_TIMEOUT_MS);
    assert!(c.runtime().sleeps().iter().all(|s| *s <= 15_000));
}

#[test]
fn transient_failures_are_waited_out() {
    // A 5000 is retried inside the poll; three network errors exhaust that poll's retries,
    // and the wait goes on with the next poll.
    let net = || Reply::Fail(kling_wasm::transport::TransportError::Ambiguous { message: "reset".into() });
    let c = client(vec![status("submitted"), kling_error(500, 5000, "x"), status("processing"), net(), net(), net(), status("succeed")]);
    let (r, seen) = wait(&c, &CallOptions::default());
    assert!(r.is_ok());
    assert_eq!(seen, [TaskStatus::Submitted, TaskStatus::Processing, TaskStatus::Succeed]);
    assert_eq!(c.runtime().sleeps(), [2000, 500, 3000, 500, 1000, 4500]);
}

#[test]
fn errors_that_will_not_pass_end_the_wait() {
    let c = client(vec![kling_error(404, 1203, "no such task"), status("processing")]);
    let (r, seen) = wait(&c, &CallOptions::default());
    assert!(matches!(r, Err(Error::Api { api_code: Some(1203), .. })));
    assert!(seen.is_empty());
    assert_eq!(c.transport().left(), 1);
}

#[test]
fn an_abort_stops_the_wait_during_a_pause() {
    let c = client(vec![status("processing"); 5]);
    let signal = Signal { abort_at_ms: Some(T0 + 3000) };
    let (r, _) = wait(&c, &CallOptions { signal: Some(&signal), timeout_ms: None });
    assert_eq!(r, Err(Error::Aborted));
    assert_eq!(c.transport().requests().len(), 2);
    assert_eq!(c.runtime().now_ms(), T0 + 3000);
    // Already aborted: nothing is sent.
    let c = client(vec![status("processing")]);
    let signal = Signal { abort_at_ms: Some(T0) };
    assert_eq!(wait(&c, &CallOptions { signal: Some(&signal), timeout_ms: None }).0, Err(Error::Aborted));
    assert!(c.transport().requests().is_empty());
}

#[test]
fn retries_inside_a_poll_never_pass_the_deadline() {
    let c = client(vec![kling_error(500, 5000, "x"); 3]);
    let (r, _) = wait(&c, &CallOptions { signal: None, timeout_ms: Some(400) });
    // The 500 ms backoff would cross the 400 ms deadline: no retry, and the wait times out.
    assert_eq!(r, Err(Error::Timeout));
    assert_eq!(c.transport().requests().len(), 2, "the first poll and the last look");
    assert_eq!(c.runtime().now_ms(), T0 + 400);
}
