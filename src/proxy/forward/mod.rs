//! What the proxy sends upstream for each allowed route — creates (re-checked, owned, callback
//! set), queries and lists (ownership enforced on Kling's answer), confirmed callbacks — and what
//! it lets come back. Only the signed Authorization and Content-Type go upstream; only
//! Content-Type comes back, and no answer that repeats a credential comes back at all.

mod admit;
mod assets;
mod costs;
mod create;
mod gather;
mod list;
mod list_index;
mod notify;
mod query;
mod reconcile;

pub use assets::{delete, presets};
pub use costs::account_costs;
pub use create::create;
pub use list::{list, LAST_PAGE, PAGES_PER_REQUEST, UPSTREAM_PAGE_SIZE};
pub use list_index::{FORGET_AFTER_MS, QUERIES_PER_REQUEST};
pub use notify::callback;
pub use query::get;
pub use reconcile::{reconcile, MAX_PER_RUN};

use super::answer::{self, Data};
use super::config::{ProxyConfig, Signer};
use super::host::ProxyHost;
use super::owner::Owner;
use super::reply::{json_response, refuse};
use crate::transport::{HttpRequest, HttpResponse, Method, TransportError};

/// Why an upstream call gave nothing to pass back.
#[derive(Debug)]
pub(crate) enum Failure {
    Transport(TransportError),
    /// Kling's answer (or a gateway's on the way) holds a credential: it is withheld.
    Echoed,
}

/// Secrets shorter than this are not searched for in answers: a real key is 32 characters or
/// more, and a few-letter test key ("k") would match ordinary text and withhold every answer.
const MIN_SECRET_LEN: usize = 8;

pub(crate) async fn send<H: ProxyHost>(cfg: &ProxyConfig, host: &H, method: Method, path: String, body: Option<String>) -> Result<HttpResponse, Failure> {
    let now_s = (host.now_ms() / 1000) as i64;
    let authorization = cfg.signer.authorization(now_s);
    let req = HttpRequest {
        method,
        url: format!("{}{}", cfg.upstream, path),
        headers: vec![("content-type".into(), "application/json".into()), ("authorization".into(), authorization.clone())],
        body,
        timeout_ms: cfg.timeout_ms,
    };
    let resp = host.upstream(req).await.map_err(Failure::Transport)?;
    if echoes_credential(&cfg.signer, &authorization, &resp.body) {
        return Err(Failure::Echoed);
    }
    Ok(resp)
}

/// Whether `text` holds the JWT (its signature segment is enough: without it the rest is not a
/// credential), the secret key, the API key or the access key. The access key too: alone it
/// signs nothing, but it names the account and is half of the pair, and no caller needs it.
fn echoes_credential(signer: &Signer, authorization: &str, text: &str) -> bool {
    let token = authorization.strip_prefix("Bearer ").unwrap_or(authorization);
    let secrets: [&str; 3] = match signer {
        Signer::Keys { access_key, secret_key } => [token.rsplit('.').next().unwrap_or(token), secret_key, access_key],
        Signer::ApiKey(k) => [k, "", ""],
    };
    secrets.iter().any(|s| s.len() >= MIN_SECRET_LEN && text.contains(s))
}

/// The answer for a failed upstream call.
pub(crate) fn failure<H: ProxyHost>(host: &H, f: Failure) -> HttpResponse {
    match f {
        Failure::Transport(TransportError::Timeout) => refuse(host, 504, 5002, "upstream_timeout", "Kling did not answer in time"),
        Failure::Transport(_) => refuse(host, 502, 5000, "upstream_unreachable", "Kling could not be reached"),
        Failure::Echoed => refuse(host, 502, 5000, "upstream_answer_withheld", "Kling's answer was withheld: it repeated a credential"),
    }
}

/// Kling's answer for the caller: its status and JSON text (lone surrogates repaired), with the
/// owner prefix cut from `data.task_info.external_task_id` when the task is the caller's.
fn pass_back<H: ProxyHost>(host: &H, resp: Result<HttpResponse, Failure>, owner: &Owner) -> HttpResponse {
    let r = match resp {
        Ok(r) => r,
        Err(f) => return failure(host, f),
    };
    let text = answer::repaired(r.body);
    let Some(env) = answer::read(&text) else {
        return refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON");
    };
    if let Data::Task(task) = &env.data {
        let mut out = String::with_capacity(text.len());
        if answer::write_owned(&mut out, &text, 0..text.len(), task, owner) {
            return json_response(r.status, out);
        }
    }
    drop(env);
    json_response(r.status, text)
}

/// Whether Kling's answer is a success (HTTP 200, code 0).
fn is_success(status: u16, env: &answer::Envelope) -> bool {
    status == 200 && env.code == Some(0)
}
