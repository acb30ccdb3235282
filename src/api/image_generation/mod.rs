//! Image generation (`/v1/images/generations`): the checks of rules IG-1 … IG-7.
//! Its fields are declared in `schema::image_generation`; the shared `api::writer` writes the body.

pub mod rules;
