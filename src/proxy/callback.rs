//! Callback tokens: Kling's callbacks are unsigned, so the proxy gives each task its own callback
//! URL carrying `{family}.{base64url(MAC)}`, the MAC an HMAC-SHA256 over the family and the
//! task's owned external_task_id (truncated to 128 bits), keyed by a key derived from the
//! proxy's secret. The token has a fixed length (at most 35 characters), whatever the id: the id
//! itself comes from the callback body (Kling posts the task object, kling-api.md §9), so long
//! user and external ids no longer push the callback URL past the router's id limit. A callback
//! whose body names a task the token was not made for is refused.

use crate::auth::base64url;
use crate::caps::Endpoint;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// MAC bytes kept in a token: 128 bits, far beyond guessing over HTTP.
pub const TAG_BYTES: usize = 16;

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

fn mac_of(key: &[u8], family: &str, external_task_id: &str) -> HmacSha256 {
    let mut m = hmac(key);
    m.update(family.as_bytes());
    m.update(b"\n");
    m.update(external_task_id.as_bytes());
    m
}

/// The token for one task.
pub fn make_token(key: &[u8], endpoint: Endpoint, external_task_id: &str) -> String {
    let sig = mac_of(key, endpoint.family(), external_task_id).finalize().into_bytes();
    format!("{}.{}", endpoint.family(), base64url::encode(sig.get(..TAG_BYTES).unwrap_or(&[])))
}

/// The endpoint a token names, when it has a token's shape (checked before the body is read).
pub fn token_endpoint(token: &str) -> Option<Endpoint> {
    let (family, tag) = token.split_once('.')?;
    (base64url::decode(tag)?.len() == TAG_BYTES).then_some(())?;
    Endpoint::from_family(family)
}

/// Whether `token` was made for the task `external_task_id` (MAC compared in constant time).
pub fn verify_token(key: &[u8], token: &str, external_task_id: &str) -> Option<Endpoint> {
    let endpoint = token_endpoint(token)?;
    let (family, tag) = token.split_once('.')?;
    mac_of(key, family, external_task_id).verify_truncated_left(&base64url::decode(tag)?).ok()?;
    Some(endpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_their_task_only() {
        let key = derive_key("secret");
        let t = make_token(&key, Endpoint::OmniVideo, "u1:job-7");
        assert!(crate::proxy::route::is_safe_id(&t), "{t}");
        assert_eq!(t.len(), "omni-video.".len() + 22);
        assert_eq!(verify_token(&key, &t, "u1:job-7"), Some(Endpoint::OmniVideo));
        assert_eq!(verify_token(&key, &t, "u2:job-7"), None);
        assert_eq!(verify_token(&derive_key("other"), &t, "u1:job-7"), None);
        assert_eq!(verify_token(&key, &t.replacen("omni-video", "text2video", 1), "u1:job-7"), None);
        assert_eq!(verify_token(&key, &format!("{t}A"), "u1:job-7"), None);
        assert_eq!(verify_token(&key, "garbage", "u1:job-7"), None);
        // Fixed length, whatever the id.
        assert_eq!(make_token(&key, Endpoint::OmniVideo, &"a".repeat(160)).len(), t.len());
    }
}
