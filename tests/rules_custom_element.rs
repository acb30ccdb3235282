//! Custom-element rules, table-driven: every EL rule id (from the family's own list) with passing
//! and failing requests, the family's general checks, golden bodies (no model_name), policy
//! overrides and zh messages (kling-api.md §8.3, §3.4). EL-VIDEO reads the video file, so the
//! media entry checks it asynchronously (its tests are the media module's): the coverage test
//! below takes it out of the list by name.

mod common;

use common::{build, check_zh, merge, rules, validate, Case, Want::*};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

const EP: Endpoint = Endpoint::CustomElement;

/// The rules a synchronous validate() never reports: checked from the file by the media entry.
const ASYNC_MEDIA_RULES: &[&str] = &["EL-VIDEO"];

/// A request that passes every rule: the base each case starts from.
fn base() -> Value {
    json!({"element_name": "Red fox", "element_description": "A red fox plush toy", "reference_type": "image_refer",
           "element_image_list": {"frontal_image": "https://example.com/front.png", "refer_images": [{"image_url": "https://example.com/side.png"}]}})
}

fn with(patch: Value) -> Value {
    merge(&base(), patch)
}

fn refer_images(n: usize) -> Value {
    Value::Array((0..n).map(|i| json!({"image_url": format!("https://example.com/view{i}.png")})).collect())
}

fn image_list(refer: Value) -> Value {
    json!({"frontal_image": "https://example.com/front.png", "refer_images": refer})
}

fn videos(urls: &[&str]) -> Value {
    json!({"refer_videos": urls.iter().map(|u| json!({"video_url": u})).collect::<Vec<_>>()})
}

fn tags(ids: &[&str]) -> Value {
    Value::Array(ids.iter().map(|t| json!({"tag_id": t})).collect())
}

fn cases() -> Vec<Case> {
    let video = |patch: Value| {
        merge(&with(json!({"reference_type": "video_refer", "element_image_list": null, "element_video_list": videos(&["https://example.com/a.mp4"])})), patch)
    };
    vec![
        ("EL-1", video(json!({})), Pass),
        ("EL-1", with(json!({"element_image_list": null})), Err("required", "/element_image_list")),
        ("EL-1", video(json!({"element_video_list": null})), Err("required", "/element_video_list")),
        ("EL-1", with(json!({"element_video_list": videos(&["https://example.com/a.mp4"])})), Err("list_not_for_type", "/element_video_list")),
        ("EL-1", video(json!({"element_image_list": image_list(refer_images(1))})), Err("list_not_for_type", "/element_image_list")),
        ("EL-2", with(json!({"element_image_list": image_list(refer_images(3))})), Pass),
        ("EL-2", with(json!({"element_image_list": image_list(refer_images(4))})), Err("too_many_items", "/element_image_list/refer_images")),
        ("EL-2", with(json!({"element_image_list": image_list(json!([]))})), Err("too_few_items", "/element_image_list/refer_images")),
        (
            "EL-2",
            with(json!({"element_image_list": image_list(json!([{"image_url": "https://example.com/front.png"}]))})),
            Err("same_as_frontal", "/element_image_list/refer_images/0/image_url"),
        ),
        ("EL-3", video(json!({"element_video_list": videos(&["https://example.com/a.MOV?sig=1"])})), Pass),
        ("EL-3", video(json!({"element_video_list": videos(&["https://example.com/signed/clip"])})), Pass),
        ("EL-3", video(json!({"element_video_list": videos(&[])})), Err("too_few_items", "/element_video_list/refer_videos")),
        (
            "EL-3",
            video(json!({"element_video_list": videos(&["https://example.com/a.mp4", "https://example.com/b.mp4"])})),
            Err("too_many_items", "/element_video_list/refer_videos"),
        ),
        (
            "EL-3",
            video(json!({"element_video_list": videos(&["https://example.com/a.avi"])})),
            Err("file_extension", "/element_video_list/refer_videos/0/video_url"),
        ),
        ("EL-4", video(json!({"element_voice_id": "oversea_male1"})), Pass),
        ("EL-4", with(json!({"element_voice_id": "oversea_male1"})), Err("voice_needs_video_element", "/element_voice_id")),
        ("EL-5", with(json!({"tag_list": tags(&["o_101", "o_102", "o_103", "o_104", "o_105", "o_106", "o_107", "o_108"])})), Pass),
        ("EL-5", with(json!({"tag_list": tags(&["o_109"])})), Err("invalid_enum", "/tag_list/0/tag_id")),
        ("EL-5", with(json!({"tag_list": tags(&["o_101", "o_101"])})), Err("duplicate_field", "/tag_list/1/tag_id")),
        // General checks with a custom-element shape.
        ("GEN-REQUIRED", with(json!({"element_name": null})), Err("required", "/element_name")),
        ("GEN-REQUIRED", with(json!({"element_description": null})), Err("required", "/element_description")),
        ("GEN-REQUIRED", with(json!({"reference_type": null})), Err("required", "/reference_type")),
        ("GEN-REQUIRED", with(json!({"element_image_list": {"refer_images": refer_images(1)}})), Err("required", "/element_image_list/frontal_image")),
        ("GEN-REQUIRED", with(json!({"tag_list": [{}]})), Err("required", "/tag_list/0/tag_id")),
        ("GEN-UNKNOWN", with(json!({"model_name": "kling-v3"})), Err("unknown_field", "/model_name")),
        (
            "GEN-UNKNOWN",
            with(json!({"element_image_list": {"frontal_image": "https://example.com/f.png", "refer_images": [{"image": "https://example.com/s.png"}]}})),
            Err("unknown_field", "/element_image_list/refer_images/0/image"),
        ),
        ("GEN-EMPTY", with(json!({"element_name": " "})), Err("empty_string", "/element_name")),
        ("GEN-EMPTY", video(json!({"element_voice_id": ""})), Err("empty_string", "/element_voice_id")),
        ("GEN-EMPTY", with(json!({"external_task_id": ""})), Warn("field_ignored", "/external_task_id")),
        ("GEN-LENGTH", with(json!({"element_name": "狐".repeat(20), "element_description": "d".repeat(100)})), Pass),
        ("GEN-LENGTH", with(json!({"element_name": "狐".repeat(21)})), Err("too_long", "/element_name")),
        ("GEN-LENGTH", with(json!({"element_description": "d".repeat(101)})), Err("too_long", "/element_description")),
        ("GEN-ENUM", with(json!({"reference_type": "audio_refer"})), Err("invalid_enum", "/reference_type")),
        ("GEN-TYPE", with(json!({"tag_list": {"tag_id": "o_101"}})), Err("wrong_type", "/tag_list")),
        ("GEN-TYPE", with(json!({"element_image_list": "https://example.com/f.png"})), Err("wrong_type", "/element_image_list")),
        (
            "GEN-IMAGE",
            with(json!({"element_image_list": image_list(json!([{"image_url": "data:image/png;base64,iVBORw0KGgo="}]))})),
            Err("data_uri_prefix", "/element_image_list/refer_images/0/image_url"),
        ),
        ("GEN-URL", video(json!({"element_video_list": videos(&["file:///tmp/a.mp4"])})), Err("invalid_url", "/element_video_list/refer_videos/0/video_url")),
    ]
}

