//! Omni-Image rules, table-driven: every OI rule id (from the family's own list) with passing and
//! failing requests, the family's general checks, golden bodies, policy overrides, zh messages.

mod common;

use common::{build, check_zh, merge, named, rules, validate, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::OmniImage;

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"model_name": "kling-v3-omni", "prompt": "A poster of <<<image_1>>>", "image_list": [{"image": "https://example.com/a.png"}],
           "resolution": "2k", "aspect_ratio": "1:1"})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn images(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"image": format!("https://example.com/{i}.png")})).collect())
}

fn elements(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"element_id": (1000 + i).to_string()})).collect())
}

fn cases() -> Vec<Case> {
    let o1 = |patch: Value| merge(&with(json!({"model_name": "kling-image-o1", "resolution": "1k"})), patch);
    let text_only = json!({"image_list": null, "prompt": "A lighthouse at dawn"});
    vec![
        ("OI-1", with(json!({"image_list": images(5), "element_list": elements(5), "prompt": named("image", 5) + &named("element", 5)})), Pass),
        (
            "OI-1",
            with(json!({"image_list": images(6), "element_list": elements(5), "prompt": named("image", 6) + &named("element", 5)})),
            Err("too_many_references", "/image_list"),
        ),
        ("OI-1", with(json!({"image_list": null, "element_list": elements(11), "prompt": named("element", 11)})), Err("too_many_references", "/element_list")),
        ("OI-2", with(json!({"resolution": "4k"})), Pass),
        ("OI-2", o1(json!({"resolution": "2k"})), Pass),
        ("OI-2", o1(json!({"resolution": "4k"})), Err("value_not_for_model", "/resolution")),
        ("OI-3", with(json!({"result_type": "series"})), Pass),
        ("OI-3", o1(json!({"result_type": "single"})), Pass),
        ("OI-3", o1(json!({"result_type": "series"})), Err("value_not_for_model", "/result_type")),
        ("OI-3-image", with(json!({"result_type": "series", "series_amount": 6})), Pass),
        ("OI-3-image", with(json!({"result_type": "series", "image_list": null, "element_list": elements(1), "prompt": "<<<element_1>>>"})), Pass),
        ("OI-3-image", merge(&with(text_only.clone()), json!({"result_type": "series"})), Warn("series_needs_image", "/result_type")),
        ("OI-4", with(json!({"n": 4})), Pass),
        ("OI-4", with(json!({"result_type": "series", "series_amount": 9})), Pass),
        ("OI-4", with(json!({"result_type": "series", "n": 2})), Warn("field_ignored", "/n")),
        ("OI-4", with(json!({"series_amount": 3})), Warn("field_ignored", "/series_amount")),
        ("OI-4", with(json!({"result_type": "single", "series_amount": 3})), Warn("field_ignored", "/series_amount")),
        ("OI-5", o1(json!({"aspect_ratio": "auto"})), Pass),
        ("OI-5", merge(&with(text_only.clone()), json!({"aspect_ratio": "auto"})), Pass),
        ("OI-5", merge(&o1(text_only.clone()), json!({"aspect_ratio": "auto"})), Warn("feature_disputed", "/aspect_ratio")),
        ("OI-5", merge(&o1(text_only.clone()), json!({"aspect_ratio": null})), Warn("feature_disputed", "/aspect_ratio")),
        // General checks with an omni-image shape.
        ("GEN-REQUIRED", with(json!({"prompt": null})), Err("required", "/prompt")),
        ("GEN-REQUIRED", with(json!({"image_list": [{"image_url": "https://example.com/a.png"}]})), Err("required", "/image_list/0/image")),
        ("GEN-UNKNOWN", with(json!({"image_list": [{"image_url": "https://example.com/a.png"}]})), Err("unknown_field", "/image_list/0/image_url")),
        ("GEN-UNKNOWN", with(json!({"negative_prompt": "blur"})), Err("unknown_field", "/negative_prompt")),
        ("GEN-EMPTY", with(json!({"prompt": "  "})), Err("empty_string", "/prompt")),
        ("GEN-EMPTY", with(json!({"image_list": [{"image": ""}]})), Err("empty_string", "/image_list/0/image")),
        ("GEN-LENGTH", with(json!({"prompt": "画".repeat(2501)})), Err("too_long", "/prompt")),
        ("GEN-RANGE", with(json!({"n": 9})), Pass),
        ("GEN-RANGE", with(json!({"n": 10})), Err("out_of_range", "/n")),
        ("GEN-RANGE", with(json!({"n": 0})), Err("out_of_range", "/n")),
        ("GEN-RANGE", with(json!({"result_type": "series", "series_amount": 1})), Err("out_of_range", "/series_amount")),
        ("GEN-TYPE", with(json!({"n": "9"})), Err("wrong_type", "/n")),
        ("GEN-ENUM", with(json!({"resolution": "4K"})), Err("invalid_enum", "/resolution")),
        ("GEN-ENUM", with(json!({"aspect_ratio": "5:4"})), Err("invalid_enum", "/aspect_ratio")),
        ("GEN-ENUM", with(json!({"aspect_ratio": "21:9"})), Pass),
        ("GEN-ENUM", with(json!({"result_type": "multi"})), Err("invalid_enum", "/result_type")),
        ("GEN-IMAGE", with(json!({"image_list": [{"image": "data:image/png;base64,iVBORw0KGgo="}]})), Err("data_uri_prefix", "/image_list/0/image")),
        ("GEN-MODEL", with(json!({"model_name": "kling-v3"})), Err("model_not_for_endpoint", "/model_name")),
        ("GEN-MODEL-DEFAULT", with(json!({"model_name": null})), Warn("model_defaulted", "/model_name")),
        // §2.4: elements as <<<element_N>>> or <<<object_N>>>; an alias that dangles is still an error.
        ("GEN-REF", with(json!({"element_list": elements(1), "prompt": "<<<image_1>>> with <<<object_1>>>"})), Pass),
        ("GEN-REF", with(json!({"element_list": elements(1), "prompt": "<<<image_1>>> with <<<element_1>>>"})), Pass),
        ("GEN-REF", with(json!({"element_list": elements(1), "prompt": "<<<image_1>>> with <<<object_2>>>"})), Err("dangling_reference", "/prompt")),
        ("GEN-REF", with(json!({"prompt": "<<<image_2>>>"})), Err("dangling_reference", "/prompt")),
        ("GEN-REF-UNUSED", with(json!({"element_list": elements(1), "prompt": "<<<image_1>>> and <<<object_1>>>"})), Pass),
        ("GEN-REF-UNUSED", with(json!({"prompt": "no reference"})), Warn("unused_reference", "/image_list/0")),
        ("GEN-REF-UNUSED", with(json!({"element_list": elements(2), "prompt": "<<<image_1>>> <<<object_1>>>"})), Warn("unused_reference", "/element_list/1")),
    ]
}

