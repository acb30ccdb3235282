//! The Image-to-Video request (`POST /v1/videos/image2video`, kling-api.md §6.1) as typed structs:
//! the TypeScript types and the shape golden bodies are read back into.

use crate::api::common::{ElementRef, VideoFields};
use serde::{Deserialize, Serialize};

/// Models: "kling-v1" (the API default), "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1",
/// "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6", "kling-v3".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ImageToVideoRequest {
    /// The fields image2video shares with text2video.
    #[serde(flatten)]
    pub video: VideoFields,
    /// Start frame: an http(s) URL or raw base64. `<<<image_1>>>` in a prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// End frame. `<<<image_2>>>` when `image` is given too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_tail: Option<String>,
    /// At most 3 elements (kling-v3); not with voice_list by default (IV-6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element_list: Option<Vec<ElementRef>>,
    /// Legacy motion brush: the area that stays still (an image like `image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub static_mask: Option<String>,
    /// Legacy motion brush: up to 6 moving areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_masks: Option<Vec<DynamicMask>>,
}

/// One moving area of the motion brush and the path it follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynamicMask {
    /// An image (URL or raw base64) of the same resolution as `static_mask`.
    pub mask: String,
    /// 2 to 77 points for a 5 s video.
    pub trajectories: Vec<TrajectoryPoint>,
}

/// A pixel position, with the origin at the image's bottom-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrajectoryPoint {
    pub x: i64,
    pub y: i64,
}
