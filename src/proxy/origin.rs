//! Origins and request-header names as the proxy's configuration gives them, checked and
//! normalised once at start-up: an `allowedOrigins` entry or `publicOrigin` becomes the exact
//! text a browser sends in `Origin` (lower case, no default port, no trailing slash) or is
//! refused with a message naming it; an `allowHeaders` entry becomes a lower-case header name
//! a page may send, or is refused. What the proxy does with them per request is cors.rs.

use crate::error::Error;

/// Most entries `allowedOrigins` may have (each request compares against all of them).
pub const MAX_ALLOWED_ORIGINS: usize = 64;
/// Longest host name (DNS's limit); a longer one is no origin a browser sends.
pub const MAX_HOST_LEN: usize = 253;
/// Most entries `allowHeaders` may have.
pub const MAX_ALLOW_HEADERS: usize = 16;
pub use crate::auth::session::{header_name_problem, MAX_HEADER_NAME_LEN};

/// The origin a browser would send for `entry`: `http(s)://host[:port]` with the scheme and host
/// in lower case, no default port (80, 443) and no trailing slash. Surrounding whitespace is
/// dropped. Anything else (a path, query, fragment, user info, another scheme, `"null"`) is
/// refused with the reason.
pub fn normalise_origin(entry: &str) -> Result<String, &'static str> {
    let s = entry.trim();
    if s.eq_ignore_ascii_case("null") {
        return Err("is the origin of sandboxed frames and file: pages of any site, so it cannot be allowed");
    }
    let lower = s.to_ascii_lowercase();
    let (scheme, rest) = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
        (Some(r), _) => ("https", r),
        (_, Some(r)) => ("http", r),
        _ => return Err("must start with http:// or https://"),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#', '\\']) {
        return Err("has a path, query or fragment; an origin is scheme://host[:port]");
    }
    if authority.contains('@') {
        return Err("has user info; an origin is scheme://host[:port]");
    }
    let (host, port) = split_port(authority)?;
    if !valid_host(host) {
        return Err("has no valid host (an internationalised name must be written in punycode, xn--…)");
    }
    let default = if scheme == "https" { 443 } else { 80 };
    Ok(match port {
        Some(p) if p != default => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// `host` and the port after it (`None`: none, or an empty one, as URL parsers read `host:`).
fn split_port(authority: &str) -> Result<(&str, Option<u16>), &'static str> {
    // An IPv6 literal holds colons itself: the port is what follows its closing bracket.
    let colon = match authority.rfind(']') {
        Some(end) => authority[end..].find(':').map(|i| end + i),
        None => authority.find(':'),
    };
    let Some(at) = colon else { return Ok((authority, None)) };
    let (host, digits) = (&authority[..at], &authority[at + 1..]);
    if digits.is_empty() {
        return Ok((host, None));
    }
    match digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse::<u32>().ok()).flatten() {
        Some(p @ 1..=65535) => Ok((host, Some(p as u16))),
        _ => Err("has a port that is not 1 to 65535"),
    }
}

/// A DNS name or IPv4 address (letters, digits, `-`, `.`), or an IPv6 literal in brackets.
fn valid_host(host: &str) -> bool {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= MAX_HOST_LEN
        && !host.starts_with(['.', '-'])
        && !host.contains("..")
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// An entry shown in a message: clipped, so a pasted document never fills a log line.
fn shown(entry: &str) -> String {
    let clipped: String = entry.chars().take(80).collect();
    let mut out = String::new();
    crate::json::write_str(&mut out, &clipped);
    if entry.chars().nth(80).is_some() {
        out.insert(out.len() - 1, '…');
    }
    out
}

fn config(message: String) -> Error {
    Error::Config { message: format!("createKlingProxy: {message}") }
}

/// `allowedOrigins`, normalised ("*" kept as it is), duplicates dropped; the first bad entry
/// refuses the list with a message naming it.
pub fn normalise_origins(list: &[String]) -> Result<Vec<String>, Error> {
    if list.len() > MAX_ALLOWED_ORIGINS {
        return Err(config(format!("allowedOrigins has {} entries; at most {MAX_ALLOWED_ORIGINS}", list.len())));
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let o = if entry.trim() == "*" {
            "*".to_owned()
        } else {
            normalise_origin(entry).map_err(|why| config(format!("allowedOrigins[{i}] {} {why}", shown(entry))))?
        };
        if !out.contains(&o) {
            out.push(o);
        }
    }
    Ok(out)
}

/// `publicOrigin`, normalised (one origin; "*" is no origin).
pub fn normalise_public_origin(entry: &str) -> Result<String, Error> {
    normalise_origin(entry).map_err(|why| config(format!("publicOrigin {} {why}", shown(entry))))
}

/// `allowHeaders`, in lower case, duplicates dropped; a bad entry refuses the list, named.
pub fn normalise_headers(list: &[String]) -> Result<Vec<String>, Error> {
    if list.len() > MAX_ALLOW_HEADERS {
        return Err(config(format!("allowHeaders has {} entries; at most {MAX_ALLOW_HEADERS}", list.len())));
    }
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let name = entry.trim().to_ascii_lowercase();
        if let Some(why) = header_name_problem(&name) {
            return Err(config(format!("allowHeaders[{i}] {} {why}", shown(entry))));
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    Ok(out)
}
