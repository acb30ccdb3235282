//! The moov box checked before `mp4parse` reads it: every box mp4parse descends into lies inside
//! its parent, and every count or size it reserves memory for fits the box that declares it.
//! mp4parse reserves what a box declares before reading it (a table's entry count, an avcC's
//! size), and a child's declared size is not clamped to its parent, so a 3 KB file could make it
//! reserve gigabytes (fuzz findings media-1…4; wasm memory, once grown, never shrinks). Almost
//! every refusal here is a file mp4parse would refuse too, only after the allocation; it would
//! accept two: a broken udta (it drops user data it cannot read) and an stsd count above the
//! entries present (it reads those there are).

use super::boxes::{self, be_u32, Parsed};

/// Pseudo-parents (no real box has these types): a sample entry's child boxes, and the data
/// boxes of an ilst item (whatever the item's type).
const ENTRY: [u8; 4] = *b"\0ent";
const ITEM: [u8; 4] = *b"\0itm";

/// (parent, child): child boxes mp4parse reads as a list of boxes, and where that list starts.
const CONTAINERS: [(&[u8; 4], &[u8; 4], usize); 12] = [
    (b"moov", b"trak", 0),
    (b"moov", b"mvex", 0),
    (b"moov", b"udta", 0),
    (b"trak", b"edts", 0),
    (b"trak", b"mdia", 0),
    (b"trak", b"tref", 0),
    (b"mdia", b"minf", 0),
    (b"minf", b"stbl", 0),
    (b"minf", b"dinf", 0),
    (b"sinf", b"schi", 0),
    // meta is a full box: version and flags come before its children.
    (b"udta", b"meta", 4),
    (b"meta", b"ilst", 0),
];

/// Sample tables in stbl: (box, offset of the entry count, bytes per entry on disk).
const TABLES: [(&[u8; 4], usize, usize); 7] =
    [(b"stts", 4, 8), (b"ctts", 4, 8), (b"stsc", 4, 12), (b"stsz", 8, 4), (b"stco", 4, 4), (b"co64", 4, 8), (b"stss", 4, 4)];

/// A sample entry is at least 16 bytes: header, 6 reserved bytes, data_reference_index
/// (ISO 14496-12 §8.5.2), so an stsd can hold at most (size - 16) / 16 of them.
const MIN_SAMPLE_ENTRY: usize = 16;

/// mp4parse keeps ≈ 400 bytes per track and per pssh key id even when the box is empty (8 or
/// 16 bytes), so a 64 MiB moov of empty traks would still cost it ≈ 3 GB. Real files have a
/// handful of tracks and key ids; these caps keep its memory within ≈ 1 MB for them.
const MAX_TRACKS: usize = 1024;
const MAX_PSSH_KEYS: usize = 1024;

/// Checks a moov box's payload (its header excluded).
pub(crate) fn check(moov_payload: &[u8]) -> Result<(), String> {
    let (mut tracks, mut keys) = (0usize, 0usize);
    for (kind, body) in kids(moov_payload, *b"moov").flatten() {
        match &kind {
            b"trak" => tracks += 1,
            b"pssh" if body.first().is_some_and(|&v| v > 0) => keys = keys.saturating_add(be_u32(body, 20).unwrap_or(0) as usize),
            _ => {}
        }
    }
    if tracks > MAX_TRACKS {
        return Err(corrupt(format!("{tracks} tracks; at most {MAX_TRACKS} are read")));
    }
    if keys > MAX_PSSH_KEYS {
        return Err(corrupt(format!("{keys} pssh key ids; at most {MAX_PSSH_KEYS} are read")));
    }
    walk(moov_payload, *b"moov", &mut [0; 4])
}

fn corrupt(detail: String) -> String {
    format!("the moov box is corrupt ({detail})")
}

fn name(kind: &[u8; 4]) -> String {
    match *kind {
        ENTRY => return "a sample entry".to_owned(),
        ITEM => return "a metadata item".to_owned(),
        _ => {}
    }
    kind.iter().map(|&c| if c.is_ascii_graphic() { char::from(c) } else { '?' }).collect()
}

/// The child boxes of a payload, each checked to lie inside it. Ends quietly at fewer than 8
/// bytes (mp4parse reads that as the end, too).
struct Kids<'a> {
    rest: &'a [u8],
    parent: [u8; 4],
}

