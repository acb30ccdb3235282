//! One HTTP exchange with auth (and one fresh token when Kling refuses the current one), and the
//! retry loop around it for calls that are safe to repeat (queries and lists).

use super::pages::{Cursor, Page};
use super::response::FromData;
use super::{response, retry, Client};
use crate::api::common::Task;
use crate::error::Error;
use crate::json::Value;
use crate::transport::{HttpRequest, Method, Runtime, Transport, TransportError};

/// A response's `data` as what it is: one task (create, query), a page of them (list), or the
/// JSON text another reader made of it (presets, account costs). One type, so the exchange and
/// retry loops below are compiled once, not once per result type (~1 KiB of wasm each).
#[derive(Debug)]
pub(crate) enum Data {
    One(Task),
    Many(Page),
    Text(String),
}

/// Reads an envelope's `data` into JSON text for the caller; `None`: not the shape documented.
pub(crate) type ReadText = fn(&Value) -> Option<String>;

/// What a call reads `data` as (what `Data` it must come back as).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Want {
    One,
    Many,
    Text(ReadText),
}

impl Data {
    fn is(&self, want: Want) -> bool {
        matches!((self, want), (Data::One(_), Want::One) | (Data::Many(_), Want::Many) | (Data::Text(_), Want::Text(_)))
    }
}

impl FromData for Data {
    fn from_data(v: &Value) -> Option<Self> {
        match v {
            Value::Arr(_) => Vec::<Task>::from_data(v).map(|tasks| Data::Many(Page { tasks, next_cursor: None })),
            _ => Task::from_data(v).map(Data::One),
        }
    }

    fn from_envelope(body: &Value, data: &Value, status: u16) -> Result<Self, Error> {
        match Self::from_data(data).ok_or_else(|| response::wrong_shape(status))? {
            // The signing proxy's cursor sits beside `data` (client/pages.rs).
            Data::Many(page) => Ok(Data::Many(Page { next_cursor: Cursor::from_envelope(body, status)?, ..page })),
            one => Ok(one),
        }
    }
}

/// What a call reads `data` as.
pub(crate) trait Wanted: Sized {
    /// A list, not one task.
    const LIST: bool;
    fn take(data: Data) -> Option<Self>;
}

impl Wanted for Task {
    const LIST: bool = false;
    fn take(data: Data) -> Option<Self> {
        match data {
            Data::One(t) => Some(t),
            _ => None,
        }
    }
}

impl Wanted for Page {
    const LIST: bool = true;
    fn take(data: Data) -> Option<Self> {
        match data {
            Data::Many(p) => Some(p),
            _ => None,
        }
    }
}

fn want_of<D: Wanted>() -> Want {
    if D::LIST {
        Want::Many
    } else {
        Want::One
    }
}

/// What one call may spend: the caller's signal, the timeout of each exchange, and (while
/// waiting for a task) the time after which no retry starts.
#[derive(Debug)]
pub(crate) struct Call<'a, S> {
    pub signal: Option<&'a S>,
    pub timeout_ms: u64,
    pub deadline_ms: Option<u64>,
}

impl<S> Clone for Call<'_, S> {
    fn clone(&self) -> Self {
        Call { signal: self.signal, timeout_ms: self.timeout_ms, deadline_ms: self.deadline_ms }
    }
}

/// A failed exchange and what the retry logic needs to know about it.
#[derive(Debug)]
pub(crate) struct Failure {
    pub error: Error,
    /// The request may have reached Kling (everything but a refusal before sending).
    pub sent: bool,
    /// Sending the same request again may succeed.
    pub retry: bool,
    /// The server's Retry-After, in ms from when the answer came.
    pub retry_after_ms: Option<u64>,
}

impl Failure {
    fn before_sending(error: Error) -> Self {
        Failure { retry: false, sent: false, retry_after_ms: None, error }
    }

    fn from_transport(e: TransportError) -> Self {
        let (error, sent, retry) = match e {
            TransportError::NotSent { message } => (Error::Transport { message }, false, true),
            TransportError::Ambiguous { message } => (Error::Transport { message }, true, true),
            TransportError::Timeout => (Error::Timeout, true, true),
            TransportError::Aborted => (Error::Aborted, true, false),
        };
        Failure { error, sent, retry, retry_after_ms: None }
    }

    /// Kling's code, when the answer was Kling's envelope.
    pub fn code(&self) -> Option<i64> {
        response::api_code(&self.error)
    }
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// One exchange. A token Kling calls invalid or expired (1002/1004) is replaced once, when
    /// the strategy can produce another (keys, token provider).
    pub(crate) async fn attempt<D: Wanted>(&self, method: Method, url: &str, body: Option<&str>, call: &Call<'_, R::Signal>) -> Result<D, Failure> {
        let data = self.exchange(method, url, body, call, want_of::<D>()).await?;
        // (`exchange` checked the shape, so `take` does not fail.)
        D::take(data).ok_or_else(|| Failure::before_sending(response::wrong_shape(0)))
    }

