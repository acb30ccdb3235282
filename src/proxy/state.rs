//! Per-proxy mutable state shared by the requests one proxy instance handles at once: the count
//! of creates in flight, which bounds the memory creates hold (config.rs, "Limits"), and the
//! bounded caches of ownership (assets/), presets and account costs (costs.rs).

use super::assets::owned::{MemoryOwnedIds, Presets};
use super::costs::CostsCache;
use std::cell::Cell;

/// One per proxy instance (the host keeps it beside the config). Requests run on one thread
/// (wasm, or one JS event loop), interleaved at their awaits, so a `Cell` is enough.
#[derive(Debug, Default)]
pub struct ProxyState {
    creates_in_flight: Cell<usize>,
    /// Bytes the admitted creates may hold (each admitted with what it may take at most).
    reserved: Cell<usize>,
    /// Each user's element and voice ids, as last looked up (assets/owned.rs).
    pub owned: MemoryOwnedIds,
    /// The preset ids, as last read.
    pub presets: Presets,
    /// Account-costs answers and the time of the last call (costs.rs).
    pub costs: CostsCache,
}

impl ProxyState {
    /// A fresh state: nothing in flight.
    pub fn new() -> Self {
        ProxyState::default()
    }

    /// Creates admitted and not yet answered.
    pub fn creates_in_flight(&self) -> usize {
        self.creates_in_flight.get()
    }

    /// Bytes reserved by the creates in flight.
    pub fn reserved_bytes(&self) -> usize {
        self.reserved.get()
    }

    /// Admits one create that may hold up to `bytes` when fewer than `max` are in flight and
    /// `bytes` fits in what is left of `budget`; the place and the bytes free themselves when the
    /// guard drops, on every path (answer, refusal, error, or the future being dropped).
    pub fn admit_create(&self, max: usize, bytes: usize, budget: usize) -> Option<CreateSlot<'_>> {
        let n = self.creates_in_flight.get();
        let held = self.reserved.get();
        if n >= max || held.saturating_add(bytes) > budget {
            return None;
        }
        self.creates_in_flight.set(n + 1);
        self.reserved.set(held + bytes);
        Some(CreateSlot { state: self, bytes: Cell::new(bytes) })
    }
}

/// A create's place among those in flight (RAII: dropping it frees the place and its bytes).
#[derive(Debug)]
pub struct CreateSlot<'a> {
    state: &'a ProxyState,
    bytes: Cell<usize>,
}

impl CreateSlot<'_> {
    /// Takes up to `bytes` in all (more than admitted) when the budget has room for the rest.
    pub fn grow_to(&self, bytes: usize, budget: usize) -> bool {
        let (mine, held) = (self.bytes.get(), self.state.reserved.get());
        if bytes <= mine {
            return true;
        }
        if held.saturating_add(bytes - mine) > budget {
            return false;
        }
        self.state.reserved.set(held + bytes - mine);
        self.bytes.set(bytes);
        true
    }
}

impl Drop for CreateSlot<'_> {
    fn drop(&mut self) {
        let s = self.state;
        s.creates_in_flight.set(s.creates_in_flight.get().saturating_sub(1));
        s.reserved.set(s.reserved.get().saturating_sub(self.bytes.get()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_bounded_and_freed_on_drop() {
        let s = ProxyState::new();
        let a = s.admit_create(2, 10, 100);
        let b = s.admit_create(2, 10, 100);
        assert!(a.is_some() && b.is_some());
        assert!(s.admit_create(2, 0, 100).is_none());
        drop(a);
        assert_eq!((s.creates_in_flight(), s.reserved_bytes()), (1, 10));
        assert!(s.admit_create(2, 10, 100).is_some());
        drop(b);
        assert_eq!((s.creates_in_flight(), s.reserved_bytes()), (0, 0));
    }

    #[test]
    fn the_budget_admits_up_to_its_bytes_and_not_one_more() {
        let s = ProxyState::new();
        let a = s.admit_create(16, 60, 100);
        assert!(s.admit_create(16, 41, 100).is_none(), "one byte past the budget");
        let b = s.admit_create(16, 40, 100);
        assert!(a.is_some() && b.is_some(), "exactly the budget");
        drop(a);
        let c = s.admit_create(16, 20, 100).unwrap();
        assert!(!c.grow_to(61, 100), "growing one byte past the budget");
        assert!(c.grow_to(60, 100) && c.grow_to(10, 100));
        assert_eq!(s.reserved_bytes(), 100);
        drop(c);
        assert_eq!(s.reserved_bytes(), 40);
    }
}
