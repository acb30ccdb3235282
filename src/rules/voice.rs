//! `voice_list` (text2video and image2video, kling-api.md §2.4, §5.1, §6.1): at most 2 voices,
//! each a non-empty `voice_id` string; a prompt that names a voice needs `sound: "on"`.

use super::refs::{Kind, Ref};
use super::{basic, Ctx};
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::schema::parts::{self, MAX_VOICES};

/// Checks the list's items and count (under `rule`); returns its length.
pub fn list(ctx: &mut Ctx, req: &Value, rule: &'static str) -> usize {
    for (_, item, path) in basic::object_list(ctx, req, "voice_list", field_names!(parts::VOICE)).iter() {
        if let Some(v) = basic::require(ctx, item, path, "voice_id") {
            // A string: preset ids are names such as "genshin_vindi2" (§8.2).
            let p = join(path, "voice_id");
            if let Some(id) = basic::str_of(ctx, v, &p) {
                basic::non_empty(ctx, id, &p);
            }
        }
    }
    let len = req.field("voice_list").and_then(Value::as_arr).map_or(0, |a| a.len());
    basic::count(ctx, len, "/voice_list", 0, MAX_VOICES, rule);
    len
}

/// A referenced voice is spoken only with sound on; reported at `/sound` under `rule`.
pub fn needs_sound(ctx: &mut Ctx, seen: &[Ref], sound_on: bool, rule: &'static str) {
    if !sound_on && seen.iter().any(|r| r.kind == Kind::Voice) {
        ctx.error("/sound", Code::VoiceRequiresSound, rule, vec![]);
    }
}
