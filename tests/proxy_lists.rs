//! Lists by cursor: a walk finds every task of the caller's and nothing of anybody else's (not
//! even how many there are), costs at most `PAGES_PER_REQUEST` upstream calls per request, ends
//! at Kling's last page, and refuses cursors of other users or lists and changed ones.

mod proxy_support;

use kling_wasm::proxy::cursor::{Keys, Position};
use kling_wasm::proxy::forward::{LAST_PAGE, PAGES_PER_REQUEST, UPSTREAM_PAGE_SIZE};
use proxy_support::*;
use serde_json::Value;
use std::collections::BTreeSet;

const LIST: &str = "/kling/v1/videos/omni-video";

/// Walks the whole list as `host`'s caller; returns the external ids of each answer.
fn walk(host: &Host, size: u32) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let target = match &cursor {
            Some(c) => format!("{LIST}?pageSize={size}&cursor={c}"),
            None => format!("{LIST}?pageSize={size}"),
        };
        let before = host.calls();
        let (s, v) = get(host, &target);
        assert_eq!(s, 200, "{v}");
        assert!(host.calls() - before <= PAGES_PER_REQUEST as usize, "upstream calls per request");
        let data = v["data"].as_array().unwrap();
        assert!(data.len() <= size as usize);
        pages.push(data.iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()).collect());
        assert_eq!(v["code"], 0);
        match v.get("next_cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_owned()),
            None => return pages,
        }
        assert!(pages.len() < 1000, "the walk does not end");
    }
}

#[test]
fn a_walk_finds_every_owned_task_and_nothing_else() {
    let alice = Host::new(Some("alice"));
    let mut mine = BTreeSet::new();
    // 2,300 tasks: alice's scattered among other users' and anonymous ones, across five pages.
    for i in 0..2300 {
        match i % 7 {
            0 | 3 => {
                push_task(&alice, &format!("alice:t{i}"));
                mine.insert(format!("t{i}"));
            }
            1 => drop(push_task(&alice, &format!("bob:t{i}"))),
            2 => drop(push_task(&alice, &format!(".t{i}"))),
            _ => drop(push_task(&alice, &format!("alice2:t{i}"))),
        }
    }
    for size in [7, 500] {
        // The first walk completes alice's task index (tests/proxy_index.rs): forgotten, so that
        // this one walks too.
        alice.store.clear();
        let pages = walk(&alice, size);
        let found: Vec<String> = pages.concat();
        assert_eq!(found.len(), mine.len(), "pageSize {size}: no duplicates when nothing changes");
        assert_eq!(found.into_iter().collect::<BTreeSet<_>>(), mine, "pageSize {size}");
        // Every answer but the last is full: an empty or short answer says nothing about others.
        assert!(pages[..pages.len() - 1].iter().all(|p| p.len() == size as usize), "pageSize {size}");
    }
}

/// pageSize=1 over `alice, bob, alice`: two answers, no empty one in between (which would tell
/// that someone else has a task there).
#[test]
fn small_pages_do_not_reveal_other_users_tasks() {
    let alice = Host::new(Some("alice"));
    for id in ["alice:a", "bob:b", "alice:c"] {
        push_task(&alice, id);
    }
    assert_eq!(walk(&alice, 1), [vec!["a".to_owned()], vec!["c".to_owned()]]);
    // A full page and nothing more of bob's: no cursor (tasks of others after his say nothing).
    let bob = alice.sharing(Some("bob"));
    assert_eq!(walk(&bob, 1), [vec!["b".to_owned()]]);
    assert_eq!(walk(&alice.sharing(Some("carol")), 30), [Vec::<String>::new()]);
}

/// An account of other users' tasks only: each request reads its budget of upstream pages and
/// hands back a cursor; the walk stops at Kling's last page (pageNum ≤ 1000).
#[test]
fn the_walk_is_bounded_per_request_and_ends_at_klings_last_page() {
    let alice = Host { endless_foreign: true, ..Host::new(Some("alice")) };
    let (s, v) = get(&alice, &format!("{LIST}?pageSize=10"));
    assert_eq!((s, v["data"].as_array().map(Vec::len)), (200, Some(0)));
    assert!(v["next_cursor"].is_string());
    assert_eq!(alice.calls(), PAGES_PER_REQUEST as usize);
    assert!(alice.upstream_seen.borrow().iter().all(|r| r.url.ends_with(&format!("&pageSize={UPSTREAM_PAGE_SIZE}"))));
    let near_end = Keys::derive(SK).seal(Position { page: LAST_PAGE - 1, index: 0 }, "omni-video", "alice:", "t");
    let before = alice.calls();
    let (s, v) = get(&alice, &format!("{LIST}?cursor={near_end}"));
    assert_eq!(s, 200, "{v}");
    assert!(v.get("next_cursor").is_none(), "no page after {LAST_PAGE}: {v}");
    assert_eq!(alice.calls() - before, 2);
    assert!(alice.upstream_seen.borrow().last().unwrap().url.contains(&format!("pageNum={LAST_PAGE}&")));
}

