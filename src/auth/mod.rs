//! Auth strategies (kling-api.md §1.2): `proxy` (no credentials; the signing backend adds them),
//! `token` (static or from a caller's async provider, cached), `keys` (HS256 JWT minted here and
//! cached until shortly before `exp`), `apiKey` (static bearer). Debug output never shows secrets.

pub mod base64url;
pub mod jwt;
pub mod session;

pub use jwt::{sign_kling_token, verify, Claims, JwtError, DEFAULT_TTL_SECONDS};
pub use session::SessionHeaders;

use crate::error::Error;
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A token provider's answer (the bindings wrap a JS `() => Promise<string>`).
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, Error>>>>;
/// Called whenever a fresh token is needed: first use, near its `exp`, after Kling's 1002/1004.
pub type TokenProvider = Rc<dyn Fn() -> TokenFuture>;

/// Renew a cached token this long before its `exp`, so it never expires in flight.
pub const REFRESH_BEFORE_EXP_SECONDS: i64 = 60;

/// Where the bearer token comes from.
#[derive(Clone)]
pub enum Auth {
    /// Send no credentials: a signing backend in front of Kling adds them.
    Proxy,
    /// Through a signing backend too, sending the app's own session headers on every call (for
    /// its `authorize`); never Kling's credentials.
    ProxySession(SessionHeaders),
    /// A bearer token the caller supplies.
    Token(TokenSource),
    /// Mint HS256 JWTs from the access key + secret key (servers and edge workers only).
    Keys {
        /// Kling's access key: the JWT's `iss`.
        access_key: String,
        /// Kling's secret key: the HMAC key the JWT is signed with.
        secret_key: String,
        /// Lifetime of each minted token, in seconds (its `exp` = now + this).
        ttl_seconds: i64,
        /// Run even in a browser, where the secret key would be exposed to the page.
        dangerously_allow_browser: bool,
    },
    /// A static API key sent as the bearer (servers and edge workers only).
    ApiKey {
        /// The key, sent as `Bearer <api_key>`.
        api_key: String,
        /// Run even in a browser, where the key would be exposed to the page.
        dangerously_allow_browser: bool,
    },
}

/// Where a caller-supplied bearer token comes from.
#[derive(Clone)]
pub enum TokenSource {
    /// One fixed token, sent as is on every request.
    Static(String),
    /// Asked for a token when needed; the answer is cached until shortly before its `exp`.
    Provider(TokenProvider),
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenSource::Static(_) => "TokenSource::Static(redacted)",
            TokenSource::Provider(_) => "TokenSource::Provider",
        })
    }
}

impl fmt::Debug for Auth {
    // Secrets stay out of logs: only the strategy and the access key (an identifier) show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Proxy => f.write_str("Auth::Proxy"),
            Auth::ProxySession(h) => write!(f, "Auth::ProxySession({h:?})"),
            Auth::Token(source) => write!(f, "Auth::Token({source:?})"),
            Auth::Keys { access_key, ttl_seconds, .. } => {
                write!(f, "Auth::Keys {{ access_key: {access_key:?}, ttl_seconds: {ttl_seconds}, secret_key: redacted }}")
            }
            Auth::ApiKey { .. } => f.write_str("Auth::ApiKey(redacted)"),
        }
    }
}

impl Auth {
    /// Whether calls go through a signing backend (the proxy's URL forms), not straight to Kling.
    pub fn through_proxy(&self) -> bool {
        matches!(self, Auth::Proxy | Auth::ProxySession(_))
    }

    /// Secrets must not sit in a web page: `keys` and `apiKey` refuse to run in a browser unless
    /// the caller opted in. The bindings tell whether `window`/`document` exist.
    pub fn check_environment(&self, in_browser: bool) -> Result<(), Error> {
        let allowed = match self {
            Auth::Keys { dangerously_allow_browser, .. } | Auth::ApiKey { dangerously_allow_browser, .. } => *dangerously_allow_browser,
            Auth::Proxy | Auth::ProxySession(_) | Auth::Token(_) => true,
        };
        if in_browser && !allowed {
            return Err(Error::Config {
                message: "auth \"keys\" and \"apiKey\" put Kling secrets in the page; use a signing backend (auth \"proxy\" or \"token\"), or set dangerouslyAllowBrowser: true".into(),
            });
        }
        match self {
            Auth::Keys { access_key, secret_key, ttl_seconds, .. } if access_key.is_empty() || secret_key.is_empty() || *ttl_seconds <= 0 => {
                Err(Error::Config { message: "auth \"keys\" needs a non-empty accessKey and secretKey and a positive ttl".into() })
            }
            Auth::ApiKey { api_key, .. } if api_key.is_empty() => Err(Error::Config { message: "auth \"apiKey\" needs a non-empty apiKey".into() }),
            Auth::ProxySession(SessionHeaders::Static(h)) => session::check(h),
            _ => Ok(()),
        }
    }
}

