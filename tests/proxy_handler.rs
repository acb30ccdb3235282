//! The proxy handler natively, over a host whose upstream is a small in-memory Kling that checks
//! the JWT: signing, re-validation, ownership, callbacks, CORS and refusals that send nothing.

mod client_mock;

use client_mock::block_on;
use kling_wasm::auth::jwt;
use kling_wasm::proxy::{handle, BodyError, ProxyConfig, ProxyHost, ProxyState, RequestHead, Signer};
use kling_wasm::transport::{HttpRequest, HttpResponse, Method, TransportError};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};

const AK: &str = "test-access";
const SK: &str = "test-secret-0123456789";
const NOW_MS: u64 = 1_800_000_000_000;

struct Host {
    body: String,
    body_error: Option<BodyError>,
    user: Option<String>,
    upstream_seen: RefCell<Vec<HttpRequest>>,
    tasks: RefCell<Vec<Value>>,
    updates: RefCell<Vec<(String, Option<String>)>>,
    ids: Cell<u32>,
    /// Answers given as raw text for upstream URLs ending so (JSON the json! macro cannot write).
    raw: Vec<(String, String)>,
}

impl Host {
    fn new(user: Option<&str>) -> Self {
        Host { body: String::new(), body_error: None, user: user.map(str::to_owned), upstream_seen: RefCell::default(), tasks: RefCell::default(), updates: RefCell::default(), ids: Cell::new(0), raw: Vec::new() }
    }
    fn kling(&self, req: &HttpRequest) -> HttpResponse {
        let env = |status: u16, code: i64, data: Value| HttpResponse { status, headers: vec![("set-cookie".into(), "k=v".into())], body: json!({"code": code, "message": "", "request_id": "r1", "data": data}).to_string() };
        let token = req.header("authorization").and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
        match jwt::verify(token, SK, (NOW_MS / 1000) as i64) {
            Ok(c) if c.iss == AK => {}
            _ => return env(401, 1002, Value::Null),
        }
        let path = req.url.strip_prefix("https://kling.test").unwrap_or("");
        if req.method == Method::Post {
            let body: Value = serde_json::from_str(req.body.as_deref().unwrap_or("")).unwrap();
            let n = self.tasks.borrow().len();
            let task = json!({"task_id": format!("9000{n}"), "task_status": "submitted", "task_info": {"external_task_id": body["external_task_id"]}, "path": path});
            self.tasks.borrow_mut().push(task.clone());
            return env(200, 0, task);
        }
        if let Some((base, _)) = path.split_once('?') {
            let items: Vec<Value> = self.tasks.borrow().iter().filter(|t| t["path"] == base).cloned().collect();
            return env(200, 0, Value::Array(items));
        }
        let (base, id) = path.rsplit_once('/').unwrap();
        let found = self.tasks.borrow().iter().find(|t| t["path"] == base && (t["task_id"] == id || t["task_info"]["external_task_id"] == id)).cloned();
        match found {
            Some(t) => env(200, 0, t),
            None => env(404, 1203, Value::Null),
        }
    }
}

