//! What both ways of listing share (list.rs walks the account's pages, list_index.rs reads the
//! caller's task index): the request's context (`Lister`), the answer being gathered in Kling's
//! list envelope (`Gather`), Kling's page bounds. Its own file so neither lister depends on the
//! other.

use crate::caps::Endpoint;
use crate::json::{self, Value};
use crate::proxy::answer::{self, Envelope, Task};
use crate::proxy::config::ProxyConfig;
use crate::proxy::cursor::{Cursor, Keys, Position};
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::Owner;
use crate::proxy::store::{index, Part};

/// Tasks per upstream page: Kling's largest (kling-api.md §4.4), so a walk costs fewest calls.
pub const UPSTREAM_PAGE_SIZE: u32 = 500;
/// Upstream pages one list request reads at most (bounds its time, memory and cost upstream).
pub const PAGES_PER_REQUEST: u32 = 4;
/// Kling's last page number (§4.4): the walk ends there.
pub const LAST_PAGE: u32 = 1000;

/// One list request: what every part of it needs.
pub(super) struct Lister<'a, H> {
    pub cfg: &'a ProxyConfig,
    pub host: &'a H,
    pub endpoint: Endpoint,
    pub owner: &'a Owner,
    pub keys: Keys,
    pub want: u32,
}

impl<H: ProxyHost> Lister<'_, H> {
    /// The sealed cursor for `c` (this caller, this family).
    pub fn seal(&self, c: Cursor) -> String {
        let seed = format!("{}.{}", self.host.new_id(), self.host.now_ms());
        self.keys.seal_cursor(c, self.endpoint.family(), self.owner.prefix(), &seed)
    }

    /// One op on the caller's index; `None` when the store failed or answered an error.
    pub async fn index_op(&self, op: index::Op) -> Option<Value<'static>> {
        let a = self.host.store(self.owner.prefix(), Part::Index, &op.to_json()).await.ok()?;
        crate::proxy::limits::store_answer(&a)
    }
}

/// The answer being gathered.
pub(super) struct Gather {
    data: String,
    kept: u32,
    want: u32,
    /// `"message":…,"request_id":…` of the last page read.
    pub head: Option<String>,
    /// The caller's tasks answered (owned id, creation time), for the index.
    pub found: Vec<(String, u64)>,
}

impl Gather {
    pub fn new(want: u32) -> Self {
        Gather { data: String::from("["), kept: 0, want, head: None, found: Vec::new() }
    }

    /// Appends `task` (of `text`) with the prefix cut, when `owner` owns it.
    pub fn push(&mut self, text: &str, task: &Task, owner: &Owner) -> bool {
        let mark = self.data.len();
        if self.kept > 0 {
            self.data.push(',');
        }
        if answer::write_owned(&mut self.data, text, task.span.clone(), task, owner) {
            self.kept += 1;
            true
        } else {
            self.data.truncate(mark);
            false
        }
    }

    /// Keeps the caller's tasks of one upstream page from `pos.index` on, up to `want`, but for
    /// those `skip` names, and looks on for one more (so that a cursor means "more of yours", not
    /// "someone else's tasks follow"); returns where the list continues (`None`: the end).
    pub fn page(&mut self, text: &str, tasks: &[Task], pos: Position, owner: &Owner, skip: &[bool], now_ms: u64) -> Option<Position> {
        for (i, task) in tasks.iter().enumerate().skip(pos.index as usize) {
            if skip.get(i) == Some(&true) {
                continue;
            }
            if self.kept == self.want {
                if task.owned_by(owner) {
                    return Some(Position { page: pos.page, index: i as u32 });
                }
                continue;
            }
            if self.push(text, task, owner) {
                if let Some((ext, _)) = &task.external_id {
                    self.found.push((ext.to_string(), created_ms(task.created_at).unwrap_or(now_ms)));
                }
            }
        }
        after(pos.page, tasks.len() as u32)
    }

    pub fn finish(mut self, cursor: Option<&str>) -> String {
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

/// Kling's `created_at` as milliseconds (it writes ms; a value in seconds is scaled).
pub(super) fn created_ms(v: Option<i64>) -> Option<u64> {
    let v = u64::try_from(v?).ok()?;
    Some(if v < 100_000_000_000 { v.saturating_mul(1000) } else { v })
}

/// The position after a page of `n` tasks: the next page, or the end (a short page is the
/// account's last; Kling has no page after `LAST_PAGE`).
pub(super) fn after(page: u32, n: u32) -> Option<Position> {
    if n < UPSTREAM_PAGE_SIZE || page >= LAST_PAGE {
        None
    } else {
        Some(Position { page: page + 1, index: 0 })
    }
}

/// Kling's message and request id, as JSON members.
pub(super) fn head_of(env: &Envelope) -> String {
    let mut out = String::from("\"message\":");
    json::write_str(&mut out, env.message.as_deref().unwrap_or(""));
    out.push_str(",\"request_id\":");
    json::write_str(&mut out, env.request_id.as_deref().unwrap_or(""));
    out
}
