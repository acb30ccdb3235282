//! Omni-Image (`/v1/images/omni-image`): the checks of rules OI-1 … OI-5.
//! Its fields are declared in `schema::omni_image`; the shared `api::writer` writes the body.

pub mod rules;
