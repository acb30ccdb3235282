//! ISO BMFF box headers and big-endian field reads over byte slices: the top-level walk of the
//! video probe and the few boxes it reads itself (mvhd duration, stsd fourcc, trex, moof) use
//! these. Every read is bounds-checked and returns None on short data; nothing here can panic.

/// One parsed box header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub kind: [u8; 4],
    /// 8, or 16 with a 64-bit largesize.
    pub header_len: u64,
    /// The whole box size, header included; None when the header says "to the end of the file".
    pub size: Option<u64>,
}

/// What a header read found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    Box(Header),
    /// Fewer bytes than the header needs (8, or 16 with largesize).
    Short,
    /// A size below the header's own length: no valid box can start here.
    BadSize(u64),
}

/// Parses the box header at the start of `b`.
pub fn header(b: &[u8]) -> Parsed {
    let (Some(size32), Some(kind)) = (be_u32(b, 0), fourcc(b, 4)) else { return Parsed::Short };
    match size32 {
        0 => Parsed::Box(Header { kind, header_len: 8, size: None }),
        1 => match be_u64(b, 8) {
            None => Parsed::Short,
            Some(large) if large < 16 => Parsed::BadSize(large),
            Some(large) => Parsed::Box(Header { kind, header_len: 16, size: Some(large) }),
        },
        s if s < 8 => Parsed::BadSize(u64::from(s)),
        s => Parsed::Box(Header { kind, header_len: 8, size: Some(u64::from(s)) }),
    }
}

/// ISO 14496-12 box types are four printable characters; anything else is not a box.
pub fn is_printable(kind: [u8; 4]) -> bool {
    kind.iter().all(|&c| (0x20..0x7f).contains(&c) || c == 0xa9)
}

/// The child boxes of a container's payload as (type, payload) pairs. Stops at the first child
/// whose size runs past the payload, so a corrupt child ends the walk instead of misreading.
pub fn children(payload: &[u8]) -> Children<'_> {
    Children { rest: payload }
}

#[derive(Debug)]
pub struct Children<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Children<'a> {
    type Item = ([u8; 4], &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let Parsed::Box(h) = header(self.rest) else { return None };
        let size = h.size.unwrap_or(self.rest.len() as u64);
        let end = usize::try_from(size).ok().filter(|&e| e <= self.rest.len())?;
        let body = self.rest.get(h.header_len as usize..end)?;
        self.rest = self.rest.get(end..).unwrap_or(&[]);
        Some((h.kind, body))
    }
}

/// The payload of the first child of type `kind`.
pub fn child<'a>(payload: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    children(payload).find(|(k, _)| k == kind).map(|(_, b)| b)
}

/// Follows a path of container boxes: `descend(moov, &[b"trak", b"mdia"])`.
pub fn descend<'a>(payload: &'a [u8], path: &[&[u8; 4]]) -> Option<&'a [u8]> {
    path.iter().try_fold(payload, |p, kind| child(p, kind))
}

pub fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    let s: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_be_bytes(s))
}

pub fn be_u64(b: &[u8], at: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_be_bytes(s))
}

pub fn fourcc(b: &[u8], at: usize) -> Option<[u8; 4]> {
    b.get(at..at.checked_add(4)?)?.try_into().ok()
}

/// A full box's version and 24-bit flags.
pub fn version_flags(b: &[u8]) -> Option<(u8, u32)> {
    let vf = be_u32(b, 0)?;
    Some(((vf >> 24) as u8, vf & 0x00ff_ffff))
}

/// A 32-bit or (version 1) 64-bit field; all ones means "unknown" and is None.
pub fn versioned(b: &[u8], at: usize, v1: bool) -> Option<u64> {
    let v = if v1 { be_u64(b, at)? } else { u64::from(be_u32(b, at)?) };
    let unknown = if v1 { u64::MAX } else { u64::from(u32::MAX) };
    (v != unknown).then_some(v)
}

/// num / den as seconds or a rate: None for a zero denominator or a result that is not finite.
pub fn ratio(num: u64, den: u64) -> Option<f64> {
    if den == 0 {
        return None;
    }
    let r = num as f64 / den as f64;
    r.is_finite().then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_large_and_to_end_headers() {
        assert_eq!(header(b"\0\0\0\x10moov"), Parsed::Box(Header { kind: *b"moov", header_len: 8, size: Some(16) }));
        let large = [&[0, 0, 0, 1][..], b"mdat", &5_000_000_000u64.to_be_bytes()].concat();
        assert_eq!(header(&large), Parsed::Box(Header { kind: *b"mdat", header_len: 16, size: Some(5_000_000_000) }));
        assert_eq!(header(b"\0\0\0\0mdat"), Parsed::Box(Header { kind: *b"mdat", header_len: 8, size: None }));
        assert_eq!(header(b"\0\0\0\x04free"), Parsed::BadSize(4));
        assert_eq!(header(&large[..12]), Parsed::Short);
        assert_eq!(header(b"\0\0"), Parsed::Short);
    }

    #[test]
    fn children_stop_at_an_overlong_child() {
        let data = [&b"\0\0\0\x0cabcdXXXX"[..], b"\0\0\x01\0efgh"].concat();
        let kids: Vec<_> = children(&data).collect();
        assert_eq!(kids, vec![(*b"abcd", &b"XXXX"[..])]);
    }

    #[test]
    fn ratio_refuses_zero_and_infinite() {
        assert_eq!(ratio(1, 0), None);
        assert_eq!(ratio(30000, 1001).map(|r| (r * 1000.0).round()), Some(29970.0));
    }
}
