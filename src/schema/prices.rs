//! kling-api.md §10's price table as data, beside the capability map (caps.rs): one `PriceRow`
//! per line of the table and one `Product` per (model, endpoint) the table prices. A new price is
//! one row here; `cost::estimate` reads nothing else. Amounts are integers (tenths of a unit,
//! micro-dollars) so that 0.6 units/s × 7 s is exactly 4.2 units.

use crate::caps::Endpoint;

/// What a unit is worth: §10's video and image units differ in dollar value ($0.14 against
/// $0.0035 a unit), so sums and budgets must keep them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// Units billed per second of video.
    Video,
    /// Units billed per image.
    Image,
}

impl UnitKind {
    /// List-price micro-dollars of one unit, read off §10 (every row of a kind has this rate:
    /// tests/cost_table.rs checks it, as `cost::usd_micros_of_units` depends on it).
    pub const fn usd_micros_per_unit(self) -> u64 {
        match self {
            // $0.084 / 0.6 units
            UnitKind::Video => 140_000,
            // $0.028 / 8 units
            UnitKind::Image => 3_500,
        }
    }
    /// "video" | "image", as the JS result's `kind` says it.
    pub const fn as_str(self) -> &'static str {
        match self {
            UnitKind::Video => "video",
            UnitKind::Image => "image",
        }
    }
}

/// Which requests a row prices, besides its product. `None` / empty: any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// The task's `mode` ("std", "pro"); "" for image rows.
    pub mode: &'static str,
    /// A reference video in `video_list` (Omni video).
    pub video_input: Option<bool>,
    /// `sound: "on"`.
    pub audio: Option<bool>,
    /// A non-empty `voice_list` (with audio).
    pub voice: Option<bool>,
    /// Image rows: the `resolution` values it prices.
    pub resolutions: &'static [&'static str],
}

/// One line of §10's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceRow {
    /// The table's "Product" column.
    pub product: &'static str,
    /// The row's name: product, " · ", variant; what an estimate's `basis` says.
    pub basis: &'static str,
    /// Which requests it prices.
    pub variant: Variant,
    /// Per second (video) or per image.
    pub kind: UnitKind,
    /// Units per second or image, in tenths (0.6 units/s → 6).
    pub units_tenths: u32,
    /// List price per second or image, in micro-dollars ($0.084 → 84_000).
    pub usd_micros: u32,
}

/// Which product of §10 a model is billed as on an endpoint. A (model, endpoint) not listed has
/// no price: the legacy models, O1, and the element and voice libraries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// The `model_name`.
    pub model: &'static str,
    /// The endpoint it runs on.
    pub endpoint: Endpoint,
    /// The table's product name.
    pub product: &'static str,
}

/// The (model, endpoint) → product map.
pub const PRODUCTS: &[Product] = &[
    Product { model: "kling-v3-omni", endpoint: Endpoint::OmniVideo, product: OMNI_VIDEO },
    Product { model: "kling-v3-omni", endpoint: Endpoint::OmniImage, product: OMNI_IMAGE },
    Product { model: "kling-v3", endpoint: Endpoint::TextToVideo, product: V3_VIDEO },
    Product { model: "kling-v3", endpoint: Endpoint::ImageToVideo, product: V3_VIDEO },
    Product { model: "kling-v3", endpoint: Endpoint::ImageGeneration, product: V3_IMAGE },
];

const OMNI_VIDEO: &str = "Video 3.0 Omni";
const V3_VIDEO: &str = "Video V3.0";
const MOTION: &str = "V3.0 Motion Control";
const OMNI_IMAGE: &str = "Image 3.0 Omni";
const V3_IMAGE: &str = "Image V3.0";

/// A video row's variant: (mode, video input, audio, voice control).
type When = (&'static str, Option<bool>, Option<bool>, Option<bool>);

const fn video(product: &'static str, basis: &'static str, when: When, tenths: u32, usd_micros: u32) -> PriceRow {
    let (mode, video_input, audio, voice) = when;
    let variant = Variant { mode, video_input, audio, voice, resolutions: &[] };
    PriceRow { product, basis, variant, kind: UnitKind::Video, units_tenths: tenths, usd_micros }
}

const fn image(product: &'static str, basis: &'static str, resolutions: &'static [&'static str], tenths: u32, usd_micros: u32) -> PriceRow {
    let variant = Variant { mode: "", video_input: None, audio: None, voice: None, resolutions };
    PriceRow { product, basis, variant, kind: UnitKind::Image, units_tenths: tenths, usd_micros }
}

