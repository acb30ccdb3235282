//! What `api::build` says of the body it wrote — where each top-level member sits and which
//! `external_task_id` it carries — is what reading the body again would say. The proxy's create
//! and the client's idempotent create rely on it instead of a second read of the body, so a
//! wrong span here would send a corrupt body to Kling, and a wrong id would lose a task.
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;

use kling_wasm::api::inject::{self, scan, Body};
use kling_wasm::client::with_external_task_id;
use kling_wasm::issue::Level;
use kling_wasm::json::Value;
use kling_wasm::{api, Endpoint, Options};
use proptest::prelude::*;
use proptest_support::{families, seed, Pick, CASES};

const SET: [&str; 2] = ["external_task_id", "callback_url"];

/// The build's account of the body against a second read of it.
/// Requests that do not build are not looked at (`Ok(false)`).
fn agrees(endpoint: Endpoint, text: &str, opts: &Options) -> Result<bool, String> {
    let Ok(b) = api::build(endpoint, text, opts) else { return Ok(false) };
    let again = Body::parse(&b.body).ok_or_else(|| format!("the body is not an object: {}", b.body))?;
    let open = scan::ws(b.body.as_bytes(), 0);
    if b.members != scan::members(&b.body, open) {
        return Err(format!("members {:?} vs the scan's {:?} in {}", b.members, scan::members(&b.body, open), b.body));
    }
    let kept = inject::kept(&b.body, &b.members, &SET);
    if kept != again.kept(&SET) {
        return Err(format!("kept {kept:?} vs {:?} in {}", again.kept(&SET), b.body));
    }
    let read = again.field("external_task_id").and_then(Value::as_str).filter(|s| !s.is_empty());
    if b.external_task_id.as_deref() != read {
        return Err(format!("external_task_id {:?} vs {read:?} in {}", b.external_task_id, b.body));
    }
    Ok(true)
}

/// `text` (a JSON object) with `member` added first.
fn with_first(text: &str, member: &str) -> String {
    format!("{{{member},{}", &text[1..])
}

#[test]
fn the_builds_spans_and_id_are_the_bodys() {
    let opts = Options::default();
    let base = r#"{"model_name":"kling-v3-omni","prompt":"a fox","duration":5,"aspect_ratio":"16:9"}"#;
    let cases = [
        base.to_owned(),
        r#"{"prompt":"a fox","aspect_ratio":"1:1"}"#.to_owned(),
        r#"{ "prompt" : "a \"fox\"" , "callback_url" : "https://x.test/cb" , "aspect_ratio":"1:1", "external_task_id" : "job-1" }"#.to_owned(),
        with_first(base, r#""external_task_id":"job\u002d1""#),
        with_first(base, r#""external_task_id":"""#),
        with_first(base, r#""external_task_id":null"#),
        with_first(base, r#""external\u005ftask_id":"job-2""#),
        with_first(base, r#""callback_url":"","watermark_info":null"#),
        r#"{"prompt":"cut \ud83d","aspect_ratio":"1:1","external_task_id":"job-3"}"#.to_owned(),
    ];
    for text in &cases {
        assert_eq!(agrees(Endpoint::OmniVideo, text, &opts), Ok(true), "{text}");
        agrees(Endpoint::TextToVideo, text, &opts).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    // The id as the caller gave it (unescaped), and none when it was empty.
    let id = |t: &str| api::build(Endpoint::OmniVideo, t, &opts).unwrap().external_task_id;
    assert_eq!(id(&cases[3]).as_deref(), Some("job-1"));
    assert_eq!(id(&cases[4]), None);
    assert_eq!(id(&cases[6]).as_deref(), Some("job-2"));
    assert_eq!(id(&cases[8]).as_deref(), Some("job-3"), "lone surrogates elsewhere do not hide the id");
}

#[test]
fn the_spans_hold_when_policies_let_odd_members_through() {
    // Duplicate and unknown keys, an empty id kept (its rule off), JS-only members left out.
    let mut opts = Options::default();
    for rule in ["GEN-DUPLICATE", "GEN-UNKNOWN", "GEN-EMPTY", "GEN-TYPE"] {
        opts.rules.push((rule.into(), Level::Off));
    }
    let cases = [
        r#"{"prompt":"a","aspect_ratio":"1:1","external_task_id":"one","external_task_id":"two"}"#,
        r#"{"prompt":"a","aspect_ratio":"1:1","external_task_id":"","x\u0079z":[1,{"external_task_id":"n"}]}"#,
        r#"{"prompt":"a","aspect_ratio":"1:1","f":{"\u0000js":"function"},"external_task_id":{"\u0000js":"undefined"},"callback_url":"https://x.test"}"#,
        r#"{"external_task_id":7,"prompt":"a","aspect_ratio":"1:1"}"#,
    ];
    for text in cases {
        assert_eq!(agrees(Endpoint::OmniVideo, text, &opts), Ok(true), "{text}");
    }
}

#[test]
fn the_client_sends_the_callers_id_once() {
    // The id comes from the build's own (lenient) read: a lone surrogate elsewhere in the request
    // once made a second, strict read miss the caller's id, so a generated one was added beside it.
    let text = r#"{"model_name":"kling-v3-omni","prompt":"cut \ud83d","aspect_ratio":"16:9","external_task_id":"job-4"}"#;
    let (body, id) = with_external_task_id(Endpoint::OmniVideo, text, &Options::default(), || "fresh".into()).unwrap();
    assert_eq!(id, "job-4");
    assert_eq!(body.matches("external_task_id").count(), 1, "{body}");
    let (body, id) = with_external_task_id(Endpoint::OmniVideo, &text.replace("job-4", ""), &Options::default(), || "fresh".into()).unwrap();
    assert_eq!(id, "fresh");
    assert!(body.ends_with(r#","external_task_id":"fresh"}"#) && body.matches("external_task_id").count() == 1, "{body}");
}

fn generated(endpoint: Endpoint, seed: Vec<u32>) -> Result<(), TestCaseError> {
    let mut p = Pick::new(seed);
    let g = families::generate(endpoint, &mut p);
    let mut text = g.text();
    // Some with the members the proxy replaces, as callers send them.
    for (key, member) in [("external_task_id", r#""external_task_id":"job-9""#), ("callback_url", r#""callback_url":"https://x.test/cb""#)] {
        if !g.req.contains_key(key) && p.chance(1, 2) {
            text = with_first(&text, member);
        }
    }
    let built = agrees(endpoint, &text, &Options::default()).map_err(TestCaseError::fail)?;
    prop_assert!(built, "a generated request builds: {}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn generated_requests_agree(s in seed(), e in 0usize..4) {
        let endpoint = [Endpoint::OmniVideo, Endpoint::TextToVideo, Endpoint::ImageToVideo, Endpoint::OmniImage][e];
        generated(endpoint, s)?;
    }
}
