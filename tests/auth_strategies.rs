//! Auth strategies with a fixed clock: what each sends, token caching and renewal before exp,
//! re-asking after a refusal, the browser guard, and secrets kept out of Debug output.

mod client_mock;

use client_mock::block_on;
use kling_wasm::auth::{sign_kling_token, verify, Auth, Authenticator, TokenFuture, TokenSource};
use kling_wasm::Error;
use std::cell::Cell;
use std::rc::Rc;

const NOW_MS: u64 = 1_700_000_000_000;
const NOW_S: i64 = 1_700_000_000;

fn keys(ttl: i64, allow: bool) -> Auth {
    Auth::Keys { access_key: "AK".into(), secret_key: "SK-secret".into(), ttl_seconds: ttl, dangerously_allow_browser: allow }
}

fn header(a: &Authenticator, now_ms: u64) -> Option<String> {
    block_on(a.header(now_ms)).expect("header")
}

/// A provider that counts its calls and hands out `tok-<n>` (or JWTs, when `jwt_ttl` is set).
fn provider(calls: Rc<Cell<u32>>, jwt_ttl: Option<i64>, clock_s: Rc<Cell<i64>>) -> Auth {
    Auth::Token(TokenSource::Provider(Rc::new(move || -> TokenFuture {
        calls.set(calls.get() + 1);
        let n = calls.get();
        let t = match jwt_ttl {
            Some(ttl) => sign_kling_token(&format!("AK{n}"), "SK", clock_s.get(), ttl),
            None => format!("tok-{n}"),
        };
        Box::pin(async move { Ok(t) })
    })))
}

#[test]
fn static_strategies_send_what_they_hold() {
    assert_eq!(header(&Authenticator::new(Auth::Proxy), NOW_MS), None);
    let api = Authenticator::new(Auth::ApiKey { api_key: "key-1".into(), dangerously_allow_browser: false });
    assert_eq!(header(&api, NOW_MS).as_deref(), Some("Bearer key-1"));
    assert!(!api.invalidate(), "a static key cannot change");
    let tok = Authenticator::new(Auth::Token(TokenSource::Static("abc.def".into())));
    assert_eq!(header(&tok, NOW_MS).as_deref(), Some("Bearer abc.def"));
    assert!(!tok.invalidate());
}

#[test]
fn keys_mint_a_verifiable_jwt_cached_until_a_minute_before_exp() {
    let a = Authenticator::new(keys(1800, false));
    let first = header(&a, NOW_MS).unwrap();
    let token = first.strip_prefix("Bearer ").unwrap();
    let claims = verify(token, "SK-secret", NOW_S).unwrap();
    assert_eq!((claims.iss.as_str(), claims.exp, claims.nbf), ("AK", NOW_S + 1800, Some(NOW_S - 5)));
    // Same token until exp − 60 s, then a fresh one minted at that time.
    assert_eq!(header(&a, NOW_MS + 1_739_999).unwrap(), first);
    let renewed = header(&a, NOW_MS + 1_740_000).unwrap();
    assert_ne!(renewed, first);
    let claims = verify(renewed.strip_prefix("Bearer ").unwrap(), "SK-secret", NOW_S + 1740).unwrap();
    assert_eq!(claims.exp, NOW_S + 1740 + 1800);
}

#[test]
fn short_lived_keys_renew_halfway() {
    let a = Authenticator::new(keys(60, false));
    let first = header(&a, NOW_MS).unwrap();
    assert_eq!(header(&a, NOW_MS + 29_999).unwrap(), first);
    assert_ne!(header(&a, NOW_MS + 30_000).unwrap(), first);
}

#[test]
fn keys_invalidate_forces_a_new_mint() {
    let a = Authenticator::new(keys(1800, false));
    let first = header(&a, NOW_MS).unwrap();
    assert!(a.invalidate(), "keys can mint another token");
    let second = header(&a, NOW_MS + 1000).unwrap();
    assert_ne!(first, second, "minted again at the later time");
}