/// A token and when to stop using it (ms since the epoch; `None` = until Kling refuses it).
#[derive(Clone)]
struct Cached {
    token: String,
    renew_at_ms: Option<u64>,
}

/// The strategy plus its token cache; one per client.
pub struct Authenticator {
    auth: Auth,
    cache: RefCell<Option<Cached>>,
}

impl fmt::Debug for Authenticator {
    // The cached token is a credential: show only the strategy.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authenticator").field("auth", &self.auth).finish_non_exhaustive()
    }
}

impl Authenticator {
    /// A strategy with an empty cache: the first request signs or asks for a token.
    pub fn new(auth: Auth) -> Self {
        Authenticator { auth, cache: RefCell::new(None) }
    }

    /// The `Authorization` value to send at `now_ms`, or `None` for `proxy`.
    pub async fn header(&self, now_ms: u64) -> Result<Option<String>, Error> {
        let token = match &self.auth {
            Auth::Proxy | Auth::ProxySession(_) => return Ok(None),
            Auth::ApiKey { api_key, .. } => api_key.clone(),
            Auth::Token(TokenSource::Static(t)) => t.clone(),
            Auth::Token(TokenSource::Provider(p)) => match self.cached(now_ms) {
                Some(t) => t,
                None => {
                    let t = p().await?;
                    // A JWT says when it expires; anything else is kept until Kling refuses it.
                    let renew_at_ms = jwt_exp(&t).map(|exp| renew_at(exp, None));
                    self.store(&t, renew_at_ms);
                    t
                }
            },
            Auth::Keys { access_key, secret_key, ttl_seconds, .. } => match self.cached(now_ms) {
                Some(t) => t,
                None => {
                    let now_s = i64::try_from(now_ms / 1000).unwrap_or(i64::MAX);
                    let t = sign_kling_token(access_key, secret_key, now_s, *ttl_seconds);
                    self.store(&t, Some(renew_at(now_s.saturating_add(*ttl_seconds), Some(*ttl_seconds))));
                    t
                }
            },
        };
        bearer(&token).map(Some)
    }

    /// The app's session headers for one attempt (checked; asked of the provider each time), or
    /// none for every other strategy.
    pub async fn session_headers(&self) -> Result<Vec<(String, String)>, Error> {
        let headers = match &self.auth {
            Auth::ProxySession(SessionHeaders::Static(h)) => return Ok(h.clone()),
            Auth::ProxySession(SessionHeaders::Provider(p)) => p().await?,
            _ => return Ok(Vec::new()),
        };
        session::check(&headers)?;
        Ok(headers)
    }

    /// Forgets the cached token after Kling refused it (1002/1004). Returns whether asking again
    /// can give a different token (so one retry is worth it).
    pub fn invalidate(&self) -> bool {
        self.cache.replace(None);
        matches!(self.auth, Auth::Keys { .. } | Auth::Token(TokenSource::Provider(_)))
    }

    fn cached(&self, now_ms: u64) -> Option<String> {
        let cache = self.cache.borrow();
        let c = cache.as_ref()?;
        match c.renew_at_ms {
            Some(at) if now_ms >= at => None,
            _ => Some(c.token.clone()),
        }
    }

    fn store(&self, token: &str, renew_at_ms: Option<u64>) {
        self.cache.replace(Some(Cached { token: token.to_owned(), renew_at_ms }));
    }
}

/// When to renew a token expiring at `exp` (seconds): a minute early, or halfway through a
/// lifetime shorter than two minutes.
fn renew_at(exp: i64, ttl: Option<i64>) -> u64 {
    let early = match ttl {
        Some(t) if t < 2 * REFRESH_BEFORE_EXP_SECONDS => t / 2,
        _ => REFRESH_BEFORE_EXP_SECONDS,
    };
    u64::try_from(exp.saturating_sub(early)).unwrap_or(0).saturating_mul(1000)
}

/// `exp` of a JWT-shaped token, read without verifying (only to schedule a refresh).
fn jwt_exp(token: &str) -> Option<i64> {
    let payload = String::from_utf8(base64url::decode(token.split('.').nth(1)?)?).ok()?;
    // The crate's own JSON reader: a typed serde read here would link serde's error formatting.
    let exp = match crate::json::parse(&payload).ok()?.field("exp")? {
        crate::json::Value::Num(n) => n.as_f64(),
        _ => return None,
    };
    (exp.is_finite() && exp > 0.0 && exp < 9.0e15).then_some(exp as i64)
}

/// `Bearer <token>` with exactly one space (§1.2); a token that would break the header is refused.
fn bearer(token: &str) -> Result<String, Error> {
    if token.is_empty() || token.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(Error::Config { message: "the auth token is empty or contains whitespace or control characters".into() });
    }
    Ok(format!("Bearer {token}"))
}
