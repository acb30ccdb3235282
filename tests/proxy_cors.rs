//! The proxy's origin rules natively: who passes (no Origin, the proxy's own origin from
//! `publicOrigin` or the request URL, a listed origin, "*"), who is refused, the CORS headers
//! each answer carries (credentials only for listed origins), preflights with `allowHeaders`,
//! and the start-up checks of `allowedOrigins`, `publicOrigin`, `allowHeaders` and
//! `allowCredentials`, each limit at its value and one past it.

mod proxy_support;

use kling_wasm::proxy::origin::{normalise_origin, MAX_ALLOWED_ORIGINS, MAX_ALLOW_HEADERS, MAX_HEADER_NAME_LEN, MAX_HOST_LEN};
use kling_wasm::proxy::{ProxyConfig, RequestHead};
use proxy_support::*;

const TASK: &str = "/kling/v1/videos/omni-video/x";

fn with_url(mut h: RequestHead, url_origin: Option<&str>) -> RequestHead {
    h.url_origin = url_origin.map(str::to_owned);
    h
}

fn checked(cfg: ProxyConfig) -> ProxyConfig {
    cfg.checked().expect("a valid configuration")
}

fn err(cfg: ProxyConfig) -> String {
    cfg.checked().expect_err("a configuration error").to_string()
}

#[test]
fn who_passes_by_origin() {
    let listed = checked(ProxyConfig { allowed_origins: vec!["https://App.test:443/".into()], ..config() });
    let public = checked(ProxyConfig { public_origin: Some("https://www.example.com".into()), ..config() });
    let any = checked(ProxyConfig { allowed_origins: vec!["*".into()], ..config() });
    // (config, Origin header, the request URL's origin, status, Access-Control-Allow-Origin)
    type Case<'a> = (&'a ProxyConfig, Option<&'a str>, Option<&'a str>, u16, Option<&'a str>);
    let table: Vec<Case> = vec![
        // No Origin: a server, curl, or a browser's same-origin GET; authorize decides.
        (&listed, None, None, 200, None),
        (&listed, None, Some("http://me.test"), 200, None),
        // The proxy's own origin: the request URL's, when no publicOrigin is set.
        (&listed, Some("http://me.test"), Some("http://me.test"), 200, None),
        (&listed, Some("http://me.test:8080"), Some("http://me.test:8080"), 200, None),
        // ...normalised as a browser serialises it (URL parsers do this already).
        (&listed, Some("https://me.test"), Some("https://ME.test:443"), 200, None),
        // Another port, scheme or host is another origin.
        (&listed, Some("http://me.test:8081"), Some("http://me.test:8080"), 403, None),
        (&listed, Some("https://me.test"), Some("http://me.test"), 403, None),
        (&listed, Some("http://evil.test"), Some("http://me.test"), 403, None),
        // No own origin known: only the list.
        (&listed, Some("http://me.test"), None, 403, None),
        // A listed origin (normalised at start-up), exactly as browsers send it.
        (&listed, Some("https://app.test"), Some("http://me.test"), 200, Some("https://app.test")),
        (&listed, Some("https://app.test/"), Some("http://me.test"), 403, None),
        (&listed, Some("https://APP.test"), Some("http://me.test"), 403, None),
        // publicOrigin replaces the URL's origin (a TLS-terminating front proxy).
        (&public, Some("https://www.example.com"), Some("http://127.0.0.1:3000"), 200, None),
        (&public, Some("http://127.0.0.1:3000"), Some("http://127.0.0.1:3000"), 403, None),
        // "*": any origin, echoed.
        (&any, Some("https://anyone.test"), None, 200, Some("https://anyone.test")),
        (&any, Some("null"), None, 200, Some("null")),
    ];
    for (i, (cfg, origin, url, status, acao)) in table.into_iter().enumerate() {
        let mut host = Host::new(Some("alice"));
        create(&mut host, valid());
        let headers: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
        let (s, v, h) = run_with(cfg, &host, with_url(head("GET", "/kling/v1/videos/omni-video/job-1?by=external_task_id", &headers), url));
        assert_eq!(s, status, "case {i}: {v}");
        assert_eq!(header(&h, "access-control-allow-origin"), acao, "case {i}");
        assert_eq!(header(&h, "vary"), Some("Origin"), "case {i}: every answer varies by Origin");
        assert_eq!(header(&h, "access-control-allow-credentials"), None, "case {i}: never without allowCredentials");
        if s == 403 {
            assert_eq!((v["reason"].as_str(), v["code"].as_i64()), (Some("origin_not_allowed"), Some(1103)), "case {i}");
            assert_eq!(host.calls(), 1, "case {i}: a refused origin reaches nothing upstream (1 = the create above)");
        }
    }
}

