//! Whose elements and voices: the ids one user owns of one kind (`Owned`), and the cache of
//! them behind the `OwnedIds` trait. The in-memory `MemoryOwnedIds` is a bounded LRU with a TTL;
//! a per-user store (issue 17) implements the same three calls and the lookups stay as they are.

use super::Asset;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// What one walk of a user's tasks of a family found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owned {
    /// Ids in the results of the user's succeeded tasks: theirs to use and to delete.
    pub ids: BTreeSet<String>,
    /// Voices bound to the user's elements (`element_voice_info.voice_id`: cloned from the
    /// element's video, or bound at creation): usable by the user, not deletable through it.
    pub bound_voices: BTreeSet<String>,
    /// Some of the user's tasks were still running: an id missing now may appear soon.
    pub pending: bool,
    /// When the walk was made (ms since the epoch).
    pub walked_ms: u64,
    /// The walk stopped at `check::MAX_LOOKUP_PAGES` before the account's end.
    pub truncated: bool,
}

impl Owned {
    /// Ids held (what the cache's size is counted in).
    pub fn len(&self) -> usize {
        self.ids.len() + self.bound_voices.len()
    }

    /// Whether it holds no id.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where the lookups keep what they found, per owner namespace (the owner prefix) and kind.
/// `get` answers only what is still fresh; `invalidate` forgets (after the user's create or
/// delete of that kind).
pub trait OwnedIds {
    /// The ids known for `owner` of `asset`, unless stale at `now_ms`.
    fn get(&self, owner: &str, asset: Asset, now_ms: u64) -> Option<Rc<Owned>>;
    /// Keeps a fresh walk's answer.
    fn put(&self, owner: &str, asset: Asset, owned: Rc<Owned>);
    /// Forgets `owner`'s ids of `asset`.
    fn invalidate(&self, owner: &str, asset: Asset);
}

/// Entries kept at most (one per user and kind).
pub const MAX_ENTRIES: usize = 1024;
/// Ids kept at most over all entries (measured 45 bytes each in a set, ~5 MiB in all: README
/// "Limits of the proxy"); a walk that found more than this is used once and not kept.
pub const MAX_CACHED_IDS: usize = 100_000;
/// How long a walk's answer is believed (creates and deletes through this proxy forget it
/// sooner; a change made elsewhere shows after at most this long).
pub const OWNED_TTL_MS: u64 = 60_000;

struct Entry {
    owned: Rc<Owned>,
    used: u64,
}

/// The in-memory `OwnedIds`: least recently used entries go first, past `max_entries` or
/// `max_ids`; entries older than `ttl_ms` are not answered.
pub struct MemoryOwnedIds {
    map: RefCell<HashMap<(String, Asset), Entry>>,
    tick: Cell<u64>,
    ids: Cell<usize>,
    max_entries: usize,
    max_ids: usize,
    ttl_ms: u64,
}

impl std::fmt::Debug for MemoryOwnedIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryOwnedIds").field("entries", &self.map.borrow().len()).field("ids", &self.ids.get()).finish_non_exhaustive()
    }
}

impl Default for MemoryOwnedIds {
    fn default() -> Self {
        MemoryOwnedIds::new(MAX_ENTRIES, MAX_CACHED_IDS, OWNED_TTL_MS)
    }
}

impl MemoryOwnedIds {
    /// An empty cache with these bounds.
    pub fn new(max_entries: usize, max_ids: usize, ttl_ms: u64) -> Self {
        MemoryOwnedIds { map: RefCell::default(), tick: Cell::new(0), ids: Cell::new(0), max_entries, max_ids, ttl_ms }
    }

    /// Entries held.
    pub fn entries(&self) -> usize {
        self.map.borrow().len()
    }

    /// Ids held over all entries.
    pub fn ids(&self) -> usize {
        self.ids.get()
    }

    fn next_tick(&self) -> u64 {
        self.tick.set(self.tick.get() + 1);
        self.tick.get()
    }

    fn remove(&self, map: &mut HashMap<(String, Asset), Entry>, key: &(String, Asset)) {
        if let Some(e) = map.remove(key) {
            self.ids.set(self.ids.get().saturating_sub(e.owned.len()));
        }
    }
}

impl OwnedIds for MemoryOwnedIds {
    fn get(&self, owner: &str, asset: Asset, now_ms: u64) -> Option<Rc<Owned>> {
        let key = (owner.to_owned(), asset);
        let mut map = self.map.borrow_mut();
        let fresh = map.get(&key).map(|e| now_ms.saturating_sub(e.owned.walked_ms) < self.ttl_ms)?;
        if !fresh {
            self.remove(&mut map, &key);
            return None;
        }
        let tick = self.next_tick();
        let e = map.get_mut(&key)?;
        e.used = tick;
        Some(e.owned.clone())
    }

