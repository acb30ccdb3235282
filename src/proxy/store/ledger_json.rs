//! The ledger's record and ops as JSON (wire.rs says what is accepted). The text is the one the
//! serde derives wrote: a record's members in the order `Ledger` and `Hold` declare them, an op's
//! `op` first and then its fields in order. Stores keep records written by earlier versions, and
//! the JS side writes the `usage` op itself: the names and shapes here are that shared format.

use super::ledger::{Hold, Ledger, Limits, Op, KINDS};
use super::wire::{self, int, list, object, opt, string, tuple, u64_, Obj, Shape};
use crate::json::pull::{Pull, Step};
use crate::json::{write_list, write_u64};

impl Ledger {
    /// The record in `text`; `None` when it cannot be read.
    pub(super) fn read(text: &str) -> Option<Ledger> {
        wire::read(text, |p| {
            let mut l = Ledger::default();
            object(p, Shape::of(&["start", "usd", "units", "period", "held", "done"], 0), &mut |p, name| {
                match name {
                    "start" => l.start = u64_(p)?,
                    "usd" => l.usd = u64_(p)?,
                    "units" => l.units = units(p)?,
                    "period" => l.period = opt(p, u64_)?,
                    "held" => l.held = list(p, hold)?,
                    _ => l.done = list(p, string)?,
                }
                Ok(())
            })?;
            Ok(l)
        })
    }

    /// The record as JSON text.
    pub(super) fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.held.len() * 160 + self.done.len() * 40);
        let mut o = Obj::new(&mut out);
        o.u64("start", self.start).u64("usd", self.usd);
        write_list(o.key("units"), self.units, write_u64);
        o.opt_u64("period", self.period);
        write_list(o.key("held"), &self.held, |out, h| {
            let mut o = Obj::new(out);
            o.str("key", &h.key).str("fam", &h.fam).u64("usd", h.usd).u64("units", h.units).u64("kind", u64::from(h.kind));
            o.u64("at", h.at).u64("checked", h.checked).opt_str("task_id", h.task_id.as_deref()).end();
        });
        write_list(o.key("done"), &self.done, |out, d| crate::json::write_str(out, d));
        o.end();
        out
    }
}

/// Per-kind sums: exactly `KINDS` integers.
fn units(p: &mut Pull<'_>) -> Step<[u64; KINDS]> {
    let mut u = [0; KINDS];
    tuple(p, KINDS, &mut |p, i| {
        u[i] = u64_(p)?;
        Ok(())
    })?;
    Ok(u)
}

fn hold(p: &mut Pull<'_>) -> Step<Hold> {
    let (mut key, mut fam, mut usd, mut units, mut kind, mut at) = (None, None, None, None, None, None);
    let (mut checked, mut task_id) = (0, None);
    object(p, Shape::of(&["key", "fam", "usd", "units", "kind", "at", "checked", "task_id"], 6), &mut |p, name| {
        match name {
            "key" => key = Some(string(p)?),
            "fam" => fam = Some(string(p)?),
            "usd" => usd = Some(u64_(p)?),
            "units" => units = Some(u64_(p)?),
            "kind" => kind = Some(int(p)?),
            "at" => at = Some(u64_(p)?),
            "checked" => checked = u64_(p)?,
            _ => task_id = opt(p, string)?,
        }
        Ok(())
    })?;
    let missing = wire::invalid;
    Ok(Hold {
        key: key.ok_or_else(missing)?,
        fam: fam.ok_or_else(missing)?,
        usd: usd.ok_or_else(missing)?,
        units: units.ok_or_else(missing)?,
        kind: kind.ok_or_else(missing)?,
        at: at.ok_or_else(missing)?,
        checked,
        task_id,
    })
}

fn limits(p: &mut Pull<'_>) -> Step<Limits> {
    let mut l = Limits::default();
    object(p, Shape::of(&["usd", "period_ms", "units", "max_in_flight"], 0), &mut |p, name| {
        match name {
            "usd" => l.usd = opt(p, u64_)?,
            "period_ms" => l.period_ms = opt(p, u64_)?,
            "units" => {
                tuple(p, KINDS, &mut |p, i| {
                    l.units[i] = opt(p, u64_)?;
                    Ok(())
                })?;
            }
            _ => l.max_in_flight = opt(p, int)?,
        }
        Ok(())
    })?;
    Ok(l)
}

