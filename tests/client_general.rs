//! The calls around the task families over a scripted transport: the account-costs query check
//! (AC-1 and the general rules), its URL and typed answer; the preset lists flattened into
//! elements and voices; deletions (their id checks, bodies and the retries a POST may take); and
//! element ids kept exact in everything the client returns.

mod client_mock;

use client_mock::*;
use kling_wasm::auth::{Auth, TokenSource};
use kling_wasm::client::{check_costs_query, CallOptions, Client, ClientConfig, CostsQuery, BALANCES_MAX_AGE_MS};
use kling_wasm::issue::Options;
use kling_wasm::transport::{Method, TransportError};
use kling_wasm::{Endpoint, Error};
use serde_json::{json, Value};

/// 2^60 + 1: read as an f64 (JSON.parse) it becomes 1152921504606846976, another id.
const BIG: &str = "1152921504606846977";

fn client(replies: Vec<Reply>) -> Client<Scripted, FakeRuntime> {
    let auth = Auth::Token(TokenSource::Static("tok".into()));
    Client::new(ClientConfig::new("https://api.example.com", auth), Scripted::new(replies), FakeRuntime::at(1_700_000_000_000)).expect("config")
}

fn opts() -> CallOptions<'static, Signal> {
    CallOptions::default()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the client returns JSON")
}

/// (path, code, rule) of each issue of a validation error.
fn issues(r: Result<impl std::fmt::Debug, Error>) -> Vec<(String, String, String)> {
    match r {
        Err(Error::Validation { issues }) => issues.iter().map(|i| (i.path.clone(), i.code.as_str().to_owned(), i.rule.to_string())).collect(),
        other => panic!("expected validation_failed, got {other:?}"),
    }
}

fn costs(text: &str) -> Result<CostsQuery, Error> {
    check_costs_query(text, &Options::default())
}

