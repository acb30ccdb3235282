//! Cost estimates that give no price: each reason (legacy and default models, the libraries, a
//! base edit without its video's length, rows §10 lacks, inputs only a turned-off rule lets
//! through), invalid requests (the validator's report), hostile text (no panic), and the units
//! text → dollars reading a budget settles with.

use kling_wasm::cost::{estimate, usd_micros_of_units, Estimate, UnitKind, Why};
use kling_wasm::{Endpoint, Level, Locale, Options};
use serde_json::json;

fn off(rules: &[&str]) -> Options {
    Options { rules: rules.iter().map(|r| ((*r).to_owned(), Level::Off)).collect(), ..Options::default() }
}

const BASE_EDIT: &str =
    r#"{"model_name":"kling-v3-omni","prompt":"Make <<<video_1>>> snowy","video_list":[{"video_url":"https://example.com/v.mp4","refer_type":"base"}]}"#;

/// (name, endpoint, request, video seconds, options, the reason, the basis it names)
type Case = (&'static str, Endpoint, String, Option<f64>, Options, Why<'static>, Option<&'static str>);

#[test]
fn each_reason() {
    use Endpoint::*;
    let o1 = json!({"model_name": "kling-video-o1", "prompt": "A cat", "aspect_ratio": "16:9", "duration": "5"});
    let no_model = json!({"prompt": "A cat", "aspect_ratio": "16:9", "duration": "5"});
    let element = json!({"element_name": "Red fox", "element_description": "A plush fox", "reference_type": "image_refer",
                         "element_image_list": {"frontal_image": "https://example.com/f.png", "refer_images": [{"image_url": "https://example.com/s.png"}]}});
    let voice = json!({"voice_name": "Narrator", "voice_url": "https://example.com/sample.wav"});
    let v3 = |patch: serde_json::Value| {
        let mut v = json!({"model_name": "kling-v3", "prompt": "A cat", "duration": "6"});
        for (k, x) in patch.as_object().unwrap() {
            v[k] = x.clone();
        }
        v.to_string()
    };
    let multi = v3(json!({"multi_shot": true, "shot_type": "customize", "multi_prompt": [{"index": 1, "prompt": "a", "duration": "2"}]}));
    let cases: Vec<Case> = vec![
        ("O1", OmniVideo, o1.to_string(), None, Options::default(), Why::NoProduct { model: "kling-video-o1", family: "omni-video", defaulted: false }, None),
        (
            "no model_name",
            OmniVideo,
            no_model.to_string(),
            None,
            off(&["GEN-MODEL"]),
            Why::NoProduct { model: "kling-video-o1", family: "omni-video", defaulted: true },
            None,
        ),
        (
            "legacy t2v",
            TextToVideo,
            r#"{"model_name":"kling-v2-6","prompt":"A cat","duration":"5"}"#.into(),
            None,
            Options::default(),
            Why::NoProduct { model: "kling-v2-6", family: "text2video", defaulted: false },
            None,
        ),
        (
            "image-o1",
            OmniImage,
            r#"{"model_name":"kling-image-o1","prompt":"A cat"}"#.into(),
            None,
            Options::default(),
            Why::NoProduct { model: "kling-image-o1", family: "omni-image", defaulted: false },
            None,
        ),
        (
            "legacy images",
            ImageGeneration,
            r#"{"model_name":"kling-v1","prompt":"A cat"}"#.into(),
            None,
            Options::default(),
            Why::NoProduct { model: "kling-v1", family: "image-generation", defaulted: false },
            None,
        ),
        ("custom element", CustomElement, element.to_string(), None, Options::default(), Why::NoPrices { family: "custom-element" }, None),
        ("custom voice", CustomVoice, voice.to_string(), None, Options::default(), Why::NoPrices { family: "custom-voice" }, None),
        (
            "base edit, no length",
            OmniVideo,
            BASE_EDIT.into(),
            None,
            Options::default(),
            Why::NeedVideoSeconds,
            Some("Video 3.0 Omni · pro, video input, no audio"),
        ),
        (
            "base edit, NaN s",
            OmniVideo,
            BASE_EDIT.into(),
            Some(f64::NAN),
            Options::default(),
            Why::BadVideoSeconds,
            Some("Video 3.0 Omni · pro, video input, no audio"),
        ),
        (
            "base edit, -3 s",
            OmniVideo,
            BASE_EDIT.into(),
            Some(-3.0),
            Options::default(),
            Why::BadVideoSeconds,
            Some("Video 3.0 Omni · pro, video input, no audio"),
        ),
        (
            "base edit, 0 s",
            OmniVideo,
            BASE_EDIT.into(),
            Some(0.0),
            Options::default(),
            Why::BadVideoSeconds,
            Some("Video 3.0 Omni · pro, video input, no audio"),
        ),
        (
            "base edit, a day",
            OmniVideo,
            BASE_EDIT.into(),
            Some(86_400.0),
            Options::default(),
            Why::BadVideoSeconds,
            Some("Video 3.0 Omni · pro, video input, no audio"),
        ),
        (
            "kling-v3 images at 4k",
            ImageGeneration,
            r#"{"model_name":"kling-v3","prompt":"A cat","resolution":"4k"}"#.into(),
            None,
            off(&["IG-4", "GEN-ENUM"]),
            Why::NoImageRow { product: "Image V3.0", resolution: "4k" },
            None,
        ),
        ("a 4k mode", TextToVideo, v3(json!({"mode": "4k"})), None, off(&["GEN-ENUM"]), Why::NoVideoRow { product: "Video V3.0", mode: "4k" }, None),
        ("shots ≠ duration", TextToVideo, multi, None, off(&["TV-5"]), Why::Unreadable { field: "multi_prompt" }, Some("Video V3.0 · std, no audio")),
        (
            "n = 20",
            ImageGeneration,
            r#"{"model_name":"kling-v3","prompt":"A cat","n":20}"#.into(),
            None,
            off(&["GEN-RANGE"]),
            Why::Unreadable { field: "n" },
            Some("Image V3.0 · 1K/2K"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, endpoint, req, secs, opts, why, basis) in cases {
        let want = Estimate::Unpriced { basis, reason: why.text(Locale::En) };
        let got = estimate(endpoint, &req, secs, &opts);
        if got != want {
            failures.push(format!("{name}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reasons_follow_the_locale_and_say_what_to_do() {
    let zh = Options { locale: Locale::Zh, ..Options::default() };
    let Estimate::Unpriced { reason, .. } = estimate(Endpoint::OmniVideo, BASE_EDIT, None, &zh) else { panic!("unpriced expected") };
    assert!(reason.contains("options.videoSeconds") && reason.contains("四舍五入"), "{reason}");
    let Estimate::Unpriced { reason, .. } = estimate(Endpoint::OmniVideo, BASE_EDIT, None, &Options::default()) else { panic!("unpriced expected") };
    assert!(reason.contains("options.videoSeconds") && reason.contains("rounded"), "{reason}");
}

#[test]
fn invalid_requests_give_the_validators_report() {
    let cases = [
        (Endpoint::OmniVideo, r#"{"model_name":"kling-v3-omni","prompt":"","aspect_ratio":"16:9"}"#, "prompt_required"),
        (Endpoint::TextToVideo, r#"{"model_name":"kling-v3","prompt":"x","duration":"20"}"#, "duration_not_allowed"),
        (Endpoint::OmniImage, r#"{"model_name":"kling-v3-omni","prompt":"x","n":10}"#, "out_of_range"),
        (Endpoint::OmniVideo, "not json", "invalid_json"),
        (Endpoint::OmniVideo, "[1,2]", "wrong_type"),
    ];
    for (endpoint, text, code) in cases {
        match estimate(endpoint, text, Some(5.0), &Options::default()) {
            Estimate::Invalid(r) => {
                assert!(!r.ok, "{text}");
                assert!(r.errors().any(|i| i.code.as_str() == code), "{text}: {:?}", r.issues);
                // The same report validate gives.
                assert_eq!(r, kling_wasm::validate(endpoint, text, &Options::default()), "{text}");
            }
            other => panic!("{text}: invalid expected, got {other:?}"),
        }
    }
}

/// Hostile text never panics (wasm panics abort) and is never priced.
#[test]
fn hostile_text_never_panics() {
    let deep = "[".repeat(100_000);
    let long = format!(r#"{{"model_name":"kling-v3","prompt":"{}"}}"#, "x".repeat(1_000_000));
    let many = format!(r#"{{"model_name":"kling-v3","prompt":"x","voice_list":[{}]}}"#, vec!["{}"; 50_000].join(","));
    let texts = [
        deep.as_str(),
        long.as_str(),
        many.as_str(),
        "",
        "\u{0}",
        r#"{"model_name":"kling-v3","prompt":"x","duration":"99999999999999999999"}"#,
        r#"{"model_name":"kling-v3","prompt":"x","duration":1e308}"#,
        r#"{"model_name":"kling-v3","prompt":"x","n":-1}"#,
        r#"{"model_name":"kling-v3-omni","prompt":"x","video_list":[{"video_url":"https://e.com/v.mp4"}],"multi_shot":true}"#,
    ];
    let all_off = off(&["GEN-RANGE", "GEN-ENUM", "GEN-TYPE", "GEN-DURATION", "TV-2", "TV-5", "OV-6", "OV-19", "GEN-UNKNOWN"]);
    for text in texts {
        for endpoint in Endpoint::ALL {
            for opts in [&Options::default(), &all_off] {
                for secs in [None, Some(f64::INFINITY), Some(1e300), Some(5.5)] {
                    let got = estimate(endpoint, text, secs, opts);
                    if let Estimate::Priced(p) = got {
                        // Only the small valid ones may price: bounded amounts.
                        assert!(p.units_tenths < 10_000, "{endpoint:?} {}: {p:?}", &text[..text.len().min(80)]);
                    }
                }
            }
        }
    }
}

#[test]
fn units_text_to_dollars() {
    use UnitKind::*;
    let cases: &[(UnitKind, &str, Option<u64>)] = &[
        (Video, "4.2", Some(588_000)),
        (Video, "0.6", Some(84_000)),
        (Video, "1", Some(140_000)),
        (Video, " 15 ", Some(2_100_000)),
        (Video, "4.", Some(560_000)),
        (Video, ".5", Some(70_000)),
        (Video, "0.0000035", Some(0)),     // 0.49 micro-dollars: rounds down
        (Video, "0.00000357143", Some(1)), // 0.5000002 micro-dollars: rounds up
        (Image, "8", Some(28_000)),
        (Image, "16", Some(56_000)),
        (Image, "0.1", Some(350)),
        (Image, "0.0001", Some(0)), // 0.35 micro-dollars
        (Image, "0.0002", Some(1)), // 0.7 micro-dollars: half up
        (Video, "", None),
        (Video, ".", None),
        (Video, "-1", None),
        (Video, "+1", None),
        (Video, "1e3", None),
        (Video, "4.2.1", None),
        (Video, "NaN", None),
        (Video, "1 000", None),
        (Video, "9999999999999999", None), // 16 integer digits
        (Video, "999999999999999", None),  // 15 digits, but $1.4·10^14 is beyond u64 micro-dollars
        (Video, "99999999999999", Some(13_999_999_999_999_860_000)),
        (Video, "0.1234567890123456789", None),
    ];
    for (kind, text, want) in cases {
        assert_eq!(usd_micros_of_units(*kind, text), *want, "{kind:?} {text:?}");
    }
}

/// The JS shape: exact decimals, the kind, the reason or the issues.
#[test]
fn the_js_shape() {
    use kling_wasm::cost::js::to_json;
    let read =
        |text: &str, secs| serde_json::from_str::<serde_json::Value>(&to_json(&estimate(Endpoint::TextToVideo, text, secs, &Options::default()))).unwrap();
    let priced = read(r#"{"model_name":"kling-v3","prompt":"x","duration":"7","mode":"pro","sound":"on"}"#, None);
    assert_eq!(priced, json!({"units": 8.4, "usd": 1.176, "basis": "Video V3.0 · pro, audio, no voice control", "kind": "video"}));
    let text = to_json(&estimate(Endpoint::TextToVideo, r#"{"model_name":"kling-v3","prompt":"x","duration":"7"}"#, None, &Options::default()));
    assert!(text.starts_with(r#"{"units":4.2,"usd":0.588,"#), "{text}");
    let unpriced = read(r#"{"model_name":"kling-v2-6","prompt":"x"}"#, None);
    assert_eq!((&unpriced["units"], &unpriced["usd"], &unpriced["basis"]), (&json!(null), &json!(null), &json!("")));
    assert!(unpriced["reason"].as_str().is_some_and(|r| r.contains("kling-v2-6")) && unpriced.get("issues").is_none());
    let invalid = read(r#"{"model_name":"kling-v3"}"#, None);
    assert_eq!(invalid["units"], json!(null));
    assert_eq!(invalid["issues"][0]["code"], json!("prompt_required"));
    assert!(invalid.get("reason").is_none());
}

/// `price_body` (what the client and the proxy price: the body they send) agrees with `estimate`
/// on a built body, and a text that is no JSON object is unpriced, never a panic.
#[test]
fn price_body_prices_what_build_wrote() {
    use kling_wasm::cost::price_body;
    let text = r#"{"model_name":"kling-v3","prompt":"x","duration":"7","sound":"on","n":3}"#;
    let body = kling_wasm::build(Endpoint::TextToVideo, &text.replace(",\"n\":3", ""), &Options::default()).unwrap().body;
    assert_eq!(price_body(Endpoint::TextToVideo, &body, None, false, Locale::En), estimate(Endpoint::TextToVideo, &body, None, &Options::default()));
    assert_eq!(price_body(Endpoint::TextToVideo, &body, None, false, Locale::En).price().map(|p| p.units_tenths), Some(63));
    for bad in ["", "[]", "null", "not json", "{", "\"x\""] {
        let want = Estimate::Unpriced { basis: None, reason: Why::Unreadable { field: "body" }.text(Locale::Zh) };
        assert_eq!(price_body(Endpoint::OmniVideo, bad, None, false, Locale::Zh), want, "{bad:?}");
    }
}
