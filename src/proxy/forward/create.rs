//! A create: re-checked by the library (unless `validate: false`), its external_task_id put in
//! the caller's namespace and its callback_url pointed at this proxy, then sent once.
//!
//! Memory: at most two copies of the body exist at any time — the request text and the body
//! `build` writes from it; then that body and the one sent upstream (the request text is dropped
//! as soon as it is no longer needed). The request is read once, by the build (or, unchecked,
//! by `Body::parse`): it tells the caller's id and where the body's members are, and the rewrite
//! copies those spans (`api::inject`); no tree of the body is alive beside the two copies.

use super::{admit, pass_back, send};
use crate::api::inject::{self, Body};
use crate::caps::Endpoint;
use crate::issue::Options;
use crate::json::Value;
use crate::proxy::answer;
use crate::proxy::assets::check::check_refs;
use crate::proxy::assets::{Asset, OwnedIds};
use crate::proxy::callback;
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::{OwnError, Owner};
use crate::proxy::reply::{invalid, refuse};
use crate::proxy::route::MAX_ID_LEN;
use crate::proxy::state::ProxyState;
use crate::transport::{HttpResponse, Method};
use std::ops::Range;

/// Forwards a create: checks it, takes the owner's external_task_id, signs and sends it.
pub async fn create<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, endpoint: Endpoint, body: String, owner: &Owner) -> HttpResponse {
    // `checked`: the build's verdict on model_name (Some(defaulted)) when the library checked it.
    let (text, given, kept, checked) = if cfg.validate {
        let opts = Options { locale: cfg.locale, exact_numbers: true, ..Options::default() };
        let built = crate::api::build(endpoint, &body, &opts);
        drop(body);
        match built {
            // The build read the request once and says where the body's members are and which
            // id it carries: the body is not read again.
            Ok(b) => {
                let kept = inject::kept(&b.body, &b.members, &SET);
                let defaulted = b.report.issues.iter().any(|i| i.code == crate::issue::Code::ModelDefaulted);
                (b.body, b.external_task_id, kept, Some(defaulted))
            }
            Err(report) => return invalid(host, &report),
        }
    } else {
        // js-10: half a surrogate pair goes upstream as U+FFFD, as the library writes it.
        let text = answer::repaired(body);
        match unchecked(host, &text) {
            Ok((given, kept)) => (text, given, kept, None),
            Err(refusal) => return refusal,
        }
    };
    // Element and voice ids the caller may not use never reach Kling (assets/check.rs).
    if may_reference(&text) {
        if let Err(refusal) = check_refs(cfg, state, host, &text, owner).await {
            return refusal;
        }
    }
    let external_id = match owned_id(host, given.as_deref(), owner) {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    // The user's limits and task index, before anything is sent (admit.rs).
    let admitted = match admit::admit(cfg, host, &admit::NewTask { endpoint, body: &text, checked, external_id: &external_id, owner }).await {
        Ok(a) => a,
        Err(refusal) => return refusal,
    };
    let sent = match upstream_body(cfg, host, endpoint, text, &external_id, kept, owner) {
        Ok(s) => s,
        Err(refusal) => {
            // Never sent: the task does not exist.
            admit::forget(host, owner.prefix(), &external_id, admitted.reserved).await;
            return refusal;
        }
    };
    let resp = send(cfg, host, Method::Post, endpoint.path().to_owned(), Some(sent)).await;
    admit::settle_send(host, &resp, &external_id, owner, &admitted).await;
    // The user's ids of this kind change when the task succeeds: looked up afresh next time.
    if let Some(asset) = Asset::of_family(endpoint) {
        state.owned.invalidate(owner.prefix(), asset);
    }
    pass_back(host, resp, owner)
}

/// Whether `text` may name an element or voice (`assets::scan::refs`' keys): a key can only be
/// spelled without its letters through a `\u` escape, so a body with neither the keys nor any
/// `\u` names none, and is not read a second time for them (most creates).
fn may_reference(text: &str) -> bool {
    ["element_list", "voice_list", "element_voice_id", "\\u"].iter().any(|k| text.contains(k))
}

/// The members the proxy sets on every create (any the caller sent are left out).
const SET: [&str; 2] = ["external_task_id", "callback_url"];

fn not_object<H: ProxyHost>(host: &H) -> HttpResponse {
    refuse(host, 400, 1200, "invalid_request", "the request body must be a JSON object")
}

/// An unchecked body (`validate: false`), read once: the caller's external_task_id and the
/// spans of the members kept. Its tree is gone before the upstream body is written.
fn unchecked<H: ProxyHost>(host: &H, text: &str) -> Result<(Option<String>, Vec<Range<usize>>), HttpResponse> {
    let req = Body::parse(text).ok_or_else(|| not_object(host))?;
    let given = match req.field("external_task_id") {
        None => None,
        Some(Value::Str(s)) => Some(s.to_string()),
        // Never replaced silently: the caller would look for its task under the id it gave.
        Some(_) => return Err(refuse(host, 400, 1201, "invalid_request", "external_task_id must be a string")),
    };
    Ok((given, req.kept(&SET)))
}

/// The body for Kling: the request with the owned external_task_id and, when the proxy takes
/// callbacks, its own callback_url, rewritten in `text`'s own buffer (`inject::rewrite`), so no
/// third copy of the body exists. `kept`: the members copied.
fn upstream_body<H: ProxyHost>(
    cfg: &ProxyConfig,
    host: &H,
    endpoint: Endpoint,
    text: String,
    external_id: &str,
    kept: Vec<Range<usize>>,
    owner: &Owner,
) -> Result<String, HttpResponse> {
    let callback_url = cfg.callback_base.as_ref().map(|base| {
        let token = callback::owner_token(&callback::derive_key(cfg.signer.secret()), endpoint, owner, external_id);
        format!("{base}/callback/{token}")
    });
    let mut set = vec![(SET[0], external_id)];
    if let Some(url) = &callback_url {
        set.push((SET[1], url));
    }
    inject::rewrite(text, kept, &set).ok_or_else(|| not_object(host))
}

/// The owned external_task_id for the caller's `given` one (a fresh one when it gave none).
fn owned_id<H: ProxyHost>(host: &H, given: Option<&str>, owner: &Owner) -> Result<String, HttpResponse> {
    owner.external_id(given, || host.new_id()).map_err(|e| {
        let most = MAX_ID_LEN.saturating_sub(owner.prefix().len());
        let why = match e {
            OwnError::UnsafeId => format!("external_task_id must be 1 to {most} letters, digits and -_.: (not only dots)"),
            OwnError::TooLong => format!("external_task_id must be at most {most} characters for this user"),
        };
        refuse(host, 400, 1201, "invalid_request", &why)
    })
}

#[cfg(test)]
mod tests {
    use super::may_reference;

    #[test]
    fn only_bodies_without_the_keys_or_escapes_skip_the_reference_scan() {
        assert!(!may_reference(r#"{"model_name":"kling-v3-omni","prompt":"a fox","external_task_id":"j"}"#));
        for text in [
            r#"{"element_list":[{"element_id":"1"}]}"#,
            r#"{"voice_list":[{"voice_id":"1"}]}"#,
            r#"{"element_voice_id":"1"}"#,
            r#"{"element\u005flist":[{"element_id":"1"}]}"#,
            r#"{"prompt":"caf\u00e9"}"#,
        ] {
            assert!(may_reference(text), "{text}");
        }
    }
}
