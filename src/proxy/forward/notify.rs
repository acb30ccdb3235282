//! Kling's POST to a task's callback URL. The body names the task (Kling posts the task object,
//! kling-api.md §9); the token must have been made for that task; the status is believed only
//! after querying Kling for the task, and the hook hears only the confirmed state, with the
//! caller's own id and the owner the id was made for.

use super::{is_success, send};
use crate::json::Value;
use crate::proxy::answer;
use crate::proxy::callback;
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::{BodyRoom, ProxyHost};
use crate::proxy::reply::{body_refusal, json_response, refuse};
use crate::proxy::route::{is_safe_id, task_path};
use crate::transport::{HttpResponse, Method};

/// Largest callback body read (Kling posts a task object).
const CALLBACK_MAX_BYTES: usize = 256 << 10;

pub async fn callback<H: ProxyHost>(cfg: &ProxyConfig, host: &H, token: &str) -> HttpResponse {
    // Shape first: a request that cannot be a callback is refused before its body is read.
    if callback::token_endpoint(token).is_none() {
        return invalid_token(host);
    }
    let body = match host.read_body(CALLBACK_MAX_BYTES, &BodyRoom::all(CALLBACK_MAX_BYTES)).await {
        Ok(b) => answer::repaired(b),
        Err(e) => return body_refusal(host, &e, "callback"),
    };
    let Some((claimed, external_id)) = claim(&body) else {
        return refuse(host, 400, 1200, "the callback body must be a task object with task_status and task_info.external_task_id");
    };
    let key = callback::derive_key(cfg.signer.secret());
    // The owner the id's prefix names, or (hashed prefixes) the user the token carries.
    let Some((endpoint, owner)) = callback::verify_callback(&key, token, &external_id) else {
        return invalid_token(host);
    };
    let r = match send(cfg, host, Method::Get, task_path(endpoint, &external_id), None).await {
        Ok(r) => r,
        Err(_) => return refuse(host, 502, 5000, "could not confirm the task with Kling"),
    };
    let text = answer::repaired(r.body);
    let Some(env) = answer::read(&text).filter(|env| is_success(r.status, env)) else {
        return refuse(host, 502, 5000, "could not confirm the task with Kling");
    };
    let data = answer::unique(&env, "data");
    let status = data.and_then(|d| answer::unique(d, "task_status")).and_then(Value::as_str);
    let same_task = data.and_then(answer::external_id).is_some_and(|id| *id == *external_id);
    if !same_task || status.is_none() || status != Some(claimed.as_str()) {
        // Stale, replayed out of order, or forged: nothing changes.
        return json_response(202, "{\"ignored\":\"the callback does not match the task's confirmed status\"}".into());
    }
    let (Some(data), Some(span)) = (data, answer::member_span(&text, &env, "data")) else {
        return refuse(host, 502, 5000, "could not confirm the task with Kling");
    };
    let mut task = String::with_capacity(span.len());
    if !answer::write_owned(&mut task, &text, span, data, &["task_info", "external_task_id"], &owner) {
        return refuse(host, 502, 5000, "could not confirm the task with Kling");
    }
    host.on_task_update(&task, owner.user_id()).await;
    json_response(200, "{\"ok\":true}".into())
}

fn invalid_token<H: ProxyHost>(host: &H) -> HttpResponse {
    refuse(host, 401, 1002, "invalid callback token")
}

/// The status the callback claims and the task it names: the task object's own members, or
/// those of an envelope's `data` (should Kling ever wrap it).
fn claim(body: &str) -> Option<(String, String)> {
    let v = answer::read(body)?;
    let task = match answer::unique(&v, "data") {
        Some(d @ Value::Obj(_)) => d,
        _ => &v,
    };
    let status = answer::unique(task, "task_status")?.as_str()?;
    let id = answer::external_id(task)?;
    is_safe_id(id).then(|| (status.to_owned(), id.to_string()))
}
