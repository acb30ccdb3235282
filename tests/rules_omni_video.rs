//! Omni-Video rules, table-driven: every OV rule id and the general checks, each with at least
//! one passing and one failing request; the rule list is checked against the table.

mod common;

use kling_wasm::{api, Endpoint, Options, Report};
use serde_json::{json, Value};

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"model_name": "kling-v3-omni", "prompt": "A cat walks <<<image_1>>>", "aspect_ratio": "16:9", "duration": "5",
           "image_list": [{"image_url": "https://example.com/a.png"}]})
}

/// Shallow-merges `patch` into the base; a `null` in the patch removes the field.
fn with(patch: Value) -> Value {
    let mut v = base();
    for (k, p) in patch.as_object().unwrap() {
        if p.is_null() {
            v.as_object_mut().unwrap().remove(k);
        } else {
            v[k] = p.clone();
        }
    }
    v
}

fn check(req: &Value) -> Report {
    api::validate(Endpoint::OmniVideo, &req.to_string(), &Options::default())
}

enum Want {
    /// No issue under this rule id.
    Pass,
    /// An error with this code at this path, under the case's rule id.
    Err(&'static str, &'static str),
    /// A warning with this code at this path.
    Warn(&'static str, &'static str),
}
use Want::*;

fn ms(shots: &[(u32, &str)]) -> Value {
    Value::Array(shots.iter().enumerate().map(|(i, (d, p))| json!({"index": i + 1, "prompt": p, "duration": d.to_string()})).collect())
}

