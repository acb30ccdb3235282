//! probe_video against ffprobe on the generated corpus (duration within 0.05 s, displayed size
//! exact, frame rate within 0.01 fps, codec), and the §2.3 issues each fixture was made to raise.

mod media_support;

use kling_wasm::media::{probe_video_bytes, Probe, VideoProbe};
use kling_wasm::{Level, Locale, Options, Severity};
use media_support::*;

const PATH: &str = "/video_list/0/video_url";

fn probe(name: &str) -> kling_wasm::media::VideoInfo {
    probe_video_bytes(&read(name), PATH, &Options::default())
}

#[test]
fn every_video_matches_ffprobe() {
    let files = names(&[".mp4", ".mov", ".m4a"]);
    assert!(files.len() >= 20, "corpus too small: {files:?}");
    let mut compared = 0;
    for name in files {
        let info = probe(&name);
        let Some(ff) = ffprobe(&fixture(&name)) else {
            // ffprobe cannot read it either (a file cut before its moov box).
            assert!(!info.issues.is_empty() && info.duration_seconds.is_none(), "{name}: ffprobe fails but we found {info:?}");
            continue;
        };
        let ff_duration: f64 = ff["format"]["duration"].as_str().and_then(|s| s.parse().ok()).expect("format duration");
        let d = info.duration_seconds.unwrap_or_else(|| panic!("{name}: no duration"));
        assert!((d - ff_duration).abs() <= 0.05, "{name}: duration {d} vs ffprobe {ff_duration}");
        let expected_container = if name.ends_with(".mov") { "mov" } else { "mp4" };
        assert_eq!(info.container, Some(expected_container), "{name}");

        let streams = ff["streams"].as_array().expect("streams");
        let Some(v) = streams.iter().find(|s| s["codec_type"] == "video") else {
            assert!(info.width.is_none() && codes(&info.issues).contains(&"media_no_video_track"), "{name}: {info:?}");
            continue;
        };
        let rotation = v["side_data_list"].as_array().and_then(|l| l.iter().find_map(|sd| sd["rotation"].as_i64())).unwrap_or(0);
        let (mut w, mut h) = (v["width"].as_u64().unwrap(), v["height"].as_u64().unwrap());
        if rotation.rem_euclid(180) == 90 {
            std::mem::swap(&mut w, &mut h);
        }
        assert_eq!((info.width, info.height), (Some(w), Some(h)), "{name}: displayed size (ffprobe rotation {rotation})");
        assert_eq!(i64::from(info.rotation.unwrap()).rem_euclid(180), rotation.rem_euclid(180), "{name}: rotation");
        let ff_fps = rational(v["avg_frame_rate"].as_str().unwrap()).unwrap();
        let fps = info.frame_rate.unwrap_or_else(|| panic!("{name}: no frame rate"));
        assert!((fps - ff_fps).abs() <= 0.01, "{name}: {fps} fps vs ffprobe {ff_fps}");
        assert_eq!(info.codec.as_deref(), v["codec_name"].as_str(), "{name}: codec");
        assert_eq!(info.bytes, std::fs::metadata(fixture(&name)).unwrap().len());
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} videos compared with ffprobe");
}

/// Each fixture's §2.3 issue codes (the corpus script names what each file is made to be).
#[test]
fn each_fixture_raises_exactly_its_issues() {
    let table: &[(&str, &[&str])] = &[
        ("fps_23.976.mp4", &["media_resolution"]), // 640×360; 23.976 fps is within NTSC slack of 24
        ("fps_24.mp4", &[]),
        ("fps_25.mp4", &[]),
        ("fps_29.97.mp4", &[]),
        ("fps_30.mov", &[]),
        ("fps_50.mp4", &[]),
        ("fps_59.94.mp4", &[]),
        ("fps_60.mov", &[]),
        ("fps_15.mp4", &["media_frame_rate"]),
        ("fps_120.mp4", &["media_frame_rate"]),
        ("dur_2.9.mp4", &["media_duration"]),
        ("dur_3.mp4", &[]),
        ("dur_10.mov", &[]),
        ("dur_10.5.mp4", &["media_duration"]),
        ("size_640x360.mp4", &["media_resolution"]),
        ("size_718x1280.mp4", &["media_resolution"]),
        ("size_720x1280.mp4", &[]),
        ("size_1920x1080.mov", &[]),
        ("size_1920x720.mp4", &[]),
        ("size_2160x3840.mp4", &["media_resolution"]),
        ("size_4096x2160.mp4", &["media_resolution"]),
        ("rot_90.mp4", &[]),
        ("rot_90_end.mp4", &[]),
        ("rot_180.mov", &[]),
        ("rot_270.mp4", &[]),
        ("codec_hevc.mp4", &[]),
        ("codec_hevc.mov", &[]),
        ("codec_mpeg4.mp4", &[]),
        ("codec_mpeg4.mov", &[]),
        ("frag_empty_moov.mp4", &[]),
        ("frag_keyframe.mp4", &[]),
        ("av_aac.mp4", &[]),
        ("audio_only.mp4", &["media_no_video_track"]),
        ("audio_only.m4a", &["media_no_video_track"]),
        ("trunc_mdat.mp4", &["media_truncated"]),
        ("trunc_no_moov.mp4", &["media_truncated"]),
    ];
    for (name, want) in table {
        let info = probe(name);
        assert_eq!(codes(&info.issues), *want, "{name}: {:#?}", info.issues);
        for i in &info.issues {
            assert_eq!((i.path.as_str(), i.rule, i.severity), (PATH, "GEN-MEDIA", Severity::Error), "{name}");
            assert!(!i.message.contains('{'), "{name}: unrendered message {}", i.message);
        }
    }
}

