//! A list page from the caller's task index (store/index.rs), when the index holds every task of
//! the family: the page's owned external ids, newest first, each queried upstream by its
//! external_task_id, answered in Kling's list envelope exactly as the walk answers (list.rs).
//!
//! Cost: one store op, and one upstream query per task answered — at most
//! `QUERIES_PER_REQUEST` per request (a larger pageSize is answered in parts, each with a cursor),
//! so a full listing of k tasks takes k queries in ⌈k / 30⌉ requests, whatever the account holds
//! (the walk: every account task read, 500 per call). Queries run one after another: the proxy's
//! executor has one host call in flight per request.
//!
//! A task Kling says is missing is skipped, and removed from the index once it is older than
//! `FORGET_AFTER_MS` (a younger one may be a create still on its way). Any other failure is not
//! skipped — that would silently miss a task: the first one's answer is the answer, a later one
//! ends the page with a cursor that asks again from that task. The cursor holds the time of the
//! last task answered, so tasks created or removed meanwhile shift nothing. A family whose oldest
//! entries the cap dropped is served from the index, then by a tail walk from the first upstream
//! page that skips what the index holds.

use super::gather::{head_of, Gather, Lister};
use super::query::is_missing;
use super::{failure, is_success, send};
use crate::json::Value;
use crate::proxy::answer::{self, Data};
use crate::proxy::cursor::{Cursor, Position};
use crate::proxy::host::ProxyHost;
use crate::proxy::reply::json_response;
use crate::proxy::route::task_path;
use crate::proxy::store::index;
use crate::transport::{HttpResponse, Method};

/// Upstream queries one list request makes at most from the index (Kling's default page size):
/// bounds its time and its subrequests (a Cloudflare Worker on the free plan has 50).
pub const QUERIES_PER_REQUEST: u32 = 30;
/// An index entry Kling does not know is forgotten after this long (ms): a create may still be on
/// its way before (the client retries it under the same id).
pub const FORGET_AFTER_MS: u64 = 60 * 60 * 1000;

/// A page of the index as the store answered it.
pub(super) struct IndexPage {
    /// The family was walked to the end: the index can answer.
    pub walked: bool,
    /// Nothing was dropped past this page (else a tail walk follows it).
    complete: bool,
    more: bool,
    /// Owned external ids and their times, newest first.
    entries: Vec<(String, u64)>,
}

/// The page of the caller's index before `before` (its first page: `None`); `None` when the store
/// failed or its answer cannot be read (the caller walks: reads fail open).
pub(super) async fn page<H: ProxyHost>(ls: &Lister<'_, H>, before: Option<u64>) -> Option<IndexPage> {
    let size = ls.want.min(QUERIES_PER_REQUEST);
    let v = ls.index_op(index::Op::Page { fam: ls.endpoint.family().to_owned(), before, skip: None, size: size as usize }).await?;
    let flag = |k: &str| v.get(k).and_then(Value::as_bool);
    let exts = v.get("exts")?.as_arr()?;
    let ats = v.get("ats")?.as_arr()?;
    if exts.len() != ats.len() || exts.len() > size as usize {
        return None;
    }
    let entries = exts.iter().zip(ats).map(|(x, a)| Some((x.as_str()?.to_owned(), a.as_u64()?))).collect::<Option<Vec<_>>>()?;
    Some(IndexPage { walked: flag("walked")?, complete: flag("complete")?, more: flag("more")?, entries })
}

/// Answers `page` (a walked family's): each task queried upstream, the caller's kept.
pub(super) async fn answer<H: ProxyHost>(ls: &Lister<'_, H>, page: IndexPage) -> HttpResponse {
    let (cfg, host, owner) = (ls.cfg, ls.host, ls.owner);
    let mut out = Gather::new(ls.want);
    // The time of the last entry dealt with (answered or skipped as missing).
    let mut last: Option<u64> = None;
    let mut stopped = false;
    for (ext, at) in &page.entries {
        let r = match send(cfg, host, Method::Get, task_path(ls.endpoint, ext), None).await {
            Ok(r) => r,
            Err(f) if last.is_none() => return failure(host, f),
            Err(_) => {
                stopped = true;
                break;
            }
        };
        let text = answer::repaired(r.body);
        let env = answer::read(&text);
        match env {
            Some(env) if is_success(r.status, &env) => {
                // Kling reads a path id as a task_id or an external_task_id: only a task whose
                // external id is this entry's is answered (another would be a task twice).
                if let Data::Task(task) = &env.data {
                    if task.external_id.as_ref().is_some_and(|(id, _)| id == ext) && out.push(&text, task, owner) {
                        out.head = Some(head_of(&env));
                    }
                }
            }
            Some(env) if is_missing(r.status, env.code) => {
                if host.now_ms().saturating_sub(*at) > FORGET_AFTER_MS {
                    let _ = ls.index_op(index::Op::Remove { ext: ext.clone() }).await;
                }
            }
            // Throttled, a server error, a gateway's page: about the account, not the task.
            failed if last.is_none() => {
                let Some(env) = failed else {
                    return crate::proxy::reply::refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON");
                };
                drop(env);
                return json_response(r.status, text);
            }
            _ => {
                stopped = true;
                break;
            }
        }
        last = Some(*at);
    }
    let cursor = match (stopped || page.more, last) {
        (true, Some(before)) => Some(Cursor::Index { before }),
        // The index ends here, and older tasks were dropped from it: the walk finds them.
        _ if !page.complete => Some(Cursor::Walk { pos: Position { page: 1, index: 0 }, walk: 0, tail: true }),
        _ => None,
    };
    json_response(200, out.finish(cursor.map(|c| ls.seal(c)).as_deref()))
}
