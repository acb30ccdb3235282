//! The proxy's allow-list: which method + path pairs may reach Kling, parsed strictly from the
//! raw request target so that no encoding trick (`..`, `%2e%2e`, `%2f`, `//`, absolute URLs)
//! can name another path or host.

use super::assets::Asset;
use super::ids::is_safe_up_to;
pub use super::ids::{is_safe_id, MAX_ID_LEN};
use crate::caps::Endpoint;

/// One allowed request, after the path prefix is stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `POST {prefix}{create path}`
    Create(Endpoint),
    /// `GET {prefix}{create path}/{id}` (a Kling task_id) or
    /// `GET {prefix}{create path}/{id}?by=external_task_id` (the caller's own external id).
    Get(Endpoint, String, IdKind),
    /// `GET {prefix}{create path}?pageSize=&cursor=` (`pageNum` only as 1: the walk goes by cursor)
    List(Endpoint, ListQuery),
    /// `POST {prefix}/callback/{token}`: Kling's status callback to this proxy.
    Callback(String),
    /// `GET {prefix}{presets path}?pageNum=&pageSize=`: Kling's preset elements or voices, the
    /// same for every user (no cursor: nothing in them is anybody's).
    Presets(Asset, ListQuery),
    /// `POST {prefix}{delete path}`: deletes one of the caller's custom elements or voices.
    Delete(Asset),
    /// `GET {prefix}/account/costs?…`: the query as given (checked once the caller may ask at
    /// all, so that a caller without `authorizeAccount`'s leave learns nothing from it).
    AccountCosts(String),
}

/// What a query's path id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// Kling's task_id (the default, `?by=task_id` also says so).
    TaskId,
    /// The caller's own external_task_id (`?by=external_task_id`); the proxy adds the owner prefix.
    External,
}

/// A list request's query, as given (ranges are checked where the list is walked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// `pageNum` as given (only 1 is accepted).
    pub page_num: Option<u32>,
    /// `pageSize` as given.
    pub page_size: Option<u32>,
    /// The opaque `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Longest cursor accepted (the proxy's are 48 characters; 38 before issue 17).
pub const MAX_CURSOR_LEN: usize = 64;

/// Why a request is refused before anything is sent upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not an allow-listed path (404, as if nothing were there).
    NotFound,
    /// An allow-listed path with another method (405).
    Method,
}

/// Longest callback token in a path: it may carry a user id (`callback`), so it is sized from
/// the longest user id the proxy accepts rather than `MAX_ID_LEN`.
pub const MAX_TOKEN_LEN: usize = crate::proxy::callback::MAX_TOKEN_LEN;

/// A callback token: the characters of an id, up to `MAX_TOKEN_LEN`.
pub fn is_safe_token(token: &str) -> bool {
    is_safe_up_to(token, MAX_TOKEN_LEN)
}

