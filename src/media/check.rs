//! Probe facts -> issues against the API's limits (§2.2 images, §2.3 reference video, §8.3
//! element video), through
//! `rules::Ctx` so the caller's locale and rule policy apply. Image issues use rule GEN-MEDIA;
//! a video's use the rule of its limits row (GEN-MEDIA for §2.3, EL-VIDEO for §8.3).

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

fn fault(ctx: &mut Ctx, path: &str, f: &Fault, expected: &str, allowed: &[&str], rule: &'static str) {
    match f {
        Fault::Format(format) => ctx.error(path, Code::MediaFormat, rule, vec![("format", (*format).into()), ("allowed", allowed.into())]),
        Fault::Truncated(detail) => ctx.error(path, Code::MediaTruncated, rule, vec![("detail", detail.as_str().into())]),
        Fault::Corrupt(detail) => ctx.error(path, Code::MediaUnreadable, rule, vec![("expected", expected.into()), ("detail", detail.as_str().into())]),
    };
}

fn too_large(ctx: &mut Ctx, path: &str, bytes: u64, max: u64, rule: &'static str) {
    if bytes > max {
        ctx.error(path, Code::MediaTooLarge, rule, vec![("bytes", int(bytes)), ("max", int(max))]);
    }
}

/// §2.2: jpg/jpeg/png, ≤ 10 MB, each side ≥ 300 px, 0.4 ≤ w/h ≤ 2.5.
pub(crate) fn image(ctx: &mut Ctx, path: &str, facts: &Result<ImageFacts, Fault>, bytes: u64) {
    let rule = ids::MEDIA;
    let facts = match facts {
        Ok(f) => f,
        Err(f) => {
            fault(ctx, path, f, "JPG/PNG", IMAGE_FORMATS, rule);
            return too_large(ctx, path, bytes, IMAGE_MAX_BYTES, rule);
        }
    };
    if !matches!(facts.format, "jpeg" | "png") {
        ctx.error(path, Code::MediaFormat, rule, vec![("format", facts.format.into()), ("allowed", IMAGE_FORMATS.into())]);
    }
    too_large(ctx, path, bytes, IMAGE_MAX_BYTES, rule);
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

/// A probed video against one row of limits (§2.3 reference video, §8.3 element video): every
/// issue carries the row's rule.
pub(crate) fn video(ctx: &mut Ctx, path: &str, facts: &Result<VideoFacts, Fault>, bytes: u64, lim: &VideoLimits) {
    let rule = lim.rule;
    let facts = match facts {
        Ok(f) => f,
        Err(f) => {
            fault(ctx, path, f, "MP4/MOV", lim.formats, rule);
            return too_large(ctx, path, bytes, lim.max_bytes, rule);
        }
    };
    if let Some(detail) = &facts.truncated {
        ctx.error(path, Code::MediaTruncated, rule, vec![("detail", detail.as_str().into())]);
    }
    too_large(ctx, path, bytes, lim.max_bytes, rule);
    if facts.fragments_partial {
        ctx.warn(path, Code::MediaFragmented, rule, vec![]);
    }
    let (min_s, max_s) = lim.seconds;
    let too_short = facts.duration.is_some_and(|d| d < min_s / NTSC_SLACK);
    let too_long = facts.duration.or(facts.at_least).is_some_and(|d| d > max_s * NTSC_SLACK);
    if let Some(d) = facts.duration.or(facts.at_least).filter(|_| too_short || too_long) {
        ctx.error(path, Code::MediaDuration, rule, vec![("value", num(d)), ("min", num(min_s)), ("max", num(max_s))]);
    }
    let Some(v) = &facts.video else {
        ctx.error(path, Code::MediaNoVideoTrack, rule, vec![]);
        return;
    };
    let (w, h) = (v.width, v.height);
    match lim.sides {
        Sides::Each { min, max } if !(min..=max).contains(&w) || !(min..=max).contains(&h) => {
            ctx.error(path, Code::MediaResolution, rule, vec![("width", int(w)), ("height", int(h)), ("min", int(min)), ("max", int(max))]);
        }
        Sides::Short(side) if w.min(h) != side => {
            ctx.error(path, Code::MediaShortSide, rule, vec![("width", int(w)), ("height", int(h)), ("side", int(side))]);
        }
        _ => {}
    }
    if !lim.aspects.is_empty() && h > 0 && !lim.aspects.iter().any(|&(a, b)| aspect_near(w, h, a, b)) {
        let allowed: Vec<String> = lim.aspects.iter().map(|(a, b)| format!("{a}:{b}")).collect();
        ctx.error(
            path,
            Code::MediaAspectNotAllowed,
            rule,
            vec![("ratio", num(w as f64 / h as f64)), ("width", int(w)), ("height", int(h)), ("allowed", allowed.into())],
        );
    }
    if let (Some(fps), Some((lo, hi))) = (v.frame_rate, lim.fps) {
        if !(lo / NTSC_SLACK..=hi * NTSC_SLACK).contains(&fps) {
            ctx.error(path, Code::MediaFrameRate, rule, vec![("value", num(fps)), ("min", num(lo)), ("max", num(hi))]);
        }
    }
}

/// Whether w×h is a:b within `ASPECT_TOLERANCE_PERCENT` of a/b, in integers (no rounding):
/// |w/h − a/b| ≤ p/100 · a/b  ⇔  100·|b·w − a·h| ≤ p·a·h. u128: no overflow for any u64 side.
fn aspect_near(w: u64, h: u64, a: u64, b: u64) -> bool {
    let (w, h, a, b) = (u128::from(w), u128::from(h), u128::from(a), u128::from(b));
    100 * (b * w).abs_diff(a * h) <= u128::from(ASPECT_TOLERANCE_PERCENT) * a * h
}
