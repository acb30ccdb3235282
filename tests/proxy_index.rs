//! Listing from the per-user task index: after a walk that reached the account's end, a listing
//! costs one upstream query per task and no page walk; a restarted store, a store that fails, a
//! walk the store lost track of, or an index the cap shortened all walk (the part they must) and
//! miss nothing; users stay apart.

mod proxy_support;

use kling_wasm::proxy::forward::{FORGET_AFTER_MS, QUERIES_PER_REQUEST};
use kling_wasm::proxy::store::Part;
use kling_wasm::proxy::ProxyConfig;
use proxy_support::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

const LIST: &str = "/kling/v1/videos/omni-video";

/// What one full listing cost: the external ids answered (in order), the upstream page reads
/// and task queries it made.
#[derive(Debug)]
struct Listing {
    ids: Vec<String>,
    pages: usize,
    queries: usize,
    requests: usize,
}

fn list_all_with(cfg: &ProxyConfig, host: &Host, size: u32) -> Listing {
    let before = host.calls();
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    let mut requests = 0;
    loop {
        let target = match &cursor {
            Some(c) => format!("{LIST}?pageSize={size}&cursor={c}"),
            None => format!("{LIST}?pageSize={size}"),
        };
        let (s, v, _) = run_with(cfg, host, head("GET", &target, &[]));
        assert_eq!((s, &v["code"]), (200, &json!(0)), "{v}");
        requests += 1;
        ids.extend(v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()));
        match v.get("next_cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(requests < 500, "the listing does not end");
    }
    let seen = host.upstream_seen.borrow();
    let urls: Vec<&str> = seen[before..].iter().map(|r| r.url.as_str()).collect();
    let pages = urls.iter().filter(|u| u.contains("pageNum=")).count();
    Listing { ids, pages, queries: urls.len() - pages, requests }
}

fn list_all(host: &Host, size: u32) -> Listing {
    list_all_with(&config(), host, size)
}

fn set(ids: &[String]) -> BTreeSet<String> {
    ids.iter().cloned().collect()
}

/// An account of `n` tasks, every `every`th alice's (as created before: the index does not know
/// them), the rest other users'; alice's ids.
fn account(host: &Host, n: usize, every: usize) -> BTreeSet<String> {
    let mut mine = BTreeSet::new();
    for i in 0..n {
        if i % every == 0 {
            push_task(host, &format!("alice:t{i}"));
            mine.insert(format!("t{i}"));
        } else {
            push_task(host, &format!("bob:t{i}"));
        }
    }
    mine
}

#[test]
fn after_a_walk_to_the_end_the_index_answers_with_k_queries() {
    let alice = Host::new(Some("alice"));
    let mine = account(&alice, 1200, 20);
    let walked = list_all(&alice, 30);
    assert_eq!((set(&walked.ids), walked.queries), (mine.clone(), 0), "the first listing walks");
    assert!(walked.pages >= 3, "{walked:?}");
    for size in [30, 7, 500] {
        let l = list_all(&alice, size);
        assert_eq!(set(&l.ids), mine, "pageSize {size}");
        assert_eq!(l.ids.len(), mine.len(), "pageSize {size}: each once");
        assert_eq!((l.pages, l.queries), (0, mine.len()), "pageSize {size}: k queries, no page walk");
        let per = size.min(QUERIES_PER_REQUEST) as usize;
        assert_eq!(l.requests, mine.len().div_ceil(per), "pageSize {size}");
    }
}

#[test]
fn a_restarted_store_walks_again_and_completes_again() {
    let alice = Host::new(Some("alice"));
    let mine = account(&alice, 700, 7);
    list_all(&alice, 50);
    assert_eq!(list_all(&alice, 50).pages, 0);
    alice.store.clear();
    let again = list_all(&alice, 50);
    assert_eq!((set(&again.ids), again.queries), (mine.clone(), 0));
    assert!(again.pages > 0);
    let third = list_all(&alice, 50);
    assert_eq!((set(&third.ids), third.pages), (mine, 0));
}

