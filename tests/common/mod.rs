//! Helpers shared by the table-driven rule tests and golden-body tests of text2video, image2video,
//! omni-image and the §8 families (image generation, custom elements, custom voices): request patching, the expectation table runner, rule coverage, golden files.
#![allow(dead_code)]

pub mod shape;

use kling_wasm::{api, Endpoint, Level, Locale, Options, Report, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Shallow-merges `patch` into `base`; a `null` in the patch removes the field.
pub fn merge(base: &Value, patch: Value) -> Value {
    let mut v = base.clone();
    let (Some(obj), Some(p)) = (v.as_object_mut(), patch.as_object()) else { panic!("objects expected") };
    for (k, x) in p {
        if x.is_null() {
            obj.remove(k);
        } else {
            obj.insert(k.clone(), x.clone());
        }
    }
    v
}

pub enum Want {
    /// No issue under this rule id.
    Pass,
    /// An error with this code at this path, under the case's rule id.
    Err(&'static str, &'static str),
    /// A warning with this code at this path, under the case's rule id.
    Warn(&'static str, &'static str),
}

pub type Case = (&'static str, Value, Want);

pub fn validate(endpoint: Endpoint, req: &Value, opts: &Options) -> Report {
    api::validate(endpoint, &req.to_string(), opts)
}

/// Runs every case; fails listing each case whose rule did not report as expected.
pub fn run_table(endpoint: Endpoint, cases: &[Case]) {
    let mut failures = Vec::new();
    for (n, (rule, req, want)) in cases.iter().enumerate() {
        let report = validate(endpoint, req, &Options::default());
        // Every rule the checks report under is in the registry (docs/rules.md lists them).
        if let Some(i) = report.issues.iter().find(|i| kling_wasm::schema::rule(i.rule).is_none()) {
            failures.push(format!("case {n}: rule {} is not registered in src/schema", i.rule));
        }
        let of_rule: Vec<_> = report.issues.iter().filter(|i| i.rule == *rule).collect();
        let ok = match want {
            Want::Pass => of_rule.is_empty(),
            Want::Err(code, path) => of_rule.iter().any(|i| i.code.as_str() == *code && i.path == *path && i.severity == Severity::Error),
            Want::Warn(code, path) => of_rule.iter().any(|i| i.code.as_str() == *code && i.path == *path && i.severity == Severity::Warning),
        };
        if !ok {
            let got: Vec<_> = report.issues.iter().map(|i| (i.rule, i.code.as_str(), i.path.as_str(), i.severity)).collect();
            failures.push(format!("case {n} ({rule}): {req}\n   got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    write_schema_cases(endpoint, cases.iter().map(|c| &c.1));
}

/// Writes a rule table's requests to target/schema-corpus/cases-<family>.json, sorted by what
/// `validate` says with the default options (a case passing its own rule may fail another):
/// tests/js/json-schema.test.mjs checks that requestJsonSchema accepts every accepted one.
pub fn write_schema_cases<'a>(endpoint: Endpoint, requests: impl IntoIterator<Item = &'a Value>) {
    let (mut valid, mut invalid, mut invalid_rules) = (Vec::new(), Vec::new(), Vec::new());
    for req in requests {
        let report = validate(endpoint, req, &Options::default());
        if report.ok {
            valid.push(req.clone());
        } else {
            invalid.push(req.clone());
            let mut rules: Vec<&str> = report.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| i.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            invalid_rules.push(rules);
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/schema-corpus");
    std::fs::create_dir_all(&dir).expect("target/schema-corpus is writable");
    let text = serde_json::json!({"family": endpoint.family(), "valid": valid, "invalid": invalid, "invalid_rules": invalid_rules}).to_string();
    // Written aside, then renamed: a JS test reading meanwhile sees a whole file.
    let tmp = dir.join(format!(".cases-{}.json.{}", endpoint.family(), std::process::id()));
    std::fs::write(&tmp, text).expect("the cases are written");
    std::fs::rename(&tmp, dir.join(format!("cases-{}.json", endpoint.family()))).expect("the cases are moved into place");
}

/// Every id in `rule_ids` has a passing and a failing (error or warning) case in the table.
pub fn assert_covered(rule_ids: &[&str], cases: &[Case]) {
    let missing: Vec<_> = rule_ids
        .iter()
        .filter(|id| {
            let pass = cases.iter().any(|(r, _, w)| r == *id && matches!(w, Want::Pass));
            let fail = cases.iter().any(|(r, _, w)| r == *id && !matches!(w, Want::Pass));
            !(pass && fail)
        })
        .collect();
    assert!(missing.is_empty(), "rules without both a passing and a failing case: {missing:?}");
}

/// Options with rule levels, e.g. `rules(&[("IV-6", Level::Off)])`.
pub fn rules(levels: &[(&str, Level)]) -> Options {
    Options { rules: levels.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect(), ..Options::default() }
}

/// The built body as JSON, or the (code, path) of every issue when building fails.
pub fn build(endpoint: Endpoint, req: &Value, opts: &Options) -> Result<Value, Vec<(String, String)>> {
    match api::build(endpoint, &req.to_string(), opts) {
        Ok(b) => Ok(serde_json::from_str(&b.body).expect("the body is JSON")),
        Err(r) => Err(r.issues.iter().map(|i| (i.code.as_str().to_owned(), i.path.clone())).collect()),
    }
}

/// One golden case: `<name>.request.json`, `<name>.body.json`, and optionally
/// `<name>.options.json` (`{"rules": {"IV-6": "off"}}`), under tests/golden/<family>/.
pub struct Golden {
    pub name: String,
    pub request: Value,
    pub body: Value,
    pub options: Options,
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn goldens(family: &str) -> Vec<Golden> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "golden", family].iter().collect();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".request.json").map(str::to_owned))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let options_path = dir.join(format!("{name}.options.json"));
            let options = if options_path.exists() {
                let v = read_json(&options_path);
                let levels: Vec<(String, Level)> = v["rules"]
                    .as_object()
                    .map(|m| m.iter().map(|(k, l)| (k.clone(), Level::parse(l.as_str().unwrap_or("")).expect("a level"))).collect())
                    .unwrap_or_default();
                Options { rules: levels, ..Options::default() }
            } else {
                Options::default()
            };
            Golden { request: read_json(&dir.join(format!("{name}.request.json"))), body: read_json(&dir.join(format!("{name}.body.json"))), options, name }
        })
        .collect()
}

/// Builds every golden request of `family` and compares the parsed body; returns the bodies.
pub fn check_goldens(endpoint: Endpoint, family: &str, min: usize) -> Vec<(String, Value)> {
    let all = goldens(family);
    assert!(all.len() >= min, "{family}: expected at least {min} golden cases, found {}", all.len());
    all.into_iter()
        .map(|g| {
            let got = build(endpoint, &g.request, &g.options).unwrap_or_else(|e| panic!("{}: {e:?}", g.name));
            assert_eq!(got, g.body, "{}", g.name);
            (g.name, got)
        })
        .collect()
}

/// The golden bodies of `family` (at least `min`), each naming its model (none for the element
/// and voice libraries, which have no model) and fitting the family's schema table (every key
/// declared at its depth, required fields there, values as sent).
pub fn check_schema_goldens(endpoint: Endpoint, family: &str, min: usize) {
    for (name, body) in check_goldens(endpoint, family, min) {
        if endpoint.has_models() {
            assert!(body["model_name"].is_string(), "{name}: model_name is explicit");
        } else {
            assert!(body.get("model_name").is_none(), "{name}: no model_name for {}", endpoint.family());
        }
        shape::assert_body_fits(endpoint, &body, &name);
    }
}

/// Validates `req` in zh and en: the same issues, each zh message in Chinese and unlike the en
/// one. Returns the zh report.
pub fn check_zh(endpoint: Endpoint, req: &Value) -> Report {
    let zh = validate(endpoint, req, &Options { locale: Locale::Zh, ..Options::default() });
    let en = validate(endpoint, req, &Options::default());
    assert!(!zh.issues.is_empty());
    assert_eq!(zh.issues.len(), en.issues.len());
    for (z, e) in zh.issues.iter().zip(&en.issues) {
        assert_eq!((z.code, z.path.as_str(), z.rule), (e.code, e.path.as_str(), e.rule));
        assert_ne!(z.message, e.message);
        assert!(z.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", z.message);
    }
    zh
}

/// The tests every family's rule file has: rule coverage, the table, a clean base request and the
/// golden bodies, checked against the family's schema table.
#[macro_export]
macro_rules! family_tests {
    ($endpoint:expr, $rule_ids:expr, $family:literal, $min_goldens:literal) => {
        #[test]
        fn every_rule_has_a_passing_and_a_failing_case() {
            common::assert_covered($rule_ids, &cases());
        }

        #[test]
        fn rules_table() {
            common::run_table($endpoint, &cases());
        }

        #[test]
        fn base_request_is_clean() {
            let r = common::validate($endpoint, &base(), &kling_wasm::Options::default());
            assert!(r.ok && r.issues.is_empty(), "{:?}", r.issues);
        }

        #[test]
        fn golden_bodies() {
            common::check_schema_goldens($endpoint, $family, $min_goldens);
        }
    };
}

/// A `multi_prompt` list: (duration, prompt) per shot, indexes 1..k, durations as strings.
pub fn shots(list: &[(u32, &str)]) -> Value {
    Value::Array(list.iter().enumerate().map(|(i, (d, p))| serde_json::json!({"index": i + 1, "prompt": p, "duration": d.to_string()})).collect())
}

/// A `voice_list` of `n` preset-like voice ids.
pub fn voices(n: usize) -> Value {
    Value::Array((0..n).map(|i| serde_json::json!({"voice_id": format!("voice_{i}")})).collect())
}

/// A prompt naming `n` items of `kind`: "<<<kind_1>>> <<<kind_2>>> ...".
pub fn named(kind: &str, n: usize) -> String {
    (1..=n).map(|i| format!("<<<{kind}_{i}>>>")).collect::<Vec<_>>().join(" ")
}

/// The endpoint's models in the capability map are exactly `spec` (the API's model_name enum).
pub fn assert_models(endpoint: Endpoint, spec: &[&str]) {
    let mut got = kling_wasm::caps::models_for(endpoint);
    let mut want = spec.to_vec();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want, "{endpoint:?}");
}

/// The family's own rule ids, from the schema's registry.
pub fn rule_ids(endpoint: Endpoint) -> Vec<&'static str> {
    kling_wasm::schema::family(endpoint).rules.iter().map(|r| r.id).collect()
}
