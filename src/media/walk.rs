//! The top-level box walk of the video probe: small reads of box headers, mdat skipped by its
//! size, the whole moov box read and parsed, and in a fragmented file the small moof boxes summed.
//! Every read but the moov box counts against `READ_BUDGET`, so a walk reads at most
//! `READ_BUDGET` + the moov box, wherever the moov sits.

use super::boxes::{self, Header, Parsed};
use super::frag::FragSum;
use super::limits::*;
use super::moov::{self, Moov};
use super::reader::{Need, Window};
use super::{sniff, Fault};

enum Flow {
    Next,
    Read(Need),
    Stop,
}

/// Box types a file may start with; anything else is not an MP4/MOV file.
const FIRST_BOXES: &[&[u8; 4]] = &[b"ftyp", b"styp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"junk", b"pdin", b"sidx", b"moof"];

/// The walk's state; `VideoProbe` turns what it found into facts.
#[derive(Debug)]
pub(crate) struct Walk {
    /// The readable size: the caller's, or smaller after a short read.
    pub size: u64,
    /// Start of the next top-level box.
    pos: u64,
    win: Window,
    pub bytes_read: u64,
    /// Size of the moov box once its header is seen; the read budget grows by it.
    moov_len: u64,
    /// ftyp major brand.
    pub brand: Option<[u8; 4]>,
    pub moov: Option<Moov>,
    pub frags: FragSum,
    /// Fragments were left unread (budget, or a moof too large).
    pub partial: bool,
    /// The moov box was read, but the data after it is cut short.
    pub truncated: Option<String>,
    pub fault: Option<Fault>,
    pub pending: Option<Need>,
}

impl Walk {
    pub fn new(size: u64) -> Self {
        let mut w = Walk {
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
        w.run();
        w
    }

    /// Takes the bytes of the pending read (fewer bytes: the file ends there) and walks on.
    pub fn feed(&mut self, bytes: &[u8]) {
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

    /// The driver could not read the requested bytes (a Blob whose file went away): stop, and
    /// report the file as unreadable with the driver's reason.
    pub fn read_failed(&mut self, why: &str) {
        self.pending = None;
        self.fault = Some(Fault::Corrupt(format!("reading the file failed ({why})")));
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
                let detail = format!("the file ends inside a box header, at byte {}", self.size);
                if self.moov.is_none() {
                    return self.fail(Fault::Truncated(format!("{detail}, before any moov box")));
                }
                self.truncated = Some(detail);
                return Flow::Stop;
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
}
