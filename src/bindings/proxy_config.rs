//! `createKlingProxy`'s config, read once by the shared reader (bindings/options.rs): every option
//! checked (unknown keys refused, types and ranges; all problems in one "config_error"), then how
//! they go together; the functions kept for the driver, and the TypeScript declaration of it all.

use super::client::runtime::in_browser;
use super::options::Reader;
use crate::error::Error;
use crate::issue::Locale;
use crate::proxy::limits::{parse_budget, MAX_BUDGET_USD};
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
    "publicOrigin",
    "allowCredentials",
    "allowHeaders",
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
    "authorizeAccount",
    "accountCostsCacheMs",
    "sharedElementIds",
    "sharedVoiceIds",
    "store",
    "storeTimeoutMs",
    "budget",
    "maxTasksInFlight",
    "fallbackReservationUsd",
    "reconcileAfterMs",
    "taskIndexLimit",
];

/// Default bound on one store call (a hung Redis must not hang the request).
const DEFAULT_STORE_TIMEOUT_MS: u64 = 5000;

fn config_err(message: impl Into<String>) -> Error {
    Error::Config { message: format!("createKlingProxy: {}", message.into()) }
}

/// The functions of the config, which the driver calls.
pub struct Hooks {
    pub authorize: Option<Function>,
    pub on_task_update: Option<Function>,
    pub fetch: Option<Function>,
    pub authorize_account: Option<Function>,
    /// The store (an object with `apply`); none: the driver makes a `memoryStore()`.
    pub store: Option<JsValue>,
    pub store_timeout_ms: u64,
    /// `budget` when it is a function of the user id.
    pub budget: Option<Function>,
}