#[test]
fn provider_is_asked_once_then_again_only_after_a_refusal() {
    let calls = Rc::new(Cell::new(0));
    let a = Authenticator::new(provider(calls.clone(), None, Rc::new(Cell::new(NOW_S))));
    assert_eq!(header(&a, NOW_MS).as_deref(), Some("Bearer tok-1"));
    // An opaque token has no exp: it is kept however much time passes.
    assert_eq!(header(&a, NOW_MS + 86_400_000).as_deref(), Some("Bearer tok-1"));
    assert_eq!(calls.get(), 1);
    assert!(a.invalidate(), "a provider can give another token");
    assert_eq!(header(&a, NOW_MS).as_deref(), Some("Bearer tok-2"));
    assert_eq!(calls.get(), 2);
}

#[test]
fn provider_jwts_are_renewed_before_their_exp() {
    let calls = Rc::new(Cell::new(0));
    let clock = Rc::new(Cell::new(NOW_S));
    let a = Authenticator::new(provider(calls.clone(), Some(600), clock.clone()));
    let first = header(&a, NOW_MS).unwrap();
    assert_eq!(header(&a, NOW_MS + 539_000).unwrap(), first);
    assert_eq!(calls.get(), 1);
    clock.set(NOW_S + 540);
    let second = header(&a, NOW_MS + 540_000).unwrap();
    assert_ne!(second, first);
    assert_eq!(calls.get(), 2);
}

#[test]
fn provider_errors_reach_the_caller() {
    let a = Authenticator::new(Auth::Token(TokenSource::Provider(Rc::new(|| -> TokenFuture {
        Box::pin(async { Err(Error::Config { message: "backend down".into() }) })
    }))));
    assert_eq!(block_on(a.header(NOW_MS)), Err(Error::Config { message: "backend down".into() }));
}

#[test]
fn tokens_that_would_break_the_header_are_refused() {
    for bad in ["", "a b", "a\r\nX-Evil: 1", "tab\there"] {
        let a = Authenticator::new(Auth::Token(TokenSource::Static(bad.into())));
        assert!(matches!(block_on(a.header(NOW_MS)), Err(Error::Config { .. })), "{bad:?}");
    }
}

#[test]
fn secrets_are_refused_in_a_browser_unless_opted_in() {
    let api = |allow| Auth::ApiKey { api_key: "k".into(), dangerously_allow_browser: allow };
    let refused = |a: &Auth| matches!(a.check_environment(true), Err(Error::Config { .. }));
    assert!(refused(&keys(1800, false)));
    assert!(refused(&api(false)));
    assert!(keys(1800, true).check_environment(true).is_ok());
    assert!(api(true).check_environment(true).is_ok());
    assert!(keys(1800, false).check_environment(false).is_ok(), "servers need no opt-in");
    assert!(Auth::Proxy.check_environment(true).is_ok());
    assert!(Auth::Token(TokenSource::Static("t".into())).check_environment(true).is_ok());
    // Empty credentials are a configuration error wherever it runs.
    let empty = Auth::Keys { access_key: "AK".into(), secret_key: String::new(), ttl_seconds: 1800, dangerously_allow_browser: false };
    assert!(matches!(empty.check_environment(false), Err(Error::Config { .. })));
    assert!(matches!(keys(0, false).check_environment(false), Err(Error::Config { .. })));
}

#[test]
fn debug_output_never_shows_secrets() {
    let a = Authenticator::new(keys(1800, false));
    let _ = header(&a, NOW_MS);
    let shown = format!(
        "{a:?} {:?} {:?}",
        Auth::ApiKey { api_key: "KEY-zzz".into(), dangerously_allow_browser: false },
        Auth::Token(TokenSource::Static("TOK-yyy".into()))
    );
    for secret in ["SK-secret", "KEY-zzz", "TOK-yyy", "eyJ"] {
        assert!(!shown.contains(secret), "{secret} leaked in {shown}");
    }
}
