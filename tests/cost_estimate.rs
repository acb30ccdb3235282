//! Cost estimates (kling-api.md §10), table-driven: every row of `schema::prices::PRICES` priced
//! by at least one request, the amounts computed by hand from the table's text, and each kind's
//! rows at one dollar rate per unit (what `usd_micros_of_units` relies on).

use kling_wasm::cost::{estimate, units_text, usd_text, Estimate, UnitKind};
use kling_wasm::schema::prices::{PRICES, PRODUCTS};
use kling_wasm::{Endpoint, Level, Options};
use serde_json::{json, Value};

fn merge(base: Value, patch: Value) -> Value {
    let mut v = base;
    for (k, x) in patch.as_object().expect("a patch object") {
        v[k] = x.clone();
    }
    v
}

fn omni(patch: Value) -> Value {
    merge(json!({"model_name": "kling-v3-omni", "prompt": "A cat walks", "aspect_ratio": "16:9"}), patch)
}
fn t2v(patch: Value) -> Value {
    merge(json!({"model_name": "kling-v3", "prompt": "A cat walks in the rain"}), patch)
}
fn i2v(patch: Value) -> Value {
    merge(json!({"model_name": "kling-v3", "image": "https://example.com/a.png", "prompt": "The cat in <<<image_1>>> wakes up"}), patch)
}
fn oimg(patch: Value) -> Value {
    merge(json!({"model_name": "kling-v3-omni", "prompt": "A poster of <<<image_1>>>", "image_list": [{"image": "https://example.com/a.png"}]}), patch)
}
fn igen(patch: Value) -> Value {
    merge(json!({"model_name": "kling-v3", "prompt": "A red fox in the snow"}), patch)
}
fn video(refer: &str) -> Value {
    json!([{"video_url": "https://example.com/v.mp4", "refer_type": refer}])
}
fn shots(durations: &[u32]) -> Value {
    Value::Array(durations.iter().enumerate().map(|(i, d)| json!({"index": i + 1, "prompt": "a shot", "duration": d.to_string()})).collect())
}
/// OV-15 (sound off with a reference video) turned off: §10 still prices "video input, audio".
fn no_ov15() -> Options {
    Options { rules: vec![("OV-15".into(), Level::Off)], ..Options::default() }
}

struct Case {
    name: &'static str,
    endpoint: Endpoint,
    req: Value,
    video_seconds: Option<f64>,
    opts: Options,
    /// units, USD (decimal text, worked out from §10 by hand) and the row.
    want: (&'static str, &'static str, &'static str),
}

fn case(name: &'static str, endpoint: Endpoint, req: Value, want: (&'static str, &'static str, &'static str)) -> Case {
    Case { name, endpoint, req, video_seconds: None, opts: Options::default(), want }
}

