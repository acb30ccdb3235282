//! Ownership on every read: a poll costs one upstream query and hands back only the caller's
//! task; another user's task and a missing one are answered identically (byte for byte but the
//! request id); anonymous callers live in their own namespace, which no user id can name.

mod proxy_support;

use kling_wasm::transport::HttpResponse;
use proxy_support::*;
use serde_json::{json, Value};

/// Status, headers and body with the request id's value cut out.
fn blanked(r: &HttpResponse) -> (u16, Vec<(String, String)>, String) {
    let start = r.body.find("\"request_id\":\"").expect("a request id") + 14;
    let end = start + r.body[start..].find('"').unwrap();
    (r.status, r.headers.clone(), format!("{}{}", &r.body[..start], &r.body[end..]))
}

#[test]
fn polls_cost_one_upstream_query_and_see_only_owned_tasks() {
    let mut alice = Host::new(Some("alice"));
    create(&mut alice, valid());
    let task_id = alice.tasks.borrow()[0]["task_id"].as_str().unwrap().to_owned();
    let base = alice.calls();
    let by_ext = get(&alice, "/kling/v1/videos/omni-video/job-1?by=external_task_id");
    assert_eq!((by_ext.0, by_ext.1["data"]["task_id"].as_str()), (200, Some(task_id.as_str())));
    assert_eq!(by_ext.1["data"]["task_info"]["external_task_id"], "job-1", "the caller's own id");
    let by_id = get(&alice, &format!("/kling/v1/videos/omni-video/{task_id}"));
    assert_eq!(by_id, get(&alice, &format!("/kling/v1/videos/omni-video/{task_id}?by=task_id")));
    assert_eq!(by_id.0, 200);
    let urls: Vec<String> = alice.upstream_seen.borrow()[base..].iter().map(|r| r.url.clone()).collect();
    let omni = "https://kling.test/v1/videos/omni-video";
    assert_eq!(urls, [format!("{omni}/alice:job-1"), format!("{omni}/{task_id}"), format!("{omni}/{task_id}")], "one query per poll");
    let bob = alice.sharing(Some("bob"));
    for target in [
        format!("/kling/v1/videos/omni-video/{task_id}"),
        "/kling/v1/videos/omni-video/job-1?by=external_task_id".into(),
        // Kling reads a path id as either kind: the owner is checked on its answer.
        "/kling/v1/videos/omni-video/alice:job-1".into(),
    ] {
        let before = bob.calls();
        assert_eq!(get(&bob, &target).0, 404, "{target}");
        assert_eq!(bob.calls(), before + 1, "{target}");
    }
    assert_eq!(bob.upstream_seen.borrow()[1].url, format!("{omni}/bob:job-1"));
}

#[test]
fn another_users_task_is_indistinguishable_from_a_missing_one() {
    let mut alice = Host::new(Some("alice"));
    create(&mut alice, valid());
    let task_id = alice.tasks.borrow()[0]["task_id"].as_str().unwrap().to_owned();
    let bob = alice.sharing(Some("bob"));
    let ask = |target: &str| blanked(&run_raw(&config(), &bob, head("GET", target, &[("origin", "https://app.test")])));
    let missing = ask("/kling/v1/videos/omni-video/77777");
    assert_eq!(missing.0, 404);
    for target in [
        format!("/kling/v1/videos/omni-video/{task_id}"),
        "/kling/v1/videos/omni-video/alice:job-1".into(),
        "/kling/v1/videos/omni-video/job-1?by=external_task_id".into(),
        "/kling/v1/videos/omni-video/nope?by=external_task_id".into(),
        // Too long to be anybody's once owned: no upstream call, the same answer.
        format!("/kling/v1/videos/omni-video/{}?by=external_task_id", "a".repeat(159)),
    ] {
        assert_eq!(ask(&target), missing, "{target}");
    }
    // The same for anonymous callers asking for a user's task.
    let anon = alice.sharing(None);
    let anon_ask = |target: &str| blanked(&run_raw(&anonymous(), &anon, head("GET", target, &[("origin", "https://app.test")])));
    assert_eq!(anon_ask(&format!("/kling/v1/videos/omni-video/{task_id}")), missing);
    assert_eq!(anon_ask("/kling/v1/videos/omni-video/77777"), missing);
}

