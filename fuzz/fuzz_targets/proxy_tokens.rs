//! Fuzz target: per-caller ownership and callback tokens. Prefixes are short (a generated id
//! always fits); owned ids round trip to their user (hashed prefixes: to nobody, the token
//! carries the user), are path-safe, and no other user (nor the anonymous namespace) owns them;
//! anonymous ids are nobody's; a callback token verifies for its task and owner only, and no
//! mutation of it (nor another key, nor another task) is ever accepted.
#![no_main]

use arbitrary::Arbitrary;
use kling_wasm::caps::Endpoint;
use kling_wasm::proxy::callback::{derive_key, make_token, owner_token, verify_callback, verify_token};
use kling_wasm::proxy::owner::{owner_of, owner_prefix, OwnError, Owner, MAX_PREFIX_LEN, MAX_USER_LEN};
use kling_wasm::proxy::route::{is_safe_id, is_safe_token, MAX_ID_LEN};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Mutation {
    Xor(u16, u8),
    Insert(u16, u8),
    Delete(u16),
    Truncate(u16),
    Swap(u16, u16),
    Family(u8),
    Append(String),
}

#[derive(Arbitrary, Debug)]
struct Input {
    user: String,
    other: String,
    given: Option<String>,
    secret: String,
    other_secret: String,
    family: u8,
    mutations: Vec<Mutation>,
}

fuzz_target!(|input: Input| {
    let fresh = "gen-7f3a";
    let own = input.given.as_deref().unwrap_or(fresh);
    let anon = Owner::anonymous();
    if let Ok(id) = anon.external_id(input.given.as_deref(), || fresh.to_owned()) {
        assert!(is_safe_id(&id), "anonymous id {id:?} is not path-safe");
        assert_eq!(owner_of(&id), None, "anonymous id {id:?} parses as a user's");
        assert!(!Owner::user(&input.user).owns(Some(&id)), "{:?} owns the anonymous {id}", input.user);
        assert_eq!(anon.strip(&id), own);
    }
    let owner = Owner::user(&input.user);
    assert!(owner.prefix().len() <= MAX_PREFIX_LEN && !owner.prefix().starts_with('.'), "{}", owner.prefix());
    assert!(owner.external_id(None, || "0b9d7c52-1c4e-4c5e-9a8e-6d1f3e2b7a90".into()).is_ok(), "a UUID does not fit");
    if input.other != input.user {
        assert_ne!(owner_prefix(&input.other), owner.prefix(), "{:?} and {:?} share a prefix", input.other, input.user);
    }
    match owner.external_id(input.given.as_deref(), || fresh.to_owned()) {
        Ok(id) => {
            assert!(is_safe_id(&id), "owned id {id:?} is not path-safe");
            if owner.is_hashed() {
                assert_eq!(owner_of(&id), None, "{id}");
                assert_eq!(Owner::of(&id), None, "{id}");
            } else {
                assert_eq!(owner_of(&id).as_deref(), Some(input.user.as_str()), "{id}");
                assert_eq!(Owner::of(&id), Some(owner.clone()));
            }
            assert!(owner.owns(Some(&id)));
            assert!(!anon.owns(Some(&id)), "the anonymous namespace owns {id}");
            assert_eq!(owner.strip(&id), own);
            if input.other != input.user {
                assert!(!Owner::user(&input.other).owns(Some(&id)), "{:?} owns {:?}'s task {id}", input.other, input.user);
            }
            tokens(&input, &owner, &id);
        }
        Err(OwnError::UnsafeId) => assert!(!is_safe_id(own), "{own:?} refused as unsafe"),
        Err(OwnError::TooLong) => assert!(is_safe_id(own) && owner_prefix(&input.user).len() + own.len() > MAX_ID_LEN),
    }
});

fn tokens(input: &Input, owner: &Owner, id: &str) {
    let endpoint = Endpoint::ALL[input.family as usize % 4];
    let key = derive_key(&input.secret);
    let token = owner_token(&key, endpoint, owner, id);
    assert_eq!(verify_token(&key, &token, id), Some(endpoint));
    // User ids past MAX_USER_LEN never get this far (the handler refuses them).
    if input.user.len() <= MAX_USER_LEN {
        assert!(is_safe_token(&token), "{token}");
        assert_eq!(verify_callback(&key, &token, id), Some((endpoint, owner.clone())));
    } else {
        assert_eq!(verify_callback(&key, &token, id), None);
    }
    if owner.is_hashed() {
        assert_eq!(verify_callback(&key, &make_token(&key, endpoint, id), id), None, "a short token names a hashed owner");
    }
    if input.other != input.user {
        let theirs = owner_token(&key, endpoint, &Owner::user(&input.other), id);
        assert_eq!(verify_callback(&key, &theirs, id), None, "{:?}'s token names {:?}'s task", input.other, input.user);
    }
    let other_id = format!("{id}x");
    assert_eq!(verify_token(&key, &token, &other_id), None, "{token} verifies for {other_id}");
    // HMAC pads a key shorter than its block with zero bytes, so secrets that differ only in
    // trailing NULs are the same key (finding tokens-1 in RELIABILITY.md); real secrets are not.
    if input.other_secret.trim_end_matches('\0') != input.secret.trim_end_matches('\0') {
        assert_eq!(verify_token(&derive_key(&input.other_secret), &token, id), None, "another key accepts {token}");
    }
    let mut bytes = token.clone().into_bytes();
    for m in &input.mutations {
        let at = |i: &u16| usize::from(*i) % bytes.len().max(1);
        match m {
            Mutation::Xor(i, x) if !bytes.is_empty() => {
                let i = at(i);
                bytes[i] ^= x;
            }
            Mutation::Insert(i, b) => {
                let i = usize::from(*i) % (bytes.len() + 1);
                bytes.insert(i, *b);
            }
            Mutation::Delete(i) if !bytes.is_empty() => {
                let i = at(i);
                bytes.remove(i);
            }
            Mutation::Truncate(n) => bytes.truncate(usize::from(*n) % (bytes.len() + 1)),
            Mutation::Swap(a, b) if !bytes.is_empty() => {
                let (a, b) = (at(a), at(b));
                bytes.swap(a, b);
            }
            Mutation::Family(f) => {
                let other = Endpoint::ALL[*f as usize % 4].family();
                let s = String::from_utf8_lossy(&bytes).replacen(endpoint.family(), other, 1);
                bytes = s.into_bytes();
            }
            Mutation::Append(s) => bytes.extend_from_slice(s.as_bytes()),
            _ => {}
        }
    }
    let mutated = String::from_utf8_lossy(&bytes);
    if mutated != token {
        assert_eq!(verify_token(&key, &mutated, id), None, "mutated token {mutated:?} accepted (original {token:?})");
        assert_eq!(verify_callback(&key, &mutated, id), None, "mutated token {mutated:?} accepted (original {token:?})");
    }
}
