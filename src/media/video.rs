//! Video probing (§2.3) as a read-driven state machine: walk the top-level box headers with
//! small reads, skip mdat by its size, read the whole moov box (and, for a fragmented file, the
//! small moof boxes), never the media data. Reads stay within `READ_BUDGET` plus the moov box.

use super::boxes::{self, ratio, Header, Parsed};
use super::frag::FragSum;
use super::limits::*;
use super::moov::{self, Moov};
use super::reader::{drive, Need, Probe, Window};
use super::{check, sniff, Fault};
use crate::issue::{Issue, Options};
use crate::rules::Ctx;
use serde::Serialize;

/// What a probed video is, and its issues against §2.3.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoInfo {
    /// "mp4" or "mov"; for a file of another kind, what it looks like ("png", "webm", ...).
    pub container: Option<&'static str>,
    pub duration_seconds: Option<f64>,
    /// Displayed size: a 90° or 270° rotation in the track header swaps the coded sides.
    pub width: Option<u64>,
    pub height: Option<u64>,
    /// Clockwise rotation from the track header: 0, 90, 180 or 270.
    pub rotation: Option<u16>,
    pub frame_rate: Option<f64>,
    /// As ffprobe names it: "h264", "hevc", "mpeg4", "vp9", "av1", ... or the sample entry fourcc.
    pub codec: Option<String>,
    pub fragmented: bool,
    pub bytes: u64,
    /// Bytes this probe read: at most `READ_BUDGET` plus the moov box.
    pub bytes_read: u64,
    pub issues: Vec<Issue>,
}

/// The video track's facts after fragments are added.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VideoTrackFacts {
    pub width: u64,
    pub height: u64,
    pub rotation: u16,
    pub codec: String,
    pub frame_rate: Option<f64>,
}

/// What the file says, before the limits are applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VideoFacts {
    pub container: &'static str,
    pub duration: Option<f64>,
    /// When the duration is unknown: a lower bound (fragments read so far), for the max check.
    pub at_least: Option<f64>,
    pub video: Option<VideoTrackFacts>,
    pub fragmented: bool,
    /// Fragmented, and not every fragment could be read: duration is approximate or unknown.
    pub fragments_partial: bool,
    /// The moov box was read but the media data is cut short.
    pub truncated: Option<String>,
}

enum Flow {
    Next,
    Read(Need),
    Stop,
}