#[test]
fn ac_1_passes_whole_ordered_times() {
    let q = costs(r#"{"start_time":0,"end_time":0}"#).unwrap();
    assert_eq!((q.start_time(), q.end_time(), q.resource_pack_name()), (0, 0, None));
    let q = costs(r#"{"start_time":1700000000000,"end_time":9007199254740991,"resource_pack_name":"Trial Pack/1 &x"}"#).unwrap();
    assert_eq!(q.query_string(), "start_time=1700000000000&end_time=9007199254740991&resource_pack_name=Trial%20Pack%2F1%20%26x");
    // -0 is 0; an empty name is no filter.
    assert_eq!(costs(r#"{"start_time":-0,"end_time":2.0,"resource_pack_name":""}"#).unwrap().query_string(), "start_time=0&end_time=2");
}

#[test]
fn ac_1_refuses_times_that_are_not_whole_ordered_safe_ms() {
    assert!(kling_wasm::schema::rule("AC-1").is_some(), "registered (docs/rules.md lists it)");
    let ac = |path: &str, code: &str| (path.to_owned(), code.to_owned(), "AC-1".to_owned());
    assert_eq!(issues(costs(r#"{"start_time":2,"end_time":1}"#)), [ac("/end_time", "out_of_range")]);
    assert_eq!(issues(costs(r#"{"start_time":-1,"end_time":1.5}"#)), [ac("/start_time", "out_of_range"), ac("/end_time", "not_integer")]);
    assert_eq!(issues(costs(r#"{"start_time":0,"end_time":9007199254740992}"#)), [ac("/end_time", "out_of_range")]);
    assert_eq!(
        issues(costs(r#"{"start_time":1e300,"end_time":{"\u0000js":"number","v":"NaN"}}"#)),
        [ac("/start_time", "out_of_range"), ac("/end_time", "out_of_range")]
    );
    let msg = match costs(r#"{"start_time":5,"end_time":4}"#) {
        Err(Error::Validation { issues }) => issues[0].message.clone(),
        other => panic!("{other:?}"),
    };
    assert!(msg.contains('4') && msg.contains('5'), "{msg}");
}

#[test]
fn the_costs_query_is_an_object_of_known_typed_fields() {
    let gen = |path: &str, code: &str, rule: &str| (path.to_owned(), code.to_owned(), rule.to_owned());
    assert_eq!(issues(costs(r#"{"end_time":1}"#)), [gen("/start_time", "required", "GEN-REQUIRED")]);
    assert_eq!(
        issues(costs(r#"{"start_time":"1","end_time":{"\u0000js":"bigint","v":"2"},"resource_pack_name":3,"startTime":1}"#)),
        [
            gen("/startTime", "unknown_field", "GEN-UNKNOWN"),
            gen("/start_time", "wrong_type", "GEN-TYPE"),
            gen("/end_time", "wrong_type", "GEN-TYPE"),
            gen("/resource_pack_name", "wrong_type", "GEN-TYPE"),
        ]
    );
    assert_eq!(issues(costs("[1]")), [gen("", "wrong_type", "GEN-TYPE")]);
    assert_eq!(issues(costs("{")), [gen("", "invalid_json", "GEN-JSON")]);
}

#[test]
fn account_costs_sends_the_query_and_types_the_answer() {
    let data = r#"{"code":0,"msg":"","resource_pack_subscribe_infos":[{"resource_pack_name":"p","resource_pack_id":"9","resource_pack_type":"decreasing_total","total_quantity":200.0,"remaining_quantity":118.5,"purchase_time":1,"effective_time":2,"invalid_time":3,"status":"online"}],"balances_max_age_ms":1}"#;
    let c = client(vec![ok(data), ok(r#"{"code":0,"msg":"ok","resource_pack_subscribe_infos":null}"#), ok("[]")]);
    let q = costs(r#"{"start_time":1,"end_time":2,"resource_pack_name":"p q"}"#).unwrap();
    let got = parse(&block_on(c.get_account_costs(&q, &opts())).unwrap());
    assert_eq!(c.transport().requests()[0].url, "https://api.example.com/account/costs?start_time=1&end_time=2&resource_pack_name=p%20q");
    assert_eq!(c.transport().requests()[0].method, Method::Get);
    assert_eq!(got["resource_pack_subscribe_infos"][0]["remaining_quantity"], 118.5);
    assert_eq!(got["balances_max_age_ms"], json!(BALANCES_MAX_AGE_MS), "Kling's own field never hides the staleness");
    assert_eq!(BALANCES_MAX_AGE_MS, 12 * 3600 * 1000);
    // No packs: an empty list, still with the staleness.
    let got = parse(&block_on(c.get_account_costs(&q, &opts())).unwrap());
    assert_eq!(
        (got["resource_pack_subscribe_infos"].clone(), got["msg"].clone(), got["balances_max_age_ms"].clone()),
        (json!([]), json!("ok"), json!(43_200_000))
    );
    assert!(matches!(block_on(c.get_account_costs(&q, &opts())), Err(Error::Decode { .. })), "data that is not an object");
    // A query made natively is checked as a JS one.
    assert_eq!(issues(CostsQuery::new(3, 2, None, &Options::default())), [("/end_time".into(), "out_of_range".into(), "AC-1".into())]);
    assert_eq!(CostsQuery::new(1, 2, Some("p q"), &Options::default()).unwrap(), q);
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn preset_lists_flatten_their_entries_into_elements_and_voices() {
    let element = format!(
        r#"{{"element_id":{BIG},"element_name":"n","reference_type":"video_refer","element_voice_info":{{"voice_id":"v1","voice_name":"x"}},"owned_by":"kling"}}"#
    );
    let entry = format!(r#"{{"task_id":"t","task_status":"succeed","task_result":{{"elements":[{element},{{"element_id":7}}]}}}}"#);
    let voices = r#"[{"task_id":"t","task_status":"succeed","task_result":{"voices":[{"voice_id":"829","voice_name":"a","trial_url":"u","owned_by":"kling"}]}},{"task_id":"u","task_status":"succeed"}]"#;
    let c = client(vec![ok(&format!("[{entry},{element}]")), ok(voices), ok(r#"{"task_id":"t"}"#)]);
    let got = parse(&block_on(c.list_preset_elements(2.0, 500.0, &opts())).unwrap());
    assert_eq!(c.transport().requests()[0].url, "https://api.example.com/v1/general/advanced-presets-elements?pageNum=2&pageSize=500");
    let ids: Vec<&Value> = got.as_array().unwrap().iter().map(|e| &e["element_id"]).collect();
    assert_eq!(ids, [&json!(BIG), &json!("7"), &json!(BIG)], "exact digits, as strings");
    assert_eq!(got[0]["element_voice_info"]["voice_id"], "v1");
    let got = parse(&block_on(c.list_preset_voices(1.0, 30.0, &opts())).unwrap());
    assert_eq!(c.transport().requests()[1].url, "https://api.example.com/v1/general/presets-voices?pageNum=1&pageSize=30");
    assert_eq!(got, json!([{"voice_id":"829","voice_name":"a","trial_url":"u","owned_by":"kling"}]));
    assert!(matches!(block_on(c.list_preset_voices(1.0, 30.0, &opts())), Err(Error::Decode { .. })), "data that is not a list");
    // Bad paging never leaves (presets page like the task lists: ≤ 500).
    assert_eq!(issues(block_on(c.list_preset_elements(0.0, 501.0, &opts()))).len(), 2);
    assert_eq!(c.transport().requests().len(), 3);
}

#[test]
fn deleting_an_element_sends_its_canonical_digits_as_a_string() {
    let done = ok(r#"{"task_id":"d1","task_status":"succeed"}"#);
    let c = client(vec![done.clone(), done]);
    let got = parse(&block_on(c.delete_custom_element(&format!("00{BIG}"), &opts())).unwrap());
    assert_eq!(got, json!({"task_id":"d1","task_status":"succeed"}));
    let r = &c.transport().requests()[0];
    assert_eq!((r.method, r.url.as_str()), (Method::Post, "https://api.example.com/v1/general/delete-elements"));
    assert_eq!(r.body.as_deref(), Some(format!(r#"{{"element_id":"{BIG}"}}"#).as_str()));
    for bad in ["", "0", "12a", "-5", "9223372036854775808", "12345678901234567890", " 1"] {
        assert_eq!(
            issues(block_on(c.delete_custom_element(bad, &opts()))),
            [("/element_id".into(), "invalid_element_id".into(), "GEN-INT64".into())],
            "{bad:?}"
        );
    }
    // The largest int64 is an id.
    assert!(block_on(c.delete_custom_element("9223372036854775807", &opts())).is_ok());
    assert_eq!(c.transport().requests().len(), 2);
}

#[test]
fn deleting_a_voice_sends_its_id_and_refuses_an_empty_one() {
    let c = client(vec![ok(r#"{"task_id":"d2","task_status":"submitted"}"#)]);
    assert_eq!(parse(&block_on(c.delete_custom_voice("v\"1", &opts())).unwrap())["task_id"], "d2");
    let r = &c.transport().requests()[0];
    assert_eq!((r.url.as_str(), r.body.as_deref()), ("https://api.example.com/v1/general/delete-voices", Some(r#"{"voice_id":"v\"1"}"#)));
    assert_eq!(issues(block_on(c.delete_custom_voice("", &opts()))), [("/voice_id".into(), "empty_string".into(), "GEN-EMPTY".into())]);
    assert_eq!(c.transport().requests().len(), 1);
}

#[test]
fn a_deletion_is_sent_again_only_when_it_was_not_acted_on() {
    let done = ok(r#"{"task_id":"d","task_status":"succeed"}"#);
    // Not sent, then throttled: both safe to repeat.
    let c = client(vec![
        Reply::Fail(TransportError::NotSent { message: "dns".into() }),
        kling_error(429, 1303, "parallel task over resource pack limit"),
        done.clone(),
    ]);
    assert!(block_on(c.delete_custom_voice("v", &opts())).is_ok());
    assert_eq!(c.transport().requests().len(), 3);
    // A 5xx or a timeout may have deleted it: the failure is the answer.
    for first in [kling_error(500, 5000, "internal"), Reply::Fail(TransportError::Timeout)] {
        let c = client(vec![first, done.clone()]);
        assert!(block_on(c.delete_custom_voice("v", &opts())).is_err());
        assert_eq!(c.transport().requests().len(), 1);
    }
    // A GET (the presets) retries a 5xx as queries do.
    let c = client(vec![kling_error(503, 5001, "maintenance"), ok("[]")]);
    assert_eq!(block_on(c.list_preset_voices(1.0, 1.0, &opts())).unwrap(), "[]");
}

#[test]
fn element_ids_in_tasks_are_exact_strings() {
    let task = format!(
        r#"{{"task_id":"t","task_status":"succeed","task_info":{{"external_task_id":"e"}},"task_result":{{"elements":[{{"element_id":{BIG},"element_voice_info":{{"voice_id":"930801338081615883"}}}}]}}}}"#
    );
    let c = client(vec![ok(&task), ok(&format!("[{task}]"))]);
    let got = block_on(c.get_task(Endpoint::OmniVideo, "t", &opts())).unwrap();
    assert_eq!(parse(&got.json)["task_result"]["elements"][0]["element_id"], BIG);
    assert_eq!(parse(&got.json)["task_result"]["elements"][0]["element_voice_info"]["voice_id"], "930801338081615883");
    let listed = block_on(c.list_tasks(Endpoint::OmniVideo, 1.0, 30.0, &opts())).unwrap();
    assert_eq!(parse(&listed[0].json)["task_result"]["elements"][0]["element_id"], BIG);
}
