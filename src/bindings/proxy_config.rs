//! `createKlingProxy`'s config, read once: every option checked (unknown keys refused, types and
//! ranges), the functions kept for the driver, and the TypeScript declaration of it all.

use super::client::options::{boolean, field, function, integer, object, string, timeout};
use super::client::runtime::in_browser;
use super::guard;
use crate::error::Error;
use crate::issue::Locale;
use crate::proxy::{ProxyConfig, Signer};
use js_sys::Function;
use wasm_bindgen::prelude::*;

const KEYS: &[&str] = &[
    "upstream",
    "accessKey",
    "secretKey",
    "apiKey",
    "pathPrefix",
    "allowedOrigins",
    "authorize",
    "allowAnonymous",
    "maxBodyBytes",
    "validate",
    "callbackUrl",
    "onTaskUpdate",
    "timeoutMs",
    "fetch",
    "locale",
    "dangerouslyAllowBrowser",
    "maxCreatesInFlight",
    "bodyTimeoutMs",
    "memoryBudgetBytes",
];

fn config_err(message: impl Into<String>) -> Error {
    Error::Config { message: format!("createKlingProxy: {}", message.into()) }
}

/// The functions of the config, which the driver calls.
pub struct Hooks {
    pub authorize: Option<Function>,
    pub on_task_update: Option<Function>,
    pub fetch: Option<Function>,
}

