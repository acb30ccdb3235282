//! Value equality for round-trip checks: identical, except that floats may differ in their last
//! bits, because serde_json parses floats best-effort (its `float_roundtrip` feature is off), so
//! a written float can read back one or two ulps away (finding json-1 in RELIABILITY.md).

use kling_wasm::json::{Num, Value};

pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Num(Num::F(x)), Value::Num(Num::F(y))) => ulps(*x, *y) <= 2,
        (Value::Arr(x), Value::Arr(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Obj(x), Value::Obj(y)) => x.len() == y.len() && x.iter().zip(y).all(|((k, x), (l, y))| k == l && same(x, y)),
        _ => a == b,
    }
}

fn ulps(x: f64, y: f64) -> u64 {
    if x == y {
        return 0;
    }
    if x.is_sign_negative() != y.is_sign_negative() {
        return u64::MAX;
    }
    x.to_bits().abs_diff(y.to_bits())
}
