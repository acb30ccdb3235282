//! Kling's task object (`data` of create and query, items of a list), kept as the JSON text Kling
//! sent — nothing the API adds is lost or reshaped on its way to the caller, but for element ids,
//! written as strings of their exact digits (JS would round the numbers) — plus the few fields
//! the client reads (id, status, message, external id).

use crate::json::{self, Value};

/// The task status values (the API spells success "succeed").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskStatus {
    /// Accepted, not started.
    Submitted,
    /// Running.
    Processing,
    /// Done; the result is in `task_result` (Kling's spelling).
    Succeed,
    /// Done without a result; `task_status_msg` says why.
    Failed,
    /// A status this library does not know yet; kept so decoding never fails on it.
    Unknown,
}

impl TaskStatus {
    /// Reads Kling's status text; an unknown one is kept as `Unknown`.
    pub fn parse(s: &str) -> TaskStatus {
        match s {
            "submitted" => TaskStatus::Submitted,
            "processing" => TaskStatus::Processing,
            "succeed" => TaskStatus::Succeed,
            "failed" => TaskStatus::Failed,
            _ => TaskStatus::Unknown,
        }
    }
    /// Whether the task will not change any more (succeed or failed).
    pub fn is_terminal(&self) -> bool {
        matches!(self, TaskStatus::Succeed | TaskStatus::Failed)
    }
}

#[derive(Debug, Clone, PartialEq)]
/// A task as Kling reports it: the fields the client reads, and the whole object as JSON text.
pub struct Task {
    /// Kling's id of the task.
    pub task_id: String,
    /// Where the task stands.
    pub task_status: TaskStatus,
    /// Why it failed, when Kling says.
    pub task_status_msg: Option<String>,
    external_task_id: Option<String>,
    /// The whole task object as JSON text.
    pub json: String,
}

impl Task {
    /// The task in a parsed `data` object; `None` unless it has a string `task_id` and `task_status`.
    pub fn from_value(v: &Value) -> Option<Task> {
        let text = |key: &str| v.field(key).and_then(Value::as_str).map(str::to_owned);
        let external_task_id = v.field("task_info").and_then(|i| i.field("external_task_id")).and_then(Value::as_str).map(str::to_owned);
        let mut out = String::new();
        // Element ids (custom-element results) as strings of their exact digits (json/write.rs).
        json::write_value_exact_ids(&mut out, v);
        Some(Task {
            task_id: text("task_id")?,
            task_status: TaskStatus::parse(v.field("task_status")?.as_str()?),
            task_status_msg: text("task_status_msg"),
            external_task_id,
            json: out,
        })
    }

    /// A task from JSON text (for tests and callers holding Kling's text).
    pub fn from_json(text: &str) -> Option<Task> {
        Task::from_value(&json::parse(text).ok()?)
    }

    /// `task_info.external_task_id`, when the API echoed one.
    pub fn external_task_id(&self) -> Option<&str> {
        self.external_task_id.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_field_and_reads_the_few_it_needs() {
        let text = r#"{"task_id":"1","task_status":"succeed","task_info":{"external_task_id":"e"},"task_result":{"videos":[{"url":"u","duration":"5.041"}]},"new_field":[1,2.5,null],"created_at":1722222222222}"#;
        let t = Task::from_json(text).unwrap();
        assert_eq!((t.task_id.as_str(), &t.task_status, t.external_task_id()), ("1", &TaskStatus::Succeed, Some("e")));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&t.json).unwrap(), serde_json::from_str::<serde_json::Value>(text).unwrap());
        assert_eq!(Task::from_json(r#"{"task_id":"1","task_status":"later"}"#).unwrap().task_status, TaskStatus::Unknown);
        assert!(Task::from_json(r#"{"task_status":"succeed"}"#).is_none());
    }

    #[test]
    fn element_ids_become_strings_of_their_exact_digits() {
        // 2^60 + 1: an f64 (JSON.parse) would read it as 1152921504606846976.
        let text = r#"{"task_id":"1","task_status":"succeed","task_result":{"elements":[{"element_id":1152921504606846977,"element_name":"a","element_voice_info":{"voice_id":"829","trial_url":"u"},"tag_list":[{"id":"o_102"}]},{"element_id":"42"},{"element_id":-3},{"element_id":1.5}]},"final_unit_deduction":12}"#;
        let t = Task::from_json(text).unwrap();
        let v: serde_json::Value = serde_json::from_str(&t.json).unwrap();
        let els = &v["task_result"]["elements"];
        assert_eq!(els[0]["element_id"], "1152921504606846977");
        assert_eq!(els[0]["element_voice_info"]["voice_id"], "829");
        assert_eq!((&els[1]["element_id"], &els[2]["element_id"], &els[3]["element_id"]), (&"42".into(), &"-3".into(), &"1.5".into()));
        // Other numbers stay numbers.
        assert_eq!(v["final_unit_deduction"], 12);
    }
}
