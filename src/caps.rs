//! The capability map (kling-api.md §3.1–§3.4) as data: which model serves which endpoint, in
//! which modes and durations, with which features. Per-model rules read it; `capabilities()`
//! hands it to forms so they offer only what a model allows.

use serde::Serialize;

/// The endpoint families this library covers: the four generation families, image generation,
/// and the element and voice libraries (kling-api.md §4–§8.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Endpoint {
    #[serde(rename = "omni-video")]
    /// `POST /v1/videos/omni-video`
    OmniVideo,
    #[serde(rename = "text2video")]
    /// `POST /v1/videos/text2video`
    TextToVideo,
    #[serde(rename = "image2video")]
    /// `POST /v1/videos/image2video`
    ImageToVideo,
    #[serde(rename = "omni-image")]
    /// `POST /v1/images/omni-image`
    OmniImage,
    #[serde(rename = "image-generation")]
    /// `POST /v1/images/generations`
    ImageGeneration,
    #[serde(rename = "custom-element")]
    /// `POST /v1/general/advanced-custom-elements`
    CustomElement,
    #[serde(rename = "custom-voice")]
    /// `POST /v1/general/custom-voices`
    CustomVoice,
}

impl Endpoint {
    /// Every family, in the order of the docs and `capabilities()`.
    pub const ALL: [Endpoint; 7] = [
        Endpoint::OmniVideo,
        Endpoint::TextToVideo,
        Endpoint::ImageToVideo,
        Endpoint::OmniImage,
        Endpoint::ImageGeneration,
        Endpoint::CustomElement,
        Endpoint::CustomVoice,
    ];

    /// The family name used in client calls and query paths ("omni-video", ...).
    pub fn family(self) -> &'static str {
        match self {
            Endpoint::OmniVideo => "omni-video",
            Endpoint::TextToVideo => "text2video",
            Endpoint::ImageToVideo => "image2video",
            Endpoint::OmniImage => "omni-image",
            Endpoint::ImageGeneration => "image-generation",
            Endpoint::CustomElement => "custom-element",
            Endpoint::CustomVoice => "custom-voice",
        }
    }
    /// The endpoint of a family id ("omni-video", …).
    pub fn from_family(s: &str) -> Option<Endpoint> {
        Endpoint::ALL.into_iter().find(|e| e.family() == s)
    }
    /// The create path; query paths append `/{id}`.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::OmniVideo => "/v1/videos/omni-video",
            Endpoint::TextToVideo => "/v1/videos/text2video",
            Endpoint::ImageToVideo => "/v1/videos/image2video",
            Endpoint::OmniImage => "/v1/images/omni-image",
            Endpoint::ImageGeneration => "/v1/images/generations",
            Endpoint::CustomElement => "/v1/general/advanced-custom-elements",
            Endpoint::CustomVoice => "/v1/general/custom-voices",
        }
    }
    /// The model the API uses when `model_name` is left out (always an old one); "" for the
    /// families without a model (`has_models`).
    pub fn default_model(self) -> &'static str {
        match self {
            Endpoint::OmniVideo => "kling-video-o1",
            Endpoint::TextToVideo | Endpoint::ImageToVideo | Endpoint::ImageGeneration => "kling-v1",
            Endpoint::OmniImage => "kling-image-o1",
            Endpoint::CustomElement | Endpoint::CustomVoice => "",
        }
    }
    /// Whether requests name a `model_name` (the element and voice libraries do not).
    pub fn has_models(self) -> bool {
        !matches!(self, Endpoint::CustomElement | Endpoint::CustomVoice)
    }
    /// The largest `pageSize` a list of the family takes (§8.2: the voice list takes 1000).
    pub fn max_page_size(self) -> u32 {
        match self {
            Endpoint::CustomVoice => 1000,
            _ => 500,
        }
    }
    /// The API's default `mode` (omni-video defaults to pro, the others to std).
    pub fn default_mode(self) -> &'static str {
        match self {
            Endpoint::OmniVideo => "pro",
            _ => "std",
        }
    }
}

/// Where a feature works: modes and durations (an empty list means every one the model has).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scope {
    /// The modes it works in (empty: every mode the model has).
    pub modes: &'static [&'static str],
    /// The durations it works at (empty: every duration the model has).
    pub durations: &'static [u32],
}

impl Scope {
    /// Everywhere the model works.
    pub const ANY: Scope = Scope { modes: &[], durations: &[] };
    /// Whether a task in `mode` of `duration` seconds is inside the scope.
    pub fn allows(&self, mode: &str, duration: u32) -> bool {
        (self.modes.is_empty() || self.modes.contains(&mode)) && (self.durations.is_empty() || self.durations.contains(&duration))
    }
}

const PRO: Scope = Scope { modes: &["pro"], durations: &[] };
const PRO_5: Scope = Scope { modes: &["pro"], durations: &[5] };
const STD_PRO_5: Scope = Scope { modes: &["std", "pro"], durations: &[5] };
const STD_5: Scope = Scope { modes: &["std"], durations: &[5] };

