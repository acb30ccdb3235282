//! Who is calling, by the `Origin` a browser sets (a page's script cannot set or change it), and
//! the CORS headers each answer carries:
//! - no `Origin`: not a page's cross-origin script (a server, curl, or a browser's same-origin
//!   GET, which omits it); it passes on to `authorize` and gets no CORS headers;
//! - the proxy's own origin (`publicOrigin`, else the origin of the URL the request came to,
//!   which a page cannot choose either: browsers never let it set `Host`): passes, no CORS
//!   headers needed;
//! - a listed origin (or any, with "*"): passes, with `Access-Control-Allow-Origin` (and
//!   `-Allow-Credentials` when configured; never with "*", config.rs refuses that);
//! - any other origin: refused (403 origin_not_allowed), with no CORS headers, so the page
//!   learns nothing but that it was refused.

use super::config::ProxyConfig;
use super::host::{ProxyHost, RequestHead};
use super::origin::{normalise_origin, MAX_HEADER_NAME_LEN};
use super::reply::refuse;
use crate::transport::HttpResponse;

/// Headers a page may always send: the JSON body's type, a bearer session (what the preflight
/// allowed before `allowHeaders` existed), and the CORS-safelisted ones a browser lists in a
/// preflight when their values are unusual.
const ALWAYS_ALLOWED: &[&str] = &["content-type", "authorization"];
const SAFELISTED: &[&str] = &["accept", "accept-language", "content-language"];
/// The methods the proxy routes.
const METHODS: &str = "GET, POST";
/// How long a browser may reuse a preflight's answer (Chromium caps it at 2 h).
const MAX_AGE_SECONDS: &str = "600";
/// What a cross-origin page's script may read besides the safelisted response headers: the
/// Retry-After of a 429, the marker of the proxy's own answers, and how old an /account/costs
/// answer is (Age, and whether it came from the proxy's cache).
const EXPOSED: &str = "retry-after, x-kling-proxy, age, x-kling-proxy-cache";

/// Who sent the request, by its `Origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No `Origin` header.
    NoOrigin,
    /// The proxy's own origin.
    SameOrigin,
    /// An origin `allowedOrigins` admits (the header's value).
    Listed(String),
    /// Any other origin: refused.
    Refused,
}

impl Caller {
    /// Whether the request may go on.
    pub fn allowed(&self) -> bool {
        !matches!(self, Caller::Refused)
    }
}

/// The proxy's own origin for this request: `publicOrigin`, else the origin of the URL it came
/// to (as the runtime saw it), normalised; `None` when neither is known.
pub fn own_origin(cfg: &ProxyConfig, head: &RequestHead) -> Option<String> {
    match &cfg.public_origin {
        Some(o) => Some(o.clone()),
        None => head.url_origin.as_deref().and_then(|u| normalise_origin(u).ok()),
    }
}

/// Who sent the request.
pub fn caller(cfg: &ProxyConfig, head: &RequestHead) -> Caller {
    let Some(origin) = head.header("origin") else { return Caller::NoOrigin };
    if own_origin(cfg, head).as_deref() == Some(origin) {
        Caller::SameOrigin
    } else if cfg.origin_allowed(origin) {
        Caller::Listed(origin.to_owned())
    } else {
        Caller::Refused
    }
}

/// Adds the CORS headers `caller` gets to an answer: `Vary: Origin` on every answer (they differ
/// by origin), and for a listed origin the allow, credentials and expose headers.
pub fn decorate(cfg: &ProxyConfig, caller: &Caller, resp: &mut HttpResponse) {
    if let Caller::Listed(origin) = caller {
        resp.headers.push(("access-control-allow-origin".into(), origin.clone()));
        if cfg.allow_credentials {
            resp.headers.push(("access-control-allow-credentials".into(), "true".into()));
        }
        resp.headers.push(("access-control-expose-headers".into(), EXPOSED.into()));
    }
    if !resp.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("vary")) {
        resp.headers.push(("vary".into(), "Origin".into()));
    }
}

/// The refusal of a request from an origin that is neither the proxy's own nor listed. Its
/// message names the proxy's own origin, which is what a misconfigured same-origin app (behind a
/// TLS-terminating front proxy, say) needs to see.
pub fn origin_refusal<H: ProxyHost>(cfg: &ProxyConfig, host: &H, head: &RequestHead) -> HttpResponse {
    let message = match own_origin(cfg, head) {
        Some(own) => format!(
            "this origin is not allowed: the proxy's own origin is {own}; list the page's origin in allowedOrigins, or set publicOrigin when a front proxy changes the scheme or host"
        ),
        None => "this origin is not allowed: list the page's origin in allowedOrigins".to_owned(),
    };
    refuse(host, 403, 1103, "origin_not_allowed", &message)
}

/// The answer to a preflight (`OPTIONS`) from an allowed caller: the methods, every header the
/// page may send, how long to keep it. Refused (403) when it is no preflight, or asks for a
/// method or header the proxy does not take.
pub fn preflight<H: ProxyHost>(cfg: &ProxyConfig, host: &H, head: &RequestHead, caller: &Caller) -> HttpResponse {
    let refused = |reason, message: &str| refuse(host, 403, 1103, reason, message);
    if *caller == Caller::NoOrigin {
        return refused("preflight_refused", "a preflight must carry Origin and Access-Control-Request-Method");
    }
    match head.header("access-control-request-method") {
        Some("GET" | "POST") => {}
        Some(_) => return refused("method_not_allowed", "only GET and POST are allowed"),
        None => return refused("preflight_refused", "a preflight must carry Origin and Access-Control-Request-Method"),
    }
    let mut allowed: Vec<&str> = ALWAYS_ALLOWED.iter().copied().chain(cfg.allow_headers.iter().map(String::as_str)).collect();
    for name in head.header("access-control-request-headers").unwrap_or("").split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let lower = name.to_ascii_lowercase();
        if allowed.contains(&lower.as_str()) {
            continue;
        }
        match SAFELISTED.iter().find(|s| **s == lower) {
            Some(s) => allowed.push(s),
            None => return refused("header_not_allowed", &header_refusal(name)),
        }
    }
    let mut resp = HttpResponse {
        status: 204,
        headers: vec![
            ("access-control-allow-methods".into(), METHODS.into()),
            ("access-control-allow-headers".into(), allowed.join(", ")),
            ("access-control-max-age".into(), MAX_AGE_SECONDS.into()),
        ],
        body: String::new(),
    };
    // The answer depends on what was asked, not only on the origin.
    resp.headers.push(("vary".into(), "Origin, Access-Control-Request-Method, Access-Control-Request-Headers".into()));
    resp
}

/// "the request header x-foo is not allowed…", naming the header only when it is a plain short
/// name (a page chose it; it is shown back to nobody else).
fn header_refusal(name: &str) -> String {
    let plain = name.len() <= MAX_HEADER_NAME_LEN && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    let named = if plain { format!("the request header {}", name.to_ascii_lowercase()) } else { "a request header".to_owned() };
    format!("{named} is not allowed: list it in the proxy's allowHeaders")
}
