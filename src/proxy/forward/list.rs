//! A task list that shows the caller its own tasks and nothing about anybody else's, read from
//! the caller's task index when it is complete (list_index.rs: k upstream queries for k tasks),
//! else by a walk of the whole account's pages (here).
//!
//! The walk reads upstream pages of `UPSTREAM_PAGE_SIZE` from the cursor's position, keeping the
//! caller's tasks (prefix cut), until it has `pageSize` of them, read `PAGES_PER_REQUEST` pages,
//! reached the account's end, or Kling's last page number. The answer is Kling's envelope with
//! `data` = those tasks and `next_cursor` when the proxy saw one more task of the caller's (the
//! walk reads on, within the budget, to find it) or ran out of budget first: so a cursor says
//! nothing about other users' tasks, except that an answer short of `pageSize` with a cursor
//! means the budget (2,000 tasks) was read. A client walks until `next_cursor` is absent. Cost: a
//! full walk takes O(account tasks / 500) upstream calls whoever walks (a page may be read twice:
//! once looking ahead, once by the next request); new tasks shift Kling's pages while a walk goes
//! on (newest first), so a task may come twice — clients de-duplicate by task_id.
//!
//! Each walk request adds the caller's tasks it saw to the index (`seen`); a walk that began at
//! the first page (its cursor carries its id, registered in the store at that page) and reached
//! the account's end marks the family complete (`complete`), and the next listing reads the
//! index. Tasks created while the walk goes on are in the index already (admit.rs adds them
//! before sending), so the merge keeps them. A store that fails leaves the index as it was (the
//! walk answers all the same: reads fail open).
//!
//! Filtering works on the text: one read of each page (`answer::read`) gives the spans of its
//! tasks and their external ids, which tell whose each task is, and the kept tasks' text is
//! copied with only the prefix cut, not parsed into values and written back.

use super::gather::{head_of, Gather, Lister};
pub use super::gather::{LAST_PAGE, PAGES_PER_REQUEST, UPSTREAM_PAGE_SIZE};
use super::list_index;
use super::{failure, is_success, send};
use crate::caps::Endpoint;
use crate::json::Value;
use crate::proxy::answer::{self, Data, Task};
use crate::proxy::assets::Asset;
use crate::proxy::config::ProxyConfig;
use crate::proxy::cursor::{Cursor, Keys, Position};
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::Owner;
use crate::proxy::reply::{json_response, refuse};
use crate::proxy::route::{page_path, ListQuery};
use crate::proxy::store::index;
use crate::transport::{HttpResponse, Method};

/// Tasks per answer when the caller names no pageSize (Kling's own default).
const DEFAULT_PAGE_SIZE: u32 = 30;

/// Forwards a list: from the index when it is complete, else by a walk of the upstream pages;
/// answers only the owner's tasks, with a cursor.
pub async fn list<H: ProxyHost>(cfg: &ProxyConfig, host: &H, endpoint: Endpoint, q: &ListQuery, owner: &Owner) -> HttpResponse {
    if q.page_num.is_some_and(|n| n != 1) {
        return refuse(host, 400, 1201, "invalid_request", "pageNum cannot be used here: ask without it, then pass each answer's next_cursor as cursor");
    }
    let want = q.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    // Kling's own bound for the family (custom voices: 1000), whatever the walk's page size.
    let most = Asset::of_family(endpoint).map_or(UPSTREAM_PAGE_SIZE, Asset::page_size);
    if !(1..=most).contains(&want) {
        return refuse(host, 400, 1201, "invalid_request", &format!("pageSize must be 1 to {most}"));
    }
    let ls = Lister { cfg, host, endpoint, owner, keys: Keys::derive(cfg.signer.secret()), want };
    let bad = || refuse(host, 400, 1201, "invalid_cursor", "invalid cursor (it belongs to another list or user, or was changed)");
    let at = match &q.cursor {
        None => None,
        Some(c) => match ls.keys.open_cursor(c, endpoint.family(), owner.prefix()) {
            Some(Cursor::Walk { pos, .. }) if !(1..=LAST_PAGE).contains(&pos.page) => return bad(),
            Some(c) => Some(c),
            None => return bad(),
        },
    };
    match at {
        None => match list_index::page(&ls, None).await {
            Some(page) if page.walked => list_index::answer(&ls, page).await,
            // Incomplete (a fresh or restarted store), unreadable, or the store failed: the walk,
            // from the first page, registered so that its end may complete the index.
            _ => walk(&ls, Position { page: 1, index: 0 }, walk_id(host), false, true).await,
        },
        Some(Cursor::Index { before }) => match list_index::page(&ls, Some(before)).await {
            Some(page) if page.walked => list_index::answer(&ls, page).await,
            // The index is gone since the last page (a restart) or the store fails: a fresh walk
            // (tasks already answered may come again; none is missed).
            _ => walk(&ls, Position { page: 1, index: 0 }, walk_id(host), false, true).await,
        },
        Some(Cursor::Walk { pos, walk: id, tail }) => walk(&ls, pos, id, tail, false).await,
    }
}

