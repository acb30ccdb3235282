//! Custom voices (`/v1/general/custom-voices`): the checks of rules VC-1 and VC-2.
//! Its fields are declared in `schema::custom_voice`; the shared `api::writer` writes the body.

pub mod rules;
