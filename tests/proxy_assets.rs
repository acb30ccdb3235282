//! Elements and voices through the proxy, natively: two users on one Kling account can neither
//! see, delete nor reference each other's custom elements and voices; presets and shared ids are
//! everybody's; ownership lookups are cached (TTL, invalidation, bounded walks).

mod proxy_assets_support;

use kling_wasm::proxy::assets::check::{MAX_LOOKUP_PAGES, MAX_PRESET_PAGES, REFRESH_MIN_MS};
use kling_wasm::proxy::assets::owned::OWNED_TTL_MS;
use kling_wasm::proxy::ProxyConfig;
use proxy_assets_support::*;
use serde_json::{json, Value};

const OMNI: &str = "/kling/v1/videos/omni-video";
const T2V: &str = "/kling/v1/videos/text2video";

fn with_element(id: &str) -> String {
    // The id written as a bare JSON number, as Kling writes it (above 2^53).
    format!(r#"{{"model_name":"kling-v3-omni","prompt":"<<<element_1>>> runs","element_list":[{{"element_id":{id}}}]}}"#)
}

fn with_voice(id: &str) -> String {
    json!({"model_name": "kling-v2-6", "prompt": "<<<voice_1>>> speaks", "voice_list": [{"voice_id": id}]}).to_string()
}

fn creates(w: &World, path: &str) -> usize {
    w.kling.calls.borrow().iter().filter(|(m, p, _)| *m == kling_wasm::transport::Method::Post && p == path).count()
}

#[test]
fn a_user_references_only_their_own_elements_and_voices() {
    let w = World::new(config());
    let mine = w.kling.element_task("alice:e1", "succeed");
    let voice = w.kling.voice_task("alice:v1", "succeed");
    let (alice, bob) = (w.host("alice"), w.host("bob"));
    let (s, v, _) = w.run(&alice, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!(s, 200, "{v}");
    let (s, v, _) = w.run(&alice, "POST", T2V, &with_voice(&voice));
    assert_eq!(s, 200, "{v}");
    // The voice cloned into alice's element is hers to use too.
    let (s, v, _) = w.run(&alice, "POST", T2V, &with_voice("bound-1"));
    assert_eq!(s, 200, "{v}");
    let before = creates(&w, "/v1/videos/omni-video");
    let (s, v, _) = w.run(&bob, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!((s, v["source"].as_str(), v["reason"].as_str()), (403, Some("proxy"), Some("not_owner")), "{v}");
    assert_eq!((v["id"].as_str(), v["pointer"].as_str()), (Some(mine.to_string().as_str()), Some("/element_list/0/element_id")));
    let (s, v, _) = w.run(&bob, "POST", T2V, &with_voice(&voice));
    assert_eq!((s, v["pointer"].as_str()), (403, Some("/voice_list/0/voice_id")), "{v}");
    let (s, _, _) = w.run(&bob, "POST", T2V, &with_voice("bound-1"));
    assert_eq!(s, 403);
    let custom = json!({"element_name": "x", "element_voice_id": voice}).to_string();
    let (s, v, _) = w.run(&bob, "POST", "/kling/v1/general/advanced-custom-elements", &custom);
    assert_eq!((s, v["pointer"].as_str()), (403, Some("/element_voice_id")), "{v}");
    assert_eq!(creates(&w, "/v1/videos/omni-video"), before, "nothing refused reached Kling");
}

#[test]
fn element_ids_are_compared_as_exact_digits() {
    let w = World::new(config());
    let mine = w.kling.element_task("alice:e1", "succeed");
    let alice = w.host("alice");
    // mine + 1 and mine are the same float; the proxy must not confuse them.
    assert_eq!((mine + 1) as f64, mine as f64);
    let (s, v, _) = w.run(&alice, "POST", OMNI, &with_element(&(mine + 1).to_string()));
    assert_eq!((s, v["id"].as_str()), (403, Some((mine + 1).to_string().as_str())), "{v}");
    // As a string, and as a number, it is the same id.
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element(&format!("\"{mine}\"")));
    assert_eq!(s, 200);
    for odd in [format!("{mine}.0"), format!("\"0{mine}\""), "null".into(), "{}".into()] {
        let (s, v, _) = w.run(&alice, "POST", OMNI, &with_element(&odd));
        assert_eq!(s, 403, "{odd}: {v}");
    }
}

#[test]
fn presets_and_shared_ids_are_everybodys() {
    let mut cfg = config();
    cfg.shared_element_ids = vec![(BIG + 77).to_string()];
    cfg.shared_voice_ids = vec!["house-voice".into()];
    let w = World::new(cfg);
    w.kling.preset_elements.borrow_mut().push(json!({"task_id": "p", "task_status": "succeed", "task_result": {"elements": [{"element_id": BIG + 500}]}}));
    w.kling.preset_voices.borrow_mut().push(json!({"voice_id": "genshin_vindi2", "voice_name": "v", "owned_by": "kling"}));
    for user in ["alice", "bob"] {
        let h = w.host(user);
        for body in [with_element(&(BIG + 500).to_string()), with_element(&(BIG + 77).to_string()), with_voice("genshin_vindi2"), with_voice("house-voice")] {
            let (s, v, _) = w.run(&h, "POST", OMNI, &body);
            assert_eq!(s, 200, "{user} {body}: {v}");
        }
        // The preset lists pass through, the same for both.
        let (s, v, _) = w.run(&h, "GET", "/kling/v1/general/presets-voices?pageNum=1&pageSize=1000", "");
        assert_eq!((s, v["data"][0]["voice_id"].as_str()), (200, Some("genshin_vindi2")), "{v}");
        let (s, _, _) = w.run(&h, "GET", "/kling/v1/general/presets-voices?pageSize=1001", "");
        assert_eq!(s, 400, "one past the voices' page size");
        let (s, _, _) = w.run(&h, "GET", "/kling/v1/general/advanced-presets-elements?pageSize=500", "");
        assert_eq!(s, 200);
        let (s, _, _) = w.run(&h, "GET", "/kling/v1/general/advanced-presets-elements?pageSize=501", "");
        assert_eq!(s, 400, "one past the elements' page size");
    }
    // Presets were read once for both users (cached).
    assert_eq!((w.kling.calls_to(PRESET_ELEMENTS), w.kling.calls_to(PRESET_VOICES)), (1 + 2, 1 + 2), "one lookup each, plus the pass-throughs");
}

#[test]
fn deletions_only_of_ones_own() {
    let w = World::new(config());
    let mine = w.kling.element_task("alice:e1", "succeed");
    let voice = w.kling.voice_task("alice:v1", "succeed");
    w.kling.preset_voices.borrow_mut().push(json!({"voice_id": "preset-1"}));
    let (alice, bob) = (w.host("alice"), w.host("bob"));
    let del_e = "/kling/v1/general/delete-elements";
    let del_v = "/kling/v1/general/delete-voices";
    let (s, v, _) = w.run(&bob, "POST", del_e, &format!(r#"{{"element_id":"{mine}"}}"#));
    assert_eq!((s, v["reason"].as_str(), v["pointer"].as_str()), (403, Some("not_owner"), Some("/element_id")), "{v}");
    // A deletion's refusal says only one's own can be deleted (a create's also allows presets).
    let message = v["message"].as_str().unwrap_or_default();
    assert!(message.contains("only your own can be deleted") && !message.contains("preset"), "{v}");
    for body in [format!(r#"{{"voice_id":"{voice}"}}"#), r#"{"voice_id":"preset-1"}"#.into(), r#"{"voice_id":"bound-1"}"#.into()] {
        let (s, _, _) = w.run(&bob, "POST", del_v, &body);
        assert_eq!(s, 403, "{body}");
    }
    // A bound voice and a preset are usable, not deletable.
    let (s, _, _) = w.run(&alice, "POST", del_v, r#"{"voice_id":"bound-1"}"#);
    assert_eq!(s, 403);
    assert_eq!(w.kling.calls_to("/v1/general/delete-"), 0, "no refused deletion reached Kling");
    let (s, v, _) = w.run(&alice, "POST", del_e, &format!(r#"{{"element_id":{mine},"extra":1}}"#));
    assert_eq!((s, v["data"]["task_status"].as_str()), (200, Some("succeed")), "{v}");
    let (s, _, _) = w.run(&alice, "POST", del_v, &format!(r#"{{"voice_id":"{voice}"}}"#));
    assert_eq!(s, 200);
    let sent: Vec<String> =
        w.kling.calls.borrow().iter().filter(|(_, p, _)| p.starts_with("/v1/general/delete-")).map(|(_, _, b)| b.clone().unwrap()).collect();
    assert_eq!(sent, [format!(r#"{{"element_id":"{mine}"}}"#), format!(r#"{{"voice_id":"{voice}"}}"#)], "only the id, as a string");
    for bad in ["{}", "[]", r#"{"element_id":1.5}"#, r#"{"element_id":"1","element_id":"1"}"#, "x"] {
        let (s, _, _) = w.run(&alice, "POST", del_e, bad);
        assert_eq!(s, 400, "{bad}");
    }
    let (s, _, _) = w.run(&alice, "POST", del_e, &format!(r#"{{"element_id":"{}"}}"#, "1".repeat(4096)));
    assert_eq!(s, 413, "past the deletion body's cap");
}

#[test]
fn lists_and_queries_of_element_tasks_are_the_owners() {
    let w = World::new(config());
    w.kling.element_task("alice:e1", "succeed");
    w.kling.element_task("bob:e2", "succeed");
    let (alice, bob) = (w.host("alice"), w.host("bob"));
    let (s, v, _) = w.run(&bob, "GET", "/kling/v1/general/advanced-custom-elements?pageSize=10", "");
    assert_eq!(s, 200, "{v}");
    let ids: Vec<&str> = v["data"].as_array().unwrap().iter().map(|t| t["task_info"]["external_task_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["e2"]);
    // Kling's page bounds per family: 1000 for voices, 500 for elements.
    assert_eq!(w.run(&bob, "GET", "/kling/v1/general/custom-voices?pageSize=1000", "").0, 200);
    assert_eq!(w.run(&bob, "GET", "/kling/v1/general/custom-voices?pageSize=1001", "").0, 400);
    assert_eq!(w.run(&bob, "GET", "/kling/v1/general/advanced-custom-elements?pageSize=501", "").0, 400);
    let (s, _, _) = w.run(&bob, "GET", "/kling/v1/general/advanced-custom-elements/te1", "");
    assert_eq!(s, 404, "alice's task is not bob's to see");
    let (s, v, _) = w.run(&alice, "GET", "/kling/v1/general/advanced-custom-elements/te1", "");
    assert_eq!((s, v["data"]["task_result"]["elements"][0]["element_id"].as_u64()), (200, Some(BIG + 1)), "{v}");
}

#[test]
fn lookups_are_cached_forgotten_and_refreshed() {
    let w = World::new(config());
    let mine = w.kling.element_task("alice:e1", "succeed");
    let alice = w.host("alice");
    let walks = |w: &World| w.kling.calls_to(&format!("{ELEMENTS}?"));
    w.run(&alice, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!(walks(&w), 1);
    w.advance(OWNED_TTL_MS - 1);
    w.run(&alice, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!(walks(&w), 1, "within the TTL: cached");
    w.advance(1);
    w.run(&alice, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!(walks(&w), 2, "at the TTL: walked again");
    // A create of an element forgets the cache; the new task is still running.
    let (s, _, _) = w.run(&alice, "POST", "/kling/v1/general/advanced-custom-elements", r#"{"element_name":"n"}"#);
    assert_eq!(s, 200);
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element(&mine.to_string()));
    assert_eq!((s, walks(&w)), (200, 3), "walked afresh after the create");
    // The running task succeeds with a new id: refused until REFRESH_MIN_MS has passed since
    // the walk, then found by one more walk.
    let new_id = BIG + 99;
    {
        let mut tasks = w.kling.tasks.borrow_mut();
        let t = tasks.iter_mut().find(|t| t["task_id"] == "new" && t["path"] == ELEMENTS).unwrap();
        t["task_status"] = json!("succeed");
        t["task_result"] = json!({"elements": [{"element_id": new_id}]});
    }
    w.advance(REFRESH_MIN_MS - 1);
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element(&new_id.to_string()));
    assert_eq!((s, walks(&w)), (403, 3), "too soon to walk again");
    w.advance(1);
    let (s, v, _) = w.run(&alice, "POST", OMNI, &with_element(&new_id.to_string()));
    assert_eq!((s, walks(&w)), (200, 4), "{v}");
    // Nothing running any more: a foreign id costs no walk.
    w.advance(REFRESH_MIN_MS);
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element(&(BIG + 5000).to_string()));
    assert_eq!((s, walks(&w)), (403, 4));
}

#[test]
fn a_lookup_reads_at_most_its_pages() {
    let w = World::new(config());
    let per = 500;
    let total = MAX_LOOKUP_PAGES as usize * per;
    {
        let mut tasks = w.kling.tasks.borrow_mut();
        for i in 0..total + 1 {
            tasks.push(json!({"path": ELEMENTS, "task_id": format!("o{i}"), "task_status": "succeed", "task_info": {"external_task_id": format!("zed:{i}")}, "task_result": {"elements": [{"element_id": i + 1}]}}));
        }
        // Alice's tasks: the last one a walk reads, and the first one it does not.
        tasks[total - 1] = json!({"path": ELEMENTS, "task_id": "last", "task_status": "succeed", "task_info": {"external_task_id": "alice:a"}, "task_result": {"elements": [{"element_id": 111}]}});
        tasks[total] = json!({"path": ELEMENTS, "task_id": "past", "task_status": "succeed", "task_info": {"external_task_id": "alice:b"}, "task_result": {"elements": [{"element_id": 222}]}});
    }
    let alice = w.host("alice");
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element("111"));
    assert_eq!((s, w.kling.calls_to(ELEMENTS)), (200, MAX_LOOKUP_PAGES as usize));
    let (s, _, _) = w.run(&alice, "POST", OMNI, &with_element("222"));
    assert_eq!(s, 403, "one past the pages a lookup reads");
}

#[test]
fn presets_are_read_up_to_their_pages() {
    let w = World::new(config());
    let n = MAX_PRESET_PAGES as usize * 1000;
    *w.kling.preset_voices.borrow_mut() = (0..=n).map(|i| json!({"voice_id": format!("p{i}")})).collect::<Vec<Value>>();
    let h = w.host("alice");
    let (s, _, _) = w.run(&h, "POST", T2V, &with_voice(&format!("p{}", n - 1)));
    assert_eq!((s, w.kling.calls_to(PRESET_VOICES)), (200, MAX_PRESET_PAGES as usize));
    let (s, _, _) = w.run(&h, "POST", T2V, &with_voice(&format!("p{n}")));
    assert_eq!(s, 403, "one past the presets read");
}

#[test]
fn a_confirmed_callback_forgets_the_owners_ids() {
    let w = World::new(ProxyConfig { callback_base: Some("https://edge.test/kling".into()), ..config() });
    let alice = w.host("alice");
    let walks = |w: &World| w.kling.calls_to(&format!("{ELEMENTS}?"));
    let (s, _, _) = w.run(&alice, "POST", "/kling/v1/general/advanced-custom-elements", r#"{"element_name":"n"}"#);
    assert_eq!(s, 200);
    let sent: Value = serde_json::from_str(w.kling.calls.borrow()[0].2.as_deref().unwrap()).unwrap();
    let token = sent["callback_url"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
    // A lookup while the task runs: nothing of alice's yet, and it is cached.
    let new_id = BIG + 42;
    assert_eq!(w.run(&alice, "POST", OMNI, &with_element(&new_id.to_string())).0, 403);
    assert_eq!(walks(&w), 1);
    {
        let mut tasks = w.kling.tasks.borrow_mut();
        let t = tasks.iter_mut().find(|t| t["path"] == ELEMENTS).unwrap();
        t["task_status"] = json!("succeed");
        t["task_result"] = json!({"elements": [{"element_id": new_id}]});
    }
    let task = w.kling.tasks.borrow()[0].clone();
    let (s, v, _) = w.run(&alice, "POST", &format!("/kling/callback/{token}"), &task.to_string());
    assert_eq!(s, 200, "{v}");
    // Within REFRESH_MIN_MS, yet found: the callback forgot the cached ids.
    let (s, v, _) = w.run(&alice, "POST", OMNI, &with_element(&new_id.to_string()));
    assert_eq!((s, walks(&w)), (200, 2), "{v}");
}
