//! Image-to-Video rules, table-driven: every IV rule id (from the family's own list) with passing
//! and failing requests, the family's general checks, golden bodies, policy overrides, zh messages.

mod common;

use common::{build, check_zh, merge, named, rules, shots, validate, voices, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::ImageToVideo;
const START: &str = "https://example.com/start.png";
const END: &str = "https://example.com/end.png";
const MASK: &str = "https://example.com/mask.png";

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"model_name": "kling-v3", "image": START, "prompt": "The cat in <<<image_1>>> wakes up", "duration": "5", "mode": "std"})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn elements(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"element_id": (829836802793406551u64 + i as u64).to_string()})).collect())
}

fn masks(n: usize, points: usize) -> Value {
    let path: Vec<Value> = (0..points).map(|i| json!({"x": 100 + i, "y": 200})).collect();
    Value::Array((0..n).map(|_| json!({"mask": MASK, "trajectories": path})).collect())
}

fn cases() -> Vec<Case> {
    let multi =
        |patch: Value| merge(&with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": shots(&[(2, "a"), (3, "b")])})), patch);
    let v1 = |patch: Value| merge(&with(json!({"model_name": "kling-v1", "prompt": "A boat drifts"})), patch);
    vec![
        ("IV-1", base(), Pass),
        ("IV-1", with(json!({"model_name": "kling-v1-6", "mode": "pro", "image": null, "image_tail": END, "prompt": "It ends here"})), Pass),
        ("IV-1", with(json!({"image": null, "prompt": "no frames"})), Err("image_or_tail_required", "/image")),
        ("IV-1", with(json!({"image": null, "image_tail": END})), Err("image_required", "/image")),
        ("IV-1", with(json!({"model_name": "kling-v1-6", "image": null, "image_tail": END})), Err("image_required", "/image")),
        ("IV-2", v1(json!({"image_tail": END})), Pass),
        ("IV-2", v1(json!({"static_mask": MASK, "dynamic_masks": masks(1, 2)})), Pass),
        ("IV-2", v1(json!({"image_tail": END, "camera_control": {"type": "simple", "config": {"zoom": 3}}})), Err("exclusive_fields", "/camera_control")),
        ("IV-2", v1(json!({"image_tail": END, "dynamic_masks": masks(1, 2)})), Err("exclusive_fields", "/dynamic_masks")),
        ("IV-2", v1(json!({"static_mask": MASK, "camera_control": {"type": "simple", "config": {"zoom": 3}}})), Err("exclusive_fields", "/camera_control")),
        ("IV-3", multi(json!({})), Pass),
        ("IV-3", multi(json!({"shot_type": "intelligence", "multi_prompt": null, "prompt": "A day in the life of <<<image_1>>>"})), Pass),
        ("IV-3", multi(json!({"image_tail": END})), Err("multi_shot_with_end_frame", "/image_tail")),
        ("IV-3", multi(json!({"model_name": "kling-v2-6"})), Err("feature_unsupported", "/multi_shot")),
        ("IV-3", multi(json!({"shot_type": null})), Err("shot_type_required", "/shot_type")),
        ("IV-3", multi(json!({"duration": "6"})), Err("shot_duration_sum", "/multi_prompt")),
        ("IV-3", with(json!({"prompt": ""})), Err("prompt_required", "/prompt")),
        ("IV-4", with(json!({"element_list": elements(3), "prompt": named("element", 3)})), Pass),
        ("IV-4", with(json!({"element_list": elements(4), "prompt": named("element", 4)})), Err("too_many_items", "/element_list")),
        (
            "IV-4",
            with(json!({"model_name": "kling-v2-6", "element_list": elements(1), "prompt": named("element", 1)})),
            Err("feature_unsupported", "/element_list"),
        ),
        ("IV-5", with(json!({"voice_list": voices(1), "sound": "on", "prompt": "The man <<<voice_1>>> says hi"})), Pass),
        ("IV-5", with(json!({"model_name": "kling-v2-6", "mode": "pro", "voice_list": voices(2), "sound": "on", "prompt": named("voice", 2)})), Pass),
        ("IV-5", with(json!({"voice_list": voices(3), "sound": "on", "prompt": named("voice", 3)})), Err("too_many_items", "/voice_list")),
        (
            "IV-5",
            with(json!({"model_name": "kling-v2-5-turbo", "voice_list": voices(1), "prompt": named("voice", 1)})),
            Err("feature_unsupported", "/voice_list"),
        ),
        ("IV-5", with(json!({"voice_list": voices(1), "prompt": "The man <<<voice_1>>> says hi"})), Err("voice_requires_sound", "/sound")),
        ("IV-6", with(json!({"element_list": elements(1), "prompt": named("element", 1)})), Pass),
        (
            "IV-6",
            with(json!({"element_list": elements(1), "voice_list": voices(1), "sound": "on", "prompt": "<<<element_1>>> (using <<<voice_1>>>)"})),
            Err("exclusive_fields", "/voice_list"),
        ),
        ("IV-7", with(json!({"model_name": "kling-v2-6", "mode": "pro", "sound": "on"})), Pass),
        ("IV-7", with(json!({"model_name": "kling-v2-6", "mode": "pro", "image_tail": END, "sound": "off"})), Pass),
        ("IV-7", with(json!({"model_name": "kling-v2-6", "sound": "on"})), Err("mode_required", "/mode")),
        ("IV-7", with(json!({"model_name": "kling-v2-6", "mode": "pro", "image_tail": END, "sound": "on"})), Err("sound_with_end_frame", "/sound")),
        ("IV-7", with(json!({"model_name": "kling-v2-6", "voice_list": voices(1), "sound": "on", "prompt": named("voice", 1)})), Err("mode_required", "/mode")),
        ("IV-8", v1(json!({"static_mask": MASK, "dynamic_masks": masks(2, 77), "mode": "pro"})), Pass),
        ("IV-8", with(json!({"model_name": "kling-v1-5", "mode": "pro", "camera_control": {"type": "simple", "config": {"pan": 2}}})), Pass),
        ("IV-8", with(json!({"model_name": "kling-v2-1", "mode": "pro", "image_tail": END, "duration": "10"})), Pass),
        ("IV-8", with(json!({"duration": "20"})), Err("duration_not_allowed", "/duration")),
        ("IV-8", with(json!({"model_name": "kling-v2-1", "duration": "7"})), Err("duration_not_allowed", "/duration")),
        ("IV-8", with(json!({"model_name": "kling-v2-1", "image_tail": END})), Err("mode_required", "/mode")),
        ("IV-8", with(json!({"model_name": "kling-v2-master", "mode": null, "image_tail": END})), Err("feature_unsupported", "/image_tail")),
        ("IV-8", v1(json!({"image_tail": END, "duration": "10"})), Err("duration_not_allowed", "/duration")),
        ("IV-8", with(json!({"static_mask": MASK})), Err("feature_unsupported", "/static_mask")),
        ("IV-8", with(json!({"model_name": "kling-v1-5", "dynamic_masks": masks(1, 3)})), Err("mode_required", "/mode")),
        ("IV-8", v1(json!({"camera_control": {"type": "simple", "config": {"zoom": 3}}})), Err("feature_unsupported", "/camera_control")),
        (
            "IV-8",
            with(json!({"model_name": "kling-v1-5", "mode": "pro", "camera_control": {"type": "down_back"}})),
            Err("value_not_for_model", "/camera_control/type"),
        ),
        ("IV-8", with(json!({"model_name": "kling-v2-1-master", "mode": "std"})), Warn("field_ignored", "/mode")),
        ("IV-8-cfg_scale", with(json!({"model_name": "kling-v1-5", "cfg_scale": 0.3})), Pass),
        ("IV-8-cfg_scale", with(json!({"model_name": "kling-v2-5-turbo", "cfg_scale": 0.3})), Err("feature_unsupported", "/cfg_scale")),
        // General checks with an image2video shape.
        ("GEN-MOTION-BRUSH", v1(json!({"dynamic_masks": masks(6, 2)})), Pass),
        ("GEN-MOTION-BRUSH", v1(json!({"dynamic_masks": masks(7, 2)})), Err("too_many_items", "/dynamic_masks")),
        ("GEN-MOTION-BRUSH", v1(json!({"dynamic_masks": masks(1, 1)})), Err("too_few_items", "/dynamic_masks/0/trajectories")),
        ("GEN-MOTION-BRUSH", v1(json!({"dynamic_masks": masks(1, 78)})), Err("too_many_items", "/dynamic_masks/0/trajectories")),
        (
            "GEN-RANGE",
            v1(json!({"dynamic_masks": [{"mask": MASK, "trajectories": [{"x": 1.5, "y": 2}, {"x": 3, "y": 4}]}]})),
            Err("not_integer", "/dynamic_masks/0/trajectories/0/x"),
        ),
        ("GEN-REQUIRED", v1(json!({"dynamic_masks": [{"trajectories": [{"x": 1, "y": 2}, {"x": 3, "y": 4}]}]})), Err("required", "/dynamic_masks/0/mask")),
        (
            "GEN-REQUIRED",
            v1(json!({"dynamic_masks": [{"mask": MASK, "trajectories": [{"x": 1}, {"x": 3, "y": 4}]}]})),
            Err("required", "/dynamic_masks/0/trajectories/0/y"),
        ),
        (
            "GEN-REQUIRED",
            with(json!({"model_name": "kling-v1-5", "mode": "pro", "camera_control": {"config": {"pan": 2}}})),
            Err("required", "/camera_control/type"),
        ),
        ("GEN-IMAGE", with(json!({"image": "iVBORw0KGgoAAAANSUhEUgAAAAUA"})), Pass),
        ("GEN-IMAGE", with(json!({"image": "data:image/png;base64,iVBORw0KGgo="})), Err("data_uri_prefix", "/image")),
        ("GEN-IMAGE", v1(json!({"static_mask": "a mask"})), Err("invalid_image", "/static_mask")),
        ("GEN-EMPTY", with(json!({"image_tail": ""})), Err("empty_string", "/image_tail")),
        ("GEN-UNKNOWN", with(json!({"aspect_ratio": "16:9"})), Err("unknown_field", "/aspect_ratio")),
        (
            "GEN-INT64",
            with(json!({"element_list": [{"element_id": 829836802793406551u64}], "prompt": "<<<element_1>>>"})),
            Err("unsafe_integer", "/element_list/0/element_id"),
        ),
        ("GEN-REF", with(json!({"image_tail": END, "prompt": "from <<<image_1>>> to <<<image_2>>>"})), Pass),
        ("GEN-REF", with(json!({"prompt": "from <<<image_1>>> to <<<image_2>>>"})), Err("dangling_reference", "/prompt")),
        (
            "GEN-REF",
            multi(json!({"multi_prompt": [{"index": 1, "prompt": "<<<element_1>>> runs", "duration": "5"}]})),
            Err("dangling_reference", "/multi_prompt/0/prompt"),
        ),
        ("GEN-REF-UNUSED", with(json!({"prompt": "no references at all"})), Pass),
        ("GEN-REF-UNUSED", with(json!({"element_list": elements(1)})), Warn("unused_reference", "/element_list/0")),
        ("GEN-TYPE", with(json!({"multi_shot": "true"})), Err("wrong_type", "/multi_shot")),
        ("GEN-MODEL", with(json!({"model_name": "kling-v3-omni"})), Err("model_not_for_endpoint", "/model_name")),
    ]
}

family_tests!(EP, &common::rule_ids(EP), "image_to_video", 5);

/// §12: element_list with voice_list is rejected by default (IV-6); "warning" and "off" let it
/// through unchanged, as S1's own "voice of element" example sends it.
#[test]
fn iv6_policy_warning_and_off_keep_both_lists() {
    let req = with(json!({"element_list": elements(1), "voice_list": voices(1), "sound": "on", "prompt": "<<<element_1>>> (using <<<voice_1>>>)"}));
    assert!(!validate(EP, &req, &Options::default()).ok);
    assert!(build(EP, &req, &Options::default()).is_err());
    for level in [Level::Warning, Level::Off] {
        let opts = rules(&[("IV-6", level)]);
        let r = validate(EP, &req, &opts);
        assert!(r.ok, "{level:?}: {:?}", r.issues);
        assert_eq!(r.issues.iter().any(|i| i.rule == "IV-6"), level == Level::Warning);
        let body = build(EP, &req, &opts).unwrap();
        assert_eq!(body["voice_list"], req["voice_list"], "{level:?}");
        assert_eq!(body["element_list"][0]["element_id"].to_string(), "829836802793406551", "{level:?}");
    }
}

#[test]
fn cfg_scale_policy_warning_keeps_the_field() {
    let req = with(json!({"cfg_scale": 0.25}));
    assert!(!validate(EP, &req, &Options::default()).ok);
    let body = build(EP, &req, &rules(&[("IV-8-cfg_scale", Level::Warning)])).unwrap();
    assert_eq!(body["cfg_scale"], 0.25);
}

#[test]
fn chinese_messages() {
    let req =
        with(json!({"model_name": "kling-v2-6", "mode": "pro", "image_tail": END, "sound": "on", "element_list": elements(1), "prompt": "<<<element_1>>>"}));
    let zh = check_zh(EP, &req);
    assert!(zh.issues.iter().any(|i| i.code.as_str() == "sound_with_end_frame"), "{:?}", zh.issues);
}

/// §6.1's model_name enum.
#[test]
fn endpoint_models_match_the_spec() {
    let spec = ["kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3"];
    common::assert_models(EP, &spec);
}
