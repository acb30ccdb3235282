//! Turns an HTTP response into the envelope's `data` or an `Error::Api` (kling-api.md §1.4):
//! Kling's business code decides when the body is Kling's envelope, the HTTP status otherwise.

use super::retry;
use crate::api::common::Envelope;
use crate::error::Error;
use crate::transport::HttpResponse;
use serde::de::DeserializeOwned;

/// The longest slice of a non-Kling error body kept as the message.
const MESSAGE_MAX_CHARS: usize = 200;

/// The `data` of a successful response, or the error the response stands for.
pub fn decode<T: DeserializeOwned>(resp: &HttpResponse) -> Result<T, Error> {
    let status = resp.status;
    let ok_status = (200..300).contains(&status);
    let env = match serde_json::from_str::<Envelope<serde_json::Value>>(&resp.body) {
        Ok(env) => env,
        Err(e) if ok_status => return Err(Error::Decode { message: format!("the body is not Kling's JSON envelope: {e}"), status }),
        Err(_) => return Err(api_error(status, None, body_message(resp), header_request_id(resp))),
    };
    let request_id = Some(env.request_id).filter(|r| !r.is_empty()).or_else(|| header_request_id(resp));
    if env.code != 0 || !ok_status {
        let message = if env.message.is_empty() { body_message(resp) } else { env.message };
        return Err(api_error(status, Some(env.code), message, request_id));
    }
    let data = env.data.ok_or_else(|| Error::Decode { message: "the envelope has no data".into(), status })?;
    serde_json::from_value(data).map_err(|e| Error::Decode { message: format!("unexpected data: {e}"), status })
}

fn api_error(status: u16, api_code: Option<i64>, message: String, request_id: Option<String>) -> Error {
    Error::Api { status, api_code, message, request_id, retryable: retry::is_retryable(status, api_code) }
}

/// Some gateways put the trace id in a header when the body is not Kling's.
fn header_request_id(resp: &HttpResponse) -> Option<String> {
    resp.header("x-request-id").or_else(|| resp.header("request-id")).map(str::to_owned)
}

/// The start of a body that is not Kling's envelope (a gateway's HTML page, plain text).
fn body_message(resp: &HttpResponse) -> String {
    let text = resp.body.trim();
    if text.is_empty() {
        return format!("HTTP {}", resp.status);
    }
    let mut out: String = text.chars().take(MESSAGE_MAX_CHARS).collect();
    if text.chars().nth(MESSAGE_MAX_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Kling's code of an API error, if any.
pub fn api_code(e: &Error) -> Option<i64> {
    match e {
        Error::Api { api_code, .. } => *api_code,
        _ => None,
    }
}

/// "Not found" for a query by id: Kling's 1203, or a bare 404 from something in between.
pub fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Api { api_code: Some(1203), .. } | Error::Api { status: 404, api_code: None, .. })
}

/// A create refused because its `external_task_id` already exists (1201 naming the field).
pub fn is_duplicate_external_id(e: &Error) -> bool {
    matches!(e, Error::Api { api_code: Some(1201), message, .. } if message.contains("external_task_id"))
}
