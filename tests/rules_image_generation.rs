//! Image-generation rules, table-driven: every IG rule id (from the family's own list) with
//! passing and failing requests, the family's general checks, golden bodies, policy overrides and
//! zh messages (kling-api.md §8.1, §3.3).

mod common;

use common::{build, check_zh, merge, rules, validate, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::ImageGeneration;

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"model_name": "kling-v3", "prompt": "A red fox in the snow", "resolution": "2k", "aspect_ratio": "1:1", "n": 2})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn elements(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"element_id": (829_836_802_793_406_551u64 + i as u64).to_string()})).collect())
}

const IMAGE: &str = "https://example.com/ref.png";

fn cases() -> Vec<Case> {
    let v15 = |patch: Value| merge(&with(json!({"model_name": "kling-v1-5", "resolution": "1k"})), patch);
    let v2 = |patch: Value| merge(&with(json!({"model_name": "kling-v2"})), patch);
    vec![
        ("IG-1", with(json!({"element_list": elements(10)})), Pass),
        ("IG-1", with(json!({"image": IMAGE, "element_list": elements(9)})), Pass),
        ("IG-1", with(json!({"image": IMAGE, "element_list": elements(10)})), Err("too_many_references", "/element_list")),
        ("IG-1", with(json!({"element_list": elements(11)})), Err("too_many_references", "/element_list")),
        ("IG-1", v2(json!({"element_list": elements(1)})), Err("feature_unsupported", "/element_list")),
        ("IG-1", with(json!({"model_name": null, "resolution": null, "element_list": elements(1)})), Err("feature_unsupported", "/element_list")),
        ("IG-1", v2(json!({"element_list": []})), Pass),
        ("IG-2", with(json!({"negative_prompt": "blur"})), Pass),
        ("IG-2", with(json!({"image": IMAGE})), Pass),
        ("IG-2", with(json!({"image": IMAGE, "negative_prompt": "blur"})), Err("exclusive_fields", "/negative_prompt")),
        // By presence: a malformed negative prompt beside an image is refused under IG-2 too.
        ("IG-2", with(json!({"image": IMAGE, "negative_prompt": 7})), Err("exclusive_fields", "/negative_prompt")),
        ("IG-3", v15(json!({"image": IMAGE, "image_reference": "face"})), Pass),
        ("IG-3", v15(json!({})), Pass),
        ("IG-3", v15(json!({"image": IMAGE})), Err("required", "/image_reference")),
        ("IG-3", with(json!({"image": IMAGE, "image_reference": "subject"})), Err("feature_unsupported", "/image_reference")),
        ("IG-4", v2(json!({"resolution": "2k"})), Pass),
        ("IG-4", v2(json!({"image": IMAGE, "resolution": "1k"})), Pass),
        ("IG-4", v2(json!({"image": IMAGE, "resolution": "2k"})), Err("value_not_for_model", "/resolution")),
        ("IG-4", v15(json!({"resolution": "2k"})), Err("value_not_for_model", "/resolution")),
        ("IG-4", with(json!({"model_name": "kling-v1", "resolution": "2k"})), Err("value_not_for_model", "/resolution")),
        ("IG-5", with(json!({"aspect_ratio": "21:9"})), Pass),
        ("IG-5", v15(json!({"aspect_ratio": "21:9"})), Pass),
        ("IG-5", with(json!({"model_name": "kling-v1", "resolution": "1k", "aspect_ratio": "21:9"})), Err("value_not_for_model", "/aspect_ratio")),
        ("IG-5", with(json!({"model_name": "kling-v1", "resolution": "1k", "aspect_ratio": "2:3"})), Pass),
        ("IG-6", with(json!({"image": IMAGE, "image_fidelity": 0.7})), Pass),
        ("IG-6", v15(json!({"image": IMAGE, "image_reference": "subject", "human_fidelity": 0.3})), Pass),
        ("IG-6", with(json!({"image_fidelity": 0.7})), Warn("field_ignored", "/image_fidelity")),
        ("IG-6", v15(json!({"image": IMAGE, "image_reference": "face", "human_fidelity": 0.3})), Warn("field_ignored", "/human_fidelity")),
        ("IG-7", with(json!({"model_name": "kling-v2-new", "image": IMAGE})), Pass),
        ("IG-7", with(json!({"model_name": "kling-v2-new"})), Err("restyle_needs_image", "/image")),
        // General checks with an image-generation shape.
        ("GEN-REQUIRED", with(json!({"prompt": null})), Err("required", "/prompt")),
        ("GEN-REQUIRED", with(json!({"element_list": [{}]})), Err("required", "/element_list/0/element_id")),
        ("GEN-UNKNOWN", with(json!({"image_list": [{"image": IMAGE}]})), Err("unknown_field", "/image_list")),
        ("GEN-UNKNOWN", with(json!({"watermark_info": {"enabled": true}})), Err("unknown_field", "/watermark_info")),
        ("GEN-EMPTY", with(json!({"prompt": " "})), Err("empty_string", "/prompt")),
        ("GEN-EMPTY", with(json!({"image": ""})), Err("empty_string", "/image")),
        ("GEN-LENGTH", with(json!({"prompt": "画".repeat(2500)})), Pass),
        ("GEN-LENGTH", with(json!({"prompt": "画".repeat(2501)})), Err("too_long", "/prompt")),
        ("GEN-LENGTH", with(json!({"negative_prompt": "x".repeat(2501)})), Err("too_long", "/negative_prompt")),
        ("GEN-RANGE", with(json!({"n": 9})), Pass),
        ("GEN-RANGE", with(json!({"n": 10})), Err("out_of_range", "/n")),
        ("GEN-RANGE", with(json!({"n": 0})), Err("out_of_range", "/n")),
        ("GEN-RANGE", v15(json!({"image": IMAGE, "image_reference": "subject", "image_fidelity": 1.5})), Err("out_of_range", "/image_fidelity")),
        ("GEN-RANGE", v15(json!({"image": IMAGE, "image_reference": "subject", "human_fidelity": -0.1})), Err("out_of_range", "/human_fidelity")),
        ("GEN-TYPE", with(json!({"n": "9"})), Err("wrong_type", "/n")),
        ("GEN-TYPE", with(json!({"image_fidelity": "high", "image": IMAGE})), Err("wrong_type", "/image_fidelity")),
        ("GEN-ENUM", with(json!({"resolution": "4k"})), Err("invalid_enum", "/resolution")),
        ("GEN-ENUM", with(json!({"aspect_ratio": "auto"})), Err("invalid_enum", "/aspect_ratio")),
        ("GEN-ENUM", v15(json!({"image": IMAGE, "image_reference": "body"})), Err("invalid_enum", "/image_reference")),
        ("GEN-IMAGE", with(json!({"image": "data:image/png;base64,iVBORw0KGgo="})), Err("data_uri_prefix", "/image")),
        ("GEN-IMAGE", with(json!({"image": "not-an-image"})), Err("invalid_image", "/image")),
        ("GEN-INT64", with(json!({"element_list": [{"element_id": "12a"}]})), Err("invalid_element_id", "/element_list/0/element_id")),
        ("GEN-MODEL", with(json!({"model_name": "kling-v3-omni"})), Err("model_not_for_endpoint", "/model_name")),
        ("GEN-MODEL", with(json!({"model_name": "kling-v2-1", "resolution": "1k"})), Pass),
        ("GEN-MODEL-DEFAULT", with(json!({"model_name": null, "resolution": "1k"})), Warn("model_defaulted", "/model_name")),
        ("GEN-URL", with(json!({"callback_url": "ftp://example.com/cb"})), Err("invalid_url", "/callback_url")),
    ]
}