fn write_limits(out: &mut String, l: &Limits) {
    let mut o = Obj::new(out);
    o.opt_u64("usd", l.usd).opt_u64("period_ms", l.period_ms);
    write_list(o.key("units"), l.units, wire::write_opt_u64);
    o.opt_u64("max_in_flight", l.max_in_flight.map(u64::from)).end();
}

/// An op's fields as read, before its variant is put together.
#[derive(Default)]
struct Fields {
    now: Option<u64>,
    key: Option<String>,
    fam: Option<String>,
    usd: Option<u64>,
    /// `Some(None)`: a settle's `null`.
    units: Option<Option<u64>>,
    kind: Option<u8>,
    limits: Option<Limits>,
    task_id: Option<String>,
    status: Option<String>,
    after_ms: Option<u64>,
    max: Option<u32>,
}

impl Op {
    /// The op in `text` (its `op` member names it; members in any order); `None` when it is
    /// not one.
    pub fn read(text: &str) -> Option<Op> {
        let name = wire::op_name(text)?;
        // Every field is required in the array form (`units` of a settle too: an Option without
        // a default, as serde read it).
        let names: &'static [&'static str] = match name.as_str() {
            "reserve" => &["now", "key", "fam", "usd", "units", "kind", "limits"],
            "created" => &["key", "task_id"],
            "release" => &["key"],
            "settle" => &["now", "key", "status", "units"],
            "stale" => &["now", "after_ms", "max"],
            "usage" => &["now"],
            _ => return None,
        };
        let shape = Shape { names, required: names.len(), deny_unknown: false, tagged: true };
        let settle = name == "settle";
        let mut f = Fields::default();
        wire::read(text, |p| {
            object(p, shape, &mut |p, field| {
                match field {
                    "now" => f.now = Some(u64_(p)?),
                    "key" => f.key = Some(string(p)?),
                    "fam" => f.fam = Some(string(p)?),
                    "usd" => f.usd = Some(u64_(p)?),
                    "units" if settle => f.units = Some(opt(p, u64_)?),
                    "units" => f.units = Some(Some(u64_(p)?)),
                    "kind" => f.kind = Some(int(p)?),
                    "limits" => f.limits = Some(limits(p)?),
                    "task_id" => f.task_id = Some(string(p)?),
                    "status" => f.status = Some(string(p)?),
                    "after_ms" => f.after_ms = Some(u64_(p)?),
                    _ => f.max = Some(int(p)?),
                }
                Ok(())
            })
        })?;
        Some(match name.as_str() {
            "reserve" => Op::Reserve { now: f.now?, key: f.key?, fam: f.fam?, usd: f.usd?, units: f.units.flatten()?, kind: f.kind?, limits: f.limits? },
            "created" => Op::Created { key: f.key?, task_id: f.task_id? },
            "release" => Op::Release { key: f.key? },
            "settle" => Op::Settle { now: f.now?, key: f.key?, status: f.status?, units: f.units.flatten() },
            "stale" => Op::Stale { now: f.now?, after_ms: f.after_ms?, max: f.max? },
            _ => Op::Usage { now: f.now? },
        })
    }

    /// The op as JSON text, for the store.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(160);
        let mut o = Obj::new(&mut out);
        match self {
            Op::Reserve { now, key, fam, usd, units, kind, limits } => {
                o.str("op", "reserve").u64("now", *now).str("key", key).str("fam", fam);
                o.u64("usd", *usd).u64("units", *units).u64("kind", u64::from(*kind));
                write_limits(o.key("limits"), limits);
            }
            Op::Created { key, task_id } => {
                o.str("op", "created").str("key", key).str("task_id", task_id);
            }
            Op::Release { key } => {
                o.str("op", "release").str("key", key);
            }
            Op::Settle { now, key, status, units } => {
                o.str("op", "settle").u64("now", *now).str("key", key).str("status", status).opt_u64("units", *units);
            }
            Op::Stale { now, after_ms, max } => {
                o.str("op", "stale").u64("now", *now).u64("after_ms", *after_ms).u64("max", u64::from(*max));
            }
            Op::Usage { now } => {
                o.str("op", "usage").u64("now", *now);
            }
        }
        o.end();
        out
    }
}
