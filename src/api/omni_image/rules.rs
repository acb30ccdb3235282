//! Omni-Image checks: the general field checks and rules OI-1 … OI-5 (kling-api.md §7.1), with
//! the per-model resolutions, series and `auto` aspect support read from the capability map.

use crate::api::Checked;
use crate::caps::{self, Endpoint, ModelCaps, Support};
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::rules::refs::{self, Aliases, Kind};
use crate::rules::{basic, ids, inputs, Ctx};
use crate::schema::omni_image as table;

/// §2.4 / §14 (item 9): the image endpoints' examples name elements `<<<object_N>>>`, CometAPI documents
/// `<<<element_N>>>`; both index element_list.
const ALIASES: Aliases = &[("object", Kind::Element)];

/// Checks an omni-image request: the general checks, then OI-1 … OI-5.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    let model = inputs::model_name(ctx, req, Endpoint::OmniImage);
    let caps = model.and_then(caps::model);
    let prompt = prompt(ctx, req);
    let images = image_list(ctx, req);
    let elements = inputs::element_list(ctx, req);
    let element_count = req.field("element_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    for (i, id) in &elements {
        // §3.4: video-character elements work on no image endpoint (known when the caller cached types).
        if ctx.opts.element_type(id) == Some("video_refer") {
            let path = join(&join("/element_list", i), "element_id");
            ctx.error(path, Code::FeatureUnsupported, ids::CAPS, vec![("model", model.unwrap_or("").into()), ("feature", "video-character elements".into())]);
        }
    }
    let references = images + element_count;
    if references > table::MAX_REFERENCES {
        let path = if images > 0 { "/image_list" } else { "/element_list" };
        ctx.error(path, Code::TooManyReferences, "OI-1", vec![("count", references.into()), ("max", table::MAX_REFERENCES.into())]);
    }
    if let (Some(r), Some(c)) = (basic::enum_field(ctx, req, "", &table::RESOLUTION), caps) {
        if !c.resolutions.contains(&r) {
            ctx.error("/resolution", Code::ValueNotForModel, "OI-2", vec![("value", r.into()), ("model", c.model.into()), ("allowed", c.resolutions.into())]);
        }
    }
    let series = basic::enum_field(ctx, req, "", &table::RESULT_TYPE) == Some("series");
    series_rules(ctx, req, caps, series, references);
    // OI-5 (§12: S1 says image-o1 has no `auto` for text-only generation, S3 says it has): warn
    // only. `auto` is also the API's default when aspect_ratio is left out.
    let aspect = match req.field("aspect_ratio") {
        None => Some("auto"),
        Some(_) => basic::enum_field(ctx, req, "", &table::ASPECT_RATIO),
    };
    if let (Some("auto"), 0, Some(c)) = (aspect, references, caps) {
        if c.auto_aspect_t2i == Support::Disputed {
            ctx.warn(
                "/aspect_ratio",
                Code::FeatureDisputed,
                "OI-5",
                vec![("model", c.model.into()), ("feature", "aspect_ratio \"auto\" without reference images".into())],
            );
        }
    }
    if let Some(p) = prompt {
        let seen = refs::check_with(ctx, &[(p, refs::PromptAt::Top)], &[(Kind::Image, images), (Kind::Element, element_count)], ALIASES);
        refs::unused(ctx, &seen, Kind::Image, 0..images);
        refs::unused(ctx, &seen, Kind::Element, elements.iter().map(|(i, _)| *i));
    }
    inputs::common_tail(ctx, req);
    Checked { model }
}

/// The prompt: required here in every case, non-empty, ≤ 2500 characters.
fn prompt<'v>(ctx: &mut Ctx, req: &'v Value) -> Option<&'v str> {
    let v = basic::require(ctx, req, "", "prompt")?;
    let p = basic::str_of(ctx, v, "/prompt")?;
    if basic::non_empty(ctx, p, "/prompt") {
        basic::max_len(ctx, p, "/prompt", table::PROMPT.max_chars());
    }
    Some(p)
}

/// The `image_list` items (`{ "image": ... }`); returns the list's length.
fn image_list(ctx: &mut Ctx, req: &Value) -> usize {
    for (_, item, path) in basic::object_list(ctx, req, "image_list", field_names!(table::IMAGE)).iter() {
        if let Some(v) = basic::require(ctx, item, path, "image") {
            inputs::image(ctx, v, &join(path, "image"));
        }
    }
    req.field("image_list").and_then(Value::as_arr).map_or(0, |a| a.len())
}

/// OI-3 (series only on kling-v3-omni; OI-3-image: probably with a reference image) and OI-4
/// (`n` counts single results, `series_amount` series ones: the other is ignored, so dropped).
fn series_rules(ctx: &mut Ctx, req: &Value, caps: Option<&ModelCaps>, series: bool, references: usize) {
    for f in [&table::N, &table::SERIES_AMOUNT] {
        if let Some(n) = basic::get_int(ctx, req, "", f.name) {
            let (min, max) = f.range();
            basic::range(ctx, n as f64, &join("", f.name), min, max);
        }
    }
    if !series {
        if req.field("series_amount").is_some() {
            ctx.ignore_field("series_amount", "result_type is \"series\"", "OI-4");
        }
        return;
    }
    if let Some(c) = caps.filter(|c| !c.series) {
        ctx.error(
            "/result_type",
            Code::ValueNotForModel,
            "OI-3",
            vec![("value", "series".into()), ("model", c.model.into()), ("allowed", (&["single"][..]).into())],
        );
    }
    if references == 0 {
        ctx.warn("/result_type", Code::SeriesNeedsImage, "OI-3-image", vec![]);
    }
    if req.field("n").is_some() {
        ctx.ignore_field("n", "result_type is \"single\"", "OI-4");
    }
}
