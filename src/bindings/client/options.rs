//! Reads the JS option objects of `KlingClient` (constructor, per call, wait, list, sign) into
//! core types. Functions (fetch, token provider, onProgress) and the AbortSignal cannot cross as
//! JSON, so the objects are read field by field. Unknown keys are refused: a misspelt
//! `timeout` must not silently fall back to the default. Messages never include a secret.

use super::runtime::call_async;
use crate::auth::{Auth, TokenFuture, TokenSource, DEFAULT_TTL_SECONDS};
use crate::bindings::guard;
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

/// `obj[key]`, with `undefined` and `null` as absent.
pub fn field(obj: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// `Ok(None)` for undefined/null; an error unless it is a plain object with only `allowed` keys.
pub fn object(v: Option<&JsValue>, what: &str, allowed: &[&str]) -> Result<Option<JsValue>, Error> {
    let Some(v) = v.filter(|v| !v.is_undefined() && !v.is_null()) else { return Ok(None) };
    if !v.is_object() || v.is_function() {
        return Err(config(format!("{what} must be an object")));
    }
    // Reflect.ownKeys and Array.isArray, both caught: a Proxy whose traps throw (or a revoked
    // one, where even Array.isArray throws) must give a config_error, not an exception of its own.
    // Symbol keys are skipped, like Object.keys does.
    let unreadable = |_| config(format!("{what} could not be read (a Proxy whose traps throw?)"));
    let keys = Reflect::own_keys(v).map_err(unreadable)?;
    if guard::is_array(v).map_err(unreadable)? {
        return Err(config(format!("{what} must be an object")));
    }
    for key in keys.iter().filter(|k| k.is_string()) {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            let shown: String = key.chars().take(40).collect();
            return Err(config(format!("{what}: unknown option \"{shown}\" (known: {})", allowed.join(", "))));
        }
    }
    Ok(Some(v.clone()))
}

pub fn string(obj: &JsValue, key: &str, what: &str) -> Result<Option<String>, Error> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => v.as_string().map(Some).ok_or_else(|| config(format!("{what}.{key} must be a string"))),
    }
}

pub fn boolean(obj: &JsValue, key: &str, what: &str) -> Result<bool, Error> {
    match field(obj, key) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| config(format!("{what}.{key} must be true or false"))),
    }
}

/// A whole number in `min..=max`.
pub fn integer(obj: &JsValue, key: &str, what: &str, min: f64, max: f64) -> Result<Option<f64>, Error> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(config(format!("{what}.{key} must be a whole number from {} to {}", min as i64, max as i64))),
        },
    }
}

pub fn function(obj: &JsValue, key: &str, what: &str) -> Result<Option<Function>, Error> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => v.dyn_into::<Function>().map(Some).map_err(|_| config(format!("{what}.{key} must be a function"))),
    }
}

/// Timeouts: a positive number of milliseconds (fractions round up).
pub fn timeout(obj: &JsValue, key: &str, what: &str) -> Result<Option<u64>, Error> {
    match field(obj, key) {
        None => Ok(None),
        Some(v) => match v.as_f64() {
            Some(n) if n > 0.0 && n <= 9.0e15 => Ok(Some(n.ceil() as u64)),
            _ => Err(config(format!("{what}.{key} must be a positive number of milliseconds"))),
        },
    }
}

/// The constructor options; returns the config and the `fetch` to use.
pub fn client_config(options: &JsValue, in_browser: bool) -> Result<(ClientConfig, Option<Function>), Error> {
    const WHAT: &str = "KlingClient options";
    let o = object(Some(options), WHAT, &["baseUrl", "auth", "fetch", "maxRetries", "timeoutMs", "locale"])?
        .ok_or_else(|| config("new KlingClient({ baseUrl }) needs an options object"))?;
    let base = string(&o, "baseUrl", WHAT)?.ok_or_else(|| config("KlingClient options.baseUrl is required"))?;
    let mut cfg = ClientConfig::new(base, auth(field(&o, "auth"))?);
    if let Some(n) = integer(&o, "maxRetries", WHAT, 0.0, f64::from(crate::client::config::MAX_MAX_RETRIES))? {
        cfg.max_retries = n as u32;
    }
    if let Some(t) = timeout(&o, "timeoutMs", WHAT)? {
        cfg.timeout_ms = t;
    }
    cfg.options.locale = match string(&o, "locale", WHAT)?.as_deref() {
        None | Some("en") => Locale::En,
        Some("zh") => Locale::Zh,
        Some(_) => return Err(config("KlingClient options.locale must be \"en\" or \"zh\"")),
    };
    cfg.in_browser = in_browser;
    Ok((cfg, function(&o, "fetch", WHAT)?))
}

