//! What the handler needs from the environment it runs in (`ProxyHost`: body reading, the
//! authorize hook, upstream fetch, ids, the clock), the body-reading terms it passes, and the
//! request head the host hands in (`RequestHead`).
//! Its own file so the handler and the forwarding code both depend on it, not on each other.

use super::store::Part;
use crate::transport::{HttpRequest, HttpResponse, TransportError};

/// Why the body could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Longer than allowed.
    TooLarge,
    /// Not UTF-8, or the stream failed.
    Unreadable,
    /// The host's body-read deadline (`ProxyConfig::body_timeout_ms`) passed.
    TimedOut,
    /// The body outgrew what its create was admitted with, and the memory budget has no room
    /// for the maximum now (429, retry shortly).
    Busy,
}

/// What a body may take before the host must ask for more room, and how to ask.
pub struct BodyRoom<'a> {
    /// Bytes the body may take as admitted (its declared length, or a first guess).
    pub admitted: usize,
    /// Extends the room to the maximum; false when the budget has no room (the host answers
    /// `Busy`). Called at most once, and only when the body passes `admitted`.
    pub grow: &'a dyn Fn() -> bool,
}

impl std::fmt::Debug for BodyRoom<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyRoom").field("admitted", &self.admitted).finish_non_exhaustive()
    }
}

impl BodyRoom<'_> {
    /// Room for `max` bytes from the start (nothing to ask).
    pub fn all(max: usize) -> BodyRoom<'static> {
        BodyRoom { admitted: max, grow: &|| true }
    }
}

/// What the host environment does for the handler.
#[allow(async_fn_in_trait)]
pub trait ProxyHost {
    /// Reads the request body, stopping with `TooLarge` past `max` bytes (chunked bodies too) and
    /// with `TimedOut` once `body_timeout_ms` passed. Past `room.admitted` bytes it calls
    /// `room.grow` first (once), and stops with `Busy` when that is refused.
    async fn read_body(&self, max: usize, room: &BodyRoom<'_>) -> Result<String, BodyError>;
    /// The configured authorize hook: `Ok(Some(user))`, `Ok(None)` (refused) or `Err` (it threw).
    async fn authorize(&self) -> Result<Option<String>, String>;
    /// The configured `authorizeAccount` hook, asked before `/account/costs` is forwarded:
    /// `Ok(true)` lets the caller through, `Ok(false)` refuses (404), `Err` (it threw) is a 500.
    /// Hosts without the hook never get here (the path is not allow-listed for them).
    async fn authorize_account(&self) -> Result<bool, String> {
        Ok(false)
    }
    /// One upstream call (only ever to the configured origin).
    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// One op on a user's record in the configured store (store/mod.rs), applied atomically
    /// there; the answer is JSON text. `Err`: the store failed (creates are then refused).
    async fn store(&self, user: &str, part: Part, op: &str) -> Result<String, String>;
    /// The configured `budget` hook's answer for `user` (JSON text of a budget), `None` for no
    /// limits, `Err` when it threw. Only asked when the hook is configured.
    async fn budget(&self, _user: &str) -> Result<Option<String>, String> {
        Err("no budget hook".into())
    }
    /// A task confirmed by querying upstream after a callback.
    async fn on_task_update(&self, task_json: &str, user: Option<&str>);
    /// The time, in ms since the epoch (the core never reads a clock).
    fn now_ms(&self) -> u64;
    /// A fresh unique id (for external_task_id when the caller gave none, request ids, cursors).
    fn new_id(&self) -> String;
}

/// The incoming request line and headers (the body is read through the host, bounded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHead {
    /// The request method, as received.
    pub method: String,
    /// Path and query exactly as received (origin-form).
    pub target: String,
    /// The request headers (names as received).
    pub headers: Vec<(String, String)>,
    /// The origin of the URL the request came to, as the runtime saw it (`request.url`; under
    /// Node, the Host header's): the proxy's own origin unless `publicOrigin` is configured.
    /// A page cannot choose it (browsers never let a script set Host). `None` when unknown.
    pub url_origin: Option<String>,
}

impl RequestHead {
    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}
