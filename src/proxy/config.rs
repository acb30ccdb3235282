//! The proxy's configuration, checked once when the proxy is created: the upstream must be an
//! exact origin, some credential must be present, and the limits must be sane.

use super::assets::Asset;
use super::origin;
use crate::error::Error;

/// Kling's current endpoint for servers outside China (kling-api.md §1.1).
pub const DEFAULT_UPSTREAM: &str = "https://api-singapore.klingai.com";
/// The three limits below are chosen together so the worst case fits a Cloudflare Workers
/// isolate (128 MB); README "Limits of the proxy" has the arithmetic. Raise them together.
///
/// Room for two 10 MB images (the largest Kling takes, §2.2) as base64, 2 × ~13.4 MB, plus the
/// rest of the JSON.
pub const DEFAULT_MAX_BODY_BYTES: usize = 32 << 20;
/// Creates whose body is being read or whose upstream answer is awaited, at once.
pub const DEFAULT_MAX_CREATES_IN_FLIGHT: usize = 16;
/// Memory the creates in flight may hold together. A create's peak is at most 2× its body (the
/// body read into wasm and the body built from it; `forward::create`), so each is admitted
/// against 2× its declared length, or 2× `max_body_bytes` when the length is not declared
/// (a chunked body is read into a buffer of the maximum size: it can never be regrown).
pub const DEFAULT_MEMORY_BUDGET_BYTES: usize = 80 << 20;
/// How long the host lets a body take to arrive (a slow sender holds a create slot meanwhile).
pub const DEFAULT_BODY_TIMEOUT_MS: u64 = 30_000;
/// Where the proxy is mounted unless configured.
pub const DEFAULT_PATH_PREFIX: &str = "/kling";
/// How long an upstream call may take unless configured.
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;
/// Lifetime of the JWTs the proxy signs; each upstream call signs afresh, so short is fine.
pub const TOKEN_TTL_SECONDS: i64 = 600;

/// How the proxy authenticates to Kling.
#[derive(Clone, PartialEq, Eq)]
pub enum Signer {
    /// An access key and a secret key: each call carries a fresh HS256 JWT (§1.2).
    Keys {
        /// The access key (the JWT's issuer).
        access_key: String,
        /// The secret key the JWT is signed with; it never leaves the proxy.
        secret_key: String,
    },
    /// One API key, sent as the bearer token as it is.
    ApiKey(String),
}

// Debug must never print a secret.
impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Signer::Keys { .. } => "Signer::Keys(<redacted>)",
            Signer::ApiKey(_) => "Signer::ApiKey(<redacted>)",
        })
    }
}

