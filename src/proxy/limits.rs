//! Per-user limits on paid work (issue 17): a budget in list-price USD per period, optional caps
//! per unit kind, and most tasks in flight — from the config, or per user from a hook. A create
//! reserves its estimated price in the user's ledger (store/ledger.rs) before anything is sent;
//! a terminal status settles it. This file reads and checks the limits (config errors at start,
//! a bad hook answer refuses the create) and holds the ledger calls the forwarding code makes.

use super::answer::Task;
use super::host::ProxyHost;
use super::owner::Owner;
use super::reply::{refuse, with_header};
use super::store::ledger::{self, Limits};
use super::store::wire::{self, f64_, object, opt, Shape};
use super::store::Part;
use crate::json::{self, Value};
use crate::transport::HttpResponse;

/// Largest budget accepted (USD per period): more is a typo, not a budget.
pub const MAX_BUDGET_USD: f64 = 1.0e9;
/// Largest unit cap accepted per kind.
pub const MAX_UNITS: f64 = 1.0e9;
/// Longest period accepted: ten years, in seconds.
pub const MAX_PERIOD_S: f64 = 315_360_000.0;
/// Default age (ms) after which a reservation that heard nothing is queried by `reconcile`.
pub const DEFAULT_RECONCILE_AFTER_MS: u64 = 10 * 60 * 1000;

/// The limits part of the proxy config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LimitsConfig {
    /// The budget every user gets (from `budget: {…}`), unless the hook decides.
    pub fixed: Option<Limits>,
    /// `budget` is a function of the user: the host asks it (`ProxyHost::budget`) per create.
    pub hook: bool,
    /// `maxTasksInFlight`, for every user (a hook's answer may set its own).
    pub max_in_flight: Option<u32>,
    /// Micro-USD reserved for a create the price table cannot price, under a budget; `None`:
    /// such creates are refused under a budget.
    pub fallback_usd: Option<u64>,
    /// Age (ms) after which `reconcile` queries a silent reservation.
    pub reconcile_after_ms: u64,
}

impl LimitsConfig {
    /// Whether creates go through the ledger at all.
    pub fn active(&self) -> bool {
        self.fixed.is_some() || self.hook || self.max_in_flight.is_some()
    }

    /// The limits of a user without a budget: `maxTasksInFlight` alone, when it is set.
    fn in_flight_only(&self) -> Option<Limits> {
        self.max_in_flight.map(|m| Limits { max_in_flight: Some(m), ..Limits::default() })
    }
}

/// A budget as the config and the hook give it (JSON): `{ usd, periodSeconds?, units?:
/// { video?, image? }, maxTasksInFlight? }`, each number or `null` (absent), no other member.
#[derive(Default)]
struct BudgetJson {
    usd: Option<f64>,
    period_seconds: Option<f64>,
    /// `units`: video, image (`Some` when the member is there and not `null`).
    units: Option<[Option<f64>; 2]>,
    max_tasks_in_flight: Option<f64>,
}

/// Every member of a budget is required in the array form (an Option without a default, as
/// serde read it): `[usd, periodSeconds, units, maxTasksInFlight]`, units `[video, image]`.
const BUDGET: Shape = Shape { names: &["usd", "periodSeconds", "units", "maxTasksInFlight"], required: 4, deny_unknown: true, tagged: false };
const UNITS: Shape = Shape { names: &["video", "image"], required: 2, deny_unknown: true, tagged: false };

impl BudgetJson {
    fn read(text: &str) -> Option<BudgetJson> {
        wire::read(text, |p| {
            let mut b = BudgetJson::default();
            object(p, BUDGET, &mut |p, name| {
                match name {
                    "usd" => b.usd = opt(p, f64_)?,
                    "periodSeconds" => b.period_seconds = opt(p, f64_)?,
                    "maxTasksInFlight" => b.max_tasks_in_flight = opt(p, f64_)?,
                    _ => {
                        if p.peek() == Some(b'n') {
                            p.skip()?;
                            return Ok(());
                        }
                        let mut u = [None; 2];
                        object(p, UNITS, &mut |p, kind| {
                            u[usize::from(kind == "image")] = opt(p, f64_)?;
                            Ok(())
                        })?;
                        b.units = Some(u);
                    }
                }
                Ok(())
            })?;
            Ok(b)
        })
    }
}

/// Reads a budget (JSON text); `Err` says which member is wrong. `max_in_flight` is the config's,
/// which the budget's own `maxTasksInFlight` overrides.
pub fn parse_budget(json: &str, max_in_flight: Option<u32>) -> Result<Limits, String> {
    let b = BudgetJson::read(json)
        .ok_or_else(|| "budget must be { usd?, periodSeconds?, units?: { video?, image? }, maxTasksInFlight? } with numbers, and nothing else".to_owned())?;
    let usd = b.usd.map(|v| bounded(v, MAX_BUDGET_USD, "budget.usd")).transpose()?.map(|v| (v * 1e6).round() as u64);
    let period_ms = b.period_seconds.map(|v| whole(v, 1.0, MAX_PERIOD_S, "budget.periodSeconds")).transpose()?.map(|s| s * 1000);
    let units = match b.units {
        None => [None, None],
        Some([video, image]) => [tenths(video, "budget.units.video")?, tenths(image, "budget.units.image")?],
    };
    let own = b.max_tasks_in_flight.map(|v| whole(v, 1.0, ledger::MAX_HELD as f64, "budget.maxTasksInFlight")).transpose()?;
    if usd.is_none() && units == [None, None] && own.is_none() {
        return Err("budget needs usd, units or maxTasksInFlight".into());
    }
    Ok(Limits { usd, period_ms, units, max_in_flight: own.map(|n| n as u32).or(max_in_flight) })
}

