//! The moov box -> the facts the checks need: movie duration, the video track's displayed size,
//! rotation, codec and sample timing, and the fragment defaults. `mp4parse` validates and parses
//! the box; a few fields it does not expose (mvhd duration, the sample entry's fourcc, trex) are
//! read from the same bytes with `boxes`.

use super::boxes::{self, be_u32, children, descend, ratio, version_flags, versioned};
use super::fits;
use std::io::Cursor;

/// The video track's facts from the moov box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Track {
    pub id: u32,
    /// Displayed size: coded size with a 90°/270° rotation applied.
    pub width: u64,
    pub height: u64,
    /// Clockwise degrees from the track header matrix: 0, 90, 180 or 270.
    pub rotation: u16,
    pub codec: String,
    /// Media timescale (mdhd), units per second.
    pub timescale: u64,
    /// Samples and their total duration in media units (stts).
    pub samples: u64,
    pub units: u64,
    /// The sample duration when all (but possibly the last) samples share one.
    pub uniform_delta: Option<u64>,
}

/// What the moov box says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Moov {
    /// Movie duration in seconds (mvhd, else the longest track); None when unknown or zero.
    pub duration: Option<f64>,
    pub video: Option<Track>,
    /// An mvex box: the samples (or most of them) are in moof fragments after the moov.
    pub fragmented: bool,
    /// Fragmented movie duration from mehd, in seconds.
    pub fragment_duration: Option<f64>,
    /// trex default sample duration for the video track (used when tfhd/trun give none).
    pub trex_duration: u32,
}

/// Parses a whole moov box (header included).
pub(crate) fn read(moov: &[u8]) -> Result<Moov, String> {
    let payload = match boxes::header(moov) {
        boxes::Parsed::Box(h) => moov.get(h.header_len as usize..).unwrap_or(&[]),
        _ => &[],
    };
    // mp4parse reserves what boxes declare before reading them: check first that it all fits.
    fits::check(payload)?;
    let ctx = mp4parse::read_mp4(&mut Cursor::new(moov)).map_err(describe)?;
    let movie_scale = ctx.timescale.as_ref().map_or(0, |t| t.0);
    let traks: Vec<&[u8]> = children(payload).filter(|(k, _)| k == b"trak").map(|(_, b)| b).collect();

    let video = ctx.tracks.iter().find_map(|t| video_track(t, traks.get(t.id).copied()));
    let longest_track = ctx
        .tracks
        .iter()
        .filter_map(|t| {
            let tkhd = t.tkhd.as_ref().map(|h| h.duration).filter(|&d| d != 0 && d != u64::from(u32::MAX) && d != u64::MAX);
            match tkhd {
                Some(d) => ratio(d, movie_scale),
                None => ratio(t.duration?.0, t.timescale?.0),
            }
        })
        .filter(|d| *d > 0.0)
        .reduce(f64::max);
    let duration = mvhd_duration(payload).and_then(|d| ratio(d, movie_scale)).filter(|d| *d > 0.0).or(longest_track);
    let fragment_duration = ctx.mvex.as_ref().and_then(|m| ratio(m.fragment_duration?.0, movie_scale)).filter(|d| *d > 0.0);
    let trex_duration = video.as_ref().and_then(|v| trex_duration(payload, v.id)).unwrap_or(0);
    Ok(Moov { duration, video, fragmented: ctx.mvex.is_some(), fragment_duration, trex_duration })
}

fn video_track(t: &mp4parse::Track, trak: Option<&[u8]>) -> Option<Track> {
    if t.track_type != mp4parse::TrackType::Video {
        return None;
    }
    let entry = t.stsd.as_ref()?.descriptions.iter().find_map(|d| match d {
        mp4parse::SampleEntry::Video(v) => Some(v),
        _ => None,
    });
    let tkhd = t.tkhd.as_ref();
    // The sample entry's coded size; the track header's (16.16 fixed point) if that is missing.
    let (mut w, mut h) = match entry {
        Some(e) if e.width > 0 && e.height > 0 => (u64::from(e.width), u64::from(e.height)),
        _ => tkhd.map_or((0, 0), |h| (u64::from(h.width >> 16), u64::from(h.height >> 16))),
    };
    let rotation = tkhd.map_or(0, |h| rotation(&h.matrix));
    if rotation % 180 == 90 {
        std::mem::swap(&mut w, &mut h);
    }
    let (samples, units, uniform_delta) = timing(t.stts.as_ref());
    Some(Track {
        id: t.track_id.unwrap_or(0),
        width: w,
        height: h,
        rotation,
        codec: trak.and_then(fourcc).map_or_else(|| "unknown".to_owned(), codec_name),
        timescale: t.timescale.map_or(0, |s| s.0),
        samples,
        units,
        uniform_delta,
    })
}