const Y: Option<bool> = Some(true);
const N: Option<bool> = Some(false);
const ANY: Option<bool> = None;

/// §10, line by line (S1, 3.0 models). Video rows are per second, image rows per image.
#[rustfmt::skip]
pub const PRICES: &[PriceRow] = &[
    video(OMNI_VIDEO, "Video 3.0 Omni · std, no video input, no audio", ("std", N, N, ANY), 6, 84_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · std, no video input, audio", ("std", N, Y, ANY), 8, 112_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · std, video input, no audio", ("std", Y, N, ANY), 9, 126_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · std, video input, audio", ("std", Y, Y, ANY), 11, 154_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · pro, no video input, no audio", ("pro", N, N, ANY), 8, 112_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · pro, no video input, audio", ("pro", N, Y, ANY), 10, 140_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · pro, video input, no audio", ("pro", Y, N, ANY), 12, 168_000),
    video(OMNI_VIDEO, "Video 3.0 Omni · pro, video input, audio", ("pro", Y, Y, ANY), 14, 196_000),
    video(V3_VIDEO, "Video V3.0 · std, no audio", ("std", ANY, N, ANY), 6, 84_000),
    video(V3_VIDEO, "Video V3.0 · std, audio, no voice control", ("std", ANY, Y, N), 9, 126_000),
    video(V3_VIDEO, "Video V3.0 · std, audio, with voice control", ("std", ANY, Y, Y), 11, 154_000),
    video(V3_VIDEO, "Video V3.0 · pro, no audio", ("pro", ANY, N, ANY), 8, 112_000),
    video(V3_VIDEO, "Video V3.0 · pro, audio, no voice control", ("pro", ANY, Y, N), 12, 168_000),
    video(V3_VIDEO, "Video V3.0 · pro, audio, with voice control", ("pro", ANY, Y, Y), 14, 196_000),
    // Motion control has no request family in this library yet: kept so the table stays whole.
    video(MOTION, "V3.0 Motion Control · std", ("std", ANY, ANY, ANY), 9, 126_000),
    video(MOTION, "V3.0 Motion Control · pro", ("pro", ANY, ANY, ANY), 12, 168_000),
    image(OMNI_IMAGE, "Image 3.0 Omni · 1K/2K", &["1k", "2k"], 80, 28_000),
    image(OMNI_IMAGE, "Image 3.0 Omni · 4K", &["4k"], 160, 56_000),
    image(V3_IMAGE, "Image V3.0 · 1K/2K", &["1k", "2k"], 80, 28_000),
];

/// The product a model is billed as on an endpoint, if §10 prices it.
pub fn product(model: &str, endpoint: Endpoint) -> Option<&'static str> {
    PRODUCTS.iter().find(|p| p.endpoint == endpoint && p.model == model).map(|p| p.product)
}

/// What a request asks for, as the rows' variants read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wants<'a> {
    /// The task's mode ("" for images).
    pub mode: &'a str,
    /// A reference video is given.
    pub video_input: bool,
    /// `sound: "on"`.
    pub audio: bool,
    /// A non-empty `voice_list`.
    pub voice: bool,
    /// The image resolution ("" for video).
    pub resolution: &'a str,
}

impl Variant {
    /// Whether this variant prices `w`.
    pub fn matches(&self, w: &Wants) -> bool {
        let flag = |want: Option<bool>, got: bool| want.is_none_or(|v| v == got);
        self.mode == w.mode
            && flag(self.video_input, w.video_input)
            && flag(self.audio, w.audio)
            // The voice rows are the audio ones: without sound a voice list changes nothing.
            && (!w.audio || flag(self.voice, w.voice))
            && (self.resolutions.is_empty() || self.resolutions.contains(&w.resolution))
    }
}

/// The row of `product` that prices `w`, if any.
pub fn row(product: &str, w: &Wants) -> Option<&'static PriceRow> {
    PRICES.iter().find(|r| r.product == product && r.variant.matches(w))
}
