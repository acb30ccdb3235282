//! The proxy's executor. Each request's core future (`proxy::handle`) lives here, and every await
//! on the host (the body, the authorize hook, the upstream call, onTaskUpdate) becomes a *step*
//! that the JS driver (js/proxy-driver.mjs) performs before resuming the future. So wasm is only
//! ever entered by a synchronous call from the driver, inside its try/catch: a trap is caught
//! there (answered 500, the instance replaced) instead of being thrown from a microtask, which
//! ends a Node process and hangs a Workers isolate (issue 13, "A trap never takes the process
//! down"). No wasm-bindgen-futures, no closures, no exported classes: after a trap the driver
//! drops the instance, and nothing of it is left for a finalizer to free into the next one.

use crate::proxy::store::{MemoryStore, Part};
use crate::proxy::{handle, BodyError, BodyRoom, ProxyConfig, ProxyHost, ProxyState, RequestHead};
use crate::transport::{HttpRequest, HttpResponse, TransportError};
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

impl Slot {
    /// Room for exactly `len` bytes in all (capped at the maximum): the body is never regrown
    /// by doubling — a doubling Vec leaves freed halves that wasm memory keeps (issue 13: a
    /// create's peak stays ≤ 2× its body). At most two sizes: the admitted one, then the maximum.
    pub fn reserve(&mut self, len: usize) {
        self.body.reserve_exact(len.min(self.body_max).saturating_sub(self.body.len()));
    }

    /// Appends a chunk; false (and the body dropped) once it passes the maximum.
    pub fn push_chunk(&mut self, chunk: &[u8]) -> bool {
        if self.body.len() + chunk.len() > self.body_max {
            self.body = Vec::new();
            return false;
        }
        self.body.extend_from_slice(chunk);
        true
    }
}

/// What a request waits for; the driver performs it.
pub enum Op {
    Authorize,
    AuthorizeAccount,
    /// Read on, up to `max` bytes in all; `more`: the body may grow past `max` if the driver
    /// stops short of it and says so (`Outcome::BodyNeedsMore`).
    ReadBody {
        max: usize,
        more: bool,
    },
    /// The body stays in wasm (`Slot::upstream_body`); the driver streams it out in slices.
    Upstream {
        req: HttpRequest,
        body_len: usize,
    },
    TaskUpdate {
        task: String,
        user: Option<String>,
    },
    /// The budget hook, for this user id.
    Budget {
        user: String,
    },
    /// One op on a user's record in the configured store.
    Store {
        user: String,
        part: Part,
        op: String,
    },
}

/// What the driver hands back for an `Op`.
pub enum Outcome {
    Authorize(Result<Option<String>, String>),
    AuthorizeAccount(Result<bool, String>),
    Body(Result<String, BodyError>),
    /// The body has more than `ReadBody::max` bytes; the driver holds the chunk that did not fit.
    BodyNeedsMore,
    Upstream(Result<HttpResponse, TransportError>),
    TaskUpdate,
    /// The store's answer, or why it failed.
    Store(Result<String, String>),
    /// The budget hook's answer (JSON text; `None`: no limits for the user), or why it failed.
    Budget(Result<Option<String>, String>),
}

/// One request's mailbox between its future and the driver.
#[derive(Default)]
pub struct Slot {
    op: Option<Op>,
    outcome: Option<Outcome>,
    /// The request body, read into wasm chunk by chunk into one allocation of its exact size.
    pub body: Vec<u8>,
    pub body_max: usize,
    /// The upstream body while the driver streams it to `fetch`.
    pub upstream_body: Option<String>,
    /// Kling's answer, chunk by chunk, until the driver resolves the upstream call.
    pub answer: Vec<u8>,
}

/// A proxy: its checked configuration and its per-proxy state (creates in flight).
pub struct ProxyInner {
    pub cfg: ProxyConfig,
    pub state: ProxyState,
}

struct Request {
    fut: Pin<Box<dyn Future<Output = HttpResponse>>>,
    slot: Rc<RefCell<Slot>>,
}

/// Every proxy and request of this instance, by the numbers the driver holds.
#[derive(Default)]
struct Registry {
    next: u32,
    proxies: HashMap<u32, Rc<ProxyInner>>,
    requests: HashMap<u32, Request>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = RefCell::default();
}

fn next_id(r: &mut Registry) -> u32 {
    r.next = r.next.wrapping_add(1).max(1);
    r.next
}

