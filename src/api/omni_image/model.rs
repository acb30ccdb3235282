//! The Omni-Image request (`POST /v1/images/omni-image`, kling-api.md §7.1) as typed structs:
//! the TypeScript types and the shape golden bodies are read back into.

use crate::api::common::{ElementRef, TaskFields};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OmniImageRequest {
    /// "kling-image-o1" (the API default) or "kling-v3-omni".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    /// Required, ≤ 2500 characters; `<<<image_N>>>`, and `<<<element_N>>>` or `<<<object_N>>>`.
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_list: Option<Vec<ImageRef>>,
    /// Multi-image elements only; images + elements ≤ 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_list: Option<Vec<ElementRef>>,
    /// "1k" (the API default) | "2k" | "4k" (kling-v3-omni only)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// "single" (the API default) | "series" (kling-v3-omni only)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_type: Option<String>,
    /// 1 … 9 images, for "single" results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// 2 … 9 images, for "series" results (the API default is 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series_amount: Option<u32>,
    /// "16:9" | "9:16" | "1:1" | "4:3" | "3:4" | "3:2" | "2:3" | "21:9" | "auto" (the API default)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<String>,
    /// watermark_info (in S2/S4, missing from S1's table), callback_url, external_task_id.
    #[serde(flatten)]
    pub task: TaskFields,
}

/// An `image_list` item. The key is `image` here, not `image_url` as on omni-video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRef {
    /// An http(s) URL or raw base64 (no `data:` prefix).
    pub image: String,
}
