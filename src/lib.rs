//! kling-wasm: validate, build, sign and send Kling AI Series 3.0 requests (Omni-Video,
//! Text-to-Video, Image-to-Video, Omni-Image) from browsers, Node and edge workers.
//!
//! The core is plain Rust and is tested natively; `bindings` (wasm32 only) is the thin JS layer.

#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]
#![warn(missing_docs)]

pub mod api;
pub mod auth;
pub mod caps;
pub mod client;
pub mod cost;
pub mod error;
pub mod issue;
pub mod json;
pub mod media;
pub mod messages;
pub mod pointer;
pub mod proxy;
pub mod rules;
pub mod schema;
pub mod transport;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

/// The wasm heap: talc instead of std's dlmalloc, smaller and no slower (Cargo.toml says by how
/// much). Single-threaded modules only (no `atomics`), which all three are.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use api::{build, validate, Built};
pub use caps::Endpoint;
pub use error::Error;
pub use issue::{Code, Issue, Level, Locale, Options, Report, Severity};
