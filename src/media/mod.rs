//! Local media checks (kling-api.md §2.2 images, §2.3 reference video): read a file's headers,
//! report format, pixel size, duration, frame rate and size, and the issues against the API's
//! limits — without uploading and without reading the media data.
//!
//! Both probes are pure state machines, so the JS side can drive them with small `Blob` slices:
//!
//! ```
//! use kling_wasm::media::{Probe, VideoProbe};
//! # let file: Vec<u8> = Vec::new();
//! let mut probe = VideoProbe::new(file.len() as u64);
//! while let Some(need) = probe.need() {
//!     // read bytes [need.offset, need.offset + need.len) from the file, then:
//!     let end = (need.offset + need.len).min(file.len() as u64);
//!     probe.feed(&file[need.offset as usize..end as usize]);
//! }
//! let info = probe.finish("/video_list/0/video_url", &Default::default());
//! assert!(!info.issues.is_empty()); // an empty file is unreadable
//! ```
//!
//! `probe_image`, `probe_image_base64` and `probe_video_bytes` do the same over bytes already in
//! memory. Why `mp4parse` parses the moov box: see README.md in this folder.

pub(crate) mod base64;
mod boxes;
mod check;
pub mod element;
mod facts;
mod fits;
mod frag;
mod image;
pub mod limits;
mod moov;
mod reader;
mod sniff;
mod video;
mod walk;

pub use element::{check_custom_element_media, probe_element_video, EL_VIDEO};
pub use image::{probe_image, probe_image_base64, ImageInfo, ImageProbe};
pub use reader::{drive, Need, Probe};
pub use video::{probe_video_bytes, probe_video_bytes_with, VideoInfo, VideoProbe};

/// Why a file could not be probed (turned into an issue by `check`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fault {
    /// Not the kind of file expected; the sniffed format ("png", "webm", "unknown").
    Format(&'static str),
    /// The file ends before something it declares (a cut download or copy).
    Truncated(String),
    /// Unreadable for another reason: a short technical detail.
    Corrupt(String),
}
