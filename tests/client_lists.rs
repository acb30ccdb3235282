//! Walking task lists: through a proxy-like mock (an account of 10,000 tasks, 1 % the caller's,
//! served in short and empty pages with a cursor) every task of the caller comes exactly once,
//! also when new tasks shift the pages; direct to Kling the page numbers end at a short page or
//! page 1000; a hostile next_cursor is never put in a URL; a cursor that never ends is stopped.

mod client_mock;

use client_mock::*;
use kling_wasm::api::common::Task;
use kling_wasm::auth::Auth;
use kling_wasm::client::{next_request, CallOptions, Client, ClientConfig, Cursor, PageRequest, Walk};
use kling_wasm::transport::{HttpRequest, HttpResponse, Method, Transport, TransportError};
use kling_wasm::{Endpoint, Error, Options};
use std::cell::{Cell, RefCell};

const T0: u64 = 1_700_000_000_000;

/// A signing proxy over an account's task list (newest first): each request scans at most
/// `SCAN` upstream pages of `pageSize` from where its cursor points, keeps the caller's tasks
/// (ids ending in "-me"), and answers with a cursor unless the scan reached the end.
#[derive(Debug, Default)]
struct ProxyList {
    tasks: RefCell<Vec<String>>,
    urls: RefCell<Vec<String>>,
    /// Tasks answered, repeats included.
    served: Cell<usize>,
    /// (n, count): before the n-th answer, `count` new tasks (to shift pages mid-walk).
    shift_at: Cell<Option<(usize, usize)>>,
}

const SCAN: usize = 3;

impl ProxyList {
    /// `total` tasks, every `every`-th one the caller's.
    fn account(total: usize, every: usize) -> Self {
        let tasks = (0..total).map(|i| if i % every == every / 2 { format!("t{i}-me") } else { format!("t{i}-other") }).collect();
        ProxyList { tasks: RefCell::new(tasks), ..Default::default() }
    }

