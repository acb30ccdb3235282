//! A query for one task: one upstream call, by Kling's task_id or by the caller's own external
//! id (which gets the caller's prefix), and the task handed back only when the answer shows it is
//! the caller's. Another user's task, a task of the other namespace and a missing task all get
//! the same `not_found` answer, byte for byte apart from the request id.

use super::{failure, is_success, send};
use crate::caps::Endpoint;
use crate::proxy::answer::{self, Data};
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::ProxyHost;
use crate::proxy::limits;
use crate::proxy::owner::Owner;
use crate::proxy::reply::{json_response, not_found, refuse};
use crate::proxy::route::{task_path, IdKind};
use crate::transport::{HttpResponse, Method};

/// Forwards a query by task_id or by the owner's external_task_id; another owner's task is a 404.
pub async fn get<H: ProxyHost>(cfg: &ProxyConfig, host: &H, endpoint: Endpoint, id: &str, kind: IdKind, owner: &Owner) -> HttpResponse {
    let upstream_id = match kind {
        IdKind::TaskId => id.to_owned(),
        // An id too long to own cannot name one of the caller's tasks.
        IdKind::External => match owner.owned(id) {
            Some(owned) => owned,
            None => return not_found(host),
        },
    };
    let r = match send(cfg, host, Method::Get, task_path(endpoint, &upstream_id), None).await {
        Ok(r) => r,
        Err(f) => return failure(host, f),
    };
    let text = answer::repaired(r.body);
    let Some(env) = answer::read(&text) else {
        return refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON");
    };
    if is_success(r.status, &env) {
        // Kling reads a path id as a task_id or an external_task_id, so the answer may be
        // anybody's whatever the caller meant: only its external_task_id decides.
        if let Data::Task(task) = &env.data {
            let mut out = String::with_capacity(text.len());
            if answer::write_owned(&mut out, &text, 0..text.len(), task, owner) {
                // A query that sees the end settles the reservation as a callback would.
                limits::settle(&cfg.limits, host, owner.prefix(), task).await;
                return json_response(r.status, out);
            }
        }
        return not_found(host);
    }
    if is_missing(r.status, env.code) {
        return not_found(host);
    }
    // Throttling, server errors: about the account, not the task; passed back as they are.
    drop(env);
    json_response(r.status, text)
}

/// Kling's ways of saying that no such task exists. A query carries nothing but the id, so a
/// parameter error is about the id too; all of these get the proxy's own `not_found`, so what
/// Kling says for a missing id (undocumented) can never differ from what a foreign id gets.
pub(super) fn is_missing(status: u16, code: Option<i64>) -> bool {
    status == 404 || matches!(code, Some(1200 | 1201 | 1203))
}
