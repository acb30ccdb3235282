//! The bindings make a built body in JS from slices of the request string where the body copied
//! the request text (`Built::copied`) and decode only the rest: `copied` must name exactly those
//! stretches, and `json::bytes::Utf16` the same places in the JS (UTF-16) string.
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;

use kling_wasm::api;
use kling_wasm::issue::Level;
use kling_wasm::json::bytes::Utf16;
use kling_wasm::{Endpoint, Options};
use proptest::prelude::*;
use proptest_support::{families, seed, Pick, CASES};

/// The body as JS makes it: spans sliced from the UTF-16 request, the rest decoded.
fn joined(text: &str, body: &str, copied: &[u32]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut u = Utf16::default();
    let mut out: Vec<u16> = Vec::new();
    let mut pos = 0;
    for c in copied.chunks_exact(3) {
        let (at, from, to) = (c[0] as usize, c[1], c[2]);
        assert!(at >= pos, "spans in order");
        out.extend(body[pos..at].encode_utf16());
        out.extend_from_slice(&units[u.at(text.as_bytes(), from) as usize..u.at(text.as_bytes(), to) as usize]);
        pos = at + (to - from) as usize;
    }
    out.extend(body[pos..].encode_utf16());
    String::from_utf16(&out).expect("slices at char boundaries")
}

/// Ok(true) when the request builds and the spans make its body, Ok(false) when it does not build.
fn agrees(endpoint: Endpoint, text: &str, opts: &Options) -> Result<bool, String> {
    let Ok(b) = api::build(endpoint, text, opts) else { return Ok(false) };
    let body = joined(text, &b.body, &b.copied);
    if body != b.body {
        return Err(format!("spans {:?} give {body}, not {}", b.copied, b.body));
    }
    Ok(true)
}
#[test]
fn spans_make_the_body() {
    let opts = Options::default();
    let cases = [
        r#"{"model_name":"kling-v3-omni","prompt":"a fox","duration":5,"aspect_ratio":"16:9"}"#,
        r#"{"prompt":"a fox 灯塔 🦊","aspect_ratio":"1:1","element_list":[{"element_id":"0082"}],"duration":"010"}"#,
        r#"{ "prompt" : "a \"fox\" \u00e9 🦊" , "callback_url" : "https://x.test/cb" , "aspect_ratio":"1:1", "external_task_id" : "" }"#,
        r#"{"prompt":"cut \ud83d","aspect_ratio":"1:1","watermark_info":null,"external_task_id":"job-3"}"#,
        r#"{"prompt":"🦊🦊 <<<element_1>>>","element_list":[{"element_id":"829836802793406551"}],"aspect_ratio":"16:9","model_name":"kling-v3-omni"}"#,
    ];
    for text in cases {
        assert_eq!(agrees(Endpoint::OmniVideo, text, &opts), Ok(true), "{text}");
        agrees(Endpoint::TextToVideo, text, &opts).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    let mut lenient = Options::default();
    for rule in ["GEN-DUPLICATE", "GEN-UNKNOWN", "GEN-EMPTY", "GEN-TYPE"] {
        lenient.rules.push((rule.into(), Level::Off));
    }
    let odd = r#"{"prompt":"é","aspect_ratio":"1:1","f":{"\u0000js":"function"},"x":[1,{"\u0000js":"bigint","v":"7"}],"n":{"\u0000js":"number","v":"NaN"}}"#;
    assert_eq!(agrees(Endpoint::OmniVideo, odd, &lenient), Ok(true));
}

#[test]
fn utf16_offsets_count_units() {
    let text = "a é 灯 🦊 z";
    let mut u = Utf16::default();
    for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
        assert_eq!(u.at(text.as_bytes(), i as u32), text[..i].encode_utf16().count() as u32, "{i}");
    }
    // Long ASCII runs (a word at a time), and offsets going back.
    let long = format!("{}é{}🦊", "x".repeat(37), "y".repeat(19));
    let mut u = Utf16::default();
    for i in [40, long.len(), 0, 17, 8, 39, long.len() - 4] {
        assert_eq!(u.at(long.as_bytes(), i as u32), long[..i].encode_utf16().count() as u32, "{i}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn generated_bodies_agree(s in seed(), e in 0usize..4) {
        let endpoint = [Endpoint::OmniVideo, Endpoint::TextToVideo, Endpoint::ImageToVideo, Endpoint::OmniImage][e];
        let mut p = Pick::new(s);
        let text = families::generate(endpoint, &mut p).text();
        prop_assert!(agrees(endpoint, &text, &Options::default()).map_err(TestCaseError::fail)?, "builds: {}", text);
    }
}
