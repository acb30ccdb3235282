//! The API's media limits (kling-api.md §2.2, §2.3) and the probes' own read limits.
//! "MB" in the API docs is read as MiB (2^20 bytes), the lenient reading.

/// §2.2: accepted image formats, as the docs name them.
pub const IMAGE_FORMATS: &[&str] = &["jpg", "jpeg", "png"];
/// §2.2: at most 10 MB.
pub const IMAGE_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// §2.2: each side at least 300 px.
pub const IMAGE_MIN_SIDE: u64 = 300;
/// §2.2: 0.4 ≤ w/h ≤ 2.5, i.e. 2·h ≤ 5·w and 2·w ≤ 5·h (checked in integers: no rounding).
pub const IMAGE_RATIO_MIN: f64 = 0.4;
/// §2.2: the widest image, w/h at most 2.5 (the tallest is `IMAGE_RATIO_MIN`).
pub const IMAGE_RATIO_MAX: f64 = 2.5;

/// §2.3: accepted containers.
pub const VIDEO_FORMATS: &[&str] = &["mp4", "mov"];
/// §2.3: at most 200 MB.
pub const VIDEO_MAX_BYTES: u64 = 200 * 1024 * 1024;
/// §2.3: 3 to 10 s.
pub const VIDEO_MIN_SECONDS: f64 = 3.0;
/// §2.3: the longest reference video, in seconds (with `NTSC_SLACK`).
pub const VIDEO_MAX_SECONDS: f64 = 10.0;
/// §2.3: each displayed side 720 to 2160 px.
pub const VIDEO_MIN_SIDE: u64 = 720;
/// §2.3: the longest a displayed side may be, in px.
pub const VIDEO_MAX_SIDE: u64 = 2160;
/// §2.3: 24 to 60 fps.
pub const VIDEO_MIN_FPS: f64 = 24.0;
/// §2.3: the highest frame rate (with `NTSC_SLACK`).
pub const VIDEO_MAX_FPS: f64 = 60.0;
/// NTSC-family clips run 1000/1001 of their nominal rate (23.976, 29.97, 59.94 fps), so a
/// "24 fps" or "10 s" clip is 0.1% off; duration and frame-rate limits allow that much.
pub const NTSC_SLACK: f64 = 1001.0 / 1000.0;

/// Which pixel sizes a row of `VideoLimits` accepts (displayed sides, rotation applied).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sides {
    /// Each side within `min..=max` px (§2.3).
    Each {
        /// The shortest a side may be.
        min: u64,
        /// The longest a side may be.
        max: u64,
    },
    /// "1080p" (§8.3): the shorter side is exactly this many px, whichever way up the video is
    /// (1920×1080 and 1080×1920 both are; 1280×720 and 2560×1440 are not).
    Short(u64),
}

/// One kind of video input's limits: what `check::video` checks a probed file against, and the
/// rule its issues carry. A row per field that takes a local video file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VideoLimits {
    /// The rule id of every issue (so a caller's policy for it applies).
    pub rule: &'static str,
    /// Accepted containers.
    pub formats: &'static [&'static str],
    /// Largest file, in bytes.
    pub max_bytes: u64,
    /// Duration range in seconds (each end widened by `NTSC_SLACK`).
    pub seconds: (f64, f64),
    /// Accepted pixel sizes.
    pub sides: Sides,
    /// Accepted aspect ratios as (w, h), within `ASPECT_TOLERANCE`; empty = any.
    pub aspects: &'static [(u64, u64)],
    /// Frame-rate range (each end widened by `NTSC_SLACK`); None = not limited.
    pub fps: Option<(f64, f64)>,
}

/// §2.3, the omni-video reference video (`video_list[].video_url`), rule GEN-MEDIA.
pub const REFERENCE_VIDEO: VideoLimits = VideoLimits {
    rule: crate::rules::ids::MEDIA,
    formats: VIDEO_FORMATS,
    max_bytes: VIDEO_MAX_BYTES,
    seconds: (VIDEO_MIN_SECONDS, VIDEO_MAX_SECONDS),
    sides: Sides::Each { min: VIDEO_MIN_SIDE, max: VIDEO_MAX_SIDE },
    aspects: &[],
    fps: Some((VIDEO_MIN_FPS, VIDEO_MAX_FPS)),
};

/// Rule id of the custom-element refer video's file checks (§8.3); the schema registry
/// (src/schema/custom_element.rs) registers it with the other EL-* rules.
pub const EL_VIDEO: &str = "EL-VIDEO";

/// §8.3: `element_video_list.refer_videos[].video_url`: mp4/mov, 1080p, 3–8 s, 16:9 or 9:16,
/// ≤ 200 MB ("MB" read as MiB, as in §2.3). No frame-rate limit is documented there.
pub const ELEMENT_VIDEO: VideoLimits = VideoLimits {
    rule: EL_VIDEO,
    formats: VIDEO_FORMATS,
    max_bytes: VIDEO_MAX_BYTES,
    seconds: (3.0, 8.0),
    sides: Sides::Short(1080),
    aspects: &[(16, 9), (9, 16)],
    fps: None,
};

/// How far a video's w/h may be from an accepted aspect ratio, as a fraction of it: 1 %, so a
/// 1080p 16:9 video may be 1901 to 1939 px wide (encoders crop or pad a few px; 1440×1080 4:3 or
/// 1080×1080 are far outside). Checked in integers: 100·|b·w − a·h| ≤ a·h for a:b.
pub const ASPECT_TOLERANCE_PERCENT: u64 = 1;

/// A video probe reads at most this much besides the moov box itself.
pub const READ_BUDGET: u64 = 64 * 1024;
/// A larger moov box is refused, so a hostile size cannot make the probe allocate gigabytes.
pub const MAX_MOOV_BYTES: u64 = 64 * 1024 * 1024;
/// A larger moof box (one fragment's index) ends the fragment walk.
pub const MAX_MOOF_BYTES: u64 = 1024 * 1024;
/// First read of a file, and of each top-level box header until the moov box is found: enough
/// for ftyp + moov header (+ the whole moov of a short clip) in one read.
pub const HEADER_CHUNK: u64 = 4096;
/// Read of a box header after the moov box, in a fragmented file (moof + mdat header together).
pub const FRAGMENT_CHUNK: u64 = 1024;
/// Read of a plain box header (64-bit size included).
pub const BOX_HEADER: u64 = 16;
/// An image header is looked for in at most this many leading bytes (JPEG EXIF/ICC segments can
/// push the size marker far in); reads grow 4× from `HEADER_CHUNK`.
pub const IMAGE_MAX_HEADER: u64 = 4 * 1024 * 1024;
