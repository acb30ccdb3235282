//! The corpus requestJsonSchema is proven sound on: writes target/schema-corpus/<family>.json =
//! { valid, invalid, invalid_rules (each invalid request's error rules), relaxed (the invalid ones
//! accepted once those rules are off), sources }, every request sorted by what `api::validate`
//! says with the default options. tests/js/json-schema.test.mjs
//! (run after `cargo test`) compiles the schemas with ajv and checks that each valid request
//! passes — and measures how many invalid ones the schema refuses on its own.
//!
//! Sources: the golden requests (tests/golden/, and omni-video's in tests/body_omni_video.rs),
//! `GENERATED` valid requests per family from the property-test generators, their single
//! mutations (tests/proptest_support/), and perturbations of them (tests/schema_support/), whose
//! edits sit on both sides of each check. The rule tables (tests/rules_*.rs) write their cases
//! beside it, as cases-<family>.json (`common::write_schema_cases`).
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;
mod schema_support;

#[path = "body_omni_video.rs"]
mod body_omni_video;

use kling_wasm::{api, schema, Endpoint, Level, Options};
use proptest_support::{families, Pick};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Generated valid requests per family (7 families: 21,000 in all).
const GENERATED: usize = 3000;
/// Perturbed requests per family (each lands on the side `validate` says).
const PERTURBED: usize = 6000;
/// Single mutations per family (each one an error, proptest_mutations.rs checks where).
const MUTATED: usize = 1000;

/// One family's requests, sorted by what `validate` says.
#[derive(Default)]
struct Corpus {
    valid: Vec<Value>,
    invalid: Vec<Value>,
    /// The rules of each invalid request's errors (for the report of what the schema misses).
    invalid_rules: Vec<Vec<&'static str>>,
    /// The invalid requests `validate` accepts once their error rules are turned off (their
    /// indexes): a schema without those rules' keywords must accept them too.
    relaxed: Vec<usize>,
    /// source -> (accepted, refused)
    sources: BTreeMap<&'static str, (usize, usize)>,
}

impl Corpus {
    /// Adds `req` on the side `validate` puts it; returns whether it was accepted.
    fn add(&mut self, endpoint: Endpoint, source: &'static str, req: Value) -> bool {
        let report = api::validate(endpoint, &req.to_string(), &Options::default());
        let counts = self.sources.entry(source).or_default();
        if report.ok {
            counts.0 += 1;
            self.valid.push(req);
        } else {
            counts.1 += 1;
            let rules = error_rules(&report);
            let off = Options { rules: rules.iter().map(|r| (r.to_string(), Level::Off)).collect(), ..Options::default() };
            if api::validate(endpoint, &req.to_string(), &off).ok {
                self.relaxed.push(self.invalid.len());
            }
            self.invalid.push(req);
            self.invalid_rules.push(rules);
        }
        report.ok
    }
}

/// The distinct rules of a report's errors.
fn error_rules(report: &kling_wasm::Report) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> = report.issues.iter().filter(|i| i.severity == kling_wasm::Severity::Error).map(|i| i.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// The seeds of the generators: a fixed xorshift stream, so every run writes the same corpus.
struct Seeds(u64);

impl Seeds {
    fn next(&mut self) -> Vec<u32> {
        (0..128)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0 >> 32) as u32
            })
            .collect()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The golden requests of a family directory (with their options file, if any).
fn goldens(dir: &str) -> Vec<(String, Value, bool)> {
    let Ok(entries) = std::fs::read_dir(root().join("tests/golden").join(dir)) else { return Vec::new() };
    let mut out: Vec<(String, Value, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".request.json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a golden request reads");
            let with_options = PathBuf::from(p.to_string_lossy().replace(".request.json", ".options.json")).exists();
            (p.display().to_string(), serde_json::from_str(&text).expect("a golden request is JSON"), with_options)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn corpus(endpoint: Endpoint, seeds: &mut Seeds) -> Corpus {
    let mut c = Corpus::default();
    let dir = match endpoint {
        Endpoint::OmniVideo => "omni_video",
        Endpoint::TextToVideo => "text_to_video",
        Endpoint::ImageToVideo => "image_to_video",
        Endpoint::OmniImage => "omni_image",
        Endpoint::ImageGeneration => "image_generation",
        Endpoint::CustomElement => "custom_element",
        Endpoint::CustomVoice => "custom_voice",
    };
    for (path, req, with_options) in goldens(dir) {
        // A golden with an options file needs a rule turned down: it may be refused by default.
        assert!(c.add(endpoint, "golden", req) || with_options, "{path} is refused with the default options");
    }
    if endpoint == Endpoint::OmniVideo {
        for (name, req, _) in body_omni_video::goldens() {
            assert!(c.add(endpoint, "golden", req), "omni-video golden {name} is refused");
        }
    }
    let family = schema::family(endpoint);
    let mut generated = Vec::with_capacity(GENERATED);
    for _ in 0..GENERATED {
        let g = families::generate(endpoint, &mut Pick::new(seeds.next()));
        let req = Value::Object(g.req.clone());
        assert!(c.add(endpoint, "generated", req.clone()), "a generated request is refused: {req}");
        generated.push(g);
    }
    for i in 0..MUTATED {
        let g = &generated[i % generated.len()];
        let mut p = Pick::new(seeds.next());
        let m = proptest_support::mutation(&mut p, g);
        c.add(endpoint, "mutated", proptest_support::apply(&mut p, &g.req, &m));
    }
    for i in 0..PERTURBED {
        let mut req = generated[i % generated.len()].req.clone();
        schema_support::perturb(&mut Pick::new(seeds.next()), family, &mut req);
        c.add(endpoint, "perturbed", Value::Object(req));
    }
    c
}

/// Writes the corpus; the JS test reads it (and fails, naming this test, when it is missing).
#[test]
fn write_the_json_schema_corpus() {
    let dir = root().join("target/schema-corpus");
    std::fs::create_dir_all(&dir).expect("target/schema-corpus is writable");
    let mut seeds = Seeds(0x9e37_79b9_7f4a_7c15);
    let mut summary = Vec::new();
    for endpoint in Endpoint::ALL {
        let c = corpus(endpoint, &mut seeds);
        assert!(c.valid.len() >= GENERATED && !c.invalid.is_empty());
        let sources: BTreeMap<&str, Value> = c.sources.iter().map(|(k, (ok, bad))| (*k, json!({"valid": ok, "invalid": bad}))).collect();
        summary.push(format!("{}: {} valid, {} invalid", endpoint.family(), c.valid.len(), c.invalid.len()));
        let doc = json!({"family": endpoint.family(), "sources": sources, "valid": c.valid, "invalid": c.invalid, "invalid_rules": c.invalid_rules, "relaxed": c.relaxed});
        let path = dir.join(format!("{}.json", endpoint.family()));
        // Written aside, then renamed: a JS test reading meanwhile sees a whole file.
        let tmp = dir.join(format!(".{}.json.{}", endpoint.family(), std::process::id()));
        std::fs::write(&tmp, doc.to_string()).expect("the corpus is written");
        std::fs::rename(&tmp, &path).expect("the corpus is moved into place");
    }
    println!("schema corpus: {}", summary.join("; "));
}
