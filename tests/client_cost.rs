//! The client's cost limit (`maxUnits`): a create priced above it, or unpriced under it, fails
//! with "cost_limit" before any request; the client-wide default and a call's own limit; a
//! caller's opt-in for unpriced creates; bad limits are config errors.

mod client_mock;

use client_mock::*;
use kling_wasm::auth::Auth;
use kling_wasm::client::{CallOptions, Client, ClientConfig, CostLimit};
use kling_wasm::cost::Estimate;
use kling_wasm::error::CostRefusal;
use kling_wasm::{Endpoint, Error};

/// kling-v3-omni, pro (the default), 5 s, no audio: 0.8 units/s → 4 units, $0.56.
const FOUR: &str = r#"{"model_name":"kling-v3-omni","prompt":"a red fox in snow","aspect_ratio":"16:9","duration":"5"}"#;
/// The same for 7 s: 5.6 units, $0.784.
const SEVEN: &str = r#"{"model_name":"kling-v3-omni","prompt":"a red fox in snow","aspect_ratio":"16:9","duration":"7"}"#;
/// O1: §10 has no row for it.
const O1: &str = r#"{"model_name":"kling-video-o1","prompt":"a red fox in snow","aspect_ratio":"16:9","duration":"5"}"#;
/// A base edit: billed on the input video's length.
const BASE: &str = r#"{"model_name":"kling-v3-omni","prompt":"Make <<<video_1>>> snowy","video_list":[{"video_url":"https://example.com/v.mp4"}]}"#;

fn client(default: CostLimit) -> Client<MiniKling, FakeRuntime> {
    let mut cfg = ClientConfig::new("https://kling.test", Auth::Proxy);
    cfg.cost_limit = default;
    Client::new(cfg, MiniKling::default(), FakeRuntime::at(1_700_000_000_000)).unwrap()
}

fn limit(max_units: f64) -> CostLimit {
    CostLimit { max_units: Some(max_units), ..CostLimit::default() }
}

fn units(r: CostRefusal) -> Option<u64> {
    r.estimate.price().map(|p| p.units_tenths)
}

fn sent(c: &Client<MiniKling, FakeRuntime>) -> usize {
    c.transport().requests.borrow().len()
}

fn refusal(r: Result<kling_wasm::api::common::Task, Error>) -> CostRefusal {
    match r {
        Err(Error::CostLimit(refusal)) => *refusal,
        other => panic!("cost_limit expected, got {other:?}"),
    }
}

#[test]
fn a_create_above_the_clients_limit_is_refused_before_any_request() {
    let c = client(limit(4.0));
    // At the limit: sent.
    assert!(block_on(c.create(Endpoint::OmniVideo, FOUR, &CallOptions::default())).is_ok());
    assert_eq!(sent(&c), 1);
    let r = block_on(c.create(Endpoint::OmniVideo, SEVEN, &CallOptions::default()));
    let e = r.clone().unwrap_err();
    assert_eq!((e.code(), e.retryable()), ("cost_limit", false));
    let msg = e.to_string();
    assert!(msg.contains("5.6 units") && msg.contains("$0.784") && msg.contains("maxUnits 4") && msg.contains("pro, no video input, no audio"), "{msg}");
    let seven = refusal(r);
    assert_eq!(seven.max_units, 4.0);
    assert_eq!(seven.estimate.price().map(|p| (p.units_tenths, p.usd_micros)), Some((56, 784_000)));
    assert_eq!(sent(&c), 1, "nothing more was sent");
    assert_eq!(c.transport().stored().len(), 1);
}