impl ProxyHost for Host {
    async fn read_body(&self, max: usize) -> Result<String, BodyError> {
        match &self.body_error {
            Some(e) => Err(e.clone()),
            None if self.body.len() > max => Err(BodyError::TooLarge),
            None => Ok(self.body.clone()),
        }
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        Ok(self.user.clone())
    }
    async fn upstream(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.upstream_seen.borrow_mut().push(req.clone());
        if let Some((_, body)) = self.raw.iter().find(|(end, _)| req.url.ends_with(end.as_str())) {
            return Ok(HttpResponse { status: 200, headers: vec![], body: body.clone() });
        }
        Ok(self.kling(&req))
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

fn config() -> ProxyConfig {
    ProxyConfig {
        upstream: "https://kling.test".into(),
        allowed_origins: vec!["https://app.test".into()],
        callback_base: Some("https://edge.test/kling".into()),
        ..ProxyConfig::new(Signer::Keys { access_key: AK.into(), secret_key: SK.into() })
    }
}

fn head(method: &str, target: &str, headers: &[(&str, &str)]) -> RequestHead {
    RequestHead { method: method.into(), target: target.into(), headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
}

fn run(host: &Host, h: RequestHead) -> (u16, Value, Vec<(String, String)>) {
    let r = block_on(handle(&config(), &ProxyState::new(), host, &h));
    assert!(!r.body.contains(SK) && !r.headers.iter().any(|(_, v)| v.contains(SK)), "secret echoed");
    assert!(!r.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("set-cookie")), "set-cookie passed back");
    (r.status, serde_json::from_str(&r.body).unwrap_or(Value::Null), r.headers)
}

const JSON_CT: (&str, &str) = ("content-type", "application/json");

fn create(host: &mut Host, body: Value) -> (u16, Value) {
    host.body = body.to_string();
    let (s, v, _) = run(host, head("POST", "/kling/v1/videos/omni-video", &[JSON_CT]));
    (s, v)
}

fn valid() -> Value {
    json!({"model_name": "kling-v3-omni", "prompt": "a fox", "aspect_ratio": "16:9", "external_task_id": "job-1"})
}

#[test]
fn create_is_signed_owned_and_called_back() {
    let mut host = Host::new(Some("alice"));
    let (status, v) = create(&mut host, valid());
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["data"]["task_info"]["external_task_id"], "job-1", "the caller sees its own id");
    let seen = host.upstream_seen.borrow();
    let sent: Value = serde_json::from_str(seen[0].body.as_deref().unwrap()).unwrap();
    assert_eq!(sent["external_task_id"], "alice:job-1");
    assert!(sent["callback_url"].as_str().unwrap().starts_with("https://edge.test/kling/callback/omni-video."));
    let names: Vec<&str> = seen[0].headers.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["content-type", "authorization"]);
}

#[test]
fn invalid_requests_never_reach_kling() {
    let mut host = Host::new(Some("alice"));
    let (status, v) = create(&mut host, json!({"model_name": "kling-v3-omni", "prompt": ""}));
    assert_eq!(status, 400);
    assert_eq!(v["report"]["ok"], false);
    assert!(v["report"]["issues"].as_array().unwrap().iter().any(|i| i["path"] == "/prompt"));
    assert!(host.upstream_seen.borrow().is_empty());
}

/// Issue 13: a 4 MiB body of empty shots (~1 issue per 3 bytes) and one just under the value cap
/// get small 400 answers: the report in them is bounded, whatever the body.
#[test]
fn hostile_bodies_get_small_answers() {
    let mut host = Host::new(Some("alice"));
    for (shots, code) in [(1_400_000, "too_many_values"), (3_000, "too_many_issues")] {
        let body = json!({"model_name": "kling-v3-omni", "prompt": "x", "multi_shot": true, "shot_type": "customize", "multi_prompt": vec![json!({}); shots]});
        let (status, v) = create(&mut host, body);
        assert_eq!(status, 400);
        assert!(v.to_string().len() < kling_wasm::issue::MAX_REPORT_BYTES + 1024, "{} bytes", v.to_string().len());
        let issues = v["report"]["issues"].as_array().unwrap();
        assert_eq!(issues.last().unwrap()["code"], code);
    }
    assert!(host.upstream_seen.borrow().is_empty());
}

