//! Wire types every family shares: request parts used by two or more families (shots, elements,
//! voices, camera control, watermark); the task object lives in `task.rs`.

use serde::{Deserialize, Serialize};

pub use super::task::{Task, TaskStatus};

/// `watermark_info` on every create request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatermarkInfo {
    /// true: Kling also makes a watermarked copy (`watermark_url`). The rules accept `{}` (no
    /// source makes `enabled` required), so the type leaves it optional too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `element_list` item: the id as exact decimal digits (int64 exceeds JS numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementRef {
    /// Exact digits: a string or BigInt, or a number while it is a safe integer.
    pub element_id: ElementId,
}

/// An element id that keeps every digit: written as a JSON number, read from a number or string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementId(pub String);

impl Serialize for ElementId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.parse::<u64>() {
            Ok(n) => s.serialize_u64(n),
            Err(_) => s.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for ElementId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u64),
            S(String),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::N(n) => ElementId(n.to_string()),
            Raw::S(s) => ElementId(s),
        })
    }
}

/// One shot of a multi-shot request (omni-video, text2video, image2video).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shot {
    pub index: u32,
    pub prompt: String,
    /// Whole seconds as a string, e.g. "3".
    pub duration: String,
}

/// The request fields text2video and image2video share (§5.1, §6.1), flattened into each request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct VideoFields {
    /// The API default is "kling-v1": always name the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    /// Multi-shot is kling-v3 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_shot: Option<bool>,
    /// "customize" | "intelligence"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shot_type: Option<String>,
    /// ≤ 2500 characters; `<<<voice_N>>>` (and on image2video `<<<image_N>>>`, `<<<element_N>>>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_prompt: Option<Vec<Shot>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negative_prompt: Option<String>,
    /// At most 2 voices (kling-v3, kling-v2-6 pro).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_list: Option<Vec<VoiceRef>>,
    /// "on" | "off"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// [0, 1]; kling-v1.x only by default (§12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cfg_scale: Option<f64>,
    /// "std" (the API default) | "pro"; left out on kling-v2-master / kling-v2-1-master.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Whole seconds as a string: "3" … "15" on kling-v3, "5" or "10" on the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Legacy: text2video kling-v1 std 5 s; image2video kling-v1-5 pro 5 s ("simple" only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camera_control: Option<CameraControl>,
    #[serde(flatten)]
    pub task: TaskFields,
}

/// The fields every create request ends with (checked by `rules::inputs::common_tail`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TaskFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watermark_info: Option<WatermarkInfo>,
    /// Where Kling posts status changes (§9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Unique per account; lets a create be found again after an ambiguous failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_task_id: Option<String>,
}

/// `voice_list` item (text2video, image2video): a preset or custom voice id (§8.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceRef {
    pub voice_id: String,
}

/// Legacy `camera_control` (text2video, image2video; §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CameraControl {
    /// "simple" | "down_back" | "forward_up" | "right_turn_forward" | "left_turn_forward"
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Required for "simple" (exactly one non-zero value); left out for the other types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<CameraConfig>,
}

/// The six camera moves, each in [-10, 10].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CameraConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizontal: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vertical: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pan: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tilt: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roll: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoom: Option<f64>,
}
