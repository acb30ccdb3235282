//! The index's record and ops as JSON (wire.rs says what is accepted). The text is the one the
//! serde derives wrote: a record's members in the order `Index` and `Entry` declare them (a walk
//! as `[family, id, dropped]`, a found task as `[ext, at]`), an op's `op` first and then its
//! fields in order. Stores keep records written by earlier versions: this is their format.

use super::index::{Entry, Index, Op};
use super::wire::{self, boolean, int, list, object, opt, string, tuple, u64_, Obj, Shape};
use crate::json::pull::{Pull, Step};
use crate::json::{write_list, write_str, write_u64};

impl Index {
    /// The record in `text`; `None` when it cannot be read.
    pub(super) fn read(text: &str) -> Option<Index> {
        wire::read(text, |p| {
            let mut ix = Index::default();
            object(p, Shape::of(&["complete", "short", "walks", "tasks"], 0), &mut |p, name| {
                match name {
                    "complete" => ix.complete = list(p, string)?,
                    "short" => ix.short = list(p, string)?,
                    "walks" => ix.walks = list(p, walk)?,
                    _ => ix.tasks = list(p, entry)?,
                }
                Ok(())
            })?;
            Ok(ix)
        })
    }

    /// The record as JSON text.
    pub(super) fn to_json(&self) -> String {
        let mut out = String::with_capacity(64 + self.tasks.len() * 80);
        let mut o = Obj::new(&mut out);
        write_list(o.key("complete"), &self.complete, |out, f| write_str(out, f));
        write_list(o.key("short"), &self.short, |out, f| write_str(out, f));
        write_list(o.key("walks"), &self.walks, |out, (fam, id, dropped)| {
            out.push('[');
            write_str(out, fam);
            out.push(',');
            write_u64(out, u64::from(*id));
            out.push_str(if *dropped { ",true]" } else { ",false]" });
        });
        write_list(o.key("tasks"), &self.tasks, |out, e| {
            Obj::new(out).str("fam", &e.fam).str("ext", &e.ext).u64("at", e.at).end();
        });
        o.end();
        out
    }
}

fn walk(p: &mut Pull<'_>) -> Step<(String, u32, bool)> {
    let (mut fam, mut id, mut dropped) = (String::new(), 0, false);
    tuple(p, 3, &mut |p, i| {
        match i {
            0 => fam = string(p)?,
            1 => id = int(p)?,
            _ => dropped = boolean(p)?,
        }
        Ok(())
    })?;
    Ok((fam, id, dropped))
}

fn entry(p: &mut Pull<'_>) -> Step<Entry> {
    let (mut fam, mut ext, mut at) = (None, None, None);
    object(p, Shape::of(&["fam", "ext", "at"], 3), &mut |p, name| {
        match name {
            "fam" => fam = Some(string(p)?),
            "ext" => ext = Some(string(p)?),
            _ => at = Some(u64_(p)?),
        }
        Ok(())
    })?;
    match (fam, ext, at) {
        (Some(fam), Some(ext), Some(at)) => Ok(Entry { fam, ext, at }),
        _ => Err(wire::invalid()),
    }
}

/// A task a walk saw: `[owned id, creation time]`.
fn found(p: &mut Pull<'_>) -> Step<(String, u64)> {
    let (mut ext, mut at) = (String::new(), 0);
    tuple(p, 2, &mut |p, i| {
        match i {
            0 => ext = string(p)?,
            _ => at = u64_(p)?,
        }
        Ok(())
    })?;
    Ok((ext, at))
}

/// An op's fields as read, before its variant is put together.
#[derive(Default)]
struct Fields {
    fam: Option<String>,
    ext: Option<String>,
    at: Option<u64>,
    cap: Option<usize>,
    before: Option<u64>,
    skip: Option<usize>,
    size: Option<usize>,
    exts: Option<Vec<String>>,
    found: Option<Vec<(String, u64)>>,
    start: Option<u32>,
    walk: Option<u32>,
}

impl Op {
    /// The op in `text` (its `op` member names it; members in any order); `None` when it is
    /// not one.
    pub fn read(text: &str) -> Option<Op> {
        let name = wire::op_name(text)?;
        // Every field is required in the array form (an Option without a default, as serde
        // read it).
        let names: &'static [&'static str] = match name.as_str() {
            "add" => &["fam", "ext", "at", "cap"],
            "remove" => &["ext"],
            "page" => &["fam", "before", "skip", "size"],
            "known" => &["exts"],
            "seen" => &["fam", "found", "cap", "start"],
            "complete" => &["fam", "found", "cap", "walk"],
            _ => return None,
        };
        let shape = Shape { names, required: names.len(), deny_unknown: false, tagged: true };
        let mut f = Fields::default();
        wire::read(text, |p| {
            object(p, shape, &mut |p, field| {
                match field {
                    "fam" => f.fam = Some(string(p)?),
                    "ext" => f.ext = Some(string(p)?),
                    "at" => f.at = Some(u64_(p)?),
                    "cap" => f.cap = opt(p, int)?,
                    "before" => f.before = opt(p, u64_)?,
                    "skip" => f.skip = opt(p, int)?,
                    "size" => f.size = Some(int(p)?),
                    "exts" => f.exts = Some(list(p, string)?),
                    "found" => f.found = Some(list(p, found)?),
                    "start" => f.start = opt(p, int)?,
                    _ => f.walk = opt(p, int)?,
                }
                Ok(())
            })
        })?;
        Some(match name.as_str() {
            "add" => Op::Add { fam: f.fam?, ext: f.ext?, at: f.at?, cap: f.cap },
            "remove" => Op::Remove { ext: f.ext? },
            "page" => Op::Page { fam: f.fam?, before: f.before, skip: f.skip, size: f.size? },
            "known" => Op::Known { exts: f.exts? },
            "seen" => Op::Seen { fam: f.fam?, found: f.found?, cap: f.cap, start: f.start },
            _ => Op::Complete { fam: f.fam?, found: f.found?, cap: f.cap, walk: f.walk },
        })
    }

    /// The op as JSON text, for the store.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(96);
        let mut o = Obj::new(&mut out);
        let opt = |v: Option<usize>| v.map(|v| v as u64);
        match self {
            Op::Add { fam, ext, at, cap } => {
                o.str("op", "add").str("fam", fam).str("ext", ext).u64("at", *at).opt_u64("cap", opt(*cap));
            }
            Op::Remove { ext } => {
                o.str("op", "remove").str("ext", ext);
            }
            Op::Page { fam, before, skip, size } => {
                o.str("op", "page").str("fam", fam).opt_u64("before", *before).opt_u64("skip", opt(*skip)).u64("size", *size as u64);
            }
            Op::Known { exts } => {
                o.str("op", "known");
                write_list(o.key("exts"), exts, |out, x| write_str(out, x));
            }
            Op::Seen { fam, found, cap, start } | Op::Complete { fam, found, cap, walk: start } => {
                let (name, last) = if matches!(self, Op::Seen { .. }) { ("seen", "start") } else { ("complete", "walk") };
                o.str("op", name).str("fam", fam);
                write_found(o.key("found"), found);
                o.opt_u64("cap", opt(*cap)).opt_u64(last, start.map(u64::from));
            }
        }
        o.end();
        out
    }
}

fn write_found(out: &mut String, found: &[(String, u64)]) {
    write_list(out, found, |out, (ext, at)| {
        out.push('[');
        write_str(out, ext);
        out.push(',');
        write_u64(out, *at);
        out.push(']');
    });
}
