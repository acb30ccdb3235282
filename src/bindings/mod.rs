//! The JS-facing layer (wasm32 only).