#[test]
fn queries_and_lists_are_per_user() {
    let mut host = Host::new(Some("alice"));
    create(&mut host, valid());
    let task_id = host.tasks.borrow()[0]["task_id"].as_str().unwrap().to_owned();
    let (s, v, _) = run(&host, head("GET", "/kling/v1/videos/omni-video/job-1", &[]));
    assert_eq!((s, v["data"]["task_id"].as_str()), (200, Some(task_id.as_str())));
    let (s, _, _) = run(&host, head("GET", &format!("/kling/v1/videos/omni-video/{task_id}"), &[]));
    assert_eq!(s, 200);
    let bob = Host { user: Some("bob".into()), tasks: RefCell::new(host.tasks.borrow().clone()), ..Host::new(None) };
    for target in [format!("/kling/v1/videos/omni-video/{task_id}"), "/kling/v1/videos/omni-video/job-1".into(), "/kling/v1/videos/omni-video/alice:job-1".into()] {
        let (s, v, _) = run(&bob, head("GET", &target, &[]));
        assert_eq!(s, 404, "{target}: {v}");
    }
    let (s, v, _) = run(&bob, head("GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30", &[]));
    assert_eq!((s, v["data"].as_array().map(Vec::len)), (200, Some(0)));
    let (_, v, _) = run(&host, head("GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30", &[]));
    assert_eq!(v["data"][0]["task_info"]["external_task_id"], "job-1");
}

#[test]
fn refusals_send_nothing_upstream() {
    let cases: Vec<(Host, RequestHead, u16)> = vec![
        (Host::new(None), head("GET", "/kling/v1/videos/omni-video/x", &[]), 401),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("origin", "https://evil.test")]), 403),
        (Host::new(Some("a")), head("OPTIONS", "/kling/v1/videos/omni-video", &[("origin", "https://evil.test"), ("access-control-request-method", "POST")]), 403),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("x-http-method-override", "DELETE")]), 400),
        (Host::new(Some("a")), head("GET", "/kling/v1/videos/omni-video/x", &[("x-original-url", "/account/costs")]), 400),
        (Host::new(Some("a")), head("DELETE", "/kling/v1/videos/omni-video", &[]), 405),
        (Host::new(Some("a")), head("GET", "/kling/account/costs", &[]), 404),
        (Host::new(Some("a")), head("POST", "/kling/v1/videos/omni-video", &[("content-type", "text/plain")]), 415),
        (Host::new(Some("a")), head("POST", "/kling/v1/videos/omni-video", &[JSON_CT, ("content-length", "999999999")]), 413),
        (Host { body_error: Some(BodyError::TooLarge), ..Host::new(Some("a")) }, head("POST", "/kling/v1/videos/omni-video", &[JSON_CT]), 413),
        (Host { body: "{not json".into(), ..Host::new(Some("a")) }, head("POST", "/kling/v1/videos/omni-video", &[JSON_CT]), 400),
        (Host::new(Some("a")), head("POST", "/kling/callback/omni-video.YWxpY2U6am9iLTE.AAAA", &[]), 401),
    ];
    for (i, (host, h, want)) in cases.into_iter().enumerate() {
        let (s, v, _) = run(&host, h);
        assert_eq!(s, want, "case {i}: {v}");
        assert!(host.upstream_seen.borrow().is_empty(), "case {i} reached upstream");
        if s != 204 && v != Value::Null {
            // The proxy's own refusal carries an id from the host, as Kling's answers carry theirs.
            assert_eq!(v["request_id"], format!("gen{}", host.ids.get()), "case {i}: {v}");
        }
    }
}

#[test]
fn refusals_and_reports_each_get_a_fresh_request_id() {
    let host = Host::new(Some("a"));
    let ids: Vec<Value> = (0..2).map(|_| run(&host, head("GET", "/kling/account/costs", &[])).1["request_id"].clone()).collect();
    assert_eq!(ids, [json!("gen1"), json!("gen2")]);
    let mut host = Host::new(Some("a"));
    let (s, v) = create(&mut host, json!({"model_name": "kling-v3-omni", "prompt": ""}));
    assert_eq!((s, &v["request_id"], &v["code"]), (400, &json!("gen1"), &json!(1201)), "{v}");
}

