//! Per-caller task ownership: the proxy prefixes every `external_task_id` with the caller's
//! namespace, so a query or list can tell whose task it is without any storage of its own. A user
//! gets `owner_prefix(user)`; anonymous callers (`allow_anonymous`) share the namespace
//! `ANON_PREFIX`, which no user's prefix can start with, so an anonymous caller can neither pick
//! an owner for its tasks nor see a user's (and users never see anonymous tasks).
//!
//! Prefixes have a bounded length (at most `MAX_PREFIX_LEN`, separator included) whatever the
//! user id, so every user keeps at least `MAX_ID_LEN - MAX_PREFIX_LEN` (94) characters for their
//! own ids: a generated id (a UUID, 36) always fits.

use crate::auth::base64url;
use crate::proxy::ids::{is_safe_id, MAX_ID_LEN};
use sha2::{Digest, Sha256};

/// The separator between a user's prefix and the caller's own id. User prefixes never contain
/// it (see `owner_prefix`), so one user's prefix can never be the start of another's.
pub const SEP: char = ':';

/// The anonymous namespace. User prefixes start with a letter, a digit, `-` or `_` (see
/// `owner_prefix`), never `.`, so `.admin:job-1` is nobody's and `owner_of` reads it as no user.
pub const ANON_PREFIX: &str = ".";

/// Longest user id (UTF-8 bytes) the proxy accepts from the authorize hook: a longer one is
/// refused like a failed hook (500). Hashed owners carry their user id in the callback token
/// (`callback`), so this bounds the token's length too.
pub const MAX_USER_LEN: usize = 256;

/// Longest plain user id (used as its own prefix).
const MAX_PLAIN_LEN: usize = 64;

/// Longest user id (bytes) written as `x` + base64url: 48 bytes are 64 characters.
const MAX_ENCODED_BYTES: usize = 48;

/// SHA-256 bytes kept in a hashed prefix: 144 bits, 24 base64url characters.
const HASH_BYTES: usize = 18;

/// Longest prefix, separator included: `x` + 64 base64url characters + `:`.
pub const MAX_PREFIX_LEN: usize = 1 + MAX_ENCODED_BYTES / 3 * 4 + 1;

fn is_plain(user: &str) -> bool {
    !user.is_empty()
        && user.len() <= MAX_PLAIN_LEN
        && user.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !user.starts_with(['x', 'h'])
}

/// The prefix for a user id, one of three shapes that cannot be mistaken for each other:
/// - the id itself when it is plain (letters, digits, `-`, `_`, up to 64 bytes, not starting
///   with `x` or `h`);
/// - otherwise, up to 48 bytes, `x` + the base64url of its UTF-8 bytes (reversible: `owner_of`);
/// - longer, `h` + the base64url of the first 18 bytes of its SHA-256 (not reversible: the
///   callback token carries such a user, see `callback`).
///
/// Truncated ids could collide; neither encoding can (short of a SHA-256 collision). Plain ids
/// starting with `x` or `h` are encoded, so "xeDQx" (plain) and "x41" (encoded) differ.
pub fn owner_prefix(user: &str) -> String {
    let mut out = if is_plain(user) {
        user.to_owned()
    } else if user.len() <= MAX_ENCODED_BYTES {
        format!("x{}", base64url::encode(user.as_bytes()))
    } else {
        let digest = Sha256::digest(user.as_bytes());
        format!("h{}", base64url::encode(digest.get(..HASH_BYTES).unwrap_or(&[])))
    };
    out.push(SEP);
    out
}

/// The key a store knows a user by (their prefix) for `user_or_key`: a user id as authorize
/// returns it, or a key as a store's `users()` lists it (kept as it is: a key is a prefix, which
/// ends with the separator after only base64url characters). Either way the same user's records,
/// except that a user id of that very shape ("alice:") is read as a key (here only reconcile
/// asks, and settling another user's reservations from Kling's own answers does no harm).
pub fn store_key(user_or_key: &str) -> String {
    let body = user_or_key.strip_suffix(SEP);
    let is_key = body.is_some_and(|b| !b.is_empty() && b.len() < MAX_PREFIX_LEN && b.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    if is_key {
        user_or_key.to_owned()
    } else {
        owner_prefix(user_or_key)
    }
}

/// Whether `prefix` is a hashed one (`h…:`), whose user `owner_of` cannot tell.
pub fn is_hashed_prefix(prefix: &str) -> bool {
    prefix.starts_with('h')
}

/// Why an `external_task_id` cannot be owned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnError {
    /// The caller's id has characters a query path could not carry.
    UnsafeId,
    /// The owned id would be longer than a path id may be.
    TooLong,
}

/// Whose namespace a request works in: a user's, or the shared anonymous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    user: Option<String>,
    prefix: String,
}

impl Owner {
    /// The namespace of a signed-in user.
    pub fn user(user: &str) -> Self {
        Owner { user: Some(user.to_owned()), prefix: owner_prefix(user) }
    }

    /// The namespace of callers without a user (when allowed).
    pub fn anonymous() -> Self {
        Owner { user: None, prefix: ANON_PREFIX.to_owned() }
    }

