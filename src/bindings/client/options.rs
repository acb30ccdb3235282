//! `KlingClient`'s options (constructor, per call, wait, list, sign) read into core types with
//! the shared reader (bindings/options.rs): unknown keys refused (a misspelt `timeout` must not
//! silently fall back to the default), every problem in one "config_error", in the client's
//! locale. Functions (fetch, token provider, onProgress) and the AbortSignal cannot cross as
//! JSON, which is why option objects are read field by field. Messages never include a secret.

use super::runtime::{call_async, session_headers, session_pairs};
use crate::auth::{Auth, SessionHeaders, TokenFuture, TokenSource, DEFAULT_TTL_SECONDS};
use crate::bindings::guard;
use crate::bindings::options::{Fields, Reader};
use crate::caps::Endpoint;
use crate::client::{ClientConfig, IdKind};
use crate::error::Error;
use crate::issue::Locale;
use crate::transport::fetch::AbortSignal;
use js_sys::{Function, Reflect};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn config(message: impl Into<String>) -> Error {
    Error::Config { message: message.into() }
}

const CLIENT_KEYS: &[&str] = &["baseUrl", "auth", "fetch", "maxRetries", "timeoutMs", "locale", "credentials", "maxUnits", "allowUnpriced"];
const AUTH_KINDS: &[&str] = &["proxy", "token", "keys", "apiKey"];
/// fetch's `credentials` modes.
const CREDENTIALS: &[&str] = &["omit", "same-origin", "include"];

/// What the constructor options give the transport: the `fetch` to use and its `credentials`
/// mode (`None`: not passed, fetch's own default "same-origin").
pub struct FetchOptions {
    pub fetch: Option<Function>,
    pub credentials: Option<&'static str>,
}

/// The constructor options; returns the config and what the fetch transport takes.
pub fn client_config(options: &JsValue, in_browser: bool) -> Result<(ClientConfig, FetchOptions), Error> {
    const WHAT: &str = "KlingClient options";
    let mut r = Reader::new(Locale::En);
    let Some(o) = r.required_object(options, CLIENT_KEYS) else { return Err(r.into_error(WHAT)) };
    let locale = r.read_locale(&o).unwrap_or_default();
    let base = r.string(&o, "baseUrl");
    let base = r.required(&o, "baseUrl", base, "string");
    let auth = auth(&mut r, o.get("auth"));
    let max_retries = r.integer(&o, "maxRetries", 0.0, f64::from(crate::client::config::MAX_MAX_RETRIES));
    let timeout_ms = r.millis(&o, "timeoutMs");
    let fetch = r.function(&o, "fetch");
    let credentials = r.one_of(&o, "credentials", CREDENTIALS);
    // The default cost limit of creates (client/limit.rs checks the number).
    let max_units = r.number(&o, "maxUnits");
    let allow_unpriced = r.boolean(&o, "allowUnpriced").unwrap_or(false);
    r.finish(WHAT)?;
    let mut cfg = ClientConfig::new(base.unwrap_or_default(), auth.unwrap_or(Auth::Proxy));
    if let Some(n) = max_retries {
        cfg.max_retries = n as u32;
    }
    if let Some(t) = timeout_ms {
        cfg.timeout_ms = t;
    }
    cfg.options.locale = locale;
    cfg.in_browser = in_browser;
    cfg.cost_limit = crate::client::CostLimit { max_units, allow_unpriced, video_seconds: None };
    Ok((cfg, FetchOptions { fetch, credentials }))
}

/// `auth: { kind, ... }`; absent means "proxy". The keys allowed depend on the kind.
fn auth(r: &mut Reader, v: Option<&JsValue>) -> Option<Auth> {
    let Some(a) = r.fields(v, "auth") else { return v.is_none().then_some(Auth::Proxy) };
    let kind = r.one_of(&a, "kind", AUTH_KINDS);
    let kind = r.required(&a, "kind", kind, "\"proxy\", \"token\", \"keys\" or \"apiKey\"")?;
    let allowed: &[&str] = match kind {
        "proxy" => &["kind", "headers"],
        "token" => &["kind", "token"],
        "keys" => &["kind", "accessKey", "secretKey", "ttlSeconds", "dangerouslyAllowBrowser"],
        _ => &["kind", "apiKey", "dangerouslyAllowBrowser"],
    };
    r.only(&a, allowed);
    let required = |r: &mut Reader, key: &str| {
        let s = r.string(&a, key);
        r.required(&a, key, s, "string")
    };
    Some(match kind {
        "proxy" => match a.get("headers") {
            None => Auth::Proxy,
            Some(h) if h.is_function() => Auth::ProxySession(SessionHeaders::Provider(session_provider(h.clone().unchecked_into()))),
            Some(h) => Auth::ProxySession(SessionHeaders::Static(header_pairs(r, h)?)),
        },
        "token" => match a.get("token") {
            Some(t) if t.is_string() => Auth::Token(TokenSource::Static(t.as_string().unwrap_or_default())),
            Some(t) if t.is_function() => Auth::Token(TokenSource::Provider(provider(t.clone().unchecked_into()))),
            _ => {
                let expected = "a string, or a function giving one (or a Promise of one)";
                return match a.get("token") {
                    Some(t) => r.wrong(&a, "token", t, expected),
                    None => r.required(&a, "token", None, expected),
                };
            }
        },
        // Every field read before any `?`, so each problem is reported.
        "keys" => {
            let (access_key, secret_key) = (required(r, "accessKey"), required(r, "secretKey"));
            let ttl = r.integer(&a, "ttlSeconds", 1.0, 86_400.0 * 366.0).map_or(DEFAULT_TTL_SECONDS, |n| n as i64);
            let dangerously_allow_browser = r.boolean(&a, "dangerouslyAllowBrowser").unwrap_or(false);
            Auth::Keys { access_key: access_key?, secret_key: secret_key?, ttl_seconds: ttl, dangerously_allow_browser }
        }
        _ => {
            let api_key = required(r, "apiKey");
            let dangerously_allow_browser = r.boolean(&a, "dangerouslyAllowBrowser").unwrap_or(false);
            Auth::ApiKey { api_key: api_key?, dangerously_allow_browser }
        }
    })
}

