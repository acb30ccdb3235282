//! Shared helpers of the media tests: the generated fixture corpus (made by
//! scripts/make-media-fixtures.sh when missing), ffprobe's answers, a file-backed probe driver
//! that counts reads like a Blob would, and small byte tools for hand-mutated copies.
#![allow(dead_code)]

use kling_wasm::media::Probe;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The fixture folder, generated (idempotently, under a lock) on first use in this test binary.
pub fn fixtures() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let script = root.join("scripts/make-media-fixtures.sh");
        let out = Command::new("bash").arg(&script).output().expect("bash runs");
        assert!(out.status.success(), "make-media-fixtures.sh failed: {}", String::from_utf8_lossy(&out.stderr));
        root.join("tests/fixtures/media/generated")
    })
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Fixture names with one of the given extensions, sorted.
pub fn names(exts: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixture dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && exts.iter().any(|x| n.ends_with(x)))
        .collect();
    v.sort();
    v
}

/// ffprobe's JSON for a file (streams + format), or None when ffprobe cannot read it.
pub fn ffprobe(path: &Path) -> Option<serde_json::Value> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-show_streams", "-show_format", "-of", "json"])
        .arg(path)
        .output()
        .expect("ffprobe runs (apt-get install ffmpeg)");
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// "30000/1001" -> 29.97...
pub fn rational(s: &str) -> Option<f64> {
    let (n, d) = s.split_once('/')?;
    let (n, d): (f64, f64) = (n.parse().ok()?, d.parse().ok()?);
    (d != 0.0).then(|| n / d)
}

/// The issue codes, in order.
pub fn codes(issues: &[kling_wasm::Issue]) -> Vec<&'static str> {
    issues.iter().map(|i| i.code.as_str()).collect()
}

/// Drives a probe from a file on disk with seek + read per request, as the JS side does with
/// Blob slices. Returns the number of reads.
pub fn drive_file<P: Probe>(probe: &mut P, path: &Path) -> usize {
    let mut f = File::open(path).expect("open");
    let mut reads = 0;
    while let Some(n) = probe.need() {
        reads += 1;
        assert!(reads < 100_000, "the probe keeps asking for reads");
        let mut buf = Vec::new();
        f.seek(SeekFrom::Start(n.offset)).expect("seek");
        (&mut f).take(n.len).read_to_end(&mut buf).expect("read");
        probe.feed(&buf);
    }
    reads
}

/// Top-level boxes of an MP4 as (type, offset, size), by a plain walk (for building test files).
pub fn top_boxes(b: &[u8]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at + 8 <= b.len() {
        let size = u32::from_be_bytes(b[at..at + 4].try_into().unwrap()) as usize;
        let kind = String::from_utf8_lossy(&b[at + 4..at + 8]).into_owned();
        let size = if size == 0 { b.len() - at } else { size };
        assert!(size >= 8, "test walker: bad box size at {at}");
        out.push((kind, at, size));
        at += size;
    }
    out
}

/// The (offset, size) of the first box of `kind` at the top level.
pub fn find_box(b: &[u8], kind: &str) -> (usize, usize) {
    top_boxes(b).into_iter().find(|(k, _, _)| k == kind).map(|(_, o, s)| (o, s)).unwrap_or_else(|| panic!("no {kind} box"))
}

/// The offset of the first occurrence of a box type anywhere (its size field is 4 bytes before).
pub fn find_type(b: &[u8], kind: &[u8; 4]) -> usize {
    b.windows(4).position(|w| w == kind).map(|p| p - 4).unwrap_or_else(|| panic!("no {:?}", kind))
}

pub fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_be_bytes());
}

/// A box: 32-bit size, type, body.
pub fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    [&(body.len() as u32 + 8).to_be_bytes()[..], kind, body].concat()
}

/// Deterministic xorshift64 for reproducible corruption tests.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Standard base64 with padding.
pub fn b64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let quad = [A[(n >> 18) as usize & 63], A[(n >> 12) as usize & 63], A[(n >> 6) as usize & 63], A[n as usize & 63]];
        out.extend_from_slice(&quad[..c.len() + 1]);
        out.extend(std::iter::repeat_n(b'=', 3 - c.len()));
    }
    String::from_utf8(out).expect("ascii")
}
