//! The retry policy as pure functions (kling-api.md §1.5): which failures are worth retrying —
//! decided on Kling's business code before the HTTP status, since 429 also carries account
//! errors — and how long to wait (exponential backoff with jitter, Retry-After honoured).

/// First backoff step.
pub const BASE_DELAY_MS: u64 = 500;
/// First step for Kling's throttling codes (S2 asks for at least 1 s on 1303).
pub const THROTTLE_BASE_DELAY_MS: u64 = 1000;
/// Longest computed backoff.
pub const MAX_DELAY_MS: u64 = 8000;
/// Longest Retry-After honoured; a server asking for more gets the failure reported instead.
pub const MAX_RETRY_AFTER_MS: u64 = 60_000;
/// Jitter takes off at most this share of a delay (so the caps still hold).
pub const JITTER_SHARE: f64 = 0.25;

/// Kling's documented codes (§1.5); an unknown code is judged by its HTTP status instead.
fn known_code(code: i64) -> bool {
    matches!(code, 1000..=1004 | 1100..=1103 | 1200..=1203 | 1300..=1304 | 5000..=5002)
}

/// Whether retrying can help, from Kling's `code` (when the body was Kling's envelope) first,
/// then the HTTP status. 1003 (token not yet valid) passes with time; 1004 (expired) with a
/// fresh token; the account codes 1100–1102 under 429 never do.
pub fn is_retryable(status: u16, code: Option<i64>) -> bool {
    match code {
        Some(c) if known_code(c) => matches!(c, 1003 | 1004 | 1302 | 1303 | 5000..=5002),
        // An unknown code under 429 may be an account problem: not retried.
        Some(_) => status >= 500 || status == 408,
        None => status >= 500 || status == 408 || status == 429,
    }
}

/// The HTTP statuses of the signing proxy's permanent refusals: a bad request, no session, a
/// refused origin, a path it does not serve, a refused method, a body too large or of the wrong
/// type. Sending the same request again cannot help, whatever code the answer carries.
pub const PROXY_PERMANENT: &[u16] = &[400, 401, 403, 404, 405, 413, 415];

/// `is_retryable` for an answer, told whether the signing proxy made it itself (`proxy`): its
/// permanent refusals are never retried; its temporary ones (429 busy with Retry-After, 5xx)
/// are judged like Kling's, by their code.
pub fn is_retryable_answer(status: u16, code: Option<i64>, proxy: bool) -> bool {
    !(proxy && PROXY_PERMANENT.contains(&status)) && is_retryable(status, code)
}

/// Kling refused the credentials in a way a fresh token can fix (invalid or expired).
pub fn is_token_refusal(code: Option<i64>) -> bool {
    matches!(code, Some(1002 | 1004))
}

/// Kling's throttling codes, which start backing off at 1 s.
fn is_throttle(code: Option<i64>) -> bool {
    matches!(code, Some(1302 | 1303))
}

/// The backoff before retry number `retry` (0 = the first retry): 0.5 s (1 s when throttled)
/// doubling up to 8 s, minus up to 25 % jitter (`jitter` in [0, 1], from the runtime).
pub fn backoff_ms(retry: u32, code: Option<i64>, jitter: f64) -> u64 {
    let base = if is_throttle(code) { THROTTLE_BASE_DELAY_MS } else { BASE_DELAY_MS };
    let full = base.saturating_mul(1u64 << retry.min(20)).min(MAX_DELAY_MS);
    let j = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    full - (full as f64 * JITTER_SHARE * j) as u64
}

/// The wait before retry number `retry`: the backoff, or longer when the server's Retry-After
/// asks for it. `None` when the server asks for more than a minute: the caller hears about it
/// rather than being held.
pub fn retry_delay_ms(retry: u32, code: Option<i64>, jitter: f64, retry_after_ms: Option<u64>) -> Option<u64> {
    let backoff = backoff_ms(retry, code, jitter);
    match retry_after_ms {
        Some(ra) if ra > MAX_RETRY_AFTER_MS => None,
        Some(ra) => Some(ra.max(backoff)),
        None => Some(backoff),
    }
}

/// A Retry-After value (delay-seconds or an HTTP date) as milliseconds from `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Huge values saturate; they exceed the cap anyway.
        return Some(v.parse::<u64>().unwrap_or(u64::MAX).saturating_mul(1000));
    }
    let at = parse_http_date(v)?;
    Some(at.saturating_sub(now_ms))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) as ms since the epoch.
/// The obsolete RFC 850 and asctime forms are not accepted (servers must not send them).
pub fn parse_http_date(s: &str) -> Option<u64> {
    let mut it = s.split(' ');
    let (wd, day, mon, year, time, gmt) = (it.next()?, it.next()?, it.next()?, it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || gmt != "GMT" || wd.len() != 4 || !wd.ends_with(',') || day.len() != 2 || year.len() != 4 {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == mon)? as u32 + 1;
    let num = |t: &str| -> Option<u32> { t.bytes().all(|b| b.is_ascii_digit()).then(|| t.parse().ok())? };
    let (day, year) = (num(day)?, num(year)?);
    let mut hms = time.split(':');
    let (h, m, sec) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() || h.len() != 2 || m.len() != 2 || sec.len() != 2 {
        return None;
    }
    let (h, m, sec) = (num(h)?, num(m)?, num(sec)?);
    if year < 1970 || day == 0 || day > 31 || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(sec);
    u64::try_from(secs).ok()?.checked_mul(1000)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
