//! The proxy's warm-up (JS `warmUp()`): runs the proxy's hot paths once, synchronously, on canned data — a create
//! (validate, build, rewrite, sign), a query and two list pages (the walk, which completes the
//! warm-up user's task index, then a page from that index: ownership filter, cursor) — so a
//! worker that calls it at start-up (module scope, where Workers allow more time) has V8 compile
//! those wasm functions then, not during its first request (BENCHMARKS.md, proxy cold start).
//! Nothing leaves: the host answers every op at once, without a clock, random ids or I/O (all
//! of which Workers refuse at module scope).

use super::{ProxyConfig, RequestHead, Signer};
use crate::transport::HttpResponse;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::{handle, BodyError, BodyRoom, ProxyHost, ProxyState},
    crate::transport::{HttpRequest, TransportError},
    std::future::Future,
    std::pin::pin,
    std::task::{Context, Poll, Waker},
};

#[cfg(not(target_arch = "wasm32"))]
struct WarmHost<'s> {
    body: String,
    answer: String,
    store: &'s super::store::MemoryStore,
}

#[cfg(not(target_arch = "wasm32"))]
impl ProxyHost for WarmHost<'_> {
    async fn read_body(&self, _max: usize, _room: &BodyRoom<'_>) -> Result<String, BodyError> {
        Ok(self.body.clone())
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        Ok(Some("warm-up".into()))
    }
    async fn upstream(&self, _req: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(answer(&self.answer))
    }
    async fn store(&self, user: &str, part: super::store::Part, op: &str) -> Result<String, String> {
        Ok(self.store.apply(user, part, op))
    }
    async fn on_task_update(&self, _task_json: &str, _user: Option<&str>) {}
    fn now_ms(&self) -> u64 {
        NOW_MS
    }
    fn new_id(&self) -> String {
        ID.into()
    }
}

/// The warm-up's clock and ids: Workers refuse a clock and random values at module scope.
pub const NOW_MS: u64 = 1_750_000_000_000;
/// (See `NOW_MS`.)
pub const ID: &str = "00000000-0000-4000-8000-000000000000";

const TASK: &str = r#"{"task_id":"860000000000000001","task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"warm-up:job-1"},"task_result":{"videos":[{"id":"v","url":"https://warm.up/v.mp4","duration":"5"}]},"created_at":1750000000000,"updated_at":1750000000000}"#;
const OTHER: &str = r#"{"task_id":"860000000000000002","task_status":"processing","task_info":{"external_task_id":"someone:job-2"},"created_at":1750000000000,"updated_at":1750000000000}"#;
/// A multi-shot Omni-Video create with a first frame and reference images, sound and a watermark:
/// the shape of most creates, so the validator's rules for them are compiled too (a single-shot
/// text request left the first real create ~3 ms of compiling in workerd).
const CREATE: &str = concat!(
    r#"{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","multi_prompt":["#,
    r#"{"index":1,"prompt":"a keeper walks along the wet pier at dawn","duration":"3"},"#,
    r#"{"index":2,"prompt":"he polishes the lens shown in <<<image_2>>>","duration":"4"},"#,
    r#"{"index":3,"prompt":"styled like <<<image_3>>>: he looks out at a ship","duration":"3"}],"#,
    r#""image_list":[{"image_url":"https://warm.up/0.png","type":"first_frame"},{"image_url":"https://warm.up/1.png"},"#,
    r#"{"image_url":"https://warm.up/2.png"}],"sound":"on","mode":"pro","duration":"10","watermark_info":{"enabled":true},"#,
    r#""callback_url":"https://warm.up/cb","external_task_id":"job-1"}"#
);

/// One canned request: its head, its body and the upstream's answer to it.
#[derive(Debug)]
pub struct Canned {
    /// The request's method, target and headers.
    pub head: RequestHead,
    /// The request body ("" for the GETs).
    pub body: String,
    /// What the upstream answers.
    pub answer: String,
}

/// The warm-up's configuration and its canned requests (a create, a query, two list pages).
pub fn canned() -> (ProxyConfig, Vec<Canned>) {
    let mut cfg = ProxyConfig::new(Signer::Keys { access_key: "warm-up".into(), secret_key: "warm-up-secret".into() });
    cfg.callback_base = Some("https://warm.up/kling".into());
    let one = |s: &str| format!(r#"{{"code":0,"message":"SUCCEED","request_id":"w","data":{s}}}"#);
    let page = one(&format!("[{TASK},{OTHER},{TASK}]"));
    let requests = [
        ("POST", "/kling/v1/videos/omni-video", CREATE.to_owned(), one(TASK)),
        ("GET", "/kling/v1/videos/omni-video/860000000000000001", String::new(), one(TASK)),
        ("GET", "/kling/v1/videos/omni-video?pageSize=30", String::new(), page),
        // The walk above reached the end: this page comes from the index, one query per task.
        ("GET", "/kling/v1/videos/omni-video?pageSize=30", String::new(), one(TASK)),
    ];
    let canned = requests
        .into_iter()
        .map(|(method, target, body, answer)| {
            let headers = vec![("content-type".into(), "application/json".into()), ("content-length".into(), body.len().to_string())];
            Canned { head: RequestHead { method: method.into(), target: target.into(), headers, url_origin: None }, body, answer }
        })
        .collect();
    (cfg, canned)
}

/// The upstream's answer to a canned request.
pub fn answer(text: &str) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![("content-type".into(), "application/json".into())], body: text.to_owned() }
}

/// The same run natively, on a host of its own (the wasm runs it on the JS driver's host, so V8
/// compiles the very functions real requests use: `bindings::proxy_exec::warm_up`). Returns the
/// statuses (all 200 when every path ran through).
#[cfg(not(target_arch = "wasm32"))]
pub fn warm_up() -> Vec<u16> {
    let (cfg, requests) = canned();
    let state = ProxyState::new();
    let store = super::store::MemoryStore::default();
    let mut statuses = Vec::new();
    for Canned { head, body, answer } in requests {
        let host = WarmHost { body, answer, store: &store };
        let fut = pin!(handle(&cfg, &state, &host, &head));
        if let Poll::Ready(resp) = fut.poll(&mut Context::from_waker(Waker::noop())) {
            statuses.push(resp.status);
        }
    }
    statuses
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn every_canned_request_runs_to_a_200() {
        assert_eq!(super::warm_up(), [200; 4]);
    }
}