#[test]
fn rotation_swaps_the_displayed_sides() {
    let r90 = probe("rot_90.mp4");
    assert_eq!((r90.width, r90.height, r90.rotation), (Some(720), Some(1280), Some(90)));
    let r270 = probe("rot_270.mp4");
    assert_eq!((r270.width, r270.height, r270.rotation), (Some(720), Some(1920), Some(270)));
    let r180 = probe("rot_180.mov");
    assert_eq!((r180.width, r180.height, r180.rotation), (Some(1280), Some(720), Some(180)));
}

#[test]
fn ntsc_rates_are_reported_exactly() {
    let rate = |n: &str| probe(n).frame_rate.unwrap();
    assert!((rate("fps_29.97.mp4") - 30000.0 / 1001.0).abs() < 1e-9);
    assert!((rate("fps_59.94.mp4") - 60000.0 / 1001.0).abs() < 1e-9);
    assert!((rate("fps_23.976.mp4") - 24000.0 / 1001.0).abs() < 1e-9);
}

#[test]
fn fragmented_files_sum_their_fragments() {
    for (name, secs, fps) in [("frag_empty_moov.mp4", 5.0, 25.0), ("frag_keyframe.mp4", 4.0, 30.0)] {
        let info = probe(name);
        assert!(info.fragmented, "{name}");
        assert!((info.duration_seconds.unwrap() - secs).abs() < 1e-9, "{name}: {:?}", info.duration_seconds);
        assert!((info.frame_rate.unwrap() - fps).abs() < 1e-9, "{name}: {:?}", info.frame_rate);
    }
    assert!(!probe("fps_25.mp4").fragmented);
}

#[test]
fn fragments_beyond_the_read_budget_give_a_warning() {
    // Drive the machine but stop feeding after the moov box: the fragments are unread.
    let data = read("frag_empty_moov.mp4");
    let mut p = VideoProbe::new(data.len() as u64);
    let (moov_at, moov_len) = find_box(&data, "moov");
    while let Some(n) = p.need() {
        if n.offset >= (moov_at + moov_len) as u64 {
            break;
        }
        p.feed(&data[n.offset as usize..(n.offset + n.len) as usize]);
    }
    let info = p.finish(PATH, &Options::default());
    assert_eq!(codes(&info.issues), vec!["media_fragmented"]);
    assert_eq!(info.issues[0].severity, Severity::Warning);
    // The one fragment that came with the moov read is only a lower bound: no duration.
    assert_eq!(info.duration_seconds, None);
    assert_eq!(info.frame_rate, Some(25.0));
}

#[test]
fn policy_and_locale_apply() {
    let off = Options { rules: vec![("GEN-MEDIA".into(), Level::Off)], ..Default::default() };
    assert!(probe_video_bytes(&read("fps_15.mp4"), PATH, &off).issues.is_empty());
    let warn = Options { rules: vec![("GEN-MEDIA".into(), Level::Warning)], ..Default::default() };
    let info = probe_video_bytes(&read("fps_15.mp4"), PATH, &warn);
    assert_eq!(info.issues[0].severity, Severity::Warning);
    let zh = Options { locale: Locale::Zh, ..Default::default() };
    let info = probe_video_bytes(&read("fps_15.mp4"), "", &zh);
    assert!(info.issues[0].message.contains("帧率"), "{}", info.issues[0].message);
    assert_eq!(info.issues[0].path, "");
    let en = probe("fps_15.mp4");
    assert!(en.issues[0].message.starts_with("15 fps"), "{}", en.issues[0].message);
}

#[test]
fn moov_front_reads_little_and_serializes_in_camel_case() {
    let info = probe("fps_24.mp4");
    let (moov_at, moov_len) = find_box(&read("fps_24.mp4"), "moov");
    assert!(moov_at < 100, "fixture should be moov-front");
    assert!(info.bytes_read < info.bytes && info.bytes_read <= 64 * 1024 + moov_len as u64);
    let json = serde_json::to_value(&info).unwrap();
    for key in ["container", "durationSeconds", "width", "height", "frameRate", "codec", "bytes", "bytesRead", "issues"] {
        assert!(json.get(key).is_some(), "missing {key} in {json}");
    }
}
