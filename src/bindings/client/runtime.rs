//! The `Runtime` the client runs on in JS: Date.now, setTimeout (cut short by the AbortSignal),
//! Math.random, crypto.randomUUID; plus the JS helpers in client.js the class uses.

use crate::transport::fetch::AbortSignal;
use crate::transport::{Aborted, Runtime};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/bindings/client/client.js")]
extern "C" {
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = newId)]
    fn new_id_js() -> String;
    #[wasm_bindgen(js_name = inBrowser)]
    pub fn in_browser() -> bool;
    #[wasm_bindgen(js_name = asyncIterable)]
    pub fn async_iterable(it: JsValue) -> JsValue;
    /// Calls `fn` with `this` undefined; `Err` when it throws.
    #[wasm_bindgen(js_name = callPlain, catch)]
    pub fn call_plain(f: &js_sys::Function, arg: &JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct JsRuntime;

impl Runtime for JsRuntime {
    type Signal = AbortSignal;

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    async fn sleep(&self, ms: u64, signal: Option<&AbortSignal>) -> Result<(), Aborted> {
        let signal = signal.map_or(JsValue::UNDEFINED, |s| s.into());
        JsFuture::from(sleep_js(ms as f64, &signal)).await.map(|_| ()).map_err(|_| Aborted)
    }

    fn is_aborted(&self, signal: &AbortSignal) -> bool {
        signal.aborted()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn new_id(&self) -> String {
        new_id_js()
    }
}
