//! Shared parts of the property tests: `Pick` (structured choices from a proptest-generated seed,
//! so shrinking moves every choice toward the first, simplest option), the pieces every family's
//! valid-request generator uses, the body normalisation a round trip is compared under, and the
//! single mutations with the pointer each one must be reported at.
#![allow(dead_code)]

pub mod families;
pub mod general;

use kling_wasm::{api, Endpoint, Options, Report, Severity};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Cases per property: enough to reach every model and input mix, quick under `cargo test`.
pub const CASES: u32 = 256;

/// The seed a generator draws its choices from.
pub fn seed() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(any::<u32>(), 128)
}

/// Choices drawn from a seed; past its end every choice is the first option.
#[derive(Debug)]
pub struct Pick {
    seed: Vec<u32>,
    at: usize,
}

impl Pick {
    pub fn new(seed: Vec<u32>) -> Self {
        Pick { seed, at: 0 }
    }
    fn next(&mut self) -> u32 {
        let v = self.seed.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        v
    }
    /// 0 ..= n-1 (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn one<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())].clone()
    }
    /// True with probability num/den (shrinks to false).
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) >= den - num
    }
}

/// A generated valid request, with what the mutation tests need to know about it.
#[derive(Debug, Default)]
pub struct Gen {
    pub req: Map<String, Value>,
    /// Pointers whose removal must be reported there (required here, in this request).
    pub required: Vec<String>,
    /// Pointers holding an enum value (or a model name).
    pub enums: Vec<String>,
    /// Pointers of strings with a length limit, and the limit.
    pub limited: Vec<(String, usize)>,
    /// Pointers of the prompts the API reads (their references are checked).
    pub prompts: Vec<String>,
    /// What `<<<image_N>>>` counts in this request.
    pub images: usize,
}

impl Gen {
    pub fn set(&mut self, key: &str, v: Value) {
        self.req.insert(key.to_owned(), v);
    }
    pub fn text(&self) -> String {
        Value::Object(self.req.clone()).to_string()
    }
}

const WORDS: &[&str] = &["a cat", "walks", "slowly", "镜头推进", "at dusk", "the camera pans", "rain", "café", "🙂", "neon, 35mm"];

/// Prompt text with content, no `<` (so it can hold no reference by chance), under `max` chars.
pub fn words(p: &mut Pick, max_words: usize) -> String {
    let n = p.range(1, max_words);
    let mut s = String::from(p.one(WORDS));
    for _ in 1..n {
        s.push(' ');
        s.push_str(p.one(WORDS));
    }
    s
}

/// A prompt naming some of the given list items (`(kind, count)`), each reference valid.
pub fn prompt_with_refs(p: &mut Pick, lists: &[(&str, usize)]) -> String {
    let mut s = words(p, 6);
    for &(kind, count) in lists {
        for n in 1..=count {
            if p.chance(2, 3) {
                s.push_str(&format!(" <<<{kind}_{n}>>> "));
                s.push_str(&words(p, 2));
            }
        }
    }
    s
}

