//! Omni-Video (`/v1/videos/omni-video`): request model, rules OV-1 … OV-19, body.

pub mod body;
pub mod model;
pub mod rules;

pub use body::{build, validate};
