//! Unit tests of element.rs: §8.3's refer-video limits at each edge and one past it (through
//! `check::video` with made-up facts, so each limit is tested alone), and `plan`'s key matching.

use super::*;
use crate::issue::{Level, Locale, Severity};
use crate::media::check;
use crate::media::facts::{VideoFacts, VideoTrackFacts};
use crate::media::limits::{VideoLimits, REFERENCE_VIDEO, VIDEO_MAX_BYTES};
use crate::media::Fault;

const AT: &str = "/element_video_list/refer_videos/0/video_url";

fn facts(w: u64, h: u64, seconds: f64) -> VideoFacts {
    VideoFacts {
        container: "mp4",
        duration: Some(seconds),
        at_least: None,
        video: Some(VideoTrackFacts { width: w, height: h, rotation: 0, codec: "h264".into(), frame_rate: Some(25.0) }),
        fragmented: false,
        fragments_partial: false,
        truncated: None,
    }
}

/// The codes `check::video` reports for these facts against a row, each checked to be at AT,
/// under the row's rule, an error.
fn codes_for(facts: &Result<VideoFacts, Fault>, bytes: u64, row: &VideoLimits) -> Vec<&'static str> {
    let opts = Options::default();
    let mut ctx = Ctx::new(&opts);
    check::video(&mut ctx, AT, facts, bytes, row);
    for i in &ctx.issues {
        assert_eq!((i.path.as_str(), i.rule, i.severity), (AT, row.rule, Severity::Error), "{i:?}");
    }
    ctx.issues.iter().map(|i| i.code.as_str()).collect()
}

const MB: u64 = 1 << 20;

