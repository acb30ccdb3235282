//! Safe forms of the JS calls the bindings make on values a caller gave. Whatever may run the
//! caller's code (a Proxy trap, a getter, an overridden method) goes through an import marked
//! `catch` or a JS helper that catches: an exception unwinding through wasm frames skips the Rust
//! destructors and never restores wasm's shadow-stack pointer, so a few hundred such calls use up
//! the stack and every later call of the module fails (RELIABILITY.md, "Hostile JS input").
//! js_sys's own `Array::is_array` and `Error::message` are not `catch`: the bindings use these
//! instead. Option objects are read by `ownFields`/`ownItems` (for bindings/options.rs).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

#[wasm_bindgen(module = "/src/bindings/guard.js")]
extern "C" {
    #[wasm_bindgen(js_name = errorText)]
    fn error_text_js(thrown: &JsValue) -> Option<String>;
    /// An options object's fields, each read once: `[key, value, thrown, ...]`, or a string
    /// naming what the value is instead, or the field count when over `max` (guard.js).
    /// `catch` although it catches everything itself: it runs the caller's code.
    #[wasm_bindgen(catch, js_name = ownFields)]
    pub fn own_fields(value: &JsValue, max: u32) -> Result<JsValue, JsValue>;
    /// An array option's items, each read once: `[value, thrown, ...]`, as `own_fields` has them.
    #[wasm_bindgen(catch, js_name = ownItems)]
    pub fn own_items(value: &JsValue, max: u32) -> Result<JsValue, JsValue>;
}

/// The message of what a caller's code threw (an Error's `message`, or a thrown string), else
/// `fallback`. Never runs into an exception itself.
pub fn error_text(thrown: &JsValue, fallback: &str) -> String {
    error_text_js(thrown).unwrap_or_else(|| fallback.to_owned())
}
