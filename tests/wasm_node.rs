//! wasm-bindgen tests under Node (`wasm-pack test --node -- --test wasm_node`): the exports of
//! src/bindings called from inside the module, with JS values made by JS itself, so the
//! JS -> JSON text -> core -> JS path and KlingError construction run in a real JS engine.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Reflect};
use kling_wasm::bindings::validate::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

/// Evaluates a JS expression (objects, BigInts, getters... made the way a caller makes them).
fn js(expr: &str) -> JsValue {
    Function::new_no_args(&format!("return ({expr});")).call0(&JsValue::NULL).expect("test JS is valid")
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn ok(report: &JsValue) -> bool {
    get(report, "ok").as_bool().expect("a Report has a boolean ok")
}

/// The codes of a Report's (or KlingError's) issues.
fn codes(v: &JsValue) -> Vec<String> {
    let issues: Array = get(v, "issues").dyn_into().expect("issues is an array");
    issues.iter().map(|i| get(&i, "code").as_string().unwrap_or_default()).collect()
}

fn opts(expr: &str) -> Option<ValidateOptions> {
    Some(js(expr).unchecked_into())
}

const VALID: &str = r#"{ model_name: "kling-v3-omni", prompt: "A cat on a roof", aspect_ratio: "16:9", duration: "5" }"#;

#[wasm_bindgen_test]
fn a_valid_request_gives_an_ok_report() {
    let report = validate_omni_video(js(VALID), None);
    assert!(ok(&report), "{:?}", codes(&report));
    assert!(codes(&report).is_empty());
}

#[wasm_bindgen_test]
fn js_values_json_cannot_carry_are_reported_by_type() {
    let report = validate_omni_video(js(r#"{ prompt: "x", aspect_ratio: "16:9", duration: NaN, mode: () => 1, sound: 5n }"#), None);
    assert!(!ok(&report));
    let issues: Array = get(&report, "issues").dyn_into().unwrap();
    let at =
        |path: &str| issues.iter().find(|i| get(i, "path").as_string().as_deref() == Some(path)).map(|i| get(&i, "message").as_string().unwrap_or_default());
    assert!(at("/mode").is_some_and(|m| m.contains("function")), "{:?}", at("/mode"));
    assert!(at("/sound").is_some_and(|m| m.contains("bigint")), "{:?}", at("/sound"));
    assert!(at("/duration").is_some(), "NaN duration not reported");
}

#[wasm_bindgen_test]
fn any_js_value_gets_a_report_and_the_module_keeps_working() {
    let cyclic = js("(() => { const o = { prompt: 'x' }; o.self = o; return o; })()");
    let getter = js("Object.defineProperty({}, 'prompt', { enumerable: true, get() { throw new Error('boom'); } })");
    for (value, code) in [
        (JsValue::UNDEFINED, "wrong_type"),
        (JsValue::NULL, "wrong_type"),
        (JsValue::from_f64(f64::NAN), "wrong_type"),
        (js("12345678901234567890n"), "wrong_type"),
        (js("Symbol('s')"), "wrong_type"),
        (js("'a string'"), "wrong_type"),
        (js("[1, 2]"), "wrong_type"),
        (cyclic, "invalid_json"),
        (getter, "invalid_json"),
    ] {
        let report = validate_omni_video(value, None);
        assert!(!ok(&report));
        assert_eq!(codes(&report), vec![code.to_owned()]);
    }
    assert!(ok(&validate_omni_video(js(VALID), None)));
}

#[wasm_bindgen_test]
fn build_writes_the_exact_body() {
    let body = build_omni_video_body(
        js(r#"{ prompt: "A cat <<<element_1>>>", aspect_ratio: "1:1", duration: 5, element_list: [{ element_id: 123456789012345678901n }] }"#),
        None,
    );
    // A 21-digit id is not an int64: the build must refuse it rather than round it.
    assert!(body.is_err());
    let body = build_omni_video_body(
        js(r#"{ prompt: "A cat <<<element_1>>>", aspect_ratio: "1:1", duration: 5, element_list: [{ element_id: 9007199254740993n }] }"#),
        None,
    )
    .expect("valid request builds")
    .as_string()
    .expect("the body is a string");
    let parsed = js_sys::JSON::parse(&body).unwrap();
    assert_eq!(get(&parsed, "model_name").as_string().as_deref(), Some("kling-video-o1"));
    assert_eq!(get(&parsed, "duration").as_string().as_deref(), Some("5"));
    assert!(body.contains(r#""element_id":9007199254740993"#), "{body}");
}

#[wasm_bindgen_test]
fn build_throws_a_kling_error_with_the_issues() {
    let err = build_omni_video_body(js(r#"{ prompt: "", aspect_ratio: "4:3" }"#), None).expect_err("invalid request");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "name").as_string().as_deref(), Some("KlingError"));
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("validation_failed"));
    assert_eq!(get(&err, "retryable").as_bool(), Some(false));
    assert!(codes(&err).contains(&"invalid_enum".to_owned()), "{:?}", codes(&err));
}

#[wasm_bindgen_test]
fn json_text_entry_points_keep_every_digit() {
    let text = r#"{"prompt":"x <<<element_1>>>","aspect_ratio":"1:1","element_list":[{"element_id":9007199254740993}]}"#;
    let body = build_omni_video_body_json(JsValue::from_str(text), None).expect("exact digits from text are fine").as_string().expect("a string");
    assert!(body.contains("9007199254740993"));
    // The same number from a JS object has already lost its digits.
    let report = validate_omni_video(js_sys::JSON::parse(text).unwrap(), None);
    assert!(codes(&report).contains(&"unsafe_integer".to_owned()), "{:?}", codes(&report));
    assert_eq!(codes(&validate_omni_video_json(JsValue::from_f64(1.0), None)), vec!["wrong_type".to_owned()]);
    assert_eq!(codes(&validate_omni_video_json(JsValue::from_str("{"), None)), vec!["invalid_json".to_owned()]);
}

#[wasm_bindgen_test]
fn options_set_locale_and_rule_levels() {
    let req = r#"{ prompt: "x", duration: "5" }"#; // no aspect_ratio: OV-17
    let zh = validate_omni_video(js(req), opts(r#"{ locale: "zh" }"#));
    let message = get(&get(&zh, "issues").dyn_into::<Array>().unwrap().get(0), "message").as_string().unwrap();
    assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{message}");
    let relaxed = validate_omni_video(js(req), opts(r#"{ rules: { "OV-17": "warning" } }"#));
    assert!(ok(&relaxed));
    let off = validate_omni_video(js(req), opts(r#"{ rules: { "OV-17": "off", "GEN-MODEL-DEFAULT": "off" } }"#));
    assert!(codes(&off).is_empty(), "{:?}", codes(&off));
}

#[wasm_bindgen_test]
fn bad_options_are_reported_not_thrown_by_validate_and_thrown_by_build() {
    let report = validate_omni_video(js(VALID), opts(r#"{ locale: "fr", rules: { "OV-9": "loud" }, rule: {} }"#));
    assert!(!ok(&report));
    assert_eq!(codes(&report), vec!["invalid_option", "invalid_option", "unknown_option"]);
    let report = validate_omni_video(js(VALID), opts("'zh'"));
    assert_eq!(codes(&report), vec!["invalid_option"]);
    let err = build_omni_video_body(js(VALID), opts(r#"{ locale: 1 }"#)).expect_err("bad options");
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("config_error"));
}
