//! `createKlingProxy(config)`, wasm side: reads and checks the config, and exports the steps the
//! JS driver (js/proxy-driver.mjs, shipped as proxy/driver.js) runs each request through — start,
//! poll, and one resume per host op (authorize, body chunks, upstream answer, task update). The
//! decisions are the core's (`proxy::handle`); proxy_exec.rs runs its future.

use super::client::options::{boolean, field, function, integer, object, string, timeout};
use super::client::runtime::in_browser;
use super::proxy_exec::{self as exec, Op, Outcome, Step};
use super::{errors, guard};
use crate::error::Error;
use crate::issue::Locale;
use crate::proxy::{BodyError, ProxyConfig, ProxyState, RequestHead, Signer};
use crate::transport::{HttpResponse, TransportError};
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

const KEYS: &[&str] = &[
    "upstream", "accessKey", "secretKey", "apiKey", "pathPrefix", "allowedOrigins", "authorize", "allowAnonymous", "maxBodyBytes",
    "validate", "callbackUrl", "onTaskUpdate", "timeoutMs", "fetch", "locale", "dangerouslyAllowBrowser", "maxCreatesInFlight",
    "bodyTimeoutMs", "memoryBudgetBytes",
];

/// Reads and checks the config, registers the proxy, and hands the driver what it runs itself:
/// `{ id, authorize, onTaskUpdate, fetch, bodyTimeoutMs }` (the functions as read once, here).
/// Throws KlingError `config_error` naming the bad option (never a secret).
#[wasm_bindgen(js_name = __kwProxyCreate)]
pub fn proxy_create(config: JsValue) -> Result<JsValue, JsValue> {
    let (cfg, hooks) = read_config(&config).map_err(|e| errors::to_js(&e))?;
    let body_timeout_ms = cfg.body_timeout_ms;
    let id = exec::add_proxy(exec::ProxyInner { cfg, state: ProxyState::new() });
    let o = Object::new();
    set(&o, "id", &id.into());
    set(&o, "authorize", &hooks.authorize.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "onTaskUpdate", &hooks.on_task_update.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "fetch", &hooks.fetch.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "bodyTimeoutMs", &(body_timeout_ms as f64).into());
    Ok(o.into())
}

#[wasm_bindgen(js_name = __kwProxyDrop)]
pub fn proxy_drop(id: u32) {
    exec::drop_proxy(id);
}

/// Starts one request: method, target (raw where the runtime has it), `[name, value]` pairs.
/// 0 when the proxy is unknown to this instance (it was replaced: the driver registers again).
#[wasm_bindgen(js_name = __kwRequestStart)]
pub fn request_start(proxy: u32, method: String, target: String, headers: Array) -> u32 {
    let headers = read_pairs(&headers);
    exec::start(proxy, RequestHead { method, target, headers }).unwrap_or(0)
}

/// Runs a request to its next step: `{ op: "authorize" | "body" | "upstream" | "task" | "done", … }`.
#[wasm_bindgen(js_name = __kwRequestPoll)]
pub fn request_poll(id: u32) -> JsValue {
    test_fault_tick();
    let o = Object::new();
    match exec::poll(id) {
        Step::Done(resp) => {
            set(&o, "op", &"done".into());
            set(&o, "status", &resp.status.into());
            set(&o, "headers", &pairs(&resp.headers));
            set(&o, "body", &resp.body.into());
        }
        Step::Op(Op::Authorize) => set(&o, "op", &"authorize".into()),
        Step::Op(Op::ReadBody { max, more }) => {
            set(&o, "op", &"body".into());
            set(&o, "max", &(max as f64).into());
            set(&o, "more", &more.into());
        }
        Step::Op(Op::Upstream { req, body_len }) => {
            set(&o, "op", &"upstream".into());
            set(&o, "method", &req.method.as_str().into());
            set(&o, "url", &req.url.into());
            set(&o, "headers", &pairs(&req.headers));
            set(&o, "bodyLength", &(body_len as f64).into());
            set(&o, "timeoutMs", &(req.timeout_ms as f64).into());
        }
        Step::Op(Op::TaskUpdate { task, user }) => {
            set(&o, "op", &"task".into());
            set(&o, "task", &task.into());
            set(&o, "user", &user.map_or(JsValue::NULL, JsValue::from));
        }
    }
    o.into()
}

/// The authorize hook's answer: a user id, none (refused), or `failed` (it threw or returned
/// something that is not a user id; the driver logged why).
#[wasm_bindgen(js_name = __kwResolveAuthorize)]
pub fn resolve_authorize(id: u32, user: Option<String>, failed: bool) {
    let r = if failed { Err("the authorize hook failed".to_owned()) } else { Ok(user) };
    exec::resume(id, Outcome::Authorize(r));
}

