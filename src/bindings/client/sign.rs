//! `signKlingToken`: Kling's HS256 JWT for JS (the signing itself is `auth::jwt`).

use super::{runtime, SignOptionsArg};
use crate::bindings::errors;
use crate::bindings::options::Reader;
use crate::error::Error;
use crate::issue::Locale;
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
    let mut r = Reader::new(Locale::En);
    let o = r.object(options.as_deref(), "", &["nowSeconds", "ttlSeconds", "dangerouslyAllowBrowser"]).unwrap_or_default();
    let allow = r.boolean(&o, "dangerouslyAllowBrowser").unwrap_or(false);
    let now = r.integer(&o, "nowSeconds", 0.0, 9.0e15);
    let ttl = r.integer(&o, "ttlSeconds", 1.0, 86_400.0 * 366.0);
    r.finish("signKlingToken options").map_err(|e| errors::to_js(&e))?;
    if runtime::in_browser() && !allow {
        return Err(fail("signKlingToken puts the secret key in the page; sign on a server, or pass dangerouslyAllowBrowser: true"));
    }
    let now = now.map_or_else(|| (js_sys::Date::now() / 1000.0).floor() as i64, |n| n as i64);
    Ok(crate::auth::sign_kling_token(&ak, &sk, now, ttl.map_or(crate::auth::DEFAULT_TTL_SECONDS, |n| n as i64)))
}