#[test]
fn cursors_work_only_for_their_user_and_list() {
    let alice = Host::new(Some("alice"));
    for i in 0..3 {
        push_task(&alice, &format!("alice:t{i}"));
    }
    let (_, v) = get(&alice, &format!("{LIST}?pageSize=1"));
    let cursor = v["next_cursor"].as_str().unwrap().to_owned();
    assert_eq!(get(&alice, &format!("{LIST}?pageSize=1&pageNum=1&cursor={cursor}")).0, 200);
    let bob = alice.sharing(Some("bob"));
    let anon = alice.sharing(None);
    let mut changed = cursor.clone().into_bytes();
    changed[10] = if changed[10] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).unwrap();
    for (host, cfg, target) in [
        (&bob, config(), format!("{LIST}?cursor={cursor}")),
        (&anon, anonymous(), format!("{LIST}?cursor={cursor}")),
        (&alice, config(), format!("/kling/v1/videos/text2video?cursor={cursor}")),
        (&alice, config(), format!("{LIST}?cursor={changed}")),
        (&alice, config(), format!("{LIST}?pageNum=2")),
        (&alice, config(), format!("{LIST}?pageSize=0")),
    ] {
        let before = host.calls();
        let (s, v, _) = run_with(&cfg, host, head("GET", &target, &[]));
        assert_eq!((s, &v["code"]), (400, &serde_json::json!(1201)), "{target}: {v}");
        assert_eq!(host.calls(), before, "{target}");
    }
}

/// A page that fails after others were read: what was found comes back, with a cursor that
/// reads the failed page again.
#[test]
fn a_failure_mid_walk_keeps_what_was_found() {
    let mut alice = Host::new(Some("alice"));
    for i in 0..500 {
        push_task(&alice, &format!("bob:t{i}"));
    }
    push_task(&alice, "alice:late");
    alice.raw = vec![("?pageNum=2&pageSize=500".into(), "not json".into())];
    let (s, v) = get(&alice, &format!("{LIST}?pageSize=5"));
    assert_eq!((s, v["data"].as_array().map(Vec::len)), (200, Some(0)), "{v}");
    alice.raw.clear();
    let cursor = v["next_cursor"].as_str().unwrap();
    let (_, v) = get(&alice, &format!("{LIST}?pageSize=5&cursor={cursor}"));
    assert_eq!(v["data"][0]["task_info"]["external_task_id"], "late");
    // A failure on the first page is the answer.
    let broken = Host { raw: vec![("?pageNum=1&pageSize=500".into(), "not json".into())], ..Host::new(Some("alice")) };
    assert_eq!(get(&broken, LIST).0, 502);
}

/// A full page of image tasks holds far more values than a request may (the request reader's cap
/// is 10,000): nine images each, 17,500 values in 500 tasks. The page is still read and filtered.
#[test]
fn a_full_page_of_nine_image_tasks_is_read() {
    let alice = Host::new(Some("alice"));
    for i in 0..UPSTREAM_PAGE_SIZE {
        let owner = if i % 5 == 0 { "alice" } else { "bob" };
        push_task(&alice, &format!("{owner}:img{i}"));
    }
    let images: Vec<Value> = (0..9).map(|i| serde_json::json!({"index": i, "url": format!("https://cdn.example/{i}.png")})).collect();
    for task in alice.tasks.borrow_mut().iter_mut() {
        task["task_result"] = serde_json::json!({ "images": images.clone() });
    }
    let values: usize = alice.tasks.borrow().iter().map(count).sum();
    assert!(values > kling_wasm::json::MAX_VALUES, "{values} values");
    let (s, v) = get(&alice, &format!("{LIST}?pageSize=500"));
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"].as_array().unwrap().len(), 100);
    assert_eq!(v["data"][0]["task_result"]["images"].as_array().unwrap().len(), 9);
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}
