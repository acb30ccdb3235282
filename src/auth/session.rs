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

/// Whether `n` is a header name (RFC 9110 §5.6.2 token characters) of 1 to 64 bytes.
#[inline(never)]
fn is_name(n: &[u8]) -> bool {
    !n.is_empty() && n.len() <= MAX_HEADER_NAME_LEN && n.iter().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b))
}

/// Why `name` (in any case) cannot name a session header, or `None` when it can.
pub fn header_name_problem(name: &str) -> Option<&'static str> {
    let n = name.as_bytes();
    if !is_name(n) {
        return Some("is not a header name of 1 to 64 characters (letters, digits and !#$%&'*+-.^_`|~)");
    }
    // Byte comparisons, any case: no lower-case copy, and no `str` pattern searcher in the wasm.
    let starts = |p: &str| n.len() >= p.len() && n[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if FORBIDDEN_NAMES.iter().any(|f| f.as_bytes().eq_ignore_ascii_case(n)) || FORBIDDEN_PREFIXES.iter().any(|p| starts(p)) {
        return Some("is a header a page cannot set, or one the proxy sets or refuses itself");
    }
    None
}

/// Checks one set of session headers: at most MAX_SESSION_HEADERS, each name a header a page
/// may set (not `content-type`, which the client sets) and given once in any case, each value
/// at most MAX_SESSION_VALUE_LEN bytes of visible ASCII and inner spaces (what fetch sends
/// unchanged). The message names the header when its name is plain, never its value. (Written
/// without `format!` and char patterns: this runs in the main module, where every KiB counts.)
pub fn check(headers: &[(String, String)]) -> Result<(), Error> {
    if headers.len() > MAX_SESSION_HEADERS {
        return Err(problem("", "more than 8 headers were given (at most 8)"));
    }
    for (i, (name, _)) in headers.iter().enumerate() {
        if let Some(why) = value_or_name_problem(headers, i) {
            // The name is shown when it is one (forbidden or not); a value never is.
            return Err(problem(if is_name(name.as_bytes()) { name } else { "(not a header name)" }, why));
        }
    }
    Ok(())
}

/// What is wrong with header `i` of `headers`, if anything.
fn value_or_name_problem(headers: &[(String, String)], i: usize) -> Option<&'static str> {
    let (name, value) = &headers[i];
    if let Some(why) = header_name_problem(name) {
        return Some(why);
    }
    if name.eq_ignore_ascii_case("content-type") {
        return Some("is set by the client (application/json)");
    }
    if headers[..i].iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Some("is given twice");
    }
    if value.len() > MAX_SESSION_VALUE_LEN {
        return Some("has a value longer than 4096 bytes (at most 4096)");
    }
    if !plain_value(value.as_bytes()) {
        return Some("must have a value of visible ASCII characters and inner spaces");
    }
    None
}

/// Visible ASCII and spaces, none at either end (fetch would trim them silently).
fn plain_value(v: &[u8]) -> bool {
    let edge = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t'));
    !edge(v.first()) && !edge(v.last()) && v.iter().all(|b| (b' '..=b'~').contains(b))
}

fn problem(name: &str, why: &str) -> Error {
    let header = if name.is_empty() { "" } else { "header " };
    let space = if name.is_empty() { "" } else { " " };
    Error::Config { message: ["auth.headers: ", header, name, space, why].concat() }
}