/// A walk's request from `pos`: `id` non-zero when the walk began at the first page (`first`:
/// this request is that first page), `tail` when it follows the index's pages and skips the tasks
/// the index holds.
async fn walk<H: ProxyHost>(ls: &Lister<'_, H>, mut pos: Position, id: u32, tail: bool, first: bool) -> HttpResponse {
    let (cfg, host, endpoint, owner) = (ls.cfg, ls.host, ls.endpoint, ls.owner);
    let mut walk = Gather::new(ls.want);
    let mut next = Some(pos);
    let mut at_end = false;
    for _ in 0..PAGES_PER_REQUEST {
        let r = match send(cfg, host, Method::Get, page_path(endpoint, pos.page, UPSTREAM_PAGE_SIZE), None).await {
            Ok(r) => r,
            // Nothing read yet: the failure is the answer. Else what was found, and a cursor
            // that retries this page.
            Err(f) if walk.head.is_none() => return failure(host, f),
            Err(_) => break,
        };
        let text = answer::repaired(r.body);
        let Some(env) = answer::read(&text) else {
            if walk.head.is_none() {
                return refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON");
            }
            break;
        };
        if !is_success(r.status, &env) {
            if walk.head.is_none() {
                drop(env);
                return json_response(r.status, text);
            }
            break;
        }
        let Data::List(tasks) = &env.data else {
            if walk.head.is_none() {
                return refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not a task list");
            }
            break;
        };
        let skip = if tail { held(ls, tasks, pos).await } else { Vec::new() };
        next = walk.page(&text, tasks, pos, owner, &skip, host.now_ms());
        at_end = next.is_none() && tasks.len() < UPSTREAM_PAGE_SIZE as usize;
        walk.head = Some(head_of(&env));
        // On to the next page, to fill the answer or to look for one more task of the caller's.
        match next {
            Some(p) if p.page != pos.page => pos = p,
            _ => break,
        }
    }
    if !tail {
        remember(ls, std::mem::take(&mut walk.found), id, first, at_end).await;
    }
    let cursor = next.map(|p| ls.seal(Cursor::Walk { pos: p, walk: id, tail }));
    json_response(200, walk.finish(cursor.as_deref()))
}

/// Tells the index what a walk's request saw: the tasks, and at the account's end of a walk
/// that began at the first page, that the family is complete. Best effort: a store that fails
/// now leaves the index incomplete, and listings walk.
async fn remember<H: ProxyHost>(ls: &Lister<'_, H>, found: Vec<(String, u64)>, id: u32, first: bool, at_end: bool) {
    let fam = ls.endpoint.family();
    let cap = ls.cfg.index_cap;
    let (fam, cap) = (fam.to_owned(), Some(cap));
    let op = match (at_end && id != 0, first) {
        // The whole walk was this request: nothing can have been lost in between.
        (true, true) => index::Op::Complete { fam, found, cap, walk: None },
        (true, false) => index::Op::Complete { fam, found, cap, walk: Some(id) },
        (false, _) if found.is_empty() && !first => return,
        (false, _) => index::Op::Seen { fam, found, cap, start: (first && id != 0).then_some(id) },
    };
    let _ = ls.index_op(op).await;
}

/// Which tasks of a page (from `pos.index` on) are the caller's and held by the index (a tail
/// walk skips them: the index's pages answered them). A store that fails skips none (a task may
/// then come twice; none is missed).
async fn held<H: ProxyHost>(ls: &Lister<'_, H>, tasks: &[Task<'_>], pos: Position) -> Vec<bool> {
    let mine: Vec<(usize, &str)> = tasks
        .iter()
        .enumerate()
        .skip(pos.index as usize)
        .filter(|(_, t)| t.owned_by(ls.owner))
        .filter_map(|(i, t)| Some((i, t.external_id.as_ref()?.0.as_ref())))
        .collect();
    let mut skip = vec![false; tasks.len()];
    if mine.is_empty() {
        return skip;
    }
    let exts = mine.iter().map(|(_, x)| x.to_string()).collect();
    let Some(v) = ls.index_op(index::Op::Known { exts }).await else { return skip };
    let known = v.get("known").and_then(Value::as_arr).unwrap_or_default();
    for ((i, _), k) in mine.iter().zip(known) {
        if let (Some(s), Some(true)) = (skip.get_mut(*i), k.as_bool()) {
            *s = true;
        }
    }
    skip
}

/// A walk id: non-zero, from a fresh id and the time (FNV-1a).
fn walk_id<H: ProxyHost>(host: &H) -> u32 {
    let seed = format!("{}.{}", host.new_id(), host.now_ms());
    let h = seed.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    h.max(1)
}
