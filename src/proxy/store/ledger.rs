//! The ledger: one user's budget and tasks in flight. A create *reserves* its estimated price
//! (refused when the reservation would pass the budget, a per-kind unit cap, or the tasks-in-flight
//! limit); the upstream task id is noted when Kling accepts it; a terminal status *settles* it —
//! charged with Kling's `final_unit_deduction` on success, released on failure — once per task
//! (settling is idempotent: the hold is gone after the first). Reservations that hear nothing are
//! listed by `stale` for a timer to query (proxy.reconcile). Money is integer micro-dollars and
//! units integer tenths, so sums are exact.

use super::wire::Obj;
use super::{error, Applied};
use crate::json::{write_list, write_u64};

/// The answer of an op that did what it asked.
const OK: &str = r#"{"ok":true}"#;

/// Most reservations a user may hold at once whatever the config (bounds the record: ~150 bytes
/// each). `maxTasksInFlight` is checked below it.
pub const MAX_HELD: usize = 1000;
/// Settled keys remembered to tell "already settled" from "never reserved".
const DONE_KEPT: usize = 128;
/// Retry-After, in seconds, of a refusal for tasks in flight: video tasks take minutes, so sooner
/// would mostly be refused again.
pub const IN_FLIGHT_RETRY_S: u32 = 30;

/// The kinds of unit (their dollar values differ: cost::UnitKind).
pub const KINDS: usize = 2;

/// The record (JSON in ledger_json.rs; every member may be missing: its default).
#[derive(Default, Debug)]
pub(super) struct Ledger {
    /// Start of the current budget period (ms).
    pub start: u64,
    /// Micro-USD settled in the period.
    pub usd: u64,
    /// Tenths of units settled in the period, per kind (video, image).
    pub units: [u64; KINDS],
    /// The period's length as last reserved with (settling rolls the period with it).
    pub period: Option<u64>,
    pub held: Vec<Hold>,
    pub done: Vec<String>,
}

/// One reservation: a create admitted and not yet settled.
#[allow(missing_docs)]
#[derive(Debug, Clone)]
pub struct Hold {
    /// The task's owned external_task_id (known before the create is sent).
    pub key: String,
    /// Its family (to query it).
    pub fam: String,
    pub usd: u64,
    pub units: u64,
    pub kind: u8,
    /// When it was reserved, and when a timer last asked about it (ms).
    pub at: u64,
    /// (Missing in the record: 0.)
    pub checked: u64,
    /// Kling's task_id once the create was accepted.
    pub task_id: Option<String>,
}

/// What a user may spend and hold (from the config or the per-user hook), already checked.
/// In an op, every member may be missing (its default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// Micro-USD per period (list price).
    pub usd: Option<u64>,
    /// The period's length (ms); none: the budget never renews.
    pub period_ms: Option<u64>,
    /// Caps in tenths of units per kind (video, image).
    pub units: [Option<u64>; KINDS],
    /// Most tasks in flight (reserved, not yet settled).
    pub max_in_flight: Option<u32>,
}

/// The ledger's ops (JSON `{"op":"reserve",…}`, the variant's name in snake case, then its
/// fields under their names: ledger_json.rs).
// The fields are the op's JSON members, described in the module comment.
#[allow(missing_docs)]
#[derive(Debug, Clone)]
pub enum Op {
    Reserve {
        now: u64,
        key: String,
        fam: String,
        usd: u64,
        units: u64,
        kind: u8,
        limits: Limits,
    },
    Created {
        key: String,
        task_id: String,
    },
    Release {
        key: String,
    },
    /// A confirmed status; `units`: final_unit_deduction in tenths, when Kling gave it.
    Settle {
        now: u64,
        key: String,
        status: String,
        units: Option<u64>,
    },
    /// Up to `max` holds older than `after_ms` and not asked about for as long.
    Stale {
        now: u64,
        after_ms: u64,
        max: u32,
    },
    Usage {
        now: u64,
    },
}

/// Applies one ledger op (see the module comment).
pub fn apply(record: Option<&str>, op: &str) -> Applied {
    let Some(op) = Op::read(op) else {
        return error("not a ledger op");
    };
    let mut l = match record {
        None => Ledger::default(),
        Some(r) => match Ledger::read(r) {
            Some(l) => l,
            // Fails closed: a budget that cannot be read admits nothing.
            None => return error("the ledger record cannot be read"),
        },
    };
    let (changed, answer) = step(&mut l, op);
    let record = changed.then(|| l.to_json());
    Applied { record, answer }
}

