//! The proxy tests' host: a small in-memory Kling that checks the JWT (or API key), stores tasks
//! (shareable between hosts: two proxies or two users on one Kling account), lists them by page,
//! and records every upstream call; plus helpers to run one request through `handle`.
#![allow(dead_code)]

use kling_wasm::auth::jwt;
use kling_wasm::proxy::store::{MemoryStore, Part};
use kling_wasm::proxy::{handle, BodyError, BodyRoom, ProxyConfig, ProxyHost, ProxyState, RequestHead, Signer};
use kling_wasm::transport::{HttpRequest, HttpResponse, Method, TransportError};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub const AK: &str = "test-access";
pub const SK: &str = "test-secret-0123456789";
pub const API_KEY: &str = "test-api-key-0123456789";
pub const NOW_MS: u64 = 1_800_000_000_000;
pub const OMNI: &str = "/kling/v1/videos/omni-video";
pub const JSON_CT: (&str, &str) = ("content-type", "application/json");

#[path = "../block_on/mod.rs"]
mod block_on_impl;
pub use block_on_impl::block_on;

pub struct Host {
    pub body: String,
    pub body_error: Option<BodyError>,
    pub user: Option<String>,
    pub authorize_throws: bool,
    pub upstream_seen: RefCell<Vec<HttpRequest>>,
    /// Kling's tasks (shared by the hosts of one account).
    pub tasks: Rc<RefCell<Vec<Value>>>,
    pub updates: RefCell<Vec<(String, Option<String>)>>,
    pub ids: Cell<u32>,
    /// Answers given as raw text for upstream URLs ending so (JSON the json! macro cannot write).
    pub raw: Vec<(String, String)>,
    /// A gateway that repeats the request's Authorization header in every answer.
    pub echo_authorization: bool,
    /// An account whose every list page is full of another user's tasks (Kling's page cap).
    pub endless_foreign: bool,
    /// Every upstream call fails so (a timeout, an unreachable Kling).
    pub upstream_fails: Option<TransportError>,
    /// The proxy's store (shared by the hosts of one proxy: clone the Rc).
    pub store: Rc<MemoryStore>,
    /// The store fails (Redis down, a Durable Object error).
    pub store_fails: bool,
}

impl Host {
    pub fn new(user: Option<&str>) -> Self {
        Host {
            body: String::new(),
            body_error: None,
            user: user.map(str::to_owned),
            authorize_throws: false,
            upstream_seen: RefCell::default(),
            tasks: Rc::default(),
            updates: RefCell::default(),
            ids: Cell::new(0),
            raw: Vec::new(),
            echo_authorization: false,
            endless_foreign: false,
            upstream_fails: None,
            store: Rc::default(),
            store_fails: false,
        }
    }

    /// Another caller on the same Kling account.
    pub fn sharing(&self, user: Option<&str>) -> Self {
        Host { tasks: self.tasks.clone(), ..Host::new(user) }
    }

    pub fn calls(&self) -> usize {
        self.upstream_seen.borrow().len()
    }

    /// The body of the `i`th upstream call, parsed.
    pub fn sent(&self, i: usize) -> Value {
        serde_json::from_str(self.upstream_seen.borrow()[i].body.as_deref().unwrap_or("null")).unwrap()
    }

    fn kling(&self, req: &HttpRequest) -> HttpResponse {
        let env = |status: u16, code: i64, message: &str, data: Value| HttpResponse {
            status,
            headers: vec![("set-cookie".into(), "k=v".into())],
            body: json!({"request_id": "r1", "data": data, "code": code, "message": message}).to_string(),
        };
        let auth = req.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
        let signed = matches!(jwt::verify(auth, SK, (NOW_MS / 1000) as i64), Ok(c) if c.iss == AK);
        if !signed && auth != API_KEY {
            return env(401, 1002, "auth failed", Value::Null);
        }
        let path = req.url.strip_prefix("https://kling.test").unwrap_or("");
        if req.method == Method::Post {
            let body: Value = serde_json::from_str(req.body.as_deref().unwrap_or("")).unwrap();
            let n = self.tasks.borrow().len();
            let task =
                json!({"task_id": format!("9000{n}"), "task_status": "submitted", "task_info": {"external_task_id": body["external_task_id"]}, "path": path});
            self.tasks.borrow_mut().push(task.clone());
            return env(200, 0, "SUCCEED", task);
        }
        if let Some((base, query)) = path.split_once('?') {
            let arg = |k: &str| query.split('&').find_map(|p| p.strip_prefix(k)?.strip_prefix('=')?.parse::<usize>().ok()).unwrap_or(0);
            let (num, size) = (arg("pageNum"), arg("pageSize"));
            assert!((1..=1000).contains(&num) && (1..=500).contains(&size), "outside Kling's list ranges: {query}");
            if self.endless_foreign {
                let items: Vec<Value> =
                    (0..size).map(|i| json!({"task_id": format!("{num}-{i}"), "task_info": {"external_task_id": format!("zed:{num}-{i}")}})).collect();
                return env(200, 0, "SUCCEED", Value::Array(items));
            }
            let items: Vec<Value> = self.tasks.borrow().iter().filter(|t| t["path"] == base).skip((num - 1) * size).take(size).cloned().collect();
            return env(200, 0, "SUCCEED", Value::Array(items));
        }
        let (base, id) = path.rsplit_once('/').unwrap();
        let found = self.tasks.borrow().iter().find(|t| t["path"] == base && (t["task_id"] == id || t["task_info"]["external_task_id"] == id)).cloned();
        match found {
            Some(t) => env(200, 0, "SUCCEED", t),
            None => env(404, 1203, "task not exist", Value::Null),
        }
    }
}

