//! The signing backend's request handler, host-independent: the bindings (Workers, Deno, Node)
//! supply the body reader, the authorize hook, upstream fetch and the task-update hook through
//! `ProxyHost`; this file decides every refusal before anything reaches Kling.

use super::config::ProxyConfig;
use super::forward;
use super::route::{self, Refusal, Route};
use crate::issue::Report;
use crate::transport::{HttpRequest, HttpResponse, TransportError};

/// The incoming request line and headers (the body is read through the host, bounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead {
    pub method: String,
    /// Path and query exactly as received (origin-form).
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl RequestHead {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Why the body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    TooLarge,
    TimedOut,
    /// Not UTF-8, or the stream failed.
    Unreadable,
}

/// What the host environment does for the handler.
#[allow(async_fn_in_trait)]
pub trait ProxyHost {
    /// Reads the request body, stopping with `TooLarge` past `max` bytes (chunked bodies too).
    async fn read_body(&self, max: usize) -> Result<String, BodyError>;
    /// The configured authorize hook: `Ok(Some(user))`, `Ok(None)` (refused) or `Err` (it threw).
    async fn authorize(&self) -> Result<Option<String>, String>;
    /// One upstream call (only ever to the configured origin).
    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// A task confirmed by querying upstream after a callback.
    async fn on_task_update(&self, task_json: &str, user: Option<&str>);
    fn now_ms(&self) -> u64;
    /// A fresh unique id (for external_task_id when the caller gave none).
    fn new_id(&self) -> String;
}

/// Headers that ask an intermediary to take another method or URL: refused outright.
const OVERRIDE_HEADERS: &[&str] = &["x-http-method-override", "x-http-method", "x-method-override", "x-original-url", "x-rewrite-url"];

/// Handles one request. Never panics; every path returns a response.
/// Per-proxy mutable state.
#[derive(Debug, Default)]
pub struct ProxyState {
    pub creates_in_flight: std::cell::Cell<usize>,
}

impl ProxyState {
    pub fn new() -> Self {
        Self::default()
    }
}

pub async fn handle<H: ProxyHost>(cfg: &ProxyConfig, _state: &ProxyState, host: &H, head: &RequestHead) -> HttpResponse {
    let origin = head.header("origin").map(str::to_owned);
    let cors_ok = origin.as_deref().is_some_and(|o| cfg.origin_allowed(o));
    let mut resp = dispatch(cfg, host, head, origin.as_deref(), cors_ok).await;
    if cors_ok {
        if let Some(o) = origin {
            resp.headers.push(("access-control-allow-origin".into(), o));
            resp.headers.push(("vary".into(), "Origin".into()));
        }
    }
    resp
}

async fn dispatch<H: ProxyHost>(cfg: &ProxyConfig, host: &H, head: &RequestHead, origin: Option<&str>, cors_ok: bool) -> HttpResponse {
    if head.headers.iter().any(|(k, v)| k.contains(['\r', '\n']) || v.contains(['\r', '\n'])) {
        return refuse(host, 400, 1200, "header values must not contain line breaks");
    }
    if head.headers.iter().any(|(k, _)| OVERRIDE_HEADERS.iter().any(|o| k.eq_ignore_ascii_case(o))) {
        return refuse(host, 400, 1200, "method and URL override headers are not accepted");
    }
    if forwards_elsewhere(head) {
        return refuse(host, 400, 1200, "forwarding headers that name another host are not accepted");
    }
    if origin.is_some() && !cors_ok {
        return refuse(host, 403, 1103, "this origin is not allowed");
    }
    if head.method == "OPTIONS" {
        return preflight(host, head, cors_ok);
    }
    let route = match route::route(&head.method, &head.target, &cfg.path_prefix) {
        Ok(Route::Callback(_)) if cfg.callback_base.is_none() => return refuse(host, 404, 1203, "not found"),
        Ok(r) => r,
        Err(Refusal::NotFound) => return refuse(host, 404, 1203, "not found"),
        Err(Refusal::Method) => return with_allow(refuse(host, 405, 1202, "method not allowed")),
    };
    if let Route::Callback(token) = &route {
        return forward::callback(cfg, host, token).await;
    }
    let user = if cfg.allow_anonymous {
        None
    } else {
        match host.authorize().await {
            Ok(Some(u)) if !u.is_empty() => Some(u),
            Ok(_) => return refuse(host, 401, 1000, "not authorized"),
            // The hook's own message may carry anything; it is not echoed.
            Err(_) => return refuse(host, 500, 5000, "the authorize hook failed"),
        }
    };
    let user = user.as_deref();
    match route {
        Route::Create(endpoint) => {
            if let Some(resp) = check_body_head(cfg, host, head) {
                return resp;
            }
            let body = match host.read_body(cfg.max_body_bytes).await {
                Ok(b) => b,
                Err(BodyError::TooLarge) => return refuse(host, 413, 1200, "the request body is too large"),
                Err(BodyError::Unreadable) => return refuse(host, 400, 1200, "the request body could not be read as UTF-8 text"),
                Err(BodyError::TimedOut) => return refuse(host, 408, 1200, "the request body was not sent in time"),
            };
            forward::create(cfg, host, endpoint, &body, user).await
        }
        Route::Get(endpoint, id) => forward::get(cfg, host, endpoint, &id, user).await,
        Route::List(endpoint, n, s) => forward::list(cfg, host, endpoint, n, s, user).await,
        Route::Callback(_) => refuse(host, 404, 1203, "not found"),
    }
}

