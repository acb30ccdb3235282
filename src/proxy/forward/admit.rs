//! A create's way past the user's limits and into the index, before anything is sent, and its
//! accounting after Kling answered: the reservation (limits.rs, store/ledger.rs) notes Kling's
//! task_id, or is released when Kling surely did not create the task; the index entry goes with
//! it. An ambiguous failure (a timeout, a lost connection) keeps both: the client asks again
//! under the same external_task_id (reserving it again is a no-op), and `reconcile` releases a
//! reservation whose task Kling never heard of.

use super::Failure;
use crate::caps::Endpoint;
use crate::issue::Options;
use crate::json::Value;
use crate::proxy::answer::{self, Data};
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::ProxyHost;
use crate::proxy::limits::{self, ledger_op};
use crate::proxy::owner::Owner;
use crate::proxy::reply::refuse;
use crate::proxy::store::{index, ledger, Part};
use crate::transport::{HttpResponse, TransportError};

/// What a create was admitted with.
pub struct Admitted {
    /// A reservation is held under the owned external_task_id.
    pub reserved: bool,
}

/// The create being admitted: what pricing it and recording it need.
pub struct NewTask<'a> {
    pub endpoint: Endpoint,
    /// The body to send (before the owned id and callback URL are set).
    pub body: &'a str,
    /// `Some(model defaulted)` when `body` is what the library built (priced as it is), `None`
    /// for an unchecked body (`validate: false`: priced after checking it).
    pub checked: Option<bool>,
    /// Its owned external_task_id (the reservation's and the index entry's key).
    pub external_id: &'a str,
    pub owner: &'a Owner,
}

/// Reserves the create's price and adds it to the user's index; `Err` is the refusal (over a
/// limit, unpriced under a budget, or the store failed: nothing is sent then).
pub async fn admit<H: ProxyHost>(cfg: &ProxyConfig, host: &H, t: &NewTask<'_>) -> Result<Admitted, HttpResponse> {
    let reserved = reserve(cfg, host, t).await?;
    // The index learns of the task before Kling does: no task created here is missing from it.
    let op = index::Op::Add { fam: t.endpoint.family().to_owned(), ext: t.external_id.to_owned(), at: host.now_ms(), cap: Some(cfg.index_cap) };
    let added = host.store(t.owner.prefix(), Part::Index, &op.to_json()).await;
    if added.is_err() {
        if reserved {
            let _ = ledger_op(host, t.owner.prefix(), &ledger::Op::Release { key: t.external_id.to_owned() }).await;
        }
        return Err(limits::store_down(host));
    }
    Ok(Admitted { reserved })
}

async fn reserve<H: ProxyHost>(cfg: &ProxyConfig, host: &H, t: &NewTask<'_>) -> Result<bool, HttpResponse> {
    if !cfg.limits.active() {
        return Ok(false);
    }
    let NewTask { endpoint, body, checked, external_id, owner } = *t;
    let Some(limits) = limits::limits_for(&cfg.limits, host, owner).await? else {
        return Ok(false);
    };
    let budgeted = limits.usd.is_some() || limits.units.iter().any(Option::is_some);
    let estimate = match checked {
        // The body the build wrote: priced as it is, not checked a second time.
        Some(defaulted) => crate::cost::price_body(endpoint, body, None, defaulted, cfg.locale),
        None => crate::cost::estimate(endpoint, body, None, &Options { locale: cfg.locale, exact_numbers: true, ..Options::default() }),
    };
    let (usd, units, kind) = match estimate {
        crate::cost::Estimate::Priced(p) => (p.usd_micros, p.units_tenths, p.kind as u8),
        // Not priced (or not checked: validate false): free of the budget only when there is none.
        _ if !budgeted => (0, 0, 0),
        unpriced => match cfg.limits.fallback_usd {
            Some(f) => (f, 0, endpoint_kind(endpoint)),
            None => {
                let why = match unpriced {
                    crate::cost::Estimate::Unpriced { reason, .. } => reason,
                    _ => "the request could not be priced".into(),
                };
                return Err(refuse(host, 403, 1103, "cost_unknown", &format!("this task cannot be priced, and your tasks are under a budget: {why}")));
            }
        },
    };
    let op = ledger::Op::Reserve { now: host.now_ms(), key: external_id.to_owned(), fam: endpoint.family().to_owned(), usd, units, kind, limits };
    match ledger_op(host, owner.prefix(), &op).await {
        Err(()) => Err(limits::store_down(host)),
        Ok(v) if v.get("ok").and_then(Value::as_bool) == Some(true) => Ok(true),
        Ok(v) => Err(limits::over_limit(host, v.get("why").and_then(Value::as_str).unwrap_or("budget"), v.get("retry_after_s").and_then(Value::as_u64))),
    }
}

/// The unit kind of a family's tasks (0 video, 1 image), for a fallback reservation.
fn endpoint_kind(endpoint: Endpoint) -> u8 {
    u8::from(matches!(endpoint, Endpoint::OmniImage | Endpoint::ImageGeneration))
}

/// After Kling answered (or did not): note the task_id, or release what `admit` took when the
/// task surely was not created. Best effort: `reconcile` catches up with a store that failed now.
pub async fn settle_send<H: ProxyHost>(host: &H, resp: &Result<HttpResponse, Failure>, external_id: &str, owner: &Owner, admitted: &Admitted) {
    let key = owner.prefix();
    match outcome(resp) {
        Sent::Created(task_id) if admitted.reserved => {
            let _ = ledger_op(host, key, &ledger::Op::Created { key: external_id.to_owned(), task_id }).await;
        }
        Sent::Refused => forget(host, key, external_id, admitted.reserved).await,
        _ => {}
    }
}

/// Undoes `admit` for a task that does not exist (Kling refused it, it was never sent, or Kling
/// does not know it): its reservation released (when `reserved`), its index entry removed. The
/// user is the store's `key` for them. Best effort, like every accounting step after the send.
pub async fn forget<H: ProxyHost>(host: &H, key: &str, external_id: &str, reserved: bool) {
    if reserved {
        let _ = ledger_op(host, key, &ledger::Op::Release { key: external_id.to_owned() }).await;
    }
    let _ = host.store(key, Part::Index, &index::remove_op(external_id)).await;
}

enum Sent {
    Created(String),
    /// Kling answered with an error code, or the request never left: no task exists.
    Refused,
    /// Not known (a timeout, a lost answer, a gateway's page).
    Unknown,
}

fn outcome(resp: &Result<HttpResponse, Failure>) -> Sent {
    let r = match resp {
        Ok(r) => r,
        Err(Failure::Transport(TransportError::NotSent { .. })) => return Sent::Refused,
        Err(_) => return Sent::Unknown,
    };
    let Some(env) = answer::read(&r.body) else { return Sent::Unknown };
    match env.code {
        Some(0) if r.status == 200 => match &env.data {
            Data::Task(t) => t.task_id.as_ref().map_or(Sent::Unknown, |id| Sent::Created(id.to_string())),
            _ => Sent::Unknown,
        },
        Some(_) if r.status < 500 => Sent::Refused,
        _ => Sent::Unknown,
    }
}
