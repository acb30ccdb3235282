//! List cursors: where the next list page starts, opaque and tamper-proof. Two kinds: a position
//! in the upstream task list (page, index: the walk), and a position in the caller's task index
//! (the creation time of the last task answered). The position is encrypted (a caller must not
//! learn how many other tasks the account holds before its own: that is what a page number would
//! tell) and MACed together with the caller's namespace and the endpoint family, so a cursor works
//! only for the caller and the list it came from. Keys come from the proxy's secret by HMAC with
//! their own labels; the keystream is HMAC-SHA256(enc key, nonce ‖ counter), which needs no
//! cipher crate beyond hmac + sha2.
//!
//! Layout, base64url (48 characters): nonce (8 bytes) ‖ encrypted body (12 bytes) ‖ tag (16
//! bytes, HMAC-SHA256 truncated). The body's first byte is its kind, so an index position can
//! never be read as a walk position or the other way round:
//! - walk `1`: page, index (2 + 2 bytes, big-endian), walk id (4 bytes: non-zero when the walk
//!   began at the first page, so that its end may mark the index complete), flags (1: a tail walk
//!   that skips what the index holds), 2 zero bytes;
//! - index `2`: the time of the last task answered (8 bytes, big-endian ms), 3 zero bytes.
//!
//! The previous layout (38 characters: a 4-byte page and index) is still read, as a walk that did
//! not begin at the first page, so a listing under way across an upgrade goes on.

use super::callback::hmac;
use crate::auth::base64url;
use hmac::Mac;

const NONCE: usize = 8;
const BODY: usize = 12;
/// The body of the 38-character layout (page, index).
const OLD_BODY: usize = 4;
const TAG: usize = 16;
const WALK: u8 = 1;
const INDEX: u8 = 2;
const TAIL: u8 = 1;

/// Where the next list page starts: upstream page `page` (1-based, of the proxy's fixed upstream
/// page size), task `index` on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The upstream page the walk is on.
    pub page: u32,
    /// The next task to read on that page.
    pub index: u32,
}

/// What a cursor holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// A walk of the upstream pages.
    Walk {
        /// Where it goes on.
        pos: Position,
        /// Non-zero: the walk began at the first page, under this id (the index knows it).
        walk: u32,
        /// The walk follows the index's pages and skips the tasks the index holds.
        tail: bool,
    },
    /// The caller's task index: the tasks created before `before` (ms) come next.
    Index {
        /// The creation time of the last task answered.
        before: u64,
    },
}

/// The two cursor keys (never the secret itself).
#[derive(Clone)]
pub struct Keys {
    enc: Vec<u8>,
    mac: Vec<u8>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cursor::Keys(<redacted>)")
    }
}

impl Keys {
    /// The keys of a proxy secret (separate keys for encryption and the MAC).
    pub fn derive(secret: &str) -> Self {
        let label = |l: &[u8]| {
            let mut m = hmac(secret.as_bytes());
            m.update(l);
            m.finalize().into_bytes().to_vec()
        };
        Keys { enc: label(b"kling-wasm list cursor enc v1"), mac: label(b"kling-wasm list cursor mac v1") }
    }

    fn tag(&self, family: &str, namespace: &str, sealed: &[u8]) -> impl Mac {
        let mut m = hmac(&self.mac);
        for part in [family.as_bytes(), b"\n", namespace.as_bytes(), b"\n", sealed] {
            m.update(part);
        }
        m
    }

    fn keystream(&self, nonce: &[u8]) -> [u8; BODY] {
        let mut m = hmac(&self.enc);
        m.update(nonce);
        m.update(&[0]);
        let block = m.finalize().into_bytes();
        let mut out = [0; BODY];
        out.copy_from_slice(block.get(..BODY).unwrap_or(&[0; BODY]));
        out
    }

    /// A walk cursor at `pos` that did not begin at the first page (tests make them).
    pub fn seal(&self, pos: Position, family: &str, namespace: &str, seed: &str) -> String {
        self.seal_cursor(Cursor::Walk { pos, walk: 0, tail: false }, family, namespace, seed)
    }

    /// The cursor `c` for `family`'s list as `namespace` (the owner prefix) sees it. `seed`
    /// makes the nonce: anything unique per cursor (a fresh id and the time).
    pub fn seal_cursor(&self, c: Cursor, family: &str, namespace: &str, seed: &str) -> String {
        let mut n = hmac(&self.mac);
        n.update(b"nonce\n");
        n.update(seed.as_bytes());
        let mut raw = n.finalize().into_bytes().get(..NONCE).unwrap_or(&[0; NONCE]).to_vec();
        let mut plain = [0u8; BODY];
        match c {
            Cursor::Walk { pos, walk, tail } => {
                plain[0] = WALK;
                plain[1..3].copy_from_slice(&(pos.page.min(0xffff) as u16).to_be_bytes());
                plain[3..5].copy_from_slice(&(pos.index.min(0xffff) as u16).to_be_bytes());
                plain[5..9].copy_from_slice(&walk.to_be_bytes());
                plain[9] = if tail { TAIL } else { 0 };
            }
            Cursor::Index { before } => {
                plain[0] = INDEX;
                plain[1..9].copy_from_slice(&before.to_be_bytes());
            }
        }
        let ks = self.keystream(&raw);
        raw.extend(plain.iter().zip(ks).map(|(p, k)| p ^ k));
        let tag = self.tag(family, namespace, &raw).finalize().into_bytes();
        raw.extend_from_slice(tag.get(..TAG).unwrap_or(&[]));
        base64url::encode(&raw)
    }