#[test]
fn the_refusal_names_the_proxys_own_origin() {
    let cfg = checked(ProxyConfig { public_origin: Some("https://www.example.com".into()), ..config() });
    let (_, v, _) = run_with(&cfg, &Host::new(Some("a")), head("GET", TASK, &[("origin", "http://www.example.com")]));
    assert!(v["message"].as_str().unwrap().contains("the proxy's own origin is https://www.example.com"), "{v}");
    let (_, v, _) = run_with(&config(), &Host::new(Some("a")), head("GET", TASK, &[("origin", "http://x.test")]));
    assert!(!v["message"].as_str().unwrap().contains("own origin is"), "no own origin known: {v}");
}

#[test]
fn credentials_only_for_listed_origins() {
    let cfg = checked(ProxyConfig { allowed_origins: vec!["https://app.test".into()], allow_credentials: true, ..config() });
    let host = Host::new(None); // refused by authorize: the CORS headers are on refusals too
    let cases = [
        (Some("https://app.test"), Some("http://me.test"), Some("true"), Some("https://app.test")),
        (Some("http://me.test"), Some("http://me.test"), None, None),
        (None, Some("http://me.test"), None, None),
        (Some("https://evil.test"), Some("http://me.test"), None, None),
    ];
    for (origin, url, acac, acao) in cases {
        let headers: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
        let (s, v, h) = run_with(&cfg, &host, with_url(head("GET", TASK, &headers), url));
        assert_eq!(header(&h, "access-control-allow-credentials"), acac, "{origin:?}");
        assert_eq!(header(&h, "access-control-allow-origin"), acao, "{origin:?}");
        assert_eq!(s, if origin == Some("https://evil.test") { 403 } else { 401 }, "{v}");
        // A listed page's script can read the marker of the proxy's refusal (and Retry-After).
        let exposed = acao.map(|_| "retry-after, x-kling-proxy, age, x-kling-proxy-cache");
        assert_eq!(header(&h, "access-control-expose-headers"), exposed, "{origin:?}");
    }
}