fn cases() -> Vec<Case> {
    use Endpoint::*;
    let vid = video("feature");
    vec![
        // Omni video: pro and 5 s are the API's defaults.
        case("omni defaults", OmniVideo, omni(json!({})), ("4", "0.56", "Video 3.0 Omni · pro, no video input, no audio")),
        case("omni std 7 s", OmniVideo, omni(json!({"mode": "std", "duration": "7"})), ("4.2", "0.588", "Video 3.0 Omni · std, no video input, no audio")),
        case(
            "omni std sound",
            OmniVideo,
            omni(json!({"mode": "std", "sound": "on", "duration": "10"})),
            ("8", "1.12", "Video 3.0 Omni · std, no video input, audio"),
        ),
        case(
            "omni std feature video",
            OmniVideo,
            omni(json!({"mode": "std", "video_list": vid, "prompt": "Next shot of <<<video_1>>>"})),
            ("4.5", "0.63", "Video 3.0 Omni · std, video input, no audio"),
        ),
        Case {
            opts: no_ov15(),
            ..case(
                "omni std video + audio",
                OmniVideo,
                omni(json!({"mode": "std", "sound": "on", "video_list": vid, "prompt": "Next shot of <<<video_1>>>"})),
                ("5.5", "0.77", "Video 3.0 Omni · std, video input, audio"),
            )
        },
        case("omni pro sound 15 s", OmniVideo, omni(json!({"sound": "on", "duration": "15"})), ("15", "2.1", "Video 3.0 Omni · pro, no video input, audio")),
        case(
            "omni pro feature 10 s",
            OmniVideo,
            omni(json!({"mode": "pro", "duration": "10", "video_list": vid, "prompt": "Next shot of <<<video_1>>>"})),
            ("12", "1.68", "Video 3.0 Omni · pro, video input, no audio"),
        ),
        Case {
            opts: no_ov15(),
            ..case(
                "omni pro video + audio 3 s",
                OmniVideo,
                omni(json!({"sound": "on", "duration": "3", "video_list": vid, "prompt": "Next shot of <<<video_1>>>"})),
                ("4.2", "0.588", "Video 3.0 Omni · pro, video input, audio"),
            )
        },
        // A base edit is billed on the input's length, rounded to the nearest second (§4.1).
        Case {
            video_seconds: Some(7.4),
            ..case(
                "omni base 7.4 s",
                OmniVideo,
                json!({"model_name": "kling-v3-omni", "prompt": "Make <<<video_1>>> snowy", "video_list": video("base")}),
                ("8.4", "1.176", "Video 3.0 Omni · pro, video input, no audio"),
            )
        },
        Case {
            video_seconds: Some(4.5),
            ..case(
                "omni base, refer_type left out, 4.5 s",
                OmniVideo,
                json!({"model_name": "kling-v3-omni", "mode": "std", "prompt": "Make <<<video_1>>> snowy",
                       "video_list": [{"video_url": "https://example.com/v.mp4"}]}),
                ("4.5", "0.63", "Video 3.0 Omni · std, video input, no audio"),
            )
        },
        case(
            "omni multi-shot 2 + 4 s",
            OmniVideo,
            json!({"model_name": "kling-v3-omni", "mode": "std", "aspect_ratio": "16:9", "duration": "6", "multi_shot": true,
                   "shot_type": "customize", "multi_prompt": shots(&[2, 4])}),
            ("3.6", "0.504", "Video 3.0 Omni · std, no video input, no audio"),
        ),
        // Video V3.0: std is the default of text2video and image2video.
        case("t2v defaults", TextToVideo, t2v(json!({})), ("3", "0.42", "Video V3.0 · std, no audio")),
        case("t2v std sound", TextToVideo, t2v(json!({"sound": "on"})), ("4.5", "0.63", "Video V3.0 · std, audio, no voice control")),
        case(
            "t2v std voice",
            TextToVideo,
            t2v(json!({"sound": "on", "prompt": "The man <<<voice_1>>> says hello", "voice_list": [{"voice_id": "oversea_male1"}]})),
            ("5.5", "0.77", "Video V3.0 · std, audio, with voice control"),
        ),
        case("t2v pro 10 s", TextToVideo, t2v(json!({"mode": "pro", "duration": "10"})), ("8", "1.12", "Video V3.0 · pro, no audio")),
        case(
            "t2v pro sound 4 s",
            TextToVideo,
            t2v(json!({"mode": "pro", "sound": "on", "duration": "4"})),
            ("4.8", "0.672", "Video V3.0 · pro, audio, no voice control"),
        ),
        case(
            "t2v pro voice 15 s",
            TextToVideo,
            t2v(json!({"mode": "pro", "sound": "on", "duration": "15", "prompt": "The man <<<voice_1>>> says hello",
                       "voice_list": [{"voice_id": "oversea_male1"}]})),
            ("21", "2.94", "Video V3.0 · pro, audio, with voice control"),
        ),
        case(
            "t2v multi-shot 1 + 2 + 3 s",
            TextToVideo,
            json!({"model_name": "kling-v3", "duration": "6", "multi_shot": true, "shot_type": "customize", "multi_prompt": shots(&[1, 2, 3])}),
            ("3.6", "0.504", "Video V3.0 · std, no audio"),
        ),
        case("i2v pro sound", ImageToVideo, i2v(json!({"mode": "pro", "sound": "on"})), ("6", "0.84", "Video V3.0 · pro, audio, no voice control")),
        case(
            "i2v intelligent shots 8 s",
            ImageToVideo,
            i2v(json!({"duration": "8", "multi_shot": true, "shot_type": "intelligence"})),
            ("4.8", "0.672", "Video V3.0 · std, no audio"),
        ),
        // Images: units per image × n (or the series' images).
        case("omni-image defaults", OmniImage, oimg(json!({})), ("8", "0.028", "Image 3.0 Omni · 1K/2K")),
        case("omni-image 2k × 3", OmniImage, oimg(json!({"resolution": "2k", "n": 3})), ("24", "0.084", "Image 3.0 Omni · 1K/2K")),
        case("omni-image 4k × 2", OmniImage, oimg(json!({"resolution": "4k", "n": 2})), ("32", "0.112", "Image 3.0 Omni · 4K")),
        case("omni-image series of 4 (default)", OmniImage, oimg(json!({"result_type": "series"})), ("32", "0.112", "Image 3.0 Omni · 1K/2K")),
        case(
            "omni-image 4k series of 9",
            OmniImage,
            oimg(json!({"result_type": "series", "series_amount": 9, "resolution": "4k"})),
            ("144", "0.504", "Image 3.0 Omni · 4K"),
        ),
        case("image-generation defaults", ImageGeneration, igen(json!({})), ("8", "0.028", "Image V3.0 · 1K/2K")),
        case("image-generation 2k × 9", ImageGeneration, igen(json!({"resolution": "2k", "n": 9})), ("72", "0.252", "Image V3.0 · 1K/2K")),
    ]
}

