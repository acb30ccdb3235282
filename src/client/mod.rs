//! The Kling client over any `Transport` and `Runtime`: create (validated, built, idempotent),
//! query one, list, and wait for a task; presets, deletions and account costs (general.rs). The bindings wrap it as the JS `KlingClient`.

pub mod config;
pub mod costs;
mod create;
pub mod general;
pub mod limit;
pub mod pages;
mod poll;
pub mod response;
pub mod retry;
mod send;

pub use config::{
    check_family_page, check_id, check_page, CallOptions, ClientConfig, IdKind, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS,
};
pub use costs::{check_costs_query, CostsQuery, BALANCES_MAX_AGE_MS};
pub use create::{with_external_task_id, CreateFailure};
pub use general::{check_element_id, Prepared};
pub use limit::CostLimit;
pub use pages::{next_request, Cursor, Page, PageRequest, Walk};
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

    /// The settings the client was built from.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// The clock, sleep, jitter and id source the client runs on.
    pub fn runtime(&self) -> &R {
        &self.runtime
    }

    /// What sends the client's HTTP requests.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The per-exchange limits of a create, get or list call.
    fn call<'a>(&self, opts: &CallOptions<'a, R::Signal>) -> Call<'a, R::Signal> {
        Call { signal: opts.signal, timeout_ms: opts.timeout_ms.filter(|t| *t > 0).unwrap_or(self.config.timeout_ms), deadline_ms: None }
    }

    /// One task by Kling's `task_id`.
    pub async fn get_task(&self, endpoint: Endpoint, id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<Task, Error> {
        self.get_task_by(endpoint, id, IdKind::TaskId, opts).await
    }

    /// One task by the id `by` names: one request (retries aside), in the URL form the server
    /// in front reads (`query_url`).
    pub async fn get_task_by(&self, endpoint: Endpoint, id: &str, by: IdKind, opts: &CallOptions<'_, R::Signal>) -> Result<Task, Error> {
        check_id(id, &self.config.options)?;
        self.request(Method::Get, &self.query_url(endpoint, id, by), &self.call(opts)).await
    }

    /// One page of the family's tasks by number; `page_num` 1–1000 and `page_size` 1–500 (1–1000
    /// for custom-voice), whole numbers. Through the signing proxy a page may be short or empty while more exist: walk
    /// with `Walk` and `next_task` (or `list_page`), which follow the proxy's cursor.
    pub async fn list_tasks(&self, endpoint: Endpoint, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<Vec<Task>, Error> {
        let (num, size) = check_family_page(endpoint, page_num, page_size, &self.config.options)?;
        Ok(self.list_page(endpoint, &PageRequest::Number { num, size }, opts).await?.tasks)
    }

    /// `config::query_url` for this client: the proxy form unless the client signs itself.
    fn query_url(&self, endpoint: Endpoint, id: &str, by: IdKind) -> String {
        config::query_url(&self.base, endpoint, id, by, self.config.auth.through_proxy())
    }
}
