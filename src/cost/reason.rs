//! Why a valid request has no price, in English and Chinese (the demo shows it beside the submit
//! button; a cost-limit refusal quotes it). Templates filled by hand, not by `format!`.

use crate::issue::Locale;

/// Why `estimate` gave no price (borrowing from the body it read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why<'a> {
    /// The element and voice libraries: §10 lists no price for them.
    NoPrices {
        /// The family ("custom-element").
        family: &'static str,
    },
    /// A model §10 does not price on this endpoint (legacy models, O1).
    NoProduct {
        /// The model the request runs on.
        model: &'a str,
        /// The family.
        family: &'static str,
        /// `model_name` was left out: the API runs its (old) default.
        defaulted: bool,
    },
    /// No row of the product for this mode (e.g. a 4K mode, which §10 does not list).
    NoVideoRow {
        /// The product.
        product: &'static str,
        /// The request's mode.
        mode: &'a str,
    },
    /// No row of the product for this resolution (e.g. kling-v3 images at 4K).
    NoImageRow {
        /// The product.
        product: &'static str,
        /// The request's resolution.
        resolution: &'a str,
    },
    /// A base edit, priced on the input video's length, which was not given.
    NeedVideoSeconds,
    /// The input video's length given is not a number of seconds in (0, 3600].
    BadVideoSeconds,
    /// What only a turned-off rule lets through, so the quantity is unknown: a duration that is
    /// not whole seconds ("duration"), shots that do not add up to it ("multi_prompt"), `n` or
    /// `series_amount` out of range; or a text `price_body` cannot read ("body").
    Unreadable {
        /// The field (or "body").
        field: &'static str,
    },
}

/// (English, Chinese); each `{}` takes the next argument.
type Template = (&'static str, &'static str);

const NO_PRICES: Template = ("§10 lists no price for {} creates", "§10 未列出 {} 创建的价格");
const DEFAULTED: Template =
    ("model_name is left out, so the API runs {}, which §10 does not price on {}", "未填 model_name，API 将使用 {}，§10 没有它在 {} 上的价格");
const NO_PRODUCT: Template = ("§10 has no price for {} on {} (only for the 3.0 models)", "§10 没有 {} 在 {} 上的价格（只列出 3.0 模型）");
const NO_VIDEO_ROW: Template = ("§10 has no {} price for mode \"{}\"", "§10 没有 {} 在 mode \"{}\" 下的价格");
const NO_IMAGE_ROW: Template = ("§10 has no {} price for resolution \"{}\"", "§10 没有 {} 在 resolution \"{}\" 下的价格");
const NEED_VIDEO_SECONDS: Template = (
    "a base-video edit is billed on the input video's length, rounded to the second: pass options.videoSeconds (e.g. from probeVideo)",
    "编辑视频按输入视频的时长（四舍五入到秒）计费：请传入 options.videoSeconds（例如 probeVideo 的结果）",
);
const BAD_VIDEO_SECONDS: Template = ("options.videoSeconds must be seconds above 0, at most 3600", "options.videoSeconds 须为大于 0、不超过 3600 的秒数");
const UNREADABLE: Template = ("{} cannot be priced as given (a rule turned off let it through)", "无法按给定的 {} 计价（已关闭的规则放行了它）");

impl Why<'_> {
    /// The reason in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let (template, a, b): (Template, &str, &str) = match self {
            Why::NoPrices { family } => (NO_PRICES, family, ""),
            Why::NoProduct { model, family, defaulted } => (if *defaulted { DEFAULTED } else { NO_PRODUCT }, model, family),
            Why::NoVideoRow { product, mode } => (NO_VIDEO_ROW, product, mode),
            Why::NoImageRow { product, resolution } => (NO_IMAGE_ROW, product, resolution),
            Why::NeedVideoSeconds => (NEED_VIDEO_SECONDS, "", ""),
            Why::BadVideoSeconds => (BAD_VIDEO_SECONDS, "", ""),
            Why::Unreadable { field } => (UNREADABLE, field, ""),
        };
        fill(if locale == Locale::Zh { template.1 } else { template.0 }, [a, b])
    }
}

/// `template` with its first `{}` replaced by `args[0]`, its second by `args[1]`.
fn fill(template: &str, args: [&str; 2]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    let mut next = args.into_iter();
    // Split at a char, not at "{}": a two-byte pattern links the substring searcher and its
    // slicing panics (5 KiB of the main module, measured).
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        out.push_str(next.next().unwrap_or(""));
        rest = after.strip_prefix('}').unwrap_or(after);
    }
    out.push_str(rest);
    out
}