/// Which element types a model takes (§3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Elements {
    /// No elements.
    None,
    /// Multi-image elements (`image_refer`) only.
    ImageRefer,
    /// Multi-image and video-character elements.
    All,
}

/// Whether a feature works, where the sources disagree (kling-api.md §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Support {
    /// Not supported.
    No,
    /// Supported.
    Yes,
    /// One source says yes, another no: the request is sent and the API decides.
    Disputed,
}

/// One model's row of the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModelCaps {
    /// The `model_name` value.
    pub model: &'static str,
    /// The endpoints that serve it.
    pub endpoints: &'static [Endpoint],
    /// Selectable modes; empty when the model has a single fixed mode.
    pub modes: &'static [&'static str],
    /// Output durations in seconds (video models).
    pub durations: &'static [u32],
    /// Multi-shot (`multi_shot: true`).
    pub multi_shot: bool,
    /// Where `sound: "on"` works.
    pub sound: Option<Scope>,
    /// Where `voice_list` works (§12: allowed on kling-v3 and v2-6).
    pub voice: Option<Scope>,
    /// Which element types it takes in `element_list`.
    pub elements: Elements,
    /// Omni-video reference video (`video_list`).
    pub video_reference: bool,
    /// Start + end frame generation.
    pub start_end_frame: Option<Scope>,
    /// Start + end frame generation works only with `sound: "off"` (kling-v2-6, §3.2).
    pub start_end_frame_silent: bool,
    /// End frame without a start frame (image2video).
    pub end_frame_only: Option<Scope>,
    /// Legacy camera_control, per endpoint; `simple_only` for kling-v1-5.
    pub camera_control: &'static [(Endpoint, Scope)],
    /// kling-v1-5 takes only `type: "simple"` camera control.
    pub camera_simple_only: bool,
    /// Legacy motion brush (static_mask / dynamic_masks, image2video).
    pub motion_brush: Option<Scope>,
    /// cfg_scale (§12: v1.x only).
    pub cfg_scale: bool,
    /// Image models: output resolutions.
    pub resolutions: &'static [&'static str],
    /// Image models: `result_type: "series"`.
    pub series: bool,
    /// Omni-image: `aspect_ratio: "auto"` for text-only generation (S1 and S3 disagree, §3.3).
    pub auto_aspect_t2i: Support,
    /// Video models: output resolution per mode ("" = the model's single fixed mode), where documented.
    pub resolution_by_mode: &'static [(&'static str, &'static str)],
    /// Video models: output frame rate per endpoint, where documented (§3.2).
    pub fps: &'static [(Endpoint, u32)],
    /// Image generation: the aspect ratios it takes (empty: all of the field's values, §3.3).
    pub image_aspects: &'static [&'static str],
    /// Image generation: the legacy `image_reference` / fidelity fields (kling-v1-5, §8.1).
    pub image_reference: bool,
    /// Image generation: makes images only from a reference `image` (restyle, §3.3).
    pub needs_image: bool,
}

const fn video(model: &'static str, endpoints: &'static [Endpoint], durations: &'static [u32]) -> ModelCaps {
    ModelCaps {
        model,
        endpoints,
        modes: &["std", "pro"],
        durations,
        multi_shot: false,
        sound: None,
        voice: None,
        elements: Elements::None,
        video_reference: false,
        start_end_frame: None,
        start_end_frame_silent: false,
        end_frame_only: None,
        camera_control: &[],
        camera_simple_only: false,
        motion_brush: None,
        cfg_scale: false,
        resolutions: &[],
        series: false,
        auto_aspect_t2i: Support::No,
        resolution_by_mode: STD_720_PRO_1080,
        fps: &[],
        image_aspects: &[],
        image_reference: false,
        needs_image: false,
    }
}