/// With `allow_anonymous`, an id that looks owned (`admin:job-1`, hex `x61646d696e:job-1`) is
/// just an anonymous id: it goes upstream as `.admin:job-1`, which no user owns, and a proxy that
/// authorizes users on the same Kling account never shows it to them, nor they to it.
#[test]
fn anonymous_callers_cannot_pick_an_owner() {
    let mut anon = Host::new(None);
    for (i, given) in ["admin:job-1", "x61646d696e:job-1", "alice:planted"].into_iter().enumerate() {
        let (s, v) = create_with(&anonymous(), &mut anon, valid_as(given));
        assert_eq!(s, 200, "{v}");
        assert_eq!(anon.sent(i)["external_task_id"], format!(".{given}"));
        assert_eq!(v["data"]["task_info"]["external_task_id"], given, "handed back as given");
    }
    let mut alice = anon.sharing(Some("alice"));
    create(&mut alice, valid_as("mine"));
    let alice_task = alice.tasks.borrow()[3]["task_id"].as_str().unwrap().to_owned();
    let planted = anon.tasks.borrow()[2]["task_id"].as_str().unwrap().to_owned();
    for user in ["alice", "admin"] {
        let u = anon.sharing(Some(user));
        assert_eq!(get(&u, "/kling/v1/videos/omni-video/planted?by=external_task_id").0, 404);
        assert_eq!(get(&u, "/kling/v1/videos/omni-video/job-1?by=external_task_id").0, 404);
        assert_eq!(get(&u, &format!("/kling/v1/videos/omni-video/{planted}")).0, 404);
        let (s, v) = get(&u, "/kling/v1/videos/omni-video?pageSize=500");
        let ids: Vec<&Value> = v["data"].as_array().unwrap().iter().map(|t| &t["task_info"]["external_task_id"]).collect();
        let mine = json!("mine");
        assert_eq!(s, 200);
        assert_eq!(ids, if user == "alice" { vec![&mine] } else { vec![] }, "{user}");
    }
    // Anonymous callers see anonymous tasks only.
    let ask = |target: &str| run_with(&anonymous(), &anon, head("GET", target, &[]));
    assert_eq!(ask(&format!("/kling/v1/videos/omni-video/{alice_task}")).0, 404);
    assert_eq!(ask("/kling/v1/videos/omni-video/alice:mine").0, 404);
    assert_eq!(ask("/kling/v1/videos/omni-video/admin:job-1?by=external_task_id").0, 200);
    let (_, v, _) = ask("/kling/v1/videos/omni-video?pageSize=500");
    let ids: Vec<&str> = v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["admin:job-1", "x61646d696e:job-1", "alice:planted"]);
}

