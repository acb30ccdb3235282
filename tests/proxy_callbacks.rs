//! Kling's callbacks: a fixed-length token names the family and MACs the task the callback body
//! names; the status is confirmed with Kling before the hook hears it, with the caller's own id
//! and the owner — also for the longest user and external ids the proxy accepts, and for
//! anonymous tasks (which no user id can claim).

mod proxy_support;

use kling_wasm::proxy::route::MAX_ID_LEN;
use kling_wasm::proxy::ProxyConfig;
use proxy_support::*;
use serde_json::{json, Value};

/// The callback path the `i`th create sent upstream, and the task Kling stored for it.
fn callback_of(host: &Host, i: usize) -> (String, Value) {
    let posts: Vec<String> = host.upstream_seen.borrow().iter().filter_map(|r| r.body.clone()).collect();
    let sent: Value = serde_json::from_str(&posts[i]).unwrap();
    let url = sent["callback_url"].as_str().unwrap().to_owned();
    let task = host.tasks.borrow()[i].clone();
    (url.strip_prefix("https://edge.test").unwrap().to_owned(), task)
}

fn post_callback(cfg: &ProxyConfig, host: &mut Host, target: &str, body: &Value) -> (u16, Value) {
    host.body = body.to_string();
    let (s, v, _) = run_with(cfg, host, head("POST", target, &[JSON_CT]));
    (s, v)
}

#[test]
fn callbacks_are_confirmed_before_the_hook_hears_them() {
    let mut host = Host::new(Some("alice"));
    create(&mut host, valid());
    let (target, task) = callback_of(&host, 0);
    // A claim that does not match Kling's status changes nothing.
    let mut claim = task.clone();
    claim["task_status"] = json!("succeed");
    assert_eq!(post_callback(&config(), &mut host, &target, &claim).0, 202);
    assert!(host.updates.borrow().is_empty());
    // The confirmed status reaches the hook with the caller's own id and user.
    assert_eq!(post_callback(&config(), &mut host, &target, &task).0, 200);
    let (json, user) = host.updates.borrow()[0].clone();
    assert_eq!(user.as_deref(), Some("alice"));
    let confirmed: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(confirmed["task_info"]["external_task_id"], "job-1");
    assert_eq!(confirmed["task_id"], task["task_id"]);
    // The token of one task does not carry a callback for another, nor for another family.
    create(&mut host, valid_as("job-2"));
    let (_, other) = callback_of(&host, 1);
    assert_eq!(post_callback(&config(), &mut host, &target, &other).0, 401);
    let forged = target.replace("omni-video.", "text2video.");
    assert_eq!(post_callback(&config(), &mut host, &forged, &task).0, 401);
    // A body that names no task is refused before anything is asked of Kling.
    let before = host.calls();
    assert_eq!(post_callback(&config(), &mut host, &target, &json!({"task_status": "submitted"})).0, 400);
    assert_eq!(host.calls(), before);
    assert_eq!(host.updates.borrow().len(), 1);
}

/// Tokens have a fixed length, so the callback URL fits the router's id limit whatever the ids:
/// each owned id here is exactly `MAX_ID_LEN` long (hex-encoded user ids included).
#[test]
fn callbacks_reach_the_hook_for_the_longest_ids() {
    let users = ["firstname.lastname@example.com", &"u".repeat(64), &"é".repeat(39), "alice"];
    for user in users {
        let prefix_len = kling_wasm::proxy::Owner::user(user).prefix().len();
        let own = "j".repeat(MAX_ID_LEN - prefix_len);
        let mut host = Host::new(Some(user));
        let (s, v) = create(&mut host, valid_as(&own));
        assert_eq!(s, 200, "{user}: {v}");
        let (target, task) = callback_of(&host, 0);
        assert_eq!(task["task_info"]["external_task_id"].as_str().unwrap().len(), MAX_ID_LEN);
        assert!(target.len() <= "/kling/callback/".len() + 35, "{target}");
        assert_eq!(post_callback(&config(), &mut host, &target, &task).0, 200, "{user}");
        let (json, got) = host.updates.borrow()[0].clone();
        assert_eq!(got.as_deref(), Some(user));
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap()["task_info"]["external_task_id"], own.as_str());
        // One more character is refused at create time, with the limit in the message.
        let (s, v) = create(&mut host, valid_as(&format!("{own}j")));
        assert_eq!(s, 400, "{user}");
        assert!(v["message"].as_str().unwrap().contains(&(MAX_ID_LEN - prefix_len).to_string()), "{v}");
    }
}

/// An anonymous task named like a user's (`admin:job-1`) is reported to the hook as anonymous.
#[test]
fn anonymous_callbacks_name_no_user() {
    let mut host = Host::new(None);
    for (i, given) in ["admin:job-1", "x61646d696e:job-1"].into_iter().enumerate() {
        create_with(&anonymous(), &mut host, valid_as(given));
        let (target, task) = callback_of(&host, i);
        assert_eq!(post_callback(&anonymous(), &mut host, &target, &task).0, 200);
        let (json, user) = host.updates.borrow()[i].clone();
        assert_eq!(user, None, "{given}");
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap()["task_info"]["external_task_id"], given);
    }
}
