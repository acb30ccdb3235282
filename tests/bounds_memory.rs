//! Peak memory of `api::validate` and `api::build` (DESIGN.md "Limits": at most 2× the body plus
//! a constant, here 1 MiB), measured by a counting global allocator. Its own test binary, with
//! one test: the allocator counts every thread, so nothing else may run beside the measurement.
// Native only: its counting allocator would clash with the crate's wasm allocator (lib.rs).
#![cfg(not(target_arch = "wasm32"))]

use kling_wasm::json::MAX_VALUES;
use kling_wasm::{api, Endpoint, Level, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Counted as a move (old and new both live for a moment), as a copying realloc is.
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Bytes allocated at the peak of `f`, above what was live when it started.
fn peak_of<R>(f: impl FnOnce() -> R) -> usize {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    let peak = PEAK.load(Relaxed) - base;
    drop(r);
    peak
}

const MIB: usize = 1 << 20;

/// The attack of issue 13: a 4 MiB body of empty shots, ~1 issue per 3 bytes before the bounds.
fn garbage_body() -> String {
    let mut text = String::from(r#"{"model_name":"kling-v3-omni","prompt":"x","multi_shot":true,"multi_prompt":["#);
    while text.len() < 4 * MIB {
        text.push_str("{},");
    }
    text.push_str("{}]}");
    text
}

/// A valid Omni-Video request with one reference image of `size` bytes of base64, its `/`
/// written as `sep` (`\/` makes the reader unescape the whole string into a copy); `extra`
/// members at the end.
fn image_body(size: usize, sep: &str, extra: &str) -> String {
    let chunk = format!("iVBORw0KGgoAAAANSUhEUgAA{sep}");
    let image = chunk.repeat(size / chunk.len());
    format!(r#"{{"model_name":"kling-v3-omni","prompt":"<<<image_1>>> waves","aspect_ratio":"1:1","image_list":[{{"image_url":"{image}"}}]{extra}}}"#)
}

#[test]
fn peak_memory_is_at_most_twice_the_body_plus_1_mib() {
    let plain = Options::default();
    // The JS-only-member path: a function member passes (GEN-TYPE off), so the body is written
    // and checked again as sent.
    let js_pass = Options { rules: vec![("GEN-TYPE".into(), Level::Off)], ..Options::default() };
    let unknown_off = Options { rules: vec![("GEN-UNKNOWN".into(), Level::Off)], ..Options::default() };
    let hostile_keys: String = (0..200).map(|i| format!(r#","{i}{}":0"#, "\\u0001".repeat(4096))).collect();
    // (name, body, options, whether build succeeds, the constant: 1 MiB but for the widest tree)
    let cases: Vec<(&str, String, Options, bool, usize)> = vec![
        ("4 MiB of empty shots", garbage_body(), plain.clone(), false, MIB),
        ("8 MiB base64 image", image_body(8 * MIB, "/", ""), plain.clone(), true, MIB),
        ("8 MiB escaped base64 image", image_body(8 * MIB, "\\/", ""), plain.clone(), true, MIB),
        ("8 MiB escaped image, checked as sent", image_body(8 * MIB, "\\/", r#","callback_url":{"\u0000js":"function"}"#), js_pass, true, MIB),
        // Floats the body writes longer (`1e15` as `1000000000000000.0`): its buffer is sized for them.
        (
            "8 MiB escaped image and 9,000 growing floats",
            image_body(8 * MIB, "\\/", &format!(r#","pad":[{}]"#, vec!["1e15"; 9000].join(","))),
            unknown_off.clone(),
            true,
            MIB,
        ),
        // The most nodes a request may have, all in one object: the value cap's constant, ~1.7 MB
        // here (a member is 56 bytes on 64-bit, and its list doubles as it grows; wasm32's
        // nodes are half as large).
        (
            "10,000 members",
            format!(
                r#"{{"model_name":"kling-v3-omni","prompt":"x","aspect_ratio":"1:1"{}}}"#,
                (4..MAX_VALUES).map(|i| format!(r#","{i}":0"#)).collect::<String>()
            ),
            unknown_off.clone(),
            true,
            2 * MIB,
        ),
        ("1 MiB unknown key", format!(r#"{{"prompt":"x","{}":1}}"#, "k".repeat(MIB)), plain.clone(), false, MIB),
        ("200 escaped 24 KiB keys", format!(r#"{{"prompt":"x"{hostile_keys}}}"#), plain.clone(), false, MIB),
    ];
    for (name, body, opts, builds, constant) in cases {
        let limit = 2 * body.len() + constant;
        let v = peak_of(|| api::validate(Endpoint::OmniVideo, &body, &opts));
        let b = peak_of(|| api::build(Endpoint::OmniVideo, &body, &opts));
        println!(
            "{name}: body {} B, validate peak {v} B ({:.2}×), build peak {b} B ({:.2}×)",
            body.len(),
            v as f64 / body.len() as f64,
            b as f64 / body.len() as f64
        );
        assert!(v <= limit && b <= limit, "{name}: peak {v} / {b} B over {limit} B");
        assert_eq!(api::build(Endpoint::OmniVideo, &body, &opts).is_ok(), builds, "{name}");
    }
}
