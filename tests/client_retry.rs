//! The retry policy as tables: which answers are retried (Kling's code before the HTTP status),
//! backoff with jitter and caps, Retry-After in both forms, and the polling schedule.

use kling_wasm::client::poll_delay_ms;
use kling_wasm::client::retry::{backoff_ms, is_retryable, parse_http_date, parse_retry_after, retry_delay_ms};

#[test]
fn retryability_decides_on_the_code_first() {
    let table: &[(u16, Option<i64>, bool, &str)] = &[
        (429, Some(1302), true, "platform rate limit"),
        (429, Some(1303), true, "concurrency over the pack limit"),
        (429, Some(1100), false, "account exception"),
        (429, Some(1101), false, "arrears"),
        (429, Some(1102), false, "resource pack used up"),
        (429, Some(1304), false, "IP whitelist"),
        (500, Some(5000), true, "internal error"),
        (503, Some(5001), true, "maintenance"),
        (504, Some(5002), true, "backlog timeout"),
        (401, Some(1003), true, "nbf in the future: passes with time"),
        (401, Some(1004), true, "expired: a fresh token helps"),
        (401, Some(1000), false, "bad credentials"),
        (401, Some(1002), false, "invalid authorization"),
        (400, Some(1201), false, "bad parameter"),
        (400, Some(1301), false, "content safety"),
        (404, Some(1203), false, "not found"),
        (403, Some(1103), false, "no permission"),
        // A documented non-retryable code stays so even under a 5xx status.
        (500, Some(1201), false, "known code beats status"),
        (500, Some(1000), false, "the signing proxy's failing authorize hook"),
        // Unknown codes fall back to the status, but never retry under 429.
        (502, Some(9999), true, "unknown code, 5xx"),
        (429, Some(9999), false, "unknown code under 429 may be an account error"),
        (400, Some(9999), false, "unknown code, 4xx"),
        // Not Kling's envelope: the status decides.
        (502, None, true, "gateway error page"),
        (503, None, true, "unavailable"),
        (408, None, true, "request timeout"),
        (429, None, true, "gateway throttling"),
        (400, None, false, "bad request"),
        (404, None, false, "not found"),
    ];
    for &(status, code, want, why) in table {
        assert_eq!(is_retryable(status, code), want, "{status}/{code:?}: {why}");
    }
}

#[test]
fn backoff_doubles_from_half_a_second_up_to_eight() {
    let plain = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    for (retry, want) in plain.iter().enumerate() {
        assert_eq!(backoff_ms(retry as u32, None, 0.0), *want, "retry {retry}");
        assert_eq!(backoff_ms(retry as u32, Some(5000), 0.0), *want, "5000, retry {retry}");
    }
    // Throttling (1302/1303) starts at one second.
    let throttled = [1000, 2000, 4000, 8000, 8000];
    for (retry, want) in throttled.iter().enumerate() {
        assert_eq!(backoff_ms(retry as u32, Some(1303), 0.0), *want, "1303, retry {retry}");
        assert_eq!(backoff_ms(retry as u32, Some(1302), 0.0), *want, "1302, retry {retry}");
    }
    assert_eq!(backoff_ms(u32::MAX, None, 0.0), 8000, "no overflow");
}

#[test]
fn jitter_takes_off_at_most_a_quarter() {
    assert_eq!(backoff_ms(0, None, 1.0), 375);
    assert_eq!(backoff_ms(0, None, 0.5), 438);
    assert_eq!(backoff_ms(4, None, 1.0), 6000);
    assert_eq!(backoff_ms(0, Some(1303), 1.0), 750);
    // Out-of-range jitter is clamped, never lengthens or negates the wait.
    assert_eq!(backoff_ms(1, None, 7.0), 750);
    assert_eq!(backoff_ms(1, None, -1.0), 1000);
    assert_eq!(backoff_ms(1, None, f64::NAN), 1000);
    for j in 0..=100 {
        let d = backoff_ms(3, None, f64::from(j) / 100.0);
        assert!((3000..=4000).contains(&d), "{d}");
    }
}

#[test]
fn retry_after_is_honoured_up_to_a_minute() {
    // Longer than the backoff: the server's wait wins.
    assert_eq!(retry_delay_ms(0, Some(1303), 0.0, Some(5000)), Some(5000));
    // Shorter: never earlier than our own backoff.
    assert_eq!(retry_delay_ms(2, None, 0.0, Some(100)), Some(2000));
    assert_eq!(retry_delay_ms(0, None, 0.0, Some(60_000)), Some(60_000));
    // More than a minute: not retried; the caller hears about it.
    assert_eq!(retry_delay_ms(0, None, 0.0, Some(60_001)), None);
    assert_eq!(retry_delay_ms(1, None, 0.0, None), Some(1000));
}

#[test]
fn retry_after_parses_seconds_and_http_dates() {
    let now = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
    assert_eq!(now, 784_111_777_000);
    assert_eq!(parse_retry_after("5", now), Some(5000));
    assert_eq!(parse_retry_after(" 0 ", now), Some(0));
    assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(30_000));
    // A date in the past means "now".
    assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(0));
    assert_eq!(parse_retry_after("99999999999999999999999", now), Some(u64::MAX));
    for bad in [
        "",
        "-1",
        "1.5",
        "soon",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
    }
}

#[test]
fn http_dates_match_known_epochs() {
    // Cross-checked with `date -u -d '<date>' +%s`.
    let table = [
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Tue, 29 Feb 2000 12:00:00 GMT", 951_825_600),
        ("Tue, 14 Nov 2023 22:13:20 GMT", 1_700_000_000),
        ("Fri, 31 Dec 2038 23:59:59 GMT", 2_177_452_799),
    ];
    for (text, secs) in table {
        assert_eq!(parse_http_date(text), Some(secs * 1000), "{text}");
    }
}

#[test]
fn polling_grows_from_two_to_fifteen_seconds() {
    let want = [2000, 3000, 4500, 6750, 10_125, 15_000, 15_000];
    for (poll, w) in want.iter().enumerate() {
        assert_eq!(poll_delay_ms(poll as u32, 0.0), *w, "poll {poll}");
    }
    assert_eq!(poll_delay_ms(0, 1.0), 1500);
    assert_eq!(poll_delay_ms(100, 1.0), 11_250);
}
