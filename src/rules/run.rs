//! `Run`: where a task runs (model, mode, duration), for the checks of a feature's modes and
//! durations. Its own file because both `video` (which makes it) and `camera` (which video calls)
//! use it: in video.rs it made the files depend on each other (tests/no_cycles.rs).

use super::Ctx;
use crate::caps::{ModelCaps, Scope};
use crate::issue::Code;

/// Where a task runs, for checks of a feature's modes and durations.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// The model's row of the capability map.
    pub caps: &'static ModelCaps,
    /// "std" or "pro"; "" on a model with one fixed mode.
    pub mode: &'static str,
    /// The output length in seconds (the API's default when not given).
    pub duration: u32,
}

impl Run {
    /// Reports `feature` when the model lacks it (under `missing`) or when the mode or duration is
    /// outside its scope (under `outside`). Returns whether it is allowed here.
    pub fn feature(&self, ctx: &mut Ctx, feature: &'static str, path: &str, scope: Option<Scope>, missing: &'static str, outside: &'static str) -> bool {
        let model = self.caps.model;
        let Some(scope) = scope else {
            ctx.error(path, Code::FeatureUnsupported, missing, vec![("model", model.into()), ("feature", feature.into())]);
            return false;
        };
        let mut ok = true;
        if !scope.modes.is_empty() && !scope.modes.contains(&self.mode) {
            ctx.error(
                "/mode",
                Code::ModeRequired,
                outside,
                vec![("feature", feature.into()), ("model", model.into()), ("mode", scope.modes.join(" / ").into())],
            );
            ok = false;
        }
        if !scope.durations.is_empty() && !scope.durations.contains(&self.duration) {
            let allowed: Vec<String> = scope.durations.iter().map(u32::to_string).collect();
            ctx.error(
                "/duration",
                Code::DurationNotAllowed,
                outside,
                vec![("value", (self.duration as usize).into()), ("model", model.into()), ("allowed", allowed.into())],
            );
            ok = false;
        }
        ok
    }
}