family_tests!(EP, &common::rule_ids(EP), "omni_image", 4);

#[test]
fn dangling_alias_is_named_as_written() {
    let r = validate(EP, &with(json!({"prompt": "<<<image_1>>> <<<object_3>>>"})), &Options::default());
    let d = r.issues.iter().find(|i| i.code.as_str() == "dangling_reference").expect("dangling");
    assert!(d.message.contains("<<<object_3>>>") && d.message.contains("element_list"), "{}", d.message);
}

#[test]
fn video_character_elements_are_refused_when_known() {
    let req = with(json!({"element_list": elements(2), "prompt": "<<<image_1>>> <<<element_1>>> <<<element_2>>>"}));
    let opts = Options { element_types: vec![("1001".into(), "video_refer".into()), ("1000".into(), "image_refer".into())], ..Options::default() };
    let r = validate(EP, &req, &opts);
    let hits: Vec<_> = r.issues.iter().filter(|i| i.code.as_str() == "feature_unsupported").map(|i| i.path.as_str()).collect();
    assert_eq!(hits, ["/element_list/1/element_id"], "{:?}", r.issues);
    assert!(validate(EP, &req, &Options::default()).ok);
}

/// OI-5 is a warning by default (§12: let the server decide); "error" blocks, "off" silences, and
/// the field stays in the body unless the rule blocks it.
#[test]
fn oi5_policy() {
    let req = json!({"model_name": "kling-image-o1", "prompt": "A lighthouse at dawn", "aspect_ratio": "auto"});
    let r = validate(EP, &req, &Options::default());
    assert!(r.ok && r.issues.iter().any(|i| i.rule == "OI-5"), "{:?}", r.issues);
    assert_eq!(build(EP, &req, &Options::default()).unwrap()["aspect_ratio"], "auto");
    let off = rules(&[("OI-5", Level::Off)]);
    assert!(validate(EP, &req, &off).issues.iter().all(|i| i.rule != "OI-5"));
    assert_eq!(build(EP, &req, &off).unwrap()["aspect_ratio"], "auto");
    assert!(!validate(EP, &req, &rules(&[("OI-5", Level::Error)])).ok);
}

/// OI-4 drops the field the API ignores; turned off, the field is kept as given.
#[test]
fn oi4_drop_and_keep() {
    let req = with(json!({"result_type": "series", "n": 2, "series_amount": 5}));
    let body = build(EP, &req, &Options::default()).unwrap();
    assert!(body.get("n").is_none() && body["series_amount"] == 5, "{body}");
    let body = build(EP, &req, &rules(&[("OI-4", Level::Off)])).unwrap();
    assert_eq!(body["n"], 2);
}

/// A rule turned to "warning" lets a failing request through with the field unchanged.
#[test]
fn oi2_policy_warning_keeps_the_field() {
    let req = with(json!({"model_name": "kling-image-o1", "resolution": "4k"}));
    assert!(build(EP, &req, &Options::default()).is_err());
    let body = build(EP, &req, &rules(&[("OI-2", Level::Warning)])).unwrap();
    assert_eq!(body["resolution"], "4k");
}

#[test]
fn chinese_messages() {
    let req = json!({"model_name": "kling-image-o1", "prompt": "<<<object_1>>>", "resolution": "4k", "result_type": "series", "aspect_ratio": "auto"});
    let zh = check_zh(EP, &req);
    assert!(zh.issues.len() >= 4, "{:?}", zh.issues);
}

/// §7.1's model_name enum.
#[test]
fn endpoint_models_match_the_spec() {
    common::assert_models(EP, &["kling-image-o1", "kling-v3-omni"]);
}