#[test]
fn every_case_is_priced_as_the_table_says() {
    let mut failures = Vec::new();
    for c in cases() {
        let got = estimate(c.endpoint, &c.req.to_string(), c.video_seconds, &c.opts);
        match &got {
            Estimate::Priced(p) if (units_text(p.units_tenths).as_str(), usd_text(p.usd_micros).as_str(), p.basis) == c.want => {}
            _ => failures.push(format!("{}: want {:?}, got {got:?}", c.name, c.want)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every row a (model, endpoint) can reach is priced by a case; the rows of products no family
/// maps to (motion control: no request family yet) are the only ones left, and are named.
#[test]
fn every_row_is_priced_by_a_case() {
    let cases = cases();
    let unmapped: Vec<&str> = PRICES.iter().filter(|r| !PRODUCTS.iter().any(|p| p.product == r.product)).map(|r| r.basis).collect();
    assert_eq!(unmapped, ["V3.0 Motion Control · std", "V3.0 Motion Control · pro"]);
    for row in PRICES.iter().filter(|r| !unmapped.contains(&r.basis)) {
        assert!(cases.iter().any(|c| c.want.2 == row.basis), "no case prices {}", row.basis);
    }
    // Each case names a real row (a typo in a case would otherwise pass the test above).
    for c in &cases {
        assert!(PRICES.iter().any(|r| r.basis == c.want.2), "{}: {} is not a row", c.name, c.want.2);
    }
}

/// Each row's dollars are its units at its kind's one rate ($0.14 a video unit, $0.0035 an
/// image unit), so the USD of a `final_unit_deduction` can be read from its units alone.
#[test]
fn each_kind_has_one_dollar_rate() {
    assert_eq!(UnitKind::Video.usd_micros_per_unit(), 140_000);
    assert_eq!(UnitKind::Image.usd_micros_per_unit(), 3_500);
    for r in PRICES {
        assert_eq!(u64::from(r.usd_micros) * 10, u64::from(r.units_tenths) * r.kind.usd_micros_per_unit(), "{}", r.basis);
        assert!(r.basis.starts_with(&format!("{} · ", r.product)), "{}", r.basis);
        let want = if r.product.starts_with("Image") { UnitKind::Image } else { UnitKind::Video };
        assert_eq!(r.kind, want, "{}", r.basis);
    }
    // Row names are unique: a basis names one row.
    for (i, r) in PRICES.iter().enumerate() {
        assert!(!PRICES[..i].iter().any(|o| o.basis == r.basis), "{} twice", r.basis);
    }
}
