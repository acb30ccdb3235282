//! The bounds of issue 13 ("Hardening"), each at its limit and one past it: issues per report
//! (`issue::MAX_ISSUES`, then one `too_many_issues`), report bytes (`issue::MAX_REPORT_BYTES`,
//! echoed text clipped to `issue::MAX_TEXT`) and JSON values per request (`json::MAX_VALUES`,
//! `too_many_values`). Peak memory has its own binary (bounds_memory.rs: it needs the allocator).

use kling_wasm::issue::{CLIPPED, MAX_ISSUES, MAX_REPORT_BYTES, MAX_TEXT};
use kling_wasm::json::MAX_VALUES;
use kling_wasm::{api, Endpoint, Level, Locale, Options, Report, Severity};

/// A valid Omni-Video request (no issue at all) with `extra` members appended.
fn request(extra: &str) -> String {
    format!(r#"{{"model_name":"kling-v3-omni","prompt":"x","aspect_ratio":"1:1"{extra}}}"#)
}

/// `n` distinct unknown keys, one issue each.
fn unknown_keys(n: usize) -> String {
    (0..n).map(|i| format!(r#","u{i}":0"#)).collect()
}

fn policy(rules: &[(&str, Level)]) -> Options {
    Options { rules: rules.iter().map(|(r, l)| ((*r).to_owned(), *l)).collect(), ..Options::default() }
}

/// The report as `validate` gives it, checked against the bounds every report keeps.
fn validate(text: &str, opts: &Options) -> Report {
    let r = api::validate(Endpoint::OmniVideo, text, opts);
    let json = r.to_json();
    assert!(json.len() < MAX_REPORT_BYTES, "report of {} bytes", json.len());
    let back: serde_json::Value = serde_json::from_str(&json).expect("the report is JSON");
    assert_eq!(back["issues"].as_array().map(Vec::len), Some(r.issues.len()));
    assert!(r.issues.len() <= MAX_ISSUES + 1);
    let summaries = r.issues.iter().filter(|i| i.code.as_str() == "too_many_issues").count();
    assert!(summaries <= 1 && (summaries == 0 || r.issues.last().unwrap().code.as_str() == "too_many_issues"));
    // `build` agrees with `validate`: a body exactly when the report is ok.
    match api::build(Endpoint::OmniVideo, text, opts) {
        Ok(b) => assert!(r.ok && b.report == r),
        Err(e) => assert!(!r.ok && e == r),
    }
    r
}

/// The `omitted` param of the report's `too_many_issues` and its severity, if it has one.
fn summary(r: &Report) -> Option<(i64, Severity)> {
    let s = r.issues.iter().find(|i| i.code.as_str() == "too_many_issues")?;
    assert_eq!((s.rule, s.path.as_str()), ("GEN-LIMIT", ""));
    match s.param("omitted") {
        Some(kling_wasm::issue::Param::Int(n)) => Some((*n, s.severity)),
        other => panic!("omitted param: {other:?}"),
    }
}

#[test]
fn the_base_request_is_clean() {
    let r = validate(&request(""), &Options::default());
    assert!(r.ok && r.issues.is_empty(), "{:?}", r.issues);
}

#[test]
fn issue_cap_at_and_past_the_limit() {
    let warn_unknown = policy(&[("GEN-UNKNOWN", Level::Warning)]);
    // (name, text, options, kept issues, too_many_issues (omitted, severity), ok)
    type Case = (&'static str, String, Options, usize, Option<(i64, Severity)>, bool);
    let cases: Vec<Case> = vec![
        ("99 errors", request(&unknown_keys(99)), Options::default(), 99, None, false),
        ("100 errors", request(&unknown_keys(100)), Options::default(), 100, None, false),
        ("101 errors", request(&unknown_keys(101)), Options::default(), 100, Some((1, Severity::Error)), false),
        ("5000 errors", request(&unknown_keys(5000)), Options::default(), 100, Some((4900, Severity::Error)), false),
        ("100 warnings", request(&unknown_keys(100)), warn_unknown.clone(), 100, None, true),
        ("101 warnings", request(&unknown_keys(101)), warn_unknown.clone(), 100, Some((1, Severity::Warning)), true),
        // The one left out is an error: the report is not ok, though every kept issue is a warning.
        (
            "100 warnings, then an error",
            request(&format!("{},\"duration\":\"abc\"", unknown_keys(100))),
            warn_unknown.clone(),
            100,
            Some((1, Severity::Error)),
            false,
        ),
        // Turned off, an issue is not found at all: it is not counted either.
        ("rule off", request(&unknown_keys(300)), policy(&[("GEN-UNKNOWN", Level::Off)]), 0, None, true),
    ];
    for (name, text, opts, kept, want_summary, ok) in cases {
        let r = validate(&text, &opts);
        let got_kept = r.issues.iter().filter(|i| i.code.as_str() != "too_many_issues").count();
        assert_eq!((got_kept, summary(&r), r.ok), (kept, want_summary, ok), "{name}: {:?}", r.issues.last());
        if let Some(first) = r.issues.first() {
            assert_eq!(first.path, "/u0", "{name}: the first issues are kept");
        }
    }
}

#[test]
fn the_summary_message_says_how_many_in_both_languages() {
    for (locale, word) in [(Locale::En, "left out"), (Locale::Zh, "省略")] {
        let r = validate(&request(&unknown_keys(137)), &Options { locale, ..Options::default() });
        let s = r.issues.last().unwrap();
        assert!(s.message.contains("37") && s.message.contains(word), "{}", s.message);
    }
}

/// The attack of issue 13: ~1 issue per 3 bytes of body before the bounds.
#[test]
fn a_4_mib_multi_prompt_body_is_refused_in_a_small_report() {
    let mut text = String::from(r#"{"model_name":"kling-v3-omni","prompt":"x","multi_shot":true,"multi_prompt":["#);
    while text.len() < 4 << 20 {
        text.push_str("{},");
    }
    text.push_str("{}]}");
    let r = validate(&text, &Options::default());
    assert!(!r.ok);
    assert_eq!(r.issues.len(), 1, "{:?}", r.issues);
    assert_eq!((r.issues[0].code.as_str(), r.issues[0].path.as_str(), r.issues[0].rule), ("too_many_values", "", "GEN-JSON"));
    assert!(api::build(Endpoint::OmniVideo, &text, &Options::default()).is_err());
}

/// Under the value cap, the same attack hits the issue cap instead (3 issues per `{}`).
#[test]
fn the_same_attack_under_the_value_cap_hits_the_issue_cap() {
    let items = vec!["{}"; 3000].join(",");
    let text = format!(r#"{{"model_name":"kling-v3-omni","prompt":"x","multi_shot":true,"shot_type":"customize","multi_prompt":[{items}]}}"#);
    let r = validate(&text, &Options::default());
    let (omitted, severity) = summary(&r).expect("capped");
    assert!(!r.ok && omitted > 8000 && severity == Severity::Error, "{omitted}");
}

/// A request of exactly `n` JSON values: the base's 4, an unknown `pad` array and its items
/// (the unknown key turned off, so the report is clean when it is read).
fn with_values(n: usize) -> String {
    request(&format!(r#","pad":[{}]"#, vec!["0"; n - 5].join(",")))
}

#[test]
fn value_cap_at_and_past_the_limit() {
    let off = policy(&[("GEN-UNKNOWN", Level::Off)]);
    let at = validate(&with_values(MAX_VALUES), &off);
    assert!(at.ok && at.issues.is_empty(), "{:?}", at.issues);
    let past = validate(&with_values(MAX_VALUES + 1), &off);
    assert!(!past.ok && past.issues.len() == 1, "{:?}", past.issues);
    let i = &past.issues[0];
    assert_eq!((i.code.as_str(), i.path.as_str(), i.severity), ("too_many_values", "", Severity::Error));
    assert_eq!(i.param("max"), Some(&kling_wasm::issue::Param::Int(MAX_VALUES as i64)));
    assert!(i.message.contains("10000"), "{}", i.message);
    let zh = validate(&with_values(MAX_VALUES + 1), &Options { locale: Locale::Zh, ..off });
    assert!(zh.issues[0].message.contains("JSON 值"), "{}", zh.issues[0].message);
}

#[test]
fn the_value_cap_is_for_requests_only() {
    use kling_wasm::json;
    let list = |n: usize| format!("[{}]", vec!["0"; n - 1].join(","));
    assert!(json::parse_request(&list(MAX_VALUES)).is_ok());
    let e = json::parse_request(&list(MAX_VALUES + 1)).expect_err("past the cap");
    assert!(e.too_many && !e.too_deep, "{}", e.message);
    // Kling's answers (a long task list) are read without it.
    assert!(json::parse(&list(MAX_VALUES + 1)).is_ok());
    assert!(json::parse_lenient(&list(MAX_VALUES + 1)).is_ok());
}

/// Echoed attacker text: each report stays under the byte cap, is JSON, and marks what it clipped.
#[test]
fn long_echoed_text_is_clipped() {
    let mib = 1 << 20;
    let key = "k".repeat(mib);
    let wide = "é".repeat(mib / 2);
    let controls = "\\u0001".repeat(mib / 6);
    let many_wide_keys: String = (0..100).map(|i| format!(r#","{i}{}":0"#, "\\u0001".repeat(MAX_TEXT))).collect();
    // (name, text, path of the first issue, code)
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("1 MB key", request(&format!(r#","{key}":1"#)), "/kkkk", "unknown_field"),
        ("1 MB key of 2-byte characters", request(&format!(r#","{wide}":1"#)), "/éééé", "unknown_field"),
        ("1 MB key of control characters", request(&format!(r#","{controls}":1"#)), "/\u{1}\u{1}", "unknown_field"),
        ("1 MB enum value", format!(r#"{{"model_name":"kling-v3-omni","prompt":"x","aspect_ratio":"{key}"}}"#), "/aspect_ratio", "invalid_enum"),
        ("100 keys that escape 6×", request(&many_wide_keys), "/0\u{1}", "unknown_field"),
    ];
    for (name, text, path, code) in cases {
        let r = validate(&text, &Options::default());
        let first = &r.issues[0];
        assert!(!r.ok && first.code.as_str() == code && first.path.starts_with(path), "{name}: {:?}", first.code);
        for i in &r.issues {
            assert!(i.path.len() <= MAX_TEXT + CLIPPED.len_utf8(), "{name}: path of {} bytes", i.path.len());
            assert!(i.message.len() < 2 * MAX_TEXT + 200, "{name}: message of {} bytes", i.message.len());
        }
        if first.path.len() > MAX_TEXT {
            assert!(first.path.ends_with(CLIPPED), "{name}");
        }
    }
    // The 1 MB enum value: the param and the message carry it clipped.
    let r = validate(&format!(r#"{{"model_name":"kling-v3-omni","prompt":"x","aspect_ratio":"{key}"}}"#), &Options::default());
    let Some(kling_wasm::issue::Param::Str(v)) = r.issues[0].param("value") else { panic!("value param") };
    assert!(v.ends_with(CLIPPED) && v.len() <= MAX_TEXT + 3 && r.issues[0].message.contains(v.as_str()));
    // 100 paths escaping to ~1.5 KB each do not fit in the bytes: the rest are counted.
    let r = validate(&request(&many_wide_keys), &Options::default());
    let (omitted, severity) = summary(&r).expect("byte cap reached");
    assert_eq!((r.issues.len() - 1 + omitted as usize, severity), (100, Severity::Error));
}

/// The JS-only-member path (the body checked as sent) keeps the bounds and finds the body's error.
#[test]
fn the_body_check_keeps_the_bounds() {
    let opts = policy(&[("GEN-TYPE", Level::Off), ("GEN-UNKNOWN", Level::Warning)]);
    // A function as the prompt: the body leaves it out, and then lacks a prompt (an error).
    let text = format!(r#"{{"model_name":"kling-v3-omni","prompt":{{"\u0000js":"function"}},"aspect_ratio":"1:1"{}}}"#, unknown_keys(150));
    let r = validate(&text, &opts);
    assert!(!r.ok, "{:?}", r.issues.last());
    assert_eq!(summary(&r).map(|s| s.1), Some(Severity::Error), "the body's error is counted");
    // Without the unknown keys it is kept.
    let text = r#"{"model_name":"kling-v3-omni","prompt":{"\u0000js":"function"},"aspect_ratio":"1:1"}"#;
    let r = validate(text, &opts);
    assert!(!r.ok && r.issues.iter().any(|i| i.path == "/prompt" && i.severity == Severity::Error), "{:?}", r.issues);
}

/// The escapes the body writer uses are the shortest (so a body's strings never outgrow their
/// request's), and a string with escapes reads back whole (its copy is sized from the source).
#[test]
fn strings_are_written_in_no_more_bytes_than_read() {
    let source = r#""a\b\f\n\r\t\"\\\/\u0001\u00e9\ud83d\ude00z""#;
    let read = kling_wasm::json::parse(source).expect("JSON");
    let text = read.as_str().unwrap();
    assert_eq!(text, serde_json::from_str::<String>(source).unwrap());
    let mut written = String::new();
    kling_wasm::json::write_str(&mut written, text);
    assert_eq!(written, r#""a\b\f\n\r\t\"\\/\u0001é😀z""#);
    assert!(written.len() <= source.len());
    assert_eq!(serde_json::to_string(text).unwrap(), written, "as serde_json writes it");
}
