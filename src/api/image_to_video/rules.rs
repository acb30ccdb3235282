//! ImageToVideo checks (in progress: only the shared field checks so far).

use super::model::FIELDS;
use crate::api::Checked;
use crate::caps::Endpoint;
use crate::json::Value;
use crate::rules::{basic, inputs, Ctx};

pub fn check(ctx: &mut Ctx, req: &Value) -> Checked {
    basic::object(ctx, req, "", FIELDS);
    let model = inputs::model_name(ctx, req, Endpoint::ImageToVideo);
    inputs::common_tail(ctx, req);
    Checked { model }
}
