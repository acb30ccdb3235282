//! Durations reach the body as canonical digit strings ("5", never "05"): the checks read
//! "05", "005" and "0010" as the numbers they are, and the API documents "3" … "15", so the body
//! writer drops leading zeros, top level and in every shot, for each video family. Byte-exact:
//! nothing else of the body moves.

use kling_wasm::{api, Endpoint, Options};

fn body(endpoint: Endpoint, req: &str) -> String {
    match api::build(endpoint, req, &Options::default()) {
        Ok(b) => b.body,
        Err(r) => panic!("{req}: {:?}", r.issues.iter().map(|i| (i.code.as_str(), i.path.as_str())).collect::<Vec<_>>()),
    }
}

#[test]
fn leading_zero_durations_are_written_canonical_in_every_video_family() {
    let cases = [
        // Single shot, top level.
        (
            Endpoint::TextToVideo,
            r#"{"model_name":"kling-v3","prompt":"a fox","duration":"05"}"#,
            r#"{"model_name":"kling-v3","prompt":"a fox","duration":"5"}"#,
        ),
        (
            Endpoint::TextToVideo,
            r#"{"model_name":"kling-v3","prompt":"a fox","duration":"0010"}"#,
            r#"{"model_name":"kling-v3","prompt":"a fox","duration":"10"}"#,
        ),
        (
            Endpoint::ImageToVideo,
            r#"{"model_name":"kling-v3","image":"https://example.com/a.png","prompt":"a fox","duration":"005"}"#,
            r#"{"model_name":"kling-v3","image":"https://example.com/a.png","prompt":"a fox","duration":"5"}"#,
        ),
        (
            Endpoint::OmniVideo,
            r#"{"model_name":"kling-v3-omni","prompt":"a fox","aspect_ratio":"16:9","duration":"0010"}"#,
            r#"{"model_name":"kling-v3-omni","prompt":"a fox","aspect_ratio":"16:9","duration":"10"}"#,
        ),
        // Escaped digits read as digits, and written canonical too.
        (
            Endpoint::OmniVideo,
            r#"{"model_name":"kling-v3-omni","prompt":"a fox","aspect_ratio":"16:9","duration":"\u00305"}"#,
            r#"{"model_name":"kling-v3-omni","prompt":"a fox","aspect_ratio":"16:9","duration":"5"}"#,
        ),
        // Multi-shot: the top level and each shot.
        (
            Endpoint::TextToVideo,
            r#"{"model_name":"kling-v3","prompt":"","multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"a","duration":"02"},{"index":2,"prompt":"b","duration":"003"}],"duration":"05"}"#,
            r#"{"model_name":"kling-v3","prompt":"","multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"a","duration":"2"},{"index":2,"prompt":"b","duration":"3"}],"duration":"5"}"#,
        ),
        (
            Endpoint::ImageToVideo,
            r#"{"model_name":"kling-v3","image":"https://example.com/a.png","prompt":"","multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"a","duration":"0004"},{"index":2,"prompt":"b","duration":6}],"duration":"0010"}"#,
            r#"{"model_name":"kling-v3","image":"https://example.com/a.png","prompt":"","multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"a","duration":"4"},{"index":2,"prompt":"b","duration":"6"}],"duration":"10"}"#,
        ),
        (
            Endpoint::OmniVideo,
            r#"{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","prompt":"","multi_prompt":[{"index":1,"prompt":"a","duration":"02"},{"index":2,"prompt":"b","duration":"3"}],"aspect_ratio":"16:9","duration":"005"}"#,
            r#"{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","prompt":"","multi_prompt":[{"index":1,"prompt":"a","duration":"2"},{"index":2,"prompt":"b","duration":"3"}],"aspect_ratio":"16:9","duration":"5"}"#,
        ),
    ];
    for (endpoint, req, want) in cases {
        assert_eq!(body(endpoint, req), want, "{endpoint:?} {req}");
    }
}

#[test]
fn canonical_durations_are_written_as_given() {
    // Already canonical: the body is the request (one copy of its text, nothing rewritten).
    for req in [
        r#"{"model_name":"kling-v3","prompt":"a fox","duration":"5"}"#,
        r#"{"model_name":"kling-v3","prompt":"a fox","duration":"10"}"#,
        r#"{"model_name":"kling-v3","prompt":"a fox","duration":"15"}"#,
    ] {
        assert_eq!(body(Endpoint::TextToVideo, req), req);
    }
}

#[test]
fn the_members_spans_point_into_the_canonical_body() {
    let b = api::build(Endpoint::OmniVideo, r#"{"prompt":"a fox","aspect_ratio":"16:9","duration":"0010","model_name":"kling-v3-omni"}"#, &Options::default())
        .unwrap();
    assert_eq!(b.body, r#"{"prompt":"a fox","aspect_ratio":"16:9","duration":"10","model_name":"kling-v3-omni"}"#);
    let values: Vec<&str> = b.members.iter().map(|m| &b.body[m.value.clone()]).collect();
    assert_eq!(values, [r#""a fox""#, r#""16:9""#, r#""10""#, r#""kling-v3-omni""#]);
}
