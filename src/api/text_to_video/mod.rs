//! Text-to-Video (`/v1/videos/text2video`): the checks of rules TV-1 … TV-6.
//! Its fields are declared in `schema::text_to_video`; the shared `api::writer` writes the body.

pub mod rules;
