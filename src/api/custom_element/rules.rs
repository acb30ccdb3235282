//! Custom-element checks: the general field checks and rules EL-1 … EL-5 (kling-api.md §8.3).
//! EL-VIDEO needs the video file itself, so the media module checks it, asynchronously.

use crate::api::Checked;
use crate::field_names;
use crate::issue::{Code, Level};
use crate::json::Value;
use crate::pointer::join;
use crate::rules::{basic, ids, inputs, table as fields, Ctx};
use crate::schema::custom_element as table;

/// Checks a custom-element request: the general checks, then EL-1 … EL-5.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    for f in &table::FIELDS[..2] {
        fields::scalar(ctx, req, "", f);
    }
    let kind = fields::text(ctx, req, "", &table::FIELDS[2]);
    let lists = [("element_image_list", "image_refer"), ("element_video_list", "video_refer")];
    for (list, owner) in lists {
        match (req.field(list), kind) {
            (None, Some(k)) if k == owner => {
                ctx.error(join("", list), Code::Required, "EL-1", vec![("field", list.into())]);
            }
            // The other type's list: one issue, not one per item too, while EL-1 refuses it; as a
            // warning or off, the list is sent, so its items are checked as usual.
            (Some(_), Some(k)) if k != owner => {
                let refused = matches!(ctx.opts.level("EL-1"), None | Some(Level::Error));
                let params = vec![("field", list.into()), ("expected", owner.into()), ("actual", k.into())];
                ctx.error(join("", list), Code::ListNotForType, "EL-1", params);
                if refused {
                    continue;
                }
            }
            _ => {}
        }
        match (list, req.field(list)) {
            ("element_image_list", Some(v)) => image_list(ctx, v),
            (_, Some(v)) => video_list(ctx, v),
            _ => {}
        }
    }
    // By presence (a malformed voice id on an image element is refused for both reasons).
    fields::scalar(ctx, req, "", &table::FIELDS[5]);
    if req.field("element_voice_id").is_some() && kind.is_some_and(|k| k != "video_refer") {
        ctx.error("/element_voice_id", Code::VoiceNeedsVideoElement, "EL-4", vec![]);
    }
    tags(ctx, req);
    inputs::common_tail(ctx, req);
    Checked { model: None }
}

/// The items of the list `key` of the object `obj` at `base`, each checked as an object with
/// `known` keys: (item, pointer) for those that are objects, after the count check under `rule`.
fn items<'v, 'a>(
    ctx: &mut Ctx,
    obj: &'v Value<'a>,
    base: &str,
    key: &'static str,
    known: &[&str],
    (min, max, rule): (usize, usize, &'static str),
) -> Vec<(&'v Value<'a>, String)> {
    let path = join(base, key);
    if basic::require(ctx, obj, base, key).is_none() {
        return Vec::new();
    }
    let Some(list) = basic::get_arr(ctx, obj, base, key) else { return Vec::new() };
    basic::count(ctx, list.len(), &path, min, max, rule);
    list.iter().enumerate().map(|(i, item)| (item, join(&path, i))).filter(|(item, p)| basic::object(ctx, item, p, known)).collect()
}

/// `element_image_list`: the front view, and 1–3 other views, none the front view again (EL-2).
fn image_list(ctx: &mut Ctx, v: &Value) {
    let base = "/element_image_list";
    if !basic::object(ctx, v, base, field_names!(table::IMAGE_LIST)) {
        return;
    }
    let frontal = fields::text(ctx, v, base, &table::IMAGE_LIST[0]);
    let (min, max) = table::IMAGE_LIST[1].list_len();
    for (item, path) in items(ctx, v, base, "refer_images", field_names!(table::REFER_IMAGE), (min, max, "EL-2")) {
        let url = fields::text(ctx, item, &path, &table::REFER_IMAGE[0]);
        if url.is_some() && url == frontal {
            ctx.error(join(&path, "image_url"), Code::SameAsFrontal, "EL-2", vec![]);
        }
    }
}

/// `element_video_list`: exactly one refer video, an .mp4 or .mov where its URL says (EL-3).
fn video_list(ctx: &mut Ctx, v: &Value) {
    let base = "/element_video_list";
    if !basic::object(ctx, v, base, field_names!(table::VIDEO_LIST)) {
        return;
    }
    let (min, max) = table::VIDEO_LIST[0].list_len();
    for (item, path) in items(ctx, v, base, "refer_videos", field_names!(table::REFER_VIDEO), (min, max, "EL-3")) {
        if let Some(url) = fields::text(ctx, item, &path, &table::REFER_VIDEO[0]) {
            fields::file_type(ctx, url, &join(&path, "video_url"), table::VIDEO_EXTENSIONS, "EL-3");
        }
    }
}

/// `tag_list`: ids from §8.3, each once (EL-5).
fn tags(ctx: &mut Ctx, req: &Value) {
    let mut seen: Vec<&str> = Vec::new();
    for (_, item, path) in basic::object_list(ctx, req, "tag_list", field_names!(table::TAG)).iter() {
        if let Some(id) = fields::text(ctx, item, path, &table::TAG[0]) {
            if seen.contains(&id) {
                ctx.error(join(path, "tag_id"), Code::DuplicateField, "EL-5", vec![("field", id.into())]);
            }
            seen.push(id);
        }
    }
    if let Some(list) = req.field("tag_list").and_then(Value::as_arr) {
        let (_, max) = table::FIELDS[6].list_len();
        basic::count(ctx, list.len(), "/tag_list", 0, max, ids::COUNT);
    }
}
