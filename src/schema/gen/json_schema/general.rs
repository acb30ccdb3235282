//! The cross-field rules of the §8 families as JSON Schema: image generation
//! (`api::image_generation::rules`: IG-1, IG-2, IG-3, IG-4's image-to-image case, IG-7), custom
//! elements (`api::custom_element::rules`: EL-1, EL-4, EL-5) and custom voices
//! (`api::custom_voice::rules`: VC-1). The checks read these fields by presence (null is left
//! out), so each condition here is `given`/`is`, which is what they test.

use super::cond::{all, at_least, at_most, field, forbid, given, is, when};
use super::tree::{strs, J, S};
use super::Doc;
use crate::caps::Elements;
use crate::rules::ids;
use crate::schema::{custom_element, image_generation};

pub fn image_generation(doc: &mut Doc) {
    doc.partial = &[("IG-1", "here not a video character element, whose kind only options.elementTypes tells")];
    let image = given("image");
    doc.all_of.extend([
        forbid(all(vec![image.clone(), given("negative_prompt")]), "IG-2"),
        // The image counts as one reference: with it, one element fewer (the list's own maxItems
        // says the rest).
        when(image.clone(), at_most("element_list", image_generation::MAX_REFERENCES - 1), "IG-1"),
    ]);
    for i in 0..doc.models.len() {
        let m = doc.models[i].0;
        let mut list = Vec::new();
        if m.elements == Elements::None {
            list.push(forbid(at_least("element_list", 1), "IG-1"));
        }
        if m.image_reference {
            list.push(when(image.clone(), given("image_reference"), "IG-3"));
        } else {
            list.push(forbid(given("image_reference"), "IG-3"));
        }
        if m.needs_image {
            list.push(S::new().r("allOf", vec![image.clone()], "IG-7").done());
        }
        // §3.3: kling-v2 makes 2k from text only (the per-model enum is `narrow`'s).
        if m.model == "kling-v2" {
            let not_2k = S::new().r("not", S::new().set("enum", vec![J::from("2k")]).done(), "IG-4").done();
            list.push(when(image.clone(), field("resolution", not_2k), "IG-4"));
        }
        doc.models[i].1.extend(list);
    }
}

pub fn custom_element(doc: &mut Doc) {
    doc.partial = &[
        ("EL-2", "here not whether a refer image repeats the frontal image"),
        ("EL-3", "here not the file type a video URL names"),
        ("EL-VIDEO", "checked from the file by the media entry, asynchronously"),
    ];
    let kinds = [("image_refer", "element_image_list"), ("video_refer", "element_video_list")];
    for (kind, own) in kinds {
        doc.all_of.push(when(is("reference_type", kind), given(own), "EL-1"));
        for (_, other) in kinds.iter().filter(|(k, _)| *k != kind) {
            doc.all_of.push(forbid(all(vec![is("reference_type", kind), given(other)]), "EL-1"));
        }
    }
    // EL-4: the only other reference type is image_refer (a wrong one is GEN-ENUM's).
    let not_video: Vec<&str> = custom_element::REFERENCE_TYPES.iter().copied().filter(|k| *k != "video_refer").collect();
    for kind in not_video {
        doc.all_of.push(forbid(all(vec![is("reference_type", kind), given("element_voice_id")]), "EL-4"));
    }
    // EL-5: a tag twice. Two items alike as JSON are the same tag_id (other keys are refused).
    // (Typed, tagged as the type check, for strict validators: see `cond::at_most`.)
    let unique = S::new().r("type", strs(&["array", "null"]), ids::TYPE).r("uniqueItems", true, "EL-5").done();
    doc.all_of.push(field("tag_list", unique));
}

pub fn custom_voice(doc: &mut Doc) {
    doc.partial = &[("VC-2", "here not the file type a voice URL names")];
    let (url, video) = (given("voice_url"), given("video_id"));
    doc.all_of.extend([S::new().r("anyOf", vec![url.clone(), video.clone()], "VC-1").done(), forbid(all(vec![url, video]), "VC-1")]);
}
