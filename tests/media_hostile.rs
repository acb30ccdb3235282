//! Bad input for probe_video: truncated, corrupt and hostile files (hand-mutated copies of the
//! generated fixtures and small synthetic files) give a clear issue, never a panic, and the
//! reads stay bounded.

mod media_support;

use kling_wasm::media::{drive, limits, probe_video_bytes, Probe, VideoInfo, VideoProbe};
use kling_wasm::Options;
use media_support::*;

fn probe(data: &[u8]) -> VideoInfo {
    probe_video_bytes(data, "/video_list/0/video_url", &Options::default())
}

fn assert_sane(info: &VideoInfo, len: usize, what: &str) {
    for v in [info.duration_seconds, info.frame_rate].into_iter().flatten() {
        assert!(v.is_finite() && v >= 0.0, "{what}: non-finite value {v} in {info:?}");
    }
    assert!(info.bytes_read <= len as u64, "{what}: read {} of a {len}-byte file", info.bytes_read);
    assert!(info.bytes_read <= limits::READ_BUDGET + limits::MAX_MOOV_BYTES, "{what}");
}

fn only(info: &VideoInfo, code: &str, what: &str) {
    assert_eq!(codes(&info.issues), vec![code], "{what}: {:#?}", info.issues);
}

#[test]
fn empty_and_wrong_kind_files() {
    only(&probe(&[]), "media_unreadable", "empty");
    let png = probe(&read("img_1024x768.png"));
    only(&png, "media_format", "png renamed .mp4");
    assert_eq!(png.container, Some("png"));
    assert!(png.issues[0].message.contains("png") && png.issues[0].message.contains("mp4, mov"), "{}", png.issues[0].message);
    let text = probe(b"this is not a video at all, just some text that goes on");
    only(&text, "media_format", "text");
    assert_eq!(text.container, None);
    let webm = probe(&[0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81]);
    assert_eq!((webm.container, codes(&webm.issues)), (Some("webm"), vec!["media_format"]));
    only(&probe(b"\0\0\0\x18ftypisom"), "media_truncated", "a header only");
}

#[test]
fn box_sizes_past_the_end_or_past_4_gb() {
    // moov (last box) claims 1000 bytes more than the file has.
    let mut d = read("fps_25.mp4");
    let (at, len) = find_box(&d, "moov");
    put_u32(&mut d, at, (len + 1000) as u32);
    only(&probe(&d), "media_truncated", "moov past the end");

    // A 64-bit moov size of 5 GB: refused before any allocation.
    let mut big_moov = bx(b"ftyp", b"isom\0\0\x02\0isom");
    big_moov.extend([&[0, 0, 0, 1][..], b"moov", &5_000_000_000u64.to_be_bytes(), &[0; 64]].concat());
    let info = probe(&big_moov);
    only(&info, "media_unreadable", "5 GB moov");
    assert!(info.issues[0].message.contains("64 MiB"), "{}", info.issues[0].message);
    assert_sane(&info, big_moov.len(), "5 GB moov");

    // A 64-bit mdat size past 4 GB before any moov box.
    let mut big_mdat = bx(b"ftyp", b"isom\0\0\x02\0isom");
    big_mdat.extend([&[0, 0, 0, 1][..], b"mdat", &(u64::MAX - 3).to_be_bytes(), &[7; 100]].concat());
    only(&probe(&big_mdat), "media_truncated", "huge mdat");
}

#[test]
fn zero_and_tiny_box_sizes() {
    // mdat with size 0 runs to the end of the file, hiding the moov box after it.
    let mut d = read("fps_25.mp4");
    let (at, _) = find_box(&d, "mdat");
    put_u32(&mut d, at, 0);
    let info = probe(&d);
    only(&info, "media_unreadable", "mdat size 0");
    assert!(info.issues[0].message.contains("no moov"), "{}", info.issues[0].message);
    // Sizes 1..7 can't hold a header; 1 without room for the 64-bit size ends the file early.
    for s in [2u32, 4, 7] {
        let mut d = read("fps_24.mp4");
        put_u32(&mut d, 0, s);
        only(&probe(&d), "media_unreadable", &format!("ftyp size {s}"));
    }
    // A child of the moov with size 0 (to the end of its parent), and with size 3.
    for s in [0u32, 3] {
        let mut d = read("fps_24.mp4");
        let trak = find_type(&d, b"trak");
        put_u32(&mut d, trak, s);
        let info = probe(&d);
        assert!(!info.issues.is_empty(), "trak size {s}: {info:?}");
        assert_sane(&info, d.len(), "trak size");
    }
}

#[test]
fn deep_nesting_and_many_boxes() {
    // A moov holding the fixture's mvhd and a trak nested 20 000 deep.
    let d = read("fps_24.mp4");
    let mvhd_at = find_type(&d, b"mvhd");
    let mvhd_len = u32::from_be_bytes(d[mvhd_at..mvhd_at + 4].try_into().unwrap()) as usize;
    let mut nest = Vec::new();
    for _ in 0..20_000 {
        nest = bx(b"trak", &nest);
    }
    let moov = bx(b"moov", &[&d[mvhd_at..mvhd_at + mvhd_len], &nest].concat());
    let file = [bx(b"ftyp", b"isom\0\0\x02\0isom"), moov].concat();
    let info = probe(&file);
    assert!(!info.issues.is_empty(), "{info:?}");
    assert_sane(&info, file.len(), "deep nesting");

    // 30 000 tiny boxes before the moov box: the walk gives up at the read budget.
    let mut file = bx(b"ftyp", b"isom\0\0\x02\0isom");
    for _ in 0..30_000 {
        file.extend(bx(b"free", b""));
    }
    let (at, len) = find_box(&d, "moov");
    file.extend(&d[at..at + len]);
    let info = probe(&file);
    only(&info, "media_unreadable", "many boxes");
    assert!(info.bytes_read <= limits::READ_BUDGET, "read {}", info.bytes_read);
}

