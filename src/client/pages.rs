//! Walking a family's task list. Kling pages by number (§4.4: a short page, or page 1000, is the
//! last). The signing proxy removes other users' tasks and pages by an opaque `next_cursor`
//! beside `data`: its pages may be short or empty while more exist, and a task can come twice
//! when new tasks shift the upstream pages. `Walk` follows the cursor whenever there is one,
//! falls back to page numbers otherwise, and hands out each task_id once.

use super::config::{self, check_family_page, PAGE_NUM_MAX};
use super::{CallOptions, Client};
use crate::api::common::Task;
use crate::caps::Endpoint;
use crate::error::Error;
use crate::json::Value;
use crate::transport::{Method, Runtime, Transport};
use std::cell::RefCell;
use std::collections::VecDeque;

/// Longest cursor followed; the proxy's tokens are far shorter.
pub const CURSOR_MAX_LEN: usize = 512;
/// Requests one walk may make. Kling serves at most 1000 pages, and every proxy answer covers at
/// least one of them, so a walk past this is a proxy that never ends (or loops).
pub const WALK_MAX_REQUESTS: u32 = 2 * PAGE_NUM_MAX;

/// A `next_cursor` checked to be safe as a query value as it is: 1–512 RFC 3986 unreserved
/// characters. A hostile answer cannot add a parameter, a fragment or a path to the next URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(String);

impl Cursor {
    /// `text` as a cursor, or `None` when it is empty, too long or has an unsafe character.
    pub fn parse(text: &str) -> Option<Cursor> {
        let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        (!text.is_empty() && text.len() <= CURSOR_MAX_LEN && text.bytes().all(safe)).then(|| Cursor(text.to_owned()))
    }

    /// The cursor as sent in `?cursor=`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The envelope's `next_cursor` (absent or null: none). Anything else than a safe cursor is
    /// a decode error: following it could leak into the URL, dropping it could end the walk early.
    pub(crate) fn from_envelope(body: &Value, status: u16) -> Result<Option<Cursor>, Error> {
        match body.field("next_cursor") {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_str().and_then(Cursor::parse).map(Some).ok_or_else(|| Error::Decode {
                message: "the list's next_cursor is not 1-512 of the characters A-Z a-z 0-9 - _ . ~; it was not followed".into(),
                status,
            }),
        }
    }
}

/// Which page to ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRequest {
    /// `?pageNum=&pageSize=` (Kling, and the proxy's first page).
    Number {
        /// The page number, from 1.
        num: u32,
        /// Tasks per page.
        size: u32,
    },
    /// `?pageSize=&cursor=` (the proxy's next page).
    Cursor {
        /// The previous answer's `next_cursor`.
        cursor: Cursor,
        /// Tasks per page.
        size: u32,
    },
}

/// One list answer: the tasks, and (through the proxy) where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's tasks, in the order they came.
    pub tasks: Vec<Task>,
    /// Where the proxy's next page starts; `None` from Kling itself, or at the proxy's last page.
    pub next_cursor: Option<Cursor>,
}

/// The request after `asked` answered with `got` tasks and `next_cursor`: the cursor whenever
/// there is one, whatever the page's length; else the next number unless the page was short or
/// the 1000th; after a cursor page without a cursor, none (the proxy says its walk is over).
pub fn next_request(asked: &PageRequest, got: usize, next_cursor: Option<&Cursor>) -> Option<PageRequest> {
    match (asked, next_cursor) {
        (PageRequest::Number { size, .. } | PageRequest::Cursor { size, .. }, Some(c)) => Some(PageRequest::Cursor { cursor: c.clone(), size: *size }),
        (PageRequest::Number { num, size }, None) => {
            (got >= *size as usize && *num < PAGE_NUM_MAX).then_some(PageRequest::Number { num: num + 1, size: *size })
        }
        (PageRequest::Cursor { .. }, None) => None,
    }
}

/// An iteration over a family's tasks: the next request, the tasks fetched but not yet handed
/// out, and the task_ids taken (handed out or buffered: one entry per task yielded, no more).
#[derive(Debug)]
pub struct Walk {
    next: Option<PageRequest>,
    buffer: VecDeque<Task>,
    seen: Seen,
    requests: u32,
}

impl Walk {
    /// From page `page_num` on, `page_size` tasks a page of `endpoint`'s list (checked like
    /// `list_tasks`).
    pub fn new(endpoint: Endpoint, page_num: f64, page_size: f64, opts: &crate::issue::Options) -> Result<Walk, Error> {
        let (num, size) = check_family_page(endpoint, page_num, page_size, opts)?;
        Ok(Walk { next: Some(PageRequest::Number { num, size }), buffer: VecDeque::new(), seen: Seen::default(), requests: 0 })
    }

    /// The request to send when the buffer is empty; `None` when the walk is over.
    pub fn next_request(&self) -> Option<&PageRequest> {
        self.next.as_ref()
    }

