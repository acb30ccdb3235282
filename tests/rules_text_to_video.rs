//! Text-to-Video rules, table-driven: every TV rule id (from the family's own list) with passing
//! and failing requests, the family's general checks, golden bodies, policy overrides, zh messages.

mod common;

use common::{build, check_zh, merge, rules, shots, validate, voices, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::TextToVideo;

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"model_name": "kling-v3", "prompt": "A cat walks in the rain", "duration": "5", "mode": "std", "aspect_ratio": "16:9"})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn cases() -> Vec<Case> {
    let simple = |axis: &str, v: f64| json!({"type": "simple", "config": {axis: v}});
    let v1_camera = |patch: Value| merge(&with(json!({"model_name": "kling-v1", "camera_control": {"type": "simple", "config": {"zoom": 5}}})), patch);
    vec![
        ("TV-1", base(), Pass),
        ("TV-1", with(json!({"model_name": "kling-v1-6"})), Pass),
        ("TV-1", with(json!({"model_name": "kling-v1-5"})), Err("model_not_for_endpoint", "/model_name")),
        ("TV-1", with(json!({"model_name": "kling-v2-1"})), Err("model_not_for_endpoint", "/model_name")),
        ("TV-2", with(json!({"model_name": "kling-v2-master", "mode": null, "duration": "10"})), Pass),
        ("TV-2", with(json!({"duration": "15"})), Pass),
        ("TV-2", with(json!({"model_name": "kling-v1-6", "duration": "7"})), Err("duration_not_allowed", "/duration")),
        ("TV-2", with(json!({"duration": "2"})), Err("duration_not_allowed", "/duration")),
        (
            "TV-2",
            with(json!({"model_name": "kling-v2-6", "multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": shots(&[(5, "a")])})),
            Err("feature_unsupported", "/multi_shot"),
        ),
        (
            "TV-2",
            with(json!({"model_name": "kling-v2-5-turbo", "voice_list": voices(1), "prompt": "<<<voice_1>>> sings"})),
            Err("feature_unsupported", "/voice_list"),
        ),
        ("TV-2", with(json!({"model_name": "kling-v2-master", "mode": "pro"})), Warn("field_ignored", "/mode")),
        ("TV-2-cfg_scale", with(json!({"model_name": "kling-v1", "cfg_scale": 0.5})), Pass),
        ("TV-2-cfg_scale", with(json!({"cfg_scale": 0.5})), Err("feature_unsupported", "/cfg_scale")),
        ("TV-3", with(json!({"model_name": "kling-v2-6", "mode": "pro", "sound": "on"})), Pass),
        ("TV-3", with(json!({"model_name": "kling-v2-6", "sound": "off"})), Pass),
        ("TV-3", with(json!({"model_name": "kling-v2-6", "sound": "on"})), Err("mode_required", "/mode")),
        ("TV-3", with(json!({"model_name": "kling-v2-6", "mode": null, "sound": "on"})), Err("mode_required", "/mode")),
        ("TV-3", with(json!({"model_name": "kling-v2-6", "voice_list": voices(1), "prompt": "<<<voice_1>>> sings"})), Err("mode_required", "/mode")),
        ("TV-4", with(json!({"voice_list": voices(2), "sound": "on", "prompt": "The man <<<voice_1>>> said hi to <<<voice_2>>>"})), Pass),
        (
            "TV-4",
            with(json!({"voice_list": voices(3), "sound": "on", "prompt": "<<<voice_1>>> <<<voice_2>>> <<<voice_3>>>"})),
            Err("too_many_items", "/voice_list"),
        ),
        ("TV-4", with(json!({"voice_list": voices(1), "prompt": "The man <<<voice_1>>> said hi"})), Err("voice_requires_sound", "/sound")),
        ("TV-4", with(json!({"voice_list": voices(1), "sound": "off", "prompt": "The man <<<voice_1>>> said hi"})), Err("voice_requires_sound", "/sound")),
        ("TV-5", with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": shots(&[(2, "a"), (3, "b")])})), Pass),
        ("TV-5", with(json!({"multi_shot": true, "shot_type": "intelligence", "prompt": "A day in three scenes"})), Pass),
        ("TV-5", with(json!({"multi_shot": true, "prompt": null, "multi_prompt": shots(&[(5, "a")])})), Err("shot_type_required", "/shot_type")),
        ("TV-5", with(json!({"multi_shot": true, "shot_type": "intelligence", "prompt": null})), Err("prompt_required", "/prompt")),
        (
            "TV-5",
            with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": shots(&[(2, "a"), (2, "b")])})),
            Err("shot_duration_sum", "/multi_prompt"),
        ),
        (
            "TV-5",
            with(json!({"multi_shot": true, "shot_type": "customize", "prompt": null, "multi_prompt": [{"index": 2, "prompt": "a", "duration": "5"}]})),
            Err("shot_index_sequence", "/multi_prompt/0/index"),
        ),
        ("TV-5", with(json!({"prompt": " "})), Err("prompt_required", "/prompt")),
        ("TV-5", with(json!({"shot_type": "customize"})), Warn("field_ignored", "/shot_type")),
        ("TV-6", v1_camera(json!({})), Pass),
        ("TV-6", v1_camera(json!({"model_name": "kling-v3"})), Err("feature_unsupported", "/camera_control")),
        ("TV-6", v1_camera(json!({"mode": "pro"})), Err("mode_required", "/mode")),
        ("TV-6", v1_camera(json!({"duration": "10"})), Err("duration_not_allowed", "/duration")),
        // General checks with a text2video shape.
        ("GEN-CAMERA", v1_camera(json!({"camera_control": simple("pan", -3.5)})), Pass),
        ("GEN-CAMERA", v1_camera(json!({"camera_control": {"type": "forward_up"}})), Pass),
        ("GEN-CAMERA", v1_camera(json!({"camera_control": {"config": {"zoom": 2}}})), Pass),
        ("GEN-CAMERA", v1_camera(json!({"camera_control": {"type": "simple"}})), Err("camera_config_required", "/camera_control/config")),
        (
            "GEN-CAMERA",
            v1_camera(json!({"camera_control": {"type": "simple", "config": {"zoom": 2, "pan": 1}}})),
            Err("camera_config_one_axis", "/camera_control/config"),
        ),
        (
            "GEN-CAMERA",
            v1_camera(json!({"camera_control": {"type": "simple", "config": {"zoom": 0}}})),
            Err("camera_config_one_axis", "/camera_control/config"),
        ),
        (
            "GEN-CAMERA",
            v1_camera(json!({"camera_control": {"type": "down_back", "config": {"zoom": 2}}})),
            Err("camera_config_forbidden", "/camera_control/config"),
        ),
        ("GEN-RANGE", v1_camera(json!({"camera_control": simple("zoom", 10.5)})), Err("out_of_range", "/camera_control/config/zoom")),
        ("GEN-RANGE", with(json!({"model_name": "kling-v1", "cfg_scale": 1.5})), Err("out_of_range", "/cfg_scale")),
        ("GEN-ENUM", v1_camera(json!({"camera_control": {"type": "spin"}})), Err("invalid_enum", "/camera_control/type")),
        ("GEN-ENUM", with(json!({"aspect_ratio": "4:3"})), Err("invalid_enum", "/aspect_ratio")),
        (
            "GEN-UNKNOWN",
            v1_camera(json!({"camera_control": {"type": "simple", "config": {"zoom": 1, "dolly": 2}}})),
            Err("unknown_field", "/camera_control/config/dolly"),
        ),
        ("GEN-UNKNOWN", with(json!({"image_list": [{"image_url": "https://e.com/a.png"}]})), Err("unknown_field", "/image_list")),
        ("GEN-LENGTH", with(json!({"negative_prompt": "x".repeat(2501)})), Err("too_long", "/negative_prompt")),
        ("GEN-LENGTH", with(json!({"negative_prompt": ""})), Pass),
        ("GEN-REQUIRED", with(json!({"voice_list": [{}], "sound": "on"})), Err("required", "/voice_list/0/voice_id")),
        ("GEN-TYPE", with(json!({"voice_list": [{"voice_id": 12}], "sound": "on"})), Err("wrong_type", "/voice_list/0/voice_id")),
        ("GEN-REF", with(json!({"voice_list": voices(1), "sound": "on", "prompt": "<<<voice_2>>>"})), Err("dangling_reference", "/prompt")),
        ("GEN-REF", with(json!({"prompt": "a cat like <<<image_1>>>"})), Err("dangling_reference", "/prompt")),
        ("GEN-REF-UNUSED", with(json!({"voice_list": voices(1), "sound": "on"})), Warn("unused_reference", "/voice_list/0")),
        ("GEN-CAPS", with(json!({"sound": "on"})), Pass),
        ("GEN-CAPS", with(json!({"model_name": "kling-v1-6", "sound": "on"})), Err("feature_unsupported", "/sound")),
        ("GEN-MODEL-DEFAULT", with(json!({"model_name": null})), Warn("model_defaulted", "/model_name")),
    ]
}

family_tests!(EP, &common::rule_ids(EP), "text_to_video", 4);

#[test]
fn cfg_scale_policy_warning_and_off_keep_the_field() {
    let req = with(json!({"cfg_scale": 0.7}));
    assert!(!validate(EP, &req, &Options::default()).ok);
    for level in [Level::Warning, Level::Off] {
        let opts = rules(&[("TV-2-cfg_scale", level)]);
        let r = validate(EP, &req, &opts);
        assert!(r.ok, "{level:?}: {:?}", r.issues);
        assert_eq!(r.issues.iter().any(|i| i.rule == "TV-2-cfg_scale"), level == Level::Warning);
        assert_eq!(build(EP, &req, &opts).unwrap()["cfg_scale"], 0.7, "{level:?}");
    }
}

#[test]
fn ignored_mode_is_dropped_unless_the_rule_is_off() {
    let req = with(json!({"model_name": "kling-v2-1-master", "mode": "pro"}));
    assert!(build(EP, &req, &Options::default()).unwrap().get("mode").is_none());
    assert_eq!(build(EP, &req, &rules(&[("TV-2", Level::Off)])).unwrap()["mode"], "pro");
}

#[test]
fn chinese_messages() {
    let req = with(json!({"model_name": "kling-v2-6", "sound": "on", "voice_list": voices(3), "prompt": "<<<voice_1>>>"}));
    let zh = check_zh(EP, &req);
    let mode = zh.issues.iter().find(|i| i.code.as_str() == "mode_required").expect("TV-3");
    assert!(mode.message.contains("kling-v2-6") && mode.message.contains("pro"), "{}", mode.message);
}

/// §5.1's model_name enum: kling-v1-5 and kling-v2-1 are image2video only.
#[test]
fn endpoint_models_match_the_spec() {
    common::assert_models(EP, &["kling-v1", "kling-v1-6", "kling-v2-master", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3"]);
}
