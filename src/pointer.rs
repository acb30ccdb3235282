//! JSON pointer building (RFC 6901): `~` becomes `~0` and `/` becomes `~1` in each segment.

/// A pointer segment: an object key or an array index. Written straight into the pointer (no
/// `Display` round trip: pointers are built for every list item on the success path).
pub trait Segment {
    /// Appends the segment, escaped, to `out` (the `/` before it is the caller's).
    fn push_to(&self, out: &mut String);
}

impl Segment for str {
    fn push_to(&self, out: &mut String) {
        if !self.bytes().any(|b| b == b'~' || b == b'/') {
            out.push_str(self);
            return;
        }
        for c in self.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                _ => out.push(c),
            }
        }
    }
}

impl Segment for String {
    fn push_to(&self, out: &mut String) {
        self.as_str().push_to(out)
    }
}

impl Segment for std::borrow::Cow<'_, str> {
    fn push_to(&self, out: &mut String) {
        self.as_ref().push_to(out)
    }
}

impl Segment for usize {
    fn push_to(&self, out: &mut String) {
        crate::json::write_u64(out, *self as u64)
    }
}

impl<T: Segment + ?Sized> Segment for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out)
    }
}

/// Appends one segment (a key or an index) to a pointer, escaping as RFC 6901 says.
pub fn join(base: &str, segment: impl Segment) -> String {
    let mut out = String::with_capacity(base.len() + 24);
    out.push_str(base);
    out.push('/');
    segment.push_to(&mut out);
    out
}

/// Builds a pointer from segments: `ptr(&[&"image_list", &2, &"image_url"])` is `/image_list/2/image_url`.
pub fn ptr(segments: &[&dyn Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        out.push('/');
        s.push_to(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn escapes_per_rfc6901() {
        assert_eq!(join("", "a/b~c"), "/a~1b~0c");
        assert_eq!(ptr(&[&"image_list", &2usize, &"image_url"]), "/image_list/2/image_url");
        assert_eq!(join("/x", ""), "/x/");
        assert_eq!(join("/x", 10usize), "/x/10");
    }
}