/// Matches a request target (path and query, exactly as received) against the allow-list.
/// `prefix` is the mount path (e.g. "/kling", or "" at the root).
pub fn route(method: &str, target: &str, prefix: &str) -> Result<Route, Refusal> {
    // Only an origin-form target: no scheme, no authority, nothing percent-encoded, no
    // backslashes, whitespace, control bytes or fragments. Kling's paths need none of these;
    // the one exception is the query of `/account/costs` (a resource pack's name may need
    // escapes there: costs.rs decodes and re-encodes it), which cannot name another path.
    let escapes_ok = target.split_once('?').is_some_and(|(p, _)| p.strip_prefix(prefix) == Some(COSTS_PATH));
    if !target.starts_with('/')
        || target.starts_with("//")
        || target.bytes().any(|b| (b == b'%' && !escapes_ok) || b == b'\\' || b == b'#' || b <= b' ' || b >= 0x7f)
    {
        return Err(Refusal::NotFound);
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let rest = path.strip_prefix(prefix).ok_or(Refusal::NotFound)?;
    if !rest.starts_with('/') || rest.contains("//") || rest.split('/').any(|s| s == "." || s == "..") {
        return Err(Refusal::NotFound);
    }
    if let Some(token) = rest.strip_prefix("/callback/") {
        if query.is_some() || !is_safe_token(token) {
            return Err(Refusal::NotFound);
        }
        return if method == "POST" { Ok(Route::Callback(token.to_owned())) } else { Err(Refusal::Method) };
    }
    if rest == COSTS_PATH {
        // Any other method is as absent as the path is without the hook: 404 either way.
        return if method == "GET" { Ok(Route::AccountCosts(query.unwrap_or("").to_owned())) } else { Err(Refusal::NotFound) };
    }
    for asset in Asset::ALL {
        if rest == asset.presets_path() {
            return match method {
                "GET" => match list_query(query)? {
                    ListQuery { cursor: Some(_), .. } => Err(Refusal::NotFound),
                    q => Ok(Route::Presets(asset, q)),
                },
                _ if query.is_none() => Err(Refusal::Method),
                _ => Err(Refusal::NotFound),
            };
        }
        if rest == asset.delete_path() {
            return match method {
                "POST" if query.is_none() => Ok(Route::Delete(asset)),
                _ if query.is_none() => Err(Refusal::Method),
                _ => Err(Refusal::NotFound),
            };
        }
    }
    for endpoint in Endpoint::ALL {
        let base = endpoint.path();
        if rest == base {
            return match method {
                "POST" if query.is_none() => Ok(Route::Create(endpoint)),
                "GET" => list_query(query).map(|q| Route::List(endpoint, q)),
                _ if query.is_none() => Err(Refusal::Method),
                _ => Err(Refusal::NotFound),
            };
        }
        if let Some(id) = rest.strip_prefix(base).and_then(|r| r.strip_prefix('/')) {
            let kind = match query {
                None | Some("by=task_id") => IdKind::TaskId,
                Some("by=external_task_id") => IdKind::External,
                Some(_) => return Err(Refusal::NotFound),
            };
            if !is_safe_id(id) {
                return Err(Refusal::NotFound);
            }
            return if method == "GET" { Ok(Route::Get(endpoint, id.to_owned(), kind)) } else { Err(Refusal::Method) };
        }
    }
    Err(Refusal::NotFound)
}

/// Kling's account-costs path (kling-api.md §8.4): no `/v1`.
pub const COSTS_PATH: &str = "/account/costs";

/// `pageNum`, `pageSize` (digits) and `cursor` (base64url), each at most once; nothing else.
fn list_query(query: Option<&str>) -> Result<ListQuery, Refusal> {
    let mut q = ListQuery::default();
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or(Refusal::NotFound)?;
        if k == "cursor" {
            let ok = !v.is_empty() && v.len() <= MAX_CURSOR_LEN && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok || q.cursor.replace(v.to_owned()).is_some() {
                return Err(Refusal::NotFound);
            }
            continue;
        }
        if v.is_empty() || v.len() > 6 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Refusal::NotFound);
        }
        let n: u32 = v.parse().map_err(|_| Refusal::NotFound)?;
        let slot = match k {
            "pageNum" => &mut q.page_num,
            "pageSize" => &mut q.page_size,
            _ => return Err(Refusal::NotFound),
        };
        if slot.replace(n).is_some() {
            return Err(Refusal::NotFound);
        }
    }
    Ok(q)
}

/// Kling's path for one task (a task_id or an owned external_task_id).
pub fn task_path(endpoint: Endpoint, id: &str) -> String {
    format!("{}/{}", endpoint.path(), id)
}

