//! Omni-Video bodies: golden bodies for the spec's invocation examples, the body rules (string
//! durations, exact element ids, explicit model, ignored fields dropped) and bad input.

#[path = "common/shape.rs"]
mod shape;

use kling_wasm::{api, Endpoint, Level, Options};
use serde_json::{json, Value};

fn build(req: &str, opts: &Options) -> Result<Value, Vec<(String, String)>> {
    match api::build(Endpoint::OmniVideo, req, opts) {
        Ok(b) => Ok(serde_json::from_str(&b.body).expect("the body is JSON")),
        Err(r) => Err(r.issues.iter().map(|i| (i.code.as_str().to_owned(), i.path.clone())).collect()),
    }
}

/// (name, request, expected body): the S1/S2 invocation examples, as a caller would write them
/// (also read by tests/schema_corpus.rs).
pub(crate) fn goldens() -> Vec<(&'static str, Value, Value)> {
    vec![
        (
            "text-to-video multi-shot",
            json!({"model_name": "kling-v3-omni", "multi_shot": true, "shot_type": "customize", "prompt": "",
                   "multi_prompt": [{"index": 1, "prompt": "A girl opens the door", "duration": "2"},
                                    {"index": 2, "prompt": "She walks into the garden", "duration": "3"}],
                   "mode": "pro", "aspect_ratio": "16:9", "duration": "5", "sound": "on"}),
            json!({"model_name": "kling-v3-omni", "multi_shot": true, "shot_type": "customize", "prompt": "",
                   "multi_prompt": [{"index": 1, "prompt": "A girl opens the door", "duration": "2"},
                                    {"index": 2, "prompt": "She walks into the garden", "duration": "3"}],
                   "mode": "pro", "aspect_ratio": "16:9", "duration": "5", "sound": "on"}),
        ),
        (
            "image-to-video multi-shot",
            json!({"model_name": "kling-v3-omni", "multi_shot": true, "shot_type": "customize",
                   "image_list": [{"image_url": "https://example.com/first.png", "type": "first_frame"}],
                   "multi_prompt": [{"index": 1, "prompt": "The cat looks up", "duration": 3},
                                    {"index": 2, "prompt": "The cat jumps", "duration": 4}],
                   "mode": "std", "duration": 7}),
            json!({"model_name": "kling-v3-omni", "multi_shot": true, "shot_type": "customize",
                   "image_list": [{"image_url": "https://example.com/first.png", "type": "first_frame"}],
                   "multi_prompt": [{"index": 1, "prompt": "The cat looks up", "duration": "3"},
                                    {"index": 2, "prompt": "The cat jumps", "duration": "4"}],
                   "mode": "std", "duration": "7"}),
        ),
        (
            "reference video (feature)",
            json!({"model_name": "kling-v3-omni", "prompt": "Generate the next shot of <<<video_1>>>, in the style of <<<image_1>>>",
                   "image_list": [{"image_url": "https://example.com/style.jpg"}],
                   "video_list": [{"video_url": "https://example.com/clip.mp4", "refer_type": "feature", "keep_original_sound": "no"}],
                   "aspect_ratio": "9:16", "duration": "8", "sound": "off"}),
            json!({"model_name": "kling-v3-omni", "prompt": "Generate the next shot of <<<video_1>>>, in the style of <<<image_1>>>",
                   "image_list": [{"image_url": "https://example.com/style.jpg"}],
                   "video_list": [{"video_url": "https://example.com/clip.mp4", "refer_type": "feature", "keep_original_sound": "no"}],
                   "aspect_ratio": "9:16", "duration": "8", "sound": "off"}),
        ),
        (
            "video editing (base), O1 by default",
            json!({"prompt": "Put the crown from <<<image_1>>> on the girl in <<<video_1>>>",
                   "image_list": [{"image_url": "https://example.com/crown.png"}],
                   "video_list": [{"video_url": "https://example.com/girl.mp4", "refer_type": "base", "keep_original_sound": "yes"}],
                   "aspect_ratio": "16:9", "duration": "5"}),
            json!({"model_name": "kling-video-o1", "prompt": "Put the crown from <<<image_1>>> on the girl in <<<video_1>>>",
                   "image_list": [{"image_url": "https://example.com/crown.png"}],
                   "video_list": [{"video_url": "https://example.com/girl.mp4", "refer_type": "base", "keep_original_sound": "yes"}]}),
        ),
    ]
}

