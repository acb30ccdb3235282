//! Client settings and per-call options: defaults, the base URL, paths and query strings, and the
//! checks on caller-given values (page numbers, ids) that must fail before anything is sent.

use crate::auth::Auth;
use crate::caps::Endpoint;
use crate::error::Error;
use crate::issue::{Code, Options};
use crate::rules::{basic, ids, Ctx};

/// Retries after the first attempt, unless configured (kling-api.md §1.5 policy).
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// More retries than this only hammer a failing service.
pub const MAX_MAX_RETRIES: u32 = 10;
/// One HTTP exchange (headers and body) may take this long unless configured.
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;
/// `wait_for_task` gives up after this long unless told otherwise.
pub const DEFAULT_WAIT_TIMEOUT_MS: u64 = 600_000;
/// Kling's list paging limits (§4.4): the last page number Kling serves (pages count from 1).
pub const PAGE_NUM_MAX: u32 = 1000;
/// The most items one list page may ask for (custom-voice lists: `Endpoint::max_page_size`).
pub const PAGE_SIZE_MAX: u32 = 500;
/// Tasks per list page when the caller gives no `pageSize` (Kling's own default).
pub const PAGE_SIZE_DEFAULT: u32 = 30;

/// What a client is built from.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Kling's host (e.g. `https://api-singapore.klingai.com`) or the signing backend's mount
    /// (`https://example.com/kling`, or `/kling` in a browser). A trailing slash is ignored.
    pub base_url: String,
    /// Where the bearer token comes from.
    pub auth: Auth,
    /// Retries after the first attempt of a request that failed retryably (at most 10; default 2).
    pub max_retries: u32,
    /// Per HTTP exchange, headers and body; a call may take several (retries, lookups).
    pub timeout_ms: u64,
    /// Validation options (locale, rule levels) for the create calls.
    pub options: Options,
    /// Set by the bindings when `window`/`document` exist: `keys`/`apiKey` then need the opt-in.
    pub in_browser: bool,
    /// The cost limit of every create that does not give its own (default: none).
    pub cost_limit: super::CostLimit,
}

impl ClientConfig {
    /// The given base URL and auth with every other setting at its default; checked by `Client::new`.
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            auth,
            max_retries: DEFAULT_MAX_RETRIES,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            options: Options::default(),
            in_browser: false,
            cost_limit: super::CostLimit::default(),
        }
    }

    /// Checks the settings; returns the base URL without trailing slashes.
    pub(crate) fn checked_base_url(&self) -> Result<String, Error> {
        let config = |message: &str| Err(Error::Config { message: message.into() });
        let base = self.base_url.trim_end_matches('/');
        let lower = base.to_ascii_lowercase();
        match lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => return config("baseUrl has no host"),
            Some(_) => {}
            // A path ("/kling", or "/" = the page's own origin) only works where fetch resolves
            // relative URLs (browsers), which is where a signing backend is usually mounted.
            None if self.base_url.starts_with('/') => {}
            None => return config("baseUrl must be an http(s) URL or a path starting with \"/\""),
        }
        if base.bytes().any(|b| b <= b' ' || b == b'?' || b == b'#' || b == 0x7f) {
            return config("baseUrl must not contain whitespace, a query or a fragment");
        }
        if self.max_retries > MAX_MAX_RETRIES {
            return config("maxRetries must be between 0 and 10");
        }
        if self.timeout_ms == 0 {
            return config("timeoutMs must be positive");
        }
        self.cost_limit.check("KlingClient options")?;
        self.auth.check_environment(self.in_browser)?;
        Ok(base.to_owned())
    }
}

/// Per-call options: the caller's abort signal and a timeout.
#[derive(Debug)]
pub struct CallOptions<'a, S> {
    /// Aborts the call when it fires (a JS `AbortSignal` in the bindings).
    pub signal: Option<&'a S>,
    /// create / get / list: per HTTP exchange (default: the client's). wait_for_task: the whole
    /// wait (default 10 min).
    pub timeout_ms: Option<u64>,
}