/// `[[name, value], ...]` from client.js (plain arrays of strings it built itself).
fn pairs_of(list: &js_sys::Array) -> Vec<(String, String)> {
    list.iter()
        .filter_map(|pair| {
            let pair = js_sys::Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// A static `auth.headers` object as pairs (client.js reads it, each field once); a problem is
/// reported at its option path. The values are never shown.
fn header_pairs(r: &mut Reader, v: &JsValue) -> Option<Vec<(String, String)>> {
    match session_pairs(v, "auth.headers") {
        Ok(list) => Some(pairs_of(&list)),
        Err(problem) => {
            let part = |i| js_sys::Array::from(&problem).get(i).as_string().unwrap_or_default();
            r.invalid(&part(0), vec![part(1)], part(2));
            None
        }
    }
}

/// A JS `() => Record<string, string> | Promise<…>` as the core's session provider: asked (as a
/// plain function, by client.js) before every attempt; its answer is read like a static object.
fn session_provider(f: Function) -> crate::auth::session::SessionProvider {
    Rc::new(move || -> crate::auth::session::SessionFuture {
        let f = f.clone();
        Box::pin(async move {
            match JsFuture::from(session_headers(&f)).await {
                Ok(list) => Ok(pairs_of(&list.unchecked_into())),
                Err(e) => Err(config(format!("auth.headers: {}", e.as_string().unwrap_or_default()))),
            }
        })
    })
}

/// A JS token provider `() => string | Promise<string>` as the core's provider.
fn provider(f: Function) -> crate::auth::TokenProvider {
    Rc::new(move || -> TokenFuture {
        let f = f.clone();
        Box::pin(async move {
            let failed = |e: JsValue| config(format!("the auth token provider failed: {}", guard::error_text(&e, "")));
            let token = JsFuture::from(call_async(&f)).await.map_err(failed)?;
            token.as_string().ok_or_else(|| config("the auth token provider must give a string"))
        })
    })
}

/// `{ signal?, timeoutMs? }` of a call, read.
#[derive(Debug)]
pub struct CallOpts {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: Option<u64>,
}

/// The options of a call: `signal` and `timeoutMs`, and the `extra` keys allowed, which the
/// caller then reads from the fields returned with the same reader before `finish` (one
/// "config_error" for all problems, its message starting with what was read, e.g. "getTask
/// options"). Not generic over what the extra keys become: compiled once per caller, it cost
/// the main module 0.36 KiB gzip.
pub fn call_options(v: Option<&JsValue>, locale: Locale, extra: &[&str]) -> (Reader, Fields, CallOpts) {
    let mut allowed = vec!["signal", "timeoutMs"];
    allowed.extend_from_slice(extra);
    let mut r = Reader::new(locale);
    let o = r.object(v, "", &allowed).unwrap_or_default();
    let signal = match o.get("signal") {
        None => None,
        Some(s) if is_signal(s) => Some(s.clone().unchecked_into()),
        Some(s) => r.wrong(&o, "signal", s, "AbortSignal"),
    };
    let timeout_ms = r.millis(&o, "timeoutMs");
    (r, o, CallOpts { signal, timeout_ms })
}

/// Anything with a boolean `aborted` and an `addEventListener` works (AbortSignal and
/// look-alikes). Reflect.get is `catch`: a throwing getter or trap just fails the test.
fn is_signal(s: &JsValue) -> bool {
    let prop = |key: &str| Reflect::get(s, &JsValue::from_str(key)).ok();
    s.is_object() && prop("aborted").is_some_and(|a| a.as_bool().is_some()) && prop("addEventListener").is_some_and(|f| f.is_function())
}

/// "omni-video" | "text2video" | "image2video" | "omni-image".
pub fn family(v: &JsValue) -> Result<Endpoint, Error> {
    v.as_string().and_then(|s| Endpoint::from_family(&s)).ok_or_else(|| {
        config(
            "family must be one of \"omni-video\", \"text2video\", \"image2video\", \"omni-image\", \"image-generation\", \"custom-element\", \"custom-voice\"",
        )
    })
}

/// The optional `by` of getTask and waitForTask: "task_id" (default) or "external_task_id".
pub fn id_kind(r: &mut Reader, o: &Fields) -> IdKind {
    match r.one_of(o, "by", &["task_id", "external_task_id"]) {
        Some("external_task_id") => IdKind::ExternalTaskId,
        _ => IdKind::TaskId,
    }
}
