//! Video probing (§2.3): `VideoProbe` drives the box walk (walk.rs) and turns what it found —
//! moov facts plus summed fragments — into duration, displayed size, frame rate and issues.

use super::boxes::ratio;
use super::facts::{VideoFacts, VideoTrackFacts};
use super::limits::{VideoLimits, REFERENCE_VIDEO};
use super::reader::{drive, Need, Probe};
use super::walk::Walk;
use super::{check, Fault};
use crate::issue::{Issue, Options};
use crate::rules::Ctx;
use serde::Serialize;

/// What a probed video is, and its issues against §2.3.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoInfo {
    /// "mp4" or "mov"; for a file of another kind, what it looks like ("png", "webm", ...).
    pub container: Option<&'static str>,
    /// Length in seconds, from the movie header.
    pub duration_seconds: Option<f64>,
    /// Displayed size: a 90° or 270° rotation in the track header swaps the coded sides.
    pub width: Option<u64>,
    /// Pixel height of the video track.
    pub height: Option<u64>,
    /// Clockwise rotation from the track header: 0, 90, 180 or 270.
    pub rotation: Option<u16>,
    /// Frames per second, when the track's sample table gives it.
    pub frame_rate: Option<f64>,
    /// As ffprobe names it: "h264", "hevc", "mpeg4", "vp9", "av1", ... or the sample entry fourcc.
    pub codec: Option<String>,
    /// A fragmented MP4 (moof boxes): its length may be only the first fragment's.
    pub fragmented: bool,
    /// The file's size in bytes.
    pub bytes: u64,
    /// Bytes this probe read: at most `READ_BUDGET` plus the moov box.
    pub bytes_read: u64,
    /// What breaks the API's limits (rule GEN-MEDIA, or the rule of the limits row given to
    /// `finish_with`), at the caller's path.
    pub issues: Vec<Issue>,
}

/// The video probe (see the module docs of `media` for the driver loop).
#[derive(Debug)]
pub struct VideoProbe {
    /// The size the caller gave (reported as `bytes`).
    total: u64,
    walk: Walk,
}

impl VideoProbe {
    /// A probe for a file of `size` bytes.
    pub fn new(size: u64) -> Self {
        VideoProbe { total: size, walk: Walk::new(size) }
    }

    /// Bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.walk.bytes_read
    }

    fn facts(&self) -> Result<VideoFacts, Fault> {
        let w = &self.walk;
        if let Some(f) = &w.fault {
            return Err(f.clone());
        }
        let Some(m) = &w.moov else {
            return Err(Fault::Corrupt("the probe was stopped before the moov box was read".into()));
        };
        let fr = w.frags;
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
        let all_read = !w.partial && w.pending.is_none();
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
            container: if matches!(w.brand, None | Some([b'q', b't', b' ', b' '])) { "mov" } else { "mp4" },
            duration,
            at_least,
            video,
            fragmented: m.fragmented,
            fragments_partial: m.fragmented && (!all_read || duration.is_none()),
            truncated: w.truncated.clone(),
        })
    }

    /// The facts and the issues against §2.3, at `path` (a JSON pointer such as
    /// `/video_list/0/video_url`), in the options' locale and rule policy.
    pub fn finish(self, path: &str, opts: &Options) -> VideoInfo {
        self.finish_with(path, opts, &REFERENCE_VIDEO)
    }

    /// `finish` against another row of limits (`limits::ELEMENT_VIDEO` for a custom element's
    /// refer video): the same facts, that row's checks and rule id.
    pub fn finish_with(self, path: &str, opts: &Options, limits: &VideoLimits) -> VideoInfo {
        let facts = self.facts();
        let mut ctx = Ctx::new(opts);
        check::video(&mut ctx, path, &facts, self.total, limits);
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
            bytes_read: self.walk.bytes_read,
            issues: ctx.issues,
        }
    }
}

impl Probe for VideoProbe {
    fn need(&self) -> Option<Need> {
        self.walk.pending
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.walk.feed(bytes);
    }

    fn read_failed(&mut self, why: &str) {
        self.walk.read_failed(why);
    }
}

/// Probes a video held in memory (same machine, so `bytes_read` means the same).
pub fn probe_video_bytes(bytes: &[u8], path: &str, opts: &Options) -> VideoInfo {
    probe_video_bytes_with(bytes, path, opts, &REFERENCE_VIDEO)
}

/// `probe_video_bytes` against another row of limits (`finish_with`).
pub fn probe_video_bytes_with(bytes: &[u8], path: &str, opts: &Options, limits: &VideoLimits) -> VideoInfo {
    let mut probe = VideoProbe::new(bytes.len() as u64);
    drive(&mut probe, bytes);
    probe.finish_with(path, opts, limits)
}
