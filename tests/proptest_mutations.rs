//! Property: one mutation of a generated valid request — a wrong type at a field, a value out
//! of its enum, a string over its length limit, a required field removed, a dangling
//! `<<<image_N>>>` in a prompt the API reads — is reported at exactly the mutated pointer.
#![cfg(not(target_arch = "wasm32"))]

mod proptest_support;

use kling_wasm::Endpoint;
use proptest::prelude::*;
use proptest_support::{apply, errors, families, mutation, seed, validate, Mutation, Pick, CASES};

/// The issue code each mutation must produce at its pointer.
fn expected_codes(m: &Mutation) -> &'static [&'static str] {
    match m {
        Mutation::WrongType(_) => &["wrong_type"],
        Mutation::OutOfEnum(_) => &["invalid_enum", "model_not_for_endpoint"],
        Mutation::TooLong(..) => &["too_long"],
        // A missing field is reported as required, or by the rule that needs it here.
        Mutation::Remove(_) => &[
            "required",
            "prompt_required",
            "aspect_ratio_required",
            "shot_type_required",
            "multi_prompt_required",
            "image_or_tail_required",
            "image_required",
            "camera_config_required",
        ],
        Mutation::Dangling(..) => &["dangling_reference"],
    }
}

fn mutated(endpoint: Endpoint, seed: Vec<u32>, choice: Vec<u32>) -> Result<(), TestCaseError> {
    let g = families::generate(endpoint, &mut Pick::new(seed));
    let mut p = Pick::new(choice);
    let m = mutation(&mut p, &g);
    let text = apply(&mut p, &g.req, &m).to_string();
    let report = validate(endpoint, &text);
    let errs = errors(&report);
    let at = m.path();
    prop_assert!(
        errs.iter().any(|(path, code)| path == at && expected_codes(&m).contains(code)),
        "{m:?}: no {:?} error at {at}; errors {errs:?}\nrequest {text}",
        expected_codes(&m)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn omni_video_mutations_are_reported_at_their_path(s in seed(), c in seed()) {
        mutated(Endpoint::OmniVideo, s, c)?;
    }

    #[test]
    fn text2video_mutations_are_reported_at_their_path(s in seed(), c in seed()) {
        mutated(Endpoint::TextToVideo, s, c)?;
    }

    #[test]
    fn image2video_mutations_are_reported_at_their_path(s in seed(), c in seed()) {
        mutated(Endpoint::ImageToVideo, s, c)?;
    }

    #[test]
    fn omni_image_mutations_are_reported_at_their_path(s in seed(), c in seed()) {
        mutated(Endpoint::OmniImage, s, c)?;
    }
}
