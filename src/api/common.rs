//! Wire types every family shares: enums of the request fields, the task object Kling returns
//! (with an `Unknown` status fallback so a new status never breaks decoding), and the envelope.

use serde::{Deserialize, Serialize};

/// The task status values (the API spells success "succeed").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Submitted,
    Processing,
    Succeed,
    Failed,
    /// A status this library does not know yet; kept so decoding never fails on it.
    #[serde(other)]
    Unknown,
}

impl TaskStatus {
    pub fn is_terminal(&self) -> bool {
        matches!(self, TaskStatus::Succeed | TaskStatus::Failed)
    }
}

/// Kling's task object (`data` of create and query, items of list). Unknown fields are kept in
/// `extra` so nothing the API adds is lost on the way to the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub task_id: String,
    pub task_status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_status_msg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_info: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_result: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<i64>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Task {
    /// `task_info.external_task_id`, when the API echoed one.
    pub fn external_task_id(&self) -> Option<&str> {
        self.task_info.as_ref()?.get("external_task_id")?.as_str()
    }
}

/// The response envelope of every endpoint (§1.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub code: i64,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub request_id: String,
    #[serde(default = "Option::default")]
    pub data: Option<T>,
}

/// `watermark_info` on every create request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatermarkInfo {
    pub enabled: bool,
}

/// `element_list` item: the id as exact decimal digits (int64 exceeds JS numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElementRef {
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
