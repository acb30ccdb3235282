//! The pull reader (src/json/pull.rs) against the tree reader it drives: whatever a pull skips
//! is checked as `parse_lenient` checks it (same texts accepted, the same error at the same
//! place), and what it reads — strings, numbers, spans — is what the tree holds there. The proxy
//! decides on Kling's answers through it, so a text one reader accepts and the other refuses
//! would be an answer passed on unchecked.
#![cfg(not(target_arch = "wasm32"))]

use kling_wasm::json::{self, pull, Value};
use proptest::prelude::*;

/// The whole text skipped.
fn skipped(text: &str) -> Result<std::ops::Range<usize>, json::ParseError> {
    pull::document(text, usize::MAX, |p| p.skip())
}

/// Every top-level member of an object read by the pull: each string, number and span, as the
/// tree shows them.
fn read_all(text: &str) -> Result<Vec<String>, json::ParseError> {
    let mut seen = Vec::new();
    pull::document(text, usize::MAX, |p| {
        p.object(|p, key| {
            let at = p.peek();
            let got = match at {
                Some(b'"') => format!("{key}={:?}", p.string()?.map(|(s, _)| s)),
                Some(b'-' | b'0'..=b'9') => format!("{key}={:?}", p.number()?),
                _ => format!("{key}@{:?}", p.skip()?),
            };
            seen.push(got);
            Ok(())
        })
        .map(drop)
    })?;
    Ok(seen)
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let tree = json::parse_lenient(text);
    let pulled = skipped(text);
    match (&tree, &pulled) {
        (Ok(_), Ok(span)) => prop_assert_eq!(&text[span.clone()], text.trim_matches([' ', '\n', '\t', '\r'])),
        (Err(a), Err(b)) => prop_assert_eq!((&a.message, a.too_deep), (&b.message, b.too_deep), "{:?}", text),
        _ => prop_assert!(false, "tree {:?} vs pull {:?} on {:?}", tree.as_ref().err(), pulled.as_ref().err(), text),
    }
    if let Ok((Value::Obj(fields), _)) = &tree {
        let seen = read_all(text).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(seen.len(), fields.len());
        for ((key, v), got) in fields.iter().zip(&seen) {
            match v {
                Value::Str(s) => prop_assert_eq!(got, &format!("{key}={:?}", Some(s))),
                Value::Num(n) => prop_assert_eq!(got, &format!("{key}={:?}", Some(n))),
                _ => {
                    let want = format!("{key}@");
                    prop_assert!(got.starts_with(&want), "{} vs {}", got, want);
                }
            }
        }
    }
    Ok(())
}

#[test]
fn hand_cases() {
    for text in [
        r#"{"a":"x\ud83d","b":[1,{"c":null}],"d":-0,"e":1e5,"f":"\u00e9","g":true}"#,
        r#" { } "#,
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        r#"{"a":[1 2]}"#,
        r#"{"a":"b"  "#,
        r#"{"a":"\q"}"#,
        r#"[1,2"#,
        "\"\u{1}\"",
        "nul",
        "{\"a\":1} 2",
        r#"{"a":1.}"#,
        r#"{"a":-}"#,
        r#"{"k":1e999}"#,
    ] {
        check(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    }
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    check(&deep(json::MAX_DEPTH + 2)).unwrap();
    assert!(skipped(&deep(json::MAX_DEPTH + 1)).is_ok() && skipped(&deep(json::MAX_DEPTH + 2)).unwrap_err().too_deep);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    /// Near-JSON: the structural characters, escapes, numbers and words, in any order.
    #[test]
    fn skips_exactly_what_the_tree_reader_reads(parts in proptest::collection::vec(prop_oneof![
        Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just("\""), Just(" "),
        Just("\"k\":"), Just("\"s\""), Just("\"\\u0041\""), Just("\"\\ud83d\""), Just("\\"), Just("0"), Just("-1.5e3"),
        Just("01"), Just("1e999"), Just("true"), Just("nul"), Just("null"), Just("\"\\n\""),
    ], 0..24)) {
        check(&parts.concat())?;
    }
}
