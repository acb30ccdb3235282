//! Image-to-Video (`/v1/videos/image2video`): request model, rules IV-1 … IV-8, body.

pub mod body;
pub mod model;
pub mod rules;

pub use body::{build, validate};
