//! Omni-video's cross-field rules (`api::omni_video::rules`, OV-1 … OV-19) and omni-image's
//! (`api::omni_image::rules`, OI-1) as JSON Schema.

use super::cond::{all, at_least, at_most, contains, field, forbid, given, is, item_is, not, when};
use super::refs::Count;
use super::tree::{obj, strs, J, S};
use super::values::duration_in;
use super::video::{list, multi_shot, shots, ShotIds};
use super::Doc;

/// An image_list item of this frame type.
fn frame(kind: &str) -> J {
    item_is("type", kind)
}

/// Some image is of this frame type.
fn has_frame(kind: &str) -> J {
    contains("image_list", frame(kind))
}

/// A video_list item the check reads as "base": refer_type left out, null or "base".
fn base_item() -> J {
    S::new().set("type", "object").set("properties", obj(vec![("refer_type", S::new().set("enum", vec![J::from("base"), J::Null]).done())])).done()
}

/// Surely a base video (implies the check's reading: the first video is "base"): one video, base.
fn surely_base() -> J {
    let list = S::new().set("type", "array").set("minItems", 1usize).set("maxItems", 1usize).set("items", base_item()).done();
    S::new().set("required", strs(&["video_list"])).set("properties", obj(vec![("video_list", list)])).done()
}

/// Maybe a base video (follows from the check's reading): some video is base.
fn maybe_base() -> J {
    contains("video_list", base_item())
}

/// `count` ≤ `max` for the lengths of image_list and element_list together, as one constraint per
/// image count (JSON Schema has no sum); `extra`: a condition all of them need.
fn sum_at_most(max: usize, extra: Option<J>, rule: &'static str) -> Vec<J> {
    (1..=max)
        .map(|images| {
            let cond = match &extra {
                Some(c) => all(vec![c.clone(), at_least("image_list", images)]),
                None => at_least("image_list", images),
            };
            when(cond, at_most("element_list", max - images), rule)
        })
        .collect()
}

pub fn omni_video(doc: &mut Doc) {
    doc.partial = &[("OV-5", "here not the shots' index order, nor a shot longer than the request")];
    doc.refs = vec![("image", list(doc, "image_list")), ("element", list(doc, "element_list")), ("video", list(doc, "video_list")), ("voice", Count::Nothing)];
    shots(doc, ShotIds { mode: "OV-1", single: "OV-2" });
    let video = at_least("video_list", 1);
    let (first, end) = (has_frame("first_frame"), has_frame("end_frame"));
    let any_frame = S::new()
        .set("type", "object")
        .set("required", strs(&["type"]))
        .set("properties", obj(vec![("type", S::new().set("enum", strs(&["first_frame", "end_frame"])).done())]))
        .done();
    let one_of_kind = |kind: &str| {
        let list = S::new()
            .r("type", strs(&["array", "null"]), crate::rules::ids::TYPE)
            .r("contains", frame(kind), "OV-10")
            .r("minContains", 0usize, "OV-10")
            .r("maxContains", 1usize, "OV-10")
            .done();
        field("image_list", list)
    };
    doc.all_of.extend([
        forbid(all(vec![multi_shot(), is("shot_type", "intelligence")]), "OV-1-intelligence"),
        forbid(all(vec![multi_shot(), end.clone()]), "OV-3"),
        when(end.clone(), first.clone(), "OV-7"),
        forbid(all(vec![surely_base(), contains("image_list", any_frame)]), "OV-8"),
        one_of_kind("first_frame"),
        one_of_kind("end_frame"),
        when(video.clone(), all(vec![at_most("image_list", 4), at_most("element_list", 4)]), "OV-11"),
        when(first.clone(), at_most("element_list", 3), "OV-12"),
        forbid(all(vec![video.clone(), is("sound", "on")]), "OV-15"),
        S::new().r("anyOf", vec![given("aspect_ratio"), first.clone(), maybe_base()], "OV-17").done(),
    ]);
    doc.all_of.extend(sum_at_most(crate::schema::omni_video::MAX_REFERENCES, None, "OV-11"));
    doc.all_of.extend(sum_at_most(4, Some(video.clone()), "OV-11"));
    let d = |values: &[u32]| field("duration", S::new().set("anyOf", duration_in(values)).done());
    for i in 0..doc.models.len() {
        let m = doc.models[i].0;
        let mut list = Vec::new();
        if !m.multi_shot {
            list.push(forbid(multi_shot(), "OV-4"));
        }
        // OV-18 / OV-19: a base video sets the length (the duration is ignored, any value passes).
        let durations = if m.model == "kling-video-o1" {
            // Text or first-frame video only: every image a first frame, no element, no video.
            let not_first = S::new().set("not", frame("first_frame")).done();
            let plain = all(vec![not(contains("image_list", not_first)), not(at_least("element_list", 1)), not(video.clone())]);
            list.push(forbid(all(vec![end.clone(), at_least("image_list", 3)]), "OV-9"));
            list.push(when(all(vec![first.clone(), end.clone()]), at_most("element_list", 0), "OV-12"));
            S::new().set("if", plain).r("then", d(&[5, 10]), "OV-18").r("else", d(m.durations), "OV-18").done()
        } else if m.model == "kling-v3-omni" {
            let with_video: Vec<u32> = m.durations.iter().copied().filter(|d| *d <= 10).collect();
            S::new().set("if", video.clone()).r("then", d(&with_video), "OV-19").r("else", d(m.durations), "OV-19").done()
        } else {
            S::new().r("allOf", vec![d(m.durations)], "OV-19").done()
        };
        list.push(S::new().set("if", maybe_base()).set("else", durations).done());
        doc.models[i].1.extend(list);
    }
}

pub fn omni_image(doc: &mut Doc) {
    // `<<<object_N>>>` also names an element here (`api::omni_image::rules::ALIASES`).
    let elements = list(doc, "element_list");
    doc.refs = vec![("image", list(doc, "image_list")), ("element", elements), ("object", elements), ("video", Count::Nothing), ("voice", Count::Nothing)];
    doc.all_of.push(super::def("prompt_refs"));
    doc.all_of.extend(sum_at_most(crate::schema::omni_image::MAX_REFERENCES, None, "OI-1"));
}
