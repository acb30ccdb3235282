//! Test doubles for the client: a fake clock runtime, a scripted transport, a tiny in-memory Kling
//! that stores tasks by external_task_id (with faults before or after storing), and `block_on`.
#![allow(dead_code)]

use kling_wasm::transport::{Aborted, HttpRequest, HttpResponse, Method, Runtime, Transport, TransportError};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

#[path = "../block_on/mod.rs"]
mod block_on_impl;
pub use block_on_impl::block_on;

/// A signal that fires at a given fake time.
#[derive(Debug, Default)]
pub struct Signal {
    pub abort_at_ms: Option<u64>,
}

/// Fake clock: `sleep` moves time forward at once and records the wait.
#[derive(Debug, Clone)]
pub struct FakeRuntime {
    pub now: Rc<Cell<u64>>,
    pub sleeps: Rc<RefCell<Vec<u64>>>,
    pub jitter: Rc<Cell<f64>>,
    pub ids: Rc<Cell<u32>>,
}

impl FakeRuntime {
    pub fn at(now_ms: u64) -> Self {
        FakeRuntime { now: Rc::new(Cell::new(now_ms)), sleeps: Rc::default(), jitter: Rc::new(Cell::new(0.0)), ids: Rc::default() }
    }
    pub fn sleeps(&self) -> Vec<u64> {
        self.sleeps.borrow().clone()
    }
}

impl Runtime for FakeRuntime {
    type Signal = Signal;
    fn now_ms(&self) -> u64 {
        self.now.get()
    }
    async fn sleep(&self, ms: u64, signal: Option<&Signal>) -> Result<(), Aborted> {
        self.sleeps.borrow_mut().push(ms);
        let end = self.now.get() + ms;
        if let Some(at) = signal.and_then(|s| s.abort_at_ms).filter(|at| *at <= end) {
            self.now.set(at.max(self.now.get()));
            return Err(Aborted);
        }
        self.now.set(end);
        Ok(())
    }
    fn is_aborted(&self, signal: &Signal) -> bool {
        signal.abort_at_ms.is_some_and(|at| self.now.get() >= at)
    }
    fn random(&self) -> f64 {
        self.jitter.get()
    }
    fn new_id(&self) -> String {
        self.ids.set(self.ids.get() + 1);
        format!("gen-{}", self.ids.get())
    }
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    Http(u16, Vec<(String, String)>, String),
    Fail(TransportError),
}