    /// Takes in the answer to `asked`: buffers the tasks not handed out before and moves on.
    /// An answer to a request that is no longer the next one (two `next()` calls at once) only
    /// adds its new tasks; one that comes after the walk ended (or was stopped) adds nothing.
    pub fn record(&mut self, asked: &PageRequest, page: Page) -> Result<(), Error> {
        let Some(current) = &self.next else { return Ok(()) };
        if current == asked {
            let next = next_request(asked, page.tasks.len(), page.next_cursor.as_ref());
            let repeats = matches!((asked, &next), (PageRequest::Cursor { cursor: a, .. }, Some(PageRequest::Cursor { cursor: n, .. })) if a == n);
            self.requests += 1;
            if repeats || (next.is_some() && self.requests >= WALK_MAX_REQUESTS) {
                self.stop();
                let message = if repeats { "the list's next_cursor repeats the cursor it answered" } else { "the list did not end within 2000 pages" };
                return Err(Error::Decode { message: message.into(), status: 200 });
            }
            self.next = next;
        }
        for task in page.tasks {
            // Also drops a task repeated within this page or still in the buffer.
            if self.seen.insert(&task.task_id) {
                self.buffer.push_back(task);
            }
        }
        Ok(())
    }

    /// The next task fetched and not yet handed out.
    pub fn pop(&mut self) -> Option<Task> {
        self.buffer.pop_front()
    }

    /// Ends the walk (`break` in `for await`).
    pub fn stop(&mut self) {
        self.next = None;
        self.buffer.clear();
    }
}

/// The task_ids taken: a hash set of FNV-1a buckets. std's BTreeSet or HashSet would add
/// ~1.8 KiB gzip to the wasm for this one use. The hash is keyed once per walk with the runtime's
/// randomness, so an answer's ids cannot be chosen to land in one bucket (a quadratic walk).
#[derive(Debug, Default)]
struct Seen {
    buckets: Vec<Vec<String>>,
    len: usize,
    key: u64,
}

impl Seen {
    /// Adds `id`; false when it was there already.
    fn insert(&mut self, id: &str) -> bool {
        if self.len >= self.buckets.len() {
            // At most one id per bucket on average: double and redistribute.
            let n = (self.buckets.len() * 2).max(64);
            let old = std::mem::replace(&mut self.buckets, (0..n).map(|_| Vec::new()).collect());
            for kept in old.into_iter().flatten() {
                let i = self.slot(&kept);
                self.buckets[i].push(kept);
            }
        }
        let i = self.slot(id);
        if self.buckets[i].iter().any(|s| s == id) {
            return false;
        }
        self.buckets[i].push(id.to_owned());
        self.len += 1;
        true
    }

    fn slot(&self, id: &str) -> usize {
        let h = id.bytes().fold(0xcbf2_9ce4_8422_2325 ^ self.key, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        (h % self.buckets.len() as u64) as usize
    }
}

/// `?pageNum=&pageSize=` or `?pageSize=&cursor=` after the family's path.
fn page_url(base: &str, endpoint: Endpoint, req: &PageRequest) -> String {
    let path = config::collection_url(base, endpoint);
    match req {
        PageRequest::Number { num, size } => format!("{path}?pageNum={num}&pageSize={size}"),
        PageRequest::Cursor { cursor, size } => format!("{path}?pageSize={size}&cursor={}", cursor.as_str()),
    }
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// One page: its tasks and, through the signing proxy, the cursor of the next one.
    pub async fn list_page(&self, endpoint: Endpoint, req: &PageRequest, opts: &CallOptions<'_, R::Signal>) -> Result<Page, Error> {
        // The fields are public: a hand-made request is checked like `list_tasks` arguments.
        let (num, size) = match req {
            PageRequest::Number { num, size } => (*num, *size),
            PageRequest::Cursor { size, .. } => (1, *size),
        };
        check_family_page(endpoint, f64::from(num), f64::from(size), &self.config.options)?;
        self.request(Method::Get, &page_url(&self.base, endpoint, req), &self.call(opts)).await
    }

    /// The walk's next task, fetching pages (following cursors across short and empty ones)
    /// until one has a task not handed out before; `None` at the end. A failed fetch leaves the
    /// walk where it was: calling again asks for the same page.
    pub async fn next_task(&self, endpoint: Endpoint, walk: &RefCell<Walk>, opts: &CallOptions<'_, R::Signal>) -> Result<Option<Task>, Error> {
        {
            let mut w = walk.borrow_mut();
            if w.seen.len == 0 {
                // (Rekeying an empty set moves nothing.)
                w.seen.key = (self.runtime.random() * 9.0e15) as u64;
            }
        }
        loop {
            // No borrow is held across an await: JS may call `next()` again meanwhile.
            let asked = {
                let mut w = walk.borrow_mut();
                if let Some(task) = w.pop() {
                    return Ok(Some(task));
                }
                match w.next_request() {
                    Some(r) => r.clone(),
                    None => return Ok(None),
                }
            };
            let page = self.list_page(endpoint, &asked, opts).await?;
            walk.borrow_mut().record(&asked, page)?;
        }
    }
}