/// Clockwise rotation of a track header matrix [a b; c d] (only the four right angles).
fn rotation(m: &mp4parse::Matrix) -> u16 {
    match (m.a.signum(), m.b.signum(), m.c.signum(), m.d.signum()) {
        // x' = a·x + c·y, y' = b·x + d·y (y down): b = -1, c = 1 turns the left edge into the
        // top edge, a clockwise quarter turn (what ffmpeg's rotate=90 writes).
        (0, -1, 1, 0) => 90,
        (-1, 0, 0, -1) => 180,
        (0, 1, -1, 0) => 270,
        _ => 0,
    }
}

/// Sample count, total duration, and the shared sample duration if there is one. Like ffmpeg,
/// a last sample with its own duration does not break uniformity.
fn timing(stts: Option<&mp4parse::TimeToSampleBox>) -> (u64, u64, Option<u64>) {
    let Some(stts) = stts else { return (0, 0, None) };
    let (mut samples, mut units) = (0u64, 0u64);
    for s in stts.samples.iter() {
        samples = samples.saturating_add(u64::from(s.sample_count));
        units = units.saturating_add(u64::from(s.sample_count).saturating_mul(u64::from(s.sample_delta)));
    }
    let e = &stts.samples;
    let uniform = match (e.first(), e.get(1), e.len()) {
        (Some(a), _, 1) => Some(a.sample_delta),
        (Some(a), Some(b), 2) if b.sample_count == 1 => Some(a.sample_delta),
        _ => None,
    };
    (samples, units, uniform.filter(|&d| d > 0).map(u64::from))
}

/// mvhd duration in movie units (version 0: u32 at 16; version 1: u64 at 24).
fn mvhd_duration(moov_payload: &[u8]) -> Option<u64> {
    let mvhd = boxes::child(moov_payload, b"mvhd")?;
    let (version, _) = version_flags(mvhd)?;
    if version == 1 {
        versioned(mvhd, 24, true)
    } else {
        versioned(mvhd, 16, false)
    }
}

/// The fourcc of the first sample entry in a trak's stsd.
fn fourcc(trak: &[u8]) -> Option<[u8; 4]> {
    let stsd = descend(trak, &[b"mdia", b"minf", b"stbl", b"stsd"])?;
    boxes::fourcc(stsd, 12)
}

/// Codec names as ffprobe prints them.
fn codec_name(fourcc: [u8; 4]) -> String {
    let name = match &fourcc {
        b"avc1" | b"avc3" => "h264",
        b"hvc1" | b"hev1" => "hevc",
        b"mp4v" => "mpeg4",
        b"vp09" => "vp9",
        b"vp08" => "vp8",
        b"av01" => "av1",
        b"s263" | b"h263" => "h263",
        b"jpeg" | b"mjpa" | b"mjpb" => "mjpeg",
        b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => "prores",
        b"encv" => "encrypted",
        _ => return fourcc.iter().filter(|c| c.is_ascii_graphic()).map(|&c| char::from(c)).collect(),
    };
    name.to_owned()
}

/// trex default_sample_duration for a track (moov/mvex/trex: v+flags, track_id, index, duration).
fn trex_duration(moov_payload: &[u8], track_id: u32) -> Option<u32> {
    let mvex = boxes::child(moov_payload, b"mvex")?;
    children(mvex).filter(|(k, _)| k == b"trex").find(|(_, b)| be_u32(b, 4) == Some(track_id)).and_then(|(_, b)| be_u32(b, 12))
}

/// A short, stable description of mp4parse's error (its Debug names the failed check).
fn describe(e: mp4parse::Error) -> String {
    match e {
        mp4parse::Error::InvalidData(status) => format!("the moov box is corrupt ({status:?})"),
        mp4parse::Error::Unsupported(what) => format!("the moov box uses an unsupported feature ({what})"),
        mp4parse::Error::UnexpectedEOF => "the moov box ends inside one of its children".to_owned(),
        mp4parse::Error::OutOfMemory => "the moov box declares more data than fits in memory".to_owned(),
        mp4parse::Error::MoovMissing | mp4parse::Error::Io(_) => "the moov box could not be read".to_owned(),
    }
}
