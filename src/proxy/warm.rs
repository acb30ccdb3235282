//! The proxy's warm-up (JS `warmUp()`): runs the proxy's hot paths once, synchronously, on canned data — a create
//! (validate, build, rewrite, sign), a query and a list page (ownership filter, cursor) — so a
//! worker that calls it at start-up (module scope, where Workers allow more time) has V8 compile
//! those wasm functions then, not during its first request (BENCHMARKS.md, proxy cold start).
//! Nothing leaves: the host answers every op at once, without a clock, random ids or I/O (all
//! of which Workers refuse at module scope).

use super::{handle, BodyError, BodyRoom, ProxyConfig, ProxyHost, ProxyState, RequestHead, Signer};
use crate::transport::{HttpRequest, HttpResponse, TransportError};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

struct WarmHost {
    body: String,
    answer: String,
}

impl ProxyHost for WarmHost {
    async fn read_body(&self, _max: usize, _room: &BodyRoom<'_>) -> Result<String, BodyError> {
        Ok(self.body.clone())
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        Ok(Some("warm-up".into()))
    }
    async fn upstream(&self, _req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let headers = vec![("content-type".into(), "application/json".into())];
        Ok(HttpResponse { status: 200, headers, body: self.answer.clone() })
    }
    async fn on_task_update(&self, _task_json: &str, _user: Option<&str>) {}
    fn now_ms(&self) -> u64 {
        1_750_000_000_000
    }
    fn new_id(&self) -> String {
        "00000000-0000-4000-8000-000000000000".into()
    }
}

const TASK: &str = r#"{"task_id":"860000000000000001","task_status":"succeed","task_status_msg":"","task_info":{"external_task_id":"warm-up:job-1"},"task_result":{"videos":[{"id":"v","url":"https://warm.up/v.mp4","duration":"5"}]},"created_at":1750000000000,"updated_at":1750000000000}"#;
const OTHER: &str = r#"{"task_id":"860000000000000002","task_status":"processing","task_info":{"external_task_id":"someone:job-2"},"created_at":1750000000000,"updated_at":1750000000000}"#;
const CREATE: &str = r#"{"model_name":"kling-v3-omni","prompt":"<<<image_1>>> a red fox runs through snow","aspect_ratio":"16:9","duration":"5","image_list":[{"image_url":"https://warm.up/fox.png"}],"external_task_id":"job-1"}"#;

/// Runs each canned request to its answer (every host op is ready at once: one poll each) and
/// returns their statuses (all 200 when every path ran through).
pub fn warm_up() -> Vec<u16> {
    let mut cfg = ProxyConfig::new(Signer::Keys { access_key: "warm-up".into(), secret_key: "warm-up-secret".into() });
    cfg.callback_base = Some("https://warm.up/kling".into());
    let state = ProxyState::new();
    let one = |s: &str| format!(r#"{{"code":0,"message":"SUCCEED","request_id":"w","data":{s}}}"#);
    let page = one(&format!("[{TASK},{OTHER},{TASK}]"));
    let requests = [
        ("POST", "/kling/v1/videos/omni-video", CREATE.to_owned(), one(TASK)),
        ("GET", "/kling/v1/videos/omni-video/860000000000000001", String::new(), one(TASK)),
        ("GET", "/kling/v1/videos/omni-video?pageSize=30", String::new(), page),
    ];
    let mut statuses = Vec::new();
    for (method, target, body, answer) in requests {
        let length = body.len().to_string();
        let headers = vec![("content-type".into(), "application/json".into()), ("content-length".into(), length)];
        let head = RequestHead { method: method.into(), target: target.into(), headers, url_origin: None };
        let host = WarmHost { body, answer };
        let fut = pin!(handle(&cfg, &state, &host, &head));
        // Ready at once (the host never waits); a Pending here would only mean less warming.
        if let Poll::Ready(resp) = fut.poll(&mut Context::from_waker(Waker::noop())) {
            statuses.push(resp.status);
        }
    }
    statuses
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_canned_request_runs_to_a_200() {
        assert_eq!(super::warm_up(), [200, 200, 200]);
    }
}
