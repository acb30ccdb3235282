//! Custom-voice checks: the general field checks and rules VC-1 and VC-2 (kling-api.md §8.2).

use crate::api::Checked;
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::rules::{basic, inputs, table as fields, Ctx};
use crate::schema::custom_voice as table;

/// Checks a custom-voice request: the general checks, then VC-1 and VC-2.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    fields::scalar(ctx, req, "", &table::FIELDS[0]);
    let url = fields::text(ctx, req, "", &table::FIELDS[1]);
    fields::scalar(ctx, req, "", &table::FIELDS[2]);
    let sources = ["voice_url", "video_id"];
    match sources.map(|k| req.field(k).is_some()) {
        [false, false] => {
            ctx.error("/voice_url", Code::OneOfRequired, "VC-1", vec![("fields", (&sources[..]).into())]);
        }
        [true, true] => {
            ctx.error("/video_id", Code::ExclusiveFields, "VC-1", vec![("fields", (&sources[..]).into())]);
        }
        _ => {}
    }
    if let Some(url) = url {
        fields::file_type(ctx, url, "/voice_url", table::AUDIO_EXTENSIONS, "VC-2");
    }
    inputs::common_tail(ctx, req);
    Checked { model: None }
}