pub fn read_config(v: &JsValue) -> Result<(ProxyConfig, Hooks), Error> {
    const WHAT: &str = "createKlingProxy config";
    let o = object(Some(v), WHAT, KEYS)?.ok_or_else(|| config_err("a config object is required"))?;
    if in_browser() && !boolean(&o, "dangerouslyAllowBrowser", WHAT)? {
        return Err(config_err("the proxy holds Kling's secret and must not run in a web page (set dangerouslyAllowBrowser only for tests)"));
    }
    let signer = match (string(&o, "accessKey", WHAT)?, string(&o, "secretKey", WHAT)?, string(&o, "apiKey", WHAT)?) {
        (Some(access_key), Some(secret_key), None) => Signer::Keys { access_key, secret_key },
        (None, None, Some(k)) => Signer::ApiKey(k),
        _ => return Err(config_err("give accessKey + secretKey, or apiKey (not both)")),
    };
    let mut cfg = ProxyConfig::new(signer);
    if let Some(u) = string(&o, "upstream", WHAT)? {
        cfg.upstream = u.trim_end_matches('/').to_owned();
    }
    if let Some(p) = string(&o, "pathPrefix", WHAT)? {
        cfg.path_prefix = p;
    }
    if let Some(list) = field(&o, "allowedOrigins") {
        // Caught: a revoked Proxy, or an element getter that throws, is the caller's config error.
        let unreadable = |_| config_err("allowedOrigins could not be read (a Proxy or a getter that throws)");
        if !guard::is_array(&list).map_err(unreadable)? {
            return Err(config_err("allowedOrigins must be an array of origins"));
        }
        for item in guard::array_from(&list).map_err(unreadable)?.iter() {
            cfg.allowed_origins.push(item.as_string().ok_or_else(|| config_err("allowedOrigins must hold strings"))?);
        }
    }
    cfg.allow_anonymous = boolean(&o, "allowAnonymous", WHAT)?;
    if let Some(n) = integer(&o, "maxBodyBytes", WHAT, 1.0, 1.0e9)? {
        cfg.max_body_bytes = n as usize;
    }
    if let Some(v) = field(&o, "validate") {
        cfg.validate = v.as_bool().ok_or_else(|| config_err("validate must be true or false"))?;
    }
    cfg.callback_base = string(&o, "callbackUrl", WHAT)?.map(|s| s.trim_end_matches('/').to_owned());
    if let Some(t) = timeout(&o, "timeoutMs", WHAT)? {
        cfg.timeout_ms = t;
    }
    if let Some(n) = integer(&o, "maxCreatesInFlight", WHAT, 1.0, 1.0e6)? {
        cfg.max_creates_in_flight = n as usize;
    }
    if let Some(n) = integer(&o, "memoryBudgetBytes", WHAT, 1.0, 4.0e9)? {
        cfg.memory_budget_bytes = n as usize;
    }
    if let Some(t) = timeout(&o, "bodyTimeoutMs", WHAT)? {
        cfg.body_timeout_ms = t;
    }
    cfg.locale = match string(&o, "locale", WHAT)?.as_deref() {
        None | Some("en") => Locale::En,
        Some("zh") => Locale::Zh,
        Some(_) => return Err(config_err("locale must be \"en\" or \"zh\"")),
    };
    let authorize = function(&o, "authorize", WHAT)?;
    if authorize.is_none() && !cfg.allow_anonymous {
        return Err(config_err("authorize(request) is required unless allowAnonymous is true"));
    }
    let on_task_update = function(&o, "onTaskUpdate", WHAT)?;
    if cfg.callback_base.is_some() && on_task_update.is_none() {
        return Err(config_err("callbackUrl needs an onTaskUpdate(task, userId) hook to hand confirmed tasks to"));
    }
    cfg.check()?;
    Ok((cfg, Hooks { authorize, on_task_update, fetch: function(&o, "fetch", WHAT)? }))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PROXY: &str = r#"
/** Configuration of `createKlingProxy`. Give accessKey + secretKey (HS256 JWT per call) or apiKey. */
/** The signing backend as a standard fetch handler (Workers, Deno, Bun, Node via toNodeListener).
 *  Throws KlingError "config_error" naming a bad option. */
export function createKlingProxy(config: KlingProxyConfig): { fetch(request: Request): Promise<Response> };
/** Runs the proxy's hot paths once on canned data (nothing is sent), so V8 compiles them now:
 *  call it at module scope in a worker, after initSync, to take that work out of the first
 *  request (BENCHMARKS.md, proxy cold start). Optional; safe to call any time. */
export function warmUp(): void;
export interface KlingProxyConfig {
  /** Kling's origin, compared exactly. Default "https://api-singapore.klingai.com". */
  upstream?: string;
  accessKey?: string;
  secretKey?: string;
  apiKey?: string;
  /** Mount path of the proxy. Default "/kling". */
  pathPrefix?: string;
  /** Origins allowed by CORS (preflight included), exactly as browsers send them. */
  allowedOrigins?: string[];
  /** Returns the caller's user id, or false to refuse. Required unless allowAnonymous. */
  authorize?: (request: Request) => string | number | false | null | undefined | Promise<string | number | false | null | undefined>;
  allowAnonymous?: boolean;
  /** Largest request body. Default 32 MiB (two 10 MB images as base64); raise memoryBudgetBytes
   *  with it. */
  maxBodyBytes?: number;
  /** Creates in flight at once in this proxy; one more answers 429 (code 1303, Retry-After: 1),
   *  which KlingClient retries. Default 16. */
  maxCreatesInFlight?: number;
  /** Memory the creates in flight may hold together: each is admitted against 2× its declared
   *  length (2× maxBodyBytes when undeclared), else 429 as above. At least 2 × maxBodyBytes.
   *  Default 80 MiB (README "Limits of the proxy": the defaults fit a 128 MB Workers isolate). */
  memoryBudgetBytes?: number;
  /** Deadline for reading a request body (slow uploads answer 408 and the connection closes).
   *  Default 30 s. */
  bodyTimeoutMs?: number;
  /** Run the library's rules before forwarding a create. Default true. */
  validate?: boolean;
  /** Public base URL of this proxy (e.g. "https://edge.example.com/kling"): creates get a
   *  per-task signed callback URL under it, and confirmed updates go to onTaskUpdate. */
  callbackUrl?: string;
  onTaskUpdate?: (task: Task, userId: string | null) => void | Promise<void>;
  /** Upstream timeout per call. Default 60 s. */
  timeoutMs?: number;
  /** The fetch to reach Kling with (default: the global one). */
  fetch?: typeof fetch;
  locale?: "en" | "zh";
  /** Allow running in a web page (tests only: the page would hold the secret). */
  dangerouslyAllowBrowser?: boolean;
}
"#;