/// A model of `POST /v1/images/generations` alone (§3.3): no modes or durations.
const fn image(model: &'static str, resolutions: &'static [&'static str]) -> ModelCaps {
    ModelCaps { modes: &[], durations: &[], resolutions, resolution_by_mode: &[], ..video(model, IMAGE_GEN, &[]) }
}

const D3_15: &[u32] = &[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const D3_10: &[u32] = &[3, 4, 5, 6, 7, 8, 9, 10];
const D5_10: &[u32] = &[5, 10];
const T2V_I2V: &[Endpoint] = &[Endpoint::TextToVideo, Endpoint::ImageToVideo];
const T2V_I2V_IG: &[Endpoint] = &[Endpoint::TextToVideo, Endpoint::ImageToVideo, Endpoint::ImageGeneration];
const I2V_IG: &[Endpoint] = &[Endpoint::ImageToVideo, Endpoint::ImageGeneration];
const IMAGE_GEN: &[Endpoint] = &[Endpoint::ImageGeneration];
/// §3.3: kling-v1 images take 7 ratios, without 21:9.
const V1_ASPECTS: &[&str] = &["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3"];
/// S1's `mode` description (std 720p, pro 1080p), for models the §3.2 table does not list.
const STD_720_PRO_1080: &[(&str, &str)] = &[("std", "720p"), ("pro", "1080p")];
const FPS_24: &[(Endpoint, u32)] = &[(Endpoint::TextToVideo, 24), (Endpoint::ImageToVideo, 24)];
const OMNI_24: &[(Endpoint, u32)] = &[(Endpoint::OmniVideo, 24)];

/// Every model of §3, newest first.
pub const MODELS: &[ModelCaps] = &[
    ModelCaps {
        multi_shot: true,
        sound: Some(Scope::ANY),
        elements: Elements::All,
        video_reference: true,
        start_end_frame: Some(Scope::ANY),
        resolutions: &["1k", "2k", "4k"],
        series: true,
        auto_aspect_t2i: Support::Yes,
        fps: OMNI_24,
        ..video("kling-v3-omni", &[Endpoint::OmniVideo, Endpoint::OmniImage], D3_15)
    },
    ModelCaps {
        elements: Elements::ImageRefer,
        video_reference: true,
        start_end_frame: Some(Scope::ANY),
        fps: OMNI_24,
        ..video("kling-video-o1", &[Endpoint::OmniVideo], D3_10)
    },
    ModelCaps {
        modes: &[],
        durations: &[],
        elements: Elements::ImageRefer,
        resolutions: &["1k", "2k"],
        auto_aspect_t2i: Support::Disputed,
        resolution_by_mode: &[],
        ..video("kling-image-o1", &[Endpoint::OmniImage], &[])
    },
    ModelCaps {
        multi_shot: true,
        sound: Some(Scope::ANY),
        voice: Some(Scope::ANY),
        elements: Elements::All,
        start_end_frame: Some(Scope::ANY),
        // Image generation (§3.3): 1k/2k, multi-image elements only (§3.4).
        resolutions: &["1k", "2k"],
        ..video("kling-v3", T2V_I2V_IG, D3_15)
    },
    ModelCaps { sound: Some(PRO), voice: Some(PRO), start_end_frame: Some(PRO), start_end_frame_silent: true, ..video("kling-v2-6", T2V_I2V, D5_10) },
    // The §3.2 resolution table lists only PRO (1080p) for v2-5; std stays selectable per the map.
    ModelCaps { start_end_frame: Some(PRO), resolution_by_mode: &[("pro", "1080p")], fps: FPS_24, ..video("kling-v2-5-turbo", T2V_I2V, D5_10) },
    ModelCaps { modes: &[], resolution_by_mode: &[("", "1080p")], fps: FPS_24, ..video("kling-v2-1-master", T2V_I2V, D5_10) },
    // §3.3 gives no image resolutions for kling-v2-1: both are offered and the API decides.
    ModelCaps { start_end_frame: Some(PRO), fps: &[(Endpoint::ImageToVideo, 24)], resolutions: &["1k", "2k"], ..video("kling-v2-1", I2V_IG, D5_10) },
    // Image-generation-only models (§3.3): kling-v2 makes 2k only from text (IG-4), kling-v2-new
    // only restyles an image.
    image("kling-v2", &["1k", "2k"]),
    ModelCaps { needs_image: true, ..image("kling-v2-new", &["1k", "2k"]) },
    ModelCaps { modes: &[], resolution_by_mode: &[("", "720p")], fps: FPS_24, ..video("kling-v2-master", T2V_I2V, D5_10) },
    ModelCaps {
        start_end_frame: Some(PRO),
        end_frame_only: Some(PRO),
        cfg_scale: true,
        fps: &[(Endpoint::TextToVideo, 24), (Endpoint::ImageToVideo, 30)],
        ..video("kling-v1-6", T2V_I2V, D5_10)
    },
    ModelCaps {
        start_end_frame: Some(PRO),
        end_frame_only: Some(PRO),
        camera_control: &[(Endpoint::ImageToVideo, PRO_5)],
        camera_simple_only: true,
        motion_brush: Some(PRO_5),
        cfg_scale: true,
        fps: &[(Endpoint::ImageToVideo, 30)],
        resolutions: &["1k"],
        image_reference: true,
        ..video("kling-v1-5", I2V_IG, D5_10)
    },
    ModelCaps {
        start_end_frame: Some(STD_PRO_5),
        camera_control: &[(Endpoint::TextToVideo, STD_5)],
        motion_brush: Some(STD_PRO_5),
        cfg_scale: true,
        resolution_by_mode: &[("std", "720p"), ("pro", "720p")],
        fps: &[(Endpoint::TextToVideo, 30), (Endpoint::ImageToVideo, 30)],
        resolutions: &["1k"],
        image_aspects: V1_ASPECTS,
        ..video("kling-v1", T2V_I2V_IG, D5_10)
    },
];

/// The row for a model name.
pub fn model(name: &str) -> Option<&'static ModelCaps> {
    // Looked up several times per request: length and first byte before the bytes.
    MODELS.iter().find(|m| crate::json::same_text(m.model, name))
}

/// The model names an endpoint serves, in the order of `MODELS`.
pub fn models_for(endpoint: Endpoint) -> Vec<&'static str> {
    MODELS.iter().filter(|m| m.endpoints.contains(&endpoint)).map(|m| m.model).collect()
}