family_tests!(EP, &common::rule_ids(EP), "image_generation", 4);

/// §3.4: no video character element on an image endpoint, when options.elementTypes tells.
#[test]
fn video_character_elements_are_refused_when_known() {
    let req = with(json!({"element_list": elements(2)}));
    let second = (829_836_802_793_406_552u64).to_string();
    let opts = Options { element_types: vec![(second, "video_refer".into())], ..Options::default() };
    let r = validate(EP, &req, &opts);
    let hits: Vec<_> = r.issues.iter().filter(|i| i.code.as_str() == "feature_unsupported").map(|i| i.path.as_str()).collect();
    assert_eq!(hits, ["/element_list/1/element_id"], "{:?}", r.issues);
    assert!(validate(EP, &req, &Options::default()).ok);
}

/// Element ids above 2^53 go out as JSON integers with their exact digits.
#[test]
fn element_ids_keep_their_digits() {
    let req = with(json!({"element_list": [{"element_id": "9223372036854775807"}]}));
    let built = kling_wasm::api::build(EP, &req.to_string(), &Options::default()).expect("builds");
    assert!(built.body.contains("\"element_id\":9223372036854775807"), "{}", built.body);
}

/// IG-6 drops the ignored fidelity; turned off, the field is kept as given.
#[test]
fn ig6_drop_and_keep() {
    let req = with(json!({"image_fidelity": 0.7}));
    let body = build(EP, &req, &Options::default()).unwrap();
    assert!(body.get("image_fidelity").is_none(), "{body}");
    assert_eq!(build(EP, &req, &rules(&[("IG-6", Level::Off)])).unwrap()["image_fidelity"], 0.7);
}

/// A rule turned off or to "warning" lets the request through with the field unchanged.
#[test]
fn policy_overrides() {
    let req = with(json!({"image": IMAGE, "negative_prompt": "blur"}));
    assert!(build(EP, &req, &Options::default()).is_err());
    let r = validate(EP, &req, &rules(&[("IG-2", Level::Warning)]));
    assert!(r.ok && r.issues.iter().any(|i| i.rule == "IG-2"), "{:?}", r.issues);
    assert_eq!(build(EP, &req, &rules(&[("IG-2", Level::Off)])).unwrap()["negative_prompt"], "blur");
    let restyle = json!({"model_name": "kling-v2-new", "prompt": "watercolour"});
    assert!(!validate(EP, &restyle, &Options::default()).ok);
    assert!(validate(EP, &restyle, &rules(&[("IG-7", Level::Off)])).issues.iter().all(|i| i.rule != "IG-7"));
}

#[test]
fn chinese_messages() {
    let req = json!({"model_name": "kling-v2-new", "prompt": "x", "negative_prompt": "y", "image_reference": "face", "n": 12});
    let zh = check_zh(EP, &req);
    assert!(zh.issues.len() >= 3, "{:?}", zh.issues);
}

/// §8.1's model_name enum.
#[test]
fn endpoint_models_match_the_spec() {
    common::assert_models(EP, &["kling-v1", "kling-v1-5", "kling-v2", "kling-v2-new", "kling-v2-1", "kling-v3"]);
}
