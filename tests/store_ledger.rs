//! The ledger's ops (src/proxy/store/ledger.rs), table-driven through the one public entry
//! `store::apply`: each op has a case that passes and one that is refused or changes nothing;
//! sums stay exact (integer micro-dollars, tenths of units); a record that cannot be read fails
//! closed; the period renews on its boundary; final_unit_deduction is read exactly.

use kling_wasm::proxy::store::ledger::{units_tenths, MAX_HELD};
use kling_wasm::proxy::store::{apply, Part};
use serde_json::{json, Value};

/// Runs `ops` in order on a fresh ledger; returns each answer.
fn run(ops: &[Value]) -> Vec<Value> {
    let mut record: Option<String> = None;
    ops.iter()
        .map(|op| {
            let a = apply(Part::Ledger, record.as_deref(), &op.to_string());
            if let Some(r) = a.record {
                record = Some(r);
            }
            serde_json::from_str(&a.answer).unwrap()
        })
        .collect()
}

fn reserve(key: &str, usd: u64, limits: Value) -> Value {
    json!({ "op": "reserve", "now": 1_000, "key": key, "fam": "omni-video", "usd": usd, "units": 40, "kind": 0, "limits": limits })
}

fn settle(key: &str, status: &str, units: Option<u64>) -> Value {
    json!({ "op": "settle", "now": 2_000, "key": key, "status": status, "units": units })
}

const USAGE: fn() -> Value = || json!({ "op": "usage", "now": 3_000 });

#[test]
fn each_op_passes_and_is_refused_as_its_table_row_says() {
    let budget = json!({ "usd": 1_000_000 });
    // (what, ops, the last answer's expected members)
    let rows: Vec<(&str, Vec<Value>, Value)> = vec![
        ("reserve within the budget", vec![reserve("a", 600_000, budget.clone())], json!({ "ok": true })),
        ("reserve exactly to the budget", vec![reserve("a", 600_000, budget.clone()), reserve("b", 400_000, budget.clone())], json!({ "ok": true })),
        (
            "reserve one micro-dollar past it",
            vec![reserve("a", 600_000, budget.clone()), reserve("b", 400_001, budget.clone())],
            json!({ "ok": false, "why": "budget" }),
        ),
        (
            "reserve the same key twice: once",
            vec![reserve("a", 600_000, budget.clone()), reserve("a", 600_000, budget.clone())],
            json!({ "ok": true, "again": true }),
        ),
        (
            "in flight at the limit",
            vec![reserve("a", 0, json!({ "max_in_flight": 1 })), reserve("b", 0, json!({ "max_in_flight": 1 }))],
            json!({ "ok": false, "why": "in_flight", "retry_after_s": 30 }),
        ),
        (
            "video unit cap",
            vec![reserve("a", 0, json!({ "units": [40, null] })), reserve("b", 0, json!({ "units": [79, null] }))],
            json!({ "ok": false, "why": "video_units" }),
        ),
        ("created names the task", vec![reserve("a", 1, budget.clone()), json!({ "op": "created", "key": "a", "task_id": "81" })], json!({ "ok": true })),
        ("created for no reservation", vec![json!({ "op": "created", "key": "a", "task_id": "81" })], json!({ "ok": false })),
        ("release", vec![reserve("a", 1, budget.clone()), json!({ "op": "release", "key": "a" })], json!({ "released": true })),
        ("release of nothing", vec![json!({ "op": "release", "key": "a" })], json!({ "released": false })),
        (
            "settle a success at the billed units",
            vec![reserve("a", 560_000, budget.clone()), settle("a", "succeed", Some(50))],
            json!({ "settled": true, "usd": 700_000, "units": 50 }),
        ),
        (
            "settle a success without billed units",
            vec![reserve("a", 560_000, budget.clone()), settle("a", "succeed", None)],
            json!({ "settled": true, "usd": 560_000, "units": 40 }),
        ),
        (
            "settle a failure: free",
            vec![reserve("a", 560_000, budget.clone()), settle("a", "failed", Some(50))],
            json!({ "settled": true, "usd": 0, "units": 0 }),
        ),
        (
            "settle twice: once",
            vec![reserve("a", 560_000, budget.clone()), settle("a", "succeed", None), settle("a", "succeed", None)],
            json!({ "settled": false, "why": "already" }),
        ),
        (
            "settle a status that is not final",
            vec![reserve("a", 1, budget.clone()), settle("a", "processing", None)],
            json!({ "settled": false, "why": "not_final" }),
        ),
        ("settle what was never reserved", vec![settle("zz", "succeed", None)], json!({ "settled": false, "why": "unknown" })),
        (
            "stale: old enough",
            vec![reserve("a", 1, budget.clone()), json!({ "op": "stale", "now": 10_000, "after_ms": 5_000, "max": 5 })],
            json!({ "keys": [{ "key": "a", "fam": "omni-video", "task_id": null }] }),
        ),
        ("stale: too young", vec![reserve("a", 1, budget.clone()), json!({ "op": "stale", "now": 2_000, "after_ms": 5_000, "max": 5 })], json!({ "keys": [] })),
        (
            "stale: asked about recently",
            vec![
                reserve("a", 1, budget.clone()),
                json!({ "op": "stale", "now": 10_000, "after_ms": 5_000, "max": 5 }),
                json!({ "op": "stale", "now": 12_000, "after_ms": 5_000, "max": 5 }),
            ],
            json!({ "keys": [] }),
        ),
        ("not an op", vec![json!({ "op": "spend" })], json!({ "error": "not a ledger op" })),
    ];
    for (what, ops, want) in rows {
        let got = run(&ops);
        let last = got.last().unwrap();
        for (k, v) in want.as_object().unwrap() {
            assert_eq!(last.get(k), Some(v), "{what}: member {k} of {last}");
        }
    }
}

