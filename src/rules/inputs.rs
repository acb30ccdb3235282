//! Checks of the input fields every family shares: image strings (URL or raw base64), URLs,
//! element ids (exact int64), watermark_info, external_task_id, callback_url, model_name.

use super::basic::{self, wrong_type};
use super::{ids, Ctx};
use crate::caps::{self, Endpoint};
use crate::field_names;
use crate::issue::Code;
use crate::json::{Num, Value};
use crate::pointer::join;
use crate::schema::parts;

/// JS's largest exact integer, 2^53 − 1.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

/// An absolute http(s) URL with a host, no spaces or control characters.
pub fn is_http_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) else { return false };
    // Byte positions of ASCII delimiters fall between characters.
    let host = rest.get(..rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len())).unwrap_or("");
    let host = host.get(host.bytes().rposition(|b| b == b'@').map_or(0, |at| at + 1)..).unwrap_or("");
    !host.is_empty() && !host.starts_with(':') && !has_space_or_control(s)
}

/// Whitespace or a control character anywhere: printable ASCII (what URLs nearly always are)
/// is skipped a word at a time, and characters are read only from the first other byte on.
fn has_space_or_control(s: &str) -> bool {
    let at = crate::json::bytes::printable_until(s.as_bytes(), 0);
    s.get(at..).unwrap_or("").chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Raw base64 of a JPEG or PNG file, the image formats the API takes (§2.2): one alphabet
/// (standard or URL-safe, not mixed), a length some base64 string has, padding only at the end
/// and only to a multiple of four, and a decoded head with the format's signature. A word like
/// "not-a-url" has the alphabet but none of the rest (issue 15).
pub fn is_raw_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    let standard = body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'));
    let url_safe = || body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    let well_formed = padding <= 2 && (padding == 0 || s.len().is_multiple_of(4)) && (standard || url_safe());
    well_formed && crate::media::base64::decoded_len(body).is_some() && has_image_signature(body)
}

/// JPEG's (FF D8 FF) or PNG's (89 50 4E 47 0D 0A 1A 0A) signature at the start of the decoded
/// bytes; only the first 12 characters are decoded.
fn has_image_signature(body: &str) -> bool {
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let head = crate::media::base64::decode_range(body, 0, 8).unwrap_or_default();
    head.starts_with(JPEG) || head.starts_with(PNG)
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
    let canonical = canonical_id(&digits);
    if canonical.is_none() {
        ctx.error(path, Code::InvalidElementId, ids::INT64, vec![]);
    }
    canonical
}

/// Element id digits in canonical form ("0012" and "12" name the same element; the body writes
/// canonical digits), when they are an id: digits only, 1 … 2^63−1.
fn canonical_id(digits: &str) -> Option<String> {
    let canonical = digits.trim_start_matches('0');
    let valid = digits.bytes().all(|b| b.is_ascii_digit()) && canonical.len() <= 19 && canonical.parse::<i64>().is_ok_and(|n| n > 0);
    valid.then(|| canonical.to_owned())
}

/// The fields every create request shares: watermark_info, callback_url, external_task_id.
pub fn common_tail(ctx: &mut Ctx, req: &Value) {
    if let Some(w) = req.field("watermark_info") {
        if basic::object(ctx, w, "/watermark_info", field_names!(parts::WATERMARK)) {
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
        basic::max_len(ctx, id, "/external_task_id", parts::EXTERNAL_TASK_ID.max_chars());
    }
}

/// model_name: one of the endpoint's models. Absent: the API's default applies, which the
/// body names explicitly, with a warning. Returns the model the request will run on.
pub fn model_name(ctx: &mut Ctx, req: &Value, endpoint: Endpoint) -> Option<&'static str> {
    model_name_as(ctx, req, endpoint, ids::MODEL)
}

/// As `model_name`, reporting a model of another endpoint under the family's own rule (TV-1).
pub fn model_name_as(ctx: &mut Ctx, req: &Value, endpoint: Endpoint, rule: &'static str) -> Option<&'static str> {
    match req.field("model_name") {
        None => {
            let model = endpoint.default_model();
            ctx.warn("/model_name", Code::ModelDefaulted, ids::MODEL_DEFAULT, vec![("model", model.into())]);
            Some(model)
        }
        Some(v) => {
            let s = basic::str_of(ctx, v, "/model_name")?;
            // Found in the map directly: the endpoint's list is built only for the message.
            match caps::model(s).filter(|m| m.endpoints.contains(&endpoint)) {
                Some(m) => Some(m.model),
                None => {
                    let allowed = caps::models_for(endpoint);
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
    for (i, item, path) in basic::object_list(ctx, req, "element_list", field_names!(parts::ELEMENT)).iter() {
        if let Some(v) = basic::require(ctx, item, path, "element_id") {
            // Digits in a string, the common case, need no pointer unless they are not an id.
            let id = match v {
                Value::Str(s) => canonical_id(s),
                _ => None,
            };
            if let Some(id) = id.or_else(|| element_id(ctx, v, &join(path, "element_id"))) {
                out.push((i, id));
            }
        }
    }
    out
}
