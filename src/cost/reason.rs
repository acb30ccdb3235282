//! Why a valid request has no price, in English and Chinese (the demo shows it beside the submit
//! button; a budget refusal quotes it).

use crate::issue::Locale;

/// Why `estimate` gave no price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The element and voice libraries: §10 lists no price for them.
    NoPrices {
        /// The family ("custom-element").
        family: &'static str,
    },
    /// A model §10 does not price on this endpoint (legacy models, O1).
    NoProduct {
        /// The model the request runs on.
        model: &'static str,
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
        mode: String,
    },
    /// No row of the product for this resolution (e.g. kling-v3 images at 4K).
    NoImageRow {
        /// The product.
        product: &'static str,
        /// The request's resolution.
        resolution: String,
    },
    /// A base edit, priced on the input video's length, which was not given.
    NeedVideoSeconds,
    /// The input video's length given is not a number of seconds in (0, 3600].
    BadVideoSeconds,
    /// A duration that is not a whole number of seconds (only with its rule turned off).
    BadDuration,
    /// The shots' durations do not add up to `duration` (only with OV-6/TV-5 turned off).
    ShotsDisagree {
        /// Their sum.
        sum: u32,
        /// The request's duration.
        total: u32,
    },
    /// `n` or `series_amount` outside what the API takes (only with its rule turned off).
    BadCount {
        /// "n" or "series_amount".
        field: &'static str,
    },
    /// Beyond any real task (not reachable with bounded inputs).
    TooLarge,
}

impl Why {
    /// The reason in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        let zh = locale == Locale::Zh;
        match self {
            Why::NoPrices { family } if zh => format!("价格表（§10）没有 {family} 创建的价格"),
            Why::NoPrices { family } => format!("the price table (§10) has no price for {family} creates"),
            Why::NoProduct { model, family, defaulted: true } if zh => {
                format!("未填写 model_name，API 将使用默认模型 {model}，价格表（§10）没有它在 {family} 上的价格")
            }
            Why::NoProduct { model, family, defaulted: true } => {
                format!("model_name is left out, so the API runs {model}, which the price table (§10) does not price on {family}")
            }
            Why::NoProduct { model, family, .. } if zh => format!("价格表（§10）没有 {model} 在 {family} 上的价格（只列出 3.0 模型）"),
            Why::NoProduct { model, family, .. } => format!("the price table (§10) has no price for {model} on {family} (it lists the 3.0 models only)"),
            Why::NoVideoRow { product, mode } if zh => format!("价格表（§10）没有 {product} 在 mode \"{mode}\" 下的价格"),
            Why::NoVideoRow { product, mode } => format!("the price table (§10) has no {product} row for mode \"{mode}\""),
            Why::NoImageRow { product, resolution } if zh => format!("价格表（§10）没有 {product} 在 resolution \"{resolution}\" 下的价格"),
            Why::NoImageRow { product, resolution } => format!("the price table (§10) has no {product} row for resolution \"{resolution}\""),
            Why::NeedVideoSeconds if zh => {
                "编辑视频（refer_type \"base\"）按输入视频的时长（四舍五入到秒）计费：请传入 options.videoSeconds（例如 probeVideo 得到的时长）".into()
            }
            Why::NeedVideoSeconds => {
                "a base-video edit (refer_type \"base\") is billed on the input video's length, rounded to the second: pass options.videoSeconds (e.g. probeVideo's duration)"
                    .into()
            }
            Why::BadVideoSeconds if zh => "options.videoSeconds 必须是大于 0、不超过 3600 的秒数".into(),
            Why::BadVideoSeconds => "options.videoSeconds must be a number of seconds above 0 and at most 3600".into(),
            Why::BadDuration if zh => "duration 不是整数秒，无法计价".into(),
            Why::BadDuration => "a duration is not a whole number of seconds, so the billed length is unknown".into(),
            Why::ShotsDisagree { sum, total } if zh => format!("multi_prompt 的时长合计 {sum} 秒，而 duration 为 {total} 秒：无法确定计费时长"),
            Why::ShotsDisagree { sum, total } => format!("the multi_prompt durations add up to {sum} s but duration is {total} s: the billed length is unknown"),
            Why::BadCount { field } if zh => format!("{field} 超出 API 接受的范围，无法计价"),
            Why::BadCount { field } => format!("{field} is outside what the API takes, so the image count is unknown"),
            Why::TooLarge if zh => "数量过大，无法计价".into(),
            Why::TooLarge => "the quantity is too large to price".into(),
        }
    }
}
