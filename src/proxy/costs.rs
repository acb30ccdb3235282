//! `GET /account/costs` (kling-api.md §8.4): its query and its cache; forward/costs.rs answers it
//! for the callers the operator's `authorizeAccount`
//! hook lets through (the handler asks it; everyone else gets the allow-list's 404). Kling asks
//! for at most one call per second here, and the balances in the answer may be 12 h old anyway,
//! so answers are cached per query (`accountCostsCacheMs`, default 60 s) and the proxy calls
//! Kling at most once per second in all. A miss inside that second gets the last answer for its
//! query if there is one (however old: `age` says how old), else 429 with Retry-After: 1 (code
//! 1303, which KlingClient retries). Answers carry `age` (seconds) and `x-kling-proxy-cache`.

use std::cell::{Cell, RefCell};

/// Default of `accountCostsCacheMs`.
pub const DEFAULT_ACCOUNT_COSTS_CACHE_MS: u64 = 60_000;
/// Kling's QPS ≤ 1 for this endpoint: calls at least this far apart, per proxy instance.
pub const MIN_CALL_INTERVAL_MS: u64 = 1_000;
/// Answers kept at most (distinct queries); the oldest goes first.
pub const MAX_COSTS_ENTRIES: usize = 32;
/// Longest `resource_pack_name` taken.
pub const MAX_PACK_NAME_LEN: usize = 64;

struct Entry {
    key: String,
    at_ms: u64,
    body: String,
}

/// The cached answers and when Kling was last called.
#[derive(Default)]
pub struct CostsCache {
    entries: RefCell<Vec<Entry>>,
    /// When Kling was last called (any query).
    pub last_call_ms: Cell<Option<u64>>,
}

impl std::fmt::Debug for CostsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CostsCache").field("entries", &self.entries.borrow().len()).finish_non_exhaustive()
    }
}

impl CostsCache {
    /// Answers held.
    pub fn len(&self) -> usize {
        self.entries.borrow().len()
    }

    /// Whether no answer is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The answer kept for `key`, and when it was fetched.
    pub fn get(&self, key: &str) -> Option<(u64, String)> {
        self.entries.borrow().iter().find(|e| e.key == key).map(|e| (e.at_ms, e.body.clone()))
    }

    /// Keeps an answer (the oldest goes past `MAX_COSTS_ENTRIES`).
    pub fn put(&self, key: String, at_ms: u64, body: String) {
        let mut entries = self.entries.borrow_mut();
        entries.retain(|e| e.key != key);
        while entries.len() >= MAX_COSTS_ENTRIES {
            entries.remove(0);
        }
        entries.push(Entry { key, at_ms, body });
    }
}

/// The query in one canonical order (the cache key and what Kling gets): `start_time` and
/// `end_time` (ms, digits, start ≤ end) once each, `resource_pack_name` at most once (percent-
/// decoded, 1–64 characters, re-encoded one way); nothing else.
pub fn canonical(query: &str) -> Result<String, String> {
    let (mut start, mut end, mut pack) = (None, None, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or_else(|| format!("{pair:?} is not name=value"))?;
        let slot = match k {
            "start_time" => &mut start,
            "end_time" => &mut end,
            "resource_pack_name" => &mut pack,
            _ => return Err(format!("unknown parameter {k:?} (start_time, end_time, resource_pack_name)")),
        };
        if slot.replace(v).is_some() {
            return Err(format!("{k} given twice"));
        }
    }
    let ms = |name: &str, v: Option<&str>| -> Result<u64, String> {
        let v = v.ok_or_else(|| format!("{name} is required (ms since the epoch)"))?;
        let ok = (1..=16).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| v.parse().ok()).flatten().ok_or_else(|| format!("{name} must be a whole number of ms"))
    };
    let (s, e) = (ms("start_time", start)?, ms("end_time", end)?);
    if s > e {
        return Err("start_time must not be after end_time".into());
    }
    let mut out = format!("start_time={s}&end_time={e}");
    if let Some(p) = pack {
        let name = decoded(p).filter(|n| (1..=MAX_PACK_NAME_LEN).contains(&n.chars().count()) && !n.chars().any(char::is_control));
        let Some(name) = name else {
            return Err(format!("resource_pack_name must be 1 to {MAX_PACK_NAME_LEN} characters (UTF-8, percent-encoded), no control characters"));
        };
        out.push_str("&resource_pack_name=");
        // Re-encoded one way (unreserved characters as they are), so one name is one key.
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Ok(out)
}

/// A query value percent-decoded (`+` is a space, as forms write it), when it is UTF-8.
fn decoded(v: &str) -> Option<String> {
    let (b, mut out, mut i) = (v.as_bytes(), Vec::with_capacity(v.len()), 0);
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = v.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|h| h.is_ascii_hexdigit()))?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_checked_and_put_in_one_order() {
        assert_eq!(canonical("end_time=2&start_time=1").as_deref(), Ok("start_time=1&end_time=2"));
        assert_eq!(canonical("start_time=0&end_time=0&resource_pack_name=pack-1.a_b").as_deref(), Ok("start_time=0&end_time=0&resource_pack_name=pack-1.a_b"));
        let at_limit = format!("start_time=1&end_time=1&resource_pack_name={}", "%E5%8C%85".repeat(MAX_PACK_NAME_LEN));
        assert!(canonical(&at_limit).is_ok(), "64 characters (3 bytes each)");
        // One name, one key: spaces as + or %20, escapes of unreserved characters or not.
        for name in ["Video+Pack%201", "Video%20Pack%201", "%56ideo Pack 1"] {
            assert_eq!(
                canonical(&format!("start_time=1&end_time=1&resource_pack_name={name}")).as_deref(),
                Ok("start_time=1&end_time=1&resource_pack_name=Video%20Pack%201")
            );
        }
        assert_eq!(canonical("start_time=1&end_time=1&resource_pack_name=%e4%b8%ad").as_deref(), Ok("start_time=1&end_time=1&resource_pack_name=%E4%B8%AD"));
        for bad in [
            "",
            "start_time=1",
            "start_time=2&end_time=1",
            "start_time=1&end_time=2&start_time=1",
            "start_time=1&end_time=2&x=1",
            "start_time=-1&end_time=2",
            "start_time=1.5&end_time=2",
            "start_time=1&end_time=12345678901234567",
            "start_time=1&end_time=2&resource_pack_name=",
            "start_time=1&end_time=2&resource_pack_name=%ZZ",
            "start_time=1&end_time=2&resource_pack_name=%2",
            "start_time=1&end_time=2&resource_pack_name=%C3",
            "start_time=1&end_time=2&resource_pack_name=a%00b",
            "start_time=1&end_time=2&resource_pack_name=%+1",
            "start_time=%31&end_time=2",
            "start_time&end_time=2",
            &format!("{at_limit}p"),
        ] {
            assert!(canonical(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keeps_at_most_its_entries() {
        let c = CostsCache::default();
        for i in 0..MAX_COSTS_ENTRIES {
            c.put(format!("k{i}"), 0, String::new());
        }
        assert_eq!(c.len(), MAX_COSTS_ENTRIES);
        assert!(c.get("k0").is_some(), "at the limit, all kept");
        c.put("one-more".into(), 0, String::new());
        assert_eq!(c.len(), MAX_COSTS_ENTRIES);
        assert!(c.get("k0").is_none() && c.get("k1").is_some() && c.get("one-more").is_some(), "one past: the oldest went");
    }
}
