//! The `Runtime` the client runs on in JS: Date.now, setTimeout (cut short by the AbortSignal,
//! in transport/fetch.js with the other reads of the signal), Math.random, crypto.randomUUID;
//! plus the JS helpers in client.js the class uses.

use crate::transport::fetch::{self, AbortSignal};
use crate::transport::{Aborted, Runtime};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/client/client.js")]
extern "C" {
    #[wasm_bindgen(js_name = newId)]
    fn new_id_js() -> String;
    #[wasm_bindgen(js_name = inBrowser)]
    pub fn in_browser() -> bool;
    #[wasm_bindgen(js_name = asyncIterable)]
    pub fn async_iterable(it: JsValue) -> JsValue;
    /// Calls `fn` with `this` undefined; its promise (a native one, safe to await) settles with
    /// what `fn` returns or rejects with what it throws. Never throws itself.
    #[wasm_bindgen(js_name = callAsync)]
    pub fn call_async(f: &js_sys::Function) -> Promise;
    /// `auth.headers` as `[name, value]` string pairs; throws `[option, expected, actual]`.
    #[wasm_bindgen(js_name = sessionPairs, catch)]
    pub fn session_pairs(value: &JsValue, path: &str) -> Result<js_sys::Array, JsValue>;
    /// Asks the headers function; resolves with `[name, value]` pairs, rejects with a message.
    #[wasm_bindgen(js_name = sessionHeaders)]
    pub fn session_headers(f: &js_sys::Function) -> Promise;
    /// Calls `fn(arg)` with `this` undefined, ignoring what it throws or its promise rejects with.
    #[wasm_bindgen(js_name = notify)]
    pub fn notify(f: &js_sys::Function, arg: &JsValue);
}

#[derive(Debug, Clone, Copy, Default)]
pub struct JsRuntime;

impl Runtime for JsRuntime {
    type Signal = AbortSignal;

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    async fn sleep(&self, ms: u64, signal: Option<&AbortSignal>) -> Result<(), Aborted> {
        fetch::sleep(ms, signal).await.map_err(|_| Aborted)
    }

    fn is_aborted(&self, signal: &AbortSignal) -> bool {
        signal.is_aborted()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn new_id(&self) -> String {
        new_id_js()
    }
}
