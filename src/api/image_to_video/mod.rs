//! (family in progress) request model, rules and body.

pub mod body;
pub mod model;
pub mod rules;

pub use body::{build, validate};
