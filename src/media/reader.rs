//! The read protocol shared by the probes: a probe asks for one byte range at a time (`Need`),
//! the driver reads it (a `Blob` slice in JS, a sub-slice in Rust) and feeds it back. `Window`
//! holds the bytes a probe has been fed, as one contiguous run.

use serde::Serialize;

/// A byte range to read next: `[offset, offset + len)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Need {
    /// Where the range starts, in bytes from the start of the file.
    pub offset: u64,
    /// How many bytes to read.
    pub len: u64,
}

impl Need {
    /// The first offset past the range (saturating).
    pub fn end(&self) -> u64 {
        self.offset.saturating_add(self.len)
    }
}

/// A probe driven by reads. Feed exactly the bytes of the last `need()`; fewer bytes mean the
/// file ended there (the probe then reports it as truncated). Every feed makes progress, so a
/// driver loop `while let Some(n) = p.need() { p.feed(read(n)) }` always ends.
pub trait Probe {
    /// The range to read next; `None` once the probe is done.
    fn need(&self) -> Option<Need>;
    /// Hands over the bytes of the last `need()` (a short read means the file ended).
    fn feed(&mut self, bytes: &[u8]);
    /// The driver could not read the requested bytes (a Blob whose file went away): stop, and
    /// report the file as unreadable with the driver's reason.
    fn read_failed(&mut self, why: &str);
}

/// Drives a probe over a file already in memory.
pub fn drive<P: Probe>(probe: &mut P, data: &[u8]) {
    while let Some(n) = probe.need() {
        let start = usize::try_from(n.offset).unwrap_or(usize::MAX).min(data.len());
        let end = usize::try_from(n.end()).unwrap_or(usize::MAX).clamp(start, data.len());
        probe.feed(data.get(start..end).unwrap_or(&[]));
    }
}

/// The file bytes a probe holds: one contiguous run starting at `start`.
#[derive(Debug, Default)]
pub(crate) struct Window {
    start: u64,
    bytes: Vec<u8>,
}

impl Window {
    pub fn end(&self) -> u64 {
        self.start.saturating_add(self.bytes.len() as u64)
    }

    /// Whether `offset` lies inside the window or at its end (so a read from `end()` extends it).
    pub fn touches(&self, offset: u64) -> bool {
        (self.start..=self.end()).contains(&offset)
    }

    /// The held bytes from `offset` to the window's end, if `offset` is inside.
    pub fn from(&self, offset: u64) -> &[u8] {
        match offset.checked_sub(self.start).and_then(|d| usize::try_from(d).ok()) {
            Some(d) => self.bytes.get(d..).unwrap_or(&[]),
            None => &[],
        }
    }

    /// `[from, to)` if the window holds all of it.
    pub fn range(&self, from: u64, to: u64) -> Option<&[u8]> {
        let len = usize::try_from(to.checked_sub(from)?).ok()?;
        self.from(from).get(..len)
    }

    /// Stores bytes read at `offset`: appended when they continue the window, else they replace it.
    pub fn put(&mut self, offset: u64, data: &[u8]) {
        if offset != self.end() || self.bytes.is_empty() {
            self.bytes.clear();
            self.start = offset;
        }
        self.bytes.extend_from_slice(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_appends_contiguous_reads_and_replaces_others() {
        let mut w = Window::default();
        w.put(100, b"abcd");
        w.put(104, b"ef");
        assert_eq!(w.range(102, 106), Some(&b"cdef"[..]));
        assert_eq!(w.range(99, 101), None);
        assert!(w.touches(106) && !w.touches(107));
        w.put(500, b"xy");
        assert_eq!(w.from(500), b"xy");
        assert_eq!(w.from(100), b"");
    }
}