/// js-10: half a surrogate pair is valid JSON for JS (an emoji cut in two). Kling's answer with
/// one is passed back with U+FFFD there, not turned into a 502 the client would retry, and the
/// ownership check reads the same answer (another user's task stays hidden).
#[test]
fn kling_answers_with_lone_surrogates_are_passed_back_repaired() {
    let task = r#"{"task_id":"t1","task_status":"succeed","task_status_msg":"cut \ud83d","task_info":{"external_task_id":"alice:job-1"},"task_result":{"videos":[{"url":"https://cdn.test/\udc00.mp4"}]}}"#;
    let raw = vec![
        ("/omni-video/t1".to_owned(), format!(r#"{{"code":0,"message":"","request_id":"r1","data":{task}}}"#)),
        ("?pageNum=1&pageSize=500".to_owned(), format!(r#"{{"code":0,"message":"","request_id":"r2","data":[{task}]}}"#)),
    ];
    let alice = Host { raw: raw.clone(), ..Host::new(Some("alice")) };
    let (s, v) = get(&alice, "/kling/v1/videos/omni-video/t1");
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["task_status_msg"], "cut \u{FFFD}");
    assert_eq!(v["data"]["task_result"]["videos"][0]["url"], "https://cdn.test/\u{FFFD}.mp4");
    assert_eq!(v["data"]["task_info"]["external_task_id"], "job-1", "the caller's own id");
    let (s, v) = get(&alice, "/kling/v1/videos/omni-video?pageSize=30");
    assert_eq!((s, &v["data"][0]["task_status_msg"]), (200, &json!("cut \u{FFFD}")), "{v}");
    let bob = Host { raw, ..Host::new(Some("bob")) };
    assert_eq!(get(&bob, "/kling/v1/videos/omni-video/t1").0, 404, "another user's task");
    let (s, v) = get(&bob, "/kling/v1/videos/omni-video?pageSize=30");
    assert_eq!((s, v["data"].as_array().map(Vec::len)), (200, Some(0)), "{v}");
}

/// Long user ids (hashed prefixes), encoded ones and plain ones on one Kling account: no two
/// share a prefix, each sees exactly its own tasks by id, by external id and in lists, and
/// another's task answers like a missing one.
#[test]
fn long_user_ids_keep_their_tasks_apart() {
    let email = |c: &str| format!("firstname.lastname.{}@example.com", c.repeat(39));
    let users = [
        email("p"),
        email("q"),
        format!("{}a@example.com", "p".repeat(57)), // 70 characters too
        "é".repeat(25),
        "é".repeat(26),
        format!("{}@example.com", "q".repeat(242)),
        format!("{}a", "用".repeat(85)),
        "用户".into(),
        "u".repeat(65),
        "u".repeat(64),
        "alice".into(),
    ];
    let prefixes: std::collections::HashSet<String> = users.iter().map(|u| kling_wasm::proxy::Owner::user(u).prefix().to_owned()).collect();
    assert_eq!(prefixes.len(), users.len(), "two users share a prefix");
    let kling = Host::new(None);
    let mut mine: Vec<Vec<String>> = Vec::new();
    for user in &users {
        let mut host = kling.sharing(Some(user));
        let mut none = valid();
        none.as_object_mut().unwrap().remove("external_task_id");
        let mut ids = Vec::new();
        for body in [valid(), none] {
            let (s, v) = create(&mut host, body);
            assert_eq!(s, 200, "{user}: {v}");
            ids.push(v["data"]["task_id"].as_str().unwrap().to_owned());
        }
        mine.push(ids);
    }
    for (i, user) in users.iter().enumerate() {
        let host = kling.sharing(Some(user));
        let (s, v) = get(&host, "/kling/v1/videos/omni-video/job-1?by=external_task_id");
        assert_eq!((s, v["data"]["task_id"].as_str()), (200, Some(mine[i][0].as_str())), "{user}");
        assert_eq!(v["data"]["task_info"]["external_task_id"], "job-1");
        for (j, theirs) in mine.iter().enumerate() {
            for task_id in theirs {
                assert_eq!(get(&host, &format!("/kling/v1/videos/omni-video/{task_id}")).0, if i == j { 200 } else { 404 }, "{user} asks {task_id}");
            }
        }
        let (s, v) = get(&host, "/kling/v1/videos/omni-video?pageSize=500");
        assert_eq!(s, 200);
        let mut listed: Vec<String> = v["data"].as_array().unwrap().iter().map(|t| t["task_id"].as_str().unwrap().to_owned()).collect();
        listed.sort();
        let mut expected = mine[i].clone();
        expected.sort();
        assert_eq!(listed, expected, "{user}'s list");
    }
}
