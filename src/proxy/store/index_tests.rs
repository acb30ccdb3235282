//! The index's ops, each with a case that does what it says and one that must not.

use super::*;
use serde_json::{json, Value};

const FAM: &str = "omni-video";

/// Applies `ops` in turn from `record`; returns the record and the last answer.
fn run(record: Option<String>, ops: &[Value]) -> (Option<String>, Value) {
    let mut rec = record;
    let mut last = Value::Null;
    for op in ops {
        let a = apply(rec.as_deref(), &op.to_string());
        if a.record.is_some() {
            rec = a.record;
        }
        last = serde_json::from_str(&a.answer).unwrap();
    }
    (rec, last)
}

fn add(ext: &str, at: u64) -> Value {
    json!({"op": "add", "fam": FAM, "ext": ext, "at": at, "cap": 10})
}

fn page(before: Option<u64>, size: usize) -> Value {
    json!({"op": "page", "fam": FAM, "before": before, "size": size})
}

/// A family walked to the end in one request, holding `n` tasks t0…t(n-1) at times 100, 110, ….
fn walked(n: u64) -> Option<String> {
    let found: Vec<(String, u64)> = (0..n).map(|i| (format!("u:t{i}"), 100 + 10 * i)).collect();
    run(None, &[json!({"op": "complete", "fam": FAM, "found": found, "cap": 10})]).0
}

#[test]
fn each_op_answers_as_documented() {
    // (name, record before, ops, the last answer)
    let cases: Vec<(&str, Option<String>, Vec<Value>, Value)> = vec![
        (
            "add then page",
            None,
            vec![add("u:a", 5), add("u:b", 6), page(None, 10)],
            json!({"complete": false, "walked": false, "exts": ["u:b", "u:a"], "ats": [6, 5], "more": false}),
        ),
        (
            "add twice keeps one",
            None,
            vec![add("u:a", 5), add("u:a", 9), page(None, 10)],
            json!({"complete": false, "walked": false, "exts": ["u:a"], "ats": [5], "more": false}),
        ),
        (
            "same time moves on",
            None,
            vec![add("u:a", 5), add("u:b", 5), page(None, 10)],
            json!({"complete": false, "walked": false, "exts": ["u:b", "u:a"], "ats": [6, 5], "more": false}),
        ),
        ("remove", None, vec![add("u:a", 5), json!({"op": "remove", "ext": "u:a"})], json!({"removed": true})),
        ("remove unknown", None, vec![add("u:a", 5), json!({"op": "remove", "ext": "u:z"})], json!({"removed": false})),
        ("page before a time", walked(4), vec![page(Some(120), 1)], json!({"complete": true, "walked": true, "exts": ["u:t1"], "ats": [110], "more": true})),
        ("page past the end", walked(4), vec![page(Some(100), 5)], json!({"complete": true, "walked": true, "exts": [], "ats": [], "more": false})),
        (
            "page by skip",
            walked(4),
            vec![json!({"op": "page", "fam": FAM, "skip": 3, "size": 5})],
            json!({"complete": true, "walked": true, "exts": ["u:t0"], "ats": [100], "more": false}),
        ),
        (
            "page of another family",
            walked(4),
            vec![json!({"op": "page", "fam": "text2video", "size": 5})],
            json!({"complete": false, "walked": false, "exts": [], "ats": [], "more": false}),
        ),
        ("known", walked(2), vec![json!({"op": "known", "exts": ["u:t1", "u:zz", "u:t0"]})], json!({"known": [true, false, true]})),
        ("known, too many", walked(2), vec![json!({"op": "known", "exts": vec!["x"; MAX_PAGE + 1]})], json!({"error": "too many ids"})),
        (
            "a registered walk completes",
            None,
            vec![
                json!({"op": "seen", "fam": FAM, "found": [["u:a", 1]], "cap": 10, "start": 7}),
                json!({"op": "complete", "fam": FAM, "found": [["u:b", 2]], "cap": 10, "walk": 7}),
            ],
            json!({"ok": true}),
        ),
        (
            "an unknown walk does not",
            None,
            vec![
                json!({"op": "seen", "fam": FAM, "found": [["u:a", 1]], "cap": 10}),
                json!({"op": "complete", "fam": FAM, "found": [["u:b", 2]], "cap": 10, "walk": 7}),
            ],
            json!({"ok": false}),
        ),
        (
            "a walk of another family does not",
            None,
            vec![
                json!({"op": "seen", "fam": "text2video", "found": [], "cap": 10, "start": 7}),
                json!({"op": "complete", "fam": FAM, "found": [], "cap": 10, "walk": 7}),
            ],
            json!({"ok": false}),
        ),
        (
            "a walk completes once",
            None,
            vec![
                json!({"op": "seen", "fam": FAM, "found": [], "cap": 10, "start": 7}),
                json!({"op": "complete", "fam": FAM, "found": [], "cap": 10, "walk": 7}),
                json!({"op": "complete", "fam": FAM, "found": [], "cap": 10, "walk": 7}),
            ],
            json!({"ok": false}),
        ),
        ("not an op", None, vec![json!({"op": "nope"})], json!({"error": "not an index op"})),
        ("a page without a family", None, vec![json!({"op": "page", "size": 3})], json!({"error": "not an index op"})),
    ];
    for (name, record, ops, want) in cases {
        assert_eq!(run(record, &ops).1, want, "{name}");
    }
}

