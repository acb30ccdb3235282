//! The JS-facing layer (wasm32 only), and the only code that uses wasm_bindgen / js_sys.
//! Shared helpers: `convert` (JS value <-> JSON text, the validate options), `options` (the one
//! reader of every option object, and how a bad option is reported), `errors` (Error ->
//! KlingError) and `guard` (the safe forms of the JS calls that may run a caller's code).
//! Each area of the API has its own file; a new one needs just a `mod` line here.
//!
//! The Cargo features `bind-api`, `bind-media` and `bind-proxy` pick which areas a build exports
//! (scripts/build.mjs makes one wasm module per feature; the default has them all).

#[cfg(feature = "bind-api")]
pub(crate) mod client;
// The proxy alone needs only the client's JS runtime, not KlingClient.
#[cfg(all(feature = "bind-proxy", not(feature = "bind-api")))]
#[path = "client"]
pub(crate) mod client {
    #[allow(dead_code)] // the parts only KlingClient uses
    pub(crate) mod runtime;
}
#[cfg(any(feature = "bind-api", feature = "bind-media"))]
pub mod convert;
#[cfg(feature = "bind-api")]
mod cost;
pub mod errors;
pub(crate) mod guard;
#[cfg(feature = "bind-media")]
mod media;
#[cfg(feature = "bind-media")]
mod media_element;
// Each wasm module (one feature each) uses a part of the reader; the full build uses all of it.
#[cfg_attr(not(all(feature = "bind-api", feature = "bind-media", feature = "bind-proxy")), allow(dead_code))]
pub(crate) mod options;
#[cfg(feature = "bind-proxy")]
mod proxy;
#[cfg(feature = "bind-proxy")]
mod proxy_config;
#[cfg(feature = "bind-proxy")]
mod proxy_exec;
#[cfg(feature = "bind-api")]
pub mod types;
#[cfg(feature = "bind-api")]
pub mod validate;