/// Offset of a full box's field: `field_at(data, b"mdhd", 12)` = 12 bytes into the payload
/// (after version/flags for v0 boxes: creation 4, modification 4, timescale at 12).
fn field_at(d: &[u8], kind: &[u8; 4], offset: usize) -> usize {
    find_type(d, kind) + 8 + offset
}

#[test]
fn absurd_timescales_and_durations() {
    let base = read("fps_24.mp4");
    // mvhd timescale 0: a clear issue, no division by zero.
    let mut d = base.clone();
    put_u32(&mut d, field_at(&base, b"mvhd", 12), 0);
    only(&probe(&d), "media_unreadable", "mvhd timescale 0");
    // mvhd timescale u32::MAX: a tiny but finite duration.
    let mut d = base.clone();
    put_u32(&mut d, field_at(&base, b"mvhd", 12), u32::MAX);
    let info = probe(&d);
    assert_sane(&info, d.len(), "huge timescale");
    assert!(codes(&info.issues).contains(&"media_duration"), "{:?}", info.issues);
    // mdhd timescale 0: no frame rate rather than inf.
    let mut d = base.clone();
    put_u32(&mut d, field_at(&base, b"mdhd", 12), 0);
    let info = probe(&d);
    assert_sane(&info, d.len(), "mdhd timescale 0");
    assert_eq!(info.frame_rate, None);
    // stts: one entry with delta 0, then a huge count.
    let stts = field_at(&base, b"stts", 0);
    let mut d = base.clone();
    put_u32(&mut d, stts + 12, 0);
    let info = probe(&d);
    assert_sane(&info, d.len(), "stts delta 0");
    assert_eq!(info.frame_rate, None);
    let mut d = base.clone();
    put_u32(&mut d, stts + 8, u32::MAX);
    assert_sane(&probe(&d), d.len(), "stts count max");
    // mvhd duration 0 and all ones: unknown, so the longest track's duration is used.
    for v in [0, u32::MAX] {
        let mut d = base.clone();
        put_u32(&mut d, field_at(&base, b"mvhd", 16), v);
        let info = probe(&d);
        assert!((info.duration_seconds.unwrap() - 5.0).abs() < 0.05, "mvhd duration {v}: {info:?}");
    }
}

#[test]
fn truncated_at_many_points() {
    for name in ["fps_25.mp4", "fps_24.mp4", "frag_empty_moov.mp4", "rot_180.mov"] {
        let d = read(name);
        for i in 1..60 {
            let cut = d.len() * i / 60;
            let info = probe(&d[..cut]);
            assert!(!info.issues.is_empty(), "{name} cut at {cut} of {}: no issue", d.len());
            assert_sane(&info, cut, name);
        }
    }
}

#[test]
fn random_corruption_never_panics() {
    let files: Vec<Vec<u8>> = ["fps_24.mp4", "rot_90_end.mp4", "frag_keyframe.mp4", "codec_hevc.mov"].iter().map(|n| read(n)).collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // MEDIA_FUZZ_ROUNDS=200000 for a longer local run.
    let rounds = std::env::var("MEDIA_FUZZ_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(4000);
    for round in 0..rounds {
        let base = &files[round % files.len()];
        let mut d = base.clone();
        // Corrupt the box structure (the first 2 KB and last 2 KB hold ftyp/moov/mdat headers).
        for _ in 0..1 + rng.below(6) {
            let span = 2048.min(d.len());
            let at = if rng.below(2) == 0 { rng.below(span) } else { d.len() - 1 - rng.below(span) };
            if rng.below(3) == 0 && at + 4 <= d.len() {
                let v = [0, 1, 7, 8, 16, 0x7fff_ffff, u32::MAX, rng.next() as u32][rng.below(8)];
                put_u32(&mut d, at, v);
            } else {
                d[at] ^= 1 << rng.below(8);
            }
        }
        let info = probe(&d);
        assert_sane(&info, d.len(), &format!("round {round}"));
    }
    // The module still works afterwards.
    assert!(probe(&read("fps_24.mp4")).issues.is_empty());
}

#[test]
fn a_size_larger_than_the_data_ends_the_walk() {
    // The caller says the file is bigger than the bytes it can read (a Blob that lies).
    for name in ["fps_24.mp4", "fps_25.mp4"] {
        let d = read(name);
        let mut p = VideoProbe::new(d.len() as u64 + 5_000_000);
        let mut reads = 0;
        while let Some(n) = p.need() {
            reads += 1;
            assert!(reads < 100, "{name}: the probe keeps asking");
            let s = (n.offset as usize).min(d.len());
            let e = (n.end() as usize).min(d.len());
            p.feed(&d[s..e]);
        }
        let info = p.finish("", &Options::default());
        assert!(info.bytes_read <= d.len() as u64, "{name}");
        // The short read shows where the file really ends; the probe reads what is there.
        let real = probe(&d);
        assert_eq!((info.duration_seconds, info.width, info.frame_rate), (real.duration_seconds, real.width, real.frame_rate));
        assert!(info.issues.is_empty(), "{name}: {:?}", info.issues);
    }
    // Declared smaller than the moov's end: the moov is cut.
    let d = read("fps_25.mp4");
    let mut p = VideoProbe::new(d.len() as u64 - 10);
    drive(&mut p, &d);
    assert_eq!(codes(&p.finish("", &Options::default()).issues), vec!["media_truncated"]);
}