impl<'a> Iterator for Kids<'a> {
    type Item = Result<([u8; 4], &'a [u8]), String>;
    fn next(&mut self) -> Option<Self::Item> {
        let rest = std::mem::take(&mut self.rest);
        let h = match boxes::header(rest) {
            Parsed::Box(h) => h,
            Parsed::Short => return None,
            Parsed::BadSize(s) => return Some(Err(corrupt(format!("a box in {} declares {s} bytes, less than its header", name(&self.parent))))),
        };
        let size = h.size.unwrap_or(rest.len() as u64);
        let (Some(end), Some(body_at)) = (usize::try_from(size).ok().filter(|&e| e <= rest.len()), usize::try_from(h.header_len).ok()) else {
            let (kind, parent, room) = (name(&h.kind), name(&self.parent), rest.len());
            return Some(Err(corrupt(format!("{kind} declares {size} bytes but {parent} has {room} left"))));
        };
        self.rest = rest.get(end..).unwrap_or(&[]);
        Some(Ok((h.kind, rest.get(body_at..end).unwrap_or(&[]))))
    }
}

fn kids(payload: &[u8], parent: [u8; 4]) -> Kids<'_> {
    Kids { rest: payload, parent }
}

/// Checks the children of `payload` (a box of type `parent`). `handler` is the current track's
/// handler type, which decides how mp4parse reads its sample entries (video, audio or not at all).
fn walk(payload: &[u8], parent: [u8; 4], handler: &mut [u8; 4]) -> Result<(), String> {
    for kid in kids(payload, parent) {
        let (kind, body) = kid?;
        if let Some(&(_, _, skip)) = CONTAINERS.iter().find(|(p, c, _)| **p == parent && **c == kind) {
            // A new track starts with an unknown handler, as in mp4parse.
            let mut fresh = [0; 4];
            let handler = if &kind == b"trak" { &mut fresh } else { &mut *handler };
            walk(body.get(skip..).unwrap_or(&[]), kind, handler)?;
            continue;
        }
        match (&parent, &kind) {
            // mp4parse takes the handler type when it meets hdlr (so a minf before it reads as
            // "unknown"), and only the types it knows replace the one it has.
            (b"mdia", b"hdlr") => {
                if let Some(t) = boxes::fourcc(body, 8).filter(|t| matches!(t, b"vide" | b"pict" | b"auxv" | b"soun" | b"meta")) {
                    *handler = t;
                }
            }
            (b"stbl", b"stsd") => stsd(body, *handler)?,
            (b"stbl", _) => table(&kind, body)?,
            (b"edts", b"elst") => elst(body)?,
            (b"moov", b"pssh") => pssh(body)?,
            // Every item of an ilst holds data boxes.
            (b"ilst", _) => walk(body, ITEM, handler)?,
            (&ENTRY, b"sinf" | b"wave") => walk(body, kind, handler)?,
            _ => {}
        }
    }
    Ok(())
}

/// `count` entries of `entry` bytes from offset `at` must fit in `body`.
fn count_fits(kind: &[u8; 4], body: &[u8], at: usize, entry: usize) -> Result<(), String> {
    let count = be_u32(body, at).unwrap_or(0) as usize;
    let room = body.len().saturating_sub(at + 4) / entry;
    if count > room {
        return Err(corrupt(format!("{} declares {count} entries but has room for {room}", name(kind))));
    }
    Ok(())
}

fn table(kind: &[u8; 4], body: &[u8]) -> Result<(), String> {
    let Some(&(_, at, entry)) = TABLES.iter().find(|(t, ..)| *t == kind) else { return Ok(()) };
    // stsz lists sizes only when its fixed sample_size (before the count) is 0.
    if kind == b"stsz" && be_u32(body, 4).unwrap_or(0) != 0 {
        return Ok(());
    }
    count_fits(kind, body, at, entry)
}

/// Edit list: 12 bytes per entry in version 0, 20 in version 1 (64-bit duration and time).
fn elst(body: &[u8]) -> Result<(), String> {
    let entry = if body.first() == Some(&1) { 20 } else { 12 };
    count_fits(b"elst", body, 4, entry)
}

