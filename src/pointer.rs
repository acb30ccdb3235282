//! JSON pointer building (RFC 6901): `~` becomes `~0` and `/` becomes `~1` in each segment.

use std::fmt::Display;

/// Appends one segment (a key or an index) to a pointer, escaping as RFC 6901 says.
pub fn join(base: &str, segment: impl Display) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(base.len() + 24);
    out.push_str(base);
    out.push('/');
    let at = out.len();
    let _ = write!(out, "{segment}");
    if out.as_bytes()[at..].iter().any(|b| *b == b'~' || *b == b'/') {
        let seg = out.split_off(at);
        for c in seg.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// Builds a pointer from segments: `ptr(&["image_list", "2", "image_url"])` is `/image_list/2/image_url`.
pub fn ptr(segments: &[&dyn Display]) -> String {
    segments.iter().fold(String::new(), |acc, s| join(&acc, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escapes_per_rfc6901() {
        assert_eq!(join("", "a/b~c"), "/a~1b~0c");
        assert_eq!(ptr(&[&"image_list", &2, &"image_url"]), "/image_list/2/image_url");
        assert_eq!(join("/x", ""), "/x/");
    }
}
