//! What the proxy sends upstream for each allowed route: creates (re-checked, owned, callback
//! rewritten), queries and lists (ownership enforced), and confirmed callbacks. Only the signed
//! Authorization and Content-Type go upstream; only Content-Type comes back.

use super::callback;
use super::config::ProxyConfig;
use super::handler::{invalid, json_response, refuse, BodyError, ProxyHost};
use super::owner;
use crate::caps::Endpoint;
use crate::issue::Options;
use crate::transport::{HttpRequest, HttpResponse, Method, TransportError};
use serde_json::Value;

/// Largest callback body read (Kling posts a task object).
const CALLBACK_MAX_BYTES: usize = 256 << 10;

pub async fn create<H: ProxyHost>(cfg: &ProxyConfig, host: &H, endpoint: Endpoint, body: &str, user: Option<&str>) -> HttpResponse {
    let text = if cfg.validate {
        let opts = Options { locale: cfg.locale, exact_numbers: true, ..Options::default() };
        match crate::api::build(endpoint, body, &opts) {
            Ok(built) => built.body,
            Err(report) => return invalid(host, &report),
        }
    } else {
        body.to_owned()
    };
    let Some(Value::Object(mut req)) = read_json(&text) else {
        return refuse(host, 400, 1200, "the request body must be a JSON object");
    };
    let given = req.get("external_task_id").and_then(Value::as_str).map(str::to_owned);
    let external_id = match user {
        Some(u) => match owner::owned_external_id(u, given.as_deref(), || host.new_id()) {
            Ok(id) => id,
            Err(_) => return refuse(host, 400, 1201, "external_task_id must be letters, digits and -_.: only, and short"),
        },
        None => given.unwrap_or_else(|| host.new_id()),
    };
    if let Some(base) = &cfg.callback_base {
        let token = callback::make_token(&callback::derive_key(cfg.signer.secret()), endpoint, &external_id);
        req.insert("callback_url".into(), Value::String(format!("{base}/callback/{token}")));
    }
    req.insert("external_task_id".into(), Value::String(external_id));
    let body = Value::Object(req).to_string();
    let resp = send(cfg, host, Method::Post, endpoint.path().to_owned(), Some(body)).await;
    pass_back(host, resp, user, false)
}

pub async fn get<H: ProxyHost>(cfg: &ProxyConfig, host: &H, endpoint: Endpoint, id: &str, user: Option<&str>) -> HttpResponse {
    let Some(user) = user else {
        return pass_back(host, send(cfg, host, Method::Get, format!("{}/{}", endpoint.path(), id), None).await, None, false);
    };
    // The caller names its own external id (we add the owner prefix) or Kling's task_id.
    let owned = format!("{}{}", owner::owner_prefix(user), id);
    if owned.len() <= super::route::MAX_ID_LEN {
        let resp = send(cfg, host, Method::Get, format!("{}/{}", endpoint.path(), owned), None).await;
        if !is_not_found(&resp) {
            return pass_back(host, resp, Some(user), false);
        }
    }
    let resp = send(cfg, host, Method::Get, format!("{}/{}", endpoint.path(), id), None).await;
    if is_success(&resp) && !owns_data(&resp, user) {
        // Another user's task looks exactly like a missing one.
        return refuse(host, 404, 1203, "task not found");
    }
    pass_back(host, resp, Some(user), false)
}

pub async fn list<H: ProxyHost>(cfg: &ProxyConfig, host: &H, endpoint: Endpoint, n: Option<u32>, s: Option<u32>, user: Option<&str>) -> HttpResponse {
    let path = super::route::upstream_path(&super::route::Route::List(endpoint, n, s)).unwrap_or_default();
    pass_back(host, send(cfg, host, Method::Get, path, None).await, user, true)
}