#[test]
fn sums_stay_exact_and_settled_money_counts_against_the_budget() {
    let budget = json!({ "usd": 1_120_000 });
    let got = run(&[
        reserve("a", 560_000, budget.clone()),
        reserve("b", 560_000, budget.clone()),
        settle("a", "succeed", Some(40)),
        settle("b", "failed", None),
        reserve("c", 560_000, budget.clone()),
        reserve("d", 560_000, budget.clone()),
        USAGE(),
    ]);
    assert_eq!(got[4], json!({ "ok": true }), "b's failure gave its reservation back");
    assert_eq!(got[5]["why"], "budget", "a's charge and c's hold fill the budget");
    assert_eq!(got[6], json!({ "usd": 560_000, "held_usd": 560_000, "units": [40, 0], "in_flight": 1, "period_start": 0 }));
}

#[test]
fn the_period_renews_on_its_boundary_and_not_a_millisecond_before() {
    let limits = json!({ "usd": 500_000, "period_ms": 10_000 });
    let at =
        |now: u64, key: &str| json!({ "op": "reserve", "now": now, "key": key, "fam": "omni-video", "usd": 500_000, "units": 40, "kind": 0, "limits": limits });
    let settle_at = |now: u64, key: &str| json!({ "op": "settle", "now": now, "key": key, "status": "succeed", "units": null });
    let got = run(&[at(1_000, "a"), settle_at(2_000, "a"), at(10_999, "b"), at(11_000, "c")]);
    assert_eq!(got[2]["why"], "budget", "one millisecond before the period ends");
    assert_eq!(got[2]["retry_after_s"], 1, "the period renews within the second");
    assert_eq!(got[3], json!({ "ok": true }), "the next period");
}

#[test]
fn an_unreadable_ledger_fails_closed_and_the_held_bound_holds() {
    let a = apply(Part::Ledger, Some("{not json"), &reserve("a", 0, json!({})).to_string());
    assert!(a.record.is_none());
    assert!(a.answer.contains("error"), "{}", a.answer);
    let mut record = None;
    let mut last = String::new();
    for i in 0..=MAX_HELD {
        let a = apply(Part::Ledger, record.as_deref(), &reserve(&format!("k{i}"), 0, json!({})).to_string());
        record = a.record.or(record);
        last = a.answer;
    }
    assert!(last.contains("in_flight"), "reservation {} is one past MAX_HELD: {last}", MAX_HELD + 1);
}

#[test]
fn final_unit_deduction_is_read_exactly_and_rounded_up_to_the_tenth() {
    let rows = [
        ("4", Some(40)),
        ("4.2", Some(42)),
        ("0.6", Some(6)),
        ("16.00", Some(160)),
        ("4.21", Some(43)),
        (" 8 ", Some(80)),
        ("", None),
        ("-1", None),
        ("1e3", None),
        ("x", None),
        (".5", None),
        ("1.2.3", None),
    ];
    for (text, want) in rows {
        assert_eq!(units_tenths(text), want, "{text:?}");
    }
}

#[test]
fn a_record_or_op_of_one_mib_is_read_and_one_byte_more_is_refused() {
    use kling_wasm::proxy::store::MAX_TEXT_BYTES;
    let op = json!({ "op": "usage", "now": 1 }).to_string();
    // A valid record padded with spaces (JSON allows them) to exactly the bound, then one past.
    let pad = |s: &str| format!("{s}{}", " ".repeat(MAX_TEXT_BYTES - s.len()));
    let record = pad("{}");
    let at = apply(Part::Ledger, Some(&record), &op);
    assert!(at.answer.contains("in_flight"), "at the bound: {}", at.answer);
    let past = apply(Part::Ledger, Some(&format!("{record} ")), &op);
    assert!(past.answer.contains("too large"), "one byte past: {}", past.answer);
    let padded_op = pad(&op);
    assert!(apply(Part::Ledger, None, &padded_op).answer.contains("in_flight"));
    assert!(apply(Part::Ledger, None, &format!("{padded_op} ")).answer.contains("too large"));
}

#[test]
fn a_reconcile_round_asks_about_at_most_max_holds() {
    let mut ops: Vec<Value> = (0..6).map(|i| reserve(&format!("k{i}"), 0, json!({}))).collect();
    ops.push(json!({ "op": "stale", "now": 10_000, "after_ms": 5_000, "max": 5 }));
    ops.push(json!({ "op": "stale", "now": 10_000, "after_ms": 5_000, "max": 5 }));
    let got = run(&ops);
    assert_eq!(got[6]["keys"].as_array().unwrap().len(), 5, "at the bound");
    assert_eq!(got[7]["keys"].as_array().unwrap().len(), 1, "the one past it waits for the next round");
}
