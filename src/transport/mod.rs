//! The boundary the client talks through: plain HTTP request/response structs, the `Transport`
//! that sends them (fetch on wasm, a scripted mock in tests) and the `Runtime` that gives the
//! core time, sleep, jitter and fresh ids (the core reads no clock or random source itself).

#[cfg(target_arch = "wasm32")]
pub mod fetch;

use std::fmt;
use std::future::Future;

/// The HTTP methods the Kling API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Queries: one task, or a list page.
    Get,
    /// Creates, with a JSON body.
    Post,
}

impl Method {
    /// The method's name as sent: `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One request, fully formed: absolute URL, headers in order, optional body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, query string included.
    pub url: String,
    /// `(name, value)` pairs, sent in this order.
    pub headers: Vec<(String, String)>,
    /// The body text (JSON for a create); `None` sends no body.
    pub body: Option<String>,
    /// How long the whole exchange (headers and body) may take; the transport enforces it.
    pub timeout_ms: u64,
}

impl HttpRequest {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// One response with its body read completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// `(name, value)` pairs as received.
    pub headers: Vec<(String, String)>,
    /// The whole body as text.
    pub body: String,
}

impl HttpResponse {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// How a send failed. What matters to the client is whether the request may have reached the
/// server: only `NotSent` lets it send a create again without asking first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The request certainly never left (bad URL, refused before any byte was written).
    NotSent {
        /// What went wrong, for the error shown to the caller.
        message: String,
    },
    /// It may have arrived: reset or dropped connection, unreadable body, unknown failure.
    Ambiguous {
        /// What went wrong, for the error shown to the caller.
        message: String,
    },
    /// `timeout_ms` ran out (possibly after the server got the request).
    Timeout,
    /// The caller's signal aborted it.
    Aborted,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::NotSent { message } => write!(f, "request not sent: {message}"),
            TransportError::Ambiguous { message } => f.write_str(message),
            TransportError::Timeout => f.write_str("request timed out"),
            TransportError::Aborted => f.write_str("request aborted"),
        }
    }
}

/// Sends one request. `signal` is the caller's abort signal for this call (an `AbortSignal`
/// on wasm); the transport stops when it fires and answers `TransportError::Aborted`.
// The client is single-threaded (wasm), so the futures need no `Send` bound.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// The caller's abort signal type (`fetch::AbortSignal` on wasm).
    type Signal;
    /// Sends `req` and reads the whole response; a non-2xx status is a response, not an error.
    async fn send(&self, req: HttpRequest, signal: Option<&Self::Signal>) -> Result<HttpResponse, TransportError>;
}

/// Time, sleep, randomness and ids, supplied by the host (JS on wasm, a fake clock in tests).
pub trait Runtime {
    /// The caller's abort signal type; the same as the transport's.
    type Signal;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> u64;
    /// Waits `ms`, or less when `signal` fires (then `Err(Aborted)`).
    fn sleep(&self, ms: u64, signal: Option<&Self::Signal>) -> impl Future<Output = Result<(), Aborted>>;
    /// Whether `signal` has fired.
    fn is_aborted(&self, signal: &Self::Signal) -> bool;
    /// A uniform number in [0, 1), for jitter.
    fn random(&self) -> f64;
    /// A fresh unique id (crypto.randomUUID on wasm), used as a generated `external_task_id`.
    fn new_id(&self) -> String;
}

/// The caller's signal fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Aborted;