    /// The walk position in a walk cursor made by `seal_cursor` for the same family and
    /// namespace, else `None`.
    pub fn open(&self, cursor: &str, family: &str, namespace: &str) -> Option<Position> {
        match self.open_cursor(cursor, family, namespace)? {
            Cursor::Walk { pos, .. } => Some(pos),
            Cursor::Index { .. } => None,
        }
    }

    /// What a cursor made by `seal_cursor` (or the previous layout) for the same family and
    /// namespace holds, else `None`.
    pub fn open_cursor(&self, cursor: &str, family: &str, namespace: &str) -> Option<Cursor> {
        let raw = base64url::decode(cursor)?;
        let body = raw.len().checked_sub(NONCE + TAG).filter(|b| *b == BODY || *b == OLD_BODY)?;
        let (sealed, tag) = raw.split_at(NONCE + body);
        self.tag(family, namespace, sealed).verify_truncated_left(tag).ok()?;
        let (nonce, body) = sealed.split_at(NONCE);
        let p: Vec<u8> = body.iter().zip(self.keystream(nonce)).map(|(c, k)| c ^ k).collect();
        let u16_at = |i: usize| u32::from(p[i]) << 8 | u32::from(p[i + 1]);
        if p.len() == OLD_BODY {
            return Some(Cursor::Walk { pos: Position { page: u16_at(0), index: u16_at(2) }, walk: 0, tail: false });
        }
        let mut eight = [0u8; 8];
        match p[0] {
            WALK if p[9] & !TAIL == 0 && p[10..].iter().all(|b| *b == 0) => {
                let walk = u32::from_be_bytes([p[5], p[6], p[7], p[8]]);
                Some(Cursor::Walk { pos: Position { page: u16_at(1), index: u16_at(3) }, walk, tail: p[9] == TAIL })
            }
            INDEX if p[9..].iter().all(|b| *b == 0) => {
                eight.copy_from_slice(&p[1..9]);
                Some(Cursor::Index { before: u64::from_be_bytes(eight) })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_for_their_owner_and_list_only() {
        let k = Keys::derive("secret");
        let pos = Position { page: 1000, index: 499 };
        let c = k.seal(pos, "omni-video", "alice:", "gen1");
        assert_eq!(c.len(), 48);
        assert!(c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(k.open(&c, "omni-video", "alice:"), Some(pos));
        assert_eq!(k.open(&c, "omni-video", "bob:"), None);
        assert_eq!(k.open(&c, "omni-video", "."), None);
        assert_eq!(k.open(&c, "text2video", "alice:"), None);
        assert_eq!(Keys::derive("other").open(&c, "omni-video", "alice:"), None);
        // Every single-character change is refused.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for i in 0..c.len() {
            for &ch in alphabet.iter().step_by(7) {
                let mut m = c.clone().into_bytes();
                if m[i] == ch {
                    continue;
                }
                m[i] = ch;
                assert_eq!(k.open(std::str::from_utf8(&m).unwrap(), "omni-video", "alice:"), None);
            }
        }
        // The same position sealed twice does not give the same cursor (nothing to compare).
        assert_ne!(k.seal(pos, "omni-video", "alice:", "gen2"), c);
    }

    /// Each kind comes back as itself, never as the other: an index position is no walk position.
    #[test]
    fn index_and_walk_cursors_are_told_apart() {
        let k = Keys::derive("secret");
        let cases = [
            Cursor::Index { before: 1_800_000_000_123 },
            Cursor::Index { before: 0 },
            Cursor::Walk { pos: Position { page: 3, index: 17 }, walk: 0xdead_beef, tail: false },
            Cursor::Walk { pos: Position { page: 1, index: 0 }, walk: 0, tail: true },
        ];
        for c in cases {
            let s = k.seal_cursor(c, "omni-video", "alice:", "n");
            assert_eq!(s.len(), 48);
            assert_eq!(k.open_cursor(&s, "omni-video", "alice:"), Some(c));
            assert_eq!(k.open_cursor(&s, "omni-video", "bob:"), None);
            assert_eq!(k.open_cursor(&s, "omni-image", "alice:"), None);
            let walk = match c {
                Cursor::Walk { pos, .. } => Some(pos),
                Cursor::Index { .. } => None,
            };
            assert_eq!(k.open(&s, "omni-video", "alice:"), walk, "{c:?}");
        }
    }

    /// A cursor of the 38-character layout reads as a walk that did not begin at page 1; a body
    /// of any other length, or of an unknown kind, is refused.
    #[test]
    fn the_previous_layout_is_read_as_a_plain_walk() {
        let k = Keys::derive("secret");
        let sealed = |body: &[u8]| {
            let mut raw = vec![7u8; NONCE];
            raw.extend(body.iter().zip(k.keystream(&raw)).map(|(p, s)| p ^ s));
            let tag = k.tag("omni-video", "alice:", &raw).finalize().into_bytes();
            raw.extend_from_slice(&tag[..TAG]);
            base64url::encode(&raw)
        };
        let old = sealed(&[0, 2, 1, 244]);
        assert_eq!(old.len(), 38);
        assert_eq!(k.open_cursor(&old, "omni-video", "alice:"), Some(Cursor::Walk { pos: Position { page: 2, index: 500 }, walk: 0, tail: false }));
        for body in
            [&[9u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0][..], &[1, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0], &[2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1], &[1, 0, 1, 0, 0]]
        {
            assert_eq!(k.open_cursor(&sealed(body), "omni-video", "alice:"), None, "{body:?}");
        }
    }
}