    fn answer(&self, url: &str) -> String {
        let query = url.split_once('?').expect("a list query").1;
        let param = |k: &str| query.split('&').find_map(|kv| kv.strip_prefix(k).and_then(|v| v.strip_prefix('='))).map(str::to_owned);
        let size: usize = param("pageSize").expect("pageSize").parse().unwrap();
        let start = match (param("cursor"), param("pageNum")) {
            (Some(c), None) => c.strip_prefix("b2Zm").expect("our cursor").parse::<usize>().unwrap(),
            (None, Some(n)) => (n.parse::<usize>().unwrap() - 1) * size,
            other => panic!("pageNum or cursor, not {other:?}"),
        };
        let tasks = self.tasks.borrow();
        let end = (start + SCAN * size).min(tasks.len());
        let mine: Vec<String> = tasks[start.min(end)..end].iter().filter(|t| t.ends_with("-me")).map(|t| task_json(t, "succeed", None)).collect();
        self.served.set(self.served.get() + mine.len());
        let cursor = if end < tasks.len() { format!(r#","next_cursor":"b2Zm{end}""#) } else { String::new() };
        format!(r#"{{"code":0,"message":"SUCCEED","request_id":"r","data":[{}]{cursor}}}"#, mine.join(","))
    }
}

impl Transport for ProxyList {
    type Signal = Signal;
    async fn send(&self, req: HttpRequest, _signal: Option<&Signal>) -> Result<HttpResponse, TransportError> {
        assert_eq!(req.method, Method::Get);
        self.urls.borrow_mut().push(req.url.clone());
        if let Some((after, count)) = self.shift_at.get().filter(|(after, _)| *after == self.urls.borrow().len()) {
            // New tasks land at the head of the list: every later offset moves by `count`.
            let mut tasks = self.tasks.borrow_mut();
            for i in 0..count {
                tasks.insert(0, format!("new{after}-{i}-other"));
            }
        }
        Ok(HttpResponse { status: 200, headers: vec![], body: self.answer(&req.url) })
    }
}

fn client<T: Transport<Signal = Signal>>(transport: T) -> Client<T, FakeRuntime> {
    Client::new(ClientConfig::new("https://app.test/kling", Auth::Proxy), transport, FakeRuntime::at(T0)).unwrap()
}

/// Every task the walk yields from `num`/`size` on, or the error that ended it.
fn walk_all<T: Transport<Signal = Signal>>(c: &Client<T, FakeRuntime>, num: f64, size: f64) -> (Vec<String>, Option<Error>) {
    let walk = RefCell::new(Walk::new(Endpoint::OmniVideo, num, size, &Options::default()).unwrap());
    let mut ids = Vec::new();
    loop {
        match block_on(c.next_task(Endpoint::OmniVideo, &walk, &CallOptions::default())) {
            Ok(Some(t)) => ids.push(t.task_id),
            Ok(None) => return (ids, None),
            Err(e) => return (ids, Some(e)),
        }
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn every_task_of_the_caller_comes_once_across_short_and_empty_pages() {
    let c = client(ProxyList::account(10_000, 100));
    let (ids, err) = walk_all(&c, 1.0, 30.0);
    assert_eq!(err, None);
    let mine: Vec<String> = c.transport().tasks.borrow().iter().filter(|t| t.ends_with("-me")).cloned().collect();
    assert_eq!(mine.len(), 100);
    assert_eq!(ids, mine, "all 100, once each, in list order");
    let urls = c.transport().urls.borrow().clone();
    // 10,000 tasks, 90 scanned a request: 112 requests, most of them empty or short pages.
    assert_eq!(urls.len(), 112);
    assert_eq!(urls[0], "https://app.test/kling/v1/videos/omni-video?pageNum=1&pageSize=30");
    assert_eq!(urls[1], "https://app.test/kling/v1/videos/omni-video?pageSize=30&cursor=b2Zm90");
}

#[test]
fn tasks_shifted_into_the_next_page_are_yielded_once() {
    let proxy = ProxyList::account(1_000, 10);
    // Before the 3rd and the 7th answers, 25 and 40 new tasks push the list down.
    proxy.shift_at.set(Some((3, 25)));
    let c = client(proxy);
    let walk = RefCell::new(Walk::new(Endpoint::OmniVideo, 1.0, 20.0, &Options::default()).unwrap());
    let mut ids = Vec::new();
    while let Some(t) = block_on(c.next_task(Endpoint::OmniVideo, &walk, &CallOptions::default())).unwrap() {
        ids.push(t.task_id);
        if c.transport().urls.borrow().len() == 5 {
            c.transport().shift_at.set(Some((7, 40)));
        }
    }
    let want: Vec<String> = (0..1000).filter(|i| i % 10 == 5).map(|i| format!("t{i}-me")).collect();
    assert!(c.transport().served.get() > ids.len(), "the shifts made the proxy answer some tasks twice");
    assert_eq!(sorted(ids), sorted(want), "every task once");
}

#[test]
fn a_task_repeated_within_or_across_pages_is_yielded_once() {
    let page = |ids: &[&str], cursor: Option<&str>| {
        let tasks: Vec<String> = ids.iter().map(|i| task_json(i, "succeed", None)).collect();
        let cursor = cursor.map(|c| format!(r#","next_cursor":"{c}""#)).unwrap_or_default();
        Reply::Http(200, vec![], format!(r#"{{"code":0,"message":"","request_id":"r","data":[{}]{cursor}}}"#, tasks.join(",")))
    };
    let c = client(Scripted::new(vec![page(&["a", "b", "a"], Some("c1")), page(&[], Some("c2")), page(&["b", "c"], None)]));
    assert_eq!(walk_all(&c, 1.0, 30.0), (vec!["a".into(), "b".into(), "c".into()], None));
    assert_eq!(c.transport().left(), 0);
}

#[test]
fn thousands_of_tasks_with_overlapping_pages_come_once_each() {
    // Pages of 500, each repeating the last 50 tasks of the one before; the set of ids seen
    // grows through several resizes, keyed by the runtime's randomness.
    let page = |n: usize| {
        let ids: Vec<String> = (n * 450..n * 450 + 500).map(|i| task_json(&format!("{i}"), "succeed", None)).collect();
        let cursor = if n < 11 { format!(r#","next_cursor":"p{n}""#) } else { String::new() };
        Reply::Http(200, vec![], format!(r#"{{"code":0,"message":"","request_id":"r","data":[{}]{cursor}}}"#, ids.join(",")))
    };
    let c = client(Scripted::new((0..12).map(page).collect()));
    c.runtime().jitter.set(0.37);
    let (ids, err) = walk_all(&c, 1.0, 500.0);
    assert_eq!(err, None);
    assert_eq!(ids, (0..11 * 450 + 500).map(|i| i.to_string()).collect::<Vec<_>>());
}

#[test]
fn direct_to_kling_a_short_page_or_page_1000_is_the_last() {
    let list = |p: &str, n: usize| ok(&format!("[{}]", (0..n).map(|i| task_json(&format!("{p}{i}"), "succeed", None)).collect::<Vec<_>>().join(",")));
    let c = client(Scripted::new(vec![list("a", 2), list("b", 2), list("c", 1)]));
    assert_eq!(walk_all(&c, 1.0, 2.0), (["a0", "a1", "b0", "b1", "c0"].map(String::from).to_vec(), None));
    let urls: Vec<String> = c.transport().requests().into_iter().map(|r| r.url).collect();
    assert_eq!(urls, ["1", "2", "3"].map(|n| format!("https://app.test/kling/v1/videos/omni-video?pageNum={n}&pageSize=2")));
    let c = client(Scripted::new(vec![list("z", 2)]));
    assert_eq!(walk_all(&c, 1000.0, 2.0).0.len(), 2, "no page after 1000");
    // The pure rule, cursor first.
    let num = |num, size| PageRequest::Number { num, size };
    let cur = Cursor::parse("x-1").unwrap();
    assert_eq!(next_request(&num(1, 30), 30, None), Some(num(2, 30)));
    assert_eq!(next_request(&num(1, 30), 29, None), None);
    assert_eq!(next_request(&num(1000, 30), 30, None), None);
    assert_eq!(next_request(&num(1, 30), 0, Some(&cur)), Some(PageRequest::Cursor { cursor: cur.clone(), size: 30 }));
    assert_eq!(next_request(&PageRequest::Cursor { cursor: Cursor::parse("x-0").unwrap(), size: 30 }, 30, None), None, "the proxy said it is over");
}

#[test]
fn a_bad_next_cursor_is_a_decode_error_and_never_sent() {
    let long = "a".repeat(513);
    for bad in [r#""a&pageNum=2""#, r#""a b""#, r#""a/../b""#, r#""%2F""#, r#""a#b""#, r#""""#, r#""ü""#, "42", "{}", &format!(r#""{long}""#)] {
        let body = format!(r#"{{"code":0,"message":"","request_id":"r","data":[{}],"next_cursor":{bad}}}"#, task_json("a", "succeed", None));
        let c = client(Scripted::new(vec![Reply::Http(200, vec![], body.clone()), Reply::Http(200, vec![], body)]));
        let (ids, err) = walk_all(&c, 1.0, 30.0);
        match err {
            Some(Error::Decode { message, status: 200 }) => assert!(message.contains("next_cursor"), "{bad}: {message}"),
            other => panic!("{bad}: {other:?}"),
        }
        assert!(ids.is_empty(), "{bad}");
        assert_eq!(c.transport().requests().len(), 1, "{bad}: not retried, not followed");
    }
    // The longest accepted cursor is followed as it is; null is no cursor.
    assert!(Cursor::parse(&"A-_.~9".repeat(85)).is_some());
    let body = format!(r#"{{"code":0,"message":"","request_id":"r","data":[{}],"next_cursor":null}}"#, task_json("a", "succeed", None));
    let c = client(Scripted::new(vec![Reply::Http(200, vec![], body)]));
    assert_eq!(walk_all(&c, 1.0, 30.0), (vec!["a".into()], None));
}

#[test]
fn a_cursor_that_repeats_or_never_ends_stops_the_walk() {
    let empty = |c: &str| Reply::Http(200, vec![], format!(r#"{{"code":0,"message":"","request_id":"r","data":[],"next_cursor":"{c}"}}"#));
    let c = client(Scripted::new(vec![empty("c1"), empty("c1"), empty("c2")]));
    assert!(matches!(walk_all(&c, 1.0, 30.0), (ids, Some(Error::Decode { .. })) if ids.is_empty()));
    assert_eq!(c.transport().left(), 1);
    let c = client(Scripted::new((0..2001).map(|i| empty(&format!("c{i}"))).collect()));
    match walk_all(&c, 1.0, 30.0) {
        (_, Some(Error::Decode { message, .. })) => assert!(message.contains("2000"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.transport().requests().len(), 2000);
}

#[test]
fn a_failed_page_is_asked_again_and_a_stopped_walk_sends_nothing() {
    let page = |id: &str, c: Option<&str>| {
        let cursor = c.map(|c| format!(r#","next_cursor":"{c}""#)).unwrap_or_default();
        Reply::Http(200, vec![], format!(r#"{{"code":0,"message":"","request_id":"r","data":[{}]{cursor}}}"#, task_json(id, "succeed", None)))
    };
    let c = Client::new(
        ClientConfig { max_retries: 0, ..ClientConfig::new("https://app.test/kling", Auth::Proxy) },
        Scripted::new(vec![page("a", Some("n1")), kling_error(500, 5000, "x"), page("b", None)]),
        FakeRuntime::at(T0),
    )
    .unwrap();
    let walk = RefCell::new(Walk::new(Endpoint::OmniVideo, 1.0, 30.0, &Options::default()).unwrap());
    let next = || block_on(c.next_task(Endpoint::OmniVideo, &walk, &CallOptions::default())).map(|t| t.map(|t: Task| t.task_id));
    assert_eq!(next(), Ok(Some("a".into())));
    assert!(matches!(next(), Err(Error::Api { api_code: Some(5000), .. })));
    assert_eq!(next(), Ok(Some("b".into())), "the same cursor, asked again");
    let urls: Vec<String> = c.transport().requests().into_iter().map(|r| r.url).collect();
    assert_eq!(urls[1], urls[2]);
    walk.borrow_mut().stop();
    assert_eq!(next(), Ok(None));
    assert_eq!(c.transport().requests().len(), 3);
}