/// Tasks created while a walk goes on over several requests are in the index (created through
/// the proxy); the walk's end keeps them. A walk the store lost (a restart mid-walk) completes
/// nothing.
#[test]
fn walks_over_several_requests_keep_new_tasks_and_a_lost_walk_completes_nothing() {
    let mut alice = Host::new(Some("alice"));
    let mut mine = account(&alice, 40, 4);
    let (s, v) = get(&alice, &format!("{LIST}?pageSize=3"));
    assert_eq!(s, 200, "{v}");
    let cursor = v["next_cursor"].as_str().unwrap().to_owned();
    assert_eq!(create(&mut alice, valid_as("made-meanwhile")).0, 200);
    mine.insert("made-meanwhile".into());
    let mut ids: Vec<String> = v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()).collect();
    let mut next = Some(cursor);
    while let Some(c) = next {
        let (_, v) = get(&alice, &format!("{LIST}?pageSize=3&cursor={c}"));
        ids.extend(v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()));
        next = v.get("next_cursor").and_then(Value::as_str).map(str::to_owned);
    }
    assert_eq!(set(&ids), mine, "the walk itself sees the new task (the test's Kling appends it)");
    let l = list_all(&alice, 30);
    assert_eq!((set(&l.ids), l.pages), (mine.clone(), 0), "complete, with the task made meanwhile");

    // Mid-walk restart: the walk's end is not trusted.
    alice.store.clear();
    let (_, v) = get(&alice, &format!("{LIST}?pageSize=3"));
    let mut next = v["next_cursor"].as_str().map(str::to_owned);
    alice.store.clear();
    while let Some(c) = next {
        let (_, v) = get(&alice, &format!("{LIST}?pageSize=3&cursor={c}"));
        next = v.get("next_cursor").and_then(Value::as_str).map(str::to_owned);
    }
    let l = list_all(&alice, 30);
    assert!(l.pages > 0 && l.queries == 0, "still walking: {l:?}");
    assert_eq!(set(&l.ids), mine);
}

#[test]
fn users_stay_apart_and_another_users_task_never_shows() {
    let mut alice = Host::new(Some("alice"));
    let mut bob = Host { store: alice.store.clone(), ..alice.sharing(Some("bob")) };
    for i in 0..5 {
        assert_eq!(create(&mut alice, valid_as(&format!("a{i}"))).0, 200);
        assert_eq!(create(&mut bob, valid_as(&format!("b{i}"))).0, 200);
    }
    let alice_ids = list_all(&alice, 30);
    let bob_ids = list_all(&bob, 30);
    assert_eq!(set(&alice_ids.ids), (0..5).map(|i| format!("a{i}")).collect());
    assert_eq!(set(&bob_ids.ids), (0..5).map(|i| format!("b{i}")).collect());
    // Both walked once and completed their own index; then each reads only its own.
    let (a, b) = (list_all(&alice, 30), list_all(&bob, 30));
    assert_eq!((a.pages, a.queries, b.pages, b.queries), (0, 5, 0, 5));
    // An entry naming bob's task in alice's index (a store written by hand): queried, not shown.
    let bob_task =
        alice.tasks.borrow().iter().find_map(|t| t["task_info"]["external_task_id"].as_str().filter(|x| x.starts_with("bob:")).map(str::to_owned)).unwrap();
    alice.store.apply("alice:", Part::Index, &json!({"op": "add", "fam": "omni-video", "ext": bob_task, "at": NOW_MS + 10}).to_string());
    let l = list_all(&alice, 30);
    assert_eq!((set(&l.ids), l.queries), (set(&alice_ids.ids), 6));
    // alice's index cursor is refused for bob.
    let (_, v) = get(&alice, &format!("{LIST}?pageSize=2"));
    let c = v["next_cursor"].as_str().unwrap();
    let before = bob.calls();
    assert_eq!(get(&bob, &format!("{LIST}?cursor={c}")).0, 400);
    assert_eq!(bob.calls(), before);
}

