//! Byte scans a word (8 bytes) at a time, with the "has a zero byte" bit tricks: strings are
//! scanned on every read and write, URLs and prompts on every check, and at opt-level "z" a
//! byte loop is several instructions per byte.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

#[inline(always)]
fn word(chunk: &[u8]) -> u64 {
    // Chunks are always 8 bytes; a (never seen) short one reads as zeros, which every caller
    // treats as "look closer", so the byte loop decides.
    u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))
}

/// The high bit of each byte of `w` that equals `c`'s … (any set bit: some byte does).
#[inline(always)]
fn eq(w: u64, c: u8) -> u64 {
    let v = w ^ (LO * u64::from(c));
    v.wrapping_sub(LO) & !v & HI
}

/// … that is below `n` (n <= 128).
#[inline(always)]
fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(LO * u64::from(n)) & !w & HI
}

/// Whether two slices of the same length hold the same bytes, compared 8 at a time: a key or an
/// enum value is a dozen bytes, where the call into `memcmp` (a byte loop on wasm32) costs more
/// than the compare. Not inlined: `same_text` (inlined at every lookup) calls it only once
/// the length and the first byte agree, and inlined it cost 0.45 KiB gzip.
#[inline(never)]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.get(i..i + 8), b.get(i..i + 8)) {
        if word(x) != word(y) {
            return false;
        }
        i += 8;
    }
    while let (Some(x), Some(y)) = (a.get(i), b.get(i)) {
        if x != y {
            return false;
        }
        i += 1;
    }
    a.len() == b.len()
}

/// The index of the first byte at or after `i` that a JSON string must escape (`"`, `\`, a
/// control character), or `b.len()`.
pub fn plain_until(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let w = word(chunk);
        if eq(w, b'"') | eq(w, b'\\') | below(w, 0x20) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The index of the closing quote of the string whose content goes on at `i` (skipping escaped
/// characters), or where a control character or the end of the text cuts it short.
pub fn string_end(b: &[u8], mut i: usize) -> usize {
    loop {
        i = plain_until(b, i);
        match b.get(i) {
            Some(b'\\') => i += 2,
            _ => return i.min(b.len()),
        }
    }
}

/// The index of the first `c` at or after `i`, if any.
pub fn find(b: &[u8], mut i: usize, c: u8) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        if eq(word(chunk), c) != 0 {
            break;
        }
        i += 8;
    }
    Some(i + b.get(i..)?.iter().position(|&x| x == c)?)
}

/// The index of the first byte at or after `i` outside printable ASCII (`!` … `~`), or
/// `b.len()`: URLs hold none, and the rare one that does is then read closely.
pub fn printable_until(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let w = word(chunk);
        // Below '!' (space, controls), or 0x7f and above (the +1 carries 0x7f into the high bit).
        if below(w, b'!') | ((w.wrapping_add(LO) | w) & HI) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if !(b'!'..=b'~').contains(&c) {
            break;
        }
        i += 1;
    }
    i
}

/// Whether UTF-8 text holds U+FFFD (bytes EF BF BD), the character `encodeInto` writes for a
/// lone surrogate: looked for only from a word with a byte 0xEF on.
pub fn has_replacement_char(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(at) = find(b, i, 0xEF) {
        if b.get(at + 1..at + 3) == Some(&[0xBF, 0xBD]) {
            return true;
        }
        i = at + 1;
    }
    false
}

/// Byte offsets into UTF-8 text to UTF-16 offsets (a JS string's, when the text is its UTF-8),
/// counted on from the previous offset asked for (from the start again when one goes back), a
/// word at a time.
#[derive(Debug, Default)]
pub struct Utf16 {
    byte: usize,
    unit: u32,
}

impl Utf16 {
    /// The UTF-16 offset of byte offset `to` (a char boundary) of `b`.
    pub fn at(&mut self, b: &[u8], to: u32) -> u32 {
        let to = (to as usize).min(b.len());
        if to < self.byte {
            *self = Utf16::default();
        }
        while self.byte < to {
            match b.get(self.byte..self.byte + 8).filter(|_| self.byte + 8 <= to) {
                Some(chunk) => {
                    // Every char is one unit but those of 4 bytes (a surrogate pair, lead
                    // 0b11110xxx); continuation bytes (0b10xxxxxx) start no char.
                    let w = word(chunk);
                    self.byte += 8;
                    // Eight ASCII bytes (a request is mostly ASCII): eight units.
                    if w & HI == 0 {
                        self.unit += 8;
                        continue;
                    }
                    let continuation = (w & !(w << 1) & HI).count_ones();
                    let four = (w & (w << 1) & (w << 2) & (w << 3) & HI).count_ones();
                    self.unit += 8 - continuation + four;
                }
                None => {
                    let c = b.get(self.byte).copied().unwrap_or(0);
                    self.unit += u32::from(c & 0xC0 != 0x80) + u32::from(c >= 0xF0);
                    self.byte += 1;
                }
            }
        }
        self.unit
    }
}
