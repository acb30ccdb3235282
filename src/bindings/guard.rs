//! Safe forms of the JS calls the bindings make on values a caller gave. Whatever may run the
//! caller's code (a Proxy trap, a getter, an overridden method) goes through an import marked
//! `catch` or a JS helper that catches: an exception unwinding through wasm frames skips the Rust
//! destructors and never restores wasm's shadow-stack pointer, so a few hundred such calls use up
//! the stack and every later call of the module fails (RELIABILITY.md, "Hostile JS input").
//! js_sys's own `Array::is_array`, `Array::from`, `Object::assign` and `Error::message` are not
//! `catch`: the bindings use these instead.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `Array.from`: runs an array-like's getters and Proxy traps.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    pub fn array_from(value: &JsValue) -> Result<Array, JsValue>;
    /// `Object.assign(target, source)`: runs the source's getters and Proxy traps.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = assign)]
    pub fn assign(target: &JsValue, source: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/bindings/guard.js")]
extern "C" {
    #[wasm_bindgen(js_name = errorText)]
    fn error_text_js(thrown: &JsValue) -> Option<String>;
}

/// The message of what a caller's code threw (an Error's `message`, or a thrown string), else
/// `fallback`. Never runs into an exception itself.
pub fn error_text(thrown: &JsValue, fallback: &str) -> String {
    error_text_js(thrown).unwrap_or_else(|| fallback.to_owned())
}
