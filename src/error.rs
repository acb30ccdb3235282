//! The one error type of the library; the bindings turn it into the JS `KlingError`.

use crate::issue::Issue;
use std::fmt;

/// What went wrong, with the fields the JS `KlingError` carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The request broke the rules; nothing was sent.
    Validation {
        /// Everything validation found, warnings included; at least one is an error.
        issues: Vec<Issue>,
    },
    /// Kling answered with a non-zero business code or an error status.
    Api {
        /// The HTTP status.
        status: u16,
        /// Kling's business code (§1.5); `None` when the body was not Kling's envelope.
        api_code: Option<i64>,
        /// Kling's message, or the start of a body that was not Kling's.
        message: String,
        /// Kling's `request_id` (or a gateway's request-id header), to quote to support.
        request_id: Option<String>,
        /// Whether sending the same request again may succeed (e.g. throttling, a server error).
        retryable: bool,
        /// `Some(reason)` when the signing proxy answered itself, not Kling (its answer is marked
        /// `"source":"proxy"` / `x-kling-proxy: 1`): its stable reason, e.g. "origin_not_allowed".
        proxy_reason: Option<String>,
    },
    /// The request did not complete (connection refused, reset, DNS...).
    Transport {
        /// The transport's description of the failure.
        message: String,
    },
    /// The response was not the JSON Kling documents.
    Decode {
        /// What about the response was unexpected.
        message: String,
        /// The response's HTTP status.
        status: u16,
    },
    /// `timeoutMs` ran out.
    Timeout,
    /// The caller's `signal` aborted the call.
    Aborted,
    /// The task ended as "failed".
    TaskFailed {
        /// The task as last queried; `task_status_msg` says why, when Kling gives a reason.
        task: Box<crate::api::common::Task>,
    },
    /// A create refused before anything was sent: its cost estimate is above the caller's
    /// `maxUnits`, or the price table cannot price it while a limit is set (client/limit.rs).
    CostLimit(Box<CostRefusal>),
    /// The call itself was misused (bad option, signer in a browser...).
    Config {
        /// Which setting or call was wrong, and how.
        message: String,
    },
}

impl Error {
    /// The stable code JS callers branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "validation_failed",
            Error::Api { .. } => "api_error",
            Error::Transport { .. } => "network_error",
            Error::Decode { .. } => "decode_error",
            Error::Timeout => "timeout",
            Error::Aborted => "aborted",
            Error::TaskFailed { .. } => "task_failed",
            Error::CostLimit(_) => "cost_limit",
            Error::Config { .. } => "config_error",
        }
    }

    /// Whether trying the call again may succeed: network errors, timeouts and retryable API errors.
    pub fn retryable(&self) -> bool {
        match self {
            Error::Api { retryable, .. } => *retryable,
            Error::Transport { .. } | Error::Timeout => true,
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // "path: message" of each error, "; " between (written piece by piece: a format! and
            // `[String]::join` here were their own copies of that code in the wasm).
            Error::Validation { issues } => {
                f.write_str("The request is invalid: ")?;
                let errors = issues.iter().filter(|i| i.severity == crate::issue::Severity::Error);
                for (k, i) in errors.enumerate() {
                    f.write_str(if k > 0 { "; " } else { "" })?;
                    f.write_str(if i.path.is_empty() { "/" } else { &i.path })?;
                    f.write_str(": ")?;
                    f.write_str(&i.message)?;
                }
                Ok(())
            }
            Error::Api { status, proxy_reason: Some(reason), message, .. } => {
                write!(f, "kling-wasm proxy refused the request: {reason} (HTTP {status}): {message}")
            }
            Error::Api { status, api_code, message, .. } => match api_code {
                Some(c) => write!(f, "Kling API error {c} (HTTP {status}): {message}"),
                None => write!(f, "Kling API error (HTTP {status}): {message}"),
            },
            Error::Transport { message } => write!(f, "Network error: {message}"),
            Error::Decode { message, status } => write!(f, "Unexpected response (HTTP {status}): {message}"),
            Error::Timeout => f.write_str("The call timed out"),
            Error::Aborted => f.write_str("The call was aborted"),
            Error::TaskFailed { task } => {
                write!(f, "Task {} failed: {}", task.task_id, task.task_status_msg.as_deref().unwrap_or("no reason given"))
            }
            Error::CostLimit(r) => r.fmt(f),
            Error::Config { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// What a `CostLimit` refusal knows: the limit, and the estimate (priced above it, or unpriced).
#[derive(Debug, Clone, PartialEq)]
pub struct CostRefusal {
    /// The limit the create ran under, in Kling units.
    pub max_units: f64,
    /// `Priced` above the limit, or `Unpriced` with its reason.
    pub estimate: crate::cost::Estimate,
}

impl fmt::Display for CostRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::cost::{units_text, usd_text, Estimate};
        use crate::json::{write_num, Num};
        // The JSON number writer (4 → "4", 4.2 → "4.2"): f64's Display would link Rust's float
        // formatting into every wasm module (+16 KiB gzip of the main one, measured).
        let mut limit = String::new();
        let whole = self.max_units.fract() == 0.0 && self.max_units.abs() < 1e15;
        write_num(&mut limit, if whole { Num::U(self.max_units as u64) } else { Num::F(self.max_units) });
        match &self.estimate {
            Estimate::Priced(p) => write!(
                f,
                "The estimated cost, {} units (${}, {}), is above maxUnits {limit}: nothing was sent",
                units_text(p.units_tenths),
                usd_text(p.usd_micros),
                p.basis
            ),
            Estimate::Unpriced { reason, .. } => {
                write!(f, "The request cannot be priced ({reason}); under maxUnits {limit} nothing was sent (allowUnpriced: true sends it anyway)")
            }
            Estimate::Invalid(_) => write!(f, "The request is invalid and maxUnits {limit} is set: nothing was sent"),
        }
    }
}
