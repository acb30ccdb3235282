//! The invariants every api fuzz target asserts about `validate` and `build` on one request text:
//! they agree, the report is well formed, and a built body is itself a valid request that builds
//! to the same body again (a fixed point).

use kling_wasm::issue::{Code, Severity};
use kling_wasm::{api, json, Endpoint, Level, Options};

/// Runs validate and build on `text` and asserts the invariants. Never returns an error: a
/// broken invariant is a panic, which libFuzzer records as a crash.
pub fn check(endpoint: Endpoint, text: &str, opts: &Options) {
    let report = api::validate(endpoint, text, opts);
    assert_eq!(report.ok, !report.issues.iter().any(|i| i.severity == Severity::Error), "ok must mean no error");
    for i in &report.issues {
        assert!(i.path.is_empty() || i.path.starts_with('/'), "issue path is not a JSON pointer: {i:?}");
        assert!(!i.message.is_empty(), "issue without a message: {i:?}");
    }
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&report.to_json()) {
        panic!("report JSON does not parse ({e}): {}", report.to_json());
    }
    let built = api::build(endpoint, text, opts);
    let built = match built {
        Ok(b) => {
            assert!(report.ok, "build succeeded but validate found errors: {report:?}");
            assert_eq!(b.report, report, "build's report differs from validate's");
            b
        }
        Err(r) => {
            assert!(!report.ok, "build failed but validate said ok: {report:?}");
            assert_eq!(r, report, "build's report differs from validate's");
            return;
        }
    };
    let body: serde_json::Value = match serde_json::from_str(&built.body) {
        Ok(v) => v,
        Err(e) => panic!("built body is not JSON ({e}): {}\nrequest: {text}\nrules: {:?}", built.body, opts.rules),
    };
    let Some(fields) = body.as_object() else { panic!("built body is not an object: {}", built.body) };
    // With GEN-TYPE turned down, a wrong type is the caller's choice and is written as given.
    let types_checked = matches!(opts.level("GEN-TYPE"), None | Some(Level::Error));
    let model = fields.get("model_name");
    if endpoint.has_models() {
        assert!(model.is_some_and(|m| m.is_string() || !types_checked), "model_name is not explicit: {}", built.body);
    } else {
        // The element and voice libraries have no model: one in the body is the caller's own,
        // passed with GEN-UNKNOWN turned down, never one the writer added.
        let unknown_checked = matches!(opts.level("GEN-UNKNOWN"), None | Some(Level::Error));
        assert!(model.is_none() || !unknown_checked, "a model_name in a {} body: {}", endpoint.family(), built.body);
    }
    assert!(fields.values().all(|v| !v.is_null()), "a null field was written: {}", built.body);
    for i in report.issues.iter().filter(|i| i.code == Code::FieldIgnored) {
        let key = i.path.trim_start_matches('/');
        assert!(!fields.contains_key(key), "{} was reported ignored but written: {}", i.path, built.body);
    }
    if opts.rules.is_empty() {
        // With a rule turned off (GEN-DURATION), the caller chose to pass a value through as is.
        assert_durations_are_strings(&body, &built.body);
    }
    // The body is JSON text, so its integers carry exact digits (element ids above 2^53).
    let body_opts = Options { exact_numbers: true, ..opts.clone() };
    let again = api::validate(endpoint, &built.body, &body_opts);
    assert!(again.ok, "the built body is not a valid request:\nrequest: {text}\nrules: {:?}\nbody: {}\nissues: {:#?}", opts.rules, built.body, again.issues);
    match api::build(endpoint, &built.body, &body_opts) {
        // Byte for byte, except that a float may move by an ulp (json-1, see `values::same`).
        Ok(b2) if b2.body != built.body => {
            let same = matches!((json::parse(&b2.body), json::parse(&built.body)), (Ok(x), Ok(y)) if crate::values::same(&x, &y));
            assert!(same, "building the body again changed it (request: {text}, rules: {:?})\n{}\n{}", opts.rules, built.body, b2.body);
        }
        Ok(_) => {}
        Err(r) => panic!("the built body does not build: {r:?}"),
    }
}

/// Every `duration` the body holds (top level and per shot) is a string of digits.
fn assert_durations_are_strings(v: &serde_json::Value, body: &str) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, item) in m {
                if k == "duration" {
                    let ok = item.as_str().is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
                    assert!(ok, "duration written as {item}: {body}");
                }
                assert_durations_are_strings(item, body);
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| assert_durations_are_strings(x, body)),
        _ => {}
    }
}
