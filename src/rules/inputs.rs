//! Checks of the input fields every family shares: image strings (URL or raw base64), URLs,
//! element ids (exact int64), watermark_info, external_task_id, callback_url, model_name.

use super::basic::{self, wrong_type};
use super::{ids, Ctx};
use crate::caps::{self, Endpoint};
use crate::issue::Code;
use crate::json::{Num, Value};
use crate::pointer::join;

/// JS's largest exact integer, 2^53 − 1.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// An absolute http(s) URL with a host, no spaces or control characters.
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !(if s.is_ascii() { s.bytes().any(|b| b <= b' ' || b == 0x7f) } else { s.chars().any(|c| c.is_whitespace() || c.is_control()) })
}

/// Raw base64 (standard or URL-safe alphabet, optional padding), at least a few bytes.
pub fn is_raw_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2
        && body.len() >= 8
        && body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
}

/// An image given as a string: an http(s) URL or raw base64, never a `data:` URI, never empty.
pub fn image(ctx: &mut Ctx, v: &Value, path: &str) -> bool {
    let Some(s) = basic::str_of(ctx, v, path) else { return false };
    if !basic::non_empty(ctx, s, path) {
        return false;
    }
    // `get`, not `[..5]`: byte 5 may fall inside a multi-byte character (fuzz finding api-1).
    if s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")) {
        ctx.error(path, Code::DataUriPrefix, ids::IMAGE, vec![]);
        return false;
    }
    if !is_http_url(s) && !is_raw_base64(s) {
        ctx.error(path, Code::InvalidImage, ids::IMAGE, vec![]);
        return false;
    }
    true
}

/// A URL-valued media field (video_url): non-empty absolute http(s) URL.
pub fn media_url(ctx: &mut Ctx, v: &Value, path: &str) -> bool {
    let Some(s) = basic::str_of(ctx, v, path) else { return false };
    if !basic::non_empty(ctx, s, path) {
        return false;
    }
    if !is_http_url(s) {
        ctx.error(path, Code::InvalidUrl, ids::URL, vec![]);
        return false;
    }
    true
}

/// An element id as exact decimal digits, from a string, a BigInt or a safe JS integer.
/// An integer above 2^53 from JS has already lost digits and is refused, unless the input
/// came as JSON text (`Options::exact_numbers`), where the digits are the caller's own.
pub fn element_id(ctx: &mut Ctx, v: &Value, path: &str) -> Option<String> {
    let digits = match v {
        Value::Str(s) => s.to_string(),
        Value::BigInt(d) => d.to_string(),
        Value::Num(Num::U(u)) if *u <= MAX_SAFE_INTEGER || ctx.opts.exact_numbers => u.to_string(),
        Value::Num(Num::U(_)) => {
            ctx.error(path, Code::UnsafeInteger, ids::INT64, vec![]);
            return None;
        }
        Value::Num(_) => {
            ctx.error(path, Code::InvalidElementId, ids::INT64, vec![]);
            return None;
        }
        _ => {
            wrong_type(ctx, path, "string", v);
            return None;
        }
    };
    // "0012" and "12" name the same element; the body writes canonical digits.
    let canonical = digits.trim_start_matches('0');
    let valid = digits.bytes().all(|b| b.is_ascii_digit()) && canonical.len() <= 19 && canonical.parse::<i64>().is_ok_and(|n| n > 0);
    if !valid {
        ctx.error(path, Code::InvalidElementId, ids::INT64, vec![]);
        return None;
    }
    Some(canonical.to_owned())
}

/// The fields every create request shares: watermark_info, callback_url, external_task_id.
pub fn common_tail(ctx: &mut Ctx, req: &Value) {
    if let Some(w) = req.field("watermark_info") {
        if basic::object(ctx, w, "/watermark_info", &["enabled"]) {
            basic::get_bool(ctx, w, "/watermark_info", "enabled");
        }
    }
    // The spec's own examples send "" for these two: the API reads that as "not given", so an
    // empty value is dropped with a warning rather than refused.
    match basic::get_str(ctx, req, "", "callback_url") {
        Some("") => ctx.ignore_field("callback_url", "it is not empty", ids::EMPTY),
        Some(url) if !is_http_url(url) => {
            ctx.error("/callback_url", Code::InvalidUrl, ids::URL, vec![]);
        }
        _ => {}
    }
    match basic::get_str(ctx, req, "", "external_task_id") {
        Some("") => ctx.ignore_field("external_task_id", "it is not empty", ids::EMPTY),
        Some(id) => external_task_id(ctx, id),
        None => {}
    }
}

/// An `external_task_id` that will be sent: non-blank, at most 256 characters.
pub fn external_task_id(ctx: &mut Ctx, id: &str) {
    if basic::non_empty(ctx, id, "/external_task_id") {
        basic::max_len(ctx, id, "/external_task_id", 256);
    }
}

/// model_name: one of the endpoint's models. Absent: the API's default applies, which the
/// body names explicitly, with a warning. Returns the model the request will run on.
pub fn model_name(ctx: &mut Ctx, req: &Value, endpoint: Endpoint) -> Option<&'static str> {
    model_name_as(ctx, req, endpoint, ids::MODEL)
}

/// As `model_name`, reporting a model of another endpoint under the family's own rule (TV-1).
pub fn model_name_as(ctx: &mut Ctx, req: &Value, endpoint: Endpoint, rule: &'static str) -> Option<&'static str> {
    let allowed = caps::models_for(endpoint);
    match req.field("model_name") {
        None => {
            let model = endpoint.default_model();
            ctx.warn("/model_name", Code::ModelDefaulted, ids::MODEL_DEFAULT, vec![("model", model.into())]);
            Some(model)
        }
        Some(v) => {
            let s = basic::str_of(ctx, v, "/model_name")?;
            match allowed.iter().find(|m| **m == s) {
                Some(m) => Some(m),
                None => {
                    ctx.error(
                        "/model_name",
                        Code::ModelNotForEndpoint,
                        rule,
                        vec![("model", s.into()), ("endpoint", endpoint.path().into()), ("allowed", allowed.into())],
                    );
                    None
                }
            }
        }
    }
}

/// The element ids of `element_list` (index, id digits), items checked for shape.
pub fn element_list(ctx: &mut Ctx, req: &Value) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, item, path) in basic::object_list(ctx, req, "element_list", &["element_id"]) {
        if let Some(v) = basic::require(ctx, item, &path, "element_id") {
            if let Some(id) = element_id(ctx, v, &join(&path, "element_id")) {
                out.push((i, id));
            }
        }
    }
    out
}