/// A forwarding header naming a host other than the request's own: someone is trying to make
/// the proxy believe it serves another site. (The upstream is fixed either way; this refuses
/// the attempt instead of quietly ignoring it.) The same host, as proxies in front set it, passes.
fn forwards_elsewhere(head: &RequestHead) -> bool {
    let own = head.header("host").unwrap_or("").trim().to_ascii_lowercase();
    let differs = |v: &str| v.split(',').any(|h| !h.trim().eq_ignore_ascii_case(&own));
    ["x-forwarded-host", "x-host", "x-forwarded-server"].iter().any(|h| head.header(h).is_some_and(differs))
        || head.header("forwarded").is_some_and(|f| {
            f.split([';', ',']).filter_map(|p| p.trim().strip_prefix("host=")).any(|h| differs(h.trim_matches('"')))
        })
}

/// Content-Type must be JSON and a declared length must fit before any byte is read.
fn check_body_head<H: ProxyHost>(cfg: &ProxyConfig, host: &H, head: &RequestHead) -> Option<HttpResponse> {
    let ct = head.header("content-type").unwrap_or("");
    if !ct.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Some(refuse(host, 415, 1200, "Content-Type must be application/json"));
    }
    if let Some(len) = head.header("content-length") {
        match len.trim().parse::<u64>() {
            Ok(n) if n > cfg.max_body_bytes as u64 => return Some(refuse(host, 413, 1200, "the request body is too large")),
            Ok(_) => {}
            Err(_) => return Some(refuse(host, 400, 1200, "invalid Content-Length")),
        }
    }
    None
}

fn preflight<H: ProxyHost>(host: &H, head: &RequestHead, cors_ok: bool) -> HttpResponse {
    let method_ok = matches!(head.header("access-control-request-method"), Some("GET" | "POST"));
    if !cors_ok || !method_ok {
        return refuse(host, 403, 1103, "preflight refused");
    }
    HttpResponse {
        status: 204,
        headers: vec![
            ("access-control-allow-methods".into(), "GET, POST".into()),
            ("access-control-allow-headers".into(), "content-type, authorization".into()),
            ("access-control-max-age".into(), "600".into()),
        ],
        body: String::new(),
    }
}

fn with_allow(mut r: HttpResponse) -> HttpResponse {
    r.headers.push(("allow".into(), "GET, POST".into()));
    r
}

/// A response in Kling's envelope shape, so a client decodes the proxy's refusals like Kling's.
/// The request never reached Kling, so it has no Kling request id; it gets a fresh one from the
/// host, so a caller's log line or bug report still names this one refusal.
pub fn refuse<H: ProxyHost>(host: &H, status: u16, code: i64, message: &str) -> HttpResponse {
    envelope(status, code, message, &host.new_id(), None)
}

/// A refusal with an empty `request_id`, for answers made where no host is at hand.
pub fn error(status: u16, code: i64, message: &str) -> HttpResponse {
    envelope(status, code, message, "", None)
}

/// HTTP 400 with the validation report (the request never reached Kling).
pub fn invalid<H: ProxyHost>(host: &H, report: &Report) -> HttpResponse {
    envelope(400, 1201, "the request is invalid (checked by the proxy)", &host.new_id(), Some(&report.to_json()))
}

fn envelope(status: u16, code: i64, message: &str, request_id: &str, report: Option<&str>) -> HttpResponse {
    let mut body = String::from("{\"code\":");
    body.push_str(&code.to_string());
    body.push_str(",\"message\":");
    crate::json::write_str(&mut body, message);
    body.push_str(",\"request_id\":");
    crate::json::write_str(&mut body, request_id);
    body.push_str(",\"data\":null");
    if let Some(report) = report {
        body.push_str(",\"report\":");
        body.push_str(report);
    }
    body.push('}');
    json_response(status, body)
}

pub fn json_response(status: u16, body: String) -> HttpResponse {
    HttpResponse { status, headers: vec![("content-type".into(), "application/json; charset=utf-8".into())], body }
}