/// js-10: half a surrogate pair is valid JSON for JS (an emoji cut in two). Kling's answer with
/// one is passed back with U+FFFD there, not turned into a 502 the client would retry, and the
/// ownership check reads the same answer (another user's task stays hidden).
#[test]
fn kling_answers_with_lone_surrogates_are_passed_back_repaired() {
    let task = r#"{"task_id":"t1","task_status":"succeed","task_status_msg":"cut \ud83d","task_info":{"external_task_id":"alice:job-1"},"task_result":{"videos":[{"url":"https://cdn.test/\udc00.mp4"}]}}"#;
    let raw = vec![
        ("/omni-video/t1".to_owned(), format!(r#"{{"code":0,"message":"","request_id":"r1","data":{task}}}"#)),
        ("?pageNum=1&pageSize=30".to_owned(), format!(r#"{{"code":0,"message":"","request_id":"r2","data":[{task}]}}"#)),
    ];
    let alice = Host { raw: raw.clone(), ..Host::new(Some("alice")) };
    let (s, v, _) = run(&alice, head("GET", "/kling/v1/videos/omni-video/t1", &[]));
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["task_status_msg"], "cut \u{FFFD}");
    assert_eq!(v["data"]["task_result"]["videos"][0]["url"], "https://cdn.test/\u{FFFD}.mp4");
    assert_eq!(v["data"]["task_info"]["external_task_id"], "job-1", "the caller's own id");
    let (s, v, _) = run(&alice, head("GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30", &[]));
    assert_eq!((s, &v["data"][0]["task_status_msg"]), (200, &json!("cut \u{FFFD}")), "{v}");
    let bob = Host { raw, ..Host::new(Some("bob")) };
    let (s, v, _) = run(&bob, head("GET", "/kling/v1/videos/omni-video/t1", &[]));
    assert_eq!(s, 404, "another user's task: {v}");
    let (s, v, _) = run(&bob, head("GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30", &[]));
    assert_eq!((s, v["data"].as_array().map(Vec::len)), (200, Some(0)), "{v}");
}

#[test]
fn cors_preflight_and_headers_for_allowed_origins() {
    let host = Host::new(Some("a"));
    let (s, _, headers) = run(&host, head("OPTIONS", "/kling/v1/videos/omni-video", &[("origin", "https://app.test"), ("access-control-request-method", "POST")]));
    assert_eq!(s, 204);
    assert!(headers.contains(&("access-control-allow-origin".into(), "https://app.test".into())));
}

#[test]
fn callbacks_are_confirmed_before_the_hook_hears_them() {
    let mut host = Host::new(Some("alice"));
    create(&mut host, valid());
    let sent: Value = serde_json::from_str(host.upstream_seen.borrow()[0].body.as_deref().unwrap()).unwrap();
    let url = sent["callback_url"].as_str().unwrap().to_owned();
    let target = url.strip_prefix("https://edge.test").unwrap().to_owned();
    // A claim that does not match Kling's status changes nothing.
    host.body = json!({"task_status": "succeed"}).to_string();
    let (s, _, _) = run(&host, head("POST", &target, &[]));
    assert_eq!(s, 202);
    assert!(host.updates.borrow().is_empty());
    // The confirmed status reaches the hook with the caller's own id and user.
    host.body = json!({"task_status": "submitted"}).to_string();
    let (s, _, _) = run(&host, head("POST", &target, &[]));
    assert_eq!(s, 200);
    let updates = host.updates.borrow();
    let (task, user) = &updates[0];
    assert_eq!(user.as_deref(), Some("alice"));
    assert_eq!(serde_json::from_str::<Value>(task).unwrap()["task_info"]["external_task_id"], "job-1");
    // A token for another task does not verify.
    let forged = target.replace("omni-video.", "text2video.");
    drop(updates);
    let (s, _, _) = run(&host, head("POST", &forged, &[]));
    assert_eq!(s, 401);
}