// Answers are written with their members in alphabetical order, as serde_json's `json!` (a
// sorted map) wrote them before: the same text for the same answer.
fn step(l: &mut Ledger, op: Op) -> (bool, String) {
    match op {
        Op::Reserve { now, key, fam, usd, units, kind, limits } => {
            if l.held.iter().any(|h| h.key == key) {
                return (false, r#"{"again":true,"ok":true}"#.into());
            }
            let new_period = l.period != limits.period_ms;
            l.period = limits.period_ms;
            let rolled = l.roll(now, l.period) | new_period;
            if let Some(why) = l.refusal(usd, units, kind, &limits) {
                let retry = if why == "in_flight" {
                    Some(u64::from(IN_FLIGHT_RETRY_S))
                } else {
                    // Over the budget: it renews when the period ends (held reservations may
                    // free some of it sooner, when their tasks fail).
                    l.period.filter(|p| *p > 0).map(|p| l.start.saturating_add(p).saturating_sub(now).div_ceil(1000).max(1))
                };
                let mut a = String::new();
                let mut o = Obj::new(&mut a);
                o.bool("ok", false);
                if let Some(r) = retry {
                    o.u64("retry_after_s", r);
                }
                o.str("why", why).end();
                return (rolled, a);
            }
            l.held.push(Hold { key, fam, usd, units, kind: kind.min(KINDS as u8 - 1), at: now, checked: 0, task_id: None });
            (true, OK.into())
        }
        Op::Created { key, task_id } => match l.held.iter_mut().find(|h| h.key == key) {
            Some(h) => {
                h.task_id = Some(task_id);
                (true, OK.into())
            }
            None => (false, r#"{"ok":false}"#.into()),
        },
        Op::Release { key } => {
            let before = l.held.len();
            l.held.retain(|h| h.key != key);
            let released = l.held.len() != before;
            (released, if released { r#"{"released":true}"# } else { r#"{"released":false}"# }.into())
        }
        Op::Settle { now, key, status, units } => l.settle(now, &key, &status, units),
        Op::Stale { now, after_ms, max } => {
            let mut keys = String::from("{\"keys\":[");
            let mut n = 0;
            for h in l.held.iter_mut().filter(|h| h.at.saturating_add(after_ms) <= now && h.checked.saturating_add(after_ms) <= now) {
                if n >= max as usize {
                    break;
                }
                h.checked = now;
                if n > 0 {
                    keys.push(',');
                }
                n += 1;
                Obj::new(&mut keys).str("fam", &h.fam).str("key", &h.key).opt_str("task_id", h.task_id.as_deref()).end();
            }
            keys.push_str("]}");
            (n > 0, keys)
        }
        Op::Usage { now } => {
            let rolled = l.roll(now, l.period);
            let held_usd: u64 = l.held.iter().map(|h| h.usd).sum();
            let mut a = String::new();
            let mut o = Obj::new(&mut a);
            o.u64("held_usd", held_usd).u64("in_flight", l.held.len() as u64).u64("period_start", l.start);
            write_list(o.key("units"), l.units, write_u64);
            o.u64("usd", l.usd).end();
            (rolled, a)
        }
    }
}

impl Ledger {
    /// Starts a new period when the current one is over; true when it did.
    fn roll(&mut self, now: u64, period_ms: Option<u64>) -> bool {
        let Some(p) = period_ms.filter(|p| *p > 0) else { return false };
        if self.start != 0 && now < self.start.saturating_add(p) {
            return false;
        }
        // Periods stay aligned to the first one (a quiet month does not shift the next).
        self.start = if self.start == 0 || now < self.start { now } else { now - (now - self.start) % p };
        self.usd = 0;
        self.units = [0; KINDS];
        true
    }

    /// Why a reservation of `usd` / `units` of `kind` is refused, if it is.
    fn refusal(&self, usd: u64, units: u64, kind: u8, limits: &Limits) -> Option<&'static str> {
        let most = limits.max_in_flight.map_or(MAX_HELD, |m| (m as usize).min(MAX_HELD));
        if self.held.len() >= most {
            return Some("in_flight");
        }
        if let Some(budget) = limits.usd {
            let held: u64 = self.held.iter().map(|h| h.usd).sum();
            if self.usd.saturating_add(held).saturating_add(usd) > budget {
                return Some("budget");
            }
        }
        let k = (kind as usize).min(KINDS - 1);
        if let Some(cap) = limits.units[k] {
            let held: u64 = self.held.iter().filter(|h| h.kind as usize == k).map(|h| h.units).sum();
            if self.units[k].saturating_add(held).saturating_add(units) > cap {
                return Some(if k == 0 { "video_units" } else { "image_units" });
            }
        }
        None
    }

    fn settle(&mut self, now: u64, key: &str, status: &str, units: Option<u64>) -> (bool, String) {
        let terminal = matches!(status, "succeed" | "failed");
        let Some(i) = self.held.iter().position(|h| h.key == key) else {
            let why = if self.done.iter().any(|d| d == key) { "already" } else { "unknown" };
            return (false, format!(r#"{{"settled":false,"why":"{why}"}}"#));
        };
        if !terminal {
            return (false, r#"{"settled":false,"why":"not_final"}"#.into());
        }
        self.roll(now, self.period);
        let h = self.held.remove(i);
        let (usd, units) = if status == "failed" { (0, 0) } else { charge(&h, units) };
        let k = (h.kind as usize).min(KINDS - 1);
        self.usd = self.usd.saturating_add(usd);
        self.units[k] = self.units[k].saturating_add(units);
        if self.done.len() >= DONE_KEPT {
            self.done.remove(0);
        }
        self.done.push(h.key);
        let mut a = String::new();
        Obj::new(&mut a).bool("settled", true).u64("units", units).u64("usd", usd).end();
        (true, a)
    }
}

/// What a succeeded task costs: Kling's billed units at the reservation's own dollar rate (its
/// table row), or the reservation itself when Kling gave no units or the row had none.
fn charge(h: &Hold, billed: Option<u64>) -> (u64, u64) {
    match billed {
        Some(u) if h.units > 0 => ((h.usd as u128 * u as u128).div_ceil(h.units as u128).min(u64::MAX as u128) as u64, u),
        _ => (h.usd, h.units),
    }
}

/// Kling's `final_unit_deduction` ("4.2", "16", 8) in tenths of units; `None` when it is not a
/// plain non-negative decimal.
pub fn units_tenths(text: &str) -> Option<u64> {
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) || int.len() > 12 {
        return None;
    }
    let whole: u64 = int.parse().ok()?;
    // Rounded up to the tenth: a charge is never below what Kling billed.
    let first = frac.bytes().next().map_or(0, |b| u64::from(b - b'0'));
    let rest = frac.bytes().skip(1).any(|b| b != b'0');
    Some(whole * 10 + first + u64::from(rest))
}
