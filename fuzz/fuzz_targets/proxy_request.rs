//! Fuzz target: the whole proxy handler, `proxy::handle`, on arbitrary requests (method, target
//! built from route pieces or raw, headers, body) over a mock host whose upstream answers with
//! canned Kling answers or arbitrary text. Invariants: it never panics, always answers with a
//! status in 200..600, never lets the secret out, and (DESIGN.md "Limits") never holds more than
//! 2 × (body + upstream answer) + a constant at once — measured by a counting global allocator.
#![no_main]

use arbitrary::Arbitrary;
use kling_wasm::proxy::{handle, BodyError, BodyRoom, ProxyConfig, ProxyHost, ProxyState, RequestHead, Signer};
use kling_wasm::transport::{HttpRequest, HttpResponse, TransportError};
use libfuzzer_sys::fuzz_target;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Bytes live now and the most live at once (libFuzzer runs one input at a time).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on unchanged to the system allocator; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grow(new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Above 2 × (body + upstream answer): the response envelope, reports, keys, cursors.
const CONSTANT: usize = 256 << 10;
const SECRET: &str = "fuzz-secret-key-0123456789";

#[derive(Arbitrary, Debug)]
struct Input {
    method: u8,
    pieces: Vec<u8>,
    raw_target: Option<String>,
    headers: Vec<(u8, String)>,
    body: String,
    /// Repeat a long base64 run inside the body (`pad` KiB), so 2× matters.
    pad: u16,
    body_error: Option<u8>,
    upstream: Vec<u8>,
    raw_upstream: String,
    anonymous: bool,
    validate: bool,
    callbacks: bool,
    user: Option<String>,
}

const METHODS: &[&str] = &["GET", "POST", "OPTIONS", "PUT", "DELETE", "get", ""];
const PIECES: &[&str] = &[
    "/kling",
    "/v1/videos/omni-video",
    "/v1/videos/text2video",
    "/v1/videos/image2video",
    "/v1/images/omni-image",
    "/callback/",
    "omni-video.AAAAAAAAAAAAAAAAAAAAAA",
    "/job-1",
    "/90001",
    "?by=external_task_id",
    "?by=task_id",
    "?pageSize=5",
    "&pageNum=1",
    "?pageNum=2",
    "&cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "/..",
    "%2e",
    "//",
    "?",
    "&",
    "=",
    "#",
];
const HEADER_NAMES: &[&str] = &[
    "content-type",
    "content-length",
    "origin",
    "host",
    "x-forwarded-host",
    "forwarded",
    "x-http-method-override",
    "access-control-request-method",
    "authorization",
];
const UPSTREAM: &[&str] = &[
    r#"{"code":0,"message":"","request_id":"r","data":{"task_id":"1","task_status":"submitted","task_info":{"external_task_id":"alice:job-1"}}}"#,
    r#"{"code":0,"message":"","request_id":"r","data":{"task_id":"1","task_status":"submitted","task_info":{"external_task_id":".job-1"}}}"#,
    r#"{"code":0,"message":"","request_id":"r","data":[{"task_id":"1","task_info":{"external_task_id":"alice:a"}},{"task_id":"2","task_info":{"external_task_id":"bob:b"}}]}"#,
    r#"{"code":1203,"message":"task not exist","request_id":"r","data":null}"#,
    r#"{"code":0,"message":"\ud83d","request_id":"r","data":[{"task_info":{"external_task_id":"\u0061lice:x"},"m":"\udc00"}]}"#,
    r#"{"code":1002,"message":"fuzz-secret-key-0123456789","request_id":"r","data":null}"#,
    "not json",
];

struct Host<'a> {
    input: &'a Input,
    body: String,
    calls: Cell<usize>,
    upstream_bytes: Cell<usize>,
}