fn bounded(v: f64, max: f64, what: &str) -> Result<f64, String> {
    if v.is_finite() && (0.0..=max).contains(&v) {
        Ok(v)
    } else {
        // Bounds as integers: formatting an f64 would add ~11 KB of float printing to the wasm.
        Err(format!("{what} must be a number from 0 to {}", max as u64))
    }
}

fn whole(v: f64, min: f64, max: f64, what: &str) -> Result<u64, String> {
    if v.is_finite() && v.fract() == 0.0 && (min..=max).contains(&v) {
        Ok(v as u64)
    } else {
        Err(format!("{what} must be a whole number from {} to {}", min as u64, max as u64))
    }
}

fn tenths(v: Option<f64>, what: &str) -> Result<Option<u64>, String> {
    v.map(|v| bounded(v, MAX_UNITS, what).map(|v| (v * 10.0).round() as u64)).transpose()
}

/// The user's limits for this create: the hook's (when configured; `None`: no limits for this
/// user), else the config's. `Err`: the refusal (the hook threw or answered nonsense).
pub async fn limits_for<H: ProxyHost>(cfg: &LimitsConfig, host: &H, owner: &Owner) -> Result<Option<Limits>, HttpResponse> {
    if !cfg.hook {
        return Ok(cfg.fixed.clone().or_else(|| cfg.in_flight_only()));
    }
    let refusal = |why: &str| refuse(host, 500, 1000, "budget_hook_failed", why);
    match host.budget(owner.user_id().unwrap_or("")).await {
        Ok(None) => Ok(cfg.in_flight_only()),
        Ok(Some(json)) => parse_budget(&json, cfg.max_in_flight).map(Some).map_err(|e| refusal(&format!("the budget hook answered an invalid budget: {e}"))),
        Err(_) => Err(refusal("the budget hook failed")),
    }
}

/// One ledger op for the user the store knows as `key` (the owner's prefix); `Err`: the store
/// failed or answered what is not JSON or an `error` (the caller fails closed).
pub async fn ledger_op<H: ProxyHost>(host: &H, key: &str, op: &ledger::Op) -> Result<Value<'static>, ()> {
    let answer = host.store(key, Part::Ledger, &op.to_json()).await.map_err(drop)?;
    store_answer(&answer).ok_or(())
}

/// A store's answer (JSON text) as a value; `None` when it is not JSON or is an `error`.
pub fn store_answer(answer: &str) -> Option<Value<'static>> {
    let v = json::parse(answer).ok()?;
    v.get("error").is_none().then(|| v.into_owned())
}

/// The refusal for a store that failed: nothing was sent upstream. 503 + 5001: retried later by
/// the client, as the store may be back.
pub fn store_down<H: ProxyHost>(host: &H) -> HttpResponse {
    with_header(
        refuse(host, 503, 5001, "store_unavailable", "the proxy's store is unavailable; nothing was sent to Kling, try again later"),
        "retry-after",
        "5",
    )
}

/// The refusal for a reservation the ledger refused (`why` from its answer).
pub fn over_limit<H: ProxyHost>(host: &H, why: &str, retry_after_s: Option<u64>) -> HttpResponse {
    match why {
        // Temporary: a task of the user's ends and frees its place. Not Kling's 1303 (which the
        // client retries); the caller decides when to try again.
        "in_flight" => {
            let after = retry_after_s.unwrap_or(u64::from(ledger::IN_FLIGHT_RETRY_S)).to_string();
            with_header(
                refuse(host, 429, 1310, "tasks_in_flight", "too many of your tasks are in progress; try again when one has finished"),
                "retry-after",
                &after,
            )
        }
        _ => {
            let what = if matches!(why, "video_units" | "image_units") { why.replace('_', " ") } else { "spending".to_owned() };
            let r = refuse(host, 402, 1102, "budget_exceeded", &format!("this task would pass your {what} budget for the period"));
            // When the budget renews (a period is set): not retried by the client (code 1102),
            // but an app can say when creating works again.
            match retry_after_s {
                Some(s) => with_header(r, "retry-after", &s.to_string()),
                None => r,
            }
        }
    }
}

/// Settles the reservation of a confirmed task (its owned id, status and billed units as
/// `answer::Task` read them) of the user the store knows as `key`, when the status is terminal;
/// true when it was. Best effort: a store that fails now is caught up with by `reconcile`.
pub async fn settle<H: ProxyHost>(cfg: &LimitsConfig, host: &H, key: &str, task: &Task<'_>) -> bool {
    let (Some(status), Some((owned_id, _))) = (task.status.as_deref(), task.external_id.as_ref()) else { return false };
    if !matches!(status, "succeed" | "failed") {
        return false;
    }
    if !cfg.active() {
        return true;
    }
    let op = ledger::Op::Settle { now: host.now_ms(), key: owned_id.to_string(), status: status.to_owned(), units: task.billed };
    let _ = ledger_op(host, key, &op).await;
    true
}
