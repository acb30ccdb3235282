//! Kling's callbacks: a token names the family and MACs the task the callback body names (and,
//! for a hashed owner, carries the user); the status is confirmed with Kling before the hook
//! hears it, with the caller's own id and the owner — for every kind of user id, the longest
//! user and external ids the proxy accepts, and anonymous tasks (which no user id can claim).

mod proxy_support;

use kling_wasm::auth::base64url;
use kling_wasm::caps::Endpoint;
use kling_wasm::proxy::callback;
use kling_wasm::proxy::route::MAX_ID_LEN;
use kling_wasm::proxy::{Owner, ProxyConfig};
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

/// The callback URL fits the router's token limit whatever the ids: each owned id here is exactly
/// `MAX_ID_LEN` long (encoded and hashed user ids included). Tokens are short (35 characters)
/// unless the owner's prefix is hashed; then the token carries the user id.
#[test]
fn callbacks_reach_the_hook_for_the_longest_ids() {
    let users = ["firstname.lastname@example.com", &"u".repeat(64), &"é".repeat(39), "alice"];
    for user in users {
        let owner = Owner::user(user);
        let prefix_len = owner.prefix().len();
        let own = "j".repeat(MAX_ID_LEN - prefix_len);
        let mut host = Host::new(Some(user));
        let (s, v) = create(&mut host, valid_as(&own));
        assert_eq!(s, 200, "{user}: {v}");
        let (target, task) = callback_of(&host, 0);
        assert_eq!(task["task_info"]["external_task_id"].as_str().unwrap().len(), MAX_ID_LEN);
        let token_len = if owner.is_hashed() { 35 + 1 + (user.len() * 4).div_ceil(3) } else { 35 };
        assert!(target.len() <= "/kling/callback/".len() + token_len, "{target}");
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

/// User ids of every shape an app may have: plain (up to 64 characters), plain-looking but too
/// long or starting with `x`/`h` (encoded), e-mails of 70 and 254 characters, multi-byte UTF-8,
/// and the longest accepted (256 bytes). A 70-character e-mail once left 18 characters for
/// external ids, so a create without one (a generated UUID) was refused.
fn every_kind_of_user() -> Vec<String> {
    vec![
        "alice".into(),
        "u".repeat(64),
        "u".repeat(65),
        "xavier".into(),
        "x41".into(),
        "henry".into(),
        format!("h{}", "a".repeat(63)),
        format!("firstname.lastname.{}@example.com", "p".repeat(39)),
        format!("{}@example.com", "q".repeat(242)),
        format!("{}a", "用".repeat(85)),
        "用户".into(),
        "é".repeat(24),
        "é".repeat(25),
        "Zoë O'Brien <zoe@example.com>".into(),
    ]
}

/// A UUID, as KlingClient sends when the caller gives no external id.
const UUID: &str = "0b9d7c52-1c4e-4c5e-9a8e-6d1f3e2b7a90";

#[test]
fn every_user_can_create_and_hear_callbacks() {
    let users = every_kind_of_user();
    assert_eq!(users[7].len(), 70);
    assert_eq!(users[8].len(), 254);
    assert_eq!(users[9].len(), kling_wasm::proxy::owner::MAX_USER_LEN);
    for user in &users {
        let owner = Owner::user(user);
        let most = MAX_ID_LEN - owner.prefix().len();
        assert!(most >= 94, "{user}: {most}");
        let mut host = Host::new(Some(user));
        // No external id: the proxy makes one up; a UUID (KlingClient's) fits too.
        let mut none = valid();
        none.as_object_mut().unwrap().remove("external_task_id");
        let (s, v) = create(&mut host, none);
        assert_eq!(s, 200, "{user}: {v}");
        assert_eq!(v["data"]["task_info"]["external_task_id"], "gen1");
        assert_eq!(create(&mut host, valid_as(UUID)).0, 200, "{user}");
        // The longest own id is accepted, one more is refused (with the limit) before Kling.
        let longest = "j".repeat(most);
        assert_eq!(create(&mut host, valid_as(&longest)).0, 200, "{user}");
        let before = host.calls();
        let (s, v) = create(&mut host, valid_as(&format!("{longest}j")));
        assert_eq!((s, host.calls()), (400, before), "{user}: {v}");
        assert!(v["message"].as_str().unwrap().contains(&format!("at most {most} characters")), "{v}");
        // Each task's callback reaches the hook with exactly this user and the caller's own id.
        for (i, own) in ["gen1", UUID, &longest].into_iter().enumerate() {
            let (target, task) = callback_of(&host, i);
            assert!(target.len() <= "/kling/callback/".len() + kling_wasm::proxy::route::MAX_TOKEN_LEN, "{target}");
            assert_eq!(post_callback(&config(), &mut host, &target, &task).0, 200, "{user} {own}");
            let (json, got) = host.updates.borrow().last().unwrap().clone();
            assert_eq!(got.as_deref(), Some(user.as_str()));
            assert_eq!(serde_json::from_str::<Value>(&json).unwrap()["task_info"]["external_task_id"], own);
            // A tampered MAC is refused.
            let cut = target.find('.').unwrap() + 4;
            let flipped = if &target[cut..=cut] == "A" { "B" } else { "A" };
            let tampered = format!("{}{flipped}{}", &target[..cut], &target[cut + 1..]);
            assert_eq!(post_callback(&config(), &mut host, &tampered, &task).0, 401, "{tampered}");
        }
        assert_eq!(host.updates.borrow().len(), 3);
    }
}

/// A hashed owner's token carries the user: another user put in it (or a token made for another
/// user) is refused, and no token without a user names a hashed owner.
#[test]
fn forged_users_in_callback_tokens_are_refused() {
    let long = format!("firstname.lastname.{}@example.com", "p".repeat(39));
    let others = [format!("firstname.lastname.{}@example.com", "r".repeat(39)), "alice".into(), "u".repeat(256)];
    let mut host = Host::new(Some(&long));
    create(&mut host, valid());
    let (target, task) = callback_of(&host, 0);
    let (head, carried) = target.rsplit_once('.').unwrap();
    assert_eq!(base64url::decode(carried).as_deref(), Some(long.as_bytes()), "the token carries the user");
    for other in &others {
        let forged = format!("{head}.{}", base64url::encode(other.as_bytes()));
        assert_eq!(post_callback(&config(), &mut host, &forged, &task).0, 401, "{other}");
    }
    // A user past the limit is no user (401), and far past it the token is longer than any the
    // router takes (404, as for any other unknown path).
    for (n, status) in [(257, 401), (300, 404)] {
        let forged = format!("{head}.{}", base64url::encode("u".repeat(n).as_bytes()));
        assert_eq!(post_callback(&config(), &mut host, &forged, &task).0, status, "{n}");
    }
    // Without the user: the id's hashed prefix names nobody.
    assert_eq!(post_callback(&config(), &mut host, head, &task).0, 401);
    // A token made (with the proxy's key) for another user on this id: the prefixes differ.
    let key = callback::derive_key(SK);
    let id = task["task_info"]["external_task_id"].as_str().unwrap();
    let theirs = callback::owner_token(&key, Endpoint::OmniVideo, &Owner::user(&others[0]), id);
    assert_eq!(post_callback(&config(), &mut host, &format!("/kling/callback/{theirs}"), &task).0, 401);
    // The real one still works, once the forgeries are done.
    assert!(host.updates.borrow().is_empty());
    assert_eq!(post_callback(&config(), &mut host, &target, &task).0, 200);
    assert_eq!(host.updates.borrow()[0].1.as_deref(), Some(long.as_str()));
}

/// User ids longer than 256 bytes are the authorize hook's error: refused like a hook that threw.
#[test]
fn user_ids_past_the_limit_are_refused() {
    let user = format!("{}ab", "用".repeat(85));
    assert_eq!(user.len(), kling_wasm::proxy::owner::MAX_USER_LEN + 1);
    let mut host = Host::new(Some(&user));
    let (s, v) = create(&mut host, valid());
    assert_eq!((s, &v["code"]), (500, &json!(1000)), "{v}");
    assert!(v["message"].as_str().unwrap().contains("256"), "{v}");
    assert_eq!(host.calls(), 0);
    assert_eq!(get(&host, "/kling/v1/videos/omni-video/job-1?by=external_task_id").0, 500);
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
