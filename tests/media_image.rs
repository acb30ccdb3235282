//! probe_image / probe_image_base64 on the generated images: every format and every §2.2 limit,
//! sizes compared with ffprobe, corrupt and hostile input.

mod media_support;

use kling_wasm::media::{probe_image, probe_image_base64, ImageInfo, ImageProbe, Probe};
use kling_wasm::{Locale, Options, Severity};
use media_support::*;

const PATH: &str = "/image_list/2/image_url";

fn probe(data: &[u8]) -> ImageInfo {
    probe_image(data, PATH, &Options::default())
}

#[test]
fn every_image_matches_ffprobe() {
    let files = names(&[".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp"]);
    let mut compared = 0;
    for name in files.iter().filter(|n| !n.starts_with("corrupt_")) {
        let info = probe(&read(name));
        let ff = ffprobe(&fixture(name)).unwrap_or_else(|| panic!("ffprobe cannot read {name}"));
        let s = &ff["streams"][0];
        assert_eq!((info.width, info.height), (s["width"].as_u64(), s["height"].as_u64()), "{name}");
        let ext = name.rsplit('.').next().unwrap();
        let want = match ext {
            "jpg" | "jpeg" => "jpeg",
            other => other,
        };
        assert_eq!(info.format, Some(want), "{name}");
        compared += 1;
    }
    assert!(compared >= 25, "only {compared} images");
}

#[test]
fn each_limit_of_section_2_2() {
    let table: &[(&str, &[&str])] = &[
        ("img_300x300.png", &[]),
        ("img_300x300.jpg", &[]),
        ("img_1024x768.jpeg", &[]),
        ("img_1920x1080.jpg", &[]),
        ("img_3000x4000.png", &[]),
        ("img_299x400.png", &["media_too_small"]),
        ("img_400x299.jpg", &["media_too_small"]),
        ("img_1000x400.png", &[]), // exactly 2.5
        ("img_1001x400.jpg", &["media_aspect_ratio"]),
        ("img_400x1000.jpg", &[]), // exactly 0.4
        ("img_400x1001.png", &["media_aspect_ratio"]),
        ("img_800x600.webp", &["media_format"]),
        ("img_800x600.gif", &["media_format"]),
        ("img_320x240.bmp", &["media_format", "media_too_small"]),
        ("img_200x200.webp", &["media_format", "media_too_small"]),
    ];
    for (name, want) in table {
        let info = probe(&read(name));
        assert_eq!(codes(&info.issues), *want, "{name}: {:#?}", info.issues);
        for i in &info.issues {
            assert_eq!((i.path.as_str(), i.rule, i.severity), (PATH, "GEN-MEDIA", Severity::Error));
        }
    }
    let webp = probe(&read("img_800x600.webp"));
    assert!(webp.issues[0].message.contains("webp") && webp.issues[0].message.contains("jpg, jpeg, png"), "{}", webp.issues[0].message);
    let ratio = probe(&read("img_1001x400.jpg"));
    assert!(ratio.issues[0].message.contains("2.503"), "{}", ratio.issues[0].message);
}

#[test]
fn size_limit_is_10_mib() {
    let png = read("img_1024x768.png");
    let pad = |to: usize| [png.clone(), vec![0; to - png.len()]].concat();
    assert!(probe(&pad(10 * 1024 * 1024)).issues.is_empty());
    let info = probe(&pad(10 * 1024 * 1024 + 1));
    assert_eq!(codes(&info.issues), vec!["media_too_large"]);
    assert_eq!(info.bytes, 10 * 1024 * 1024 + 1);
}

#[test]
fn corrupt_and_wrong_files() {
    let only = |name: &str, code: &str| {
        let info = probe(&read(name));
        assert_eq!(codes(&info.issues), vec![code], "{name}: {:?}", info.issues);
        assert_eq!((info.width, info.height), (None, None), "{name}");
    };
    only("corrupt_empty.png", "media_unreadable");
    only("corrupt_trunc.jpg", "media_unreadable");
    only("corrupt_trunc.png", "media_truncated");
    only("corrupt_text.jpg", "media_format");
    let mp4 = probe(&read("fps_24.mp4"));
    assert_eq!((mp4.format, codes(&mp4.issues)), (Some("mp4"), vec!["media_format"]));
    assert!(mp4.issues[0].message.contains("mp4"), "{}", mp4.issues[0].message);
}

