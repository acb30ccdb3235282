//! HS256 JWT: known-answer tests against Python's hmac (an independent implementation) and
//! every verify() outcome with its Kling code.

use kling_wasm::auth::{base64url, sign_kling_token, verify, Claims, JwtError};

// Expected tokens computed once with Python's standard library (reproduce with):
// python3 -c '
// import hmac,hashlib,base64,json
// b=lambda x: base64.urlsafe_b64encode(x).rstrip(b"=").decode()
// def tok(ak,sk,now,ttl):
//     h=b(b"{\"alg\":\"HS256\",\"typ\":\"JWT\"}"); p=b(json.dumps({"iss":ak,"exp":now+ttl,"nbf":now-5},separators=(",",":"),ensure_ascii=False).encode())
//     s=b(hmac.new(sk.encode(),(h+"."+p).encode(),hashlib.sha256).digest()); return h+"."+p+"."+s
// print(tok("AK_test_123","SK_secret_456",1700000000,1800))
// print(tok("ak\"ü","",1700000000,60))'
const KAT_PLAIN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBS190ZXN0XzEyMyIsImV4cCI6MTcwMDAwMTgwMCwibmJmIjoxNjk5OTk5OTk1fQ._JhcfpCsnHrYb7hCvvCYWoTrKK9SUteZ1jTGtFeSN6g";
const KAT_ESCAPED: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJha1wiw7wiLCJleHAiOjE3MDAwMDAwNjAsIm5iZiI6MTY5OTk5OTk5NX0.WE-Z23kj4N4i95JDrZvHCX-UrBEtI4__i_8Irx-EwAc";

const NOW: i64 = 1_700_000_000;

#[test]
fn matches_python_hs256() {
    assert_eq!(sign_kling_token("AK_test_123", "SK_secret_456", NOW, 1800), KAT_PLAIN);
    // A quote and a non-ASCII character in the access key, and an empty secret.
    assert_eq!(sign_kling_token("ak\"ü", "", NOW, 60), KAT_ESCAPED);
}

#[test]
fn claims_are_exactly_iss_exp_nbf() {
    let token = sign_kling_token("AK", "SK", NOW, 1800);
    let payload = token.split('.').nth(1).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&base64url::decode(payload).unwrap()).unwrap();
    let obj = json.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["exp", "iss", "nbf"]);
    assert_eq!(obj["iss"], "AK");
    assert_eq!(obj["exp"], NOW + 1800);
    assert_eq!(obj["nbf"], NOW - 5);
}

#[test]
fn verify_accepts_its_own_tokens_inside_the_window() {
    let token = sign_kling_token("AK", "SK", NOW, 1800);
    let want = Claims { iss: "AK".into(), exp: NOW + 1800, nbf: Some(NOW - 5) };
    assert_eq!(verify(&token, "SK", NOW), Ok(want.clone()));
    assert_eq!(verify(&token, "SK", NOW - 5), Ok(want.clone()), "nbf itself is valid");
    assert_eq!(verify(&token, "SK", NOW + 1799), Ok(want));
    assert_eq!(verify(KAT_PLAIN, "SK_secret_456", NOW).map(|c| c.iss), Ok("AK_test_123".into()));
}

#[test]
fn verify_outcomes_and_their_kling_codes() {
    let token = sign_kling_token("AK", "SK", NOW, 1800);
    let cases: Vec<(&str, String, &str, i64, JwtError)> = vec![
        ("wrong secret", token.clone(), "other", NOW, JwtError::BadSignature),
        ("expired at exp", token.clone(), "SK", NOW + 1800, JwtError::Expired),
        ("not yet valid", token.clone(), "SK", NOW - 6, JwtError::NotYetValid),
        ("two parts", token.rsplit_once('.').unwrap().0.to_owned(), "SK", NOW, JwtError::Malformed),
        ("four parts", format!("{token}.x"), "SK", NOW, JwtError::Malformed),
        ("empty", String::new(), "SK", NOW, JwtError::Malformed),
        ("padding in signature", format!("{token}="), "SK", NOW, JwtError::Malformed),
        ("garbage", "a.b.c".into(), "SK", NOW, JwtError::Malformed),
    ];
    for (name, tok, secret, now, want) in cases {
        assert_eq!(verify(&tok, secret, now), Err(want), "{name}");
    }
    assert_eq!(JwtError::Malformed.api_code(), 1002);
    assert_eq!(JwtError::BadSignature.api_code(), 1002);
    assert_eq!(JwtError::NotYetValid.api_code(), 1003);
    assert_eq!(JwtError::Expired.api_code(), 1004);
}

/// Builds a token with any header and payload, signed correctly with `secret`.
fn forge(header: &str, payload: &str, secret: &str) -> String {
    use hmac::{Hmac, Mac};
    let signing = format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
    let mut m = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    m.update(signing.as_bytes());
    format!("{signing}.{}", base64url::encode(&m.finalize().into_bytes()))
}

#[test]
fn verify_refuses_other_algorithms_and_bad_claims() {
    let hs = r#"{"alg":"HS256","typ":"JWT"}"#;
    let good = r#"{"iss":"AK","exp":1700001800,"nbf":1699999995}"#;
    assert!(verify(&forge(hs, good, "SK"), "SK", NOW).is_ok());
    let none = format!("{}.{}.", base64url::encode(br#"{"alg":"none"}"#), base64url::encode(good.as_bytes()));
    assert_eq!(verify(&none, "SK", NOW), Err(JwtError::Malformed));
    assert_eq!(verify(&forge(r#"{"alg":"HS512"}"#, good, "SK"), "SK", NOW), Err(JwtError::Malformed));
    for bad in [r#"{"exp":1700001800}"#, r#"{"iss":"AK"}"#, r#"{"iss":"AK","exp":"1700001800"}"#, r#"{"iss":"AK","exp":1700001800.5}"#, "[]", "not json"] {
        assert_eq!(verify(&forge(hs, bad, "SK"), "SK", NOW), Err(JwtError::Malformed), "{bad}");
    }
    // nbf is optional for tokens from other signers; exp is not.
    let no_nbf = verify(&forge(hs, r#"{"iss":"AK","exp":1700001800}"#, "SK"), "SK", NOW).unwrap();
    assert_eq!(no_nbf.nbf, None);
    // A tampered payload fails the signature check before its claims are read.
    let token = sign_kling_token("AK", "SK", NOW, 1800);
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = base64url::encode(br#"{"iss":"AK","exp":9999999999,"nbf":0}"#);
    assert_eq!(verify(&parts.join("."), "SK", NOW), Err(JwtError::BadSignature));
}