#[test]
fn a_calls_limit_replaces_the_clients() {
    let c = client(limit(100.0));
    let r = block_on(c.create_limited(Endpoint::OmniVideo, FOUR, &CallOptions::default(), &limit(3.9)));
    assert_eq!(units(refusal(r)), Some(40));
    assert_eq!(sent(&c), 0);
    // A call without a limit, under a client limit of 1: sent.
    let c = client(limit(1.0));
    assert!(block_on(c.create_limited(Endpoint::OmniVideo, SEVEN, &CallOptions::default(), &CostLimit::default())).is_ok());
    assert_eq!(sent(&c), 1);
    // Without any limit nothing is estimated: an unpriced request goes out.
    let c = client(CostLimit::default());
    assert!(block_on(c.create(Endpoint::OmniVideo, O1, &CallOptions::default())).is_ok());
}

#[test]
fn an_unpriced_create_is_refused_under_a_limit_unless_allowed() {
    let c = client(limit(50.0));
    let r = block_on(c.create(Endpoint::OmniVideo, O1, &CallOptions::default()));
    let e = r.clone().unwrap_err();
    assert!(e.to_string().contains("kling-video-o1") && e.to_string().contains("allowUnpriced"), "{e}");
    match refusal(r).estimate {
        Estimate::Unpriced { basis, reason } => assert!(basis.is_none() && reason.contains("kling-video-o1"), "{reason}"),
        other => panic!("unpriced expected, got {other:?}"),
    }
    // A base edit without the video's length is unpriced; with it, priced (7 s × 1.2 = 8.4 units).
    let r = block_on(c.create(Endpoint::OmniVideo, BASE, &CallOptions::default()));
    assert!(matches!(refusal(r).estimate, Estimate::Unpriced { basis: Some("Video 3.0 Omni · pro, video input, no audio"), .. }));
    assert_eq!(sent(&c), 0);
    let with_length = CostLimit { video_seconds: Some(7.2), ..limit(8.4) };
    assert!(block_on(c.create_limited(Endpoint::OmniVideo, BASE, &CallOptions::default(), &with_length)).is_ok());
    let r = block_on(c.create_limited(Endpoint::OmniVideo, BASE, &CallOptions::default(), &CostLimit { video_seconds: Some(7.2), ..limit(8.3) }));
    assert_eq!(units(refusal(r)), Some(84));
    // The opt-in, per call or client-wide.
    let allow = CostLimit { allow_unpriced: true, ..limit(50.0) };
    assert!(block_on(c.create_limited(Endpoint::OmniVideo, O1, &CallOptions::default(), &allow)).is_ok());
    let c = client(allow);
    assert!(block_on(c.create(Endpoint::OmniVideo, O1, &CallOptions::default())).is_ok());
    assert_eq!(sent(&c), 1);
}

#[test]
fn an_invalid_request_is_a_validation_failure_whatever_its_limit() {
    let c = client(limit(0.0));
    let r = block_on(c.create(Endpoint::OmniVideo, r#"{"model_name":"kling-v3-omni","prompt":""}"#, &CallOptions::default()));
    assert_eq!(r.unwrap_err().code(), "validation_failed");
    // A zero limit refuses every priced create.
    assert_eq!(refusal(block_on(c.create(Endpoint::OmniVideo, FOUR, &CallOptions::default()))).max_units, 0.0);
    assert_eq!(sent(&c), 0);
}

#[test]
fn bad_limits_are_config_errors() {
    for bad in [
        limit(f64::NAN),
        limit(-1.0),
        limit(f64::INFINITY),
        CostLimit { video_seconds: Some(0.0), ..CostLimit::default() },
        CostLimit { video_seconds: Some(f64::NAN), ..CostLimit::default() },
    ] {
        let mut cfg = ClientConfig::new("https://kling.test", Auth::Proxy);
        cfg.cost_limit = bad;
        let e = Client::new(cfg, MiniKling::default(), FakeRuntime::at(0)).unwrap_err();
        assert_eq!(e.code(), "config_error", "{bad:?}");
        let c = client(CostLimit::default());
        let e = block_on(c.create_limited(Endpoint::OmniVideo, FOUR, &CallOptions::default(), &bad)).unwrap_err();
        assert_eq!(e.code(), "config_error", "{bad:?}");
        assert_eq!(sent(&c), 0);
    }
}
