//! The signing backend's core: configuration, the allow-list, per-caller ownership, callback
//! tokens, list cursors, and the request handler the bindings drive on Workers, Deno or Node.

pub mod answer;
pub mod assets;
pub mod callback;
pub mod config;
pub mod cors;
pub mod costs;
pub mod cursor;
pub mod forward;
pub mod handler;
pub mod host;
pub mod ids;
pub mod limits;
pub mod origin;
pub mod owner;
pub mod reply;
pub mod route;
pub mod state;
pub mod store;
pub mod warm;

pub use config::{ProxyConfig, Signer, DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CREATES_IN_FLIGHT, DEFAULT_MEMORY_BUDGET_BYTES};
pub use handler::{handle, RequestHead};
pub use host::{BodyError, BodyRoom, ProxyHost};
pub use owner::Owner;
pub use reply::MARKER_HEADER;
pub use state::ProxyState;
