//! The body a create sends upstream, byte for byte: the request as built (or, unchecked, as
//! given), minus any external_task_id and callback_url the caller sent, plus the owned id and the
//! proxy's callback_url at the end. The proxy finds the caller's id and the members to keep
//! from what the build told it (checked) or from one read of the text (unchecked), not from a
//! second read of the body; these cases pin what it sends either way.

mod proxy_support;

use kling_wasm::proxy::ProxyConfig;
use proxy_support::*;

/// Runs one create whose body is `text` and returns what went upstream (the raw text).
fn sent(cfg: &ProxyConfig, text: &str) -> String {
    let host = Host { body: text.into(), ..Host::new(Some("alice")) };
    let (status, v, _) = run_with(cfg, &host, head("POST", OMNI, &[JSON_CT]));
    assert_eq!(status, 200, "{text}: {v}");
    let seen = host.upstream_seen.borrow();
    assert_eq!(seen.len(), 1);
    seen[0].body.clone().unwrap()
}

/// `body` without the callback token (made from the secret and the id: checked elsewhere).
fn untokened(body: &str) -> String {
    let at = body.find("/callback/").expect("a callback_url") + "/callback/".len();
    let end = at + body[at..].find('"').unwrap();
    format!("{}…{}", &body[..at], &body[end..])
}

const TAIL: &str = r#""callback_url":"https://edge.test/kling/callback/…"}"#;

#[test]
fn a_checked_create_sends_the_built_body_with_the_owned_id_last() {
    let cfg = config();
    let cases = [
        // No id: a generated one.
        (
            r#"{"prompt":"a fox","aspect_ratio":"16:9","model_name":"kling-v3-omni"}"#,
            r#"{"prompt":"a fox","aspect_ratio":"16:9","model_name":"kling-v3-omni","external_task_id":"alice:gen1","#,
        ),
        // The caller's, as it was given (unescaped), moved last; its callback_url replaced.
        (
            r#" { "external_task_id" : "job\u002d1", "callback_url":"https://evil.test/cb", "model_name":"kling-v3-omni", "prompt":"a \"fox\"","aspect_ratio":"16:9" } "#,
            r#"{"model_name":"kling-v3-omni","prompt":"a \"fox\"","aspect_ratio":"16:9","external_task_id":"alice:job-1","#,
        ),
        // An empty id is none (the build drops it with a warning): a generated one.
        (
            r#"{"model_name":"kling-v3-omni","external_task_id":"","prompt":"a fox","aspect_ratio":"16:9"}"#,
            r#"{"model_name":"kling-v3-omni","prompt":"a fox","aspect_ratio":"16:9","external_task_id":"alice:gen1","#,
        ),
        // A null one likewise, and a lone surrogate elsewhere does not hide a given id.
        (
            r#"{"external_task_id":null,"model_name":"kling-v3-omni","prompt":"cut \ud83d","aspect_ratio":"16:9"}"#,
            r#"{"model_name":"kling-v3-omni","prompt":"cut �","aspect_ratio":"16:9","external_task_id":"alice:gen1","#,
        ),
        (
            r#"{"model_name":"kling-v3-omni","prompt":"cut \ud83d","aspect_ratio":"16:9","external_task_id":"job-2"}"#,
            r#"{"model_name":"kling-v3-omni","prompt":"cut �","aspect_ratio":"16:9","external_task_id":"alice:job-2","#,
        ),
        // Durations as the built body writes them (canonical digits), not as the caller wrote
        // them: the members are copied from the body, not from the request.
        (
            r#"{"external_task_id":"job-3","model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","prompt":"","multi_prompt":[{"index":1,"prompt":"a","duration":"02"},{"index":2,"prompt":"b","duration":3}],"aspect_ratio":"16:9","duration":"005"}"#,
            r#"{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","prompt":"","multi_prompt":[{"index":1,"prompt":"a","duration":"2"},{"index":2,"prompt":"b","duration":"3"}],"aspect_ratio":"16:9","duration":"5","external_task_id":"alice:job-3","#,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(untokened(&sent(&cfg, text)), format!("{want}{TAIL}"), "{text}");
    }
}

#[test]
fn an_unchecked_create_sends_the_text_as_given_with_the_owned_id_last() {
    let cfg = ProxyConfig { validate: false, ..config() };
    let cases = [
        (r#" {"prompt":"x", "n":1e2 } "#, r#"{"prompt":"x","n":1e2,"external_task_id":"alice:gen1","#),
        (r#"{"external_task_id":"job\u002d1","prompt":"x","callback_url":null}"#, r#"{"prompt":"x","external_task_id":"alice:job-1","#),
        (r#"{"a":{"external_task_id":"inner"},"external_task_id":"job-3"}"#, r#"{"a":{"external_task_id":"inner"},"external_task_id":"alice:job-3","#),
    ];
    for (text, want) in cases {
        assert_eq!(untokened(&sent(&cfg, text)), format!("{want}{TAIL}"), "{text}");
    }
}
