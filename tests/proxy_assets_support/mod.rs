//! A small in-memory Kling account for the element / voice / account-costs tests: custom-element
//! and custom-voice tasks (stored as their proxy or another tenant made them), presets, deletions
//! and account costs, every upstream call recorded; and a host per caller that shares the proxy
//! state, with a clock the tests move.
#![allow(dead_code)]

use kling_wasm::proxy::store::{MemoryStore, Part};
use kling_wasm::proxy::{handle, BodyError, BodyRoom, ProxyConfig, ProxyHost, ProxyState, RequestHead, Signer};
use kling_wasm::transport::{HttpRequest, HttpResponse, Method, TransportError};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};

#[path = "../block_on/mod.rs"]
mod block_on_impl;
pub use block_on_impl::block_on;

pub const ELEMENTS: &str = "/v1/general/advanced-custom-elements";
pub const VOICES: &str = "/v1/general/custom-voices";
pub const PRESET_ELEMENTS: &str = "/v1/general/advanced-presets-elements";
pub const PRESET_VOICES: &str = "/v1/general/presets-voices";
/// Element ids ≥ 2^60: a float could not tell neighbours apart.
pub const BIG: u64 = 1 << 60;

#[derive(Default)]
pub struct Kling {
    /// Tasks with their family path under "path".
    pub tasks: RefCell<Vec<Value>>,
    pub preset_elements: RefCell<Vec<Value>>,
    pub preset_voices: RefCell<Vec<Value>>,
    /// Every call: method, path and query, body.
    pub calls: RefCell<Vec<(Method, String, Option<String>)>>,
    pub next: Cell<u64>,
}

fn env(data: Value) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![], body: json!({"code": 0, "message": "SUCCEED", "request_id": "r", "data": data}).to_string() }
}

impl Kling {
    /// A succeeded custom-element task with one element (and a bound voice), as a proxy made it
    /// for `external` (owner-prefixed); returns the element id.
    pub fn element_task(&self, external: &str, status: &str) -> u64 {
        let n = self.next.get() + 1;
        self.next.set(n);
        let id = BIG + n;
        let result = json!({"elements": [{"element_id": id, "element_name": "e", "element_voice_info": {"voice_id": format!("bound-{n}"), "owned_by": "me"}}]});
        self.tasks.borrow_mut().push(
            json!({"path": ELEMENTS, "task_id": format!("te{n}"), "task_status": status, "task_info": {"external_task_id": external}, "task_result": result}),
        );
        id
    }

    /// A succeeded custom-voice task; returns the voice id.
    pub fn voice_task(&self, external: &str, status: &str) -> String {
        let n = self.next.get() + 1;
        self.next.set(n);
        let id = format!("voice-{n}");
        let result = json!({"voices": [{"voice_id": id, "voice_name": "v"}]});
        self.tasks.borrow_mut().push(
            json!({"path": VOICES, "task_id": format!("tv{n}"), "task_status": status, "task_info": {"external_task_id": external}, "task_result": result}),
        );
        id
    }

    /// Calls whose path starts so.
    pub fn calls_to(&self, prefix: &str) -> usize {
        self.calls.borrow().iter().filter(|(_, p, _)| p.starts_with(prefix)).count()
    }