pub fn add_proxy(inner: ProxyInner) -> u32 {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let id = next_id(&mut r);
        r.proxies.insert(id, Rc::new(inner));
        id
    })
}

pub fn drop_proxy(id: u32) {
    REGISTRY.with(|r| r.borrow_mut().proxies.remove(&id));
}

/// Starts a request on proxy `proxy`; `None` when the proxy is unknown here.
pub fn start(proxy: u32, head: RequestHead) -> Option<u32> {
    start_on(proxy, head, false)
}

/// `start`, on a host whose clock and ids are the warm-up's constants when `warm`.
fn start_on(proxy: u32, head: RequestHead, warm: bool) -> Option<u32> {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let inner = r.proxies.get(&proxy)?.clone();
        let slot = Rc::new(RefCell::new(Slot::default()));
        let host = Host { slot: slot.clone(), warm };
        let fut = Box::pin(async move { handle(&inner.cfg, &inner.state, &host, &head).await });
        let id = next_id(&mut r);
        r.requests.insert(id, Request { fut, slot });
        Some(id)
    })
}

/// Starts `proxy.reconcile` for the user the store knows as `key`: run like a request (its ops
/// are store calls and upstream queries), done with `{"checked","settled","released"}`.
pub fn start_reconcile(proxy: u32, key: String) -> Option<u32> {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let inner = r.proxies.get(&proxy)?.clone();
        let slot = Rc::new(RefCell::new(Slot::default()));
        let host = Host { slot: slot.clone(), warm: false };
        let fut = Box::pin(async move { crate::proxy::forward::reconcile(&inner.cfg, &host, &key).await });
        let id = next_id(&mut r);
        r.requests.insert(id, Request { fut, slot });
        Some(id)
    })
}

/// Where a request stands after a poll.
pub enum Step {
    Op(Op),
    Done(HttpResponse),
}

/// Runs request `id` until it waits for the host or is done (done: it is forgotten).
pub fn poll(id: u32) -> Step {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        let Some(req) = r.requests.get_mut(&id) else {
            return Step::Done(crate::proxy::handler::error(500, 5000, "internal_error", "the proxy lost this request"));
        };
        let step = match req.fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(resp) => Step::Done(resp),
            // Every await of the core is on the host, so an op is always there; if not, the
            // request would hang, so it is answered instead.
            Poll::Pending => match req.slot.borrow_mut().op.take() {
                Some(op) => Step::Op(op),
                None => Step::Done(crate::proxy::handler::error(500, 5000, "internal_error", "the proxy stalled")),
            },
        };
        if matches!(step, Step::Done(_)) {
            r.requests.remove(&id);
        }
        step
    })
}

/// Runs `f` on request `id`'s slot (no-op for an unknown id: the driver may be late).
pub fn with_slot<R>(id: u32, f: impl FnOnce(&mut Slot) -> R) -> Option<R> {
    REGISTRY.with(|r| r.borrow().requests.get(&id).map(|req| f(&mut req.slot.borrow_mut())))
}

/// Hands request `id` the outcome of its op; the next poll resumes it.
pub fn resume(id: u32, outcome: Outcome) {
    with_slot(id, |s| s.outcome = Some(outcome));
}

/// Forgets a request the driver gave up on.
pub fn drop_request(id: u32) {
    REGISTRY.with(|r| r.borrow_mut().requests.remove(&id));
}

/// Resolves once the driver has put an outcome in the slot.
struct Wait(Rc<RefCell<Slot>>);

impl Future for Wait {
    type Output = Outcome;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Outcome> {
        match self.0.borrow_mut().outcome.take() {
            Some(o) => Poll::Ready(o),
            None => Poll::Pending,
        }
    }
}

struct Host {
    slot: Rc<RefCell<Slot>>,
    /// The warm-up's host: no JS clock or random ids (Workers refuse both at module scope).
    warm: bool,
}

impl Host {
    fn wait(&self, op: Op) -> Wait {
        let mut s = self.slot.borrow_mut();
        s.op = Some(op);
        s.outcome = None;
        Wait(self.slot.clone())
    }
}

