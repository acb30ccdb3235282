//! The `Transport` on the JS `fetch` (wasm32 only): browsers, Node 20, Deno and Workers alike.
//! The exchange itself — the timeout over headers and body, the caller's AbortSignal, telling a
//! request that never left from one that may have arrived — lives in fetch.js beside this file,
//! with the other reads of the caller's signal (`is_aborted`, `sleep`), all guarded there.

use super::{HttpRequest, HttpResponse, Transport, TransportError};
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/transport/fetch.js")]
extern "C" {
    /// An async function: never throws, its promise is a native one (safe to await).
    #[wasm_bindgen(js_name = send)]
    fn send_js(
        fetch: &JsValue,
        method: &str,
        url: &str,
        headers: Array,
        body: Option<String>,
        timeout_ms: f64,
        signal: &JsValue,
        credentials: Option<&str>,
    ) -> Promise;
    /// Whether the signal fired; an `aborted` that throws counts as fired. Never throws.
    #[wasm_bindgen(js_name = isAborted)]
    fn is_aborted_js(signal: &JsValue) -> bool;
    /// Resolves after `ms`, rejects when the signal fires. Never throws.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: &JsValue) -> Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The caller's `AbortSignal`, or any object with a boolean `aborted` and `addEventListener`
    /// (a look-alike's getters may throw: it is only ever read through fetch.js).
    #[wasm_bindgen(typescript_type = "AbortSignal")]
    #[derive(Debug)]
    pub type AbortSignal;
}

impl AbortSignal {
    /// Whether it fired (an unreadable `aborted` counts as fired).
    pub fn is_aborted(&self) -> bool {
        is_aborted_js(self)
    }
}

/// Waits `ms` (capped at setTimeout's limit); `Err` when `signal` fires first.
pub async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), JsValue> {
    let signal = signal.map_or(JsValue::UNDEFINED, |s| s.into());
    JsFuture::from(sleep_js(ms as f64, &signal)).await.map(|_| ())
}

/// Sends through `fetch`: the one from the client options, or `globalThis.fetch`.
#[derive(Debug, Clone)]
pub struct FetchTransport {
    /// A JS function, or `undefined` for the global one (looked up at each call, so a fetch
    /// installed after the client was made is still found).
    fetch: JsValue,
    /// fetch's `credentials` mode when the caller chose one (else not passed: some runtimes,
    /// older workerd among them, refuse the field).
    credentials: Option<&'static str>,
}

impl FetchTransport {
    /// A transport over `fetch` (the given function, else the global one), with the caller's
    /// `credentials` mode if any.
    pub fn new(fetch: Option<js_sys::Function>, credentials: Option<&'static str>) -> Self {
        FetchTransport { fetch: fetch.map_or(JsValue::UNDEFINED, JsValue::from), credentials }
    }
}

impl Transport for FetchTransport {
    type Signal = AbortSignal;

    async fn send(&self, req: HttpRequest, signal: Option<&AbortSignal>) -> Result<HttpResponse, TransportError> {
        let headers: Array = req.headers.iter().map(|(k, v)| JsValue::from(Array::of2(&k.into(), &v.into()))).collect();
        let signal = signal.map_or(JsValue::UNDEFINED, |s| s.into());
        let promise = send_js(&self.fetch, req.method.as_str(), &req.url, headers, req.body, req.timeout_ms as f64, &signal, self.credentials);
        match JsFuture::from(promise).await {
            Ok(answer) => read_response(&answer),
            Err(e) => Err(read_failure(&e)),
        }
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `{ status, headers: [[name, value]], body }` from fetch.js.
fn read_response(answer: &JsValue) -> Result<HttpResponse, TransportError> {
    let bad = || TransportError::Ambiguous { message: "fetch returned something that is not a Response".into() };
    let status = get(answer, "status").as_f64().filter(|s| (100.0..=999.0).contains(s)).ok_or_else(bad)? as u16;
    let body = get(answer, "body").as_string().ok_or_else(bad)?;
    // fetch.js built this list of [name, value] string pairs itself: plain arrays, safe to read.
    let headers = Array::from(&get(answer, "headers"))
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect();
    Ok(HttpResponse { status, headers, body })
}

/// `{ kind, message }` from fetch.js; anything else counts as "may have arrived".
fn read_failure(e: &JsValue) -> TransportError {
    let message = get(e, "message").as_string().unwrap_or_else(|| "fetch failed".into());
    match get(e, "kind").as_string().as_deref() {
        Some("not_sent") => TransportError::NotSent { message },
        Some("timeout") => TransportError::Timeout,
        Some("aborted") => TransportError::Aborted,
        _ => TransportError::Ambiguous { message },
    }
}
