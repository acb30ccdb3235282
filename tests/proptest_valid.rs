//! Property: a generated valid request (any model, with only what that model allows, see
//! proptest_support/families.rs) validates with no error, builds, and its body is the same
//! request under the documented normalisations (nulls removed, model_name explicit, durations
//! as strings, element ids as exact digits); the body reads back into the family's typed model.
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;

use kling_wasm::api::{image_to_video, omni_image, omni_video, text_to_video};
use kling_wasm::issue::Code;
use kling_wasm::{api, Endpoint, Options};
use proptest::prelude::*;
use proptest_support::{errors, expected_body, families, seed, Pick, CASES};
use serde_json::Value;

fn round_trip(endpoint: Endpoint, seed: Vec<u32>) -> Result<(), TestCaseError> {
    let g = families::generate(endpoint, &mut Pick::new(seed));
    let text = g.text();
    let report = api::validate(endpoint, &text, &Options::default());
    prop_assert!(report.ok, "errors {:?} in {text}", errors(&report));
    // The generators avoid every field the API ignores, so nothing may be dropped.
    prop_assert!(!report.issues.iter().any(|i| i.code == Code::FieldIgnored), "{:?} in {text}", report.issues);
    let built = api::build(endpoint, &text, &Options::default()).map_err(|r| TestCaseError::fail(format!("{r:?}")))?;
    let body: Value = serde_json::from_str(&built.body).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&body, &expected_body(endpoint, &g.req), "request {}", text);
    let typed = match endpoint {
        Endpoint::OmniVideo => serde_json::from_str::<omni_video::model::OmniVideoRequest>(&built.body).err(),
        Endpoint::TextToVideo => serde_json::from_str::<text_to_video::model::TextToVideoRequest>(&built.body).err(),
        Endpoint::ImageToVideo => serde_json::from_str::<image_to_video::model::ImageToVideoRequest>(&built.body).err(),
        Endpoint::OmniImage => serde_json::from_str::<omni_image::model::OmniImageRequest>(&built.body).err(),
    };
    prop_assert!(typed.is_none(), "the body does not read into the typed model: {:?}\n{}", typed, built.body);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn valid_omni_video_requests_build_to_themselves(s in seed()) {
        round_trip(Endpoint::OmniVideo, s)?;
    }

    #[test]
    fn valid_text2video_requests_build_to_themselves(s in seed()) {
        round_trip(Endpoint::TextToVideo, s)?;
    }

    #[test]
    fn valid_image2video_requests_build_to_themselves(s in seed()) {
        round_trip(Endpoint::ImageToVideo, s)?;
    }

    #[test]
    fn valid_omni_image_requests_build_to_themselves(s in seed()) {
        round_trip(Endpoint::OmniImage, s)?;
    }
}