    /// `attempt` for any result type: `want` says which shape `data` must have.
    async fn exchange(&self, method: Method, url: &str, body: Option<&str>, call: &Call<'_, R::Signal>, want: Want) -> Result<Data, Failure> {
        let mut refreshed = false;
        loop {
            self.check_abort(call).map_err(Failure::before_sending)?;
            let auth = self.auth.header(self.runtime.now_ms()).await.map_err(Failure::before_sending)?;
            let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
            if let Some(a) = auth {
                headers.push(("Authorization".to_owned(), a));
            }
            // The app's session for the signing backend, asked afresh for every attempt.
            headers.extend(self.auth.session_headers().await.map_err(Failure::before_sending)?);
            let req = HttpRequest { method, url: url.to_owned(), headers, body: body.map(str::to_owned), timeout_ms: call.timeout_ms };
            let resp = self.transport.send(req, call.signal).await.map_err(Failure::from_transport)?;
            let decoded = match want {
                Want::Text(read) => response::decode_text(&resp, read).map(Data::Text),
                _ => response::decode::<Data>(&resp),
            };
            let error = match decoded {
                Ok(data) if data.is(want) => return Ok(data),
                Ok(_) => response::wrong_shape(resp.status),
                Err(e) => e,
            };
            let code = response::api_code(&error);
            if retry::is_token_refusal(code) && !refreshed && self.auth.invalidate() {
                refreshed = true;
                continue;
            }
            let now = self.runtime.now_ms();
            let retry_after_ms = resp.header("retry-after").and_then(|v| retry::parse_retry_after(v, now));
            // A refused token is not fixed by waiting; only the refresh above helps.
            let retry = error.retryable() && !retry::is_token_refusal(code);
            return Err(Failure { error, sent: true, retry, retry_after_ms });
        }
    }

    /// An exchange that is safe to repeat, retried within the budget.
    pub(crate) async fn request<D: Wanted>(&self, method: Method, url: &str, call: &Call<'_, R::Signal>) -> Result<D, Error> {
        let data = self.request_data(method, url, None, call, want_of::<D>()).await?;
        D::take(data).ok_or_else(|| response::wrong_shape(0))
    }

    /// `data` as the JSON text `read` makes of it. A `body` (a POST that changes something, a
    /// deletion) is sent again only after a failure that shows it was not acted on: not sent, or
    /// Kling's throttling (1302/1303); a GET retries like `request`.
    pub(crate) async fn request_text(
        &self,
        method: Method,
        url: &str,
        body: Option<&str>,
        read: ReadText,
        call: &Call<'_, R::Signal>,
    ) -> Result<String, Error> {
        match self.request_data(method, url, body, call, Want::Text(read)).await? {
            Data::Text(t) => Ok(t),
            _ => Err(response::wrong_shape(0)),
        }
    }

    async fn request_data(&self, method: Method, url: &str, body: Option<&str>, call: &Call<'_, R::Signal>, want: Want) -> Result<Data, Error> {
        let mut retries = 0;
        loop {
            let f = match self.exchange(method, url, body, call, want).await {
                Ok(data) => return Ok(data),
                Err(f) => f,
            };
            // A repeated deletion after one that worked but whose answer was lost would be
            // refused ("not found"): the first failure is the truer answer.
            let unsafe_repeat = body.is_some() && f.sent && !matches!(f.code(), Some(1302 | 1303));
            if !f.retry || unsafe_repeat {
                return Err(f.error);
            }
            self.pause(&mut retries, &f, call).await.map_err(|stop| stop.unwrap_or(f.error))?;
        }
    }

    /// Waits before retry number `*retries` and counts it. `Err(None)`: no retry is left (the
    /// budget, Retry-After or the deadline say so); `Err(Some(e))`: the wait ended in `e`.
    pub(crate) async fn pause(&self, retries: &mut u32, f: &Failure, call: &Call<'_, R::Signal>) -> Result<(), Option<Error>> {
        if *retries >= self.config.max_retries {
            return Err(None);
        }
        let delay = retry::retry_delay_ms(*retries, f.code(), self.runtime.random(), f.retry_after_ms).ok_or(None)?;
        if call.deadline_ms.is_some_and(|d| self.runtime.now_ms().saturating_add(delay) > d) {
            return Err(None);
        }
        *retries += 1;
        self.sleep(delay, call).await.map_err(Some)
    }

    pub(crate) async fn sleep(&self, ms: u64, call: &Call<'_, R::Signal>) -> Result<(), Error> {
        self.runtime.sleep(ms, call.signal).await.map_err(|_| Error::Aborted)?;
        self.check_abort(call)
    }

    pub(crate) fn check_abort(&self, call: &Call<'_, R::Signal>) -> Result<(), Error> {
        match call.signal {
            Some(s) if self.runtime.is_aborted(s) => Err(Error::Aborted),
            _ => Ok(()),
        }
    }
}
