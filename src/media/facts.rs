//! What a probe read from a file, before the API's limits are applied: the input of `check`.
//! Its own file so that `check` (facts -> issues) and the probes (`image`, `video`, which call
//! `check`) do not depend on each other (tests/no_cycles.rs).

/// What the header says, before the limits are applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImageFacts {
    pub format: &'static str,
    /// None for a format we recognise by its magic bytes but cannot size.
    pub size: Option<(u64, u64)>,
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
