//! Decoding of a byte range of a raw base64 string (standard or URL-safe alphabet), so an image
//! given as base64 is probed without decoding the whole payload.

/// The decoded length of `s` (padding stripped), or None if no base64 string has that length.
pub(crate) fn decoded_len(s: &str) -> Option<u64> {
    let n = s.trim_end_matches('=').len() as u64;
    (n % 4 != 1).then_some(n / 4 * 3 + (n % 4).saturating_sub(1))
}

/// Decoded bytes `[from, to)` of `s` (clipped to its decoded length), or the position of the
/// first character that is not base64.
pub(crate) fn decode_range(s: &str, from: u64, to: u64) -> Result<Vec<u8>, usize> {
    let chars = s.trim_end_matches('=').as_bytes();
    let first_quad = usize::try_from(from / 3).unwrap_or(usize::MAX);
    let last_quad = usize::try_from(to.div_ceil(3)).unwrap_or(usize::MAX);
    let start = first_quad.saturating_mul(4).min(chars.len());
    let end = last_quad.saturating_mul(4).min(chars.len()).max(start);
    let mut out = Vec::with_capacity((end - start) / 4 * 3 + 3);
    for (q, quad) in chars.get(start..end).unwrap_or(&[]).chunks(4).enumerate() {
        let mut acc = 0u32;
        for (i, &c) in quad.iter().enumerate() {
            let v = value(c).ok_or(start + q * 4 + i)?;
            acc |= u32::from(v) << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(bytes.get(1..quad.len()).unwrap_or(&[]));
    }
    let skip = usize::try_from(from % 3).unwrap_or(0);
    let want = usize::try_from(to.saturating_sub(from)).unwrap_or(usize::MAX);
    Ok(out.into_iter().skip(skip).take(want).collect())
}

fn value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_any_range() {
        // "Hello, world" in base64
        let s = "SGVsbG8sIHdvcmxk";
        assert_eq!(decoded_len(s), Some(12));
        assert_eq!(decode_range(s, 0, 12).unwrap(), b"Hello, world");
        assert_eq!(decode_range(s, 4, 9).unwrap(), b"o, wo");
        assert_eq!(decode_range(s, 10, 100).unwrap(), b"ld");
        assert_eq!(decoded_len("SGk="), Some(2));
        assert_eq!(decode_range("SGk=", 0, 2).unwrap(), b"Hi");
        assert_eq!(decoded_len("SGVsb"), None);
        assert_eq!(decode_range("SG!s", 0, 3), Err(2));
        assert_eq!(decode_range("_-__", 0, 3).unwrap(), vec![0xff, 0xef, 0xff]);
    }
}