pub fn image(p: &mut Pick) -> Value {
    json!(p.one(&["https://example.com/a.png", "http://cdn.example.com/i/b.jpg?x=1", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", "/9j/4AAQSkZJRgABAQ=="]))
}

pub fn url(p: &mut Pick, what: &str) -> Value {
    json!(format!("https://example.com/{what}/{}", p.below(1000)))
}

/// An element id as the caller may give it: digits (leading zeros too) or a safe integer.
pub fn element_id(p: &mut Pick) -> Value {
    match p.below(3) {
        0 => json!("829836802793406551"),
        1 => json!(format!("{:0>width$}", 1 + p.below(1_000_000), width = p.range(1, 9))),
        _ => json!(1 + p.below(9_007_199)),
    }
}

/// A duration as the caller may give it: a digit string or a whole number.
pub fn duration(p: &mut Pick, d: u32) -> Value {
    if p.chance(1, 3) {
        json!(d)
    } else {
        json!(d.to_string())
    }
}

/// watermark_info, callback_url, external_task_id: each present or not.
pub fn tail(p: &mut Pick, g: &mut Gen) {
    if p.chance(1, 3) {
        g.set("watermark_info", json!({"enabled": p.chance(1, 2)}));
    }
    if p.chance(1, 3) {
        g.set("callback_url", url(p, "cb"));
    }
    if p.chance(1, 3) {
        g.set("external_task_id", json!(format!("job-{}:{}", p.below(1000), p.one(WORDS))));
        g.limited.push(("/external_task_id".into(), 256));
    }
}

/// Shot durations: `k` whole seconds ≥ 1 adding up to `total`.
pub fn split(p: &mut Pick, total: u32, k: usize) -> Vec<u32> {
    let mut left = total;
    let mut out = Vec::with_capacity(k);
    for i in 0..k {
        let rest = (k - i - 1) as u32;
        let d = if rest == 0 { left } else { 1 + p.below((left - rest) as usize) as u32 };
        out.push(d);
        left -= d;
    }
    out
}

/// A multi_prompt list of `k` shots for `total` seconds, naming items of `lists`.
pub fn shots(p: &mut Pick, g: &mut Gen, total: u32, k: usize, lists: &[(&str, usize)]) -> Value {
    let items: Vec<Value> = split(p, total, k)
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let path = format!("/multi_prompt/{i}");
            for f in ["index", "prompt", "duration"] {
                g.required.push(format!("{path}/{f}"));
            }
            g.limited.push((format!("{path}/prompt"), 512));
            g.prompts.push(format!("{path}/prompt"));
            json!({"index": i + 1, "prompt": prompt_with_refs(p, lists), "duration": duration(p, d)})
        })
        .collect();
    Value::Array(items)
}

/// The body `build` must write for a valid request that triggers no dropped field: the request
/// with nulls removed, `model_name` explicit, durations as strings, element ids as exact digits.
pub fn expected_body(endpoint: Endpoint, req: &Map<String, Value>) -> Value {
    let mut v = normalise(&Value::Object(req.clone()), "");
    if let (Value::Object(m), true) = (&mut v, endpoint.has_models()) {
        m.entry("model_name").or_insert_with(|| json!(endpoint.default_model()));
    }
    v
}

fn normalise(v: &Value, key: &str) -> Value {
    match (key, v) {
        ("duration", Value::Number(n)) => json!(n.to_string()),
        ("element_id", Value::String(s)) => {
            let digits = s.trim_start_matches('0');
            json!(digits.parse::<u64>().expect("generated ids are digits"))
        }
        (_, Value::Object(m)) => Value::Object(m.iter().filter(|(_, x)| !x.is_null()).map(|(k, x)| (k.clone(), normalise(x, k))).collect()),
        (_, Value::Array(a)) => Value::Array(a.iter().map(|x| normalise(x, "")).collect()),
        _ => v.clone(),
    }
}

pub fn errors(r: &Report) -> Vec<(String, &'static str)> {
    r.issues.iter().filter(|i| i.severity == Severity::Error).map(|i| (i.path.clone(), i.code.as_str())).collect()
}

pub fn validate(endpoint: Endpoint, text: &str) -> Report {
    api::validate(endpoint, text, &Options::default())
}

/// One single mutation of a valid request.
#[derive(Debug, Clone)]
pub enum Mutation {
    WrongType(String),
    OutOfEnum(String),
    TooLong(String, usize),
    Remove(String),
    Dangling(String, usize),
}

impl Mutation {
    pub fn path(&self) -> &str {
        match self {
            Mutation::WrongType(p) | Mutation::OutOfEnum(p) | Mutation::TooLong(p, _) | Mutation::Remove(p) | Mutation::Dangling(p, _) => p,
        }
    }
}

/// Picks one mutation this request admits.
pub fn mutation(p: &mut Pick, g: &Gen) -> Mutation {
    let mut leaves = Vec::new();
    paths(&Value::Object(g.req.clone()), "", &mut leaves);
    loop {
        match p.below(5) {
            0 if !leaves.is_empty() => return Mutation::WrongType(leaves[p.below(leaves.len())].clone()),
            1 if !g.enums.is_empty() => return Mutation::OutOfEnum(g.enums[p.below(g.enums.len())].clone()),
            2 if !g.limited.is_empty() => {
                let (path, max) = g.limited[p.below(g.limited.len())].clone();
                return Mutation::TooLong(path, max);
            }
            3 if !g.required.is_empty() => return Mutation::Remove(g.required[p.below(g.required.len())].clone()),
            4 if !g.prompts.is_empty() => return Mutation::Dangling(g.prompts[p.below(g.prompts.len())].clone(), g.images + 1),
            _ => {}
        }
    }
}

/// Every non-null value's pointer below the top level.
fn paths(v: &Value, base: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, x)| (format!("{base}/{k}"), x)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (format!("{base}/{i}"), x)).collect(),
        _ => return,
    };
    for (path, x) in children {
        if !x.is_null() {
            out.push(path.clone());
            paths(x, &path, out);
        }
    }
}

/// The request with the mutation applied.
pub fn apply(p: &mut Pick, req: &Map<String, Value>, m: &Mutation) -> Value {
    let mut v = Value::Object(req.clone());
    let path = m.path().to_owned();
    if let Mutation::Remove(_) = m {
        let (parent, key) = path.rsplit_once('/').expect("a pointer");
        if let Some(Value::Object(o)) = v.pointer_mut(parent) {
            o.remove(key);
        }
        return v;
    }
    let slot = v.pointer_mut(&path).expect("the mutated path exists");
    *slot = match m {
        // `true` is the wrong type everywhere but a boolean; durations and element ids take both
        // strings and numbers, so neither is used.
        Mutation::WrongType(_) if slot.is_boolean() => p.one(&[json!("true"), json!(1), json!([]), json!({})]),
        Mutation::WrongType(_) if slot.is_array() => p.one(&[json!(true), json!({}), json!("x")]),
        Mutation::WrongType(_) if slot.is_object() => p.one(&[json!(true), json!([]), json!(7)]),
        Mutation::WrongType(_) => p.one(&[json!(true), json!(false), json!([]), json!({})]),
        Mutation::OutOfEnum(_) => json!(p.one(&["bogus", "", "PRO", "16:10", "kling-v9"])),
        Mutation::TooLong(_, max) => json!(p.one(&["x", "é", "镜", "🙂"]).repeat(max + 1)),
        Mutation::Dangling(_, n) => json!(format!("{} <<<image_{n}>>>", slot.as_str().unwrap_or(""))),
        Mutation::Remove(_) => unreachable!(),
    };
    v
}
