//! The store's JSON (records, ops, answers) read and written by hand, with the crate's pull
//! reader and writer instead of serde's derives (issue 18: the derived readers and
//! `serde_json::Value` were 140 KB of the proxy module's code). The readers accept what the
//! derives accepted and refuse what they refused: members in any order, unknown members skipped
//! (but checked as JSON), a known member twice refused, a missing one refused unless it is
//! optional (`Option`: missing or `null`) or defaulted; integers only as JSON integers in their
//! type's range (`5.0`, `-1`, `300` for a u8 are refused); and, as serde also read a struct, a
//! JSON array of its fields in order (`["usage", 5]` is an op, `units: [1, 2]` a budget's units).

use crate::json::pull::{self, Pull, Step, Stop};
use crate::json::{write_str, write_u64, Num};

/// A typed read that failed (the reason does not matter: callers answer one fixed error).
pub fn invalid() -> Stop {
    Stop::invalid()
}

/// Reads all of `text` strictly (as serde_json did); `None` when it is not JSON or `read` refused.
pub fn read<'a, T>(text: &'a str, read: impl FnOnce(&mut Pull<'a>) -> Step<T>) -> Option<T> {
    pull::strict(text, read).ok()
}

/// A member reader: called with the member's name (one of the record's `names`).
pub type Member<'m, 'a> = dyn FnMut(&mut Pull<'a>, &'static str) -> Step<()> + 'm;

/// What a record (a Rust struct, an op's variant) looks like in JSON.
#[derive(Clone, Copy)]
pub struct Shape {
    /// Its members, in the order the struct declares them.
    pub names: &'static [&'static str],
    /// How many of `names`, from the first, an array form must give (the fields with no default:
    /// an `Option` has none there, as serde read it).
    pub required: usize,
    /// A member not in `names` is refused (else skipped).
    pub deny_unknown: bool,
    /// An op: an array form's first element is its `op` (read by `op_name`).
    pub tagged: bool,
}

impl Shape {
    /// A struct whose array form needs its first `required` fields; unknown members skipped.
    pub const fn of(names: &'static [&'static str], required: usize) -> Shape {
        Shape { names, required, deny_unknown: false, tagged: false }
    }
}

/// A record: an object whose members named in `shape.names` are read by `member`, each at most
/// once, any other member skipped (or refused: `deny_unknown`); or, as serde also read a struct,
/// an array of its fields in order (at least `required` of them). Anything else is refused.
/// One function for every record (not one copy of the pull's object reader per closure).
pub fn object<'a>(p: &mut Pull<'a>, shape: Shape, member: &mut Member<'_, 'a>) -> Step<()> {
    if p.peek() == Some(b'[') {
        let skip = usize::from(shape.tagged);
        let n = array(p, &mut |p, i| match i.checked_sub(skip) {
            // The op's name: left unread (skipped), op_name read it.
            None => Ok(()),
            Some(i) => member(p, shape.names.get(i).ok_or_else(invalid)?),
        })?;
        return if n >= skip + shape.required { Ok(()) } else { Err(invalid()) };
    }
    let mut seen = 0u32;
    let found = p.object(|p, key| {
        let Some(i) = shape.names.iter().position(|n| *n == key) else {
            return if shape.deny_unknown { Err(invalid()) } else { Ok(()) };
        };
        if seen & (1 << i) != 0 {
            return Err(invalid());
        }
        seen |= 1 << i;
        member(p, shape.names[i])
    })?;
    found.map(drop).ok_or_else(invalid)
}

/// An array, each element read by `element` with its index.
pub fn array<'a>(p: &mut Pull<'a>, element: &mut dyn FnMut(&mut Pull<'a>, usize) -> Step<()>) -> Step<usize> {
    let mut n = 0;
    let found = p.array(|p| {
        n += 1;
        element(p, n - 1)
    })?;
    found.map(|_| n).ok_or_else(invalid)
}

/// An array read into a `Vec`, each element by `item`.
pub fn list<'a, T>(p: &mut Pull<'a>, item: fn(&mut Pull<'a>) -> Step<T>) -> Step<Vec<T>> {
    let mut out = Vec::new();
    array(p, &mut |p, _| {
        out.push(item(p)?);
        Ok(())
    })?;
    Ok(out)
}