impl<S> Default for CallOptions<'_, S> {
    fn default() -> Self {
        CallOptions { signal: None, timeout_ms: None }
    }
}

impl<S> Clone for CallOptions<'_, S> {
    fn clone(&self) -> Self {
        CallOptions { signal: self.signal, timeout_ms: self.timeout_ms }
    }
}

/// `base + path`, e.g. `…/v1/videos/omni-video`.
pub(crate) fn collection_url(base: &str, endpoint: Endpoint) -> String {
    format!("{base}{}", endpoint.path())
}

/// `base + path + "/" + id`, the id percent-encoded as one path segment.
pub(crate) fn task_url(base: &str, endpoint: Endpoint, id: &str) -> String {
    let mut url = collection_url(base, endpoint);
    url.push('/');
    push_encoded(&mut url, id);
    url
}

/// Appends `value` percent-encoded: RFC 3986 unreserved characters and ':' stay, everything else
/// is escaped, so a value can never add a path segment, a query parameter or a fragment.
pub(crate) fn push_encoded(url: &mut String, value: &str) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
}

/// Which id a query names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdKind {
    /// Kling's `task_id`.
    #[default]
    TaskId,
    /// The caller's `external_task_id`.
    ExternalTaskId,
}

/// The URL of a query by `id`. Kling takes either id in the path (§4.3); the signing proxy reads
/// the path as a task_id (one upstream query) and wants `?by=external_task_id` for the other.
pub(crate) fn query_url(base: &str, endpoint: Endpoint, id: &str, by: IdKind, through_proxy: bool) -> String {
    let mut url = task_url(base, endpoint, id);
    if by == IdKind::ExternalTaskId && through_proxy {
        url.push_str("?by=external_task_id");
    }
    url
}

/// Checks caller-given paging numbers (JS numbers): whole, pageNum 1–1000, pageSize 1–500.
pub fn check_page(page_num: f64, page_size: f64, opts: &Options) -> Result<(u32, u32), Error> {
    check_page_upto(page_num, page_size, PAGE_SIZE_MAX, opts)
}

/// `check_page` for a family's list: pageSize up to `endpoint.max_page_size()` (custom-voice
/// lists take 1000, §8.2; the others 500).
pub fn check_family_page(endpoint: Endpoint, page_num: f64, page_size: f64, opts: &Options) -> Result<(u32, u32), Error> {
    check_page_upto(page_num, page_size, endpoint.max_page_size(), opts)
}

fn check_page_upto(page_num: f64, page_size: f64, size_max: u32, opts: &Options) -> Result<(u32, u32), Error> {
    let mut ctx = Ctx::new(opts);
    let one = |ctx: &mut Ctx, v: f64, path: &str, max: u32| -> Option<u32> {
        if v.fract() != 0.0 || !v.is_finite() {
            ctx.error(path, Code::NotInteger, ids::RANGE, vec![]);
            return None;
        }
        basic::range(ctx, v, path, 1.0, f64::from(max)).then_some(v as u32)
    };
    let num = one(&mut ctx, page_num, "/pageNum", PAGE_NUM_MAX);
    let size = one(&mut ctx, page_size, "/pageSize", size_max);
    let report = ctx.finish();
    match (num, size) {
        (Some(n), Some(s)) if report.ok => Ok((n, s)),
        _ => Err(Error::Validation { issues: report.issues }),
    }
}

/// Checks a task id given to get/wait: non-empty (the path would otherwise name the list).
pub fn check_id(id: &str, opts: &Options) -> Result<(), Error> {
    // "." and ".." would be resolved by fetch's URL parser into another path (one segment up),
    // so a signed request would reach an endpoint the caller never named.
    let code = match id {
        "" => Code::EmptyString,
        "." | ".." => Code::InvalidEnum,
        _ => return Ok(()),
    };
    let mut ctx = Ctx::new(opts);
    let params = if code == Code::InvalidEnum { vec![("value", id.into()), ("allowed", "a task_id or external_task_id".into())] } else { vec![] };
    ctx.error("/id", code, ids::EMPTY, params);
    Err(Error::Validation { issues: ctx.finish().issues })
}