/// The cap dropped alice's oldest tasks from the index: the index answers the newest, then a walk
/// finds the rest (skipping what the index held), each task once.
#[test]
fn a_capped_index_answers_the_newest_and_walks_for_the_rest() {
    let cfg = ProxyConfig { index_cap: 5, ..config() };
    let alice = Host::new(Some("alice"));
    let mine = account(&alice, 1100, 50);
    assert_eq!(mine.len(), 22);
    let first = list_all_with(&cfg, &alice, 4);
    assert_eq!(set(&first.ids), mine);
    let l = list_all_with(&cfg, &alice, 4);
    assert_eq!(l.ids.len(), mine.len(), "each once: {:?}", l.ids);
    assert_eq!(set(&l.ids), mine);
    assert_eq!(l.queries, 5, "the five newest from the index");
    assert!(l.pages >= 3, "the rest by the walk: {l:?}");
}

#[test]
fn a_store_that_fails_walks_and_misses_nothing() {
    let mut alice = Host::new(Some("alice"));
    let mine = account(&alice, 600, 3);
    list_all(&alice, 100);
    assert_eq!(list_all(&alice, 100).pages, 0);
    alice.store_fails = true;
    let l = list_all(&alice, 100);
    assert_eq!((set(&l.ids), l.queries), (mine, 0));
    assert!(l.pages > 0);
}

/// A task Kling does not know is skipped; its entry goes once it is older than a create could be
/// on its way, and stays before.
#[test]
fn a_missing_task_is_skipped_and_forgotten_when_old() {
    let mut alice = Host::new(Some("alice"));
    assert_eq!(create(&mut alice, valid_as("real")).0, 200);
    list_all(&alice, 30);
    for (ext, at) in [("alice:young-ghost", NOW_MS - 1000), ("alice:old-ghost", NOW_MS - FORGET_AFTER_MS - 1)] {
        alice.store.apply("alice:", Part::Index, &json!({"op": "add", "fam": "omni-video", "ext": ext, "at": at}).to_string());
    }
    let l = list_all(&alice, 30);
    assert_eq!((l.ids.clone(), l.queries, l.pages), (vec!["real".to_owned()], 3, 0));
    let record = alice.store.record("alice:", Part::Index).unwrap();
    assert!(record.contains("young-ghost") && !record.contains("old-ghost"), "{record}");
    // An upstream failure on a later task ends the page with a cursor that asks it again.
    alice.upstream_fails = Some(kling_wasm::transport::TransportError::Timeout);
    assert_eq!(get(&alice, &format!("{LIST}?pageSize=30")).0, 504, "the first query's failure is the answer");
}

/// A query that fails after others were answered is not skipped: the page ends with a cursor
/// that asks again from that task, and the listing goes on to miss nothing.
#[test]
fn a_later_query_failure_ends_the_page_and_the_cursor_asks_again() {
    let mut alice = Host::new(Some("alice"));
    let mine = account(&alice, 5, 1);
    list_all(&alice, 30);
    alice.raw = vec![("/omni-video/alice:t2".into(), "<html>bad gateway</html>".into())];
    let (s, v) = get(&alice, &format!("{LIST}?pageSize=30"));
    assert_eq!(s, 200, "{v}");
    let first: Vec<String> = v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(first, ["t4", "t3"]);
    let cursor = v["next_cursor"].as_str().unwrap().to_owned();
    alice.raw.clear();
    let before = alice.calls();
    let (_, v) = get(&alice, &format!("{LIST}?pageSize=30&cursor={cursor}"));
    let rest: Vec<String> = v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(rest, ["t2", "t1", "t0"]);
    assert!(v.get("next_cursor").is_none());
    assert_eq!(alice.calls() - before, 3);
    assert_eq!(set(&[first, rest].concat()), mine);
}
