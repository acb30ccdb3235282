//! `proxy.reconcile(user)`: settles the reservations whose task never reported back (a lost
//! callback, a proxy without callbacks whose client stopped polling, a create whose answer was
//! lost). The ledger names those silent for `reconcileAfterMs` (and not asked about for as long);
//! each is queried by its owned external_task_id: a terminal status settles it, a task Kling
//! does not know releases it (and leaves the index), anything else waits for the next round.
//! A timer runs it: an interval in Node, a Durable Object alarm on Cloudflare.

use super::{admit, is_success, send};
use crate::caps::Endpoint;
use crate::proxy::answer::{self, Data};
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::ProxyHost;
use crate::proxy::limits::{self, ledger_op};
use crate::proxy::reply::json_response;
use crate::proxy::route::task_path;
use crate::proxy::store::ledger;
use crate::transport::{HttpResponse, Method};

/// Reservations one run queries at most (bounds its upstream calls; the rest wait a round).
pub const MAX_PER_RUN: u32 = 50;

/// Queries the silent reservations of the user the store knows as `key`; answers
/// `{"checked":n,"settled":n,"released":n}` (status 503 when the store failed).
pub async fn reconcile<H: ProxyHost>(cfg: &ProxyConfig, host: &H, key: &str) -> HttpResponse {
    let op = ledger::Op::Stale { now: host.now_ms(), after_ms: cfg.limits.reconcile_after_ms, max: MAX_PER_RUN };
    let Ok(stale) = ledger_op(host, key, &op).await else {
        return json_response(503, "{\"error\":\"the store failed\"}".into());
    };
    let (mut checked, mut settled, mut released) = (0u32, 0u32, 0u32);
    for hold in stale.get("keys").and_then(crate::json::Value::as_arr).unwrap_or_default() {
        let (Some(owned), Some(endpoint)) =
            (hold.get("key").and_then(|k| k.as_str()), hold.get("fam").and_then(|f| f.as_str()).and_then(Endpoint::from_family))
        else {
            continue;
        };
        checked += 1;
        let Ok(r) = send(cfg, host, Method::Get, task_path(endpoint, owned), None).await else { continue };
        let text = answer::repaired(r.body);
        let Some(env) = answer::read(&text) else { continue };
        if is_success(r.status, &env) {
            if let Data::Task(task) = &env.data {
                let mine = task.external_id.as_ref().is_some_and(|(id, _)| id == owned);
                if mine && limits::settle(&cfg.limits, host, key, task).await {
                    settled += 1;
                }
            }
        } else if super::query::is_missing(r.status, env.code) {
            // Kling never created it: nothing to charge, no task to list.
            admit::forget(host, key, owned, true).await;
            released += 1;
        }
    }
    json_response(200, format!("{{\"checked\":{checked},\"settled\":{settled},\"released\":{released}}}"))
}
