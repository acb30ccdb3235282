//! `Error` -> the JS `KlingError`, for every binding that throws. The class itself is JS
//! (kling-error.js), so it is a real `class KlingError extends Error` that callers test with
//! `instanceof`; Rust hands it the fields as JSON text.

use crate::error::Error;
use crate::issue::Issue;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/kling-error.js")]
extern "C" {
    #[wasm_bindgen(js_name = klingErrorFromJson)]
    fn kling_error_from_json(fields: &str) -> JsValue;
}

/// The fields of a KlingError, named as in JS; absent ones are left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    message: String,
    code: &'static str,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_code: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issues: Option<&'a [Issue]>,
}

/// A new `KlingError` for `err`, ready to return as the `Err` of an export (which throws it).
pub fn to_js(err: &Error) -> JsValue {
    let mut f = Fields { message: err.to_string(), code: err.code(), retryable: err.retryable(), status: None, api_code: None, request_id: None, issues: None };
    match err {
        Error::Validation { issues } => f.issues = Some(issues),
        Error::Api { status, api_code, request_id, .. } => {
            f.status = Some(*status);
            f.api_code = *api_code;
            f.request_id = request_id.as_deref();
        }
        Error::Decode { status, .. } => f.status = Some(*status),
        Error::Transport { .. } | Error::TaskFailed { .. } | Error::Timeout | Error::Aborted | Error::Config { .. } => {}
    }
    // Serializing these plain fields cannot fail; the fallback still yields a KlingError.
    let mut text = serde_json::to_string(&f).unwrap_or_else(|_| format!("{{\"code\":\"{}\",\"message\":\"kling-wasm error\"}}", err.code()));
    // The task is already JSON text (exactly what Kling sent): spliced in, not re-serialized.
    if let (Error::TaskFailed { task }, Some(b'}')) = (err, text.as_bytes().last()) {
        text.pop();
        text.push_str(",\"task\":");
        text.push_str(&task.json);
        text.push('}');
    }
    kling_error_from_json(&text)
}
