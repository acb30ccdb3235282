//! The TextToVideo request model (to be filled in by the family's issue).

/// Every top-level field the API documents for this endpoint.
pub const FIELDS: &[&str] = &["model_name", "prompt", "watermark_info", "callback_url", "external_task_id"];