pub fn read_config(v: &JsValue) -> Result<(ProxyConfig, Hooks), Error> {
    const WHAT: &str = "createKlingProxy config";
    let mut r = Reader::new(Locale::En);
    let Some(o) = r.required_object(v, KEYS) else { return Err(r.into_error(WHAT)) };
    let locale = r.read_locale(&o).unwrap_or_default();
    let allow_browser = r.boolean(&o, "dangerouslyAllowBrowser").unwrap_or(false);
    let (access_key, secret_key, api_key) = (r.string(&o, "accessKey"), r.string(&o, "secretKey"), r.string(&o, "apiKey"));
    let upstream = r.string(&o, "upstream");
    let path_prefix = r.string(&o, "pathPrefix");
    let allowed_origins = r.strings(&o, "allowedOrigins");
    let public_origin = r.string(&o, "publicOrigin");
    let allow_credentials = r.boolean(&o, "allowCredentials").unwrap_or(false);
    let allow_headers = r.strings(&o, "allowHeaders");
    let allow_anonymous = r.boolean(&o, "allowAnonymous").unwrap_or(false);
    let max_body_bytes = r.integer(&o, "maxBodyBytes", 1.0, 1.0e9);
    let validate = r.boolean(&o, "validate");
    let callback_base = r.string(&o, "callbackUrl");
    let timeout_ms = r.millis(&o, "timeoutMs");
    let max_creates = r.integer(&o, "maxCreatesInFlight", 1.0, 1.0e6);
    let memory_budget = r.integer(&o, "memoryBudgetBytes", 1.0, 4.0e9);
    let body_timeout_ms = r.millis(&o, "bodyTimeoutMs");
    let costs_cache_ms = r.integer(&o, "accountCostsCacheMs", 0.0, 86_400_000.0);
    let shared_elements = r.strings(&o, "sharedElementIds");
    let shared_voices = r.strings(&o, "sharedVoiceIds");
    let max_in_flight = r.integer(&o, "maxTasksInFlight", 1.0, crate::proxy::store::ledger::MAX_HELD as f64);
    let fallback_usd = r.number(&o, "fallbackReservationUsd");
    let reconcile_after_ms = r.integer(&o, "reconcileAfterMs", 1000.0, 30.0 * 86_400_000.0);
    let index_cap = r.integer(&o, "taskIndexLimit", 1.0, 100_000.0);
    let store_timeout_ms = r.integer(&o, "storeTimeoutMs", 1.0, 600_000.0);
    let store = read_store(&mut r, &o);
    let (budget_fixed, budget_hook) = read_budget(&mut r, &o);
    let hooks = Hooks {
        authorize: r.function(&o, "authorize"),
        on_task_update: r.function(&o, "onTaskUpdate"),
        fetch: r.function(&o, "fetch"),
        authorize_account: r.function(&o, "authorizeAccount"),
        store,
        store_timeout_ms: store_timeout_ms.map_or(DEFAULT_STORE_TIMEOUT_MS, |t| t as u64),
        budget: budget_hook,
    };
    // Each option is checked on its own first; then how they go together.
    r.finish(WHAT)?;
    if in_browser() && !allow_browser {
        return Err(config_err("the proxy holds Kling's secret and must not run in a web page (set dangerouslyAllowBrowser only for tests)"));
    }
    let signer = match (access_key, secret_key, api_key) {
        (Some(access_key), Some(secret_key), None) => Signer::Keys { access_key, secret_key },
        (None, None, Some(k)) => Signer::ApiKey(k),
        _ => return Err(config_err("give accessKey + secretKey, or apiKey (not both)")),
    };
    let mut cfg = ProxyConfig::new(signer);
    if let Some(u) = upstream {
        cfg.upstream = u.trim_end_matches('/').to_owned();
    }
    if let Some(p) = path_prefix {
        cfg.path_prefix = p;
    }
    cfg.allowed_origins = allowed_origins.unwrap_or_default();
    cfg.public_origin = public_origin;
    cfg.allow_credentials = allow_credentials;
    cfg.allow_headers = allow_headers.unwrap_or_default();
    cfg.allow_anonymous = allow_anonymous;
    if let Some(n) = max_body_bytes {
        cfg.max_body_bytes = n as usize;
    }
    if let Some(v) = validate {
        cfg.validate = v;
    }
    cfg.callback_base = callback_base.map(|s| s.trim_end_matches('/').to_owned());
    if let Some(t) = timeout_ms {
        cfg.timeout_ms = t;
    }
    if let Some(n) = max_creates {
        cfg.max_creates_in_flight = n as usize;
    }
    if let Some(n) = memory_budget {
        cfg.memory_budget_bytes = n as usize;
    }
    if let Some(t) = body_timeout_ms {
        cfg.body_timeout_ms = t;
    }
    cfg.locale = locale;
    cfg.account_hook = hooks.authorize_account.is_some();
    if let Some(n) = costs_cache_ms {
        cfg.account_costs_cache_ms = n as u64;
    }
    cfg.shared_element_ids = shared_elements.unwrap_or_default();
    cfg.shared_voice_ids = shared_voices.unwrap_or_default();
    cfg.limits.max_in_flight = max_in_flight.map(|n| n as u32);
    cfg.limits.hook = hooks.budget.is_some();
    if let Some(json) = budget_fixed {
        cfg.limits.fixed = Some(parse_budget(&json, cfg.limits.max_in_flight).map_err(config_err)?);
    }
    if let Some(usd) = fallback_usd {
        if !(usd.is_finite() && (0.0..=MAX_BUDGET_USD).contains(&usd)) {
            return Err(config_err(format!("fallbackReservationUsd must be a number from 0 to {}", MAX_BUDGET_USD as u64)));
        }
        cfg.limits.fallback_usd = Some((usd * 1e6).round() as u64);
    }
    if let Some(ms) = reconcile_after_ms {
        cfg.limits.reconcile_after_ms = ms as u64;
    }
    if let Some(n) = index_cap {
        cfg.index_cap = n as usize;
    }
    if hooks.authorize.is_none() && !cfg.allow_anonymous {
        return Err(config_err("authorize(request) is required unless allowAnonymous is true"));
    }
    if cfg.callback_base.is_some() && hooks.on_task_update.is_none() {
        return Err(config_err("callbackUrl needs an onTaskUpdate(task, userId) hook to hand confirmed tasks to"));
    }
    Ok((cfg.checked()?, hooks))
}

