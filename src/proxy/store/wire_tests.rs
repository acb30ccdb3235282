//! The hand-written readers and writers against the serde derives they replaced (issue 18): the
//! old types are kept here, as the oracle. Every record, op and budget below, and each of
//! hundreds of variants of them (a member removed, duplicated, or replaced by a value of another
//! type or range, at any depth), is accepted by both or refused by both, and what is accepted is
//! written back as the same text. Answers are checked to be what `json!` wrote: sorted members.

use super::super::index::{self, Index};
use super::super::ledger::{self, Ledger};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Serialize, Deserialize)]
struct OldLedger {
    #[serde(default)]
    start: u64,
    #[serde(default)]
    usd: u64,
    #[serde(default)]
    units: [u64; 2],
    #[serde(default)]
    period: Option<u64>,
    #[serde(default)]
    held: Vec<OldHold>,
    #[serde(default)]
    done: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct OldHold {
    key: String,
    fam: String,
    usd: u64,
    units: u64,
    kind: u8,
    at: u64,
    #[serde(default)]
    checked: u64,
    #[serde(default)]
    task_id: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct OldLimits {
    #[serde(default)]
    usd: Option<u64>,
    #[serde(default)]
    period_ms: Option<u64>,
    #[serde(default)]
    units: [Option<u64>; 2],
    #[serde(default)]
    max_in_flight: Option<u32>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum OldLedgerOp {
    Reserve { now: u64, key: String, fam: String, usd: u64, units: u64, kind: u8, limits: OldLimits },
    Created { key: String, task_id: String },
    Release { key: String },
    Settle { now: u64, key: String, status: String, units: Option<u64> },
    Stale { now: u64, after_ms: u64, max: u32 },
    Usage { now: u64 },
}

#[derive(Serialize, Deserialize)]
struct OldIndex {
    #[serde(default)]
    complete: Vec<String>,
    #[serde(default)]
    short: Vec<String>,
    #[serde(default)]
    walks: Vec<(String, u32, bool)>,
    #[serde(default)]
    tasks: Vec<OldEntry>,
}

#[derive(Serialize, Deserialize)]
struct OldEntry {
    fam: String,
    ext: String,
    at: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum OldIndexOp {
    Add { fam: String, ext: String, at: u64, cap: Option<usize> },
    Remove { ext: String },
    Page { fam: String, before: Option<u64>, skip: Option<usize>, size: usize },
    Known { exts: Vec<String> },
    Seen { fam: String, found: Vec<(String, u64)>, cap: Option<usize>, start: Option<u32> },
    Complete { fam: String, found: Vec<(String, u64)>, cap: Option<usize>, walk: Option<u32> },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
#[allow(dead_code)]
struct OldBudget {
    usd: Option<f64>,
    period_seconds: Option<f64>,
    units: Option<OldUnits>,
    max_tasks_in_flight: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct OldUnits {
    video: Option<f64>,
    image: Option<f64>,
}

/// Values of every type and integer range a member may be given.
fn replacements() -> Vec<Value> {
    let big: Value = serde_json::from_str("18446744073709551616").unwrap();
    vec![
        json!(null),
        json!(0),
        json!(5),
        json!(5.0),
        json!(-1),
        json!(255),
        json!(256),
        json!(4294967295u64),
        json!(4294967296u64),
        json!(u64::MAX),
        big,
        json!(0.5),
        json!("x"),
        json!(""),
        json!(true),
        json!([]),
        json!({}),
        json!(["x", 1]),
        json!(["x", 1, true]),
        json!([1, 2]),
        json!([null, 2]),
        json!([1, 2, 3]),
        json!([{}]),
        json!({"a": 1}),
    ]
}

/// `base` and its variants: each member (at any depth) removed or replaced, an unknown member
/// added, and each object's first member written twice.
fn variants(base: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        let kids: Vec<(Value, &Value)> = match v {
            Value::Object(m) => m.iter().map(|(k, x)| (json!(k), x)).collect(),
            Value::Array(a) => a.iter().enumerate().map(|(i, x)| (json!(i), x)).collect(),
            _ => return,
        };
        for (k, x) in kids {
            at.push(k);
            out.push(at.clone());
            walk(x, at, out);
            at.pop();
        }
    }
    fn slot<'v>(v: &'v mut Value, path: &[Value]) -> &'v mut Value {
        path.iter().fold(v, |v, k| match k {
            Value::String(k) => &mut v[k.as_str()],
            k => &mut v[k.as_u64().unwrap() as usize],
        })
    }
    let mut paths = Vec::new();
    walk(base, &mut Vec::new(), &mut paths);
    let mut out = vec![base.to_string(), format!("[{base}]"), "null".into(), "{}".into(), "{} x".into()];
    for path in &paths {
        let (last, parent) = path.split_last().unwrap();
        if let Value::String(k) = last {
            let mut v = base.clone();
            slot(&mut v, parent).as_object_mut().unwrap().remove(k);
            out.push(v.to_string());
            let mut v = base.clone();
            slot(&mut v, parent).as_object_mut().unwrap().insert("zz".into(), json!([1, {"b": null}]));
            out.push(v.to_string());
        }
        for r in replacements() {
            let mut v = base.clone();
            *slot(&mut v, path) = r;
            out.push(v.to_string());
        }
    }
    // A member twice: the first member of the top object, written again in front.
    if let Some((k, x)) = base.as_object().and_then(|m| m.iter().next()) {
        out.push(format!("{{{}:{x},{}", json!(k), &base.to_string()[1..]));
    }
    out
}

fn check<Old: for<'de> Deserialize<'de> + Serialize>(bases: &[Value], new: impl Fn(&str) -> Option<String>) -> usize {
    let mut n = 0;
    for base in bases {
        for text in variants(base) {
            let old = serde_json::from_str::<Old>(&text).ok().map(|o| serde_json::to_string(&o).unwrap());
            assert_eq!(old, new(&text), "{text}");
            n += 1;
        }
    }
    n
}

#[test]
fn records_and_ops_read_and_write_as_the_serde_derives_did() {
    let hold = json!({"key": "u:a", "fam": "omni-video", "usd": 5, "units": 40, "kind": 1, "at": 7, "checked": 9, "task_id": "t\u{e9}\"\n1"});
    let ledgers = [
        json!({"start": 1, "usd": 2, "units": [3, 4], "period": 5, "held": [hold, {"key": "k", "fam": "f", "usd": 0, "units": 0, "kind": 0, "at": 0}], "done": ["d"]}),
    ];
    let ledgers = [ledgers[0].clone(), json!([1, 2, [3, 4], null, [["k", "f", 1, 2, 0, 3], ["k", "f", 1, 2, 0, 3, 4, "t"]], []])];
    let n = check::<OldLedger>(&ledgers, |t| Ledger::read(t).map(|l| l.to_json()));
    let limits = json!({"usd": 1, "period_ms": 2, "units": [3, null], "max_in_flight": 4});
    let ledger_ops = [
        json!({"op": "reserve", "now": 1, "key": "k", "fam": "f", "usd": 2, "units": 3, "kind": 1, "limits": limits}),
        json!({"op": "created", "key": "k", "task_id": "t"}),
        json!({"op": "release", "key": "k"}),
        json!({"op": "settle", "now": 1, "key": "k", "status": "succeed", "units": 4}),
        json!({"op": "stale", "now": 1, "after_ms": 2, "max": 3}),
        json!({"op": "usage", "now": 1}),
        json!({"op": "usage", "now": 1, "period_ms": null}),
        json!(["usage", 1]),
        json!(["settle", 1, "k", "failed", null]),
        json!(["reserve", 1, "k", "f", 2, 3, 1, [1, 2, [3, null]]]),
    ];
    let n = n + check::<OldLedgerOp>(&ledger_ops, |t| ledger::Op::read(t).map(|o| o.to_json()));
    let indexes = [
        json!({"complete": ["f"], "short": ["g"], "walks": [["f", 7, true]], "tasks": [{"fam": "f", "ext": "u:a", "at": 5}]}),
        json!([["f"], [], [], [["f", "u:a", 5]]]),
    ];
    let n = n + check::<OldIndex>(&indexes, |t| Index::read(t).map(|ix| ix.to_json()));
    let index_ops = [
        json!({"op": "add", "fam": "f", "ext": "u:a", "at": 5, "cap": 10}),
        json!({"op": "remove", "ext": "u:a"}),
        json!({"op": "page", "fam": "f", "before": 9, "skip": 1, "size": 30}),
        json!({"op": "known", "exts": ["u:a", "u:b"]}),
        json!({"op": "seen", "fam": "f", "found": [["u:a", 1]], "cap": 10, "start": 7}),
        json!({"op": "complete", "fam": "f", "found": [["u:a", 1]], "cap": 10, "walk": 7}),
        json!(["page", "f", null, null, 3]),
        json!(["add", "f", "u:a", 5, null]),
    ];
    let n = n + check::<OldIndexOp>(&index_ops, |t| index::Op::read(t).map(|o| o.to_json()));
    assert!(n > 1000, "{n} variants");
}

#[test]
fn budgets_are_read_as_the_serde_derive_did() {
    let bases = [json!({"usd": 1.5, "periodSeconds": 60, "units": {"video": 10, "image": 2.5}, "maxTasksInFlight": 3}), json!([1.5, null, [10, null], 3])];
    for text in bases.iter().flat_map(variants) {
        let old = serde_json::from_str::<OldBudget>(&text).is_ok();
        let unread = crate::proxy::limits::parse_budget(&text, None).is_err_and(|e| e.starts_with("budget must be {"));
        assert_eq!(old, !unread, "{text}");
    }
}

#[test]
fn answers_are_written_as_json_wrote_them() {
    use super::super::Part;
    let ops = [
        (Part::Ledger, json!({"op": "reserve", "now": 1, "key": "a\"é", "fam": "f", "usd": 2, "units": 3, "kind": 0, "limits": {"usd": 2, "period_ms": 1000}})),
        (Part::Ledger, json!({"op": "reserve", "now": 1, "key": "b", "fam": "f", "usd": 2, "units": 3, "kind": 0, "limits": {"usd": 2, "period_ms": 1000}})),
        (Part::Ledger, json!({"op": "reserve", "now": 1, "key": "b", "fam": "f", "usd": 0, "units": 3, "kind": 0, "limits": {"max_in_flight": 1}})),
        (Part::Ledger, json!({"op": "reserve", "now": 1, "key": "a\"é", "fam": "f", "usd": 2, "units": 3, "kind": 0, "limits": {}})),
        (Part::Ledger, json!({"op": "created", "key": "a\"é", "task_id": "t"})),
        (Part::Ledger, json!({"op": "created", "key": "zz", "task_id": "t"})),
        (Part::Ledger, json!({"op": "stale", "now": 1_000_000, "after_ms": 1, "max": 5})),
        (Part::Ledger, json!({"op": "usage", "now": 5})),
        (Part::Ledger, json!({"op": "settle", "now": 9, "key": "a\"é", "status": "succeed", "units": 4})),
        (Part::Ledger, json!({"op": "settle", "now": 9, "key": "a\"é", "status": "succeed", "units": 4})),
        (Part::Ledger, json!({"op": "release", "key": "zz"})),
        (Part::Index, json!({"op": "complete", "fam": "f", "found": [["u:a", 1], ["u:b", 2]], "cap": 10})),
        (Part::Index, json!({"op": "page", "fam": "f", "size": 1})),
        (Part::Index, json!({"op": "known", "exts": ["u:a", "u:z"]})),
        (Part::Index, json!({"op": "remove", "ext": "u:a"})),
        (Part::Index, json!({"op": "nope"})),
    ];
    let store = super::super::MemoryStore::default();
    for (part, op) in ops {
        let answer = store.apply("u", part, &op.to_string());
        let sorted = serde_json::from_str::<Value>(&answer).unwrap().to_string();
        assert_eq!(answer, sorted, "{op}");
    }
}
