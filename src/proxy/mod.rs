//! The signing backend's core: configuration, the allow-list, per-user ownership, callback
//! tokens, and the request handler the bindings drive on Workers, Deno or Node.

pub mod callback;
pub mod config;
pub mod forward;
pub mod handler;
pub mod owner;
pub mod route;

pub use config::{ProxyConfig, Signer};
pub use handler::{handle, BodyError, ProxyHost, ProxyState, RequestHead};
