//! `createKlingProxy(config)`: the signing backend as `{ fetch(request) }` for Workers, Deno,
//! Vercel Edge or the Node adapter. The decisions are the core's (`proxy::handle`); this file
//! reads the config, and lends the core the request body, the hooks and `fetch`.

use super::client::options::{boolean, field, function, integer, object, string, timeout};
use super::client::runtime::{in_browser, JsRuntime};
use super::{errors, guard};
use crate::error::Error;
use crate::issue::Locale;
use crate::proxy::{handle, BodyError, ProxyConfig, ProxyHost, RequestHead, Signer};
use crate::transport::fetch::FetchTransport;
use crate::transport::{HttpRequest, HttpResponse, Runtime, Transport, TransportError};
use js_sys::{Array, Function, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(module = "/src/bindings/proxy.js")]
extern "C" {
    #[wasm_bindgen(js_name = requestHead, catch)]
    fn request_head(request: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = readBody)]
    fn read_body_js(request: &JsValue, max: f64) -> Promise;
    /// Caught: `new Response` refuses a header value it cannot carry (an Origin echoed from a
    /// look-alike request, say).
    #[wasm_bindgen(js_name = makeResponse, catch)]
    fn make_response(status: u16, headers: Array, body: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = authorize)]
    fn authorize_js(f: &Function, request: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = taskUpdate)]
    fn task_update_js(f: &Function, task_json: &str, user: Option<String>) -> Promise;
    #[wasm_bindgen(js_name = proxyObject)]
    fn proxy_object(handler: KlingProxy) -> JsValue;
}

const KEYS: &[&str] = &[
    "upstream", "accessKey", "secretKey", "apiKey", "pathPrefix", "allowedOrigins", "authorize", "allowAnonymous", "maxBodyBytes",
    "validate", "callbackUrl", "onTaskUpdate", "timeoutMs", "fetch", "locale", "dangerouslyAllowBrowser",
];

struct Inner {
    cfg: ProxyConfig,
    authorize: Option<Function>,
    on_task_update: Option<Function>,
    transport: FetchTransport,
}

/// The handler behind the `{ fetch }` object `createKlingProxy` returns.
#[wasm_bindgen]
#[allow(missing_debug_implementations)] // holds JS functions; nothing useful (or safe) to print
pub struct KlingProxy {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl KlingProxy {
    /// Answers one request; the promise always resolves with a Response.
    pub fn fetch(&self, request: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let head = read_head(&request);
            let resp = match head {
                Some(head) => handle(&inner.cfg, &Host { inner: &inner, request: &request }, &head).await,
                None => crate::proxy::handler::error(400, 1200, "not a Request"),
            };
            to_response(&resp).or_else(|_| to_response(&crate::proxy::handler::error(500, 5000, "the answer could not be built")))
        })
    }
}

fn to_response(resp: &HttpResponse) -> Result<JsValue, JsValue> {
    let headers: Array = resp.headers.iter().map(|(k, v)| JsValue::from(Array::of2(&k.into(), &v.into()))).collect();
    make_response(resp.status, headers, &resp.body)
}

/// Creates the proxy; throws KlingError `config_error` naming the bad option (never a secret).
#[wasm_bindgen(js_name = createKlingProxy, unchecked_return_type = "{ fetch(request: Request): Promise<Response> }")]
pub fn create_kling_proxy(#[wasm_bindgen(unchecked_param_type = "KlingProxyConfig")] config: JsValue) -> Result<JsValue, JsValue> {
    let inner = read_config(&config).map_err(|e| errors::to_js(&e))?;
    Ok(proxy_object(KlingProxy { inner: Rc::new(inner) }))
}

fn config_err(message: impl Into<String>) -> Error {
    Error::Config { message: format!("createKlingProxy: {}", message.into()) }
}

fn read_config(v: &JsValue) -> Result<Inner, Error> {
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
    Ok(Inner { cfg, authorize, on_task_update, transport: FetchTransport::new(function(&o, "fetch", WHAT)?) })
}

fn read_head(request: &JsValue) -> Option<RequestHead> {
    let h = request_head(request).ok()?;
    let method = field(&h, "method")?.as_string()?;
    let target = field(&h, "target")?.as_string()?;
    let headers = Array::from(&field(&h, "headers")?)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    Some(RequestHead { method, target, headers })
}

struct Host<'a> {
    inner: &'a Inner,
    request: &'a JsValue,
}

impl ProxyHost for Host<'_> {
    async fn read_body(&self, max: usize) -> Result<String, BodyError> {
        match JsFuture::from(read_body_js(self.request, max as f64)).await {
            Ok(text) => text.as_string().ok_or(BodyError::Unreadable),
            Err(e) if e.as_string().as_deref() == Some("too_large") => Err(BodyError::TooLarge),
            Err(_) => Err(BodyError::Unreadable),
        }
    }

    async fn authorize(&self) -> Result<Option<String>, String> {
        let Some(f) = &self.inner.authorize else { return Ok(None) };
        match JsFuture::from(authorize_js(f, self.request)).await {
            Ok(v) => Ok(v.as_string()),
            Err(_) => Err("the authorize hook failed".into()),
        }
    }

    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.inner.transport.send(req, None).await
    }

    async fn on_task_update(&self, task_json: &str, user: Option<&str>) {
        if let Some(f) = &self.inner.on_task_update {
            let _ = JsFuture::from(task_update_js(f, task_json, user.map(str::to_owned))).await;
        }
    }

    fn now_ms(&self) -> u64 {
        JsRuntime.now_ms()
    }

    fn new_id(&self) -> String {
        JsRuntime.new_id()
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_PROXY: &str = r#"
/** Configuration of `createKlingProxy`. Give accessKey + secretKey (HS256 JWT per call) or apiKey. */
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
  /** Largest request body. Default 32 MiB (room for base64 images). */
  maxBodyBytes?: number;
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