#[test]
fn a_restarted_store_forgets_walks_and_completes_nothing() {
    let (rec, _) = run(None, &[json!({"op": "seen", "fam": FAM, "found": [["u:a", 1]], "cap": 10, "start": 7})]);
    assert!(rec.is_some());
    // The store lost the record (a restart): the walk's end is not trusted.
    let (rec, a) = run(None, &[json!({"op": "complete", "fam": FAM, "found": [["u:b", 2]], "cap": 10, "walk": 7})]);
    assert_eq!(a, json!({"ok": false}));
    assert_eq!(run(rec, &[page(None, 10)]).1["walked"], false);
}

#[test]
fn the_cap_drops_the_oldest_and_marks_the_family_short() {
    let rec = walked(10);
    assert_eq!(run(rec.clone(), &[page(None, 10)]).1["complete"], true);
    let (rec, _) = run(rec, &[add("u:new", 1000)]);
    let first = run(rec.clone(), &[page(None, 5)]).1;
    assert_eq!((first["complete"].clone(), first["more"].clone(), first["exts"][0].clone()), (json!(true), json!(true), json!("u:new")));
    // The last page ends where dropped entries would begin: not complete, but walked.
    let last = run(rec.clone(), &[page(Some(first["ats"][4].as_u64().unwrap()), 10)]).1;
    assert_eq!((last["complete"].clone(), last["walked"].clone(), last["more"].clone()), (json!(false), json!(true), json!(false)));
    assert_eq!(last["exts"].as_array().unwrap().len(), 5);
    assert!(!last["exts"].as_array().unwrap().contains(&json!("u:t0")), "the oldest went");
    // A walk that began after the drop and saw everything clears it …
    let (healed, a) = run(rec.clone(), &[json!({"op": "complete", "fam": FAM, "found": [], "cap": 11})]);
    assert_eq!(a, json!({"ok": true}));
    assert_eq!(run(healed, &[page(None, 20)]).1["complete"], true);
    // … one during which entries were dropped does not.
    let ops = [
        json!({"op": "seen", "fam": FAM, "found": [], "cap": 11, "start": 3}),
        json!({"op": "add", "fam": FAM, "ext": "u:n1", "at": 2000, "cap": 10}),
        json!({"op": "remove", "ext": "u:n1"}),
        json!({"op": "complete", "fam": FAM, "found": [], "cap": 11, "walk": 3}),
        page(Some(1000), 20),
    ];
    assert_eq!(run(rec, &ops).1["complete"], false);
}

#[test]
fn records_that_cannot_be_read_start_afresh_and_stay_bounded() {
    for record in ["not json", "[]", r#"{"tasks":7}"#] {
        let a = apply(Some(record), &add("u:a", 1).to_string());
        let v: Value = serde_json::from_str(a.record.as_deref().unwrap()).unwrap();
        assert_eq!(v["tasks"].as_array().unwrap().len(), 1, "{record}");
    }
    // Out of order, times repeated (written by hand): read oldest first, times made unique.
    let rec = r#"{"complete":["omni-video"],"tasks":[{"fam":"omni-video","ext":"b","at":5},{"fam":"omni-video","ext":"a","at":5},{"fam":"omni-video","ext":"c","at":1}]}"#;
    let p = run(Some(rec.into()), &[page(None, 10)]).1;
    assert_eq!(p["ats"], json!([6, 5, 1]));
    let mut rec = None;
    for i in 0..(MAX_WALKS as u32 + 3) {
        rec = run(rec, &[json!({"op": "seen", "fam": FAM, "found": [], "cap": 10, "start": i})]).0;
    }
    let v: Value = serde_json::from_str(rec.as_deref().unwrap()).unwrap();
    assert_eq!(v["walks"].as_array().unwrap().len(), MAX_WALKS);
    // The oldest walk was forgotten: its end marks nothing.
    assert_eq!(run(rec, &[json!({"op": "complete", "fam": FAM, "found": [], "cap": 10, "walk": 0})]).1, json!({"ok": false}));
}

/// A record that would pass what a store op may read loses its oldest entries instead (the index
/// stays usable; the family is short, so listings walk for the oldest).
#[test]
fn a_record_never_grows_past_what_an_op_may_read() {
    let long = "x".repeat(200);
    let found: Vec<(String, u64)> = (0..6000).map(|i| (format!("u:{i}-{long}"), i)).collect();
    let (rec, a) = run(None, &[json!({"op": "complete", "fam": FAM, "found": found, "cap": 100_000})]);
    assert_eq!(a, json!({"ok": true}));
    let rec = rec.unwrap();
    assert!(rec.len() <= crate::proxy::store::MAX_TEXT_BYTES, "{}", rec.len());
    let (_, p) = run(Some(rec), &[add("u:new", 10_000), page(None, 1)]);
    assert_eq!((p["exts"][0].clone(), p["walked"].clone()), (json!("u:new"), json!(true)));
}

#[test]
fn the_merge_sort_is_sort_by_key() {
    let mut seed = 7u64;
    for n in [0, 1, 2, 3, 5, 16, 33, 200] {
        let v: Vec<Entry> = (0..n)
            .map(|i| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                Entry { fam: String::new(), ext: i.to_string(), at: (seed >> 33) % 7 }
            })
            .collect();
        let mut want = v.clone();
        want.sort_by_key(|e| e.at);
        let got = super::sort_by_at(v);
        let ids = |v: &[Entry]| v.iter().map(|e| (e.at, e.ext.clone())).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&want), "{n}");
    }
}
