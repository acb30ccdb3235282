//! Property: a generated valid request (any model, with only what that model allows, see
//! proptest_support/families.rs) validates with no error, builds, and its body is the same
//! request under the documented normalisations (nulls removed, model_name explicit, durations
//! as strings, element ids as exact digits); the body fits the family's schema table.
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;
#[path = "common/shape.rs"]
mod shape;

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
    let problems = shape::body_problems(endpoint, &body);
    prop_assert!(problems.is_empty(), "the body does not fit the schema table: {:?}\n{}", problems, built.body);
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