/// Box types a file may start with; anything else is not an MP4/MOV file.
const FIRST_BOXES: &[&[u8; 4]] =
    &[b"ftyp", b"styp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"junk", b"pdin", b"sidx", b"moof"];

/// The video probe (see the module docs of `media` for the driver loop).
#[derive(Debug)]
pub struct VideoProbe {
    /// The size the caller gave, and the size that turned out readable (smaller after a short read).
    total: u64,
    size: u64,
    /// Start of the next top-level box.
    pos: u64,
    win: Window,
    bytes_read: u64,
    /// Size of the moov box once its header is seen; the read budget grows by it.
    moov_len: u64,
    brand: Option<[u8; 4]>,
    moov: Option<Moov>,
    frags: FragSum,
    partial: bool,
    truncated: Option<String>,
    fault: Option<Fault>,
    pending: Option<Need>,
}

impl VideoProbe {
    /// A probe for a file of `size` bytes.
    pub fn new(size: u64) -> Self {
        let mut p = VideoProbe {
            total: size,
            size,
            pos: 0,
            win: Window::default(),
            bytes_read: 0,
            moov_len: 0,
            brand: None,
            moov: None,
            frags: FragSum::default(),
            partial: false,
            truncated: None,
            fault: None,
            pending: None,
        };
        p.run();
        p
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Advances until a read is needed or the walk is over.
    fn run(&mut self) {
        self.pending = None;
        loop {
            match self.advance() {
                Flow::Next => {}
                Flow::Read(need) => {
                    self.pending = Some(need);
                    return;
                }
                Flow::Stop => return,
            }
        }
    }

    fn advance(&mut self) -> Flow {
        if self.fault.is_some() {
            return Flow::Stop;
        }
        if self.size == 0 {
            return self.fail(Fault::Corrupt("the file is empty".into()));
        }
        if self.pos >= self.size {
            return match self.moov {
                Some(_) => Flow::Stop,
                None => self.fail(Fault::Corrupt("there is no moov box (the movie header)".into())),
            };
        }
        let avail = self.win.from(self.pos);
        let h = match boxes::header(avail) {
            Parsed::Box(h) => h,
            Parsed::BadSize(s) => return self.bad_data(format!("the box at byte {} declares {s} bytes, less than its own header", self.pos)),
            Parsed::Short if avail.len() as u64 >= self.size - self.pos => {
                return self.bad_data(format!("the file ends inside a box header at byte {}", self.pos));
            }
            Parsed::Short => return self.read_header(),
        };
        if self.pos == 0 && !FIRST_BOXES.contains(&&h.kind) {
            return self.fail(Fault::Format(sniff::format(avail)));
        }
        if !boxes::is_printable(h.kind) {
            return self.bad_data(format!("unrecognised data at byte {}", self.pos));
        }
        let end = h.size.map_or(self.size, |s| self.pos.saturating_add(s));
        match &h.kind {
            b"ftyp" if self.brand.is_none() => {
                self.brand = boxes::fourcc(avail, h.header_len as usize).or(Some(*b"????"));
                self.skip(h, end)
            }
            b"moov" if self.moov.is_none() => self.moov_box(end),
            b"moof" if self.moov.as_ref().is_some_and(|m| m.fragmented && m.video.is_some()) => self.moof_box(h, end),
            _ => self.skip(h, end),
        }
    }

    fn skip(&mut self, h: Header, end: u64) -> Flow {
        if end > self.size {
            let kind = String::from_utf8_lossy(&h.kind).into_owned();
            let detail = format!("the {kind} box ends at byte {end}, but the file has only {} bytes", self.size);
            if self.moov.is_none() {
                return self.fail(Fault::Truncated(format!("{detail}, and no moov box comes before it")));
            }
            self.truncated = Some(detail);
            return Flow::Stop;
        }
        self.pos = end;
        Flow::Next
    }

    fn moov_box(&mut self, end: u64) -> Flow {
        let len = end - self.pos;
        if len > MAX_MOOV_BYTES {
            let msg = format!("the moov box declares {len} bytes, more than the {} MiB this probe reads", MAX_MOOV_BYTES >> 20);
            return self.fail(Fault::Corrupt(msg));
        }
        if end > self.size {
            return self.fail(Fault::Truncated(format!("the moov box ends at byte {end}, but the file has only {} bytes", self.size)));
        }
        self.moov_len = len;
        let Some(bytes) = self.win.range(self.pos, end) else { return self.read_body(end) };
        match moov::read(bytes) {
            Ok(m) => self.moov = Some(m),
            Err(detail) => return self.fail(Fault::Corrupt(detail)),
        }
        self.pos = end;
        Flow::Next
    }

    fn moof_box(&mut self, h: Header, end: u64) -> Flow {
        if end > self.size || end - self.pos > MAX_MOOF_BYTES {
            self.partial = true;
            return self.skip(h, end);
        }
        let Some(bytes) = self.win.range(self.pos, end) else { return self.read_body(end) };
        if let Some(m) = &self.moov {
            let (id, trex) = (m.video.as_ref().map_or(0, |v| v.id), m.trex_duration);
            self.frags.add_moof(bytes.get(h.header_len as usize..).unwrap_or(&[]), id, trex);
        }
        self.pos = end;
        Flow::Next
    }

    /// Reads the next box header: a 4 KiB chunk until the moov box is found (it often holds the
    /// moov header or all of a small moov), then just the header (or moof + mdat header).
    fn read_header(&mut self) -> Flow {
        let chunk = match &self.moov {
            None => HEADER_CHUNK,
            Some(m) if m.fragmented => FRAGMENT_CHUNK,
            Some(_) => BOX_HEADER,
        };
        self.read(self.pos, chunk, false)
    }

    /// Reads the rest of the box that ends at `end`, continuing the window when it holds the start.
    fn read_body(&mut self, end: u64) -> Flow {
        let from = if self.win.touches(self.pos) && self.win.end() >= self.pos { self.win.end() } else { self.pos };
        self.read(from, end.saturating_sub(from), true)
    }

    /// A read within the budget; a header read may shrink to what is left of it.
    fn read(&mut self, offset: u64, len: u64, exact: bool) -> Flow {
        let mut len = len.min(self.size.saturating_sub(offset));
        let left = (READ_BUDGET + self.moov_len).saturating_sub(self.bytes_read);
        if len > left && !exact && left >= BOX_HEADER {
            len = left;
        }
        if len == 0 || len > left {
            return self.out_of_budget();
        }
        Flow::Read(Need { offset, len })
    }

    fn out_of_budget(&mut self) -> Flow {
        match &self.moov {
            Some(m) => {
                self.partial = m.fragmented;
                Flow::Stop
            }
            None => {
                let msg = format!("no moov box in the first {} bytes read (the limit is {} KiB besides the moov box)", self.bytes_read, READ_BUDGET >> 10);
                self.fail(Fault::Corrupt(msg))
            }
        }
    }

    /// Data that is not a box: fatal before the moov box, the end of the walk after it.
    fn bad_data(&mut self, detail: String) -> Flow {
        match self.moov {
            Some(_) => Flow::Stop,
            None => self.fail(Fault::Corrupt(detail)),
        }
    }

    fn fail(&mut self, fault: Fault) -> Flow {
        self.fault = Some(fault);
        Flow::Stop
    }

    fn facts(&self) -> Result<VideoFacts, Fault> {
        if let Some(f) = &self.fault {
            return Err(f.clone());
        }
        let Some(m) = &self.moov else {
            return Err(Fault::Corrupt("the probe was stopped before the moov box was read".into()));
        };
        let fr = self.frags;
        let video = m.video.as_ref().map(|t| {
            let (samples, units) = (t.samples.saturating_add(fr.samples), t.units.saturating_add(fr.units));
            let uniform = t.uniform_delta.filter(|_| fr.samples == 0).and_then(|d| ratio(t.timescale, d));
            let average = ratio(samples, units).map(|r| r * t.timescale as f64).filter(|r| r.is_finite());
            VideoTrackFacts {
                width: t.width,
                height: t.height,
                rotation: t.rotation,
                codec: t.codec.clone(),
                frame_rate: uniform.or(average).filter(|r| *r > 0.0),
            }
        });
        // A fragmented file's duration is exact once every fragment was summed, or given by
        // mehd; a partial sum is only a lower bound.
        let all_read = !self.partial && self.pending.is_none();
        let (duration, at_least) = if m.fragmented {
            let sum = m.video.as_ref().and_then(|t| ratio(t.units.saturating_add(fr.units), t.timescale)).filter(|d| *d > 0.0);
            match (all_read, m.fragment_duration) {
                (true, _) => (sum.or(m.fragment_duration).or(m.duration), None),
                (false, Some(d)) => (Some(d), None),
                (false, None) => (None, sum),
            }
        } else {
            (m.duration, None)
        };
        Ok(VideoFacts {
            container: if matches!(self.brand, None | Some([b'q', b't', b' ', b' '])) { "mov" } else { "mp4" },
            duration,
            at_least,
            video,
            fragmented: m.fragmented,
            fragments_partial: m.fragmented && (!all_read || duration.is_none()),
            truncated: self.truncated.clone(),
        })
    }

    /// The facts and the issues against §2.3, at `path` (a JSON pointer such as
    /// `/video_list/0/video_url`), in the options' locale and rule policy.
    pub fn finish(self, path: &str, opts: &Options) -> VideoInfo {
        let facts = self.facts();
        let mut ctx = Ctx::new(opts);
        check::video(&mut ctx, path, &facts, self.total);
        let ok = facts.as_ref().ok();
        let video = ok.and_then(|f| f.video.as_ref());
        VideoInfo {
            container: match &facts {
                Ok(f) => Some(f.container),
                Err(Fault::Format(f)) => Some(*f).filter(|f| *f != "unknown"),
                Err(_) => None,
            },
            duration_seconds: ok.and_then(|f| f.duration),
            width: video.map(|v| v.width),
            height: video.map(|v| v.height),
            rotation: video.map(|v| v.rotation),
            frame_rate: video.and_then(|v| v.frame_rate),
            codec: video.map(|v| v.codec.clone()),
            fragmented: ok.is_some_and(|f| f.fragmented),
            bytes: self.total,
            bytes_read: self.bytes_read,
            issues: ctx.issues,
        }
    }
}

impl Probe for VideoProbe {
    fn need(&self) -> Option<Need> {
        self.pending
    }

    fn feed(&mut self, bytes: &[u8]) {
        let Some(need) = self.pending else { return };
        let got = bytes.get(..usize::try_from(need.len).unwrap_or(usize::MAX)).unwrap_or(bytes);
        self.bytes_read += got.len() as u64;
        self.win.put(need.offset, got);
        if (got.len() as u64) < need.len {
            // The file ended before the size the caller gave: walk what there is.
            self.size = need.offset + got.len() as u64;
        }
        self.run();
    }
}

/// Probes a video held in memory (same machine, so `bytes_read` means the same).
pub fn probe_video_bytes(bytes: &[u8], path: &str, opts: &Options) -> VideoInfo {
    let mut probe = VideoProbe::new(bytes.len() as u64);
    drive(&mut probe, bytes);
    probe.finish(path, opts)
}
