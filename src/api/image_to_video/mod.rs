//! Image-to-Video (`/v1/videos/image2video`): the checks of rules IV-1 … IV-8.
//! Its fields are declared in `schema::image_to_video`; the shared `api::writer` writes the body.

pub mod rules;