impl Signer {
    /// The secret that keys callback tokens.
    pub fn secret(&self) -> &str {
        match self {
            Signer::Keys { secret_key, .. } => secret_key,
            Signer::ApiKey(k) => k,
        }
    }
    /// The Authorization header value for one upstream call.
    pub fn authorization(&self, now_seconds: i64) -> String {
        match self {
            Signer::Keys { access_key, secret_key } => {
                format!("Bearer {}", crate::auth::jwt::sign_kling_token(access_key, secret_key, now_seconds, TOKEN_TTL_SECONDS))
            }
            Signer::ApiKey(k) => format!("Bearer {k}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
/// Everything a proxy is configured with (read once, from `createKlingProxy`'s options).
pub struct ProxyConfig {
    /// `scheme://host[:port]`, nothing more.
    pub upstream: String,
    /// How upstream calls are signed.
    pub signer: Signer,
    /// Mount path, "" or starting with "/" and not ending with one.
    pub path_prefix: String,
    /// Origins allowed by CORS besides the proxy's own, as browsers send them ("*" allows any);
    /// `checked` normalises them.
    pub allowed_origins: Vec<String>,
    /// The proxy's own origin as pages see it (behind a TLS-terminating front proxy, say); when
    /// `None`, the origin of the URL each request came to. Requests from it pass without CORS.
    pub public_origin: Option<String>,
    /// Answers to listed origins carry `Access-Control-Allow-Credentials: true`, so a
    /// cross-origin page's cookies reach `authorize` (never with "*").
    pub allow_credentials: bool,
    /// Request headers a cross-origin page may send besides `content-type` and `authorization`
    /// (lower case; `checked` normalises them): the app's session header, read by `authorize`
    /// and never sent upstream.
    pub allow_headers: Vec<String>,
    /// Whether a request without a user may use the proxy (as the shared anonymous owner).
    pub allow_anonymous: bool,
    /// The largest request body read.
    pub max_body_bytes: usize,
    /// Creates admitted at once; one more is refused with 429 before its body is read.
    pub max_creates_in_flight: usize,
    /// Bytes the creates in flight may hold together (see DEFAULT_MEMORY_BUDGET_BYTES).
    pub memory_budget_bytes: usize,
    /// The body-read deadline the host enforces (`BodyError::TimedOut` once it passed).
    pub body_timeout_ms: u64,
    /// Run the library's rules before forwarding a create (default true).
    pub validate: bool,
    /// Public base URL of this proxy (e.g. "https://edge.example.com/kling"); when set, creates get
    /// `callback_url` pointing at `{callback_base}/callback/{token}`.
    pub callback_base: Option<String>,
    /// How long an upstream call may take, in ms.
    pub timeout_ms: u64,
    /// Message language of validation reports.
    pub locale: crate::issue::Locale,
    /// Whether an `authorizeAccount` hook is configured: without one `/account/costs` is not
    /// allow-listed at all.
    pub account_hook: bool,
    /// How long an `/account/costs` answer is reused for the same query (0: only within the
    /// one-call-per-second window, costs.rs).
    pub account_costs_cache_ms: u64,
    /// Custom element ids every user may reference (decimal digits), at most `MAX_SHARED_IDS`.
    pub shared_element_ids: Vec<String>,
    /// Custom voice ids every user may reference, at most `MAX_SHARED_IDS`.
    pub shared_voice_ids: Vec<String>,
    /// Budgets and tasks in flight per user (limits.rs); inactive by default.
    pub limits: super::limits::LimitsConfig,
    /// Entries the per-user task index keeps (store/index.rs).
    pub index_cap: usize,
}

/// Most ids in `sharedElementIds` and in `sharedVoiceIds` (each is compared per reference).
pub const MAX_SHARED_IDS: usize = 1000;

impl ProxyConfig {
    /// A configuration with every default and this signer.
    pub fn new(signer: Signer) -> Self {
        ProxyConfig {
            upstream: DEFAULT_UPSTREAM.into(),
            signer,
            path_prefix: DEFAULT_PATH_PREFIX.into(),
            allowed_origins: Vec::new(),
            public_origin: None,
            allow_credentials: false,
            allow_headers: Vec::new(),
            allow_anonymous: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_creates_in_flight: DEFAULT_MAX_CREATES_IN_FLIGHT,
            memory_budget_bytes: DEFAULT_MEMORY_BUDGET_BYTES,
            body_timeout_ms: DEFAULT_BODY_TIMEOUT_MS,
            validate: true,
            callback_base: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            locale: crate::issue::Locale::En,
            account_hook: false,
            account_costs_cache_ms: super::costs::DEFAULT_ACCOUNT_COSTS_CACHE_MS,
            shared_element_ids: Vec::new(),
            shared_voice_ids: Vec::new(),
            limits: super::limits::LimitsConfig { reconcile_after_ms: super::limits::DEFAULT_RECONCILE_AFTER_MS, ..Default::default() },
            index_cap: super::store::index::DEFAULT_CAP,
        }
    }

    /// The configuration with its origins and header names normalised (origin.rs), once checked
    /// whole; the message names the field (and a bad origin or header entry) but never a secret.
    pub fn checked(mut self) -> Result<Self, Error> {
        self.allowed_origins = origin::normalise_origins(&self.allowed_origins)?;
        self.public_origin = self.public_origin.as_deref().map(origin::normalise_public_origin).transpose()?;
        self.allow_headers = origin::normalise_headers(&self.allow_headers)?;
        self.check_normalised()?;
        Ok(self)
    }

    /// Checks the whole configuration as `checked` does, without keeping the normalised copy.
    pub fn check(&self) -> Result<(), Error> {
        self.clone().checked().map(drop)
    }

    fn check_normalised(&self) -> Result<(), Error> {
        let bad = |message: &str| Err(Error::Config { message: format!("createKlingProxy: {message}") });
        if self.allow_credentials && self.allowed_origins.iter().any(|o| o == "*") {
            return bad("allowCredentials cannot be used with \"*\" in allowedOrigins: list the origins whose pages may send cookies");
        }
        if self.allow_credentials && self.allowed_origins.is_empty() {
            return bad("allowCredentials needs the cross-origin pages in allowedOrigins (same-origin requests carry cookies without it)");
        }
        if !is_origin(&self.upstream) {
            return bad("upstream must be an origin like https://api-singapore.klingai.com (no path, query or credentials)");
        }
        let empty = match &self.signer {
            Signer::Keys { access_key, secret_key } => access_key.is_empty() || secret_key.is_empty(),
            Signer::ApiKey(k) => k.is_empty(),
        };
        if empty {
            return bad("accessKey + secretKey, or apiKey, must be non-empty");
        }
        if !is_plain_prefix(&self.path_prefix) {
            return bad("pathPrefix must be empty or like /kling (no empty, `.` or `..` segments)");
        }
        if self.max_body_bytes == 0 {
            return bad("maxBodyBytes must be positive");
        }
        if self.max_creates_in_flight == 0 {
            return bad("maxCreatesInFlight must be positive");
        }
        if self.memory_budget_bytes / 2 < self.max_body_bytes {
            return bad("memoryBudgetBytes must be at least 2 × maxBodyBytes (a create may hold twice its body): raise both together");
        }
        if self.body_timeout_ms == 0 {
            return bad("bodyTimeoutMs must be positive");
        }
        for (name, ids, asset) in [("sharedElementIds", &self.shared_element_ids, Asset::Element), ("sharedVoiceIds", &self.shared_voice_ids, Asset::Voice)] {
            if ids.len() > MAX_SHARED_IDS {
                return bad(&format!("{name} may hold at most {MAX_SHARED_IDS} ids (it has {})", ids.len()));
            }
            if let Some(i) = ids.iter().position(|id| !asset.is_id(id)) {
                let what = if asset == Asset::Element { "a string of decimal digits (an int64, no leading zero)" } else { "1 to 128 letters, digits and -_.:" };
                return bad(&format!("{name}[{i}] must be {what}"));
            }
        }
        if let Some(cb) = &self.callback_base {
            if !crate::rules::inputs::is_http_url(cb) || cb.ends_with('/') || cb.contains(['?', '#']) {
                return bad("callbackUrl must be an absolute http(s) URL without a trailing slash, query or fragment");
            }
        }
        Ok(())
    }

    /// Whether a browser request from `origin` may use the proxy.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == "*" || o == origin)
    }
}

/// "" or `/seg[/seg…]` with segments of letters, digits and `-_.`, none empty, `.` or `..`: a
/// prefix that `route` matches literally must also be what a URL normaliser in front would keep
/// (fuzz finding proxy-1), so no `//`, dot-segment, `%`, backslash or control character.
fn is_plain_prefix(p: &str) -> bool {
    let Some(rest) = p.strip_prefix('/') else { return p.is_empty() };
    rest.split('/').all(|seg| !matches!(seg, "" | "." | "..") && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)))
}

/// `http(s)://host[:port]` with nothing after the authority and no userinfo.
pub fn is_origin(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b)) && !rest.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_the_configuration() {
        let ok = ProxyConfig::new(Signer::ApiKey("k".into()));
        assert!(ok.check().is_ok());
        for up in ["https://api.klingai.com/v1", "https://user:pw@api.klingai.com", "ftp://x", "https://", "https://a.com?x"] {
            let c = ProxyConfig { upstream: up.into(), ..ok.clone() };
            assert!(c.check().is_err(), "{up}");
        }
        for prefix in ["kling/", "/kling/", "/", "/a//b", "/k/..", "/./k", "/k%2e", "/k\\x", "/k\n", "/ké"] {
            assert!(ProxyConfig { path_prefix: prefix.into(), ..ok.clone() }.check().is_err(), "{prefix:?}");
        }
        for prefix in ["", "/kling", "/api/v2", "/a.b/.c/..d/-_"] {
            assert!(ProxyConfig { path_prefix: prefix.into(), ..ok.clone() }.check().is_ok(), "{prefix:?}");
        }
        assert!(ProxyConfig::new(Signer::Keys { access_key: "a".into(), secret_key: String::new() }).check().is_err());
        assert!(ProxyConfig { max_creates_in_flight: 0, ..ok.clone() }.check().is_err());
        // The budget must admit a body of the maximum size: at 2× exactly, and not one byte less.
        let at = |max_body_bytes, memory_budget_bytes| ProxyConfig { max_body_bytes, memory_budget_bytes, ..ok.clone() }.check();
        assert!(at(10, 20).is_ok() && at(10, 19).is_err() && at(DEFAULT_MAX_BODY_BYTES, DEFAULT_MEMORY_BUDGET_BYTES).is_ok());
        assert!(ProxyConfig { body_timeout_ms: 0, ..ok.clone() }.check().is_err());
        // Shared ids: up to MAX_SHARED_IDS each, every one checked.
        let ids = |n: usize| (0..n).map(|i| (i + 1).to_string()).collect::<Vec<_>>();
        assert!(ProxyConfig { shared_element_ids: ids(MAX_SHARED_IDS), ..ok.clone() }.check().is_ok());
        assert!(ProxyConfig { shared_element_ids: ids(MAX_SHARED_IDS + 1), ..ok.clone() }.check().is_err());
        assert!(ProxyConfig { shared_voice_ids: ids(MAX_SHARED_IDS), ..ok.clone() }.check().is_ok());
        assert!(ProxyConfig { shared_voice_ids: ids(MAX_SHARED_IDS + 1), ..ok.clone() }.check().is_err());
        assert!(ProxyConfig { shared_element_ids: vec!["1152921504606846977".into()], ..ok.clone() }.check().is_ok());
        for bad in ["1e3", "01", "", "1.0", "abc"] {
            let e = ProxyConfig { shared_element_ids: vec!["1".into(), bad.into()], ..ok.clone() }.check().unwrap_err().to_string();
            assert!(e.contains("sharedElementIds[1]"), "{bad}: {e}");
        }
        assert!(ProxyConfig { shared_voice_ids: vec!["a/b".into()], ..ok.clone() }.check().is_err());
        let shown = format!("{:?}", ProxyConfig::new(Signer::Keys { access_key: "AK".into(), secret_key: "TOPSECRET".into() }));
        assert!(!shown.contains("TOPSECRET"), "{shown}");
    }
}
