//! Fuzz target: the image probe on arbitrary bytes — in memory, read by read (with the file
//! shorter than its stated size too), and as base64 text — asserting the reads stay in bounds,
//! the loop ends, and the base64 probe sees exactly what the byte probe sees.
#![no_main]

use kling_wasm::media::{limits, probe_image, probe_image_base64, ImageInfo, ImageProbe, Probe};
use kling_wasm::Options;
use libfuzzer_sys::fuzz_target;

const PATH: &str = "/image_list/0/image_url";

fuzz_target!(|data: &[u8]| {
    let opts = Options::default();
    let info = probe_image(data, PATH, &opts);
    assert_sane(&info, data.len() as u64);
    if info.issues.is_empty() {
        assert!(info.format.is_some() && info.width.is_some(), "a clean image has a format and a size: {info:?}");
    }
    // Read by read, with the stated size larger than the file (a file that shrank).
    let extra = u64::from(data.first().copied().unwrap_or(0)) * 37;
    let (read, reads) = drive_counting(data, data.len() as u64 + extra);
    assert!(read <= (data.len() as u64).min(limits::IMAGE_MAX_HEADER), "read {read} bytes of a {}-byte file", data.len());
    assert!(reads <= 16, "{reads} reads for one image header");
    // The same bytes as base64 (standard alphabet, padded) give the same answer.
    let b64 = probe_image_base64(&encode(data), PATH, &opts);
    assert_eq!((b64.format, b64.width, b64.height, b64.bytes), (info.format, info.width, info.height, info.bytes), "base64 differs");
    assert_eq!(codes(&b64), codes(&info), "base64 issues differ");
    // Arbitrary text as base64 (and behind a data: prefix): an issue, never a panic.
    let text = String::from_utf8_lossy(data);
    probe_image_base64(&text, PATH, &opts);
    probe_image_base64(&format!("data:image/png;base64,{text}"), PATH, &opts);
});

fn assert_sane(info: &ImageInfo, len: u64) {
    assert_eq!(info.bytes, len, "{info:?}");
    assert_issues(info);
}

fn assert_issues(info: &ImageInfo) {
    assert_eq!(info.width.is_some(), info.height.is_some(), "{info:?}");
    for i in &info.issues {
        assert!(!i.message.is_empty() && i.path == PATH, "{i:?}");
    }
}

/// Drives a probe told the file has `stated` bytes; returns (bytes fed, reads).
fn drive_counting(data: &[u8], stated: u64) -> (u64, u32) {
    let mut probe = ImageProbe::new(stated);
    let (mut read, mut reads) = (0u64, 0u32);
    while let Some(need) = probe.need() {
        reads += 1;
        assert!(reads <= 64, "the probe does not stop asking");
        assert!(need.len > 0 && need.end() <= stated, "need {need:?} outside a {stated}-byte file");
        let start = (need.offset as usize).min(data.len());
        let end = (need.end() as usize).min(data.len());
        read += (end - start) as u64;
        probe.feed(&data[start..end]);
    }
    // A short read shrinks the size to what was there; a probe done early keeps the stated size.
    let info = probe.finish(PATH, &Options::default());
    assert!((data.len() as u64..=stated).contains(&info.bytes), "size {} for a {}-byte file stated as {stated}", info.bytes, data.len());
    assert_issues(&info);
    (read, reads)
}

fn codes(info: &ImageInfo) -> Vec<&'static str> {
    info.issues.iter().map(|i| i.code.as_str()).collect()
}

fn encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { char::from(A[(n >> (18 - 6 * i)) as usize & 63]) } else { '=' });
        }
    }
    out
}
