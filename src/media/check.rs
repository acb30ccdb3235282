//! Probe facts -> issues against the API's limits (§2.2 images, §2.3 reference video), through
//! `rules::Ctx` so the caller's locale and rule policy apply. All media issues use rule GEN-MEDIA.

use super::facts::{ImageFacts, VideoFacts};
use super::limits::*;
use super::Fault;
use crate::issue::{Code, Param};
use crate::rules::{ids, Ctx};

fn int(v: u64) -> Param {
    Param::Int(i64::try_from(v).unwrap_or(i64::MAX))
}

/// Rounds for display in a message (3 decimals), so 29.97002997 shows as 29.97.
fn num(v: f64) -> Param {
    Param::Num((v * 1000.0).round() / 1000.0)
}

fn fault(ctx: &mut Ctx, path: &str, f: &Fault, expected: &str, allowed: &[&str]) {
    let rule = ids::MEDIA;
    match f {
        Fault::Format(format) => ctx.error(path, Code::MediaFormat, rule, vec![("format", (*format).into()), ("allowed", allowed.into())]),
        Fault::Truncated(detail) => ctx.error(path, Code::MediaTruncated, rule, vec![("detail", detail.as_str().into())]),
        Fault::Corrupt(detail) => ctx.error(path, Code::MediaUnreadable, rule, vec![("expected", expected.into()), ("detail", detail.as_str().into())]),
    };
}

fn too_large(ctx: &mut Ctx, path: &str, bytes: u64, max: u64) {
    if bytes > max {
        ctx.error(path, Code::MediaTooLarge, ids::MEDIA, vec![("bytes", int(bytes)), ("max", int(max))]);
    }
}

/// §2.2: jpg/jpeg/png, ≤ 10 MB, each side ≥ 300 px, 0.4 ≤ w/h ≤ 2.5.
pub(crate) fn image(ctx: &mut Ctx, path: &str, facts: &Result<ImageFacts, Fault>, bytes: u64) {
    let rule = ids::MEDIA;
    let facts = match facts {
        Ok(f) => f,
        Err(f) => {
            fault(ctx, path, f, "JPG/PNG", IMAGE_FORMATS);
            return too_large(ctx, path, bytes, IMAGE_MAX_BYTES);
        }
    };
    if !matches!(facts.format, "jpeg" | "png") {
        ctx.error(path, Code::MediaFormat, rule, vec![("format", facts.format.into()), ("allowed", IMAGE_FORMATS.into())]);
    }
    too_large(ctx, path, bytes, IMAGE_MAX_BYTES);
    let Some((w, h)) = facts.size else { return };
    if w < IMAGE_MIN_SIDE || h < IMAGE_MIN_SIDE {
        ctx.error(path, Code::MediaTooSmall, rule, vec![("width", int(w)), ("height", int(h)), ("min", int(IMAGE_MIN_SIDE))]);
    }
    // 0.4 ≤ w/h ≤ 2.5 in integers: 2h ≤ 5w and 2w ≤ 5h. A zero side has no ratio.
    let (w2, h2, w5, h5) = (w.saturating_mul(2), h.saturating_mul(2), w.saturating_mul(5), h.saturating_mul(5));
    if h > 0 && (h2 > w5 || w2 > h5) {
        ctx.error(path, Code::MediaAspectRatio, rule, vec![("ratio", num(w as f64 / h as f64)), ("min", num(IMAGE_RATIO_MIN)), ("max", num(IMAGE_RATIO_MAX))]);
    }
}

/// §2.3: mp4/mov, 3–10 s, both displayed sides 720–2160 px, 24–60 fps, ≤ 200 MB.
pub(crate) fn video(ctx: &mut Ctx, path: &str, facts: &Result<VideoFacts, Fault>, bytes: u64) {
    let rule = ids::MEDIA;
    let facts = match facts {
        Ok(f) => f,
        Err(f) => {
            fault(ctx, path, f, "MP4/MOV", VIDEO_FORMATS);
            return too_large(ctx, path, bytes, VIDEO_MAX_BYTES);
        }
    };
    if let Some(detail) = &facts.truncated {
        ctx.error(path, Code::MediaTruncated, rule, vec![("detail", detail.as_str().into())]);
    }
    too_large(ctx, path, bytes, VIDEO_MAX_BYTES);
    if facts.fragments_partial {
        ctx.warn(path, Code::MediaFragmented, rule, vec![]);
    }
    let too_short = facts.duration.is_some_and(|d| d < VIDEO_MIN_SECONDS / NTSC_SLACK);
    let too_long = facts.duration.or(facts.at_least).is_some_and(|d| d > VIDEO_MAX_SECONDS * NTSC_SLACK);
    if let Some(d) = facts.duration.or(facts.at_least).filter(|_| too_short || too_long) {
        ctx.error(path, Code::MediaDuration, rule, vec![("value", num(d)), ("min", num(VIDEO_MIN_SECONDS)), ("max", num(VIDEO_MAX_SECONDS))]);
    }
    let Some(v) = &facts.video else {
        ctx.error(path, Code::MediaNoVideoTrack, rule, vec![]);
        return;
    };
    let side_ok = |s: u64| (VIDEO_MIN_SIDE..=VIDEO_MAX_SIDE).contains(&s);
    if !side_ok(v.width) || !side_ok(v.height) {
        ctx.error(
            path,
            Code::MediaResolution,
            rule,
            vec![("width", int(v.width)), ("height", int(v.height)), ("min", int(VIDEO_MIN_SIDE)), ("max", int(VIDEO_MAX_SIDE))],
        );
    }
    if let Some(fps) = v.frame_rate {
        if !(VIDEO_MIN_FPS / NTSC_SLACK..=VIDEO_MAX_FPS * NTSC_SLACK).contains(&fps) {
            ctx.error(path, Code::MediaFrameRate, rule, vec![("value", num(fps)), ("min", num(VIDEO_MIN_FPS)), ("max", num(VIDEO_MAX_FPS))]);
        }
    }
}
