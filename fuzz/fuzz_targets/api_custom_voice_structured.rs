//! Fuzz target: `api::validate` + `api::build` for Endpoint::CustomVoice on requests generated from the
//! family's shape (`kling_wasm_fuzz::gen`), under generated options (rule policies included).
#![no_main]

use arbitrary::Unstructured;
use kling_wasm::Endpoint;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(opts), Ok(text)) = (kling_wasm_fuzz::gen::options(&mut u), kling_wasm_fuzz::gen::request(&mut u, Endpoint::CustomVoice)) else {
        return;
    };
    kling_wasm_fuzz::check(Endpoint::CustomVoice, &text, &opts);
});
