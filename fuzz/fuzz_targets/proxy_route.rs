//! Fuzz target: the proxy's allow-list `proxy::route::route(method, target, prefix)` on request
//! targets built from path pieces (family paths, dot-segments, escapes, queries) or raw text.
//! Invariants, for every prefix the proxy's config check accepts: an accepted target is plain (no
//! `%`, backslash, fragment, control or non-ASCII bytes; no `//` or dot-segments, the prefix
//! included), sits under the prefix, and maps to upstream paths (`task_path`, `page_path`) under
//! one of the four family paths that route back to the same task or list.
#![no_main]

use arbitrary::Arbitrary;
use kling_wasm::caps::Endpoint;
use kling_wasm::proxy::route::{is_safe_id, is_safe_token, page_path, route, task_path, IdKind, ListQuery, Route, MAX_CURSOR_LEN};
use kling_wasm::proxy::{ProxyConfig, Signer};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Piece {
    Seg(u8),
    Raw(String),
    Digits(u32),
}

#[derive(Arbitrary, Debug)]
struct Input {
    method: u8,
    prefix: u8,
    raw_prefix: String,
    pieces: Vec<Piece>,
    raw: Option<String>,
}

const SEGS: &[&str] = &[
    "/",
    "/v1",
    "/videos",
    "/images",
    "/omni-video",
    "/text2video",
    "/image2video",
    "/omni-image",
    "/callback",
    "/kling",
    "/..",
    "/.",
    "/%2e%2e",
    "%2f",
    "/",
    "/abc-123",
    "/tok.en",
    "/a..b",
    "/...",
    "?",
    "&",
    "pageNum=",
    "pageSize=",
    "=",
    "#",
    "\\",
    " ",
    "é",
    "by=",
    "external_task_id",
    "task_id",
    "cursor=",
    "Ab-_9",
    "/v1/videos/omni-video",
    "/v1/images/omni-image",
    "/v1/videos/text2video",
    "/v1/videos/image2video",
    "/account/costs",
    "https://evil.example",
    "//",
    ":",
    "\r\n",
    "\0",
    ";",
];
const METHODS: &[&str] = &["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "get", "", "POST "];
const PREFIXES: &[&str] = &["", "/kling", "/api/v2", "/kling/", "/a//b", "/k/.."];

fuzz_target!(|input: Input| {
    let method = METHODS[input.method as usize % METHODS.len()];
    let prefix = PREFIXES.get(input.prefix as usize % (PREFIXES.len() + 1)).copied().unwrap_or(&input.raw_prefix);
    let target = input.raw.clone().unwrap_or_else(|| {
        input.pieces.iter().fold(String::new(), |mut t, p| {
            match p {
                Piece::Seg(i) => t.push_str(SEGS[*i as usize % SEGS.len()]),
                Piece::Raw(s) => t.push_str(s),
                Piece::Digits(n) => t.push_str(&n.to_string()),
            }
            t
        })
    });
    // Only a prefix the proxy starts with (ProxyConfig::check) is a real mount path.
    let mut cfg = ProxyConfig::new(Signer::ApiKey("k".into()));
    cfg.path_prefix = prefix.to_owned();
    if cfg.check().is_err() {
        return;
    }
    let Ok(r) = route(method, &target, prefix) else { return };
    let (path, _) = target.split_once('?').unwrap_or((&target, ""));
    let Some(rest) = path.strip_prefix(prefix) else { panic!("{target} accepted outside the prefix {prefix:?}") };
    assert!(target.starts_with('/') && rest.starts_with('/'), "{target}");
    assert!(!target.contains('%') && !target.contains('\\') && !target.contains('#'), "{target}");
    assert!(target.bytes().all(|b| b > b' ' && b < 0x7f), "{target:?}");
    // Neither the prefix (the config check refuses odd ones: proxy-1) nor the rest has `//` or a
    // dot-segment, so a URL normaliser in front of the proxy sees the path the proxy routes.
    assert!(!path.contains("//"), "{target}");
    assert!(!path.split('/').any(|s| s == "." || s == ".."), "dot-segment accepted: {target}");
    match &r {
        Route::Create(_) | Route::Callback(_) => assert_eq!(method, "POST", "{target}"),
        Route::Get(..) | Route::List(..) => assert_eq!(method, "GET", "{target}"),
    }
    let up = match &r {
        Route::Create(e) => e.path().to_owned(),
        Route::Get(e, id, _) => {
            assert!(is_safe_id(id), "{id}");
            task_path(*e, id)
        }
        Route::List(e, q) => {
            if let Some(c) = &q.cursor {
                assert!(c.len() <= MAX_CURSOR_LEN && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{c}");
            }
            page_path(*e, 1, 500)
        }
        Route::Callback(token) => {
            assert!(is_safe_token(token), "{token}");
            return;
        }
    };
    let family =
        Endpoint::ALL.into_iter().find(|e| up.strip_prefix(e.path()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')));
    assert!(family.is_some(), "upstream path {up} is not under a family path");
    assert!(!up.contains("..") || matches!(&r, Route::Get(_, id, _) if id.contains("..")), "{up}");
    assert!(!up.contains('%') && !up.contains("//"), "{up}");
    assert!(!up.split(['/', '?']).any(|s| s == "." || s == ".."), "dot-segment upstream: {up}");
    // The upstream path is itself an allowed request, for the same task or list.
    let again = route(method, &up, "").unwrap_or_else(|e| panic!("upstream {up} refused: {e:?}"));
    let expected = match &r {
        Route::Get(e, id, _) => Route::Get(*e, id.clone(), IdKind::TaskId),
        Route::List(e, _) => Route::List(*e, ListQuery { page_num: Some(1), page_size: Some(500), cursor: None }),
        other => other.clone(),
    };
    assert_eq!(again, expected, "{target} -> {up}");
});