    /// The user id (`None` for the anonymous namespace), as the task-update hook hears it.
    pub fn user_id(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// What every owned external_task_id starts with.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether the prefix is hashed: the owned ids do not tell this user, so the callback token
    /// must carry it.
    pub fn is_hashed(&self) -> bool {
        self.user.is_some() && is_hashed_prefix(&self.prefix)
    }

    /// The external_task_id sent upstream: the prefix + the caller's id (or a fresh one).
    pub fn external_id(&self, given: Option<&str>, fresh: impl FnOnce() -> String) -> Result<String, OwnError> {
        let own = match given {
            Some(g) => g.to_owned(),
            None => fresh(),
        };
        if !is_safe_id(&own) {
            return Err(OwnError::UnsafeId);
        }
        if self.prefix.len() + own.len() > MAX_ID_LEN {
            return Err(OwnError::TooLong);
        }
        Ok(format!("{}{own}", self.prefix))
    }

    /// The owned id for the caller's own `id`, when it fits a path.
    pub fn owned(&self, id: &str) -> Option<String> {
        self.external_id(Some(id), String::new).ok()
    }

    /// Whether `external_task_id` is in this namespace.
    pub fn owns(&self, external_task_id: Option<&str>) -> bool {
        external_task_id.is_some_and(|id| id.len() > self.prefix.len() && id.starts_with(&self.prefix))
    }

    /// The caller's own id back from an owned one (tasks go back as the caller named them).
    pub fn strip<'a>(&self, external_task_id: &'a str) -> &'a str {
        external_task_id.strip_prefix(&self.prefix).unwrap_or(external_task_id)
    }

    /// The namespace an owned external_task_id was made in (the inverse of `external_id`);
    /// `None` for a hashed prefix (its user is in the callback token) and for no prefix at all.
    pub fn of(external_task_id: &str) -> Option<Owner> {
        if external_task_id.starts_with(ANON_PREFIX) {
            return Some(Owner::anonymous());
        }
        owner_of(external_task_id).map(|u| Owner::user(&u))
    }
}