/// An array of exactly `n` elements (a Rust tuple or fixed array), element `i` read by `element`.
pub fn tuple<'a>(p: &mut Pull<'a>, n: usize, element: &mut dyn FnMut(&mut Pull<'a>, usize) -> Step<()>) -> Step<()> {
    let got = array(p, &mut |p, i| if i < n { element(p, i) } else { Err(invalid()) })?;
    if got == n {
        Ok(())
    } else {
        Err(invalid())
    }
}

/// `None` for `null`, else the value `read` reads.
pub fn opt<'a, T>(p: &mut Pull<'a>, read: fn(&mut Pull<'a>) -> Step<T>) -> Step<Option<T>> {
    if p.peek() == Some(b'n') {
        p.skip()?;
        return Ok(None);
    }
    read(p).map(Some)
}

/// A non-negative JSON integer within u64 (as serde read a u64: no fraction, no exponent).
pub fn u64_(p: &mut Pull<'_>) -> Step<u64> {
    match p.number()? {
        Some(Num::U(u)) => Ok(u),
        _ => Err(invalid()),
    }
}

/// A u64 within a smaller integer type's range (u8, u32, usize).
pub fn int<T: TryFrom<u64>>(p: &mut Pull<'_>) -> Step<T> {
    T::try_from(u64_(p)?).map_err(|_| invalid())
}

/// Any JSON number as a float (as serde read an f64: integers converted, rounding past 2^53).
pub fn f64_(p: &mut Pull<'_>) -> Step<f64> {
    p.number()?.map(Num::as_f64).ok_or_else(invalid)
}

/// A string, escapes undone.
pub fn string(p: &mut Pull<'_>) -> Step<String> {
    p.string()?.map(|(s, _)| s.into_owned()).ok_or_else(invalid)
}

/// `true` or `false`.
pub fn boolean(p: &mut Pull<'_>) -> Step<bool> {
    p.boolean()?.ok_or_else(invalid)
}

/// An op's name: its `op` member (any member order, as serde's internally tagged enums read
/// it), or the first element of its array form. The whole text is read, the rest skipped; `None`
/// when it is not an op with a string name.
pub fn op_name(text: &str) -> Option<String> {
    read(text, |p| {
        let mut name = None;
        if p.peek() == Some(b'[') {
            array(p, &mut |p, i| {
                if i == 0 {
                    name = Some(string(p)?);
                }
                Ok(())
            })?;
        } else {
            object(p, Shape::of(&["op"], 1), &mut |p, _| {
                name = Some(string(p)?);
                Ok(())
            })?;
        }
        name.ok_or_else(invalid)
    })
}

/// A JSON object being written: members in the order they are added.
pub struct Obj<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Obj<'o> {
    /// Starts an object at the end of `out`.
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    /// Starts a member; its value is written next (into the `String` returned).
    pub fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, k);
        self.out.push(':');
        self.out
    }

    pub fn u64(&mut self, k: &str, v: u64) -> &mut Self {
        write_u64(self.key(k), v);
        self
    }

    pub fn opt_u64(&mut self, k: &str, v: Option<u64>) -> &mut Self {
        match v {
            Some(v) => write_u64(self.key(k), v),
            None => self.key(k).push_str("null"),
        }
        self
    }

    pub fn str(&mut self, k: &str, v: &str) -> &mut Self {
        write_str(self.key(k), v);
        self
    }

    pub fn opt_str(&mut self, k: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => write_str(self.key(k), v),
            None => self.key(k).push_str("null"),
        }
        self
    }

    pub fn bool(&mut self, k: &str, v: bool) -> &mut Self {
        self.key(k).push_str(if v { "true" } else { "false" });
        self
    }

    /// Ends the object.
    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// `Some(n)` as its digits, `None` as `null`.
pub fn write_opt_u64(out: &mut String, v: Option<u64>) {
    match v {
        Some(v) => write_u64(out, v),
        None => out.push_str("null"),
    }
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
