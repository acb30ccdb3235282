//! Omni-Image (`/v1/images/omni-image`): request model, rules OI-1 … OI-5, body.

pub mod body;
pub mod model;
pub mod rules;

pub use body::{build, validate};