impl ProxyHost for Host {
    async fn read_body(&self, max: usize, room: &BodyRoom<'_>) -> Result<String, BodyError> {
        let mut limit = room.admitted.min(max);
        loop {
            {
                let mut s = self.slot.borrow_mut();
                s.body_max = limit;
                s.reserve(limit);
            }
            match self.wait(Op::ReadBody { max: limit, more: limit < max }).await {
                Outcome::Body(r) => return r,
                Outcome::BodyNeedsMore if limit < max => {
                    if !(room.grow)() {
                        self.slot.borrow_mut().body = Vec::new();
                        return Err(BodyError::Busy);
                    }
                    limit = max;
                }
                _ => return Err(BodyError::Unreadable),
            }
        }
    }

    async fn authorize(&self) -> Result<Option<String>, String> {
        match self.wait(Op::Authorize).await {
            Outcome::Authorize(r) => r,
            _ => Err("the authorize hook failed".into()),
        }
    }

    async fn authorize_account(&self) -> Result<bool, String> {
        match self.wait(Op::AuthorizeAccount).await {
            Outcome::AuthorizeAccount(r) => r,
            _ => Err("the authorizeAccount hook failed".into()),
        }
    }

    async fn upstream(&self, mut req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let body = req.body.take();
        let body_len = body.as_ref().map_or(0, String::len);
        self.slot.borrow_mut().upstream_body = body;
        let outcome = self.wait(Op::Upstream { req, body_len }).await;
        // The body is sent (or never will be): give its memory back now, not at the response.
        self.slot.borrow_mut().upstream_body = None;
        match outcome {
            Outcome::Upstream(r) => r,
            _ => Err(TransportError::Ambiguous { message: "the upstream call was lost".into() }),
        }
    }

    async fn on_task_update(&self, task_json: &str, user: Option<&str>) {
        let _ = self.wait(Op::TaskUpdate { task: task_json.to_owned(), user: user.map(str::to_owned) }).await;
    }

    async fn store(&self, user: &str, part: Part, op: &str) -> Result<String, String> {
        match self.wait(Op::Store { user: user.to_owned(), part, op: op.to_owned() }).await {
            Outcome::Store(r) => r,
            _ => Err("the store call was lost".into()),
        }
    }

    async fn budget(&self, user: &str) -> Result<Option<String>, String> {
        match self.wait(Op::Budget { user: user.to_owned() }).await {
            Outcome::Budget(r) => r,
            _ => Err("the budget hook failed".into()),
        }
    }

    fn now_ms(&self) -> u64 {
        if self.warm {
            return crate::proxy::warm::NOW_MS;
        }
        js_sys::Date::now() as u64
    }

    fn new_id(&self) -> String {
        use crate::transport::Runtime;
        if self.warm {
            return crate::proxy::warm::ID.into();
        }
        super::client::runtime::JsRuntime.new_id()
    }
}

/// The warm-up (JS `warmUp()`): the canned requests of `proxy::warm` run here, on this module's
/// own `Host`, with the driver's part played by canned outcomes. So V8 compiles the functions real
/// requests run (a host of its own would be a second copy of the whole handler: +15 KiB gzip, and
/// warming that copy would leave the real one cold). Returns the statuses (all 200).
pub fn warm_up() -> Vec<u16> {
    use crate::proxy::warm;
    let (cfg, requests) = warm::canned();
    let proxy = add_proxy(ProxyInner { cfg, state: ProxyState::new() });
    let mut statuses = Vec::new();
    let store = MemoryStore::default();
    for warm::Canned { head, body, answer } in requests {
        let Some(id) = start_on(proxy, head, true) else { break };
        // Each op is answered at once; a bound on the steps, should the core ever loop.
        for _ in 0..32 {
            let outcome = match poll(id) {
                Step::Done(resp) => {
                    statuses.push(resp.status);
                    break;
                }
                Step::Op(Op::Authorize) => Outcome::Authorize(Ok(Some("warm-up".into()))),
                Step::Op(Op::AuthorizeAccount) => Outcome::AuthorizeAccount(Ok(false)),
                Step::Op(Op::ReadBody { .. }) => Outcome::Body(Ok(body.clone())),
                Step::Op(Op::Upstream { .. }) => Outcome::Upstream(Ok(warm::answer(&answer))),
                Step::Op(Op::TaskUpdate { .. }) => Outcome::TaskUpdate,
                Step::Op(Op::Store { user, part, op }) => Outcome::Store(Ok(store.apply(&user, part, &op))),
                Step::Op(Op::Budget { .. }) => Outcome::Budget(Ok(None)),
            };
            resume(id, outcome);
        }
        drop_request(id);
    }
    drop_proxy(proxy);
    statuses
}