/// Sample descriptions: the count, then each entry mp4parse reads, down to its child boxes
/// (avcC, esds, … whose declared size it reserves).
fn stsd(body: &[u8], handler: [u8; 4]) -> Result<(), String> {
    count_fits(b"stsd", body, 4, MIN_SAMPLE_ENTRY)?;
    let count = be_u32(body, 4).unwrap_or(0) as usize;
    // mp4parse reads only the declared number of entries; what follows is padding to it.
    for kid in kids(body.get(8..).unwrap_or(&[]), *b"stsd").take(count) {
        let (_, entry) = kid?;
        if let Some(children) = entry_children(entry, handler) {
            walk(children, ENTRY, &mut [0; 4])?;
        }
    }
    Ok(())
}

/// Where a sample entry's child boxes start, read the way mp4parse reads the entry for the
/// track's handler; None when it reads no children (other handlers, a QuickTime sound version
/// it does not support, or an entry too short for its fields).
fn entry_children(entry: &[u8], handler: [u8; 4]) -> Option<&[u8]> {
    let at = match &handler {
        // Video: reserved, index, pre_defined/reserved, width, height, resolution, frame count,
        // compressor name, depth, pre_defined = 78 bytes.
        b"vide" | b"pict" | b"auxv" => 78,
        // Audio: 28 bytes, plus QuickTime sound description version 1 (16) or 2 (36) fields.
        b"soun" => match be_u32(entry, 8).map(|v| v >> 16) {
            Some(0) => 28,
            Some(1) => 44,
            Some(2) => 64,
            _ => return None,
        },
        _ => return None,
    };
    entry.get(at..)
}

