//! `wait_for_task`: polls a task with growing pauses (2 s up to 15 s, jittered), reports every
//! status change, and ends on "succeed" (Ok), "failed" (TaskFailed), the timeout or an abort.

use super::send::Call;
use super::{config, CallOptions, Client, IdKind, DEFAULT_WAIT_TIMEOUT_MS};
use crate::api::common::{Task, TaskStatus};
use crate::caps::Endpoint;
use crate::error::Error;
use crate::transport::{Method, Runtime, Transport};

/// First pause between polls.
pub const POLL_FIRST_MS: u64 = 2000;
/// Longest pause between polls.
pub const POLL_MAX_MS: u64 = 15_000;
/// A poll made right at the deadline still gets this long to answer.
const LAST_POLL_MIN_TIMEOUT_MS: u64 = 1000;

/// The pause after poll number `poll` (0 = the first): 2 s growing by half each time up to 15 s,
/// minus up to 25 % jitter (`jitter` in [0, 1]).
pub fn poll_delay_ms(poll: u32, jitter: f64) -> u64 {
    let full = (POLL_FIRST_MS as f64 * 1.5f64.powi(poll.min(20) as i32)).min(POLL_MAX_MS as f64);
    let j = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    (full * (1.0 - super::retry::JITTER_SHARE * j)) as u64
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// Polls the task with Kling's `task_id` until it ends. `opts.timeout_ms` is the whole wait
    /// (default 10 min); `on_progress` sees the task at the first look and after every status
    /// change. Transient poll failures are waited out; others end the wait.
    pub async fn wait_for_task(&self, endpoint: Endpoint, id: &str, opts: &CallOptions<'_, R::Signal>, on_progress: impl FnMut(&Task)) -> Result<Task, Error> {
        self.wait_for_task_by(endpoint, id, IdKind::TaskId, opts, on_progress).await
    }

    /// `wait_for_task` with the id `by` names. Each poll is one request (retries aside): by
    /// task_id the path form, one upstream query behind the proxy too.
    pub async fn wait_for_task_by(
        &self,
        endpoint: Endpoint,
        id: &str,
        by: IdKind,
        opts: &CallOptions<'_, R::Signal>,
        mut on_progress: impl FnMut(&Task),
    ) -> Result<Task, Error> {
        config::check_id(id, &self.config.options)?;
        let url = self.query_url(endpoint, id, by);
        let total = opts.timeout_ms.filter(|t| *t > 0).unwrap_or(DEFAULT_WAIT_TIMEOUT_MS);
        let deadline = self.runtime.now_ms().saturating_add(total);
        let mut last: Option<TaskStatus> = None;
        let mut polls = 0;
        loop {
            let remaining = deadline.saturating_sub(self.runtime.now_ms());
            let call =
                Call { signal: opts.signal, timeout_ms: self.config.timeout_ms.min(remaining.max(LAST_POLL_MIN_TIMEOUT_MS)), deadline_ms: Some(deadline) };
            match self.request::<Task>(Method::Get, &url, &call).await {
                Ok(task) => {
                    if last.as_ref() != Some(&task.task_status) {
                        last = Some(task.task_status.clone());
                        on_progress(&task);
                    }
                    match task.task_status {
                        TaskStatus::Succeed => return Ok(task),
                        TaskStatus::Failed => return Err(Error::TaskFailed { task: Box::new(task) }),
                        _ => {}
                    }
                }
                Err(e) if e.retryable() => {}
                Err(e) => return Err(e),
            }
            let now = self.runtime.now_ms();
            if now >= deadline {
                return Err(Error::Timeout);
            }
            self.sleep(poll_delay_ms(polls, self.runtime.random()).min(deadline - now), &call).await?;
            polls += 1;
        }
    }
}
