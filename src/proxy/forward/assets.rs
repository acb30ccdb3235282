//! Kling's element and voice endpoints that are not task families: the preset lists (the same
//! for every user, passed through) and deletions (only of the caller's own custom ids, checked
//! by `assets::check` before anything is sent).

use super::{failure, is_success, send};
use crate::json;
use crate::proxy::answer;
use crate::proxy::assets::check::{not_owner, owns};
use crate::proxy::assets::{scan, Asset, OwnedIds};
use crate::proxy::config::ProxyConfig;
use crate::proxy::host::ProxyHost;
use crate::proxy::owner::Owner;
use crate::proxy::reply::{json_response, refuse};
use crate::proxy::route::ListQuery;
use crate::proxy::state::ProxyState;
use crate::transport::{HttpResponse, Method};

/// Presets per page when the caller names no pageSize (Kling's own default).
const DEFAULT_PAGE_SIZE: u32 = 30;

/// Kling's answer as it came (lone surrogates repaired), when it is JSON.
fn passed<H: ProxyHost>(host: &H, r: HttpResponse) -> HttpResponse {
    let text = answer::repaired(r.body);
    if answer::read(&text).is_none() {
        return refuse(host, 502, 5000, "upstream_bad_answer", "Kling's answer was not JSON");
    }
    json_response(r.status, text)
}

/// One page of presets, for any user: nothing in it is anybody's.
pub async fn presets<H: ProxyHost>(cfg: &ProxyConfig, host: &H, asset: Asset, q: &ListQuery) -> HttpResponse {
    let (num, size) = (q.page_num.unwrap_or(1), q.page_size.unwrap_or(DEFAULT_PAGE_SIZE));
    if !(1..=super::LAST_PAGE).contains(&num) || !(1..=asset.page_size()).contains(&size) {
        return refuse(host, 400, 1201, "invalid_request", &format!("pageNum must be 1 to {} and pageSize 1 to {}", super::LAST_PAGE, asset.page_size()));
    }
    match send(cfg, host, Method::Get, format!("{}?pageNum={num}&pageSize={size}", asset.presets_path()), None).await {
        Ok(r) => passed(host, r),
        Err(f) => failure(host, f),
    }
}

/// Deletes one of the caller's custom elements or voices; any other id (another user's, a
/// preset, a shared one) is refused before Kling sees it.
pub async fn delete<H: ProxyHost>(cfg: &ProxyConfig, state: &ProxyState, host: &H, asset: Asset, body: String, owner: &Owner) -> HttpResponse {
    let key = asset.id_key();
    let Some(id) = scan::delete_id(&body, asset) else {
        let what = if asset == Asset::Element { "a string of digits" } else { "a string" };
        return refuse(host, 400, 1201, "invalid_request", &format!("the body must be {{\"{key}\": …}} with the {} id as {what}", asset.noun()));
    };
    match owns(cfg, state, host, owner, asset, &id, false).await {
        Ok(true) => {}
        Ok(false) => return not_owner(host, asset, &id, &format!("/{key}"), true),
        Err(resp) => return resp,
    }
    // Only the id goes upstream, as the string Kling documents.
    let mut sent = String::from("{");
    json::write_str(&mut sent, key);
    sent.push(':');
    json::write_str(&mut sent, &id);
    sent.push('}');
    let r = match send(cfg, host, Method::Post, asset.delete_path().to_owned(), Some(sent)).await {
        Ok(r) => r,
        Err(f) => return failure(host, f),
    };
    let resp = passed(host, r);
    if resp.status == 200 && answer::read(&resp.body).is_some_and(|env| is_success(200, &env)) {
        state.owned.invalidate(owner.prefix(), asset);
    }
    resp
}
