//! The Omni-Video request (`POST /v1/videos/omni-video`, kling-api.md §4.1) as typed structs:
//! the TypeScript types and the shape golden bodies are read back into.

use crate::api::common::{ElementRef, Shot, TaskFields};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OmniVideoRequest {
    /// "kling-video-o1" (the API default) or "kling-v3-omni".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_shot: Option<bool>,
    /// "customize" ("intelligence" is disputed on omni-video, rule OV-1-intelligence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shot_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_prompt: Option<Vec<Shot>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_list: Option<Vec<OmniImageItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_list: Option<Vec<ElementRef>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_list: Option<Vec<VideoItem>>,
    /// "on" | "off"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// "std" | "pro" (the API default is "pro")
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// "16:9" | "9:16" | "1:1"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<String>,
    /// Whole seconds as a string, "3" … "15".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// watermark_info, callback_url, external_task_id: shared by every family.
    #[serde(flatten)]
    pub task: TaskFields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OmniImageItem {
    /// An http(s) URL or raw base64 (no `data:` prefix).
    pub image_url: String,
    /// "first_frame" | "end_frame"; left out for a plain reference image.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VideoItem {
    pub video_url: String,
    /// "feature" | "base" (the API default is "base": edit this video)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refer_type: Option<String>,
    /// "yes" | "no"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_original_sound: Option<String>,
}