/// `store`: an object whose `apply` is a function (checked once, here).
fn read_store(r: &mut Reader, o: &super::options::Fields) -> Option<JsValue> {
    let v = o.get("store")?.clone();
    let apply = js_sys::Reflect::get(&v, &JsValue::from_str("apply")).ok();
    if v.is_object() && apply.as_ref().is_some_and(JsValue::is_function) {
        Some(v)
    } else {
        r.invalid(
            &o.path_of("store"),
            "a store: an object with apply(user, part, op) (memoryStore(), redisStore(), durableObjectStore())",
            super::options::describe(&v),
        );
        None
    }
}

/// `budget`: an object (its JSON, read by the core) or a function of the user id.
fn read_budget(r: &mut Reader, o: &super::options::Fields) -> (Option<String>, Option<Function>) {
    let Some(v) = o.get("budget").cloned() else { return (None, None) };
    if v.is_function() {
        return (None, Some(v.unchecked_into()));
    }
    match js_sys::JSON::stringify(&v).ok().and_then(|s| s.as_string()).filter(|_| v.is_object()) {
        Some(json) => (Some(json), None),
        None => {
            r.invalid(
                &o.path_of("budget"),
                "{ usd, periodSeconds?, units?: { video?, image? }, maxTasksInFlight? } or (userId) => that | null",
                super::options::describe(&v),
            );
            (None, None)
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PROXY: &str = r#"
/** Configuration of `createKlingProxy`. Give accessKey + secretKey (HS256 JWT per call) or apiKey. */
/** The signing backend as a standard fetch handler (Workers, Deno, Bun, Node via toNodeListener).
 *  Throws KlingError "config_error" naming a bad option. */
export function createKlingProxy(config: KlingProxyConfig): KlingProxy;
/** What createKlingProxy returns. */
export interface KlingProxy {
  fetch(request: Request): Promise<Response>;
  /** Settles the reservations whose task never reported back (a lost callback): queries each
   *  task silent for reconcileAfterMs and charges, releases or leaves it. For one user (as the
   *  store names it: the `user` a store's apply() receives), or every user the store lists.
   *  Call it from a timer (setInterval in Node; the Durable Object store's alarm does it on
   *  Cloudflare). Never rejects. */
  reconcile(user?: string): Promise<{ checked: number; settled: number; released: number; failed: number }>;
}
/** Which of a user's two records a store op is for. */
export type StorePart = "ledger" | "index";
/** Per-user state of the proxy: budgets, tasks in flight, the task index (README "Stores").
 *  apply must, atomically: read the user's record of `part` (null if none), run
 *  applyStoreOp(part, record, op), write the new record when it is not null, and resolve the
 *  answer. A rejection (or no answer within storeTimeoutMs) is a store failure: creates are
 *  refused (503 store_unavailable), nothing is sent to Kling. */
export interface KlingStore {
  apply(user: string, part: StorePart, op: string): Promise<string>;
  /** The users with a ledger (for reconcile() without a user). Optional. */
  users?(): Iterable<string> | AsyncIterable<string>;
}
/** The default store: this process's memory. Lost on restart (budgets start again, listings
 *  walk Kling's pages until a walk completes). `maxIndexBytes` (default 32 MiB) bounds the
 *  task indexes, least recently used dropped first; ledgers are never dropped. */
export function memoryStore(options?: { maxIndexBytes?: number }): KlingStore;
/** The store ops' one implementation (pure, synchronous): for a store of your own. */
export function applyStoreOp(part: StorePart, record: string | null, op: string): { record: string | null; answer: string };
/** A user's limits: list-price USD per period, optional unit caps per kind (video and image
 *  units differ in dollar value), and most tasks in flight. */
export interface KlingBudget {
  /** List-price USD the user may spend per period (0 to 1e9). */
  usd?: number;
  /** The period's length in seconds (whole, 1 to 10 years); without it the budget never renews. */
  periodSeconds?: number;
  /** Caps in Kling units per kind (0 to 1e9). */
  units?: { video?: number; image?: number };
  /** Most of the user's tasks submitted or processing at once (1 to 1000). */
  maxTasksInFlight?: number;
}
/** Runs the proxy's hot paths once on canned data (nothing is sent, no timer, no random id):
 *  the wasm core, then a canned query and create through the JS driver on a proxy of its own, so
 *  V8 compiles them now. Call it at module scope in a worker, after initSync, to take that work
 *  out of the first request (BENCHMARKS.md §8: a cold isolate's first create 3.6-4.7 ms of CPU
 *  with it; ~11 ms more at start-up). Optional; safe to call any time. */
export function warmUp(): void;
export interface KlingProxyConfig {
  /** Kling's origin, compared exactly. Default "https://api-singapore.klingai.com". */
  upstream?: string;
  accessKey?: string;
  secretKey?: string;
  apiKey?: string;
  /** Mount path of the proxy. Default "/kling". */
  pathPrefix?: string;
  /** Cross-origin pages allowed by CORS (preflight included), besides the proxy's own origin
   *  (which always passes). Entries are normalised ("https://App.example.com:443/" becomes
   *  "https://app.example.com"); a path, query, other scheme or "null" is a config_error naming
   *  the entry. "*" allows every origin (not with allowCredentials). At most 64. */
  allowedOrigins?: string[];
  /** The proxy's own origin as pages see it, e.g. "https://app.example.com": set it behind a
   *  front proxy that terminates TLS or changes the Host. Default: the origin of the URL each
   *  request came to (under Node, from its Host header). */
  publicOrigin?: string;
  /** Send Access-Control-Allow-Credentials: true to the listed origins, so a cross-origin page's
   *  cookies reach authorize (the page's KlingClient needs credentials: "include"). Needs
   *  listed origins; never with "*". Default false. */
  allowCredentials?: boolean;
  /** Request headers a cross-origin page may send besides content-type and authorization (the
   *  app's session header, e.g. ["x-session"]); case-insensitive, at most 16. Read them in
   *  authorize: the proxy never sends them (or cookies) to Kling. */
  allowHeaders?: string[];
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
  /** Whether the caller may read the account's units (GET /account/costs): called after
   *  authorize, with the same request. Without it, or when it returns false, the path answers
   *  404 and nothing reaches Kling; a throw answers 500. */
  authorizeAccount?: (request: Request) => boolean | Promise<boolean>;
  /** How long an /account/costs answer is reused for the same query, in ms (0–86400000).
   *  Default 60000. Kling is called at most once per second in all (per proxy instance): a
   *  miss inside that second gets the last answer for its query, else 429 + Retry-After: 1,
   *  which KlingClient retries. Answers carry `age` and `x-kling-proxy-cache: hit|miss`. */
  accountCostsCacheMs?: number;
  /** Custom element ids (decimal strings) every user may put in element_list, besides their
   *  own and the presets. At most 1000. */
  sharedElementIds?: string[];
  /** Custom voice ids every user may put in voice_list / element_voice_id, besides their own
   *  and the presets. At most 1000. */
  sharedVoiceIds?: string[];
  /** Where per-user state lives (budgets, tasks in flight, the task index). Default
   *  memoryStore() (one process). kling-wasm/node: redisStore; kling-wasm/cloudflare:
   *  durableObjectStore. */
  store?: KlingStore;
  /** Bound on one store call, in ms. Default 5000. */
  storeTimeoutMs?: number;
  /** Every user's budget, or a function of the user id returning theirs (null: no limits).
   *  A create reserves its estimated list price (estimateCost) and is refused with 402
   *  budget_exceeded (code 1102, never retried) when that would pass the budget; it settles
   *  with Kling's final_unit_deduction when the task ends, a failed task costs nothing.
   *  Checked at start-up (a bad value is a config_error). */
  budget?: KlingBudget | ((userId: string) => KlingBudget | null | undefined | Promise<KlingBudget | null | undefined>);
  /** Most tasks in flight per user (submitted or processing; an image task counts once,
   *  whatever its n). One more answers 429 tasks_in_flight (code 1310, Retry-After: 30).
   *  1 to 1000. */
  maxTasksInFlight?: number;
  /** USD reserved for a create the price table cannot price (a legacy model, a base edit of a
   *  video of unknown length) under a budget; without it such creates are refused (403
   *  cost_unknown). */
  fallbackReservationUsd?: number;
  /** Age in ms after which reconcile() queries a reservation that heard nothing. Default
   *  600000 (10 minutes). */
  reconcileAfterMs?: number;
  /** Tasks each user's index keeps (newest). Default 1000. */
  taskIndexLimit?: number;
}
"#;
