//! The app's own session headers, which a `proxy` client sends on every call for the signing
//! backend's `authorize` to read (e.g. `authorization: Bearer <app session>` or `x-session`):
//! distinct from Kling's credentials, which only the backend holds. Static, or asked of the
//! app before each attempt; either way checked here before anything is sent. Their values are
//! credentials: no message, Debug output or log line shows one.

use crate::error::Error;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Most session headers one call may carry.
pub const MAX_SESSION_HEADERS: usize = 8;
/// Longest header name (a page's CORS request names it; the proxy's `allowHeaders` has the same).
pub const MAX_HEADER_NAME_LEN: usize = 64;
/// Longest session header value, in bytes (a large JWT fits several times over).
pub const MAX_SESSION_VALUE_LEN: usize = 4096;

/// A header provider's answer (the bindings wrap a JS `() => Record<string, string> | Promise<…>`).
pub type SessionFuture = Pin<Box<dyn Future<Output = Result<Vec<(String, String)>, Error>>>>;
/// Asked before each attempt (so a refreshed session is sent on the next try).
pub type SessionProvider = Rc<dyn Fn() -> SessionFuture>;

/// Where the session headers come from.
#[derive(Clone)]
pub enum SessionHeaders {
    /// The same headers on every call.
    Static(Vec<(String, String)>),
    /// Asked for the headers before every attempt.
    Provider(SessionProvider),
}

impl fmt::Debug for SessionHeaders {
    // Values are credentials: only the names show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionHeaders::Static(h) => f.debug_list().entries(h.iter().map(|(k, _)| k)).finish(),
            SessionHeaders::Provider(_) => f.write_str("SessionHeaders::Provider"),
        }
    }
}

/// Request headers a page's script can never set (the Fetch standard's forbidden names and the
/// prefixes `proxy-`, `sec-`), and the ones the signing proxy refuses or sets itself: none can
/// carry an app's session.
const FORBIDDEN_NAMES: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "access-control-request-private-network",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
    "x-http-method-override",
    "x-http-method",
    "x-method-override",
    "x-original-url",
    "x-rewrite-url",
    "x-kling-proxy",
];
const FORBIDDEN_PREFIXES: &[&str] = &["proxy-", "sec-"];

/// Why `name` (lower case) cannot name a session header, or `None` when it can.
pub fn header_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.len() > MAX_HEADER_NAME_LEN {
        return Some("must be 1 to 64 characters");
    }
    // RFC 9110 §5.6.2 token characters.
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
        return Some("is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)");
    }
    if FORBIDDEN_NAMES.contains(&name) || FORBIDDEN_PREFIXES.iter().any(|p| name.starts_with(p)) {
        return Some("is a header a page cannot set, or one the proxy sets or refuses itself");
    }
    None
}

/// Checks one set of session headers: at most MAX_SESSION_HEADERS, each name a header a page
/// may set (not `content-type`, which the client sets) and given once in any case, each value
/// at most MAX_SESSION_VALUE_LEN bytes of visible ASCII and inner spaces (what fetch sends
/// unchanged). The message names the header, never its value.
pub fn check(headers: &[(String, String)]) -> Result<(), Error> {
    let bad = |message: String| Err(Error::Config { message: format!("auth.headers: {message}") });
    if headers.len() > MAX_SESSION_HEADERS {
        return bad(format!("{} headers; at most {MAX_SESSION_HEADERS}", headers.len()));
    }
    for (i, (name, value)) in headers.iter().enumerate() {
        let lower = name.to_ascii_lowercase();
        // A name is shown when it is a plain header name (forbidden or not), else its position.
        let plain = !lower.is_empty() && lower.len() <= MAX_HEADER_NAME_LEN && lower.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let shown = if plain { lower.clone() } else { format!("#{}", i + 1) };
        if let Some(why) = header_name_problem(&lower) {
            return bad(format!("header {shown} {why}"));
        }
        if lower == "content-type" {
            return bad("content-type is set by the client (application/json)".into());
        }
        if headers[..i].iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return bad(format!("header {shown} is given twice"));
        }
        if value.len() > MAX_SESSION_VALUE_LEN {
            return bad(format!("the value of {shown} has {} bytes; at most {MAX_SESSION_VALUE_LEN}", value.len()));
        }
        let edges = value.starts_with([' ', '\t']) || value.ends_with([' ', '\t']);
        if edges || !value.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return bad(format!("the value of {shown} must be visible ASCII characters and inner spaces"));
        }
    }
    Ok(())
}