    fn answer(&self, req: &HttpRequest) -> HttpResponse {
        let path = req.url.strip_prefix("https://kling.test").unwrap_or("").to_owned();
        self.calls.borrow_mut().push((req.method, path.clone(), req.body.clone()));
        let (base, query) = path.split_once('?').unwrap_or((&path, ""));
        let arg = |k: &str| query.split('&').find_map(|p| p.strip_prefix(k)?.strip_prefix('=')?.parse::<usize>().ok()).unwrap_or(0);
        if req.method == Method::Post {
            if base.starts_with("/v1/general/delete-") {
                return env(json!({"task_id": "del-1", "task_status": "succeed"}));
            }
            let body: Value = serde_json::from_str(req.body.as_deref().unwrap_or("{}")).unwrap();
            let task = json!({"path": base, "task_id": "new", "task_status": "submitted", "task_info": {"external_task_id": body["external_task_id"]}});
            self.tasks.borrow_mut().push(task.clone());
            return env(task);
        }
        if base == "/account/costs" {
            return env(json!({"code": 0, "msg": "ok", "resource_pack_subscribe_infos": [{"remaining_quantity": 9}], "query": query}));
        }
        let (num, size) = (arg("pageNum"), arg("pageSize"));
        let page = |all: &mut dyn Iterator<Item = &Value>| -> Value { Value::Array(all.skip((num - 1) * size).take(size).cloned().collect()) };
        match base {
            PRESET_ELEMENTS => env(page(&mut self.preset_elements.borrow().iter())),
            PRESET_VOICES => env(page(&mut self.preset_voices.borrow().iter())),
            _ if query.is_empty() => {
                // By task_id or external_task_id, as Kling reads a path id.
                let named = |t: &Value, id: &Value| id.as_str().is_some_and(|id| format!("{}/{id}", t["path"].as_str().unwrap_or("")) == base);
                let found = self.tasks.borrow().iter().find(|t| named(t, &t["task_id"]) || named(t, &t["task_info"]["external_task_id"])).cloned();
                found.map_or(HttpResponse { status: 404, headers: vec![], body: r#"{"code":1203,"message":"no","data":null}"#.into() }, env)
            }
            _ => env(page(&mut self.tasks.borrow().iter().filter(|t| t["path"] == base))),
        }
    }
}

pub struct Host<'k> {
    pub kling: &'k Kling,
    pub user: Option<String>,
    pub body: RefCell<String>,
    pub account: Result<bool, String>,
    pub now: &'k Cell<u64>,
    pub store: &'k MemoryStore,
}

impl ProxyHost for Host<'_> {
    async fn read_body(&self, max: usize, _room: &BodyRoom<'_>) -> Result<String, BodyError> {
        let b = self.body.borrow().clone();
        if b.len() > max {
            return Err(BodyError::TooLarge);
        }
        Ok(b)
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        Ok(self.user.clone())
    }
    async fn authorize_account(&self) -> Result<bool, String> {
        self.account.clone()
    }
    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(self.kling.answer(&req))
    }
    async fn store(&self, user: &str, part: Part, op: &str) -> Result<String, String> {
        Ok(self.store.apply(user, part, op))
    }
    async fn on_task_update(&self, _task_json: &str, _user: Option<&str>) {}
    fn now_ms(&self) -> u64 {
        self.now.get()
    }
    fn new_id(&self) -> String {
        "gen".into()
    }
}

pub fn config() -> ProxyConfig {
    ProxyConfig { upstream: "https://kling.test".into(), validate: false, ..ProxyConfig::new(Signer::ApiKey("test-api-key-0123456789".into())) }
}

/// One proxy (config + state) over one Kling account, and the clock.
pub struct World {
    pub cfg: ProxyConfig,
    pub state: ProxyState,
    pub kling: Kling,
    pub now: Cell<u64>,
    pub store: MemoryStore,
}

impl World {
    pub fn new(cfg: ProxyConfig) -> Self {
        World { cfg, state: ProxyState::new(), kling: Kling::default(), now: Cell::new(1_800_000_000_000), store: MemoryStore::default() }
    }

    pub fn host(&self, user: &str) -> Host<'_> {
        Host { kling: &self.kling, user: Some(user.into()), body: RefCell::default(), account: Ok(false), now: &self.now, store: &self.store }
    }

    /// One request; (status, body as JSON, headers).
    pub fn run(&self, host: &Host, method: &str, target: &str, body: &str) -> (u16, Value, Vec<(String, String)>) {
        *host.body.borrow_mut() = body.to_owned();
        let headers = vec![("content-type".to_owned(), "application/json".to_owned())];
        let head = RequestHead { method: method.into(), target: target.into(), headers, url_origin: None };
        let r = block_on(handle(&self.cfg, &self.state, host, &head));
        (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null), r.headers)
    }

    pub fn advance(&self, ms: u64) {
        self.now.set(self.now.get() + ms);
    }
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}
