//! Fuzz target: `json::parse` on arbitrary bytes (lossy UTF-8) and on generated deep nesting.
//! Invariants: no panic; nesting never exceeds the cap; it accepts exactly what serde_json
//! accepts, except nesting over the cap (refused as too deep); a marker-free value written back
//! with `write_value` parses to the same value (floats within 2 ulps, see `same`); the pull
//! reader (`json::pull`, which reads Kling's answers in the proxy) skips exactly what the
//! lenient tree reader reads, refusing the rest with the same error.
#![no_main]

use kling_wasm::json::{parse, parse_lenient, pull, write_value, Value, MAX_DEPTH};
use kling_wasm_fuzz::values::same;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    // Deep nesting built from the first bytes: depth n of arrays / objects around a scalar.
    if let [a, b, ..] = data {
        let n = usize::from(*a) % 200;
        let obj = b % 2 == 1;
        let (open, close) = if obj { ("{\"k\":", "}") } else { ("[", "]") };
        let deep = format!("{}0{}", open.repeat(n), close.repeat(n));
        let r = parse(&deep);
        // n containers put the scalar at depth n; the cap allows depth MAX_DEPTH.
        assert_eq!(r.is_ok(), n <= MAX_DEPTH, "depth {n}: {:?}", r.as_ref().err());
        if let Err(e) = r {
            assert!(e.too_deep, "depth {n} refused for another reason: {}", e.message);
        }
    }
});

fn check(text: &str) {
    let pulled = pull::document(text, usize::MAX, |p| p.skip()).map(drop).map_err(|e| e.message);
    assert_eq!(pulled, parse_lenient(text).map(drop).map_err(|e| e.message), "pull and tree differ on {text:?}");
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(v), _) => {
            assert!(depth(v) <= MAX_DEPTH, "depth {} over the cap", depth(v));
            assert!(theirs.is_ok(), "we accept what serde_json refuses: {text:?}");
            if !has_marker(v) {
                let mut out = String::new();
                write_value(&mut out, v);
                let back = parse(&out).unwrap_or_else(|e| panic!("written value does not parse ({}): {out}", e.message));
                assert!(same(&back, v), "write/parse round trip changed {text:?} into {out}");
            }
        }
        (Err(e), Ok(v)) => assert!(e.too_deep && json_depth(v) > MAX_DEPTH, "we refuse valid JSON: {} {text:?}", e.message),
        (Err(e), Err(_)) => assert!(!e.message.is_empty()),
    }
}

/// The depth of the deepest value (a top-level scalar is at 0).
fn depth(v: &Value) -> usize {
    match v {
        Value::Arr(a) => a.iter().map(|x| 1 + depth(x)).max().unwrap_or(0),
        Value::Obj(o) => o.iter().map(|(_, x)| 1 + depth(x)).max().unwrap_or(0),
        _ => 0,
    }
}

fn json_depth(v: &serde_json::Value) -> usize {
    match v {
        serde_json::Value::Array(a) => a.iter().map(|x| 1 + json_depth(x)).max().unwrap_or(0),
        serde_json::Value::Object(o) => o.values().map(|x| 1 + json_depth(x)).max().unwrap_or(0),
        _ => 0,
    }
}

fn has_marker(v: &Value) -> bool {
    match v {
        Value::BigInt(_) | Value::Js(_) => true,
        Value::Arr(a) => a.iter().any(has_marker),
        Value::Obj(o) => o.iter().any(|(_, x)| has_marker(x)),
        _ => false,
    }
}
