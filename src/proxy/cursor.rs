//! List cursors: a position in the upstream task list (page, index), opaque and tamper-proof.
//! The position is encrypted (a caller must not learn how many other tasks the account holds
//! before its own: that is what a page number would tell) and MACed together with the caller's
//! namespace and the endpoint family, so a cursor works only for the caller and the list it came
//! from. Keys come from the proxy's secret by HMAC with their own labels; the keystream is
//! HMAC-SHA256(enc key, nonce ‖ counter), which needs no cipher crate beyond hmac + sha2.
//!
//! Layout, base64url (38 characters): nonce (8 bytes) ‖ encrypted page and index (2 + 2 bytes,
//! big-endian) ‖ tag (16 bytes, HMAC-SHA256 truncated).

use super::callback::hmac;
use crate::auth::base64url;
use hmac::Mac;

const NONCE: usize = 8;
const BODY: usize = 4;
const TAG: usize = 16;

/// Where the next list page starts: upstream page `page` (1-based, of the proxy's fixed upstream
/// page size), task `index` on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The upstream page the walk is on.
    pub page: u32,
    /// The next task to read on that page.
    pub index: u32,
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

    /// The cursor for `pos` in `family`'s list as `namespace` (the owner prefix) sees it.
    /// `seed` makes the nonce: anything unique per cursor (a fresh id and the time).
    pub fn seal(&self, pos: Position, family: &str, namespace: &str, seed: &str) -> String {
        let mut n = hmac(&self.mac);
        n.update(b"nonce\n");
        n.update(seed.as_bytes());
        let mut raw = n.finalize().into_bytes().get(..NONCE).unwrap_or(&[0; NONCE]).to_vec();
        let plain = [(pos.page >> 8) as u8, pos.page as u8, (pos.index >> 8) as u8, pos.index as u8];
        let ks = self.keystream(&raw);
        raw.extend(plain.iter().zip(ks).map(|(p, k)| p ^ k));
        let tag = self.tag(family, namespace, &raw).finalize().into_bytes();
        raw.extend_from_slice(tag.get(..TAG).unwrap_or(&[]));
        base64url::encode(&raw)
    }

    /// The position in a cursor made by `seal` for the same family and namespace, else `None`.
    pub fn open(&self, cursor: &str, family: &str, namespace: &str) -> Option<Position> {
        let raw = base64url::decode(cursor)?;
        if raw.len() != NONCE + BODY + TAG {
            return None;
        }
        let (sealed, tag) = raw.split_at(NONCE + BODY);
        self.tag(family, namespace, sealed).verify_truncated_left(tag).ok()?;
        let (nonce, body) = sealed.split_at(NONCE);
        let p: Vec<u32> = body.iter().zip(self.keystream(nonce)).map(|(c, k)| u32::from(c ^ k)).collect();
        Some(Position { page: p[0] << 8 | p[1], index: p[2] << 8 | p[3] })
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
        assert_eq!(c.len(), 38);
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
}
