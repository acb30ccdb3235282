//! Custom-voice rules, table-driven: every VC rule id (from the family's own list) with passing
//! and failing requests, the family's general checks, golden bodies (no model_name), policy
//! overrides and zh messages (kling-api.md §8.2).

mod common;

use common::{build, check_zh, merge, rules, validate, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::CustomVoice;

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"voice_name": "Narrator", "voice_url": "https://example.com/sample.wav"})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn cases() -> Vec<Case> {
    let by_video = json!({"voice_url": null, "video_id": "860a1f2c"});
    vec![
        ("VC-1", with(by_video.clone()), Pass),
        ("VC-1", with(json!({"voice_url": null})), Err("one_of_required", "/voice_url")),
        ("VC-1", with(json!({"video_id": "860a1f2c"})), Err("exclusive_fields", "/video_id")),
        ("VC-2", with(json!({"voice_url": "https://example.com/a.MP3"})), Pass),
        ("VC-2", with(json!({"voice_url": "https://example.com/clip.mov?x=1.ogg"})), Pass),
        ("VC-2", with(json!({"voice_url": "https://example.com/signed/voice"})), Pass),
        ("VC-2", with(json!({"voice_url": "https://example.com/a.ogg"})), Err("file_extension", "/voice_url")),
        // General checks with a custom-voice shape.
        ("GEN-REQUIRED", with(json!({"voice_name": null})), Err("required", "/voice_name")),
        ("GEN-UNKNOWN", with(json!({"voice_id": "x"})), Err("unknown_field", "/voice_id")),
        ("GEN-UNKNOWN", with(json!({"model_name": "kling-v2-6"})), Err("unknown_field", "/model_name")),
        ("GEN-EMPTY", with(json!({"voice_name": ""})), Err("empty_string", "/voice_name")),
        ("GEN-EMPTY", merge(&with(by_video.clone()), json!({"video_id": " "})), Err("empty_string", "/video_id")),
        ("GEN-EMPTY", with(json!({"voice_url": ""})), Err("empty_string", "/voice_url")),
        ("GEN-LENGTH", with(json!({"voice_name": "声".repeat(20)})), Pass),
        ("GEN-LENGTH", with(json!({"voice_name": "声".repeat(21)})), Err("too_long", "/voice_name")),
        ("GEN-TYPE", merge(&with(by_video), json!({"video_id": 12})), Err("wrong_type", "/video_id")),
        ("GEN-URL", with(json!({"voice_url": "example.com/a.mp3"})), Err("invalid_url", "/voice_url")),
        ("GEN-URL", with(json!({"callback_url": "/cb"})), Err("invalid_url", "/callback_url")),
    ]
}

family_tests!(EP, &common::rule_ids(EP), "custom_voice", 3);

/// No model: none is named in the body, and a model-less request gets no model warning.
#[test]
fn no_model_name() {
    let r = validate(EP, &base(), &Options::default());
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert!(build(EP, &base(), &Options::default()).unwrap().get("model_name").is_none());
}

/// A rule turned off or to "warning" lets the request through with the fields unchanged.
#[test]
fn policy_overrides() {
    let both = with(json!({"video_id": "860a1f2c"}));
    assert!(build(EP, &both, &Options::default()).is_err());
    let r = validate(EP, &both, &rules(&[("VC-1", Level::Warning)]));
    assert!(r.ok && r.issues.iter().any(|i| i.rule == "VC-1"), "{:?}", r.issues);
    let body = build(EP, &both, &rules(&[("VC-1", Level::Off)])).unwrap();
    assert_eq!((body["voice_url"].as_str(), body["video_id"].as_str()), (Some("https://example.com/sample.wav"), Some("860a1f2c")));
    let ogg = with(json!({"voice_url": "https://example.com/a.ogg"}));
    assert!(!validate(EP, &ogg, &Options::default()).ok);
    assert!(validate(EP, &ogg, &rules(&[("VC-2", Level::Off)])).ok);
}

#[test]
fn chinese_messages() {
    let zh = check_zh(EP, &json!({"voice_name": "声".repeat(21), "voice_url": "https://example.com/a.ogg", "video_id": "x"}));
    assert!(zh.issues.len() >= 3, "{:?}", zh.issues);
    assert_eq!(check_zh(EP, &json!({"voice_name": "v"})).issues.len(), 1);
}

/// No models: the capability map names none for the family.
#[test]
fn endpoint_has_no_models() {
    assert!(!EP.has_models());
    common::assert_models(EP, &[]);
}
