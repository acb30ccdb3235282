//! Fuzz target: the video probe on arbitrary bytes — in memory and read by read, with the file
//! shorter than its stated size too — asserting every read lies inside the file, the reads stay
//! within `READ_BUDGET` plus the moov box, `bytes_read` counts exactly what was fed, the walk
//! ends, the facts reported are sane numbers, and no allocation is far larger than the file
//! (a tracking allocator; scripts/fuzz.sh raises libFuzzer's own malloc limit for this target).
#![no_main]

use kling_wasm::media::{limits, probe_video_bytes, Probe, VideoInfo, VideoProbe};
use kling_wasm::Options;
use libfuzzer_sys::fuzz_target;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

const PATH: &str = "/video_list/0/video_url";

/// The largest single allocation requested since the last reset (libFuzzer runs one input at a time).
static LARGEST: AtomicUsize = AtomicUsize::new(0);

struct Tracking;

// SAFETY: every call goes to the system allocator unchanged; only the requested size is recorded.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Tracking = Tracking;

/// An allocation this much larger than the input (beyond the moov cap itself) is a finding.
const ALLOC_LIMIT: usize = 64 << 20;

fuzz_target!(|data: &[u8]| {
    LARGEST.store(0, Ordering::Relaxed);
    check(data);
    let most = LARGEST.load(Ordering::Relaxed);
    assert!(most <= ALLOC_LIMIT, "one allocation of {most} bytes for a {}-byte file", data.len());
});

fn check(data: &[u8]) {
    let len = data.len() as u64;
    let info = probe_video_bytes(data, PATH, &Options::default());
    assert_eq!(info.bytes, len);
    assert!(info.bytes_read <= len, "read {} of a {len}-byte file", info.bytes_read);
    assert_sane(&info);
    // Read by read: the same answer, and the stated size may lie (the file shrank).
    let stepped = drive_counting(data, len);
    assert_eq!(stepped, info, "stepping by hand differs from probe_video_bytes");
    let extra = u64::from(data.last().copied().unwrap_or(0)) << (data.first().copied().unwrap_or(0) % 40);
    drive_counting(data, len.saturating_add(extra));
}

fn assert_sane(info: &VideoInfo) {
    // The moov box is read once, so the reads are bounded by the budget plus the moov cap.
    assert!(info.bytes_read <= limits::READ_BUDGET + limits::MAX_MOOV_BYTES, "{info:?}");
    for v in [info.duration_seconds, info.frame_rate].into_iter().flatten() {
        assert!(v.is_finite() && v >= 0.0, "non-finite or negative value in {info:?}");
    }
    assert_eq!(info.width.is_some(), info.height.is_some(), "{info:?}");
    assert!(info.rotation.is_none_or(|r| matches!(r, 0 | 90 | 180 | 270)), "{info:?}");
    for i in &info.issues {
        assert!(!i.message.is_empty() && i.path == PATH, "{i:?}");
    }
}

/// Drives a probe told the file has `stated` bytes, feeding what `data` has (a short read at its end).
fn drive_counting(data: &[u8], stated: u64) -> VideoInfo {
    let mut probe = VideoProbe::new(stated);
    let (mut fed, mut reads) = (0u64, 0u32);
    while let Some(need) = probe.need() {
        reads += 1;
        // Header reads are ≥ 16 bytes of a 64 KiB budget (the moov body is one read).
        assert!(reads <= 8200, "the probe does not stop asking");
        assert!(need.len > 0 && need.end() <= stated, "need {need:?} outside a {stated}-byte file");
        let start = usize::try_from(need.offset).unwrap_or(usize::MAX).min(data.len());
        let end = usize::try_from(need.end()).unwrap_or(usize::MAX).min(data.len());
        fed += (end - start) as u64;
        probe.feed(&data[start..end]);
        assert_eq!(probe.bytes_read(), fed, "bytes_read differs from the bytes fed");
    }
    let info = probe.finish(PATH, &Options::default());
    assert_eq!(info.bytes_read, fed);
    assert!(fed <= data.len() as u64, "fed {fed} bytes from a {}-byte file: a range was read twice", data.len());
    assert_sane(&info);
    info
}