impl ProxyHost for Host {
    async fn read_body(&self, max: usize, room: &BodyRoom<'_>) -> Result<String, BodyError> {
        match &self.body_error {
            Some(e) => Err(e.clone()),
            None if self.body.len() > max => Err(BodyError::TooLarge),
            None if self.body.len() > room.admitted && !(room.grow)() => Err(BodyError::Busy),
            None => Ok(self.body.clone()),
        }
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        if self.authorize_throws {
            return Err("TypeError: secret internals".into());
        }
        Ok(self.user.clone())
    }
    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.upstream_seen.borrow_mut().push(req.clone());
        if let Some(e) = &self.upstream_fails {
            return Err(e.clone());
        }
        if let Some((_, body)) = self.raw.iter().find(|(end, _)| req.url.ends_with(end.as_str())) {
            return Ok(HttpResponse { status: 200, headers: vec![], body: body.clone() });
        }
        let mut resp = self.kling(&req);
        if self.echo_authorization {
            let auth = req.header("authorization").unwrap_or("");
            resp.body = format!("{{\"code\":1002,\"message\":\"bad header: {auth}\",\"request_id\":\"r\",\"data\":null}}");
        }
        Ok(resp)
    }
    async fn store(&self, user: &str, part: Part, op: &str) -> Result<String, String> {
        if self.store_fails {
            return Err("the store is down".into());
        }
        Ok(self.store.apply(user, part, op))
    }
    async fn on_task_update(&self, task_json: &str, user: Option<&str>) {
        self.updates.borrow_mut().push((task_json.to_owned(), user.map(str::to_owned)));
    }
    fn now_ms(&self) -> u64 {
        NOW_MS
    }
    fn new_id(&self) -> String {
        self.ids.set(self.ids.get() + 1);
        format!("gen{}", self.ids.get())
    }
}

pub fn config() -> ProxyConfig {
    ProxyConfig {
        upstream: "https://kling.test".into(),
        allowed_origins: vec!["https://app.test".into()],
        callback_base: Some("https://edge.test/kling".into()),
        ..ProxyConfig::new(Signer::Keys { access_key: AK.into(), secret_key: SK.into() })
    }
}

pub fn anonymous() -> ProxyConfig {
    ProxyConfig { allow_anonymous: true, ..config() }
}

pub fn head(method: &str, target: &str, headers: &[(&str, &str)]) -> RequestHead {
    RequestHead {
        method: method.into(),
        target: target.into(),
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        url_origin: None,
    }
}

/// One request through `handle` with its own fresh state; checks that no secret and no upstream
/// header came back.
pub fn run_raw(cfg: &ProxyConfig, host: &Host, h: RequestHead) -> HttpResponse {
    let r = block_on(handle(cfg, &ProxyState::new(), host, &h));
    for secret in [SK, AK, API_KEY] {
        assert!(!r.body.contains(secret) && !r.headers.iter().any(|(_, v)| v.contains(secret)), "secret echoed: {}", r.body);
    }
    assert!(!r.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("set-cookie")), "set-cookie passed back");
    r
}

pub fn run_with(cfg: &ProxyConfig, host: &Host, h: RequestHead) -> (u16, Value, Vec<(String, String)>) {
    let r = run_raw(cfg, host, h);
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null), r.headers)
}

pub fn run(host: &Host, h: RequestHead) -> (u16, Value, Vec<(String, String)>) {
    run_with(&config(), host, h)
}

pub fn get(host: &Host, target: &str) -> (u16, Value) {
    let (s, v, _) = run(host, head("GET", target, &[]));
    (s, v)
}

pub fn create_with(cfg: &ProxyConfig, host: &mut Host, body: Value) -> (u16, Value) {
    host.body = body.to_string();
    let (s, v, _) = run_with(cfg, host, head("POST", OMNI, &[JSON_CT]));
    (s, v)
}

pub fn create(host: &mut Host, body: Value) -> (u16, Value) {
    create_with(&config(), host, body)
}

pub fn valid() -> Value {
    json!({"model_name": "kling-v3-omni", "prompt": "a fox", "aspect_ratio": "16:9", "external_task_id": "job-1"})
}

pub fn valid_as(external_task_id: &str) -> Value {
    let mut v = valid();
    v["external_task_id"] = json!(external_task_id);
    v
}

/// A task stored at Kling directly (as another proxy or user on the account made it).
pub fn push_task(host: &Host, external_task_id: &str) -> String {
    let n = host.tasks.borrow().len();
    let task_id = format!("9000{n}");
    let task = json!({"task_id": task_id, "task_status": "submitted", "task_info": {"external_task_id": external_task_id}, "path": "/v1/videos/omni-video"});
    host.tasks.borrow_mut().push(task);
    task_id
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
