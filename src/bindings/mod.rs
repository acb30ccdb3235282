//! The JS-facing layer (wasm32 only), and the only code that uses wasm_bindgen / js_sys.
//! Shared helpers: `convert` (JS value <-> JSON text, options) and `errors` (Error -> KlingError).
//! Each area of the API has its own file; a new one needs just a `mod` line here.

pub(crate) mod client;
pub mod convert;
pub mod errors;
mod media;
mod proxy;
pub mod types;
pub mod validate;
