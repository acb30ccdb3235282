//! Shared parts of the kling-wasm fuzz targets: the invariants the api targets assert, a
//! schema-guided JSON request generator, and the options generator.

pub mod api_check;
pub mod gen;
pub mod schema;
pub mod values;

pub use api_check::check;
