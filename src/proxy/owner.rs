//! Per-user task ownership: the proxy prefixes every `external_task_id` with the caller's user id,
//! so a query or list can tell whose task it is without any storage of its own.

use crate::proxy::route::is_safe_id;

/// The separator between the owner prefix and the caller's own id. Owner prefixes never contain
/// it (see `owner_prefix`), so one user's prefix can never be the start of another's.
pub const SEP: char = ':';

/// The prefix for a user id: the id itself when it is plain (letters, digits, `-`, `_`, up to 64
/// bytes), otherwise `x` + the hex of its UTF-8 bytes (truncated ids could collide; hex cannot).
pub fn owner_prefix(user: &str) -> String {
    let plain = !user.is_empty() && user.len() <= 64 && user.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let mut out = if plain && !user.starts_with('x') {
        user.to_owned()
    } else {
        // Plain ids starting with 'x' are hex-encoded too, so "x41" (plain) and "A" (hex) differ.
        let mut s = String::with_capacity(1 + user.len() * 2);
        s.push('x');
        for b in user.bytes() {
            s.push_str(&format!("{b:02x}"));
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

/// The external_task_id sent upstream: `prefix` + the caller's id (or a fresh one).
pub fn owned_external_id(user: &str, given: Option<&str>, fresh: impl FnOnce() -> String) -> Result<String, OwnError> {
    let own = match given {
        Some(g) => g.to_owned(),
        None => fresh(),
    };
    let id = format!("{}{}", owner_prefix(user), own);
    if !is_safe_id(&own) {
        return Err(OwnError::UnsafeId);
    }
    if id.len() > crate::proxy::route::MAX_ID_LEN {
        return Err(OwnError::TooLong);
    }
    Ok(id)
}

/// Whether `external_task_id` belongs to `user`.
pub fn owns(user: &str, external_task_id: Option<&str>) -> bool {
    external_task_id.is_some_and(|id| id.starts_with(&owner_prefix(user)))
}

/// The caller's own id back from an owned one (the proxy hands tasks back as the caller sent them).
pub fn strip_owner<'a>(user: &str, external_task_id: &'a str) -> &'a str {
    external_task_id.strip_prefix(&owner_prefix(user)).unwrap_or(external_task_id)
}

/// The user id an owned external_task_id was made for (the inverse of `owner_prefix`).
pub fn owner_of(external_task_id: &str) -> Option<String> {
    let (prefix, _) = external_task_id.split_once(SEP)?;
    match prefix.strip_prefix('x') {
        Some(hex) => {
            if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let bytes: Option<Vec<u8>> = (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()).collect();
            String::from_utf8(bytes?).ok()
        }
        None if !prefix.is_empty() => Some(prefix.to_owned()),
        None => None,
    }
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
        let theirs = owned_external_id("a:b", Some("t1"), String::new).unwrap();
        assert!(!owns("a", Some(&theirs)));
        assert!(owns("a:b", Some(&theirs)));
    }

    #[test]
    fn owned_ids_are_path_safe() {
        assert_eq!(owned_external_id("u1", Some("job-7"), String::new), Ok("u1:job-7".into()));
        assert_eq!(owned_external_id("u1", None, || "gen".into()), Ok("u1:gen".into()));
        assert_eq!(owned_external_id("u1", Some("../x"), String::new), Err(OwnError::UnsafeId));
        assert_eq!(owned_external_id("u1", Some(&"a".repeat(200)), String::new), Err(OwnError::UnsafeId));
        assert_eq!(strip_owner("u1", "u1:job-7"), "job-7");
        for user in ["u1", "a:b", "x41", "用户"] {
            let id = owned_external_id(user, Some("t"), String::new).unwrap();
            assert_eq!(owner_of(&id).as_deref(), Some(user));
        }
    }
}