#[test]
fn a_jpeg_size_marker_far_in_is_found_with_growing_reads() {
    // Insert a 200 KB APP1 segment (as a big EXIF block would be) right after SOI.
    let jpg = read("img_1920x1080.jpg");
    let mut segs = Vec::new();
    for _ in 0..4 {
        segs.extend([0xff, 0xe1, 0xc3, 0x52]); // APP1, length 50002
        segs.extend(vec![0x41; 50_000]);
    }
    let big = [&jpg[..2], &segs, &jpg[2..]].concat();
    let mut p = ImageProbe::new(big.len() as u64);
    let mut reads = 0;
    let mut read_bytes = 0;
    while let Some(n) = p.need() {
        reads += 1;
        read_bytes += n.len;
        p.feed(&big[n.offset as usize..n.end() as usize]);
    }
    let info = p.finish("", &Options::default());
    assert_eq!((info.width, info.height, info.format), (Some(1920), Some(1080), Some("jpeg")));
    assert!(reads > 1 && read_bytes <= big.len() as u64, "{reads} reads, {read_bytes} bytes");
    // A plain image is read in one small read.
    let mut p = ImageProbe::new(jpg.len() as u64);
    let first = p.need().unwrap();
    assert!(first.len <= 4096);
    p.feed(&jpg[..first.len as usize]);
    assert_eq!(p.need(), None);
}

#[test]
fn base64_input() {
    let png = read("img_1024x768.png");
    let text = b64(&png);
    let info = probe_image_base64(&text, PATH, &Options::default());
    assert_eq!((info.format, info.width, info.height, info.bytes), (Some("png"), Some(1024), Some(768), png.len() as u64));
    assert!(info.issues.is_empty());
    // URL-safe alphabet, no padding.
    let url_safe = text.replace('+', "-").replace('/', "_").trim_end_matches('=').to_owned();
    assert_eq!(probe_image_base64(&url_safe, PATH, &Options::default()).width, Some(1024));
    // A data: prefix is reported (the API refuses it) and the image is still probed.
    let info = probe_image_base64(&format!("data:image/png;base64,{text}"), PATH, &Options::default());
    assert_eq!(codes(&info.issues), vec!["data_uri_prefix"]);
    assert_eq!(info.width, Some(1024));
    // Size from the length alone: a 10 MiB+ payload whose header is a small PNG.
    let padded = [png.clone(), vec![0; 11 * 1024 * 1024]].concat();
    let info = probe_image_base64(&b64(&padded), PATH, &Options::default());
    assert_eq!((info.bytes, codes(&info.issues)), (padded.len() as u64, vec!["media_too_large"]));
    // Not base64 at all, and a JPEG in base64.
    let bad = probe_image_base64("iVBORw0K!!!!not base64", PATH, &Options::default());
    assert_eq!(codes(&bad.issues), vec!["media_unreadable"]);
    let url = probe_image_base64("https://example.com/a.png", PATH, &Options::default());
    assert!(url.issues[0].message.contains("URL"), "{}", url.issues[0].message);
    let jpg = probe_image_base64(&b64(&read("img_299x400.jpg")), PATH, &Options::default());
    assert_eq!((jpg.format, codes(&jpg.issues)), (Some("jpeg"), vec!["media_too_small"]));
}

#[test]
fn locale_and_paths() {
    let zh = Options { locale: Locale::Zh, ..Default::default() };
    let info = probe_image(&read("img_299x400.png"), "", &zh);
    assert!(info.issues[0].message.contains("像素"), "{}", info.issues[0].message);
    assert_eq!(info.issues[0].path, "");
}

#[test]
fn random_corruption_never_panics() {
    let files: Vec<Vec<u8>> = ["img_1024x768.png", "img_1920x1080.jpg", "img_800x600.webp", "img_800x600.gif"].iter().map(|n| read(n)).collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for round in 0..1500 {
        let mut d = files[round % files.len()].clone();
        let span = d.len().min(512);
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(span);
            d[at] = rng.next() as u8;
        }
        if rng.below(4) == 0 {
            d.truncate(rng.below(span));
        }
        let info = probe(&d);
        if let (Some(w), Some(h)) = (info.width, info.height) {
            assert!(w <= u64::from(u32::MAX) && h <= u64::from(u32::MAX));
        }
        let b = probe_image_base64(&b64(&d), "", &Options::default());
        assert_eq!((b.width, b.height, b.format), (info.width, info.height, info.format), "round {round}");
    }
}
