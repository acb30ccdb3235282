//! capabilities()'s JSON text against the serde derives, and the choices a form relies on.

use super::*;
use serde::Serialize;

/// The hand-written JSON is exactly what the serde derives (the TS types' source) write.
#[test]
fn to_json_is_what_serde_writes() {
    #[derive(Serialize)]
    struct Map {
        models: &'static [ModelCaps],
        endpoints: Vec<EndpointRow>,
    }
    #[derive(Serialize)]
    struct EndpointRow {
        family: &'static str,
        path: &'static str,
        default_model: Option<&'static str>,
        default_mode: Option<&'static str>,
        models: Vec<&'static str>,
    }
    let endpoints = Endpoint::ALL
        .into_iter()
        .map(|e| EndpointRow {
            family: e.family(),
            path: e.path(),
            default_model: e.has_models().then(|| e.default_model()),
            default_mode: e.has_models().then(|| e.default_mode()),
            models: models_for(e),
        })
        .collect();
    let expected = serde_json::to_string(&Map { models: MODELS, endpoints }).unwrap();
    // The choices are written from the tables, not by a derive: compared without them here,
    // and checked by the test below.
    let mut got: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
    for e in got["endpoints"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("choices");
        e.as_object_mut().unwrap().remove("fields");
    }
    assert_eq!(got, serde_json::from_str::<serde_json::Value>(&expected).unwrap());
}

/// The choices are the tables' values narrowed by the map: spot checks a form relies on.
#[test]
fn choices_follow_tables_and_map() {
    let got: serde_json::Value = serde_json::from_str(&to_json()).unwrap();
    let row = |family: &str, model: &str| {
        let e = got["endpoints"].as_array().unwrap().iter().find(|e| e["family"] == family).unwrap();
        e["choices"].as_array().unwrap().iter().find(|c| c["model"] == model).unwrap()["fields"].clone()
    };
    let v3 = row("text2video", "kling-v3");
    assert_eq!(v3["aspect_ratio"]["values"], serde_json::json!(["16:9", "9:16", "1:1"]));
    assert_eq!(v3["duration"]["values"].as_array().unwrap().len(), 13);
    assert_eq!(v3["sound"]["values"], serde_json::json!(["on", "off"]));
    assert_eq!(v3["voice_list"], serde_json::json!({"min": 0, "max": 2}));
    assert_eq!(row("text2video", "kling-v2-5-turbo")["sound"]["values"], serde_json::json!(["off"]));
    assert_eq!(row("text2video", "kling-v2-master")["mode"]["values"], serde_json::json!([]));
    let o1 = row("omni-image", "kling-image-o1");
    assert_eq!(o1["resolution"]["values"], serde_json::json!(["1k", "2k"]));
    assert_eq!(o1["result_type"]["values"], serde_json::json!(["single"]));
    assert_eq!(o1["n"], serde_json::json!({"min": 1, "max": 9}));
    // Every aspect ratio the table declares (no model narrows them): read from the table, so
    // adding one is still one edit.
    let aspects: Vec<&str> = crate::schema::omni_image::ASPECT_RATIO.values().to_vec();
    assert_eq!(row("omni-image", "kling-v3-omni")["aspect_ratio"]["values"], serde_json::json!(aspects));
    assert_eq!(row("image2video", "kling-v1")["cfg_scale"], serde_json::json!({"min": 0, "max": 1}));
    // A field the model lacks the capability for is not offered (the checks would refuse
    // it), nor is a value a rule refuses by default.
    let o1 = row("omni-video", "kling-video-o1");
    assert!(o1.get("shot_type").is_none() && o1.get("multi_prompt").is_none() && o1.get("multi_prompt.duration").is_none());
    assert_eq!(row("omni-video", "kling-v3-omni")["shot_type"]["values"], serde_json::json!(["customize"]));
    assert_eq!(row("text2video", "kling-v3")["shot_type"]["values"], serde_json::json!(["customize", "intelligence"]));
    assert!(v3.get("cfg_scale").is_none() && v3.get("camera_control.type").is_none());
    let v1 = row("text2video", "kling-v1");
    assert!(v1.get("voice_list").is_none() && v1.get("cfg_scale").is_some() && v1.get("camera_control.type").is_some());
    assert!(row("omni-image", "kling-image-o1").get("series_amount").is_none());
    assert!(row("image2video", "kling-v2-master").get("image_tail").is_none() && row("image2video", "kling-v2-master").get("dynamic_masks").is_none());
    // Nested fields by their dotted path.
    let omni = row("omni-video", "kling-v3-omni");
    assert_eq!(omni["image_list.type"]["values"], serde_json::json!(["first_frame", "end_frame"]));
    assert_eq!(omni["video_list.refer_type"]["values"], serde_json::json!(["feature", "base"]));
    assert_eq!(row("text2video", "kling-v1")["camera_control.config.pan"], serde_json::json!({"min": -10, "max": 10}));
    // A family without models: no choices per model, its table's own in `fields`.
    let family = |id: &str| got["endpoints"].as_array().unwrap().iter().find(|e| e["family"] == id).unwrap().clone();
    let element = family("custom-element");
    assert_eq!(element["choices"], serde_json::json!([]));
    let types: Vec<&str> = crate::schema::custom_element::REFERENCE_TYPES.to_vec();
    assert_eq!(element["fields"]["reference_type"]["values"], serde_json::json!(types));
    assert_eq!(element["fields"]["tag_list.tag_id"]["values"], serde_json::json!(crate::schema::custom_element::TAG_IDS));
    assert_eq!(element["fields"]["element_image_list.refer_images"], serde_json::json!({"min": 1, "max": 3}));
    assert_eq!(family("custom-voice")["fields"], serde_json::json!({}));
    // Un-narrowed: kling-v1's missing 21:9 is there, and every duration of the endpoint.
    assert!(family("image-generation")["fields"]["aspect_ratio"]["values"].as_array().unwrap().contains(&serde_json::json!("21:9")));
    assert_eq!(family("text2video")["fields"]["duration"]["values"].as_array().unwrap().len(), 13);
}
