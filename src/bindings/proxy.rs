//! `createKlingProxy(config)`, wasm side: reads and checks the config, and exports the steps the
//! JS driver (js/proxy-driver.mjs, shipped as proxy/driver.js) runs each request through — start,
//! poll, and one resume per host op (authorize, body chunks, upstream answer, task update). The
//! decisions are the core's (`proxy::handle`); proxy_exec.rs runs its future, proxy_config.rs
//! reads the config.

use super::errors;
use super::proxy_config::read_config;
use super::proxy_exec::{self as exec, Op, Outcome, Step};
use crate::proxy::store::Part;
use crate::proxy::{BodyError, ProxyState, RequestHead};
use crate::transport::{HttpResponse, TransportError};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Reads and checks the config, registers the proxy, and hands the driver what it runs itself:
/// `{ id, authorize, authorizeAccount, onTaskUpdate, fetch, bodyTimeoutMs, store, budget,
/// storeTimeoutMs }` (the functions and the store as read once, here).
/// Throws KlingError `config_error` naming the bad option (never a secret).
#[wasm_bindgen(js_name = __kwProxyCreate)]
pub fn proxy_create(config: JsValue) -> Result<JsValue, JsValue> {
    let (cfg, hooks) = read_config(&config).map_err(|e| errors::to_js(&e))?;
    let body_timeout_ms = cfg.body_timeout_ms;
    let store_timeout_ms = hooks.store_timeout_ms;
    let id = exec::add_proxy(exec::ProxyInner { cfg, state: ProxyState::new() });
    let o = Object::new();
    set(&o, "id", &id.into());
    set(&o, "authorize", &hooks.authorize.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "authorizeAccount", &hooks.authorize_account.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "onTaskUpdate", &hooks.on_task_update.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "fetch", &hooks.fetch.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "bodyTimeoutMs", &(body_timeout_ms as f64).into());
    set(&o, "store", &hooks.store.unwrap_or(JsValue::UNDEFINED));
    set(&o, "budget", &hooks.budget.map_or(JsValue::UNDEFINED, JsValue::from));
    set(&o, "storeTimeoutMs", &(store_timeout_ms as f64).into());
    Ok(o.into())
}

#[wasm_bindgen(js_name = __kwProxyDrop)]
pub fn proxy_drop(id: u32) {
    exec::drop_proxy(id);
}

/// Starts one request: method, target (raw where the runtime has it), the headers as one string
/// `name NUL value NUL …` (one crossing, not four per header), and the origin of `request.url`
/// (undefined when it has none). 0 when the proxy is unknown to this instance (it was replaced:
/// the driver registers again).
#[wasm_bindgen(js_name = __kwRequestStart)]
pub fn request_start(proxy: u32, method: String, target: String, headers: &str, url_origin: Option<String>) -> u32 {
    let mut parts = headers.split('\0');
    let mut pairs = Vec::new();
    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
        pairs.push((k.to_owned(), v.to_owned()));
    }
    let headers = pairs;
    exec::start(proxy, RequestHead { method, target, headers, url_origin }).unwrap_or(0)
}

/// Starts `proxy.reconcile` for one user (their id, or the store's key for them); polled like a
/// request.
#[wasm_bindgen(js_name = __kwReconcileStart)]
pub fn reconcile_start(proxy: u32, user: String) -> u32 {
    exec::start_reconcile(proxy, crate::proxy::owner::store_key(&user)).unwrap_or(0)
}

#[wasm_bindgen(module = "/src/bindings/proxy-step.js")]
extern "C" {
    /// The step object for the driver, made in JS in one call (`op`: an index into its list).
    #[wasm_bindgen(js_name = kwStep)]
    fn kw_step(op: u32, s1: &str, s2: Option<&str>, s3: &str, n1: f64, n2: f64) -> JsValue;
}

/// Runs a request to its next step: `{ op: "authorize" | "account" | "body" | "upstream" | "task" |
/// "budget" | "store" | "done", … }`, made by proxy-step.js (strings cross once each; headers as
/// one `name NUL value NUL …` string).
#[wasm_bindgen(js_name = __kwRequestPoll)]
pub fn request_poll(id: u32) -> JsValue {
    test_fault_tick();
    match exec::poll(id) {
        Step::Done(resp) => kw_step(0, &joined(&resp.headers), Some(&resp.body), "", f64::from(resp.status), 0.0),
        Step::Op(Op::Authorize) => kw_step(1, "", None, "", 0.0, 0.0),
        Step::Op(Op::AuthorizeAccount) => kw_step(2, "", None, "", 0.0, 0.0),
        Step::Op(Op::ReadBody { max, more }) => kw_step(3, "", None, "", max as f64, f64::from(u8::from(more))),
        Step::Op(Op::Upstream { req, body_len }) => {
            kw_step(4, req.method.as_str(), Some(&req.url), &joined(&req.headers), body_len as f64, req.timeout_ms as f64)
        }
        Step::Op(Op::TaskUpdate { task, user }) => kw_step(5, &task, user.as_deref(), "", 0.0, 0.0),
        Step::Op(Op::Budget { user }) => kw_step(6, &user, None, "", 0.0, 0.0),
        Step::Op(Op::Store { user, part, op }) => kw_step(7, &user, Some(part.name()), &op, 0.0, 0.0),
    }
}

