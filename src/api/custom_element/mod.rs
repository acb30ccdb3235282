//! Custom elements (`/v1/general/advanced-custom-elements`): the checks of rules EL-1 … EL-5.
//! Its fields are declared in `schema::custom_element`; the shared `api::writer` writes the body.

pub mod rules;
