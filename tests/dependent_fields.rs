//! dependentFields' map (src/schema/gen/dependents.rs, from each rule's `deps` and the model
//! narrowing) against what validate() does. Requests from the property-test generators, their
//! mutations and perturbations; each field of each is replaced by other values (from its table
//! type, from other requests, or left out), and every issue that changes is looked at:
//! - complete: when changing `f` changes an issue at another top-level field `g` (its code, rule,
//!   severity or message), the map lists `g` for `f`;
//! - exact: for every pair the map lists, some change of `f` changes some issue at `g`.
//!
//! Half the requests run with `elementTypes` naming the generators' long id a video-character
//! element (rules OV-13 and GEN-CAPS read it).
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;
mod schema_support;

use kling_wasm::schema::gen::dependents::dependents;
use kling_wasm::{api, schema, Endpoint, Options, Report};
use proptest_support::{families, Pick};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Requests per family the changes start from.
const BASES: usize = 200;
/// Values from the field's table type tried on each field of each request.
const CHANGES: usize = 3;
/// Values other requests give a field tried on each request (the first ones met).
const DISTINCT: usize = 14;

/// Requests tried for a pair the map lists that the first pass did not reach.
const SEARCH: usize = 300;

/// The fields that decide the issues at `g`: every field a rule's `deps` lists for `g`, and
/// model_name (the narrowing).
fn deciders(family: &schema::Family, g: &str) -> Vec<&'static str> {
    let mut out = vec!["model_name"];
    for rule in schema::registry::GENERAL.iter().chain(family.rules) {
        for (at, reads) in rule.deps {
            if *at == g {
                out.extend(reads.iter().filter(|r| family.field(r).is_some()));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a report counted issues past its bounds (GEN-LIMIT).
fn limited(report: &Report) -> bool {
    report.issues.iter().any(|i| i.rule == "GEN-LIMIT")
}

/// The issues of a report by the top-level field they sit at (issues at the root are left out:
/// no field change is theirs alone).
fn by_field(report: &Report) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for i in &report.issues {
        let Some(field) = i.path.strip_prefix('/').map(|p| p.split('/').next().unwrap_or("").replace("~1", "/").replace("~0", "~")) else { continue };
        out.entry(field).or_default().insert(format!("{} {} {} {:?} {}", i.path, i.code.as_str(), i.rule, i.severity, i.message));
    }
    out
}

/// Fresh choices: a `Pick` of 128 values from a fixed xorshift stream (a `Pick` past its seed
/// always takes the first option), so every run sees the same requests.
struct Seeds(u64);

impl Seeds {
    fn pick(&mut self) -> Pick {
        Pick::new(
            (0..128)
                .map(|_| {
                    self.0 ^= self.0 << 13;
                    self.0 ^= self.0 >> 7;
                    self.0 ^= self.0 << 17;
                    (self.0 >> 32) as u32
                })
                .collect(),
        )
    }
}

/// Requests on the rare paths of a few rules (as the rule tables' cases are), which random
/// requests seldom reach: several fields must hold at once.
fn seeds_of(endpoint: Endpoint) -> Vec<Value> {
    let elements = |n: usize| Value::Array((0..n).map(|i| json!({"element_id": (100 + i).to_string()})).collect());
    let shots = json!([{"index": 1, "prompt": "a", "duration": "5"}]);
    let voice = |extra: Value| {
        let mut v =
            json!({"model_name": "kling-v3", "prompt": "<<<voice_1>>> hi", "voice_list": [{"voice_id": "v"}], "sound": "off", "multi_prompt": shots.clone()});
        for (k, x) in extra.as_object().into_iter().flatten() {
            v[k] = x.clone();
        }
        v
    };
    let (a, b) = ("https://e.com/a.png", "https://e.com/b.png");
    let mask = json!([{"mask": "https://e.com/m.png", "trajectories": [{"x": 1, "y": 1}, {"x": 2, "y": 2}]}]);
    match endpoint {
        // TV-4 / IV-5: a prompt the API reads names a voice, sound off; which prompt is read
        // follows multi_shot and shot_type.
        Endpoint::TextToVideo => vec![voice(json!({"shot_type": "customize"})), voice(json!({"multi_shot": true, "shot_type": "intelligence"}))],
        Endpoint::ImageToVideo => vec![
            voice(json!({"image": a, "shot_type": "customize"})),
            voice(json!({"image": a, "multi_shot": true, "shot_type": "intelligence"})),
            // IV-8: start and end frames on a model without them, and on one that takes them in 5 s only.
            json!({"model_name": "kling-v2-master", "image": a, "image_tail": b, "prompt": "x"}),
            json!({"model_name": "kling-v1", "image": a, "image_tail": b, "prompt": "x", "duration": "10"}),
            // IV-1: an end frame alone, on a model that takes it in pro only.
            json!({"model_name": "kling-v1-6", "image_tail": b, "prompt": "x", "mode": "pro"}),
            // IV-2: the message at the motion brush names every group used.
            json!({"model_name": "kling-v1", "image": a, "image_tail": b, "dynamic_masks": mask, "prompt": "x"}),
            // IV-8: the type of a camera the model takes in this mode and duration.
            json!({"model_name": "kling-v1-5", "image": a, "prompt": "x", "mode": "pro", "duration": "5", "camera_control": {"type": "down_back"}}),
            // IV-7: start and end frames need sound off on kling-v2-6.
            json!({"model_name": "kling-v2-6", "image": a, "image_tail": b, "prompt": "x", "mode": "pro", "sound": "on"}),
        ],
        Endpoint::OmniImage => vec![json!({"model_name": "kling-v3-omni", "prompt": "x", "element_list": elements(11)})],
        _ => vec![],
    }
}

/// The starting requests: the seeds, then generated valid ones, single mutations, perturbations.
fn bases(endpoint: Endpoint, seeds: &mut Seeds) -> Vec<Map<String, Value>> {
    let family = schema::family(endpoint);
    let mut out: Vec<Map<String, Value>> = seeds_of(endpoint).into_iter().filter_map(|v| v.as_object().cloned()).collect();
    while out.len() < BASES {
        let p = &mut seeds.pick();
        let g = families::generate(endpoint, p);
        match out.len() % 4 {
            0 => out.push(g.req.clone()),
            // One field left out: the frames and lists a generated request always has.
            3 => {
                let mut req = g.req.clone();
                let keys: Vec<String> = req.keys().cloned().collect();
                if !keys.is_empty() {
                    req.remove(&keys[p.below(keys.len())]);
                }
                out.push(req);
            }
            1 => {
                let m = proptest_support::mutation(p, &g);
                if let Value::Object(o) = proptest_support::apply(p, &g.req, &m) {
                    out.push(o);
                }
            }
            _ => {
                let mut req = g.req.clone();
                schema_support::perturb(p, family, &mut req);
                out.push(req);
            }
        }
    }
    out
}

/// The other top-level fields whose issues differ between `base` and `base` with `field` changed
/// to `change` (left out when None); None when either report hit its bounds (issues are then left
/// out wherever they fall, which says nothing about dependencies).
fn reached(endpoint: Endpoint, base: &Map<String, Value>, field: &str, change: Option<&Value>, opts: &Options) -> Option<(Vec<String>, String)> {
    let report = api::validate(endpoint, &Value::Object(base.clone()).to_string(), opts);
    reached_from(endpoint, base, &report, field, change, opts)
}

/// `reached`, with `base`'s report already made.
fn reached_from(
    endpoint: Endpoint,
    base: &Map<String, Value>,
    report: &Report,
    field: &str,
    change: Option<&Value>,
    opts: &Options,
) -> Option<(Vec<String>, String)> {
    let mut req = base.clone();
    match change {
        None => req.remove(field),
        Some(v) => req.insert(field.to_owned(), v.clone()),
    };
    let changed = api::validate(endpoint, &Value::Object(req.clone()).to_string(), opts);
    if limited(report) || limited(&changed) {
        return None;
    }
    let (before, after) = (by_field(report), by_field(&changed));
    let fields: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let out: Vec<String> = fields.into_iter().filter(|g| g.as_str() != field && before.get(*g) != after.get(*g)).cloned().collect();
    let example = |g: &str| {
        format!("{}\n      -> {}\n      before {:?}\n      after  {:?}", Value::Object(base.clone()), Value::Object(req.clone()), before.get(g), after.get(g))
    };
    let shown = out.first().map_or_else(String::new, |g| example(g));
    Some((out, shown))
}

#[test]
fn the_map_lists_exactly_the_fields_whose_issues_a_change_reaches() {
    let mut seeds = Seeds(0x2545_f491_4f6c_dd1d);
    let typed = Options { element_types: vec![("829836802793406551".into(), "video_refer".into())], ..Options::default() };
    let options = |n: usize| if n.is_multiple_of(2) { Options::default() } else { typed.clone() };
    let mut problems = Vec::new();
    for endpoint in Endpoint::ALL {
        let family = schema::family(endpoint);
        let map = dependents(family);
        let listed = |f: &str, g: &str| map.iter().any(|(changed, deps)| *changed == f && deps.contains(&g));
        let pool = bases(endpoint, &mut seeds);
        let mut distinct: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for req in &pool {
            for (k, v) in req {
                let Some(f) = family.field(k) else { continue };
                let list = distinct.entry(f.name).or_default();
                if list.len() < DISTINCT && !list.contains(v) {
                    list.push(v.clone());
                }
            }
        }
        // Left out, each value other requests give the field (up to `DISTINCT`), and values drawn
        // from its table type.
        let changes = |seeds: &mut Seeds, f: &schema::Field| -> Vec<Option<Value>> {
            let mut out: Vec<Option<Value>> = vec![None];
            out.extend(distinct.get(f.name).into_iter().flatten().map(|v| Some(v.clone())));
            out.extend((0..CHANGES).map(|_| Some(schema_support::value(&mut seeds.pick(), &f.ty, 0))));
            out
        };
        let mut seen: BTreeSet<(&str, String)> = BTreeSet::new();
        let mut unlisted: BTreeMap<(&str, String), String> = BTreeMap::new();
        for (n, base) in pool.iter().enumerate() {
            let opts = options(n);
            let report = api::validate(endpoint, &Value::Object(base.clone()).to_string(), &opts);
            // Every issue of a request object sits at the field to change: none at the root.
            if let Some(i) = report.issues.iter().find(|i| i.path.is_empty() && i.rule != "GEN-LIMIT") {
                problems.push(format!("{}: an issue at the root: {} {} ({})", endpoint.family(), i.code.as_str(), i.rule, Value::Object(base.clone())));
            }
            for f in family.fields {
                for change in changes(&mut seeds, f) {
                    let Some((fields, example)) = reached_from(endpoint, base, &report, f.name, change.as_ref(), &opts) else { continue };
                    for g in fields {
                        if !listed(f.name, &g) {
                            unlisted.entry((f.name, g.clone())).or_insert_with(|| example.clone());
                        }
                        seen.insert((f.name, g));
                    }
                }
            }
        }
        // A pair the map lists but no change above reached: searched for on requests whose other
        // fields that decide the issues at `g` (the rules' `deps`) are set to values other
        // requests give them, so a rule that needs several fields set finds them.
        for (f, deps) in &map {
            let field = family.field(f).expect("a field of the family");
            for g in deps.iter().filter(|g| !seen.contains(&(*f, (**g).to_owned()))) {
                let context = deciders(family, g);
                let found = (0..SEARCH).any(|n| {
                    let p = &mut seeds.pick();
                    let mut base = pool[p.below(pool.len())].clone();
                    for h in context.iter().filter(|h| *h != f) {
                        match distinct.get(h).filter(|_| p.chance(2, 3)) {
                            Some(values) => base.insert((*h).to_owned(), values[p.below(values.len())].clone()),
                            None => base.remove(*h),
                        };
                    }
                    changes(&mut seeds, field)
                        .iter()
                        .any(|c| reached(endpoint, &base, f, c.as_ref(), &options(n)).is_some_and(|(fields, _)| fields.iter().any(|x| x == g)))
                });
                if !found {
                    problems.push(format!("{}: dependentFields lists {g} for {f}, but no change of {f} changed an issue at {g}", endpoint.family()));
                }
            }
        }
        for ((f, g), example) in unlisted {
            problems.push(format!("{}: changing {f} changed an issue at {g}, which dependentFields does not list: {example}", endpoint.family()));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
