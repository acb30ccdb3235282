//! The proxy's allow-list: which method + path pairs may reach Kling, parsed strictly from the
//! raw request target so that no encoding trick (`..`, `%2e%2e`, `%2f`, `//`, absolute URLs)
//! can name another path or host.

use crate::caps::Endpoint;

/// One allowed request, after the path prefix is stripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `POST {prefix}{create path}`
    Create(Endpoint),
    /// `GET {prefix}{create path}/{id}` (task_id or external_task_id)
    Get(Endpoint, String),
    /// `GET {prefix}{create path}?pageNum=&pageSize=`
    List(Endpoint, Option<u32>, Option<u32>),
    /// `POST {prefix}/callback/{token}`: Kling's status callback to this proxy.
    Callback(String),
}

/// Why a request is refused before anything is sent upstream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not an allow-listed path (404, as if nothing were there).
    NotFound,
    /// An allow-listed path with another method (405).
    Method,
}

/// Longest id accepted in a path; Kling's ids are short, external ids are ours.
pub const MAX_ID_LEN: usize = 160;

/// Ids are plain tokens: letters, digits and `-_.:` — nothing that a URL parser or the upstream
/// could read as a separator, an escape or a dot-segment.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        && !id.bytes().all(|b| b == b'.')
}

/// Matches a request target (path and query, exactly as received) against the allow-list.
/// `prefix` is the mount path (e.g. "/kling", or "" at the root).
pub fn route(method: &str, target: &str, prefix: &str) -> Result<Route, Refusal> {
    // Only an origin-form target: no scheme, no authority, nothing percent-encoded, no
    // backslashes, whitespace, control bytes or fragments. Kling's paths need none of these.
    if !target.starts_with('/')
        || target.starts_with("//")
        || target.bytes().any(|b| b == b'%' || b == b'\\' || b == b'#' || b <= b' ' || b >= 0x7f)
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
        if query.is_some() || !is_safe_id(token) {
            return Err(Refusal::NotFound);
        }
        return if method == "POST" { Ok(Route::Callback(token.to_owned())) } else { Err(Refusal::Method) };
    }
    for endpoint in Endpoint::ALL {
        let base = endpoint.path();
        if rest == base {
            return match method {
                "POST" if query.is_none() => Ok(Route::Create(endpoint)),
                "GET" => list_query(query).map(|(n, s)| Route::List(endpoint, n, s)),
                _ if query.is_none() => Err(Refusal::Method),
                _ => Err(Refusal::NotFound),
            };
        }
        if let Some(id) = rest.strip_prefix(base).and_then(|r| r.strip_prefix('/')) {
            if !is_safe_id(id) || query.is_some() {
                return Err(Refusal::NotFound);
            }
            return if method == "GET" { Ok(Route::Get(endpoint, id.to_owned())) } else { Err(Refusal::Method) };
        }
    }
    Err(Refusal::NotFound)
}

/// `pageNum` and `pageSize`, each at most once, digits only; nothing else in the query.
fn list_query(query: Option<&str>) -> Result<(Option<u32>, Option<u32>), Refusal> {
    let (mut num, mut size) = (None, None);
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or(Refusal::NotFound)?;
        if v.is_empty() || v.len() > 6 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Refusal::NotFound);
        }
        let n: u32 = v.parse().map_err(|_| Refusal::NotFound)?;
        let slot = match k {
            "pageNum" => &mut num,
            "pageSize" => &mut size,
            _ => return Err(Refusal::NotFound),
        };
        if slot.replace(n).is_some() {
            return Err(Refusal::NotFound);
        }
    }
    Ok((num, size))
}

/// The upstream path for an allowed route (the callback route has none).
pub fn upstream_path(route: &Route) -> Option<String> {
    match route {
        Route::Create(e) => Some(e.path().to_owned()),
        Route::Get(e, id) => Some(format!("{}/{}", e.path(), id)),
        Route::List(e, n, s) => Some(format!("{}?pageNum={}&pageSize={}", e.path(), n.unwrap_or(1), s.unwrap_or(30))),
        Route::Callback(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_exactly_the_documented_routes() {
        assert_eq!(route("POST", "/kling/v1/videos/omni-video", "/kling"), Ok(Route::Create(Endpoint::OmniVideo)));
        assert_eq!(route("GET", "/kling/v1/images/omni-image/abc-123", "/kling"), Ok(Route::Get(Endpoint::OmniImage, "abc-123".into())));
        assert_eq!(route("GET", "/kling/v1/videos/text2video?pageNum=2&pageSize=50", "/kling"), Ok(Route::List(Endpoint::TextToVideo, Some(2), Some(50))));
        assert_eq!(route("POST", "/v1/videos/image2video", ""), Ok(Route::Create(Endpoint::ImageToVideo)));
        assert_eq!(route("POST", "/kling/callback/tok.en", "/kling"), Ok(Route::Callback("tok.en".into())));
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
            ("GET", "/kling/account/costs"),
            ("GET", "/kling/v1/general/custom-voices"),
            ("GET", "/kling/v1/videos/omni-video?pageNum=1&evil=1"),
            ("GET", "/kling/v1/videos/omni-video?pageNum=1&pageNum=2"),
            ("GET", "/kling/v1/videos/omni-video/a/b"),
            ("GET", "/kling/v1/videos/omni-video/a\r\nHost: x"),
            ("GET", "/other/v1/videos/omni-video"),
            ("POST", "/kling/v1/videos/omni-video?x=1"),
        ] {
            assert_eq!(route(m, t, p), Err(Refusal::NotFound), "{m} {t}");
        }
        for m in ["PUT", "DELETE", "TRACE", "PATCH"] {
            assert_eq!(route(m, "/kling/v1/videos/omni-video", p), Err(Refusal::Method), "{m}");
        }
        assert_eq!(route("POST", "/kling/v1/videos/omni-video/abc", p), Err(Refusal::Method));
    }
}