/// Protection system header: v1 key ids (16 bytes each), then a data size; mp4parse reserves both.
fn pssh(body: &[u8]) -> Result<(), String> {
    let Some(&version) = body.first() else { return Ok(()) };
    // version/flags, system id
    let mut at = 20;
    if version > 0 {
        count_fits(b"pssh", body, at, 16)?;
        // Fits, so no overflow: count × 16 ≤ the box's size.
        at += 4 + (be_u32(body, at).unwrap_or(0) as usize).saturating_mul(16);
    }
    let Some(size) = be_u32(body, at) else { return Ok(()) };
    let room = body.len().saturating_sub(at + 4);
    if size as usize > room {
        return Err(corrupt(format!("pssh declares {size} bytes of data but has room for {room}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        [&(body.len() as u32 + 8).to_be_bytes()[..], kind, body].concat()
    }

    fn full(version: u8, rest: &[u8]) -> Vec<u8> {
        [&[version, 0, 0, 0][..], rest].concat()
    }

    /// moov payload: one trak with the given mdia children, plus an edts.
    fn trak(mdia: &[Vec<u8>], edts: &[u8]) -> Vec<u8> {
        bx(b"trak", &[bx(b"edts", edts), bx(b"mdia", &mdia.concat())].concat())
    }

    fn hdlr(kind: &[u8; 4]) -> Vec<u8> {
        bx(b"hdlr", &[&[0u8; 8][..], kind, &[0; 12]].concat())
    }

    /// minf/stbl/stsd with one sample entry whose fields are `fields` bytes, then `children`.
    fn minf(fields: &[u8], children: &[u8]) -> Vec<u8> {
        let entry = bx(b"avc1", &[fields, children].concat());
        bx(b"minf", &bx(b"stbl", &bx(b"stsd", &full(0, &[&1u32.to_be_bytes()[..], &entry].concat()))))
    }

    fn avcc_declaring(size: u32) -> Vec<u8> {
        [&size.to_be_bytes()[..], b"avcC", &[1, 2, 3, 4]].concat()
    }

    #[test]
    fn a_box_past_its_parent_is_refused_by_name() {
        let mut moov = trak(&[hdlr(b"vide")], b"");
        assert_eq!(check(&moov), Ok(()));
        moov[3] += 1; // the trak now claims one byte more than the moov has
        let e = check(&moov).unwrap_err();
        assert!(e.contains("trak declares") && e.contains("moov has"), "{e}");
        assert!(check(&bx(b"mvex", b"\0\0\0\x04mehd")).unwrap_err().contains("less than its header"));
    }

    #[test]
    fn edit_list_counts_use_the_version_entry_size() {
        let v0 = full(0, &[&2u32.to_be_bytes()[..], &[0; 24]].concat());
        assert_eq!(check(&trak(&[], &bx(b"elst", &v0))), Ok(()));
        // 24 bytes hold two 12-byte entries but only one 20-byte (version 1) entry.
        let v1 = full(1, &[&2u32.to_be_bytes()[..], &[0; 24]].concat());
        assert!(check(&trak(&[], &bx(b"elst", &v1))).unwrap_err().contains("elst declares 2 entries but has room for 1"));
    }

    #[test]
    fn sample_entry_children_are_checked_as_mp4parse_reads_them() {
        let video = |handlers: &[&[u8; 4]], children: &[u8]| {
            let mut mdia: Vec<Vec<u8>> = handlers.iter().map(|h| bx(b"mdia", &hdlr(h))).collect();
            mdia.push(bx(b"mdia", &minf(&[0; 78], children)));
            bx(b"trak", &mdia.concat())
        };
        assert_eq!(check(&video(&[b"vide"], &bx(b"avcC", &[1, 2, 3, 4]))), Ok(()));
        assert!(check(&video(&[b"vide"], &avcc_declaring(u32::MAX))).unwrap_err().contains("avcC"));
        // A handler mp4parse does not know keeps the video type it had: still checked.
        assert!(check(&video(&[b"vide", b"text"], &avcc_declaring(u32::MAX))).is_err());
        // No handler yet: mp4parse skips the entry, so its bytes are not boxes to check.
        assert_eq!(check(&video(&[], &avcc_declaring(u32::MAX))), Ok(()));
    }

    #[test]
    fn audio_entries_start_their_children_after_the_version_fields() {
        let audio = |version: u16, extra: usize| {
            let mut fields = vec![0u8; 28 + extra];
            fields[8..10].copy_from_slice(&version.to_be_bytes());
            bx(b"trak", &bx(b"mdia", &[hdlr(b"soun"), minf(&fields, &avcc_declaring(1 << 30))].concat()))
        };
        for (version, extra) in [(0, 0), (1, 16), (2, 36)] {
            assert!(check(&audio(version, extra)).is_err(), "version {version}");
        }
        // Version 3 is not read by mp4parse (unsupported), so neither is what follows.
        assert_eq!(check(&audio(3, 0)), Ok(()));
    }

    #[test]
    fn stsd_counts_and_padding() {
        let stsd = |count: u32, rest: &[u8]| {
            let stbl = bx(b"stbl", &bx(b"stsd", &full(0, &[&count.to_be_bytes()[..], rest].concat())));
            bx(b"trak", &bx(b"mdia", &[hdlr(b"vide"), bx(b"minf", &stbl)].concat()))
        };
        assert!(check(&stsd(2, &[0; 31])).unwrap_err().contains("stsd declares 2 entries but has room for 1"));
        // Past the declared entries mp4parse skips the rest as padding.
        assert_eq!(check(&stsd(0, &[0, 0, 0, 9])), Ok(()));
    }

    #[test]
    fn pssh_key_ids_and_data_must_fit() {
        let pssh = |version: u8, tail: &[u8]| bx(b"pssh", &full(version, &[&[0u8; 16][..], tail].concat()));
        assert_eq!(check(&pssh(0, &[0, 0, 0, 2, 9, 9])), Ok(()));
        assert!(check(&pssh(0, &[0xff, 0xff, 0xff, 0xff])).unwrap_err().contains("pssh declares 4294967295 bytes"));
        assert!(check(&pssh(1, &[0, 0, 0, 1, 0, 0, 0, 0])).unwrap_err().contains("pssh declares 1 entries"));
        assert_eq!(check(&pssh(1, &[&[0, 0, 0, 1][..], &[7; 16], &[0, 0, 0, 0]].concat())), Ok(()));
    }

    #[test]
    fn metadata_items_hold_data_boxes() {
        let udta = |data: Vec<u8>| bx(b"udta", &bx(b"meta", &full(0, &bx(b"ilst", &bx(b"\xa9nam", &data)))));
        assert_eq!(check(&udta(bx(b"data", b"title"))), Ok(()));
        assert!(check(&udta([&0x4000_0000u32.to_be_bytes()[..], b"data"].concat())).unwrap_err().contains("data declares"));
    }

    #[test]
    fn too_many_tracks_are_refused_before_mp4parse_sees_them() {
        let empty = bx(b"trak", b"");
        assert_eq!(check(&empty.repeat(MAX_TRACKS)), Ok(()));
        let e = check(&empty.repeat(MAX_TRACKS + 1)).unwrap_err();
        assert!(e.contains("1025 tracks"), "{e}");
    }
}