#[test]
fn preflights() {
    let cfg = checked(ProxyConfig {
        allowed_origins: vec!["https://app.test".into()],
        allow_headers: vec!["X-Session".into(), "x-csrf".into()],
        allow_credentials: true,
        ..config()
    });
    let pre = |origin: Option<&str>, method: Option<&str>, headers: Option<&str>| {
        let mut h: Vec<(&str, &str)> = origin.map(|o| ("origin", o)).into_iter().collect();
        h.extend(method.map(|m| ("access-control-request-method", m)));
        h.extend(headers.map(|m| ("access-control-request-headers", m)));
        let host = Host::new(Some("a"));
        let r = run_with(&cfg, &host, with_url(head("OPTIONS", "/kling/v1/videos/omni-video", &h), Some("http://me.test")));
        assert_eq!(host.calls(), 0, "a preflight reaches nothing upstream");
        r
    };
    let app = Some("https://app.test");
    let all = "content-type, authorization, x-session, x-csrf";
    // (origin, method, requested headers, status, reason, Access-Control-Allow-Headers)
    let table = [
        (app, Some("POST"), None, 204, None, Some(all)),
        (app, Some("GET"), Some("content-type"), 204, None, Some(all)),
        // allowHeaders are matched in any case, as browsers send them (lower case) or not.
        (app, Some("POST"), Some("content-type,x-session"), 204, None, Some(all)),
        (app, Some("POST"), Some("Content-Type, X-SESSION , authorization"), 204, None, Some(all)),
        // A safelisted header a browser lists (an unusual value) is allowed and named back.
        (app, Some("POST"), Some("accept-language,x-csrf"), 204, None, Some("content-type, authorization, x-session, x-csrf, accept-language")),
        (app, Some("POST"), Some("x-session,x-other"), 403, Some("header_not_allowed"), None),
        (app, Some("POST"), Some("cookie"), 403, Some("header_not_allowed"), None),
        (app, Some("DELETE"), None, 403, Some("method_not_allowed"), None),
        (app, Some("post"), None, 403, Some("method_not_allowed"), None),
        (app, None, None, 403, Some("preflight_refused"), None),
        (None, Some("POST"), None, 403, Some("preflight_refused"), None),
        (Some("https://evil.test"), Some("POST"), None, 403, Some("origin_not_allowed"), None),
        // The own origin needs no preflight, but one is answered.
        (Some("http://me.test"), Some("POST"), Some("x-session"), 204, None, Some(all)),
    ];
    for (i, (origin, method, asked, status, reason, acah)) in table.into_iter().enumerate() {
        let (s, v, h) = pre(origin, method, asked);
        assert_eq!(s, status, "case {i}: {v}");
        assert_eq!(v["reason"].as_str(), reason, "case {i}: {v}");
        assert_eq!(header(&h, "access-control-allow-headers"), acah, "case {i}");
        if s == 204 {
            assert_eq!(header(&h, "access-control-allow-methods"), Some("GET, POST"));
            assert_eq!(header(&h, "access-control-max-age"), Some("600"));
            assert_eq!(header(&h, "vary"), Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"));
            let listed = origin == app;
            assert_eq!(header(&h, "access-control-allow-origin"), listed.then_some("https://app.test"), "case {i}");
            assert_eq!(header(&h, "access-control-allow-credentials"), listed.then_some("true"), "case {i}");
        }
    }
    // The refusal names a plain header, never an odd or long one a page chose.
    assert!(pre(app, Some("POST"), Some("x-other")).1["message"].as_str().unwrap().contains("x-other"));
    let long = "x".repeat(MAX_HEADER_NAME_LEN + 1);
    assert!(!pre(app, Some("POST"), Some(&long)).1["message"].as_str().unwrap().contains(&long));
}

#[test]
fn origins_are_normalised_or_refused_at_start_up() {
    let host_at = "a".repeat(MAX_HOST_LEN);
    let host_past = "a".repeat(MAX_HOST_LEN + 1);
    let ok = [
        ("https://app.example.com", "https://app.example.com"),
        ("https://app.example.com/", "https://app.example.com"),
        ("HTTPS://App.Example.COM", "https://app.example.com"),
        ("https://app.example.com:443", "https://app.example.com"),
        ("http://app.example.com:80/", "http://app.example.com"),
        ("https://app.example.com:80", "https://app.example.com:80"),
        ("http://localhost:5173", "http://localhost:5173"),
        ("http://127.0.0.1:08080", "http://127.0.0.1:8080"),
        ("http://a.test:65535", "http://a.test:65535"),
        ("http://a.test:1", "http://a.test:1"),
        ("http://a.test:", "http://a.test"),
        ("http://[::1]:3000", "http://[::1]:3000"),
        ("https://[::1]:443", "https://[::1]"),
        ("  https://app.test  ", "https://app.test"),
    ];
    for (entry, want) in ok {
        assert_eq!(normalise_origin(entry).as_deref(), Ok(want), "{entry}");
    }
    assert_eq!(normalise_origin(&format!("https://{host_at}")), Ok(format!("https://{host_at}")));
    let refused = [
        "https://app.example.com/path",
        "https://app.example.com//",
        "https://app.example.com?x=1",
        "https://app.example.com#top",
        "https://user:pw@app.example.com",
        "ftp://app.example.com",
        "app.example.com",
        "//app.example.com",
        "null",
        "NULL",
        "",
        "https://",
        "http://a.test:0",
        "http://a.test:65536",
        "http://a.test:8o",
        "https://bücher.example",
        "https://a b.test",
        "https://.a.test",
        "https://a..test",
        "https://a%2e.test",
        "https://[]",
        "file:///etc",
        "chrome-extension://abc",
    ];
    for entry in refused {
        assert!(normalise_origin(entry).is_err(), "{entry:?} was accepted");
    }
    assert!(normalise_origin(&format!("https://{host_past}")).is_err());
    // Start-up: the message names the bad entry and its index.
    let e = err(ProxyConfig { allowed_origins: vec!["https://ok.test".into(), "https://bad.test/app".into()], ..config() });
    assert!(e.contains("allowedOrigins[1]") && e.contains("https://bad.test/app"), "{e}");
    let e = err(ProxyConfig { allowed_origins: vec!["null".into()], ..config() });
    assert!(e.contains("allowedOrigins[0]") && e.contains("sandboxed"), "{e}");
    // Duplicates after normalising are one entry; "*" stays.
    let c = checked(ProxyConfig { allowed_origins: vec!["https://a.test".into(), "HTTPS://A.TEST/".into(), "*".into()], ..config() });
    assert_eq!(c.allowed_origins, ["https://a.test", "*"]);
    // At most MAX_ALLOWED_ORIGINS entries.
    let many = |n: usize| (0..n).map(|i| format!("https://o{i}.test")).collect::<Vec<_>>();
    assert_eq!(checked(ProxyConfig { allowed_origins: many(MAX_ALLOWED_ORIGINS), ..config() }).allowed_origins.len(), MAX_ALLOWED_ORIGINS);
    assert!(err(ProxyConfig { allowed_origins: many(MAX_ALLOWED_ORIGINS + 1), ..config() }).contains("at most 64"));
    // publicOrigin: one origin, normalised; "*" is none.
    let c = checked(ProxyConfig { public_origin: Some("HTTPS://Www.Example.com:443/".into()), ..config() });
    assert_eq!(c.public_origin.as_deref(), Some("https://www.example.com"));
    for bad in ["*", "https://www.example.com/kling", "null", "www.example.com"] {
        assert!(err(ProxyConfig { public_origin: Some(bad.into()), ..config() }).contains("publicOrigin"), "{bad}");
    }
}

#[test]
fn allow_headers_and_credentials_at_start_up() {
    let c = checked(ProxyConfig { allow_headers: vec!["X-Session".into(), "x-session".into(), "Authorization".into()], ..config() });
    assert_eq!(c.allow_headers, ["x-session", "authorization"]);
    let names = |n: usize| (0..n).map(|i| format!("x-h{i}")).collect::<Vec<_>>();
    assert_eq!(checked(ProxyConfig { allow_headers: names(MAX_ALLOW_HEADERS), ..config() }).allow_headers.len(), MAX_ALLOW_HEADERS);
    assert!(err(ProxyConfig { allow_headers: names(MAX_ALLOW_HEADERS + 1), ..config() }).contains("at most 16"));
    let at = "x".repeat(MAX_HEADER_NAME_LEN);
    assert!(ProxyConfig { allow_headers: vec![at], ..config() }.checked().is_ok());
    let past = "x".repeat(MAX_HEADER_NAME_LEN + 1);
    assert!(err(ProxyConfig { allow_headers: vec![past], ..config() }).contains("allowHeaders[0]"));
    for bad in [
        "cookie",
        "Cookie",
        "host",
        "content-length",
        "origin",
        "sec-fetch-site",
        "proxy-authorization",
        "x-http-method-override",
        "x-kling-proxy",
        "x session",
        "x:y",
        "",
        "é",
    ] {
        let e = err(ProxyConfig { allow_headers: vec!["x-ok".into(), bad.into()], ..config() });
        assert!(e.contains("allowHeaders[1]"), "{bad:?}: {e}");
    }
    // Credentials: only for listed origins, never with "*", and pointless without any.
    let listed = || vec!["https://app.test".to_owned()];
    assert!(ProxyConfig { allowed_origins: listed(), allow_credentials: true, ..config() }.checked().is_ok());
    let mut with_star = listed();
    with_star.push("*".into());
    assert!(err(ProxyConfig { allowed_origins: with_star, allow_credentials: true, ..config() }).contains("\"*\""));
    assert!(err(ProxyConfig { allowed_origins: vec![], allow_credentials: true, ..config() }).contains("allowCredentials"));
    // check() reports what checked() does.
    assert!(ProxyConfig { allowed_origins: vec!["https://a.test/x".into()], ..config() }.check().is_err());
}
