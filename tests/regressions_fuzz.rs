//! Regression tests for what the fuzz targets in fuzz/ found (RELIABILITY.md, "Fuzzing"), each
//! with its input inline and named by its finding id. A finding that is not fixed yet has an
//! `#[ignore]`d test with a FIXME, so `cargo test` stays green and `--ignored` shows it.

use kling_wasm::json::{self, Num, Value};
use kling_wasm::proxy::callback::{derive_key, make_token, verify_token};
use kling_wasm::Endpoint;

/// parse → write_value → parse, returning both floats.
fn float_round_trip(text: &str) -> (f64, f64) {
    let first = json::parse(text).expect("a JSON number");
    let mut out = String::new();
    json::write_value(&mut out, &first);
    let again = json::parse(&out).expect("written JSON parses");
    match (first, again) {
        (Value::Num(Num::F(a)), Value::Num(Num::F(b))) => (a, b),
        other => panic!("not floats: {other:?}"),
    }
}

/// json-1 (fuzz target json_parse): "444438e44" reads as a float whose shortest form,
/// 4.4443800000000004e+49, reads back one ulp away — serde_json parses floats best-effort unless
/// its `float_roundtrip` feature is on. Bodies can carry such floats (cfg_scale, camera axes).
#[test]
fn json_1_float_round_trip_stays_within_two_ulps() {
    for text in ["444438e44", "0.30000000000000004", "1e-7", "9.999999999999999e22", "-2.2250738585072014e-308"] {
        let (a, b) = float_round_trip(text);
        assert!(a.is_sign_negative() == b.is_sign_negative() && a.to_bits().abs_diff(b.to_bits()) <= 2, "{text}: {a:e} -> {b:e}");
    }
}

#[test]
#[ignore = "FIXME json-1: exact float round trips need serde_json's `float_roundtrip` feature (a size/speed trade-off for the lead)"]
fn json_1_float_round_trip_is_exact() {
    let (a, b) = float_round_trip("444438e44");
    assert_eq!(a.to_bits(), b.to_bits(), "{a:e} -> {b:e}");
}

/// tokens-1 (fuzz target proxy_tokens): HMAC pads a key shorter than its 64-byte block with
/// zeros, so secrets that differ only in trailing NUL bytes derive the same callback key. That is
/// HMAC itself, not a flaw of the token scheme (real secrets carry no NULs); any other difference
/// in the secret gives a key that refuses the token.
#[test]
fn tokens_1_only_trailing_nuls_make_two_secrets_one_key() {
    assert_eq!(derive_key(""), derive_key("\0"));
    let token = make_token(&derive_key("\0"), Endpoint::OmniVideo, "x0a78:gen-7f3a");
    assert_eq!(verify_token(&derive_key(""), &token), Some((Endpoint::OmniVideo, "x0a78:gen-7f3a".into())));
    for other in ["\u{1}", " ", "\0\0x", "secret"] {
        assert_eq!(verify_token(&derive_key(other), &token), None, "{other:?}");
    }
}