pub fn envelope(code: i64, message: &str, data: &str) -> String {
    format!(r#"{{"code":{code},"message":"{message}","request_id":"req-{code}","data":{data}}}"#)
}

pub fn task_json(id: &str, status: &str, ext: Option<&str>) -> String {
    let info = ext.map(|e| format!(r#"{{"external_task_id":"{e}"}}"#)).unwrap_or_else(|| "{}".into());
    format!(r#"{{"task_id":"{id}","task_status":"{status}","task_info":{info},"created_at":1,"updated_at":2}}"#)
}

pub fn ok(data: &str) -> Reply {
    Reply::Http(200, vec![], envelope(0, "SUCCEED", data))
}

pub fn kling_error(status: u16, code: i64, message: &str) -> Reply {
    Reply::Http(status, vec![], envelope(code, message, "null"))
}

/// Answers from a script, in order; records every request. Each answer may move the clock
/// (a slow server).
#[derive(Debug, Default)]
pub struct Scripted {
    pub replies: RefCell<VecDeque<Reply>>,
    pub requests: RefCell<Vec<HttpRequest>>,
}

impl Scripted {
    pub fn new(replies: Vec<Reply>) -> Self {
        Scripted { replies: RefCell::new(replies.into()), requests: RefCell::default() }
    }
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.requests.borrow().clone()
    }
    pub fn left(&self) -> usize {
        self.replies.borrow().len()
    }
}

impl Transport for Scripted {
    type Signal = Signal;
    async fn send(&self, req: HttpRequest, _signal: Option<&Signal>) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(req);
        match self.replies.borrow_mut().pop_front() {
            Some(Reply::Http(status, headers, body)) => Ok(HttpResponse { status, headers, body }),
            Some(Reply::Fail(e)) => Err(e),
            None => panic!("the client sent more requests than the script has answers"),
        }
    }
}

/// What a fault does to one request of the in-memory Kling.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Refused before storing anything (HTTP status, Kling code).
    Before(u16, i64),
    /// The task is stored, then this error answers (the client cannot tell).
    After(u16, i64),
    /// The task is stored, then the connection drops.
    DropAfter,
    /// The task is stored, then the exchange times out.
    TimeoutAfter,
    /// Never left the client.
    NotSent,
}

/// A tiny Kling: create stores by external_task_id (refusing duplicates like Kling, 1201), query
/// finds by task_id or external_task_id (or, in the proxy's `?by=external_task_id` form, by the
/// latter only; 1203 otherwise). `faults` apply to requests in order.
#[derive(Debug, Default)]
pub struct MiniKling {
    pub tasks: RefCell<Vec<(String, String)>>,
    pub faults: RefCell<VecDeque<Option<Fault>>>,
    pub requests: RefCell<Vec<HttpRequest>>,
}

impl MiniKling {
    pub fn with_faults(faults: Vec<Option<Fault>>) -> Self {
        MiniKling { faults: RefCell::new(faults.into()), ..Default::default() }
    }
    pub fn stored(&self) -> Vec<(String, String)> {
        self.tasks.borrow().clone()
    }
    fn answer(&self, req: &HttpRequest) -> HttpResponse {
        let (path, id) = match req.url.rsplit_once("/v1/videos/omni-video") {
            Some((_, rest)) => ("omni", rest.trim_start_matches('/').to_owned()),
            None => ("?", String::new()),
        };
        assert_eq!(path, "omni", "unexpected url {}", req.url);
        let reply = |r: Reply| match r {
            Reply::Http(status, headers, body) => HttpResponse { status, headers, body },
            Reply::Fail(_) => unreachable!(),
        };
        match req.method {
            Method::Post => {
                let body: serde_json::Value = serde_json::from_str(req.body.as_deref().unwrap_or("")).expect("body is JSON");
                let ext = body["external_task_id"].as_str().expect("every create carries external_task_id").to_owned();
                if self.tasks.borrow().iter().any(|(_, e)| *e == ext) {
                    return reply(kling_error(400, 1201, &format!("Invalid parameter: external_task_id {ext} already exists")));
                }
                let id = format!("task-{}", self.tasks.borrow().len() + 1);
                self.tasks.borrow_mut().push((id.clone(), ext.clone()));
                reply(ok(&task_json(&id, "submitted", Some(&ext))))
            }
            // Kling's path form finds either id (§4.3); the proxy's `?by=external_task_id` only
            // the external one.
            Method::Get => match self.tasks.borrow().iter().find(|(t, e)| match id.split_once("?by=") {
                Some((ext, "external_task_id")) => e == ext,
                Some(_) => false,
                None => *t == id || *e == id,
            }) {
                Some((t, e)) => reply(ok(&task_json(t, "processing", Some(e)))),
                None => reply(kling_error(404, 1203, "Requested resource does not exist")),
            },
        }
    }
}

impl Transport for MiniKling {
    type Signal = Signal;
    async fn send(&self, req: HttpRequest, _signal: Option<&Signal>) -> Result<HttpResponse, TransportError> {
        self.requests.borrow_mut().push(req.clone());
        let fault = self.faults.borrow_mut().pop_front().flatten();
        match fault {
            None => Ok(self.answer(&req)),
            Some(Fault::NotSent) => Err(TransportError::NotSent { message: "connection refused".into() }),
            Some(Fault::Before(status, code)) => Ok(HttpResponse { status, headers: vec![], body: envelope(code, "fault", "null") }),
            Some(Fault::After(status, code)) => {
                let _ = self.answer(&req);
                Ok(HttpResponse { status, headers: vec![], body: envelope(code, "fault", "null") })
            }
            Some(Fault::DropAfter) => {
                let _ = self.answer(&req);
                Err(TransportError::Ambiguous { message: "connection reset".into() })
            }
            Some(Fault::TimeoutAfter) => {
                let _ = self.answer(&req);
                Err(TransportError::Timeout)
            }
        }
    }
}
