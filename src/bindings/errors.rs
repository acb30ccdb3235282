//! `Error` -> the JS `KlingError`, for every binding that throws. The class itself is JS
//! (kling-error.js), so it is a real `class KlingError extends Error` that callers test with
//! `instanceof`; Rust hands it the fields as JSON text.

use crate::error::Error;
use crate::json::{write_num, write_str, write_u64, Num};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/kling-error.js")]
extern "C" {
    #[wasm_bindgen(js_name = klingErrorFromJson)]
    fn kling_error_from_json(fields: &str) -> JsValue;
}

/// A new `KlingError` for `err`, ready to return as the `Err` of an export (which throws it).
/// The fields go as JSON text, named as in JS, absent ones left out; written by hand (a serde
/// derive for them cost ~1 KB of wasm).
pub fn to_js(err: &Error) -> JsValue {
    to_js_with(err, None)
}

/// `to_js`, plus the `externalTaskId` a failed create carried (retry with it: no second task).
pub fn to_js_with(err: &Error, external_task_id: Option<&str>) -> JsValue {
    let mut o = String::from("{\"message\":");
    write_str(&mut o, &err.to_string());
    o.push_str(",\"code\":");
    write_str(&mut o, err.code());
    o.push_str(if err.retryable() { ",\"retryable\":true" } else { ",\"retryable\":false" });
    match err {
        Error::Validation { issues } => {
            o.push_str(",\"issues\":");
            // The writer Report::to_json uses (issue/to_json.rs).
            crate::issue::write_issues(&mut o, issues);
        }
        Error::Api { status, api_code, request_id, proxy_reason, .. } => {
            status_field(&mut o, *status);
            match proxy_reason {
                Some(reason) => {
                    o.push_str(",\"source\":\"proxy\",\"reason\":");
                    write_str(&mut o, reason);
                }
                None => o.push_str(",\"source\":\"kling\""),
            }
            if let Some(c) = api_code {
                o.push_str(",\"apiCode\":");
                write_num(&mut o, Num::I(*c));
            }
            if let Some(id) = request_id {
                o.push_str(",\"requestId\":");
                write_str(&mut o, id);
            }
        }
        Error::Decode { status, .. } => status_field(&mut o, *status),
        // The task is already JSON text (as the client returns tasks): spliced in, not re-serialized.
        Error::TaskFailed { task } => {
            o.push_str(",\"task\":");
            o.push_str(&task.json);
        }
        // The limit, and the estimate as estimateCost gives it (priced above it, or unpriced).
        Error::CostLimit(r) => {
            o.push_str(",\"maxUnits\":");
            write_num(&mut o, Num::F(r.max_units));
            o.push_str(",\"estimate\":");
            o.push_str(&crate::cost::js::to_json(&r.estimate));
        }
        Error::Transport { .. } | Error::Timeout | Error::Aborted | Error::Config { .. } => {}
    }
    if let Some(id) = external_task_id {
        o.push_str(",\"externalTaskId\":");
        write_str(&mut o, id);
    }
    o.push('}');
    kling_error_from_json(&o)
}

fn status_field(o: &mut String, status: u16) {
    o.push_str(",\"status\":");
    write_u64(o, u64::from(status));
}
