//! Callback tokens: Kling's callbacks are unsigned, so the proxy gives each task its own callback
//! URL carrying a token, the MAC an HMAC-SHA256 (truncated to 128 bits) keyed by a key derived
//! from the proxy's secret:
//! - `{family}.{base64url(MAC(family \n owned id))}` for a task whose owned external_task_id
//!   names its owner (plain and `x` prefixes, the anonymous namespace): at most 35 characters;
//! - `{family}.{base64url(MAC(family \n owned id \n user))}.{base64url(user)}` for a hashed
//!   owner (`h` prefix, `owner::owner_prefix`), whose id does not tell the user: the token
//!   carries it, at most `MAX_TOKEN_LEN` characters for the longest user id accepted.
//!
//! The id itself comes from the callback body (Kling posts the task object, kling-api.md §9), so
//! long external ids do not push the callback URL past the router's limit. A callback whose body
//! names a task the token was not made for, or a user whose prefix is not the task's, is refused.

use crate::auth::base64url;
use crate::caps::Endpoint;
use crate::proxy::owner::{Owner, MAX_USER_LEN};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// MAC bytes kept in a token: 128 bits, far beyond guessing over HTTP.
pub const TAG_BYTES: usize = 16;

/// The longest family name (`image-generation`); a unit test checks every family fits.
const LONGEST_FAMILY: usize = 16;

/// Longest token: family, MAC and the longest user id accepted (`MAX_USER_LEN` bytes).
pub const MAX_TOKEN_LEN: usize = LONGEST_FAMILY + 1 + (TAG_BYTES * 4).div_ceil(3) + 1 + (MAX_USER_LEN * 4).div_ceil(3);

pub(crate) fn hmac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length; the fallback only avoids a panic path.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default()))
}

/// The callback key: HMAC(secret, label), so the signing secret itself never keys two uses.
/// "v2": tokens of the first format (the id inside the token) do not verify any more; a task
/// created before the upgrade gets no callback, and its client's polling still sees it finish.
pub fn derive_key(secret: &str) -> Vec<u8> {
    let mut m = hmac(secret.as_bytes());
    m.update(b"kling-wasm callback token v2");
    m.finalize().into_bytes().to_vec()
}

/// The MAC's input: neither the family nor an owned id holds a line break, so `family \n id`
/// and `family \n id \n user` (any user, line breaks included) are each read one way only.
fn mac_of(key: &[u8], family: &str, external_task_id: &str, user: Option<&str>) -> HmacSha256 {
    let mut m = hmac(key);
    m.update(family.as_bytes());
    m.update(b"\n");
    m.update(external_task_id.as_bytes());
    if let Some(user) = user {
        m.update(b"\n");
        m.update(user.as_bytes());
    }
    m
}

fn token(key: &[u8], endpoint: Endpoint, external_task_id: &str, user: Option<&str>) -> String {
    let sig = mac_of(key, endpoint.family(), external_task_id, user).finalize().into_bytes();
    let mut t = format!("{}.{}", endpoint.family(), base64url::encode(sig.get(..TAG_BYTES).unwrap_or(&[])));
    if let Some(user) = user {
        t.push('.');
        t.push_str(&base64url::encode(user.as_bytes()));
    }
    t
}

/// The short token for one task (no user inside): what `owner_token` makes for every owner but
/// a hashed one.
pub fn make_token(key: &[u8], endpoint: Endpoint, external_task_id: &str) -> String {
    token(key, endpoint, external_task_id, None)
}

/// The token for one task of `owner`: the user inside only when the owned id cannot tell it.
pub fn owner_token(key: &[u8], endpoint: Endpoint, owner: &Owner, external_task_id: &str) -> String {
    token(key, endpoint, external_task_id, owner.user_id().filter(|_| owner.is_hashed()))
}

/// A token's parts, checked for shape: the family, the MAC and the user it carries, if any.
struct Parts<'a> {
    family: &'a str,
    endpoint: Endpoint,
    tag: Vec<u8>,
    user: Option<String>,
}

fn parts(token: &str) -> Option<Parts<'_>> {
    if token.len() > MAX_TOKEN_LEN {
        return None;
    }
    let mut it = token.splitn(3, '.');
    let family = it.next()?;
    let endpoint = Endpoint::from_family(family)?;
    let tag = base64url::decode(it.next()?)?;
    if tag.len() != TAG_BYTES {
        return None;
    }
    // base64url has no '.', so a third '.' fails to decode; an empty user is nobody.
    let user = match it.next() {
        None => None,
        Some(u) => Some(String::from_utf8(base64url::decode(u)?).ok().filter(|u| !u.is_empty() && u.len() <= MAX_USER_LEN)?),
    };
    Some(Parts { family, endpoint, tag, user })
}

/// The endpoint a token names, when it has a token's shape (checked before the body is read).
pub fn token_endpoint(token: &str) -> Option<Endpoint> {
    parts(token).map(|p| p.endpoint)
}

/// Whether `token` was made for the task `external_task_id` (and, for a long token, the user it
/// carries): the MAC only, compared in constant time. `verify_callback` also finds the owner.
pub fn verify_token(key: &[u8], token: &str, external_task_id: &str) -> Option<Endpoint> {
    let p = parts(token)?;
    mac_of(key, p.family, external_task_id, p.user.as_deref()).verify_truncated_left(&p.tag).ok()?;
    Some(p.endpoint)
}

