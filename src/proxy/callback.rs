//! Callback tokens: Kling's callbacks are unsigned, so the proxy gives each task its own callback
//! URL carrying `family.base64url(external_task_id).mac`, an HMAC-SHA256 over both, keyed by a key
//! derived from the proxy's secret. A callback without a valid token is refused.

use crate::auth::base64url;
use crate::caps::Endpoint;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length; the fallback only avoids a panic path.
    HmacSha256::new_from_slice(key).unwrap_or_else(|_| <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default()))
}

/// The callback key: HMAC(secret, label), so the signing secret itself never keys two uses.
pub fn derive_key(secret: &str) -> Vec<u8> {
    let mut m = hmac(secret.as_bytes());
    m.update(b"kling-wasm callback token v1");
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
    format!("{}.{}.{}", endpoint.family(), base64url::encode(external_task_id.as_bytes()), base64url::encode(&sig))
}

/// The task a token names, when its MAC is valid (compared in constant time).
pub fn verify_token(key: &[u8], token: &str) -> Option<(Endpoint, String)> {
    let mut parts = token.split('.');
    let (Some(family), Some(id), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let endpoint = Endpoint::from_family(family)?;
    let id = String::from_utf8(base64url::decode(id)?).ok()?;
    let sig = base64url::decode(sig)?;
    mac_of(key, family, &id).verify_slice(&sig).ok()?;
    Some((endpoint, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_resist_tampering() {
        let key = derive_key("secret");
        let t = make_token(&key, Endpoint::OmniVideo, "u1:job-7");
        assert!(crate::proxy::route::is_safe_id(&t), "{t}");
        assert_eq!(verify_token(&key, &t), Some((Endpoint::OmniVideo, "u1:job-7".into())));
        assert_eq!(verify_token(&derive_key("other"), &t), None);
        let forged = t.replacen("omni-video", "text2video", 1);
        assert_eq!(verify_token(&key, &forged), None);
        let other_id = format!("omni-video.{}.{}", base64url::encode(b"u2:job"), t.rsplit('.').next().unwrap());
        assert_eq!(verify_token(&key, &other_id), None);
        assert_eq!(verify_token(&key, "garbage"), None);
    }
}