#[test]
fn golden_bodies() {
    for (name, req, want) in goldens() {
        let got = build(&req.to_string(), &Options::default()).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(got, want, "{name}");
        // The body fits the schema table: declared keys only, required ones there, values as sent.
        shape::assert_body_fits(Endpoint::OmniVideo, &got, name);
    }
}

#[test]
fn element_ids_keep_their_digits() {
    let req = r#"{"model_name":"kling-v3-omni","prompt":"<<<element_1>>> and <<<element_2>>>","aspect_ratio":"1:1",
                  "element_list":[{"element_id":"829836802793406551"},{"element_id":42}]}"#;
    let b = api::build(Endpoint::OmniVideo, req, &Options::default()).expect("valid");
    assert!(b.body.contains(r#"{"element_id":829836802793406551}"#), "{}", b.body);
    assert!(b.body.contains(r#"{"element_id":42}"#), "{}", b.body);
}

#[test]
fn exact_numbers_from_json_text_are_kept() {
    let req = r#"{"model_name":"kling-v3-omni","prompt":"<<<element_1>>>","aspect_ratio":"1:1","element_list":[{"element_id":829836802793406551}]}"#;
    assert!(build(req, &Options::default()).is_err(), "from JS, a number above 2^53 has lost digits");
    let opts = Options { exact_numbers: true, ..Options::default() };
    let b = api::build(Endpoint::OmniVideo, req, &opts).expect("exact digits from text");
    assert!(b.body.contains("829836802793406551"), "{}", b.body);
}

#[test]
fn ignored_fields_are_dropped_with_a_warning_and_kept_when_the_rule_is_off() {
    let req = json!({"model_name": "kling-v3-omni", "prompt": "a dog", "aspect_ratio": "1:1", "shot_type": "customize",
                     "multi_prompt": [{"index": 1, "prompt": "x", "duration": "5"}]});
    let b = api::build(Endpoint::OmniVideo, &req.to_string(), &Options::default()).expect("valid");
    let body: Value = serde_json::from_str(&b.body).unwrap();
    assert!(body.get("multi_prompt").is_none() && body.get("shot_type").is_none(), "{body}");
    assert_eq!(b.report.issues.iter().filter(|i| i.code.as_str() == "field_ignored").count(), 2);

    let opts = Options { rules: vec![("OV-2".into(), Level::Off)], ..Options::default() };
    let b = api::build(Endpoint::OmniVideo, &req.to_string(), &opts).expect("valid");
    let body: Value = serde_json::from_str(&b.body).unwrap();
    assert!(body.get("multi_prompt").is_some() && body.get("shot_type").is_some(), "{body}");
}

#[test]
fn unknown_field_fails_by_default_and_passes_through_as_a_warning() {
    let req = json!({"model_name": "kling-v3-omni", "prompt": "a dog", "aspect_ratio": "1:1", "negative_prompt": "blur"});
    let err = build(&req.to_string(), &Options::default()).unwrap_err();
    assert!(err.contains(&("unknown_field".into(), "/negative_prompt".into())), "{err:?}");
    let opts = Options { rules: vec![("GEN-UNKNOWN".into(), Level::Warning)], ..Options::default() };
    let body = build(&req.to_string(), &opts).expect("valid as a warning");
    assert_eq!(body["negative_prompt"], "blur");
}

#[test]
fn a_rule_turned_to_warning_changes_ok() {
    let req = json!({"model_name": "kling-v3-omni", "prompt": "a dog", "aspect_ratio": "1:1", "sound": "on",
                     "video_list": [{"video_url": "https://e.com/v.mp4", "refer_type": "feature"}], "duration": "5"});
    assert!(!api::validate(Endpoint::OmniVideo, &req.to_string(), &Options::default()).ok);
    let opts = Options { rules: vec![("OV-15".into(), Level::Warning)], ..Options::default() };
    let r = api::validate(Endpoint::OmniVideo, &req.to_string(), &opts);
    assert!(r.ok, "{:?}", r.issues);
    assert!(r.issues.iter().any(|i| i.rule == "OV-15"));
    assert_eq!(build(&req.to_string(), &opts).unwrap()["sound"], "on");
}

#[test]
fn nulls_are_absent() {
    let req = r#"{"model_name":"kling-v3-omni","prompt":"a dog","aspect_ratio":"1:1","callback_url":null,"watermark_info":null}"#;
    let body = build(req, &Options::default()).expect("valid");
    assert!(body.get("callback_url").is_none() && body.get("watermark_info").is_none());
}

#[test]
fn bad_input_gets_issues_not_panics() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let huge = format!(r#"{{"prompt":"{}"}}"#, "x".repeat(10 << 20));
    let cases: Vec<(&str, &str, &str)> = vec![
        ("", "invalid_json", ""),
        ("null", "wrong_type", ""),
        ("[]", "wrong_type", ""),
        ("\"text\"", "wrong_type", ""),
        ("42", "wrong_type", ""),
        (&deep, "too_deep", ""),
        (r#"{"prompt":"a","prompt":"b"}"#, "duplicate_field", "/prompt"),
        (r#"{"__proto__":{"x":1},"constructor":"y"}"#, "unknown_field", "/__proto__"),
        (r#"{"duration":{"\u0000js":"number","v":"NaN"}}"#, "invalid_duration", "/duration"),
        (r#"{"prompt":{"\u0000js":"bigint","v":"5"}}"#, "wrong_type", "/prompt"),
        (
            r#"{"element_list":[{"element_id":{"\u0000js":"bigint","v":"829836802793406551"}}],"prompt":"a","model_name":"kling-v3-omni","aspect_ratio":"1:1"}"#,
            "unused_reference",
            "/element_list/0",
        ),
        (&huge, "too_long", "/prompt"),
    ];
    for (text, code, path) in cases {
        let r = api::validate(Endpoint::OmniVideo, text, &Options::default());
        assert!(r.issues.iter().any(|i| i.code.as_str() == code && i.path == path), "{:.80}: {:?}", text, r.issues);
        assert!(api::build(Endpoint::OmniVideo, text, &Options::default()).is_err() || code == "unused_reference");
    }
}

#[test]
fn a_lone_surrogate_is_repaired_with_a_warning() {
    // What JSON.stringify writes for "cat 🐱".slice(0, -1): half of a surrogate pair.
    let req = r#"{"model_name":"kling-v3-omni","prompt":"cat \ud83d","aspect_ratio":"1:1"}"#;
    let b = api::build(Endpoint::OmniVideo, req, &Options::default()).expect("repaired, not refused");
    assert!(b.report.issues.iter().any(|i| i.code.as_str() == "lone_surrogate" && i.path.is_empty()));
    let body: Value = serde_json::from_str(&b.body).unwrap();
    assert_eq!(body["prompt"], "cat \u{FFFD}");
}

/// The schema check of golden bodies is not vacuous: each kind of departure is named.
#[test]
fn the_schema_check_finds_what_does_not_fit() {
    let body = json!({"model_name": "kling-v9", "promt": "x", "duration": 5, "image_list": [{"type": "first_frame"}],
                      "element_list": [{"element_id": "12"}], "watermark_info": {"enabled": "yes"}});
    let found = shape::body_problems(Endpoint::OmniVideo, &body);
    for at in [
        "/model_name:",
        "/promt: not a declared field",
        "/duration:",
        "/image_list/0/image_url: required",
        "/element_list/0/element_id:",
        "/watermark_info/enabled:",
    ] {
        assert!(found.iter().any(|p| p.starts_with(at)), "{at} in {found:?}");
    }
    assert_eq!(found.len(), 6, "{found:?}");
}