/// A callback's endpoint and owner, when `token` was made for the task `external_task_id`: the
/// owner the id's prefix names (plain, `x`, anonymous), or — for a hashed prefix only — the user
/// the token carries, whose own prefix must be the id's. Anything else is refused, so a token
/// has one accepted form per task.
pub fn verify_callback(key: &[u8], token: &str, external_task_id: &str) -> Option<(Endpoint, Owner)> {
    let p = parts(token)?;
    mac_of(key, p.family, external_task_id, p.user.as_deref()).verify_truncated_left(&p.tag).ok()?;
    let owner = match &p.user {
        None => Owner::of(external_task_id)?,
        Some(user) => Some(Owner::user(user)).filter(|o| o.is_hashed() && o.owns(Some(external_task_id)))?,
    };
    Some((p.endpoint, owner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proxy::route::is_safe_token;

    #[test]
    fn tokens_verify_their_task_only() {
        let key = derive_key("secret");
        let t = make_token(&key, Endpoint::OmniVideo, "u1:job-7");
        assert!(crate::proxy::route::is_safe_id(&t), "{t}");
        assert_eq!(t.len(), "omni-video.".len() + 22);
        assert_eq!(verify_token(&key, &t, "u1:job-7"), Some(Endpoint::OmniVideo));
        assert_eq!(verify_callback(&key, &t, "u1:job-7"), Some((Endpoint::OmniVideo, Owner::user("u1"))));
        assert_eq!(verify_token(&key, &t, "u2:job-7"), None);
        assert_eq!(verify_token(&derive_key("other"), &t, "u1:job-7"), None);
        assert_eq!(verify_token(&key, &t.replacen("omni-video", "text2video", 1), "u1:job-7"), None);
        assert_eq!(verify_token(&key, &format!("{t}A"), "u1:job-7"), None);
        assert_eq!(verify_token(&key, "garbage", "u1:job-7"), None);
        // Fixed length, whatever the id.
        assert_eq!(make_token(&key, Endpoint::OmniVideo, &"a".repeat(160)).len(), t.len());
        // Short owners get the short token.
        for user in ["u1", "a:b", "用户", &"é".repeat(24)] {
            let owner = Owner::user(user);
            let id = owner.owned("job").unwrap();
            assert_eq!(owner_token(&key, Endpoint::OmniVideo, &owner, &id), make_token(&key, Endpoint::OmniVideo, &id));
        }
    }

    #[test]
    fn hashed_owners_ride_in_the_token() {
        let key = derive_key("secret");
        let long = format!("firstname.lastname.{}@example.com", "p".repeat(39));
        let other = format!("firstname.lastname.{}@example.com", "q".repeat(39));
        let owner = Owner::user(&long);
        assert!(owner.is_hashed());
        let id = owner.owned("job-7").unwrap();
        let t = owner_token(&key, Endpoint::OmniImage, &owner, &id);
        assert!(is_safe_token(&t), "{t}");
        assert_eq!(verify_callback(&key, &t, &id), Some((Endpoint::OmniImage, owner.clone())));
        assert_eq!(token_endpoint(&t), Some(Endpoint::OmniImage));
        // The short token of a hashed owner's task names nobody (the id does not tell the user).
        let short = make_token(&key, Endpoint::OmniImage, &id);
        assert_eq!(verify_token(&key, &short, &id), Some(Endpoint::OmniImage));
        assert_eq!(verify_callback(&key, &short, &id), None);
        // Another user in the token: refused (the MAC covers the user).
        let (head, _) = t.rsplit_once('.').unwrap();
        let swapped = format!("{head}.{}", base64url::encode(other.as_bytes()));
        assert_eq!(verify_callback(&key, &swapped, &id), None);
        // A token honestly made for another user on this task's id: the prefixes differ.
        let theirs = token(&key, Endpoint::OmniImage, &id, Some(&other));
        assert_eq!(verify_token(&key, &theirs, &id), Some(Endpoint::OmniImage));
        assert_eq!(verify_callback(&key, &theirs, &id), None);
        // A user inside the token of a task that names its owner itself: not a form we make.
        let plain_id = Owner::user("alice").owned("job-7").unwrap();
        assert_eq!(verify_callback(&key, &token(&key, Endpoint::OmniImage, &plain_id, Some("alice")), &plain_id), None);
        // A tampered MAC, another task, another key.
        let mut bytes = t.clone().into_bytes();
        bytes["omni-image.".len() + 3] ^= 1;
        assert_eq!(verify_callback(&key, &String::from_utf8(bytes).unwrap(), &id), None);
        assert_eq!(verify_callback(&key, &t, &owner.owned("job-8").unwrap()), None);
        assert_eq!(verify_callback(&derive_key("other"), &t, &id), None);
        assert_eq!(verify_callback(&key, &format!("{t}.x"), &id), None);
    }

    #[test]
    fn the_longest_token_fits_the_route() {
        assert!(Endpoint::ALL.iter().all(|e| e.family().len() <= LONGEST_FAMILY));
        assert!(Endpoint::ALL.iter().any(|e| e.family().len() == LONGEST_FAMILY));
        let key = derive_key("secret");
        let user = "用".repeat(MAX_USER_LEN / 3) + "a";
        assert_eq!(user.len(), MAX_USER_LEN);
        let owner = Owner::user(&user);
        let id = owner.owned(&"j".repeat(crate::proxy::route::MAX_ID_LEN - owner.prefix().len())).unwrap();
        let t = owner_token(&key, Endpoint::ImageGeneration, &owner, &id);
        assert_eq!(t.len(), MAX_TOKEN_LEN);
        assert!(is_safe_token(&t));
        assert_eq!(verify_callback(&key, &t, &id).map(|(_, o)| o), Some(owner));
        // A longer user is not accepted in a token (the authorize step refuses such users).
        let longer = Owner::user(&format!("{user}b"));
        let id = longer.owned("j").unwrap();
        assert_eq!(verify_callback(&key, &owner_token(&key, Endpoint::ImageToVideo, &longer, &id), &id), None);
    }
}
