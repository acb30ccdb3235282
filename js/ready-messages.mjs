// Generated from src/messages by tests/schema_generated.rs (KLING_BLESS=1 cargo test --test schema_generated).
// The issues js/ready.mjs reports while the wasm is not loaded; `{reason}` takes the load error.

export const RULE = "GEN-READY";
export const NOT_READY = { code: "not_ready", en: "kling-wasm is still loading its WebAssembly module, so nothing was checked; validate again once `ready` has resolved.", zh: "kling-wasm 仍在加载其 WebAssembly 模块，尚未进行任何校验；请在 `ready` 完成后再校验。" };
export const LOAD_FAILED = { code: "load_failed", en: "kling-wasm could not load its WebAssembly module, so nothing can be checked: {reason}", zh: "kling-wasm 无法加载其 WebAssembly 模块，因此无法校验：{reason}" };
