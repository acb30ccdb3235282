//! Image probing (§2.2): format and pixel size from the header, parsed by the `imagesize` crate
//! over the leading bytes only (more are read only when a JPEG's size marker sits further in).

use super::facts::ImageFacts;
use super::limits::{HEADER_CHUNK, IMAGE_MAX_HEADER};
use super::reader::{drive, Need, Probe, Window};
use super::{base64, check, sniff, Fault};
use crate::issue::{Code, Issue, Options};
use crate::rules::{ids, Ctx};
use serde::Serialize;

/// What a probed image is, and its issues against §2.2.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageInfo {
    /// "jpeg", "png", "webp", "gif", "bmp"; for another kind of file what it looks like ("mp4",
    /// "webm", ...); None when unrecognised.
    pub format: Option<&'static str>,
    /// Pixel width, when the header gives it.
    pub width: Option<u64>,
    /// Pixel height, when the header gives it.
    pub height: Option<u64>,
    /// The file size (for base64, the decoded size).
    pub bytes: u64,
    /// What breaks the API's limits (rule GEN-MEDIA), at the caller's path.
    pub issues: Vec<Issue>,
}

/// The image probe as a state machine: reads a prefix, and a longer one while the header runs on.
#[derive(Debug)]
pub struct ImageProbe {
    total: u64,
    win: Window,
    /// The prefix length wanted now.
    want: u64,
    result: Option<Result<ImageFacts, Fault>>,
}

impl ImageProbe {
    /// A probe for a file of `total` bytes.
    pub fn new(total: u64) -> Self {
        let mut p = ImageProbe { total, win: Window::default(), want: total.min(HEADER_CHUNK), result: None };
        if total == 0 {
            p.result = Some(Err(Fault::Corrupt("the file is empty".into())));
        }
        p
    }

    /// The facts and the issues against §2.2, at `path` (a JSON pointer such as
    /// `/image_list/2/image_url`), in the options' locale and rule policy.
    pub fn finish(self, path: &str, opts: &Options) -> ImageInfo {
        let mut ctx = Ctx::new(opts);
        self.finish_in(&mut ctx, path)
    }

    fn finish_in(self, ctx: &mut Ctx, path: &str) -> ImageInfo {
        let facts = self.result.unwrap_or_else(|| Err(Fault::Corrupt("the probe was stopped before the header was read".into())));
        check::image(ctx, path, &facts, self.total);
        let (format, size) = match &facts {
            Ok(f) => (Some(f.format).filter(|f| *f != "unknown"), f.size),
            Err(Fault::Format(f)) => (Some(*f).filter(|f| *f != "unknown"), None),
            Err(_) => (None, None),
        };
        ImageInfo { format, width: size.map(|s| s.0), height: size.map(|s| s.1), bytes: self.total, issues: std::mem::take(&mut ctx.issues) }
    }

    fn parse(&mut self) {
        let data = self.win.from(0);
        let have = data.len() as u64;
        let more_possible = have < self.total && have < IMAGE_MAX_HEADER;
        let kind = match imagesize::image_type(data) {
            Ok(t) => t,
            Err(imagesize::ImageError::IoError(_)) if more_possible => return self.grow(),
            Err(imagesize::ImageError::IoError(_)) => {
                self.result = Some(Err(Fault::Corrupt(format!("{have} bytes are too few for an image header"))));
                return;
            }
            Err(_) => {
                self.result = Some(Err(Fault::Format(sniff::format(data))));
                return;
            }
        };
        let format = sniff::image_name(&kind);
        self.result = Some(match imagesize::blob_size(data) {
            Ok(s) => Ok(ImageFacts { format, size: Some((s.width as u64, s.height as u64)) }),
            Err(imagesize::ImageError::IoError(_)) if more_possible => return self.grow(),
            Err(imagesize::ImageError::IoError(_)) if have < self.total => Err(Fault::Corrupt(format!("no {format} size marker in the first {have} bytes"))),
            Err(imagesize::ImageError::IoError(_)) => Err(Fault::Truncated(format!("the {format} header ends early, at byte {have}"))),
            Err(_) => Err(Fault::Corrupt(format!("the {format} header is corrupt"))),
        });
    }

    fn grow(&mut self) {
        self.want = self.total.min(self.want.saturating_mul(4)).min(IMAGE_MAX_HEADER).max(self.win.end());
    }
}

impl Probe for ImageProbe {
    fn read_failed(&mut self, why: &str) {
        self.result = Some(Err(Fault::Corrupt(format!("reading the file failed ({why})"))));
    }

    fn need(&self) -> Option<Need> {
        let have = self.win.end();
        (self.result.is_none() && self.want > have).then_some(Need { offset: have, len: self.want - have })
    }

    fn feed(&mut self, bytes: &[u8]) {
        let Some(need) = self.need() else { return };
        let got = bytes.get(..need.len as usize).unwrap_or(bytes);
        self.win.put(need.offset, got);
        if (got.len() as u64) < need.len {
            // The file is shorter than its stated size: probe what there is.
            self.total = self.win.end();
            self.want = self.total;
        }
        self.parse();
    }
}

/// Probes an image held in memory.
pub fn probe_image(bytes: &[u8], path: &str, opts: &Options) -> ImageInfo {
    let mut probe = ImageProbe::new(bytes.len() as u64);
    drive(&mut probe, bytes);
    probe.finish(path, opts)
}

/// Probes an image given as raw base64 (as the API takes it), decoding only the header bytes;
/// `bytes` is the decoded size. A `data:...;base64,` prefix is reported (the API refuses it)
/// and the payload after it is still probed.
pub fn probe_image_base64(text: &str, path: &str, opts: &Options) -> ImageInfo {
    let mut ctx = Ctx::new(opts);
    let mut payload = text;
    if text.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")) {
        ctx.error(path, Code::DataUriPrefix, ids::IMAGE, vec![]);
        payload = text.split_once(',').map_or("", |(_, rest)| rest);
    }
    if crate::rules::inputs::is_http_url(payload) {
        return not_base64(ctx, path, "this is a URL; pass the file itself or its base64".into());
    }
    let Some(total) = base64::decoded_len(payload) else {
        return not_base64(ctx, path, "its length is not that of base64 text".into());
    };
    let mut probe = ImageProbe::new(total);
    while let Some(need) = probe.need() {
        match base64::decode_range(payload, need.offset, need.end()) {
            Ok(bytes) => probe.feed(&bytes),
            Err(at) => return not_base64(ctx, path, format!("character {at} is not base64")),
        }
    }
    probe.finish_in(&mut ctx, path)
}

fn not_base64(mut ctx: Ctx, path: &str, detail: String) -> ImageInfo {
    let mut probe = ImageProbe::new(0);
    probe.result = Some(Err(Fault::Corrupt(format!("not valid base64: {detail}"))));
    probe.finish_in(&mut ctx, path)
}