/// `auth: { kind, ... }`; absent means "proxy".
fn auth(v: Option<JsValue>) -> Result<Auth, Error> {
    const WHAT: &str = "auth";
    let Some(kind_of) = v.as_ref().and_then(|a| field(a, "kind")) else {
        return match v {
            None => Ok(Auth::Proxy),
            Some(_) => Err(config("auth.kind must be \"proxy\", \"token\", \"keys\" or \"apiKey\"")),
        };
    };
    let kind = kind_of.as_string().unwrap_or_default();
    let allowed: &[&str] = match kind.as_str() {
        "proxy" => &["kind"],
        "token" => &["kind", "token"],
        "keys" => &["kind", "accessKey", "secretKey", "ttlSeconds", "dangerouslyAllowBrowser"],
        "apiKey" => &["kind", "apiKey", "dangerouslyAllowBrowser"],
        _ => return Err(config("auth.kind must be \"proxy\", \"token\", \"keys\" or \"apiKey\"")),
    };
    let a = object(v.as_ref(), WHAT, allowed)?.unwrap_or(JsValue::UNDEFINED);
    let required = |key: &str| string(&a, key, WHAT)?.ok_or_else(|| config(format!("auth \"{kind}\" needs {key} (a string)")));
    Ok(match kind.as_str() {
        "proxy" => Auth::Proxy,
        "token" => match field(&a, "token") {
            Some(t) if t.is_string() => Auth::Token(TokenSource::Static(t.as_string().unwrap_or_default())),
            Some(t) if t.is_function() => Auth::Token(TokenSource::Provider(provider(t.unchecked_into()))),
            _ => return Err(config("auth \"token\" needs token: a string or a function returning a string or a Promise of one")),
        },
        "keys" => Auth::Keys {
            access_key: required("accessKey")?,
            secret_key: required("secretKey")?,
            ttl_seconds: integer(&a, "ttlSeconds", WHAT, 1.0, 86_400.0 * 366.0)?.map_or(DEFAULT_TTL_SECONDS, |n| n as i64),
            dangerously_allow_browser: boolean(&a, "dangerouslyAllowBrowser", WHAT)?,
        },
        _ => Auth::ApiKey { api_key: required("apiKey")?, dangerously_allow_browser: boolean(&a, "dangerouslyAllowBrowser", WHAT)? },
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

/// `{ signal?, timeoutMs? }` (plus `extra` keys the caller reads itself).
#[derive(Debug)]
pub struct CallOpts {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: Option<u64>,
    pub object: Option<JsValue>,
}

pub fn call_options(v: Option<&JsValue>, what: &str, extra: &[&str]) -> Result<CallOpts, Error> {
    let mut allowed = vec!["signal", "timeoutMs"];
    allowed.extend_from_slice(extra);
    let Some(o) = object(v, what, &allowed)? else { return Ok(CallOpts { signal: None, timeout_ms: None, object: None }) };
    let signal = match field(&o, "signal") {
        None => None,
        // Anything with a boolean `aborted` and addEventListener works (AbortSignal and look-alikes).
        Some(s) if field(&s, "aborted").is_some_and(|a| a.as_bool().is_some()) && field(&s, "addEventListener").is_some_and(|f| f.is_function()) => {
            Some(s.unchecked_into())
        }
        Some(_) => return Err(config(format!("{what}.signal must be an AbortSignal"))),
    };
    Ok(CallOpts { signal, timeout_ms: timeout(&o, "timeoutMs", what)?, object: Some(o) })
}

/// "omni-video" | "text2video" | "image2video" | "omni-image".
pub fn family(v: &JsValue) -> Result<Endpoint, Error> {
    v.as_string()
        .and_then(|s| Endpoint::from_family(&s))
        .ok_or_else(|| config("family must be \"omni-video\", \"text2video\", \"image2video\" or \"omni-image\""))
}

/// The optional `onProgress` of waitForTask.
pub fn on_progress(o: Option<&JsValue>) -> Result<Option<Function>, Error> {
    match o {
        None => Ok(None),
        Some(o) => function(o, "onProgress", "waitForTask options"),
    }
}

/// The optional `by` of getTask and waitForTask: "task_id" (default) or "external_task_id".
pub fn id_kind(o: Option<&JsValue>, what: &str) -> Result<IdKind, Error> {
    match o.map(|o| string(o, "by", what)).transpose()?.flatten().as_deref() {
        None | Some("task_id") => Ok(IdKind::TaskId),
        Some("external_task_id") => Ok(IdKind::ExternalTaskId),
        Some(_) => Err(config(format!("{what}.by must be \"task_id\" or \"external_task_id\""))),
    }
}
