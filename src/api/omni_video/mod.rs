//! Omni-Video (`/v1/videos/omni-video`): the checks of rules OV-1 … OV-19.
//! Its fields are declared in `schema::omni_video`; the shared `api::writer` writes the body.

pub mod rules;
