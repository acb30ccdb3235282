//! The Text-to-Video request (`POST /v1/videos/text2video`, kling-api.md §5.1) as typed structs:
//! the TypeScript types and the shape golden bodies are read back into.

use crate::api::common::VideoFields;
use serde::{Deserialize, Serialize};

/// Models: "kling-v1" (the API default), "kling-v1-6", "kling-v2-master", "kling-v2-1-master",
/// "kling-v2-5-turbo", "kling-v2-6", "kling-v3".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TextToVideoRequest {
    /// The fields text2video shares with image2video.
    #[serde(flatten)]
    pub video: VideoFields,
    /// "16:9" (the API default) | "9:16" | "1:1"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<String>,
}
