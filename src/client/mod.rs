//! The Kling client over any `Transport` and `Runtime`: create (validated, built, idempotent),
//! query one, list, and wait for a task. The bindings wrap it as the JS `KlingClient`.

pub mod config;
mod create;
mod poll;
pub mod response;
pub mod retry;
mod send;

pub use config::{check_id, check_page, next_page, CallOptions, ClientConfig, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS};
pub use create::{with_external_task_id, CreateFailure};
pub use poll::{poll_delay_ms, POLL_FIRST_MS, POLL_MAX_MS};

use crate::api::common::Task;
use crate::auth::Authenticator;
use crate::caps::Endpoint;
use crate::error::Error;
use crate::transport::{Method, Runtime, Transport};
use send::Call;
use std::fmt;

/// A client bound to one base URL and auth strategy. Single-threaded: share it by reference.
pub struct Client<T, R> {
    config: ClientConfig,
    base: String,
    auth: Authenticator,
    transport: T,
    runtime: R,
}

impl<T, R> fmt::Debug for Client<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client").field("base", &self.base).field("auth", &self.auth).field("max_retries", &self.config.max_retries).finish_non_exhaustive()
    }
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// Checks the configuration (base URL, limits, browser safety of the auth strategy).
    pub fn new(config: ClientConfig, transport: T, runtime: R) -> Result<Self, Error> {
        let base = config.checked_base_url()?;
        let auth = Authenticator::new(config.auth.clone());
        Ok(Client { config, base, auth, transport, runtime })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    pub fn runtime(&self) -> &R {
        &self.runtime
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The per-exchange limits of a create, get or list call.
    fn call<'a>(&self, opts: &CallOptions<'a, R::Signal>) -> Call<'a, R::Signal> {
        Call { signal: opts.signal, timeout_ms: opts.timeout_ms.filter(|t| *t > 0).unwrap_or(self.config.timeout_ms), deadline_ms: None }
    }

    /// One task by `task_id` or `external_task_id`.
    pub async fn get_task(&self, endpoint: Endpoint, id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<Task, Error> {
        check_id(id, &self.config.options)?;
        let url = config::task_url(&self.base, endpoint, id);
        self.request(Method::Get, &url, &self.call(opts)).await
    }

    /// One page of the family's tasks; `page_num` 1–1000 and `page_size` 1–500, whole numbers.
    pub async fn list_tasks(&self, endpoint: Endpoint, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<Vec<Task>, Error> {
        let (num, size) = check_page(page_num, page_size, &self.config.options)?;
        let url = config::list_url(&self.base, endpoint, num, size);
        self.request(Method::Get, &url, &self.call(opts)).await
    }
}