    fn put(&self, owner: &str, asset: Asset, owned: Rc<Owned>) {
        let key = (owner.to_owned(), asset);
        let mut map = self.map.borrow_mut();
        self.remove(&mut map, &key);
        if owned.len() > self.max_ids || self.max_entries == 0 {
            return;
        }
        // Room first: the least recently used go until one more entry and its ids fit.
        while !map.is_empty() && (map.len() >= self.max_entries || self.ids.get() + owned.len() > self.max_ids) {
            let Some(oldest) = map.iter().min_by_key(|(_, e)| e.used).map(|(k, _)| k.clone()) else { break };
            self.remove(&mut map, &oldest);
        }
        self.ids.set(self.ids.get() + owned.len());
        let used = self.next_tick();
        map.insert(key, Entry { owned, used });
    }

    fn invalidate(&self, owner: &str, asset: Asset) {
        self.remove(&mut self.map.borrow_mut(), &(owner.to_owned(), asset));
    }
}

/// When a kind's presets were read (ms), and their ids.
pub type PresetIds = (u64, Rc<BTreeSet<String>>);

/// The preset ids, per kind, as last read (assets/check.rs reads and fills it).
#[derive(Debug, Default)]
pub struct Presets {
    /// Each kind's, as last read.
    pub read: RefCell<HashMap<Asset, PresetIds>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(n: usize, walked_ms: u64) -> Rc<Owned> {
        Rc::new(Owned { ids: (0..n).map(|i| format!("{}", i + 1)).collect(), walked_ms, ..Owned::default() })
    }

    #[test]
    fn answers_until_the_ttl_and_not_at_it() {
        let c = MemoryOwnedIds::new(4, 100, 1000);
        c.put("alice:", Asset::Element, owned(2, 5000));
        assert_eq!(c.get("alice:", Asset::Element, 5999).map(|o| o.ids.len()), Some(2));
        assert!(c.get("alice:", Asset::Voice, 5999).is_none() && c.get("bob:", Asset::Element, 5999).is_none());
        assert!(c.get("alice:", Asset::Element, 6000).is_none(), "stale at the TTL");
        assert_eq!((c.entries(), c.ids()), (0, 0), "a stale entry is dropped");
        c.put("alice:", Asset::Element, owned(2, 5000));
        c.invalidate("alice:", Asset::Element);
        assert!(c.get("alice:", Asset::Element, 5001).is_none());
    }

    #[test]
    fn keeps_at_most_its_entries_least_recently_used_first() {
        let c = MemoryOwnedIds::new(3, 100, 1000);
        for u in ["a:", "b:", "c:"] {
            c.put(u, Asset::Voice, owned(1, 0));
        }
        assert_eq!(c.entries(), 3, "at the limit, all kept");
        assert!(c.get("a:", Asset::Voice, 1).is_some()); // a is now the most recent
        c.put("d:", Asset::Voice, owned(1, 0));
        assert_eq!(c.entries(), 3, "one past the limit");
        assert!(c.get("b:", Asset::Voice, 1).is_none(), "the least recently used went");
        assert!(c.get("a:", Asset::Voice, 1).is_some() && c.get("d:", Asset::Voice, 1).is_some());
    }

    #[test]
    fn keeps_at_most_its_ids() {
        let c = MemoryOwnedIds::new(10, 10, 1000);
        c.put("a:", Asset::Element, owned(6, 0));
        c.put("b:", Asset::Element, owned(4, 0));
        assert_eq!((c.entries(), c.ids()), (2, 10), "exactly the budget");
        c.put("c:", Asset::Element, owned(1, 0));
        assert_eq!((c.entries(), c.ids()), (2, 5), "one id past it: the oldest went");
        c.put("big:", Asset::Element, owned(10, 0));
        assert!(c.get("big:", Asset::Element, 1).is_some(), "a walk of the whole budget is kept");
        c.put("huge:", Asset::Element, owned(11, 0));
        assert!(c.get("huge:", Asset::Element, 1).is_none(), "one past the budget is not");
        c.put("a:", Asset::Element, owned(3, 0));
        c.put("a:", Asset::Element, owned(2, 0));
        assert_eq!(c.get("a:", Asset::Element, 1).map(|o| o.ids.len()), Some(2), "a put replaces");
    }
}
