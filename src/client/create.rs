//! Idempotent create: every create carries an `external_task_id` (the caller's or a fresh one),
//! and after a failure that may have happened after Kling stored the task, the client asks for
//! the task by that id before sending the create again. No duplicate paid tasks, none lost.

use super::send::{Call, Failure};
use super::{config, response, CallOptions, Client, CostLimit, IdKind};
use crate::api::{self, common::Task};
use crate::caps::Endpoint;
use crate::error::Error;
use crate::issue::Options;
use crate::json;
use crate::rules::{inputs, Ctx};
use crate::transport::{Method, Runtime, Transport};

/// Validates and builds a create body that carries an `external_task_id`: the caller's, or
/// `fresh()` added to the body (checked by the same rule as a caller's). Returns body and id.
pub fn with_external_task_id(endpoint: Endpoint, text: &str, opts: &Options, fresh: impl FnOnce() -> String) -> Result<(String, String), Error> {
    let built = api::build(endpoint, text, opts).map_err(|r| Error::Validation { issues: r.issues })?;
    // The build says which id the body carries (it read the request once; an empty id counts as
    // none: the build dropped it with a warning, and one is generated).
    if let Some(id) = built.external_task_id {
        return Ok((built.body, id));
    }
    let id = fresh();
    let mut ctx = Ctx::new(opts);
    inputs::external_task_id(&mut ctx, &id);
    let report = ctx.finish();
    if !report.ok {
        return Err(Error::Validation { issues: report.issues });
    }
    Ok((append_field(&built.body, "external_task_id", &id), id))
}

/// Adds `"key":"value"` as the last field of a JSON object written by `api::writer`.
fn append_field(body: &str, key: &str, value: &str) -> String {
    let inner = body.strip_suffix('}').unwrap_or(body);
    let mut out = String::with_capacity(body.len() + key.len() + value.len() + 8);
    out.push_str(inner);
    if inner.trim_end() != "{" {
        out.push(',');
    }
    json::write_str(&mut out, key);
    out.push(':');
    json::write_str(&mut out, value);
    out.push('}');
    out
}

/// A failed create: the error, and the `external_task_id` it carried (None when it failed
/// before a body was built: nothing was sent).
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFailure {
    /// What went wrong.
    pub error: Error,
    /// The id the create carried, to find the task again if it was stored.
    pub external_task_id: Option<String>,
}

/// What asking for a task by its `external_task_id` told.
enum Lookup {
    Found(Box<Task>),
    Missing,
    /// No answer within the retry budget (the last failure of the query).
    Unknown(Error),
    /// The caller aborted while asking.
    Stopped(Error),
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// Validates and builds the request (one with errors is never sent), then creates the task.
    /// A create whose `external_task_id` already exists answers with that existing task.
    pub async fn create(&self, endpoint: Endpoint, request_text: &str, opts: &CallOptions<'_, R::Signal>) -> Result<Task, Error> {
        self.create_tracked(endpoint, request_text, opts).await.map_err(|f| f.error)
    }

    /// `create` under `limit` instead of the client's default cost limit.
    pub async fn create_limited(&self, endpoint: Endpoint, request_text: &str, opts: &CallOptions<'_, R::Signal>, limit: &CostLimit) -> Result<Task, Error> {
        self.create_tracked_limited(endpoint, request_text, opts, limit).await.map_err(|f| f.error)
    }

    /// `create`, whose failure also names the `external_task_id` the create carried once the body
    /// was built (the caller's, or the generated one): retrying with it can never make a second
    /// task, so a failure after sending loses nothing.
    pub async fn create_tracked(&self, endpoint: Endpoint, request_text: &str, opts: &CallOptions<'_, R::Signal>) -> Result<Task, CreateFailure> {
        self.create_tracked_limited(endpoint, request_text, opts, &self.config.cost_limit).await
    }

