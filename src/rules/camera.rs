//! Legacy `camera_control` (text2video and image2video, kling-api.md §5.2): its shape (GEN-CAMERA)
//! and where the model allows it (the family's rule: TV-6 / IV-8).

use super::run::Run;
use super::{basic, ids, Ctx};
use crate::caps::Endpoint;
use crate::field_names;
use crate::issue::Code;
use crate::json::Value;
use crate::pointer::join;
use crate::schema::parts::{CAMERA, CAMERA_AXES, CAMERA_TYPES};
// The six axes of `config` are floats in [-10, 10]. Pan/tilt are described with swapped axes on
// the two S2 pages (§12); values pass through unchanged.
const BASE: &str = "/camera_control";
const CONFIG: &str = "/camera_control/config";

/// Checks `camera_control` when present; `run` (None for an unknown model) gives the model's scope.
pub fn check(ctx: &mut Ctx, req: &Value, endpoint: Endpoint, run: Option<Run>, rule: &'static str) {
    let Some(cc) = req.field("camera_control") else { return };
    if !basic::object(ctx, cc, BASE, field_names!(CAMERA)) {
        return;
    }
    // The I2V page marks `type` required, the T2V page optional.
    let kind = match cc.field("type") {
        None => {
            if endpoint == Endpoint::ImageToVideo {
                basic::require(ctx, cc, BASE, "type");
            }
            None
        }
        Some(_) => basic::get_enum(ctx, cc, BASE, "type", CAMERA_TYPES),
    };
    let non_zero = config(ctx, cc);
    match kind {
        Some("simple") if cc.field("config").is_none() => {
            ctx.error(CONFIG, Code::CameraConfigRequired, ids::CAMERA, vec![]);
        }
        Some("simple") => {
            if let Some(n) = non_zero.filter(|n| *n != 1) {
                ctx.error(CONFIG, Code::CameraConfigOneAxis, ids::CAMERA, vec![("count", n.into())]);
            }
        }
        // "Left out or empty" for the other types: all-zero values are taken as empty.
        Some(_) if non_zero.unwrap_or(0) > 0 => {
            ctx.error(CONFIG, Code::CameraConfigForbidden, ids::CAMERA, vec![]);
        }
        _ => {}
    }
    let Some(run) = run else { return };
    let scope = run.caps.camera_control.iter().find(|(e, _)| *e == endpoint).map(|(_, s)| *s);
    if run.feature(ctx, "camera_control", BASE, scope, rule, rule) && run.caps.camera_simple_only {
        if let Some(k) = kind.filter(|k| *k != "simple") {
            let path = join(BASE, "type");
            ctx.error(path, Code::ValueNotForModel, rule, vec![("value", k.into()), ("model", run.caps.model.into()), ("allowed", (&["simple"][..]).into())]);
        }
    }
}

/// The config values, each range-checked; returns how many are non-zero (None when `config` is
/// absent or not an object, which is reported elsewhere or here).
fn config(ctx: &mut Ctx, cc: &Value) -> Option<usize> {
    let cfg = cc.field("config")?;
    if !basic::object(ctx, cfg, CONFIG, field_names!(CAMERA_AXES)) {
        return None;
    }
    let mut non_zero = 0;
    for axis in CAMERA_AXES {
        if let Some(v) = basic::get_f64(ctx, cfg, CONFIG, axis.name) {
            let (min, max) = axis.range();
            basic::range(ctx, v, &join(CONFIG, axis.name), min, max);
            if v != 0.0 {
                non_zero += 1;
            }
        }
    }
    Some(non_zero)
}
