//! A task list that shows the caller its own tasks and nothing about anybody else's.
//!
//! Kling lists the whole account, so the proxy walks upstream pages of `UPSTREAM_PAGE_SIZE` from
//! the cursor's position, keeping the caller's tasks (prefix cut), until it has `pageSize` of
//! them, read `PAGES_PER_REQUEST` pages, reached the account's end, or Kling's last page number.
//! The answer is Kling's envelope with `data` = those tasks and `next_cursor` when the proxy saw
//! one more task of the caller's (the walk reads on, within the budget, to find it) or ran out of
//! budget first: so a cursor says nothing about other users' tasks, except that an answer short
//! of `pageSize` with a cursor means the budget (2,000 tasks) was read. A client walks until
//! `next_cursor` is absent. Cost: a full walk takes O(account tasks / 500) upstream calls
//! whoever walks (a page may be read twice: once looking ahead, once by the next request); new
//! tasks shift Kling's pages while a walk goes on (newest first), so a task may come twice —
//! clients de-duplicate by task_id.
//!
//! Filtering works on the text: one read of each page (`answer::read`) gives the spans of its
//! tasks and their external ids, which tell whose each task is, and the kept tasks' text is
//! copied with only the prefix cut, not parsed into values and written back.

use super::{failure, is_success, send};
use crate::caps::Endpoint;
use crate::json;
use crate::proxy::answer::{self, Data, Envelope, Task};
use crate::proxy::assets::Asset;
use crate::proxy::config::ProxyConfig;
use crate::proxy::cursor::{Keys, Position};
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::Owner;
use crate::proxy::reply::{json_response, refuse};
use crate::proxy::route::{page_path, ListQuery};
use crate::transport::{HttpResponse, Method};

/// Tasks per upstream page: Kling's largest (kling-api.md §4.4), so a walk costs fewest calls.
pub const UPSTREAM_PAGE_SIZE: u32 = 500;
/// Upstream pages one list request reads at most (bounds its time, memory and cost upstream).
pub const PAGES_PER_REQUEST: u32 = 4;
/// Kling's last page number (§4.4): the walk ends there.
pub const LAST_PAGE: u32 = 1000;
/// Tasks per answer when the caller names no pageSize (Kling's own default).
const DEFAULT_PAGE_SIZE: u32 = 30;

/// Forwards a list: walks the upstream pages and answers only the owner's tasks, with a cursor.
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
    let keys = Keys::derive(cfg.signer.secret());
    let mut pos = match &q.cursor {
        None => Position { page: 1, index: 0 },
        Some(c) => match keys.open(c, endpoint.family(), owner.prefix()) {
            Some(p) if (1..=LAST_PAGE).contains(&p.page) => p,
            _ => return refuse(host, 400, 1201, "invalid_cursor", "invalid cursor (it belongs to another list or user, or was changed)"),
        },
    };
    let mut walk = Walk { data: String::from("["), kept: 0, want, head: None };
    let mut next = Some(pos);
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
        next = walk.page(&text, tasks, pos, owner);
        walk.head = Some(head_of(&env));
        // On to the next page, to fill the answer or to look for one more task of the caller's.
        match next {
            Some(p) if p.page != pos.page => pos = p,
            _ => break,
        }
    }
    let cursor = next.map(|p| keys.seal(p, endpoint.family(), owner.prefix(), &format!("{}.{}", host.new_id(), host.now_ms())));
    json_response(200, walk.finish(cursor.as_deref()))
}

/// The answer being gathered.
struct Walk {
    data: String,
    kept: u32,
    want: u32,
    /// `"message":…,"request_id":…` of the last page read.
    head: Option<String>,
}

impl Walk {
    /// Keeps the caller's tasks of one upstream page from `pos.index` on, up to `want`, and looks
    /// on for one more (so that a cursor means "more of yours", not "someone else's tasks
    /// follow"); returns where the list continues (`None`: the account's end).
    fn page(&mut self, text: &str, tasks: &[Task], pos: Position, owner: &Owner) -> Option<Position> {
        for (i, task) in tasks.iter().enumerate().skip(pos.index as usize) {
            if self.kept == self.want {
                if task.owned_by(owner) {
                    return Some(Position { page: pos.page, index: i as u32 });
                }
                continue;
            }
            let mark = self.data.len();
            if self.kept > 0 {
                self.data.push(',');
            }
            if answer::write_owned(&mut self.data, text, task.span.clone(), task, owner) {
                self.kept += 1;
            } else {
                self.data.truncate(mark);
            }
        }
        after(pos.page, tasks.len() as u32)
    }

    fn finish(mut self, cursor: Option<&str>) -> String {
        let mut out = String::with_capacity(self.data.len() + 160);
        out.push_str("{\"code\":0,");
        out.push_str(self.head.as_deref().unwrap_or("\"message\":\"\",\"request_id\":\"\""));
        out.push_str(",\"data\":");
        self.data.push(']');
        out.push_str(&self.data);
        if let Some(c) = cursor {
            out.push_str(",\"next_cursor\":");
            json::write_str(&mut out, c);
        }
        out.push('}');
        out
    }
}

/// The position after a page of `n` tasks: the next page, or the end (a short page is the
/// account's last; Kling has no page after `LAST_PAGE`).
fn after(page: u32, n: u32) -> Option<Position> {
    if n < UPSTREAM_PAGE_SIZE || page >= LAST_PAGE {
        None
    } else {
        Some(Position { page: page + 1, index: 0 })
    }
}

/// Kling's message and request id, as JSON members.
fn head_of(env: &Envelope) -> String {
    let mut out = String::from("\"message\":");
    json::write_str(&mut out, env.message.as_deref().unwrap_or(""));
    out.push_str(",\"request_id\":");
    json::write_str(&mut out, env.request_id.as_deref().unwrap_or(""));
    out
}
