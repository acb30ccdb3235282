//! Text-to-Video checks: the general field checks and rules TV-1 … TV-6 (kling-api.md §5.4). The
//! checks text2video shares with image2video live in `rules::video`, reporting under TV-* ids here.

use crate::api::Checked;
use crate::caps::Endpoint;
use crate::field_names;
use crate::json::Value;
use crate::rules::shots::ShotRules;
use crate::rules::video::{self, VideoRules};
use crate::rules::{basic, inputs, Ctx};
use crate::schema::text_to_video as table;

/// TV-1 endpoint models; TV-2 per-model durations, multi-shot and voices; TV-3 sound/voice need
/// pro on kling-v2-6; TV-4 voices; TV-5 the prompt / multi-prompt rules (OV-1, 2, 5, 6 alike);
/// TV-6 camera_control. §12: cfg_scale only on kling-v1.x (TV-2-cfg_scale, an error by default).
const RULES: VideoRules = VideoRules {
    model_name: "TV-1",
    model: "TV-2",
    multi_shot: "TV-2",
    sound_mode: "TV-3",
    voice: "TV-4",
    voice_model: "TV-2",
    cfg_scale: "TV-2-cfg_scale",
    camera: "TV-6",
    shots: ShotRules { mode: "TV-5", single: "TV-5", items: "TV-5", sum: "TV-5" },
};

/// Checks a text2video request: the general checks, then TV-1 … TV-6.
pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", field_names!(table::FIELDS));
    let v = video::check(ctx, req, Endpoint::TextToVideo, &RULES);
    basic::enum_field(ctx, req, "", &table::ASPECT_RATIO);
    // text2video has no image or element list: an <<<image_N>>> or <<<element_N>>> dangles.
    video::references(ctx, &v, &[], &RULES);
    inputs::common_tail(ctx, req);
    Checked { model: v.model }
}
