//! Per-proxy mutable state shared by the requests one proxy instance handles at once: so far the
//! count of creates in flight, which bounds the memory creates hold (config.rs, "Limits").

use std::cell::Cell;

/// One per proxy instance (the host keeps it beside the config). Requests run on one thread
/// (wasm, or one JS event loop), interleaved at their awaits, so a `Cell` is enough.
#[derive(Debug, Default)]
pub struct ProxyState {
    creates_in_flight: Cell<usize>,
}

impl ProxyState {
    pub fn new() -> Self {
        ProxyState::default()
    }

    /// Creates admitted and not yet answered.
    pub fn creates_in_flight(&self) -> usize {
        self.creates_in_flight.get()
    }

    /// Admits one create when fewer than `max` are in flight; the slot frees itself when the
    /// guard drops, on every path (answer, refusal, error, or the future being dropped).
    pub fn admit_create(&self, max: usize) -> Option<CreateSlot<'_>> {
        let n = self.creates_in_flight.get();
        if n >= max {
            return None;
        }
        self.creates_in_flight.set(n + 1);
        Some(CreateSlot { count: &self.creates_in_flight })
    }
}

/// A create's place among those in flight (RAII: dropping it frees the place).
#[derive(Debug)]
pub struct CreateSlot<'a> {
    count: &'a Cell<usize>,
}

impl Drop for CreateSlot<'_> {
    fn drop(&mut self) {
        self.count.set(self.count.get().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_bounded_and_freed_on_drop() {
        let s = ProxyState::new();
        let a = s.admit_create(2);
        let b = s.admit_create(2);
        assert!(a.is_some() && b.is_some());
        assert!(s.admit_create(2).is_none());
        drop(a);
        assert_eq!(s.creates_in_flight(), 1);
        assert!(s.admit_create(2).is_some());
        drop(b);
        assert_eq!(s.creates_in_flight(), 0);
    }
}
