//! The proxy's own answers: refusals in Kling's envelope shape (so a client decodes them like
//! Kling's), validation reports, body-read refusals, and JSON responses. Shared by the handler
//! and the forwarding code, so neither imports the other for them.
//!
//! Every answer the proxy makes itself is marked so a client tells it from Kling's: the body
//! carries `"source":"proxy"` and a stable `reason` (README lists them), and the header
//! `x-kling-proxy: 1`; Kling's numeric `code` stays, so older clients decode it as before. The
//! one unmarked answer is `not_found`: a missing task and another user's must read the same.

use super::host::{BodyError, ProxyHost};
use crate::issue::Report;
use crate::transport::HttpResponse;

/// A response in Kling's envelope shape, so a client decodes the proxy's refusals like Kling's.
/// The request never reached Kling, so it has no Kling request id; it gets a fresh one from the
/// host, so a caller's log line or bug report still names this one refusal.
/// `reason` is the stable word a client branches on (e.g. "origin_not_allowed").
pub fn refuse<H: ProxyHost>(host: &H, status: u16, code: i64, reason: &str, message: &str) -> HttpResponse {
    marked(status, envelope(code, message, &host.new_id(), Some(reason), None))
}

/// A refusal with more string members after `reason` (e.g. the refused id and its pointer).
pub fn refuse_with<H: ProxyHost>(host: &H, status: u16, code: i64, reason: &str, message: &str, extra: &[(&str, &str)]) -> HttpResponse {
    let mut body = envelope(code, message, &host.new_id(), Some(reason), None);
    body.pop();
    for (k, v) in extra {
        body.push(',');
        crate::json::write_str(&mut body, k);
        body.push(':');
        crate::json::write_str(&mut body, v);
    }
    body.push('}');
    marked(status, body)
}

/// A refusal with an empty `request_id`, for answers made where no host is at hand.
pub fn error(status: u16, code: i64, reason: &str, message: &str) -> HttpResponse {
    marked(status, envelope(code, message, "", Some(reason), None))
}

/// HTTP 400 with the validation report (the request never reached Kling).
pub fn invalid<H: ProxyHost>(host: &H, report: &Report) -> HttpResponse {
    let text = report.to_json();
    marked(400, envelope(1201, "the request is invalid (checked by the proxy)", &host.new_id(), Some("validation_failed"), Some(&text)))
}

/// Another user's task, a task outside the caller's namespace and a missing one all get exactly
/// this answer (status, headers and body, apart from the fresh request id), so none can be told
/// from the others. Not marked as the proxy's: that a task does not exist is Kling's verdict
/// (the proxy answers so for Kling's own "not found" too), and it must read the same whoever
/// owns the id.
pub fn not_found<H: ProxyHost>(host: &H) -> HttpResponse {
    json_response(404, envelope(1203, "task not found", &host.new_id(), None, None))
}

/// The header that marks the proxy's own answers (beside `"source":"proxy"` in their body).
pub const MARKER_HEADER: &str = "x-kling-proxy";

fn marked(status: u16, body: String) -> HttpResponse {
    let mut r = json_response(status, body);
    r.headers.push((MARKER_HEADER.into(), "1".into()));
    r
}

fn envelope(code: i64, message: &str, request_id: &str, reason: Option<&str>, report: Option<&str>) -> String {
    let mut body = String::from("{\"code\":");
    body.push_str(&code.to_string());
    body.push_str(",\"message\":");
    crate::json::write_str(&mut body, message);
    body.push_str(",\"request_id\":");
    crate::json::write_str(&mut body, request_id);
    body.push_str(",\"data\":null");
    if let Some(reason) = reason {
        body.push_str(",\"source\":\"proxy\",\"reason\":");
        crate::json::write_str(&mut body, reason);
    }
    if let Some(report) = report {
        body.push_str(",\"report\":");
        body.push_str(report);
    }
    body.push('}');
    body
}

/// A JSON response with this status.
pub fn json_response(status: u16, body: String) -> HttpResponse {
    HttpResponse { status, headers: vec![("content-type".into(), "application/json; charset=utf-8".into())], body }
}

/// The answer to a body that could not be read (`what`: "request" or "callback").
pub fn body_refusal<H: ProxyHost>(host: &H, e: &BodyError, what: &str) -> HttpResponse {
    match e {
        BodyError::TooLarge => refuse(host, 413, 1200, "body_too_large", &format!("the {what} body is too large")),
        BodyError::TimedOut => refuse(host, 408, 1200, "body_timeout", &format!("the {what} body did not arrive in time")),
        BodyError::Unreadable => refuse(host, 400, 1200, "bad_request", &format!("the {what} body could not be read as UTF-8 text")),
        BodyError::Busy => busy(host),
    }
}

/// Too many creates in flight, or no room in the memory budget: Kling's own throttling code, so
/// KlingClient retries it after Retry-After.
pub fn busy<H: ProxyHost>(host: &H) -> HttpResponse {
    with_header(refuse(host, 429, 1303, "busy", "too many requests in flight; retry shortly"), "retry-after", "1")
}

/// `r` with one more header.
pub fn with_header(mut r: HttpResponse, name: &str, value: &str) -> HttpResponse {
    r.headers.push((name.into(), value.into()));
    r
}