/// The user id an owned external_task_id was made for: only a prefix that `owner_prefix` itself
/// writes counts (so `.eGFkbWlu:job-1` or `admin!:x` are nobody's). A hashed prefix names no
/// user here: its callbacks name theirs in the token.
pub fn owner_of(external_task_id: &str) -> Option<String> {
    let (prefix, _) = external_task_id.split_once(SEP)?;
    let user = match prefix.strip_prefix('x') {
        Some(encoded) => String::from_utf8(base64url::decode(encoded)?).ok()?,
        None => prefix.to_owned(),
    };
    // No user is empty (the handler refuses one), so `x:` is nobody's either.
    let written = owner_prefix(&user);
    (!user.is_empty() && written.strip_suffix(SEP) == Some(prefix)).then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_store_key_is_found_for_a_user_id_and_for_a_key_alike() {
        for u in users() {
            let key = owner_prefix(&u);
            assert_eq!(store_key(&u), key, "user {u:?}");
            assert_eq!(store_key(&key), key, "key {key:?}");
        }
        // Not keys: nothing before the separator, or characters no prefix has.
        assert_eq!(store_key(":"), owner_prefix(":"));
        assert_eq!(store_key("a b:"), owner_prefix("a b:"));
    }

    /// User ids of every kind: plain, plain-looking but starting with `x`/`h`, too long to be
    /// plain, e-mails, multi-byte UTF-8, and the encoding boundaries.
    fn users() -> Vec<String> {
        let mut v: Vec<String> =
            ["u1", "alice", "A", "a:b", "x41", "xeDQx", "h", "henry", "hAAAAAAAAAAAAAAAAAAAAAAAA", "用户", "firstname.lastname@example.com", "-", "_x"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        for n in [1, 47, 48, 49, 63, 64, 65, 66, 100, 255, 256, 257, 300] {
            v.push("u".repeat(n));
            v.push("x".repeat(n));
            v.push("h".repeat(n));
            v.push(".".repeat(n));
        }
        for n in [15, 16, 17, 85, 86] {
            v.push("é".repeat(n)); // 2 bytes each
            v.push("用".repeat(n)); // 3 bytes each
        }
        v.push(format!("firstname.lastname.{}@example.com", "p".repeat(39))); // 70 characters
        v.push(format!("{}@example.com", "q".repeat(242))); // 254 characters
        let mut seen = HashSet::new();
        v.retain(|u| seen.insert(u.clone()));
        v
    }

    #[test]
    fn prefixes_cannot_overlap() {
        assert_eq!(owner_prefix("alice"), "alice:");
        assert_eq!(owner_prefix("a:b"), "xYTpi:");
        assert_eq!(owner_prefix("x41"), "xeDQx:");
        assert_eq!(owner_prefix("henry"), "xaGVucnk:");
        assert_eq!(owner_prefix(&"u".repeat(64)), format!("{}:", "u".repeat(64)));
        assert_ne!(owner_prefix("A"), owner_prefix("x41"));
        // "a" must not own "a:b"'s tasks.
        let theirs = Owner::user("a:b").external_id(Some("t1"), String::new).unwrap();
        assert!(!Owner::user("a").owns(Some(&theirs)));
        assert!(Owner::user("a:b").owns(Some(&theirs)));
        // No two users share a prefix, and no prefix is the start of another.
        let users = users();
        let prefixes: Vec<String> = users.iter().map(|u| owner_prefix(u)).collect();
        assert_eq!(prefixes.iter().collect::<HashSet<_>>().len(), users.len());
        for (a, pa) in users.iter().zip(&prefixes) {
            for (b, pb) in users.iter().zip(&prefixes) {
                assert!(a == b || !pb.starts_with(pa.as_str()), "{a:?} {pa} / {b:?} {pb}");
            }
        }
    }

    #[test]
    fn prefixes_have_a_bounded_length() {
        assert_eq!(MAX_PREFIX_LEN, 66);
        for user in users() {
            let p = owner_prefix(&user);
            assert!(p.len() <= MAX_PREFIX_LEN, "{user:?}: {p}");
            assert!(is_safe_id(&format!("{p}a")) && !p.starts_with('.'), "{user:?}: {p}");
            assert_eq!(p.find(SEP), Some(p.len() - 1), "{p}");
            // A UUID always fits after it.
            let uuid = "0b9d7c52-1c4e-4c5e-9a8e-6d1f3e2b7a90";
            assert!(Owner::user(&user).external_id(None, || uuid.into()).is_ok(), "{user:?}");
            assert!(MAX_ID_LEN - p.len() >= 94);
        }
        // The boundaries: 48 bytes encode, 49 hash; 64 plain characters are plain, 65 hash.
        assert_eq!(owner_prefix(&"é".repeat(24)).len(), 66);
        assert!(owner_prefix(&"é".repeat(24)).starts_with('x'));
        assert_eq!(owner_prefix(&format!("{}a", "é".repeat(24))).len(), 26);
        assert!(owner_prefix(&format!("{}a", "é".repeat(24))).starts_with('h'));
        assert_eq!(owner_prefix(&"u".repeat(65)).len(), 26);
        assert!(owner_prefix(&"u".repeat(65)).starts_with('h'));
    }

    #[test]
    fn owned_ids_are_path_safe() {
        let u1 = Owner::user("u1");
        assert_eq!(u1.external_id(Some("job-7"), String::new), Ok("u1:job-7".into()));
        assert_eq!(u1.external_id(None, || "gen".into()), Ok("u1:gen".into()));
        assert_eq!(u1.external_id(Some("../x"), String::new), Err(OwnError::UnsafeId));
        assert_eq!(u1.external_id(Some(&"a".repeat(200)), String::new), Err(OwnError::UnsafeId));
        assert_eq!(u1.external_id(Some(&"a".repeat(158)), String::new), Err(OwnError::TooLong));
        assert_eq!(u1.strip("u1:job-7"), "job-7");
        for user in users() {
            let owner = Owner::user(&user);
            let most = MAX_ID_LEN - owner.prefix().len();
            let id = owner.external_id(Some(&"j".repeat(most)), String::new).unwrap();
            assert_eq!(id.len(), MAX_ID_LEN);
            assert_eq!(owner.external_id(Some(&"j".repeat(most + 1)), String::new), Err(OwnError::TooLong));
            assert!(owner.owns(Some(&id)) && !Owner::anonymous().owns(Some(&id)));
            if owner.is_hashed() {
                // Not reversible: the callback token names the user.
                assert!(user.len() > MAX_ENCODED_BYTES, "{user:?}");
                assert_eq!(owner_of(&id), None, "{user:?}");
                assert_eq!(Owner::of(&id), None, "{user:?}");
            } else {
                assert_eq!(owner_of(&id).as_deref(), Some(user.as_str()));
                assert_eq!(Owner::of(&id), Some(owner.clone()));
            }
        }
    }

    #[test]
    fn anonymous_ids_are_nobodys() {
        let anon = Owner::anonymous();
        assert!(!anon.is_hashed());
        for given in ["admin:job-1", "xYWRtaW4:job-1", "job-1", "hAAAAAAAAAAAAAAAAAAAAAAAAAAAA:x"] {
            let id = anon.external_id(Some(given), String::new).unwrap();
            assert!(is_safe_id(&id) && id.starts_with('.'), "{id}");
            assert_eq!(owner_of(&id), None, "{id}");
            assert_eq!(Owner::of(&id), Some(Owner::anonymous()));
            assert!(!Owner::user("admin").owns(Some(&id)));
            assert_eq!(anon.strip(&id), given);
        }
        // A user's task is not in the anonymous namespace, and the namespace itself is no task.
        assert!(!anon.owns(Some("alice:job-1")) && !anon.owns(Some(".")));
        // Only prefixes owner_prefix writes count: "admin" is plain, so its encoding is nobody's.
        for id in ["admin!:x", "x6:x", "x41:x", ":x", "xZZ:x", "xYWRtaW4:x", "x:x", "henry:x", &format!("{}:x", &owner_prefix(&"u".repeat(65))[..25])] {
            assert_eq!(owner_of(id), None, "{id}");
        }
    }
}
