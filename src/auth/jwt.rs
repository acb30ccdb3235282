//! Kling's HS256 JWT (kling-api.md §1.2): sign with claims exactly iss, exp, nbf = now − 5, and
//! verify (for the signing proxy and the tests) with Kling's error codes 1002/1003/1004.

use super::base64url;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// The fixed header Kling documents.
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// Clock-skew allowance the docs use for `nbf`.
pub const NBF_SKEW_SECONDS: i64 = 5;

/// The documented example lifetime (30 min), the default when none is given.
pub const DEFAULT_TTL_SECONDS: i64 = 1800;

fn mac(secret: &str) -> HmacSha256 {
    // HMAC takes keys of any length, so this never falls back; the fallback only avoids a panic path.
    HmacSha256::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default()))
}

/// The last token signed and what it was signed from. A token is a function of these alone, and a
/// proxy signs one per upstream call, most of them within the same second as the one before:
/// those get it again instead of an HMAC, base64 and formatting (~15 % of a query's wasm time).
struct Last {
    access_key: String,
    secret_key: String,
    now_seconds: i64,
    ttl_seconds: i64,
    token: String,
}

thread_local! {
    static LAST: std::cell::RefCell<Option<Last>> = const { std::cell::RefCell::new(None) };
}

/// Signs a Kling token: `iss` = access key, `exp` = now + ttl, `nbf` = now − 5 (seconds).
pub fn sign_kling_token(access_key: &str, secret_key: &str, now_seconds: i64, ttl_seconds: i64) -> String {
    let same = |l: &Last| l.now_seconds == now_seconds && l.ttl_seconds == ttl_seconds && l.access_key == access_key && l.secret_key == secret_key;
    if let Some(token) = LAST.with(|last| last.borrow().as_ref().filter(|l| same(l)).map(|l| l.token.clone())) {
        return token;
    }
    let token = sign_fresh(access_key, secret_key, now_seconds, ttl_seconds);
    let last = Last { access_key: access_key.to_owned(), secret_key: secret_key.to_owned(), now_seconds, ttl_seconds, token: token.clone() };
    LAST.with(|l| *l.borrow_mut() = Some(last));
    token
}

fn sign_fresh(access_key: &str, secret_key: &str, now_seconds: i64, ttl_seconds: i64) -> String {
    let mut payload = String::with_capacity(64 + access_key.len());
    payload.push_str("{\"iss\":");
    crate::json::write_str(&mut payload, access_key);
    payload.push_str(&format!(",\"exp\":{},\"nbf\":{}}}", now_seconds.saturating_add(ttl_seconds), now_seconds.saturating_sub(NBF_SKEW_SECONDS)));
    let mut token = base64url::encode(HEADER.as_bytes());
    token.push('.');
    token.push_str(&base64url::encode(payload.as_bytes()));
    let mut m = mac(secret_key);
    m.update(token.as_bytes());
    let sig = m.finalize().into_bytes();
    token.push('.');
    token.push_str(&base64url::encode(&sig));
    token
}

/// The claims of a verified token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// The issuer: the access key that signed the token.
    pub iss: String,
    /// Expiry, in seconds since the epoch.
    pub exp: i64,
    /// Absent in tokens that set none (Kling's own always carry it).
    pub nbf: Option<i64>,
}

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    /// Not three base64url parts of JSON objects, not HS256, or claims missing / mistyped.
    Malformed,
    /// The signature does not match the secret.
    BadSignature,
    /// `nbf` is in the future.
    NotYetValid,
    /// `exp` has passed.
    Expired,
}

impl JwtError {
    /// Kling's business code for this failure (§1.5).
    pub fn api_code(self) -> i64 {
        match self {
            JwtError::Malformed | JwtError::BadSignature => 1002,
            JwtError::NotYetValid => 1003,
            JwtError::Expired => 1004,
        }
    }
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JwtError::Malformed => "Authorization is invalid: malformed token",
            JwtError::BadSignature => "Authorization is invalid: signature does not match",
            JwtError::NotYetValid => "Token not yet valid (nbf)",
            JwtError::Expired => "Token expired",
        })
    }
}

impl std::error::Error for JwtError {}

#[derive(Deserialize)]
struct Header {
    alg: String,
}

/// Numbers may come as floats from other signers; they must still be whole seconds.
#[derive(Deserialize)]
struct RawClaims {
    iss: String,
    exp: f64,
    #[serde(default)]
    nbf: Option<f64>,
}

fn whole(n: f64) -> Option<i64> {
    (n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

fn decode_json<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, JwtError> {
    let bytes = base64url::decode(part).ok_or(JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

/// Checks a token against `secret` at `now_seconds`. The signature is compared in constant time
/// (hmac's `verify_slice`) before any claim is trusted.
pub fn verify(token: &str, secret: &str, now_seconds: i64) -> Result<Claims, JwtError> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(JwtError::Malformed);
    };
    let header: Header = decode_json(h)?;
    // Only HS256: refusing "none" and the rest closes the algorithm-confusion holes.
    if header.alg != "HS256" {
        return Err(JwtError::Malformed);
    }
    let sig = base64url::decode(s).ok_or(JwtError::Malformed)?;
    let mut m = mac(secret);
    m.update(h.as_bytes());
    m.update(b".");
    m.update(p.as_bytes());
    m.verify_slice(&sig).map_err(|_| JwtError::BadSignature)?;
    let raw: RawClaims = decode_json(p)?;
    let exp = whole(raw.exp).ok_or(JwtError::Malformed)?;
    let nbf = match raw.nbf {
        Some(n) => Some(whole(n).ok_or(JwtError::Malformed)?),
        None => None,
    };
    if exp <= now_seconds {
        return Err(JwtError::Expired);
    }
    if nbf.is_some_and(|n| n > now_seconds) {
        return Err(JwtError::NotYetValid);
    }
    Ok(Claims { iss: raw.iss, exp, nbf })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_token_is_reused_only_for_the_same_inputs() {
        let t = sign_kling_token("ak", "secret-1", 1_000, 1800);
        assert_eq!(t, sign_fresh("ak", "secret-1", 1_000, 1800));
        assert_eq!(sign_kling_token("ak", "secret-1", 1_000, 1800), t);
        // Any other input signs afresh: a token is never handed out for a key it was not made with.
        for (ak, sk, now, ttl) in
            [("ak", "secret-2", 1_000, 1800), ("ak2", "secret-1", 1_000, 1800), ("ak", "secret-1", 1_001, 1800), ("ak", "secret-1", 1_000, 600)]
        {
            let other = sign_kling_token(ak, sk, now, ttl);
            assert_eq!(other, sign_fresh(ak, sk, now, ttl));
            assert_ne!(other, t);
            assert!(verify(&other, sk, now).is_ok());
        }
        assert!(verify(&t, "secret-2", 1_000).is_err());
    }
}
