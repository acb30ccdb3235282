//! The custom-element refer-video check (§8.3, rule EL-VIDEO) on real files from the generated
//! corpus (scripts/make-media-fixtures.sh, el_*): a 1080p 16:9 or 9:16 clip of 5 s passes;
//! 720p, 9 s and 4:3 each fail with their one issue at the refer video's pointer. The same files
//! against §2.3 (probeVideo's limits) show the two rows differ.

mod media_support;

use kling_wasm::media::{check_custom_element_media, probe_element_video, probe_video_bytes, EL_VIDEO};
use kling_wasm::{Options, Severity};
use media_support::*;

const AT: &str = "/element_video_list/refer_videos/0/video_url";

fn request(url: &str) -> String {
    format!(
        r#"{{"element_name":"Ann","element_description":"a person","reference_type":"video_refer","element_video_list":{{"refer_videos":[{{"video_url":"{url}"}}]}}}}"#
    )
}

#[test]
fn each_fixture_gets_the_issue_it_was_made_for() {
    let cases: [(&str, &[&str]); 5] = [
        ("el_1920x1080_5s.mp4", &[]),
        ("el_1080x1920_5s.mov", &[]),
        ("el_1280x720_5s.mp4", &["media_short_side"]),
        ("el_1920x1080_9s.mp4", &["media_duration"]),
        ("el_1440x1080_5s.mp4", &["media_aspect_not_allowed"]),
    ];
    for (name, want) in cases {
        let info = probe_element_video(&read(name), AT, &Options::default());
        assert_eq!(codes(&info.issues), want, "{name}: {info:?}");
        assert!(info.issues.iter().all(|i| i.path == AT && i.rule == EL_VIDEO && i.severity == Severity::Error), "{name}");
        // The whole check, the file keyed by its url, reports the same.
        let report = check_custom_element_media(&request("https://cdn.test/v.mp4"), &[("https://cdn.test/v.mp4", &read(name))], &Options::default());
        assert_eq!((report.ok, codes(&report.issues)), (want.is_empty(), want.to_vec()), "{name}");
    }
}

#[test]
fn the_reference_video_limits_are_another_row() {
    // §2.3 takes 720p and 4:3 (and 9 s); only §8.3 refuses them.
    for name in ["el_1280x720_5s.mp4", "el_1440x1080_5s.mp4", "el_1920x1080_9s.mp4"] {
        let info = probe_video_bytes(&read(name), "/video_list/0/video_url", &Options::default());
        assert_eq!(codes(&info.issues), Vec::<&str>::new(), "{name}");
    }
}