/// Kling's path for one page of an endpoint's task list.
pub fn page_path(endpoint: Endpoint, page_num: u32, page_size: u32) -> String {
    format!("{}?pageNum={page_num}&pageSize={page_size}", endpoint.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_exactly_the_documented_routes() {
        assert_eq!(route("POST", "/kling/v1/videos/omni-video", "/kling"), Ok(Route::Create(Endpoint::OmniVideo)));
        assert_eq!(route("GET", "/kling/v1/images/omni-image/abc-123", "/kling"), Ok(Route::Get(Endpoint::OmniImage, "abc-123".into(), IdKind::TaskId)));
        assert_eq!(
            route("GET", "/kling/v1/images/omni-image/abc-123?by=task_id", "/kling"),
            Ok(Route::Get(Endpoint::OmniImage, "abc-123".into(), IdKind::TaskId))
        );
        assert_eq!(
            route("GET", "/kling/v1/images/omni-image/job-1?by=external_task_id", "/kling"),
            Ok(Route::Get(Endpoint::OmniImage, "job-1".into(), IdKind::External))
        );
        let q = ListQuery { page_num: Some(2), page_size: Some(50), cursor: None };
        assert_eq!(route("GET", "/kling/v1/videos/text2video?pageNum=2&pageSize=50", "/kling"), Ok(Route::List(Endpoint::TextToVideo, q)));
        let q = ListQuery { page_num: None, page_size: Some(5), cursor: Some("Ab-_9".into()) };
        assert_eq!(route("GET", "/kling/v1/videos/text2video?pageSize=5&cursor=Ab-_9", "/kling"), Ok(Route::List(Endpoint::TextToVideo, q)));
        assert_eq!(route("POST", "/v1/videos/image2video", ""), Ok(Route::Create(Endpoint::ImageToVideo)));
        assert_eq!(route("POST", "/kling/callback/tok.en", "/kling"), Ok(Route::Callback("tok.en".into())));
        // Callback tokens may be longer than ids (they can carry a user id), up to their own limit.
        let long = "t".repeat(MAX_TOKEN_LEN);
        assert_eq!(route("POST", &format!("/kling/callback/{long}"), "/kling"), Ok(Route::Callback(long.clone())));
        assert_eq!(route("POST", &format!("/kling/callback/{long}t"), "/kling"), Err(Refusal::NotFound));
        assert_eq!(route("GET", &format!("/kling/v1/videos/omni-video/{}", "t".repeat(MAX_ID_LEN + 1)), "/kling"), Err(Refusal::NotFound));
    }

    #[test]
    fn refuses_everything_else() {
        let p = "/kling";
        for (m, t) in [
            ("GET", "/kling/v1/videos/omni-video/../../account/costs"),
            ("GET", "/kling/v1/videos/omni-video/%2e%2e/x"),
            ("GET", "/kling/v1/videos/omni-video/a%2fb"),
            ("GET", "/kling/v1/videos/omni-video/.."),
            ("GET", "/kling//v1/videos/omni-video"),
            ("GET", "https://evil.example/v1/videos/omni-video"),
            ("GET", "//evil.example/v1/videos/omni-video"),
            ("POST", "/kling/account/costs"),
            ("GET", "/kling/account/costs/x"),
            ("GET", "/kling/v1/general/presets-voices?cursor=abc"),
            ("GET", "/kling/v1/general/presets-voices?pageNum=1&x=2"),
            ("GET", "/kling/v1/general/presets-voices/1"),
            ("POST", "/kling/v1/general/delete-voices?voice_id=1"),
            ("GET", "/kling/v1/general/delete-voices/1"),
            ("GET", "/kling/v1/general/custom-element"),
            ("GET", "/kling/v1/videos/omni-video?pageNum=1&evil=1"),
            ("GET", "/kling/v1/videos/omni-video?pageNum=1&pageNum=2"),
            ("GET", "/kling/v1/videos/omni-video/a/b"),
            ("GET", "/kling/v1/videos/omni-video/a\r\nHost: x"),
            ("GET", "/other/v1/videos/omni-video"),
            ("POST", "/kling/v1/videos/omni-video?x=1"),
            ("GET", "/kling/v1/videos/omni-video/x?by=owner"),
            ("GET", "/kling/v1/videos/omni-video/x?by=task_id&by=external_task_id"),
            ("GET", "/kling/v1/videos/omni-video/x?pageNum=1"),
            ("GET", "/kling/v1/videos/omni-video?cursor=a&cursor=b"),
            ("GET", "/kling/v1/videos/omni-video?cursor=a.b"),
            ("GET", "/kling/v1/videos/omni-video?cursor="),
        ] {
            assert_eq!(route(m, t, p), Err(Refusal::NotFound), "{m} {t}");
        }
        for m in ["PUT", "DELETE", "TRACE", "PATCH"] {
            assert_eq!(route(m, "/kling/v1/videos/omni-video", p), Err(Refusal::Method), "{m}");
        }
        assert_eq!(route("POST", "/kling/v1/videos/omni-video/abc", p), Err(Refusal::Method));
        assert_eq!(route("GET", "/kling/v1/general/delete-elements", p), Err(Refusal::Method));
        assert_eq!(route("POST", "/kling/v1/general/advanced-presets-elements", p), Err(Refusal::Method));
    }

    #[test]
    fn routes_presets_deletions_and_account_costs() {
        let p = "/kling";
        let q = ListQuery { page_num: Some(2), page_size: Some(1000), cursor: None };
        assert_eq!(route("GET", "/kling/v1/general/presets-voices?pageNum=2&pageSize=1000", p), Ok(Route::Presets(Asset::Voice, q)));
        assert_eq!(route("GET", "/kling/v1/general/advanced-presets-elements", p), Ok(Route::Presets(Asset::Element, ListQuery::default())));
        assert_eq!(route("POST", "/kling/v1/general/delete-elements", p), Ok(Route::Delete(Asset::Element)));
        assert_eq!(route("POST", "/kling/v1/general/delete-voices", p), Ok(Route::Delete(Asset::Voice)));
        assert_eq!(route("GET", "/kling/account/costs?start_time=1&end_time=2", p), Ok(Route::AccountCosts("start_time=1&end_time=2".into())));
        assert_eq!(route("GET", "/kling/account/costs", p), Ok(Route::AccountCosts(String::new())));
        // Escapes only in the costs query (costs.rs checks them); dot-segments nowhere.
        assert_eq!(route("GET", "/kling/account/costs?resource_pack_name=a%20b", p), Ok(Route::AccountCosts("resource_pack_name=a%20b".into())));
        for t in ["/kling/account/cost%73?x=1", "/kling/account/costs/%2e%2e?x=%20", "/kling/v1/videos/omni-video?pageNum=%31", "/kling/account/costs?a=b c"] {
            assert_eq!(route("GET", t, p), Err(Refusal::NotFound), "{t}");
        }
        assert_eq!(route("GET", "/kling/v1/general/../../account/costs", p), Err(Refusal::NotFound));
        // The new task families come through Endpoint::ALL.
        for e in Endpoint::ALL {
            assert_eq!(route("POST", &format!("/kling{}", e.path()), p), Ok(Route::Create(e)));
        }
    }
}
