//! The read budget on a 200 MB video: wherever the moov box sits, probing reads at most 64 KiB
//! plus the moov box. The big files are made here from small fixtures by growing their mdat box
//! with padding (sparse on disk, so cheap), which leaves them valid for ffprobe.

mod media_support;

use kling_wasm::media::{Probe, VideoProbe};
use kling_wasm::Options;
use media_support::*;
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

const BIG: u64 = 200 * 1024 * 1024;
const BUDGET: u64 = 64 * 1024;

/// Copies `src` into `name` with its mdat box grown so the file is `total` bytes; the mdat keeps
/// its place (chunk offsets stay valid), so the moov stays in front or at the end as in `src`.
fn grow(src: &str, name: &str, total: u64) -> (PathBuf, u64) {
    let data = read(src);
    let (mdat_at, mdat_len) = find_box(&data, "mdat");
    let (_, moov_len) = find_box(&data, "moov");
    let pad = total - data.len() as u64;
    let path = fixture(name);
    if std::fs::metadata(&path).map(|m| m.len()).ok() != Some(total) {
        let tmp = fixture(&format!(".tmp.{}.{name}", std::process::id()));
        let mut f = std::fs::File::create(&tmp).unwrap();
        let mdat_end = mdat_at + mdat_len;
        let mut head = data[..mdat_end].to_vec();
        put_u32(&mut head, mdat_at, u32::try_from(mdat_len as u64 + pad).unwrap());
        f.write_all(&head).unwrap();
        // The padding is a hole: seek past it and write what followed the mdat box.
        f.seek(SeekFrom::Start(mdat_end as u64 + pad)).unwrap();
        f.write_all(&data[mdat_end..]).unwrap();
        f.set_len(total).unwrap();
        drop(f);
        std::fs::rename(&tmp, &path).unwrap();
    }
    (path, moov_len as u64)
}

fn big(front: bool) -> &'static (PathBuf, u64) {
    static FRONT: OnceLock<(PathBuf, u64)> = OnceLock::new();
    static END: OnceLock<(PathBuf, u64)> = OnceLock::new();
    if front {
        FRONT.get_or_init(|| grow("fps_24.mp4", "big_moov_front.mp4", BIG))
    } else {
        END.get_or_init(|| grow("fps_25.mp4", "big_moov_end.mp4", BIG))
    }
}

#[test]
fn a_200_mb_file_reads_at_most_64_kib_plus_moov_in_both_layouts() {
    for (front, label) in [(true, "moov at front"), (false, "moov at end")] {
        let (path, moov_len) = big(front);
        let ff = ffprobe(path).expect("the grown file stays valid for ffprobe");
        let ff_duration: f64 = ff["format"]["duration"].as_str().unwrap().parse().unwrap();
        let mut probe = VideoProbe::new(BIG);
        let reads = drive_file(&mut probe, path);
        let read = probe.bytes_read();
        let info = probe.finish("/video_list/0/video_url", &Options::default());
        eprintln!("200 MB, {label}: moov {moov_len} B, read {read} B in {reads} reads");
        assert!(read <= BUDGET + moov_len, "{label}: read {read} > 64 KiB + moov {moov_len}");
        assert!(reads <= 6, "{label}: {reads} reads");
        assert_eq!(info.bytes_read, read);
        assert_eq!(info.bytes, BIG);
        assert!((info.duration_seconds.unwrap() - ff_duration).abs() <= 0.05, "{label}: {info:?}");
        assert!(info.issues.is_empty(), "{label}: {:?}", info.issues);
    }
}

#[test]
fn a_moov_larger_than_the_budget_is_read_whole() {
    // fps_25.mp4 ends with its moov box: add a 100 KB free box inside it (nothing moves).
    let mut data = read("fps_25.mp4");
    let (moov_at, moov_len) = find_box(&data, "moov");
    assert_eq!(moov_at + moov_len, data.len(), "fixture should be moov-last");
    data.extend(bx(b"free", &vec![0; 100_000]));
    put_u32(&mut data, moov_at, (moov_len + 100_008) as u32);
    let path = fixture("big_moov_box.mp4");
    std::fs::write(&path, &data).unwrap();
    let ff = ffprobe(&path).expect("still valid");
    let mut probe = VideoProbe::new(data.len() as u64);
    let reads = drive_file(&mut probe, &path);
    let read = probe.bytes_read();
    let info = probe.finish("", &Options::default());
    eprintln!("moov of {} B at the end of {} B: read {read} B in {reads} reads", moov_len + 100_008, data.len());
    assert!(read <= BUDGET + moov_len as u64 + 100_008);
    assert!(read > BUDGET, "the whole moov was read");
    let ff_duration: f64 = ff["format"]["duration"].as_str().unwrap().parse().unwrap();
    assert!((info.duration_seconds.unwrap() - ff_duration).abs() <= 0.05);
    assert!(info.issues.is_empty(), "{:?}", info.issues);
}

#[test]
fn the_moov_end_layout_skips_the_media_data() {
    // The reads land on the first chunk and on the moov box only: nothing inside the mdat box.
    let (path, moov_len) = big(false);
    let mut probe = VideoProbe::new(BIG);
    let mut offsets = Vec::new();
    let mut f = std::fs::File::open(path).unwrap();
    while let Some(n) = probe.need() {
        offsets.push((n.offset, n.len));
        let mut bytes = vec![0; n.len as usize];
        f.seek(SeekFrom::Start(n.offset)).unwrap();
        std::io::Read::read_exact(&mut f, &mut bytes).unwrap();
        probe.feed(&bytes);
    }
    let moov_at = BIG - moov_len;
    for (off, len) in &offsets {
        assert!(*off < 4096 || *off >= moov_at, "read [{off}, +{len}) is inside the mdat box");
    }
}

#[test]
fn a_byte_over_200_mb_is_too_large() {
    let (path, _) = grow("fps_24.mp4", "big_over.mp4", BIG + 1);
    let mut probe = VideoProbe::new(BIG + 1);
    drive_file(&mut probe, &path);
    let info = probe.finish("", &Options::default());
    assert_eq!(codes(&info.issues), vec!["media_too_large"]);
    std::fs::remove_file(path).ok();
}
