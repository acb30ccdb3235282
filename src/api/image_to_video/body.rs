//! The Image-to-Video wire body: the shared writer does the work (durations as strings, exact element
//! ids, explicit model, ignored fields dropped); this file names the endpoint's entry points.

use crate::api::{self, Built};
use crate::caps::Endpoint;
use crate::issue::{Options, Report};

/// Validates and writes the body of `POST /v1/videos/image2video`.
pub fn build(text: &str, opts: &Options) -> Result<Built, Report> {
    api::build(Endpoint::ImageToVideo, text, opts)
}

/// Validates a request without building it.
pub fn validate(text: &str, opts: &Options) -> Report {
    api::validate(Endpoint::ImageToVideo, text, opts)
}