fn cases() -> Vec<(&'static str, Value, Want)> {
    let img = |t: &str| json!({"image_url": "https://example.com/x.png", "type": t});
    let plain = json!({"image_url": "https://example.com/r.png"});
    let vid = |r: &str| json!([{"video_url": "https://example.com/v.mp4", "refer_type": r}]);
    let els = |n: usize| Value::Array((0..n).map(|i| json!({"element_id": (100 + i).to_string()})).collect());
    vec![
        ("OV-1", with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(2, "a"), (3, "b")])})), Pass),
        ("OV-1", with(json!({"multi_shot": true, "prompt": null, "multi_prompt": ms(&[(5, "a")])})), Err("shot_type_required", "/shot_type")),
        ("OV-1", with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null})), Err("multi_prompt_required", "/multi_prompt")),
        (
            "OV-1",
            with(json!({"multi_shot": true, "shot_type": "customize", "multi_prompt": ms(&[(1, "a"); 7])})),
            Err("multi_prompt_required", "/multi_prompt"),
        ),
        ("OV-1-intelligence", with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(5, "a")])})), Pass),
        ("OV-1-intelligence", with(json!({"multi_shot": true, "shot_type": "intelligence"})), Err("invalid_enum", "/shot_type")),
        ("OV-2", base(), Pass),
        ("OV-2", with(json!({"prompt": "  "})), Err("prompt_required", "/prompt")),
        ("OV-2", with(json!({"prompt": null})), Err("prompt_required", "/prompt")),
        ("OV-2", with(json!({"multi_prompt": ms(&[(5, "a")])})), Warn("field_ignored", "/multi_prompt")),
        ("OV-2", with(json!({"multi_shot": true, "shot_type": "customize", "multi_prompt": ms(&[(5, "a")])})), Warn("field_ignored", "/prompt")),
        (
            "OV-3",
            with(json!({"image_list": [img("first_frame")], "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(5, "a")])})),
            Pass,
        ),
        (
            "OV-3",
            with(
                json!({"image_list": [img("first_frame"), img("end_frame")], "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(5, "a")])}),
            ),
            Err("multi_shot_with_end_frame", "/image_list/1/type"),
        ),
        ("OV-4", with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(5, "a")])})), Pass),
        (
            "OV-4",
            with(json!({"model_name": "kling-video-o1", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(5, "a")])})),
            Err("feature_unsupported", "/multi_shot"),
        ),
        (
            "OV-5",
            with(json!({"duration": "6", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(1, "a"), (2, "b"), (3, "c")])})),
            Pass,
        ),
        (
            "OV-5",
            with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": [{"index": 2, "prompt": "a", "duration": "5"}]})),
            Err("shot_index_sequence", "/multi_prompt/0/index"),
        ),
        (
            "OV-5",
            with(json!({"duration": "5", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(6, "a")])})),
            Err("shot_duration_range", "/multi_prompt/0/duration"),
        ),
        (
            "OV-5",
            with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(0, "a"), (5, "b")])})),
            Err("shot_duration_range", "/multi_prompt/0/duration"),
        ),
        ("OV-6", with(json!({"duration": "8", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(3, "a"), (5, "b")])})), Pass),
        (
            "OV-6",
            with(json!({"duration": "10", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": ms(&[(3, "a"), (5, "b")])})),
            Err("shot_duration_sum", "/multi_prompt"),
        ),
        ("OV-7", with(json!({"image_list": [img("first_frame"), img("end_frame")], "aspect_ratio": null})), Pass),
        ("OV-7", with(json!({"image_list": [img("end_frame")]})), Err("end_frame_without_first", "/image_list/0/type")),
        ("OV-8", with(json!({"image_list": [img("first_frame")], "aspect_ratio": null, "video_list": vid("feature"), "prompt": "x <<<video_1>>>"})), Pass),
        (
            "OV-8",
            with(json!({"image_list": [img("first_frame")], "aspect_ratio": null, "video_list": vid("base"), "prompt": "x <<<video_1>>>"})),
            Err("frames_with_base_video", "/video_list/0/refer_type"),
        ),
        (
            "OV-8",
            with(
                json!({"image_list": [img("first_frame")], "aspect_ratio": null, "video_list": [{"video_url": "https://e.com/v.mp4"}], "prompt": "x <<<video_1>>>"}),
            ),
            Err("frames_with_base_video", "/video_list/0/refer_type"),
        ),
        ("OV-9", with(json!({"model_name": "kling-video-o1", "image_list": [img("first_frame"), img("end_frame")]})), Pass),
        (
            "OV-9",
            with(json!({"model_name": "kling-video-o1", "image_list": [img("first_frame"), plain.clone(), img("end_frame")], "prompt": "<<<image_2>>>"})),
            Err("end_frame_with_many_images", "/image_list/2/type"),
        ),
        (
            "OV-9",
            with(json!({"image_list": [img("first_frame"), plain.clone(), img("end_frame")], "prompt": "<<<image_2>>>"})),
            Warn("end_frame_with_many_images", "/image_list/2/type"),
        ),
        ("OV-10", with(json!({"image_list": [img("first_frame"), img("end_frame")]})), Pass),
        ("OV-10", with(json!({"image_list": [img("first_frame"), img("first_frame")]})), Err("duplicate_frame_type", "/image_list/1/type")),
        ("OV-10", with(json!({"image_list": [img("first_frame"), img("end_frame"), img("end_frame")]})), Err("duplicate_frame_type", "/image_list/2/type")),
        ("OV-11", with(json!({"image_list": vec![plain.clone(); 3], "element_list": els(4), "prompt": "<<<image_1>>><<<image_2>>><<<image_3>>>"})), Pass),
        ("OV-11", with(json!({"image_list": vec![plain.clone(); 4], "element_list": els(4)})), Err("too_many_references", "/image_list")),
        (
            "OV-11",
            with(json!({"image_list": vec![plain.clone(); 2], "element_list": els(3), "video_list": vid("feature")})),
            Err("too_many_references", "/image_list"),
        ),
        ("OV-12", with(json!({"image_list": [img("first_frame")], "element_list": els(3)})), Pass),
        ("OV-12", with(json!({"image_list": [img("first_frame")], "element_list": els(4)})), Err("too_many_elements_with_frames", "/element_list")),
        (
            "OV-12",
            with(json!({"model_name": "kling-video-o1", "image_list": [img("first_frame"), img("end_frame")], "element_list": els(1)})),
            Err("too_many_elements_with_frames", "/element_list"),
        ),
        ("OV-13", with(json!({"element_list": [{"element_id": "7"}], "video_list": vid("feature")})), Pass),
        ("OV-14", with(json!({"video_list": vid("feature"), "prompt": "<<<video_1>>> <<<image_1>>>"})), Pass),
        (
            "OV-14",
            with(
                json!({"video_list": [{"video_url": "https://e.com/1.mp4", "refer_type": "feature"}, {"video_url": "https://e.com/2.mp4", "refer_type": "feature"}]}),
            ),
            Err("too_many_items", "/video_list"),
        ),
        ("OV-15", with(json!({"sound": "off", "video_list": vid("feature")})), Pass),
        ("OV-15", with(json!({"sound": "on", "video_list": vid("feature")})), Err("sound_with_video", "/sound")),
        ("OV-16", with(json!({"video_list": [{"video_url": "https://e.com/v.mp4", "refer_type": "feature", "keep_original_sound": "yes"}]})), Pass),
        (
            "OV-16",
            with(json!({"video_list": [{"video_url": "https://e.com/v.mp4", "refer_type": "base", "keep_original_sound": "true"}], "aspect_ratio": null})),
            Err("invalid_enum", "/video_list/0/keep_original_sound"),
        ),
        ("OV-17", with(json!({"image_list": [img("first_frame")], "aspect_ratio": null})), Pass),
        ("OV-17", with(json!({"aspect_ratio": null})), Err("aspect_ratio_required", "/aspect_ratio")),
        ("OV-17", with(json!({"aspect_ratio": null, "video_list": vid("feature")})), Err("aspect_ratio_required", "/aspect_ratio")),
        ("OV-17", with(json!({"image_list": [img("first_frame")]})), Warn("field_ignored", "/aspect_ratio")),
        ("OV-18", with(json!({"model_name": "kling-video-o1", "duration": "10", "image_list": null, "prompt": "text only"})), Pass),
        (
            "OV-18",
            with(json!({"model_name": "kling-video-o1", "duration": "7", "image_list": null, "prompt": "text only"})),
            Err("duration_not_allowed", "/duration"),
        ),
        ("OV-18", with(json!({"model_name": "kling-video-o1", "duration": "7"})), Pass),
        ("OV-18", with(json!({"model_name": "kling-video-o1", "duration": "11"})), Err("duration_not_allowed", "/duration")),
        ("OV-19", with(json!({"duration": "15"})), Pass),
        ("OV-19", with(json!({"duration": "2"})), Err("duration_not_allowed", "/duration")),
        ("OV-19", with(json!({"duration": "12", "video_list": vid("feature")})), Err("duration_not_allowed", "/duration")),
        ("OV-19", with(json!({"duration": "12", "video_list": vid("base"), "aspect_ratio": null})), Warn("field_ignored", "/duration")),
        // General checks (GEN-*), run on omni-video requests.
        ("GEN-TYPE", with(json!({"multi_shot": "true"})), Err("wrong_type", "/multi_shot")),
        ("GEN-TYPE", with(json!({"image_list": {"image_url": "https://e.com/a.png"}})), Err("wrong_type", "/image_list")),
        ("GEN-ENUM", with(json!({"mode": "std"})), Pass),
        ("GEN-ENUM", with(json!({"mode": "4k"})), Err("invalid_enum", "/mode")),
        ("GEN-ENUM", with(json!({"aspect_ratio": "4:3"})), Err("invalid_enum", "/aspect_ratio")),
        ("GEN-LENGTH", with(json!({"prompt": "图".repeat(2500) + "<<<image_1>>>"})), Err("too_long", "/prompt")),
        ("GEN-LENGTH", with(json!({"prompt": "图".repeat(2480) + "<<<image_1>>>"})), Pass),
        (
            "GEN-LENGTH",
            with(
                json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": [{"index": 1, "prompt": "x".repeat(513), "duration": "5"}]}),
            ),
            Err("too_long", "/multi_prompt/0/prompt"),
        ),
        ("GEN-REQUIRED", with(json!({"image_list": [{"type": "first_frame"}]})), Err("required", "/image_list/0/image_url")),
        ("GEN-EMPTY", with(json!({"image_list": [{"image_url": ""}]})), Err("empty_string", "/image_list/0/image_url")),
        ("GEN-UNKNOWN", with(json!({"negative_prompt": "blur"})), Err("unknown_field", "/negative_prompt")),
        (
            "GEN-UNKNOWN",
            with(json!({"image_list": [{"image_url": "https://e.com/a.png", "refer_type": "subject"}]})),
            Err("unknown_field", "/image_list/0/refer_type"),
        ),
        ("GEN-URL", with(json!({"callback_url": "https://hooks.example.com/kling"})), Pass),
        ("GEN-URL", with(json!({"callback_url": "/relative/path"})), Err("invalid_url", "/callback_url")),
        ("GEN-URL", with(json!({"video_list": [{"video_url": "ftp://e.com/v.mp4", "refer_type": "feature"}]})), Err("invalid_url", "/video_list/0/video_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "iVBORw0KGgoAAAANSUhEUgAA"}]})), Pass),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "data:image/png;base64,iVBORw0KGgo="}]})), Err("data_uri_prefix", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "not an image"}]})), Err("invalid_image", "/image_list/0/image_url")),
        // Issue 15: an 8+ character word of the base64 alphabet is not an image.
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "not-a-url"}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "AAAAAAAAAAAA"}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "/9j/4AAQSkZJRgABAQ=="}]})), Pass),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "_9j_4AAQSkZJRgABAQ"}]})), Pass),
        // Mixed alphabets, a length no base64 has, padding before the end or to no multiple of 4.
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "/9j/4AAQ_kZJRgABAQ"}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "iVBORw0KGgoAA"}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "iVBORw0KGgo=="}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image_url": "iVBORw0K=GgoAAAA"}]})), Err("invalid_image", "/image_list/0/image_url")),
        ("GEN-INT64", with(json!({"element_list": [{"element_id": "829836802793406551"}], "prompt": "<<<element_1>>> <<<image_1>>>"})), Pass),
        ("GEN-INT64", with(json!({"element_list": [{"element_id": 829836802793406551u64}]})), Err("unsafe_integer", "/element_list/0/element_id")),
        ("GEN-INT64", with(json!({"element_list": [{"element_id": "12a"}]})), Err("invalid_element_id", "/element_list/0/element_id")),
        ("GEN-INT64", with(json!({"element_list": [{"element_id": -3}]})), Err("invalid_element_id", "/element_list/0/element_id")),
        ("GEN-DURATION", with(json!({"duration": 5})), Pass),
        ("GEN-DURATION", with(json!({"duration": "5s"})), Err("invalid_duration", "/duration")),
        ("GEN-DURATION", with(json!({"duration": 5.5})), Err("invalid_duration", "/duration")),
        ("GEN-MODEL-DEFAULT", base(), Pass),
        ("GEN-MODEL-DEFAULT", with(json!({"model_name": null})), Warn("model_defaulted", "/model_name")),
        ("GEN-MODEL", with(json!({"model_name": "kling-v3"})), Err("model_not_for_endpoint", "/model_name")),
        ("GEN-REF", with(json!({"prompt": "<<<image_2>>>"})), Err("dangling_reference", "/prompt")),
        ("GEN-REF", with(json!({"prompt": "<<<element_1>>> <<<image_1>>>"})), Err("dangling_reference", "/prompt")),
        (
            "GEN-REF",
            with(
                json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": [{"index": 1, "prompt": "<<<video_1>>>", "duration": "5"}]}),
            ),
            Err("dangling_reference", "/multi_prompt/0/prompt"),
        ),
        ("GEN-REF-UNUSED", with(json!({"prompt": "no refs"})), Warn("unused_reference", "/image_list/0")),
        (
            "GEN-REF-UNUSED",
            with(json!({"image_list": [{"image_url": "https://e.com/a.png", "type": "first_frame"}], "prompt": "frames need no ref", "aspect_ratio": null})),
            Pass,
        ),
        ("GEN-CAPS", with(json!({"sound": "on"})), Pass),
        ("GEN-CAPS", with(json!({"model_name": "kling-video-o1", "sound": "on"})), Err("feature_unsupported", "/sound")),
        // Beside OV-15 too: each reason on its own (so with OV-15 turned down the model still refuses sound).
        (
            "GEN-CAPS",
            with(json!({"model_name": "kling-video-o1", "sound": "on", "video_list": [{"video_url": "https://e.com/v.mp4", "refer_type": "feature"}]})),
            Err("feature_unsupported", "/sound"),
        ),
    ]
}