impl ProxyHost for Host<'_> {
    async fn read_body(&self, max: usize, room: &BodyRoom<'_>) -> Result<String, BodyError> {
        match self.input.body_error.map(|e| e % 4) {
            Some(0) => Err(BodyError::TooLarge),
            Some(1) => Err(BodyError::Unreadable),
            Some(2) => Err(BodyError::TimedOut),
            _ if self.body.len() > max => Err(BodyError::TooLarge),
            _ if self.body.len() > room.admitted && !(room.grow)() => Err(BodyError::Busy),
            _ => Ok(self.body.clone()),
        }
    }
    async fn authorize(&self) -> Result<Option<String>, String> {
        match self.input.user.as_deref() {
            Some("throw") => Err("hook threw".into()),
            u => Ok(u.map(str::to_owned)),
        }
    }
    async fn upstream(&self, _req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let i = self.calls.get();
        self.calls.set(i + 1);
        let pick = self.input.upstream.get(i).copied().unwrap_or(0) as usize;
        let body = match UPSTREAM.get(pick % (UPSTREAM.len() + 2)) {
            Some(b) => b.to_string(),
            None if pick % 2 == 0 => self.input.raw_upstream.clone(),
            None => return Err(TransportError::Timeout),
        };
        self.upstream_bytes.set(self.upstream_bytes.get().max(body.len()));
        Ok(HttpResponse { status: if pick & 0x80 != 0 { 404 } else { 200 }, headers: vec![], body })
    }
    async fn on_task_update(&self, _: &str, _: Option<&str>) {}
    fn now_ms(&self) -> u64 {
        1_800_000_000_000
    }
    fn new_id(&self) -> String {
        format!("gen{}", self.calls.get())
    }
}

fn block_on<F: Future>(fut: F) -> F::Output {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        // The mock host never waits: every await is ready at once.
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fuzz_target!(|input: Input| {
    let target = input.raw_target.clone().unwrap_or_else(|| input.pieces.iter().map(|&p| PIECES[p as usize % PIECES.len()]).collect());
    let headers = input.headers.iter().map(|(n, v)| (HEADER_NAMES[*n as usize % HEADER_NAMES.len()].to_owned(), v.clone())).collect();
    // The request URL's origin (the proxy's own): sometimes the Origin the fuzzer may send.
    let url_origin = input.anonymous.then(|| "https://app.test".to_owned());
    let head = RequestHead { method: METHODS[input.method as usize % METHODS.len()].into(), target, headers, url_origin };
    let mut cfg = ProxyConfig::new(Signer::Keys { access_key: "fuzz-access-key".into(), secret_key: SECRET.into() });
    cfg.upstream = "https://kling.test".into();
    cfg.allowed_origins = vec!["https://app.test".into()];
    cfg.allow_anonymous = input.anonymous;
    cfg.validate = input.validate;
    cfg.max_body_bytes = 1 << 20;
    cfg.callback_base = input.callbacks.then(|| "https://edge.test/kling".into());
    let body = match input.body.strip_suffix('}') {
        Some(open) if input.pad > 0 => format!("{open},\"pad\":\"{}\"}}", "QUJD".repeat(usize::from(input.pad) * 256)),
        _ => input.body.clone(),
    };
    let host = Host { input: &input, body, calls: Cell::new(0), upstream_bytes: Cell::new(0) };
    let state = ProxyState::new();
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let resp = block_on(handle(&cfg, &state, &host, &head));
    let peak = PEAK.load(Ordering::Relaxed) - base;
    assert!((200..600).contains(&resp.status), "{}", resp.status);
    assert!(!resp.body.contains(SECRET) && !resp.headers.iter().any(|(_, v)| v.contains(SECRET)), "secret out: {}", resp.body);
    assert_eq!(state.creates_in_flight(), 0, "a create slot was not given back");
    let limit = 2 * (host.body.len() + host.upstream_bytes.get()) + CONSTANT;
    assert!(peak <= limit, "peak {peak} bytes for a {}-byte body and {}-byte answers", host.body.len(), host.upstream_bytes.get());
});