/// The family's rule ids a synchronous validate() can report.
fn sync_rule_ids() -> Vec<&'static str> {
    common::rule_ids(EP).into_iter().filter(|id| !ASYNC_MEDIA_RULES.contains(id)).collect()
}

family_tests!(EP, &sync_rule_ids(), "custom_element", 3);

/// The excluded rules are registered, and validate() never reports them.
#[test]
fn async_media_rules_are_the_media_entrys() {
    for id in ASYNC_MEDIA_RULES {
        assert!(common::rule_ids(EP).contains(id), "{id} is a custom-element rule");
        for (_, req, _) in cases() {
            assert!(validate(EP, &req, &Options::default()).issues.iter().all(|i| i.rule != *id));
        }
    }
}

/// No model: none is named in the body, and a model-less request gets no model warning.
#[test]
fn no_model_name() {
    let r = validate(EP, &base(), &Options::default());
    assert!(r.issues.iter().all(|i| i.rule != "GEN-MODEL-DEFAULT"), "{:?}", r.issues);
    assert!(build(EP, &base(), &Options::default()).unwrap().get("model_name").is_none());
}

/// A rule turned off or to "warning" lets the request through with the fields unchanged.
#[test]
fn policy_overrides() {
    let req = with(json!({"element_voice_id": "oversea_male1"}));
    assert!(build(EP, &req, &Options::default()).is_err());
    let r = validate(EP, &req, &rules(&[("EL-4", Level::Warning)]));
    assert!(r.ok && r.issues.iter().any(|i| i.rule == "EL-4"), "{:?}", r.issues);
    assert_eq!(build(EP, &req, &rules(&[("EL-4", Level::Off)])).unwrap()["element_voice_id"], "oversea_male1");
    let same = with(json!({"element_image_list": image_list(json!([{"image_url": "https://example.com/front.png"}]))}));
    assert!(!validate(EP, &same, &Options::default()).ok);
    assert!(validate(EP, &same, &rules(&[("EL-2", Level::Off)])).ok);
}

#[test]
fn chinese_messages() {
    let req = json!({"element_name": "x", "element_description": "y", "reference_type": "image_refer", "element_voice_id": "v",
                     "element_image_list": image_list(json!([{"image_url": "https://example.com/front.png"}])), "tag_list": tags(&["o_101", "o_101"]),
                     "element_video_list": videos(&["https://example.com/a.avi"])});
    let zh = check_zh(EP, &req);
    assert!(zh.issues.len() >= 4, "{:?}", zh.issues);
}

/// No models: the capability map names none for the family.
#[test]
fn endpoint_has_no_models() {
    assert!(!EP.has_models());
    common::assert_models(EP, &[]);
}

/// The other type's list is one EL-1 issue, not one per malformed item too; as a warning (the
/// list is then sent) its items are checked as usual.
#[test]
fn the_other_types_list_is_one_issue() {
    let req = with(json!({"reference_type": "video_refer", "element_video_list": videos(&["https://example.com/a.mp4"]),
                          "element_image_list": {"frontal_image": "data:x", "refer_images": []}}));
    let r = validate(EP, &req, &Options::default());
    let errors: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.path.as_str(), i.rule)).collect();
    assert_eq!(errors, vec![("/element_image_list", "EL-1")]);
    let r = validate(EP, &req, &rules(&[("EL-1", Level::Warning)]));
    assert!(!r.ok && r.issues.iter().any(|i| i.path == "/element_image_list/frontal_image"), "{:?}", r.issues);
}
