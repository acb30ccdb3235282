//! The hand-written JSON reader (src/json/read.rs) against serde_json, its reference: the same
//! texts accepted, the same values (numbers typed and valued bit for bit as serde_json types
//! them), strings borrowed only when they hold no escape, and the lenient surrogate repair.

use kling_wasm::json::{self, Num, Value};
use std::borrow::Cow;

/// Whether our value is serde_json's value: same shape, same key order, numbers to the bit.
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Num(Num::U(a)), J::Number(b)) => b.as_u64() == Some(*a),
        (Value::Num(Num::I(a)), J::Number(b)) => b.is_i64() && !b.is_u64() && b.as_i64() == Some(*a),
        (Value::Num(Num::F(a)), J::Number(b)) => b.is_f64() && b.as_f64().map(f64::to_bits) == Some(a.to_bits()),
        (Value::Str(a), J::String(b)) => a == b,
        (Value::Arr(a), J::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        // serde_json's map (no preserve_order) sorts keys and keeps the last duplicate: compare
        // by lookup of each distinct key's last value.
        (Value::Obj(a), J::Object(b)) => {
            let last = |k: &str| a.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v);
            b.len() <= a.len() && b.iter().all(|(k, v)| last(k).is_some_and(|x| same(x, v)))
        }
        _ => false,
    }
}

const ACCEPTED: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "-18446744073709551616",
    "1.5",
    "-0.0",
    "1e5",
    "1E+5",
    "1e-5",
    "444438e44",
    "0.30000000000000004",
    "1e-400",
    "123456789012345678901234567890",
    "2.2250738585072014e-308",
    " \t\r\n[ 1 , 2 ]\n ",
    "[]",
    "{}",
    "[[],[[]],{}]",
    r#"{"a":1,"a":2}"#,
    r#"{"":""}"#,
    r#""\"\\\/\b\f\n\r\t""#,
    r#""\u00e9\u4e2d\ud83d\ude00""#,
    r#""é中😀""#,
    r#""\u0000""#,
    "true",
    "false",
    "null",
    r#"{"a":[{"b":null,"c":[true,false]}],"d":"x"}"#,
];

const REFUSED: &[&str] = &[
    "",
    " ",
    "01",
    "-01",
    "-",
    "1.",
    ".5",
    "1e",
    "1e+",
    "+1",
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "tru",
    "nul",
    "[1,]",
    r#"{"a":1,}"#,
    "[1 2]",
    r#"{"a" 1}"#,
    r#"{a:1}"#,
    r#"{"a":}"#,
    "[",
    "{",
    r#"""#,
    r#""\x""#,
    r#""\u12""#,
    r#""\u12G4""#,
    "\"a\nb\"",
    "\"\u{1f}\"",
    r#""\ud83d""#,
    r#""\udc00""#,
    r#""\ud83d\u0041""#,
    r#""\ud83dx""#,
    "1 2",
    "[] x",
    "{}}",
];

#[test]
fn accepts_and_reads_what_serde_json_does() {
    for text in ACCEPTED {
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text:?}: serde_json refuses it: {e}"));
        let ours = json::parse(text).unwrap_or_else(|e| panic!("{text:?}: refused: {}", e.message));
        assert!(same(&ours, &theirs), "{text:?}: {ours:?} vs {theirs:?}");
    }
}

#[test]
fn refuses_what_serde_json_refuses_with_a_position() {
    for text in REFUSED {
        assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "{text:?}: serde_json accepts it");
        let e = json::parse(text).expect_err(text);
        assert!(!e.too_deep && e.message.contains(" at line 1 column "), "{text:?}: {}", e.message);
    }
}

#[test]
fn depth_is_capped_before_serde_json_would_be() {
    let nest = |n: usize| format!("{}0{}", "[".repeat(n), "]".repeat(n));
    assert!(json::parse(&nest(json::MAX_DEPTH)).is_ok());
    let e = json::parse(&nest(json::MAX_DEPTH + 1)).expect_err("too deep");
    assert!(e.too_deep, "{}", e.message);
    // A syntax error met before the cap is reported as such.
    assert!(!json::parse(&format!("{}x", "[".repeat(10))).expect_err("bad").too_deep);
}

#[test]
fn strings_borrow_unless_escaped() {
    let v = json::parse(r#"{"plain":"abc é","esc":"a\"b","k\u0065y":1}"#).unwrap();
    let obj = v.as_obj().unwrap();
    assert!(matches!(&obj[0].1, Value::Str(Cow::Borrowed("abc é"))));
    assert!(matches!(&obj[1].1, Value::Str(Cow::Owned(s)) if s == "a\"b"));
    assert!(matches!(&obj[2].0, Cow::Owned(k) if k == "key"));
}

#[test]
fn lenient_reading_repairs_each_lone_surrogate() {
    let cases = [
        (r#""\ud83d\u0041""#, "\u{FFFD}A"),
        (r#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
        (r#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
        (r#""\ud83dx""#, "\u{FFFD}x"),
        (r#""\ud83d\n""#, "\u{FFFD}\n"),
    ];
    for (text, want) in cases {
        let (v, repaired) = json::parse_lenient(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        assert!(repaired, "{text}");
        assert_eq!(v.as_str(), Some(want), "{text}");
        assert!(json::parse(text).is_err(), "{text}: strict reading accepts it");
    }
    assert!(json::parse_lenient(r#"["\ud83d", 01]"#).is_err());
}

#[test]
fn number_types_digits_as_the_reader_does() {
    for text in ["0", "-0", "7", "-7", "18446744073709551616", "-9223372036854775808", "-9223372036854775809", "1e3"] {
        let read = match json::parse(text).unwrap() {
            Value::Num(n) => n,
            other => panic!("{other:?}"),
        };
        let n = json::number(text).unwrap();
        assert!(
            matches!((n, read), (Num::U(a), Num::U(b)) if a == b)
                || matches!((n, read), (Num::I(a), Num::I(b)) if a == b)
                || matches!((n, read), (Num::F(a), Num::F(b)) if a.to_bits() == b.to_bits()),
            "{text}: {n:?} vs {read:?}"
        );
    }
}