/// Headers as `name NUL value NUL …` (a header can hold no NUL: the core's own, and Kling-bound).
fn joined(headers: &[(String, String)]) -> String {
    let mut out = String::with_capacity(headers.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in headers {
        out.push_str(k);
        out.push('\0');
        out.push_str(v);
        out.push('\0');
    }
    out
}

/// The authorize hook's answer: a user id, none (refused), or `failed` (it threw or returned
/// something that is not a user id; the driver logged why).
#[wasm_bindgen(js_name = __kwResolveAuthorize)]
pub fn resolve_authorize(id: u32, user: Option<String>, failed: bool) {
    let r = if failed { Err("the authorize hook failed".to_owned()) } else { Ok(user) };
    exec::resume(id, Outcome::Authorize(r));
}

/// The authorizeAccount hook's answer: allowed, or `failed` (it threw; the driver logged it).
#[wasm_bindgen(js_name = __kwResolveAccount)]
pub fn resolve_account(id: u32, allowed: bool, failed: bool) {
    let r = if failed { Err("the authorizeAccount hook failed".to_owned()) } else { Ok(allowed) };
    exec::resume(id, Outcome::AuthorizeAccount(r));
}

/// Appends one chunk of the body; false once it is past the cap (the driver stops reading).
#[wasm_bindgen(js_name = __kwBodyChunk)]
pub fn body_chunk(id: u32, chunk: &[u8]) -> bool {
    exec::with_slot(id, |s| s.push_chunk(chunk)).unwrap_or(false)
}

/// Ends the body: 0 complete, 1 too large, 2 unreadable, 3 the body-read deadline passed,
/// 4 there is more than the step's `max` (it had `more`: the driver keeps what it read ahead).
#[wasm_bindgen(js_name = __kwBodyEnd)]
pub fn body_end(id: u32, status: u8) {
    if status == 4 {
        return exec::resume(id, Outcome::BodyNeedsMore);
    }
    let r = exec::with_slot(id, |s| {
        let bytes = std::mem::take(&mut s.body);
        match status {
            0 => String::from_utf8(bytes).map_err(|_| BodyError::Unreadable),
            1 => Err(BodyError::TooLarge),
            3 => Err(BodyError::TimedOut),
            _ => Err(BodyError::Unreadable),
        }
    });
    if let Some(r) = r {
        exec::resume(id, Outcome::Body(r));
    }
}

/// Up to `len` bytes of the upstream body from `offset` (a copy in JS; empty past the end).
#[wasm_bindgen(js_name = __kwUpstreamChunk)]
pub fn upstream_chunk(id: u32, offset: f64, len: f64) -> Vec<u8> {
    exec::with_slot(id, |s| {
        let body = s.upstream_body.as_deref().unwrap_or("").as_bytes();
        let from = (offset.max(0.0) as usize).min(body.len());
        let to = from.saturating_add(len.max(0.0) as usize).min(body.len());
        body[from..to].to_vec()
    })
    .unwrap_or_default()
}

/// One chunk of Kling's answer, before the last (`__kwResolveUpstream`); `total`: the whole
/// answer's size (the driver bounded it), so the bytes go into one allocation.
#[wasm_bindgen(js_name = __kwAnswerChunk)]
pub fn answer_chunk(id: u32, chunk: &[u8], total: f64) {
    exec::with_slot(id, |s| {
        if s.answer.capacity() == 0 {
            s.answer.reserve_exact((total.max(0.0) as usize).min(MAX_ANSWER_RESERVE));
        }
        s.answer.extend_from_slice(chunk);
    });
}

/// The driver bounds an answer at 4 MiB (js/proxy-upstream.mjs); a larger `total` is not trusted
/// with an allocation up front.
const MAX_ANSWER_RESERVE: usize = 4 << 20;

/// Kling's answer: status and its last (or only) chunk of bytes. The bytes are decoded here as
/// `TextDecoder` would (UTF-8, a leading BOM dropped, bad sequences as U+FFFD): no JS string of the
/// answer is made and copied in again. The core reads no header of Kling's answer, so none come.
#[wasm_bindgen(js_name = __kwResolveUpstream)]
pub fn resolve_upstream(id: u32, status: u16, last: &[u8]) {
    let Some(bytes) = exec::with_slot(id, |s| {
        let mut bytes = std::mem::take(&mut s.answer);
        bytes.extend_from_slice(last);
        bytes
    }) else {
        return;
    };
    let body = utf8_text(bytes);
    exec::resume(id, Outcome::Upstream(Ok(HttpResponse { status, headers: Vec::new(), body })));
}

/// `bytes` as `new TextDecoder().decode(bytes)` reads them: without a leading BOM, and with each
/// maximal invalid subsequence as one U+FFFD (what both the Encoding standard and Rust's lossy
/// decoding do). Valid UTF-8 (every answer Kling writes) is taken as it is, without a copy.
fn utf8_text(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// The upstream call failed: kind "not_sent" | "timeout" | "aborted" | anything else (ambiguous).
#[wasm_bindgen(js_name = __kwRejectUpstream)]
pub fn reject_upstream(id: u32, kind: &str, message: String) {
    exec::with_slot(id, |s| s.answer = Vec::new());
    let e = match kind {
        "not_sent" => TransportError::NotSent { message },
        "timeout" => TransportError::Timeout,
        "aborted" => TransportError::Aborted,
        _ => TransportError::Ambiguous { message },
    };
    exec::resume(id, Outcome::Upstream(Err(e)));
}

/// onTaskUpdate has run (its failures are the driver's to log).
#[wasm_bindgen(js_name = __kwResolveTask)]
pub fn resolve_task(id: u32) {
    exec::resume(id, Outcome::TaskUpdate);
}

/// The store's answer (JSON text), or `failed` (it threw or rejected; the driver logged why).
#[wasm_bindgen(js_name = __kwResolveStore)]
pub fn resolve_store(id: u32, answer: Option<String>, failed: bool) {
    let r = match answer {
        Some(a) if !failed => Ok(a),
        _ => Err("the store failed".to_owned()),
    };
    exec::resume(id, Outcome::Store(r));
}

/// The budget hook's answer: the budget as JSON text, none (no limits for the user), or
/// `failed` (it threw or answered what JSON cannot carry; the driver logged why).
#[wasm_bindgen(js_name = __kwResolveBudget)]
pub fn resolve_budget(id: u32, budget: Option<String>, failed: bool) {
    let r = if failed { Err("the budget hook failed".to_owned()) } else { Ok(budget) };
    exec::resume(id, Outcome::Budget(r));
}

/// `applyStoreOp(part, record, op)`: the store ops' one implementation (proxy/store/), pure, for
/// stores to run inside their atomic step: `{ record: string | null, answer: string }` (record
/// null: unchanged). Throws a TypeError for an unknown part.
#[wasm_bindgen(js_name = applyStoreOp, skip_typescript)]
pub fn apply_store_op(part: &str, record: Option<String>, op: &str) -> Result<JsValue, JsValue> {
    let Some(part) = Part::parse(part) else {
        return Err(js_sys::TypeError::new("applyStoreOp: part must be \"ledger\" or \"index\"").into());
    };
    let applied = crate::proxy::store::apply(part, record.as_deref(), op);
    let o = Object::new();
    set(&o, "record", &applied.record.map_or(JsValue::NULL, JsValue::from));
    set(&o, "answer", &applied.answer.into());
    Ok(o.into())
}

#[wasm_bindgen(js_name = __kwRequestDrop)]
pub fn request_drop(id: u32) {
    exec::drop_request(id);
}

/// Runs the proxy's hot paths once on canned data (proxy/warm.rs); the driver's `warmUp()`.
/// Returns how many canned requests ran to a 200 (all 4 unless a path broke: a test reads it).
#[wasm_bindgen(js_name = __kwWarmUp)]
pub fn warm_up() -> u32 {
    exec::warm_up().iter().filter(|s| **s == 200).count() as u32
}

thread_local! {
    static TRAP_AFTER: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Test hook: the `n`-th poll from now traps (`unreachable`), as an out-of-memory or a bug
/// would, so the tests can prove that a trap is answered 500 and the instance replaced. 0 = off.
#[wasm_bindgen(js_name = __kwTrapAfterPolls)]
pub fn trap_after_polls(n: u32) {
    TRAP_AFTER.with(|t| t.set(n));
}

fn test_fault_tick() {
    let n = TRAP_AFTER.with(|t| t.get());
    if n == 1 {
        core::arch::wasm32::unreachable();
    }
    if n > 1 {
        TRAP_AFTER.with(|t| t.set(n - 1));
    }
}

fn set(o: &Object, key: &str, v: &JsValue) {
    // A fresh plain object: defining a data property cannot throw.
    let _ = Reflect::set(o, &JsValue::from_str(key), v);
}