    /// `create_tracked` under `limit` instead of the client's default (`ClientConfig::cost_limit`):
    /// a create priced above `limit.max_units`, or unpriced under a limit that does not allow
    /// it, fails with `Error::CostLimit` before anything is sent.
    pub async fn create_tracked_limited(
        &self,
        endpoint: Endpoint,
        request_text: &str,
        opts: &CallOptions<'_, R::Signal>,
        limit: &CostLimit,
    ) -> Result<Task, CreateFailure> {
        let refused = |error| CreateFailure { error, external_task_id: None };
        limit.check("create options").map_err(refused)?;
        // Built first: an invalid request is a validation failure, whatever its cost.
        let (body, ext) = with_external_task_id(endpoint, request_text, &self.config.options, || self.runtime.new_id()).map_err(refused)?;
        super::limit::check(endpoint, &body, self.config.options.locale, limit).map_err(refused)?;
        self.create_body(endpoint, &body, &ext, opts).await.map_err(|error| CreateFailure { error, external_task_id: Some(ext) })
    }

    async fn create_body(&self, endpoint: Endpoint, body: &str, ext: &str, opts: &CallOptions<'_, R::Signal>) -> Result<Task, Error> {
        let call = self.call(opts);
        let url = config::collection_url(&self.base, endpoint);
        let mut retries = 0;
        loop {
            let f = match self.attempt::<Task>(Method::Post, &url, Some(body), &call).await {
                Ok(task) => return Ok(task),
                Err(f) => f,
            };
            if matches!(f.error, Error::Aborted) {
                return Err(f.error);
            }
            if response::is_duplicate_external_id(&f.error) {
                // Stored by an earlier send of this call (or an earlier call with this id). If it
                // cannot be fetched now, the query's (retryable) failure tells the caller to try
                // again rather than the refusal, which would read as final.
                return match self.lookup(endpoint, ext, &mut retries, &call).await {
                    Lookup::Found(task) => Ok(*task),
                    Lookup::Stopped(e) | Lookup::Unknown(e) => Err(e),
                    Lookup::Missing => Err(f.error),
                };
            }
            if may_have_created(&f) {
                match self.lookup(endpoint, ext, &mut retries, &call).await {
                    Lookup::Found(task) => return Ok(*task),
                    Lookup::Missing => {}
                    Lookup::Unknown(_) => return Err(f.error),
                    Lookup::Stopped(e) => return Err(e),
                }
            } else if !f.retry {
                return Err(f.error);
            }
            self.pause(&mut retries, &f, &call).await.map_err(|stop| stop.unwrap_or(f.error))?;
        }
    }

    /// Asks for the task by `external_task_id`, retrying unclear answers within the budget.
    async fn lookup(&self, endpoint: Endpoint, ext: &str, retries: &mut u32, call: &Call<'_, R::Signal>) -> Lookup {
        let url = self.query_url(endpoint, ext, IdKind::ExternalTaskId);
        loop {
            let f = match self.attempt::<Task>(Method::Get, &url, None, call).await {
                // A task echoing another external id is not ours (however the server matched it).
                Ok(task) if task.external_task_id().is_some_and(|e| e != ext) => return Lookup::Missing,
                Ok(task) => return Lookup::Found(Box::new(task)),
                Err(f) => f,
            };
            if response::is_not_found(&f.error) {
                return Lookup::Missing;
            }
            if matches!(f.error, Error::Aborted) {
                return Lookup::Stopped(f.error);
            }
            if !f.retry {
                return Lookup::Unknown(f.error);
            }
            match self.pause(retries, &f, call).await {
                Ok(()) => {}
                Err(Some(e)) => return Lookup::Stopped(e),
                Err(None) => return Lookup::Unknown(f.error),
            }
        }
    }
}

/// Whether a failed create may have been stored: it reached the server and the answer was a
/// transient failure (5xx, throttling, timeout, a dropped connection) or unreadable. Auth
/// refusals (1000–1004) happen before anything is stored; so do validation refusals and the
/// signing proxy's refusals that sent nothing upstream (busy, say).
fn may_have_created(f: &Failure) -> bool {
    f.sent && (f.retry || matches!(f.error, Error::Decode { .. })) && !matches!(f.code(), Some(1000..=1004)) && !response::proxy_sent_nothing(&f.error)
}
