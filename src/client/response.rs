//! Turns an HTTP response into the envelope's `data` or an `Error::Api` (kling-api.md §1.4):
//! Kling's business code decides when the body is Kling's envelope, the HTTP status otherwise.

use super::retry;
use crate::api::common::Task;
use crate::error::Error;
use crate::json::{self, Value};
use crate::transport::HttpResponse;

/// The longest slice of a non-Kling error body kept as the message.
const MESSAGE_MAX_CHARS: usize = 200;

/// What a response's `data` can be read as: one task (create, query) or a list of them.
pub trait FromData: Sized {
    /// Reads the envelope's `data`; `None` when it has the wrong shape.
    fn from_data(v: &Value) -> Option<Self>;

    /// From `data` and the whole envelope (a list's `next_cursor` sits beside `data`); by
    /// default `data` alone.
    fn from_envelope(_body: &Value, data: &Value, status: u16) -> Result<Self, Error> {
        Self::from_data(data).ok_or_else(|| wrong_shape(status))
    }
}

impl FromData for Task {
    fn from_data(v: &Value) -> Option<Self> {
        Task::from_value(v)
    }
}

impl FromData for Vec<Task> {
    fn from_data(v: &Value) -> Option<Self> {
        v.as_arr()?.iter().map(Task::from_value).collect()
    }
}

/// The envelope's fields (§1.4), read from the parsed body; `None` when it is not an envelope.
fn envelope<'v, 'a>(body: &'v Value<'a>) -> Option<(i64, &'v str, &'v str, Option<&'v Value<'a>>)> {
    let code = match body.field("code")? {
        Value::Num(n) => n.as_i64()?,
        _ => return None,
    };
    let text = |key: &str| body.field(key).and_then(Value::as_str).unwrap_or("");
    Some((code, text("message"), text("request_id"), body.field("data")))
}

/// The `data` of a successful response, or the error the response stands for.
pub fn decode<T: FromData>(resp: &HttpResponse) -> Result<T, Error> {
    // JS's JSON.parse accepts half a surrogate pair (`"\ud83d"`, an emoji cut in two); read it
    // as U+FFFD, as requests are read, rather than failing a task Kling did answer (js-10).
    let parsed = json::parse_lenient(&resp.body).ok().map(|(v, _)| v);
    let (body, data) = envelope_data(resp, parsed.as_ref())?;
    T::from_envelope(body, data, resp.status)
}

/// The `data` of a successful response as the JSON text `read` makes of it (presets, account
/// costs: answers that are not tasks).
pub fn decode_text(resp: &HttpResponse, read: fn(&Value) -> Option<String>) -> Result<String, Error> {
    let parsed = json::parse_lenient(&resp.body).ok().map(|(v, _)| v);
    let (_, data) = envelope_data(resp, parsed.as_ref())?;
    read(data).ok_or_else(|| Error::Decode { message: "the data is not the object Kling documents for this call".into(), status: resp.status })
}

/// `data` that is not what the call reads it as (a task, or a list of them).
pub(crate) fn wrong_shape(status: u16) -> Error {
    Error::Decode { message: "the data is not the task object Kling documents".into(), status }
}

/// `decode`'s part that does not depend on what `data` is read as (compiled once, not per type):
/// the envelope and its `data`.
fn envelope_data<'v, 'a>(resp: &HttpResponse, parsed: Option<&'v Value<'a>>) -> Result<(&'v Value<'a>, &'v Value<'a>), Error> {
    let status = resp.status;
    let ok_status = (200..300).contains(&status);
    let Some((body, (code, message, request_id, data))) = parsed.and_then(|b| Some((b, envelope(b)?))) else {
        if ok_status {
            return Err(Error::Decode { message: "the body is not Kling's JSON envelope".into(), status });
        }
        let proxy = proxy_reason(resp, parsed);
        return Err(api_error(status, None, body_message(resp), header_request_id(resp), proxy));
    };
    let request_id = Some(request_id.to_owned()).filter(|r| !r.is_empty()).or_else(|| header_request_id(resp));
    if code != 0 || !ok_status {
        let message = if message.is_empty() { body_message(resp) } else { message.to_owned() };
        return Err(api_error(status, Some(code), message, request_id, proxy_reason(resp, Some(body))));
    }
    data.map(|d| (body, d)).ok_or(Error::Decode { message: "the envelope has no data".into(), status })
}

fn api_error(status: u16, api_code: Option<i64>, message: String, request_id: Option<String>, proxy_reason: Option<String>) -> Error {
    let retryable = retry::is_retryable_answer(status, api_code, proxy_reason.is_some());
    Error::Api { status, api_code, message, request_id, retryable, proxy_reason }
}

/// The longest proxy reason kept; a longer or odd one reads "unknown".
const REASON_MAX_LEN: usize = 64;

/// The signing proxy's reason when it answered itself (its header `x-kling-proxy: 1`, or
/// `"source":"proxy"` in the body: either is enough, as a cross-origin page may not see the
/// header), else `None`: the answer is Kling's.
fn proxy_reason(resp: &HttpResponse, body: Option<&Value>) -> Option<String> {
    let text = |key: &str| body.and_then(|b| b.field(key)).and_then(Value::as_str).unwrap_or("");
    if resp.header(crate::proxy::MARKER_HEADER) != Some("1") && text("source") != "proxy" {
        return None;
    }
    let r = text("reason");
    let plain = !r.is_empty() && r.len() <= REASON_MAX_LEN && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    Some(if plain { r } else { "unknown" }.to_owned())
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

/// "Not found" for a query by id: Kling's 1203, or a bare 404 from something in between; not
/// the proxy's own 404 for a path it does not serve (the signing proxy's "task not found" is
/// unmarked: it reads as Kling's).
pub fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Api { api_code: Some(1203), proxy_reason: None, .. } | Error::Api { status: 404, api_code: None, proxy_reason: None, .. })
}

/// A create refused because its `external_task_id` already exists (Kling's 1201 naming the
/// field; the proxy's own 1201 about the id's form is no duplicate).
pub fn is_duplicate_external_id(e: &Error) -> bool {
    // A byte search: `str::contains(&str)` would link core's two-way searcher (~2 KB).
    matches!(e, Error::Api { api_code: Some(1201), message, proxy_reason: None, .. } if message.as_bytes().windows(16).any(|w| w == b"external_task_id"))
}

/// The proxy's refusal of a request it sent nothing of to Kling (every reason but a failed or
/// withheld upstream call, or its own fault): a create refused so was certainly not stored.
pub fn proxy_sent_nothing(e: &Error) -> bool {
    const MAY_HAVE_SENT: &[&str] =
        &["upstream_timeout", "upstream_unreachable", "upstream_answer_withheld", "upstream_bad_answer", "internal_error", "unknown"];
    matches!(e, Error::Api { proxy_reason: Some(r), .. } if !MAY_HAVE_SENT.contains(&r.as_str()))
}
