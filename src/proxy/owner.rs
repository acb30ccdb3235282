//! Per-caller task ownership: the proxy prefixes every `external_task_id` with the caller's
//! namespace, so a query or list can tell whose task it is without any storage of its own. A user
//! gets `owner_prefix(user)`; anonymous callers (`allow_anonymous`) share the namespace
//! `ANON_PREFIX`, which no user's prefix can start with, so an anonymous caller can neither pick
//! an owner for its tasks nor see a user's (and users never see anonymous tasks).

use crate::proxy::route::{is_safe_id, MAX_ID_LEN};

/// The separator between a user's prefix and the caller's own id. User prefixes never contain
/// it (see `owner_prefix`), so one user's prefix can never be the start of another's.
pub const SEP: char = ':';

/// The anonymous namespace. User prefixes start with a letter, a digit, `-` or `_` (see
/// `owner_prefix`), never `.`, so `.admin:job-1` is nobody's and `owner_of` reads it as no user.
pub const ANON_PREFIX: &str = ".";

/// The prefix for a user id: the id itself when it is plain (letters, digits, `-`, `_`, up to 64
/// bytes), otherwise `x` + the hex of its UTF-8 bytes (truncated ids could collide; hex cannot).
pub fn owner_prefix(user: &str) -> String {
    let plain = !user.is_empty() && user.len() <= 64 && user.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let mut out = if plain && !user.starts_with('x') {
        user.to_owned()
    } else {
        // Plain ids starting with 'x' are hex-encoded too, so "x41" (plain) and "A" (hex) differ.
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::with_capacity(2 + user.len() * 2);
        s.push('x');
        for b in user.bytes() {
            s.push(char::from(HEX[usize::from(b >> 4)]));
            s.push(char::from(HEX[usize::from(b & 15)]));
        }
        s
    };
    out.push(SEP);
    out
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
    pub fn user(user: &str) -> Self {
        Owner { user: Some(user.to_owned()), prefix: owner_prefix(user) }
    }

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

    /// The namespace an owned external_task_id was made in (the inverse of `external_id`).
    pub fn of(external_task_id: &str) -> Option<Owner> {
        if external_task_id.starts_with(ANON_PREFIX) {
            return Some(Owner::anonymous());
        }
        owner_of(external_task_id).map(|u| Owner::user(&u))
    }
}

/// The user id an owned external_task_id was made for: only a prefix that `owner_prefix` itself
/// writes counts (so `.x61646d696e:job-1` or `admin!:x` are nobody's).
pub fn owner_of(external_task_id: &str) -> Option<String> {
    let (prefix, _) = external_task_id.split_once(SEP)?;
    let user = match prefix.strip_prefix('x') {
        Some(hex) => {
            if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let bytes: Option<Vec<u8>> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect();
            String::from_utf8(bytes?).ok()?
        }
        None => prefix.to_owned(),
    };
    let written = owner_prefix(&user);
    (written.len() == prefix.len() + 1 && written.starts_with(prefix)).then_some(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_cannot_overlap() {
        assert_eq!(owner_prefix("alice"), "alice:");
        assert_eq!(owner_prefix("a:b"), "x613a62:");
        assert_eq!(owner_prefix("x41"), "x783431:");
        assert_ne!(owner_prefix("A"), owner_prefix("x41"));
        // "a" must not own "a:b"'s tasks.
        let theirs = Owner::user("a:b").external_id(Some("t1"), String::new).unwrap();
        assert!(!Owner::user("a").owns(Some(&theirs)));
        assert!(Owner::user("a:b").owns(Some(&theirs)));
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
        for user in ["u1", "a:b", "x41", "用户", "firstname.lastname@example.com"] {
            let id = Owner::user(user).external_id(Some("t"), String::new).unwrap();
            assert_eq!(owner_of(&id).as_deref(), Some(user));
            assert_eq!(Owner::of(&id), Some(Owner::user(user)));
        }
    }

    #[test]
    fn anonymous_ids_are_nobodys() {
        let anon = Owner::anonymous();
        for given in ["admin:job-1", "x61646d696e:job-1", "job-1"] {
            let id = anon.external_id(Some(given), String::new).unwrap();
            assert!(is_safe_id(&id) && id.starts_with('.'), "{id}");
            assert_eq!(owner_of(&id), None, "{id}");
            assert_eq!(Owner::of(&id), Some(Owner::anonymous()));
            assert!(!Owner::user("admin").owns(Some(&id)));
            assert_eq!(anon.strip(&id), given);
        }
        // A user's task is not in the anonymous namespace, and the namespace itself is no task.
        assert!(!anon.owns(Some("alice:job-1")) && !anon.owns(Some(".")));
        // Only prefixes owner_prefix writes count.
        for id in ["admin!:x", "x6:x", "x41:x", ":x", "xZZ:x"] {
            assert_eq!(owner_of(id), None, "{id}");
        }
    }
}
