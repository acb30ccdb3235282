//! What every family shares on the wire: the task object (`task.rs`). The request fields are
//! declared in the schema tables (`schema/`), not as typed structs: requests are checked as
//! dynamic values and the body is written from them.

pub use super::task::{Task, TaskStatus};
