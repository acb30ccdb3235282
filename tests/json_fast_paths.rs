//! The JSON fast paths against their plain forms: the word-at-a-time byte compare (`same_text`)
//! against `==`, the u32 digit loop of `u64_digits` against `to_string`, and the unchecked
//! integer read of up to 19 digits against `str::parse` (the reader types numbers as serde_json).

use kling_wasm::json::{self, Num};

#[test]
fn same_text_is_string_equality() {
    let words = [
        "",
        "a",
        "b",
        "ab",
        "model_name",
        "model_namf",
        "external_task_id",
        "external_task_ie",
        "xternal_task_idd",
        "é",
        "e\u{301}",
        "12345678",
        "12345679",
        "123456781234567",
        "123456781234568",
    ];
    for a in words {
        for b in words {
            assert_eq!(json::same_text(a, b), a == b, "{a:?} {b:?}");
        }
    }
    // Every length around the 8-byte words, differing at every position.
    for len in 0..40 {
        let a: String = (0..len).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        assert!(json::same_text(&a, &a.clone()));
        for at in 0..len {
            let mut b = a.clone().into_bytes();
            b[at] = b'Z';
            assert!(!json::same_text(&a, std::str::from_utf8(&b).unwrap()), "len {len} at {at}");
        }
    }
}

#[test]
fn u64_digits_match_to_string() {
    let mut cases = vec![
        0,
        1,
        9,
        10,
        99,
        100,
        u64::from(u32::MAX) - 1,
        u64::from(u32::MAX),
        u64::from(u32::MAX) + 1,
        9_999_999_999,
        10_000_000_000,
        u64::MAX - 1,
        u64::MAX,
    ];
    cases.extend((0..64).map(|s| 1u64 << s));
    cases.extend((1..20).map(|e| 10u64.pow(e) - 1));
    cases.extend((1..20).map(|e| 10u64.pow(e)));
    for u in cases {
        assert_eq!(json::u64_digits(u, &mut [0; 20]), u.to_string());
    }
}

#[test]
fn integers_read_as_serde_json_types_them() {
    let texts = [
        "0",
        "7",
        "-7",
        "-0",
        "1844674407370955161",
        "9999999999999999999",
        "18446744073709551615",
        "18446744073709551616",
        "99999999999999999999",
        "-9223372036854775808",
        "-9223372036854775809",
        "-1000000000000000000",
    ];
    for t in texts {
        let want = match t.parse::<u64>() {
            Ok(u) => Num::U(u),
            Err(_) => match t.parse::<i64>() {
                Ok(0) => Num::F(-0.0),
                Ok(i) => Num::I(i),
                Err(_) => Num::F(t.parse::<f64>().unwrap()),
            },
        };
        let got = json::number(t).unwrap();
        assert_eq!(format!("{got:?}"), format!("{want:?}"), "{t}");
        let parsed = json::parse(t).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{:?}", json::Value::Num(want)), "{t}");
    }
}

#[test]
fn replacement_char_scan_matches_contains() {
    let texts = [
        "",
        "plain ascii text of some length",
        "\u{FFFD}",
        "x\u{FFFD}",
        "é\u{FFFD}",
        "\u{FEFF}\u{FFFE}\u{FFEF}",
        "\u{EFBF}",
        "灯塔守护者",
        "😀\u{FFFC}\u{FFFD}😀",
    ];
    for t in texts {
        for pad in 0..9 {
            let s = format!("{}{t}{}", "a".repeat(pad), "b".repeat(8 - pad));
            assert_eq!(json::bytes::has_replacement_char(s.as_bytes()), s.contains('\u{FFFD}'), "{s:?}");
        }
    }
}