#[test]
fn every_rule_has_a_passing_and_a_failing_case() {
    let table = cases();
    let mut missing = Vec::new();
    // Every OV rule the registry lists (src/schema/omni_video.rs).
    for rule in kling_wasm::schema::omni_video::FAMILY.rules.iter().map(|r| &r.id) {
        let pass = table.iter().any(|(r, _, w)| r == rule && matches!(w, Pass));
        let fail = table.iter().any(|(r, _, w)| r == rule && !matches!(w, Pass));
        // OV-13 needs the caller's element types; its failing case is in `ov13_with_known_element_types`.
        if !pass || (!fail && *rule != "OV-13") {
            missing.push(*rule);
        }
    }
    assert!(missing.is_empty(), "rules without both cases: {missing:?}");
}

#[test]
fn rules_table() {
    let mut failures = Vec::new();
    for (n, (rule, req, want)) in cases().into_iter().enumerate() {
        let report = check(&req);
        // Every rule the checks report under is in the registry (docs/rules.md lists them).
        if let Some(i) = report.issues.iter().find(|i| kling_wasm::schema::rule(i.rule).is_none()) {
            failures.push(format!("case {n}: rule {} is not registered in src/schema", i.rule));
        }
        let of_rule: Vec<_> = report.issues.iter().filter(|i| i.rule == rule).collect();
        let ok = match want {
            Pass => of_rule.is_empty(),
            Err(code, path) | Warn(code, path) => {
                let sev = if matches!(want, Err(..)) { "error" } else { "warning" };
                of_rule.iter().any(|i| i.code.as_str() == code && i.path == path && format!("{:?}", i.severity).to_lowercase() == sev)
            }
        };
        if !ok {
            failures
                .push(format!("case {n} ({rule}): {req}\n   got {:?}", report.issues.iter().map(|i| (i.rule, i.code.as_str(), &i.path)).collect::<Vec<_>>()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    common::write_schema_cases(Endpoint::OmniVideo, cases().iter().map(|c| &c.1));
}

#[test]
fn ov13_with_known_element_types() {
    let req = with(
        json!({"element_list": [{"element_id": "7"}, {"element_id": "8"}], "video_list": [{"video_url": "https://e.com/v.mp4", "refer_type": "feature"}]}),
    );
    let opts = Options { element_types: vec![("8".into(), "video_refer".into()), ("7".into(), "image_refer".into())], ..Options::default() };
    let report = api::validate(Endpoint::OmniVideo, &req.to_string(), &opts);
    let hits: Vec<_> = report.issues.iter().filter(|i| i.rule == "OV-13").collect();
    assert_eq!(hits.len(), 1, "{:?}", report.issues);
    assert_eq!(hits[0].path, "/element_list/1/element_id");
    assert_eq!(hits[0].code.as_str(), "video_element_with_video");
}

#[test]
fn base_request_is_clean() {
    let r = check(&base());
    assert!(r.ok && r.issues.is_empty(), "{:?}", r.issues);
}

/// Every item of element_list is sent, so every item counts toward OV-11 and OV-12: with GEN-INT64
/// turned off, items whose ids are no ids still count (the schema's maxItems counts them too).
#[test]
fn ov11_counts_every_element_sent() {
    let bad_ids = Value::Array((0..8).map(|_| json!({"element_id": "x"})).collect());
    let req = with(json!({"element_list": bad_ids, "image_list": null, "prompt": "a cat"}));
    let opts = Options { rules: vec![("GEN-INT64".into(), kling_wasm::Level::Off)], ..Options::default() };
    let report = api::validate(Endpoint::OmniVideo, &req.to_string(), &opts);
    let hits: Vec<_> = report.issues.iter().filter(|i| i.rule == "OV-11").map(|i| (i.code.as_str(), i.path.as_str())).collect();
    assert_eq!(hits, vec![("too_many_references", "/element_list")], "{:?}", report.issues);
    let seven = Value::Array((0..7).map(|_| json!({"element_id": "x"})).collect());
    let report = api::validate(Endpoint::OmniVideo, &with(json!({"element_list": seven, "image_list": null, "prompt": "a cat"})).to_string(), &opts);
    assert!(!report.issues.iter().any(|i| i.rule == "OV-11"), "{:?}", report.issues);
}

/// A model name the endpoint lacks is quoted in the message, so an empty one (a form's unselected
/// `<select>`) reads `""` instead of a sentence that starts with a blank.
#[test]
fn unknown_model_is_quoted_in_the_message() {
    for (model, starts) in [("", "\"\" is not available on "), ("kling-v1", "\"kling-v1\" is not available on ")] {
        let r = check(&with(json!({ "model_name": model })));
        let issue = r.issues.iter().find(|i| i.path == "/model_name").unwrap_or_else(|| panic!("{model:?}: {:?}", r.issues));
        assert!(issue.message.starts_with(starts), "{model:?}: {}", issue.message);
    }
}