/// Appends one chunk of the body; false once it is past the cap (the driver stops reading).
#[wasm_bindgen(js_name = __kwBodyChunk)]
pub fn body_chunk(id: u32, chunk: &[u8]) -> bool {
    exec::with_slot(id, |s| s.push_chunk(chunk)).unwrap_or(false)
}

/// Ends the body: 0 complete, 1 too large, 2 unreadable, 3 the body-read deadline passed,
/// 4 there is more than the step's `max` (it had `more`: the driver keeps what it read ahead).
#[wasm_bindgen(js_name = __kwBodyEnd)]
pub fn body_end(id: u32, status: u8) {
    if status == 4 {
        return exec::resume(id, Outcome::BodyNeedsMore);
    }
    let r = exec::with_slot(id, |s| {
        let bytes = std::mem::take(&mut s.body);
        match status {
            0 => String::from_utf8(bytes).map_err(|_| BodyError::Unreadable),
            1 => Err(BodyError::TooLarge),
            3 => Err(BodyError::TimedOut),
            _ => Err(BodyError::Unreadable),
        }
    });
    if let Some(r) = r {
        exec::resume(id, Outcome::Body(r));
    }
}

/// Up to `len` bytes of the upstream body from `offset` (a copy in JS; empty past the end).
#[wasm_bindgen(js_name = __kwUpstreamChunk)]
pub fn upstream_chunk(id: u32, offset: f64, len: f64) -> Vec<u8> {
    exec::with_slot(id, |s| {
        let body = s.upstream_body.as_deref().unwrap_or("").as_bytes();
        let from = (offset.max(0.0) as usize).min(body.len());
        let to = from.saturating_add(len.max(0.0) as usize).min(body.len());
        body[from..to].to_vec()
    })
    .unwrap_or_default()
}

/// Kling's answer: status, `[name, value]` pairs, body text (the driver bounded its size).
#[wasm_bindgen(js_name = __kwResolveUpstream)]
pub fn resolve_upstream(id: u32, status: u16, headers: Array, body: String) {
    let headers = read_pairs(&headers);
    exec::resume(id, Outcome::Upstream(Ok(HttpResponse { status, headers, body })));
}

/// The upstream call failed: kind "not_sent" | "timeout" | "aborted" | anything else (ambiguous).
#[wasm_bindgen(js_name = __kwRejectUpstream)]
pub fn reject_upstream(id: u32, kind: &str, message: String) {
    let e = match kind {
        "not_sent" => TransportError::NotSent { message },
        "timeout" => TransportError::Timeout,
        "aborted" => TransportError::Aborted,
        _ => TransportError::Ambiguous { message },
    };
    exec::resume(id, Outcome::Upstream(Err(e)));
}

/// onTaskUpdate has run (its failures are the driver's to log).
#[wasm_bindgen(js_name = __kwResolveTask)]
pub fn resolve_task(id: u32) {
    exec::resume(id, Outcome::TaskUpdate);
}

#[wasm_bindgen(js_name = __kwRequestDrop)]
pub fn request_drop(id: u32) {
    exec::drop_request(id);
}

/// Runs the proxy's hot paths once on canned data (proxy/warm.rs); the driver's `warmUp()`.
#[wasm_bindgen(js_name = __kwWarmUp)]
pub fn warm_up() {
    crate::proxy::warm::warm_up();
}

thread_local! {
    static TRAP_AFTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Test hook: the `n`-th poll from now traps (`unreachable`), as an out-of-memory or a bug
/// would, so the tests can prove that a trap is answered 500 and the instance replaced. 0 = off.
#[wasm_bindgen(js_name = __kwTrapAfterPolls)]
pub fn trap_after_polls(n: u32) {
    TRAP_AFTER.with(|t| t.set(n));
}

fn test_fault_tick() {
    let n = TRAP_AFTER.with(|t| t.get());
    if n == 1 {
        core::arch::wasm32::unreachable();
    }
    if n > 1 {
        TRAP_AFTER.with(|t| t.set(n - 1));
    }
}

/// `[name, value]` string pairs the driver built (plain arrays of its own: safe to read).
fn read_pairs(headers: &Array) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn set(o: &Object, key: &str, v: &JsValue) {
    // A fresh plain object: defining a data property cannot throw.
    let _ = Reflect::set(o, &JsValue::from_str(key), v);
}

fn pairs(headers: &[(String, String)]) -> JsValue {
    headers.iter().map(|(k, v)| JsValue::from(Array::of2(&k.into(), &v.into()))).collect::<Array>().into()
}

fn config_err(message: impl Into<String>) -> Error {
    Error::Config { message: format!("createKlingProxy: {}", message.into()) }
}

/// The functions of the config, which the driver calls.
struct Hooks {
    authorize: Option<Function>,
    on_task_update: Option<Function>,
    fetch: Option<Function>,
}

fn read_config(v: &JsValue) -> Result<(ProxyConfig, Hooks), Error> {
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
