//! The signing backend's core: the allow-list and, as the proxy issue grows, ownership,
//! callback tokens and the request handler the bindings drive.

pub mod owner;
pub mod route;
