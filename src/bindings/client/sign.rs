//! `signKlingToken`: Kling's HS256 JWT for JS (the signing itself is `auth::jwt`).

use super::{options, runtime, SignOptionsArg};
use crate::bindings::errors;
use crate::error::Error;
use wasm_bindgen::prelude::*;

/// Signs a Kling HS256 JWT (iss = accessKey, exp = now + ttl, nbf = now − 5). Refuses to run in a
/// web page unless `dangerouslyAllowBrowser`: the secret key belongs on a server.
#[wasm_bindgen(js_name = signKlingToken)]
pub fn sign_kling_token(
    #[wasm_bindgen(js_name = "accessKey", unchecked_param_type = "string")] access_key: JsValue,
    #[wasm_bindgen(js_name = "secretKey", unchecked_param_type = "string")] secret_key: JsValue,
    options: Option<SignOptionsArg>,
) -> Result<String, JsValue> {
    let fail = |m: &str| errors::to_js(&Error::Config { message: m.into() });
    let (Some(ak), Some(sk)) = (access_key.as_string().filter(|s| !s.is_empty()), secret_key.as_string().filter(|s| !s.is_empty())) else {
        return Err(fail("signKlingToken needs a non-empty accessKey and secretKey (strings)"));
    };
    const WHAT: &str = "signKlingToken options";
    let o = options::object(options.as_deref(), WHAT, &["nowSeconds", "ttlSeconds", "dangerouslyAllowBrowser"])
        .map_err(|e| errors::to_js(&e))?
        .unwrap_or(JsValue::UNDEFINED);
    let allow = options::boolean(&o, "dangerouslyAllowBrowser", WHAT).map_err(|e| errors::to_js(&e))?;
    if runtime::in_browser() && !allow {
        return Err(fail("signKlingToken puts the secret key in the page; sign on a server, or pass dangerouslyAllowBrowser: true"));
    }
    let now = options::integer(&o, "nowSeconds", WHAT, 0.0, 9.0e15).map_err(|e| errors::to_js(&e))?;
    let ttl = options::integer(&o, "ttlSeconds", WHAT, 1.0, 86_400.0 * 366.0).map_err(|e| errors::to_js(&e))?;
    let now = now.map_or_else(|| (js_sys::Date::now() / 1000.0).floor() as i64, |n| n as i64);
    Ok(crate::auth::sign_kling_token(&ak, &sk, now, ttl.map_or(crate::auth::DEFAULT_TTL_SECONDS, |n| n as i64)))
}