/// Kling's POST to a task's callback URL: the token must be ours; the status is believed only
/// after querying Kling for the task, and the hook hears only the confirmed state.
pub async fn callback<H: ProxyHost>(cfg: &ProxyConfig, host: &H, token: &str) -> HttpResponse {
    let Some((endpoint, external_id)) = callback::verify_token(&callback::derive_key(cfg.signer.secret()), token) else {
        return refuse(host, 401, 1002, "invalid callback token");
    };
    let claimed = match host.read_body(CALLBACK_MAX_BYTES).await {
        Ok(b) => read_json(&b).and_then(|v| v.get("task_status").and_then(Value::as_str).map(str::to_owned)),
        Err(BodyError::TooLarge) => return refuse(host, 413, 1200, "the callback body is too large"),
        Err(BodyError::Unreadable | BodyError::TimedOut) => None,
    };
    let resp = send(cfg, host, Method::Get, format!("{}/{}", endpoint.path(), external_id), None).await;
    let resp = match resp {
        Ok(r) if r.status == 200 && envelope_code(&r.body) == Some(0) => r,
        _ => return refuse(host, 502, 5000, "could not confirm the task with Kling"),
    };
    let mut env = read_json(&resp.body).unwrap_or(Value::Null);
    let status = env.pointer("/data/task_status").and_then(Value::as_str).map(str::to_owned);
    if status.is_none() || claimed != status {
        // Stale, replayed out of order, or forged: nothing changes.
        return json_response(202, "{\"ignored\":\"the callback does not match the task's confirmed status\"}".into());
    }
    let user = owner::owner_of(&external_id);
    if let Some(data) = env.get_mut("data") {
        strip_task(data, user.as_deref());
        host.on_task_update(&data.to_string(), user.as_deref()).await;
    }
    json_response(200, "{\"ok\":true}".into())
}

async fn send<H: ProxyHost>(cfg: &ProxyConfig, host: &H, method: Method, path: String, body: Option<String>) -> Result<HttpResponse, TransportError> {
    let now_s = (host.now_ms() / 1000) as i64;
    let req = HttpRequest {
        method,
        url: format!("{}{}", cfg.upstream, path),
        headers: vec![("content-type".into(), "application/json".into()), ("authorization".into(), cfg.signer.authorization(now_s))],
        body,
        timeout_ms: cfg.timeout_ms,
    };
    host.upstream(req).await
}

fn is_success(resp: &Result<HttpResponse, TransportError>) -> bool {
    matches!(resp, Ok(r) if r.status == 200 && envelope_code(&r.body) == Some(0))
}

fn is_not_found(resp: &Result<HttpResponse, TransportError>) -> bool {
    matches!(resp, Ok(r) if r.status == 404 || envelope_code(&r.body) == Some(1203))
}

fn envelope_code(body: &str) -> Option<i64> {
    read_json(body)?.get("code")?.as_i64()
}

fn owns_data(resp: &Result<HttpResponse, TransportError>, user: &str) -> bool {
    let Ok(r) = resp else { return false };
    let v = read_json(&r.body).unwrap_or(Value::Null);
    owner::owns(user, v.pointer("/data/task_info/external_task_id").and_then(Value::as_str))
}

/// The upstream answer for the caller: Kling's status and JSON body with owner prefixes removed
/// (and, for lists, other users' tasks removed); transport failures as Kling-like 5xx.
fn pass_back<H: ProxyHost>(host: &H, resp: Result<HttpResponse, TransportError>, user: Option<&str>, is_list: bool) -> HttpResponse {
    let resp = match resp {
        Ok(r) => r,
        Err(TransportError::Timeout) => return refuse(host, 504, 5002, "Kling did not answer in time"),
        Err(_) => return refuse(host, 502, 5000, "Kling could not be reached"),
    };
    let Some(mut env) = read_json(&resp.body) else {
        return refuse(host, 502, 5000, "Kling's answer was not JSON");
    };
    if let Some(u) = user {
        match env.get_mut("data") {
            Some(Value::Array(items)) if is_list => {
                items.retain(|t| owner::owns(u, t.pointer("/task_info/external_task_id").and_then(Value::as_str)));
                items.iter_mut().for_each(|t| strip_task(t, Some(u)));
            }
            Some(data @ Value::Object(_)) => strip_task(data, Some(u)),
            _ => {}
        }
    }
    json_response(resp.status, env.to_string())
}

/// JSON text as the proxy reads it: Kling's answers and callbacks, and a create's body. Half a
/// surrogate pair (`"\ud83d"`, an emoji cut in two) is valid for JS's JSON.parse but not for
/// serde_json; it reads as U+FFFD, as the library reads requests (js-10), instead of turning
/// Kling's answer into a 502 the client retries. Every read goes through here, so the ownership
/// checks see the same value that is passed back.
fn read_json(text: &str) -> Option<Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    // Rare path: the library's reader repairs, and its writer gives Unicode serde_json reads.
    let (v, repaired) = crate::json::parse_lenient(text).ok()?;
    if !repaired {
        return None;
    }
    let mut fixed = String::with_capacity(text.len());
    crate::json::write_value(&mut fixed, &v);
    serde_json::from_str(&fixed).ok()
}

/// Hands the task back with the caller's own external_task_id.
fn strip_task(task: &mut Value, user: Option<&str>) {
    let (Some(u), Some(Value::String(id))) = (user, task.pointer_mut("/task_info/external_task_id")) else { return };
    *id = owner::strip_owner(u, id).to_owned();
}