/// A table row: name, the probe's facts, the file size, the codes wanted.
type Row = (&'static str, Result<VideoFacts, Fault>, u64, &'static [&'static str]);
/// What `plan` made of some keys: the targets, and each issue as (path, code, message).
type Planned = (Vec<Option<String>>, Vec<(String, &'static str, String)>);

#[test]
fn each_element_limit_at_its_edge_and_one_past_it() {
    let ok: &[&str] = &[];
    #[rustfmt::skip]
    let table: &[Row] = &[
        ("1920×1080 5 s 10 MB", Ok(facts(1920, 1080, 5.0)), 10 * MB, ok),
        ("1080×1920 (9:16)", Ok(facts(1080, 1920, 5.0)), 10 * MB, ok),
        // 1080p: the shorter side is exactly 1080 px.
        ("short side 1079", Ok(facts(1918, 1079, 5.0)), MB, &["media_short_side"]),
        ("short side 1081", Ok(facts(1922, 1081, 5.0)), MB, &["media_short_side"]),
        ("720p", Ok(facts(1280, 720, 5.0)), MB, &["media_short_side"]),
        ("1440p", Ok(facts(2560, 1440, 5.0)), MB, &["media_short_side"]),
        ("portrait 720p", Ok(facts(720, 1280, 5.0)), MB, &["media_short_side"]),
        // 16:9 within 1 %: 1901..=1939 px wide at 1080 px high, and the same turned.
        ("1901×1080", Ok(facts(1901, 1080, 5.0)), MB, ok),
        ("1900×1080", Ok(facts(1900, 1080, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("1939×1080", Ok(facts(1939, 1080, 5.0)), MB, ok),
        ("1940×1080", Ok(facts(1940, 1080, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("1080×1901", Ok(facts(1080, 1901, 5.0)), MB, ok),
        ("1080×1900", Ok(facts(1080, 1900, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("1080×1939", Ok(facts(1080, 1939, 5.0)), MB, ok),
        ("1080×1940", Ok(facts(1080, 1940, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("4:3", Ok(facts(1440, 1080, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("1:1", Ok(facts(1080, 1080, 5.0)), MB, &["media_aspect_not_allowed"]),
        ("0×0", Ok(facts(0, 0, 5.0)), MB, &["media_short_side"]),
        // 3–8 s, with the NTSC 0.1 % (an 8 s clip at 29.97 fps is 8.008 s).
        ("3 s", Ok(facts(1920, 1080, 3.0)), MB, ok),
        ("2.99 s", Ok(facts(1920, 1080, 2.99)), MB, &["media_duration"]),
        ("8 s", Ok(facts(1920, 1080, 8.0)), MB, ok),
        ("8.008 s", Ok(facts(1920, 1080, 8.008)), MB, ok),
        ("8.01 s", Ok(facts(1920, 1080, 8.01)), MB, &["media_duration"]),
        ("9 s", Ok(facts(1920, 1080, 9.0)), MB, &["media_duration"]),
        // ≤ 200 MB, read as MiB.
        ("200 MiB", Ok(facts(1920, 1080, 5.0)), VIDEO_MAX_BYTES, ok),
        ("200 MiB + 1", Ok(facts(1920, 1080, 5.0)), VIDEO_MAX_BYTES + 1, &["media_too_large"]),
        // mp4/mov only: another format is a fault of the probe.
        ("webm", Err(Fault::Format("webm")), MB, &["media_format"]),
        ("webm over 200 MiB", Err(Fault::Format("webm")), VIDEO_MAX_BYTES + 1, &["media_format", "media_too_large"]),
        ("cut", Err(Fault::Truncated("no moov".into())), MB, &["media_truncated"]),
        ("everything wrong", Ok(facts(1280, 960, 12.0)), 300 * MB, &["media_too_large", "media_duration", "media_short_side", "media_aspect_not_allowed"]),
    ];
    for (name, f, bytes, want) in table {
        assert_eq!(codes_for(f, *bytes, &ELEMENT_VIDEO), *want, "{name}");
    }
}

#[test]
fn the_element_row_has_no_frame_rate_limit_and_the_reference_row_is_unchanged() {
    let mut f = facts(1920, 1080, 5.0);
    f.video.as_mut().unwrap().frame_rate = Some(120.0);
    assert_eq!(codes_for(&Ok(f.clone()), MB, &ELEMENT_VIDEO), Vec::<&str>::new());
    assert_eq!(codes_for(&Ok(f), MB, &REFERENCE_VIDEO), ["media_frame_rate"]);
    // §2.3 takes 720p and any aspect, and 9 s; §8.3 does not.
    assert_eq!(codes_for(&Ok(facts(1280, 720, 9.0)), MB, &REFERENCE_VIDEO), Vec::<&str>::new());
    assert_eq!(codes_for(&Ok(facts(1080, 1080, 5.0)), MB, &REFERENCE_VIDEO), Vec::<&str>::new());
    let mut none = facts(1920, 1080, 5.0);
    none.video = None;
    assert_eq!(codes_for(&Ok(none), MB, &ELEMENT_VIDEO), ["media_no_video_track"]);
}

#[test]
fn messages_in_both_locales_and_the_rule_policy() {
    let zh = Options { locale: Locale::Zh, ..Options::default() };
    let mut ctx = Ctx::new(&zh);
    check::video(&mut ctx, AT, &Ok(facts(1440, 720, 5.0)), MB, &ELEMENT_VIDEO);
    let texts: Vec<&str> = ctx.issues.iter().map(|i| i.message.as_str()).collect();
    assert_eq!(texts, ["1440×720 像素不是 1080p：较短的一边必须为 1080 像素。", "宽高比 2（1440×720 像素）不是以下之一：16:9、9:16。"]);
    let en = Options::default();
    let mut ctx = Ctx::new(&en);
    check::video(&mut ctx, AT, &Ok(facts(1440, 1080, 5.0)), MB, &ELEMENT_VIDEO);
    assert_eq!(ctx.issues[0].message, "Aspect ratio 1.333 (1440×1080 px) is not one of: 16:9, 9:16.");
    let off = Options { rules: vec![(EL_VIDEO.into(), Level::Off)], ..Options::default() };
    let mut ctx = Ctx::new(&off);
    check::video(&mut ctx, AT, &Ok(facts(1280, 720, 20.0)), 300 * MB, &ELEMENT_VIDEO);
    assert!(ctx.issues.is_empty());
}

const REQUEST: &str = r#"{"element_name":"a","reference_type":"video_refer",
  "element_video_list":{"refer_videos":[{"video_url":"https://x.test/a.mp4"},{"video_url":"https://x.test/b.mp4"},{"video_url":7}]}}"#;

fn plan_of(request: &str, keys: &[&str]) -> Planned {
    let p = plan(request, keys, &Options::default());
    (p.targets, p.issues.into_iter().map(|i| (i.path, i.code.as_str(), i.message)).collect())
}

#[test]
fn files_are_matched_by_url_or_pointer_and_nothing_is_left_unchecked() {
    let b = "/element_video_list/refer_videos/1/video_url";
    let (targets, issues) = plan_of(REQUEST, &["https://x.test/a.mp4", b]);
    assert_eq!(targets, [Some(AT.to_owned()), Some(b.to_owned())]);
    assert!(issues.is_empty(), "{issues:?}");
    // A key that names no refer video (index 2's url is no string), or one already named.
    let (targets, issues) = plan_of(REQUEST, &["a.mp4", "/element_video_list/refer_videos/2/video_url", AT, "https://x.test/a.mp4"]);
    assert_eq!(targets, [None, None, Some(AT.to_owned()), None]);
    let codes: Vec<_> = issues.iter().map(|(p, c, _)| (p.as_str(), *c)).collect();
    assert_eq!(codes, [("", "unknown_option"), ("", "unknown_option"), ("", "invalid_option")]);
    assert!(issues[0].2.contains("files.a.mp4") && issues[0].2.contains(b), "{}", issues[0].2);
    assert!(issues[2].2.contains("a second file for /element_video_list/refer_videos/0/video_url"), "{}", issues[2].2);
    // No refer videos at all: every key is unknown, and the message says why.
    let (_, issues) = plan_of(r#"{"reference_type":"image_refer"}"#, &["x"]);
    assert!(issues[0].2.contains("the request has no element_video_list"), "{}", issues[0].2);
    assert!(plan_of(r#"{"reference_type":"image_refer"}"#, &[]).1.is_empty());
}

#[test]
fn an_unreadable_request_is_one_issue_and_no_file_is_read() {
    for (request, code) in [("{", "invalid_json"), ("[1]", "wrong_type"), ("null", "wrong_type"), (&"[".repeat(100) as &str, "too_deep")] {
        let (targets, issues) = plan_of(request, &["x"]);
        assert_eq!(targets, [None], "{request:.10}");
        assert_eq!(issues.iter().map(|i| i.1).collect::<Vec<_>>(), [code], "{request:.10}");
    }
    let r = check_custom_element_media("[", &[("x", b"")], &Options::default());
    assert!(!r.ok && r.issues.len() == 1);
}

#[test]
fn the_whole_check_over_bytes_reports_each_file_at_its_pointer() {
    let r = check_custom_element_media(REQUEST, &[("https://x.test/b.mp4", b"not a video")], &Options::default());
    assert!(!r.ok);
    let got: Vec<_> = r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str(), i.rule)).collect();
    assert_eq!(got, [("/element_video_list/refer_videos/1/video_url", "media_format", EL_VIDEO)]);
    let none = check_custom_element_media(REQUEST, &[], &Options::default());
    assert!(none.ok && none.issues.is_empty());
}
