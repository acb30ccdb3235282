//! The signing backend's request handler, host-independent: the bindings (Workers, Deno, Node)
//! supply the body reader, the authorize hook, upstream fetch and the task-update hook through
//! `ProxyHost`; this file decides every refusal before anything reaches Kling.

use super::config::ProxyConfig;
use super::cors::{self, Caller};
use super::forward;
use super::host::{BodyRoom, ProxyHost};
use super::owner::{Owner, MAX_USER_LEN};
use super::reply::{body_refusal, busy, refuse, with_header};
use super::route::{self, Refusal, Route};
use super::state::ProxyState;
use crate::transport::HttpResponse;

// Where it lived before reply.rs; the bindings name `handler::error`.
pub use super::reply::error;

// Where it lived before host.rs (cors.rs reads it too, and must not depend on this file).
pub use super::host::RequestHead;

/// Headers that ask an intermediary to take another method or URL: refused outright.
/// (Forwarding headers like `X-Forwarded-Host` are accepted: the upstream is fixed, so they
/// change nothing, and nginx and Apache set them in their usual set-ups.)
const OVERRIDE_HEADERS: &[&str] = &["x-http-method-override", "x-http-method", "x-method-override", "x-original-url", "x-rewrite-url"];

/// Handles one request. Never panics; every path returns a response.
pub async fn handle<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, head: &RequestHead) -> HttpResponse {
    let caller = cors::caller(cfg, head);
    let mut resp = dispatch(cfg, state, host, head, &caller).await;
    if matches!(resp.status, 408 | 413) {
        // The body was not (fully) read: the connection cannot carry another request, and a
        // Node adapter told so closes it instead of draining what the sender still sends.
        resp.headers.push(("connection".into(), "close".into()));
    }
    cors::decorate(cfg, &caller, &mut resp);
    resp
}

async fn dispatch<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, head: &RequestHead, caller: &Caller) -> HttpResponse {
    if head.headers.iter().any(|(k, v)| k.contains(['\r', '\n']) || v.contains(['\r', '\n'])) {
        return refuse(host, 400, 1200, "bad_request", "header values must not contain line breaks");
    }
    if head.headers.iter().any(|(k, _)| OVERRIDE_HEADERS.iter().any(|o| k.eq_ignore_ascii_case(o))) {
        return refuse(host, 400, 1200, "bad_request", "method and URL override headers are not accepted");
    }
    if !caller.allowed() {
        return cors::origin_refusal(cfg, host, head);
    }
    if head.method == "OPTIONS" {
        return cors::preflight(cfg, host, head, caller);
    }
    let route = match route::route(&head.method, &head.target, &cfg.path_prefix) {
        Ok(Route::Callback(_)) if cfg.callback_base.is_none() => return path_refusal(host),
        // Without authorizeAccount the path is as absent as any other outside the list.
        Ok(Route::AccountCosts(_)) if !cfg.account_hook => return path_refusal(host),
        Ok(r) => r,
        Err(Refusal::NotFound) => return path_refusal(host),
        Err(Refusal::Method) => return with_header(refuse(host, 405, 1202, "method_not_allowed", "method not allowed"), "allow", "GET, POST"),
    };
    if let Route::Callback(token) = &route {
        return forward::callback(cfg, state, host, token).await;
    }
    let owner = if cfg.allow_anonymous {
        Owner::anonymous()
    } else {
        match host.authorize().await {
            // A user id too long for a callback token to carry is the hook's error, like a throw.
            Ok(Some(u)) if u.len() > MAX_USER_LEN => {
                return refuse(host, 500, 1000, "authorize_failed", &format!("the authorize hook returned a user id longer than {MAX_USER_LEN} bytes"));
            }
            Ok(Some(u)) if !u.is_empty() => Owner::user(&u),
            Ok(_) => return refuse(host, 401, 1000, "unauthorized", "not authorized"),
            // The hook's own message may carry anything; it is not echoed. Code 1000, not 5000:
            // a client retries 5000, and a hook that throws usually throws again.
            Err(_) => return refuse(host, 500, 1000, "authorize_failed", "the authorize hook failed"),
        }
    };
    match route {
        Route::Create(endpoint) => {
            if let Some(resp) = check_body_head(cfg, host, head) {
                return resp;
            }
            // Held from before the body is read until the upstream answer is back: what bounds
            // the memory creates hold at once (config.rs). Dropped on every path.
            let admitted = admitted_length(cfg, head);
            let Some(slot) = state.admit_create(cfg.max_creates_in_flight, 2 * admitted, cfg.memory_budget_bytes) else {
                return busy(host);
            };
            // Admitted with 2× its declared length, or 2× a first guess when undeclared; past
            // that the body must win 2× the maximum from the budget to go on.
            let grow = || slot.grow_to(2 * cfg.max_body_bytes, cfg.memory_budget_bytes);
            let room = BodyRoom { admitted, grow: &grow };
            let body = match host.read_body(cfg.max_body_bytes, &room).await {
                Ok(b) => b,
                Err(e) => return body_refusal(host, &e, "request"),
            };
            forward::create(cfg, state, host, endpoint, body, &owner).await
        }
        Route::Delete(asset) => {
            if let Some(resp) = check_body_head(cfg, host, head) {
                return resp;
            }
            let body = match host.read_body(DELETE_MAX_BYTES, &BodyRoom::all(DELETE_MAX_BYTES)).await {
                Ok(b) => b,
                Err(e) => return body_refusal(host, &e, "request"),
            };
            forward::delete(cfg, state, host, asset, body, &owner).await
        }
        Route::Presets(asset, query) => forward::presets(cfg, host, asset, &query).await,
        Route::AccountCosts(query) => match host.authorize_account().await {
            Ok(true) => forward::account_costs(cfg, state, host, &query).await,
            // The same 404 as a path outside the list: nothing tells that the path exists.
            Ok(false) => path_refusal(host),
            Err(_) => refuse(host, 500, 1000, "authorize_failed", "the authorizeAccount hook failed"),
        },
        Route::Get(endpoint, id, kind) => forward::get(cfg, host, endpoint, &id, kind, &owner).await,
        Route::List(endpoint, query) => forward::list(cfg, host, endpoint, &query, &owner).await,
        Route::Callback(_) => path_refusal(host),
    }
}

