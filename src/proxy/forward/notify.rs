//! Kling's POST to a task's callback URL. The body names the task (Kling posts the task object,
//! kling-api.md §9); the token must have been made for that task; the status is believed only
//! after querying Kling for the task, and the hook hears only the confirmed state, with the
//! caller's own id and the owner the id was made for.

use super::{is_success, send};
use crate::proxy::answer::{self, Data};
use crate::proxy::assets::{Asset, OwnedIds};
use crate::proxy::callback;
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::{BodyRoom, ProxyHost};
use crate::proxy::limits;
use crate::proxy::reply::{body_refusal, json_response, refuse};
use crate::proxy::route::{is_safe_id, task_path};
use crate::proxy::state::ProxyState;
use crate::transport::{HttpResponse, Method};

/// Largest callback body read (Kling posts a task object).
const CALLBACK_MAX_BYTES: usize = 256 << 10;

/// Takes Kling's callback for a token this proxy issued, and passes it to the owner's handler.
pub async fn callback<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, token: &str) -> HttpResponse {
    // Shape first: a request that cannot be a callback is refused before its body is read.
    if callback::token_endpoint(token).is_none() {
        return invalid_token(host);
    }
    let body = match host.read_body(CALLBACK_MAX_BYTES, &BodyRoom::all(CALLBACK_MAX_BYTES)).await {
        Ok(b) => answer::repaired(b),
        Err(e) => return body_refusal(host, &e, "callback"),
    };
    let Some((claimed, external_id)) = claim(&body) else {
        return refuse(host, 400, 1200, "bad_callback", "the callback body must be a task object with task_status and task_info.external_task_id");
    };
    let key = callback::derive_key(cfg.signer.secret());
    // The owner the id's prefix names, or (hashed prefixes) the user the token carries.
    let Some((endpoint, owner)) = callback::verify_callback(&key, token, &external_id) else {
        return invalid_token(host);
    };
    let r = match send(cfg, host, Method::Get, task_path(endpoint, &external_id), None).await {
        Ok(r) => r,
        Err(_) => return refuse(host, 502, 5000, "callback_unconfirmed", "could not confirm the task with Kling"),
    };
    let text = answer::repaired(r.body);
    let Some(env) = answer::read(&text).filter(|env| is_success(r.status, env)) else {
        return refuse(host, 502, 5000, "callback_unconfirmed", "could not confirm the task with Kling");
    };
    let Data::Task(data) = &env.data else {
        return ignored();
    };
    let same_task = data.external_id.as_ref().is_some_and(|(id, _)| *id == *external_id);
    if !same_task || data.status.as_deref() != Some(claimed.as_str()) {
        return ignored();
    }
    let mut task = String::with_capacity(data.span.len());
    if !answer::write_owned(&mut task, &text, data.span.clone(), data, &owner) {
        return refuse(host, 502, 5000, "callback_unconfirmed", "could not confirm the task with Kling");
    }
    // A confirmed element or voice task changes the owner's ids: looked up afresh next time.
    if let Some(asset) = Asset::of_family(endpoint) {
        state.owned.invalidate(owner.prefix(), asset);
    }
    // A terminal status settles the user's reservation (limits.rs; a replay finds none).
    limits::settle(&cfg.limits, host, owner.prefix(), data).await;
    host.on_task_update(&task, owner.user_id()).await;
    json_response(200, "{\"ok\":true}".into())
}

/// Stale, replayed out of order, or forged: nothing changes.
fn ignored() -> HttpResponse {
    json_response(202, "{\"ignored\":\"the callback does not match the task's confirmed status\"}".into())
}

fn invalid_token<H: ProxyHost>(host: &H) -> HttpResponse {
    refuse(host, 401, 1002, "invalid_callback_token", "invalid callback token")
}

/// The status the callback claims and the task it names: the task object's own members, or
/// those of an envelope's `data` (should Kling ever wrap it).
fn claim(body: &str) -> Option<(String, String)> {
    let v = answer::read(body)?;
    let task = match &v.data {
        Data::Task(d) => d,
        _ => &v.task,
    };
    let status = task.status.as_deref()?;
    let (id, _) = task.external_id.as_ref()?;
    is_safe_id(id).then(|| (status.to_owned(), id.to_string()))
}
