//! Image-generation checks: the general field checks and rules IG-1 … IG-7 (kling-api.md §8.1),
//! with the per-model resolutions, aspect ratios and legacy fields read from the capability map.

use crate::api::Checked;
use crate::caps::{self, Elements, Endpoint, ModelCaps};
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::rules::{basic, ids, inputs, table as fields, Ctx};
use crate::schema::image_generation as table;

/// Checks an image-generation request: the general checks, then IG-1 … IG-7.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    let model = inputs::model_name(ctx, req, Endpoint::ImageGeneration);
    let caps = model.and_then(caps::model);
    fields::scalar(ctx, req, "", &table::PROMPT);
    fields::scalar(ctx, req, "", &table::NEGATIVE_PROMPT);
    // By presence, as the API reads them (and as the JSON Schema's IG-2 says): a malformed
    // negative prompt beside an image is still one the API refuses.
    let negative = req.field("negative_prompt").is_some();
    let has_image = req.field("image").is_some();
    fields::scalar(ctx, req, "", &table::IMAGE);
    if has_image && negative {
        ctx.error("/negative_prompt", Code::ExclusiveFields, "IG-2", vec![("fields", (&["negative_prompt", "image"][..]).into())]);
    }
    if let (false, Some(c)) = (has_image, caps.filter(|c| c.needs_image)) {
        ctx.error("/image", Code::RestyleNeedsImage, "IG-7", vec![("model", c.model.into())]);
    }
    elements(ctx, req, caps, has_image);
    legacy(ctx, req, caps, has_image);
    fields::scalar(ctx, req, "", &table::N);
    if let (Some(r), Some(c)) = (fields::text(ctx, req, "", &table::RESOLUTION), caps) {
        // §3.3: kling-v2 makes 2k from text only; image-to-image keeps to 1k.
        let allowed: &[&str] = if has_image && c.model == "kling-v2" { &["1k"] } else { c.resolutions };
        if !allowed.contains(&r) {
            ctx.error("/resolution", Code::ValueNotForModel, "IG-4", vec![("value", r.into()), ("model", c.model.into()), ("allowed", allowed.into())]);
        }
    }
    if let (Some(a), Some(c)) = (fields::text(ctx, req, "", &table::ASPECT_RATIO), caps) {
        if !table::ASPECT_RATIO.narrow.allows(c, a) {
            ctx.error(
                "/aspect_ratio",
                Code::ValueNotForModel,
                "IG-5",
                vec![("value", a.into()), ("model", c.model.into()), ("allowed", c.image_aspects.into())],
            );
        }
    }
    inputs::common_tail(ctx, req);
    Checked { model }
}

/// IG-1: elements only where the model takes them (multi-image ones: §3.4 allows no video
/// character on an image endpoint), and the image and the elements together ≤ 10.
fn elements(ctx: &mut Ctx, req: &Value, caps: Option<&ModelCaps>, has_image: bool) {
    let ids_given = inputs::element_list(ctx, req);
    let count = req.field("element_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    if count == 0 {
        return;
    }
    if let Some(c) = caps.filter(|c| c.elements == Elements::None) {
        ctx.error("/element_list", Code::FeatureUnsupported, "IG-1", vec![("model", c.model.into()), ("feature", "element_list".into())]);
        return;
    }
    for (i, id) in &ids_given {
        if ctx.opts.element_type(id) == Some("video_refer") {
            let path = join(&join("/element_list", i), "element_id");
            ctx.error(
                path,
                Code::FeatureUnsupported,
                ids::CAPS,
                vec![("model", caps.map_or("", |c| c.model).into()), ("feature", "video-character elements".into())],
            );
        }
    }
    let total = count + usize::from(has_image);
    if total > table::MAX_REFERENCES {
        ctx.error("/element_list", Code::TooManyReferences, "IG-1", vec![("count", total.into()), ("max", table::MAX_REFERENCES.into())]);
    }
}

/// IG-3 (image_reference: kling-v1-5 only, and needed there with an image) and IG-6 (the
/// fidelity fields are read only with an image / a "subject" reference: otherwise dropped).
fn legacy(ctx: &mut Ctx, req: &Value, caps: Option<&ModelCaps>, has_image: bool) {
    let reference = fields::text(ctx, req, "", &table::IMAGE_REFERENCE);
    let given = req.field("image_reference").is_some();
    match caps {
        Some(c) if given && !c.image_reference => {
            ctx.error("/image_reference", Code::FeatureUnsupported, "IG-3", vec![("model", c.model.into()), ("feature", "image_reference".into())]);
        }
        Some(c) if c.image_reference && has_image && !given => {
            ctx.error("/image_reference", Code::Required, "IG-3", vec![("field", "image_reference".into())]);
        }
        _ => {}
    }
    if fields::scalar(ctx, req, "", &table::IMAGE_FIDELITY).is_some() && !has_image {
        ctx.ignore_field("image_fidelity", "image is set", "IG-6");
    }
    if fields::scalar(ctx, req, "", &table::HUMAN_FIDELITY).is_some() && reference != Some("subject") {
        ctx.ignore_field("human_fidelity", "image_reference is \"subject\"", "IG-6");
    }
}