/// A path (or method on it) outside the allow-list: nothing there is the proxy's to serve.
fn path_refusal<H: ProxyHost>(host: &H) -> HttpResponse {
    refuse(host, 404, 1203, "path_not_allowed", "not found")
}

/// Largest deletion body read (`{"element_id":"…"}` is a few dozen bytes).
pub const DELETE_MAX_BYTES: usize = 4096;

/// A body without Content-Length (chunked, or a Request built in-process) is admitted as this
/// many bytes at first; most creates are a few KiB. Past it, it must win the maximum.
pub const UNDECLARED_FIRST_BYTES: usize = 1 << 20;

/// The length a create's body is admitted with: declared (`check_body_head` has refused a bad or
/// too large Content-Length already), else `UNDECLARED_FIRST_BYTES`; at most the maximum. The
/// create holds twice that (config.rs, DEFAULT_MEMORY_BUDGET_BYTES).
fn admitted_length(cfg: &ProxyConfig, head: &RequestHead) -> usize {
    let declared = head.header("content-length").and_then(|v| v.trim().parse::<usize>().ok());
    declared.unwrap_or(UNDECLARED_FIRST_BYTES).min(cfg.max_body_bytes)
}

/// Content-Type must be JSON and a declared length must fit before any byte is read.
fn check_body_head<H: ProxyHost>(cfg: &ProxyConfig, host: &H, head: &RequestHead) -> Option<HttpResponse> {
    let ct = head.header("content-type").unwrap_or("");
    if !ct.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Some(refuse(host, 415, 1200, "unsupported_media_type", "Content-Type must be application/json"));
    }
    if let Some(len) = head.header("content-length") {
        match len.trim().parse::<u64>() {
            Ok(n) if n > cfg.max_body_bytes as u64 => return Some(refuse(host, 413, 1200, "body_too_large", "the request body is too large")),
            Ok(_) => {}
            Err(_) => return Some(refuse(host, 400, 1200, "bad_request", "invalid Content-Length")),
        }
    }
    None
}
