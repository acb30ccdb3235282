//! Fuzz target: `api::validate` + `api::build` for Endpoint::ImageGeneration on arbitrary bytes read as
//! (lossy) UTF-8 JSON text, under the default options and under JSON-text options
//! (exact_numbers); the invariants are in `kling_wasm_fuzz::check`.
#![no_main]

use kling_wasm::{Endpoint, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    kling_wasm_fuzz::check(Endpoint::ImageGeneration, &text, &Options::default());
    kling_wasm_fuzz::check(Endpoint::ImageGeneration, &text, &Options { exact_numbers: true, ..Options::default() });
});
