//! Text-to-Video (`/v1/videos/text2video`): request model, rules TV-1 … TV-6, body.

pub mod body;
pub mod model;
pub mod rules;

pub use body::{build, validate};
