//! The one future behind every `KlingClient` Promise: a method reads its arguments (synchronously,
//! rejecting at once on a bad one), then hands an `Op` to `run`. One future type for all of them
//! means one state machine and one copy of its glue (boxing, polling, dropping, the KlingError of a
//! failure) instead of one per method: each distinct future a Promise wraps cost ~0.5 KiB gzip.

use super::options::CallOpts;
use super::{boxed_promise, call_opts, task_to_js, tasks_json, Inner};
use crate::bindings::{convert, errors};
use crate::caps::Endpoint;
use crate::client::{CostLimit, IdKind, Prepared, Walk};
use crate::error::Error;
use js_sys::{Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// A call, its arguments read and checked.
pub(super) enum Op {
    /// getTask.
    Get { endpoint: Endpoint, id: String, by: IdKind },
    /// listTasks: one page by number.
    List { endpoint: Endpoint, num: f64, size: f64 },
    /// waitForTask, with its onProgress.
    Wait { endpoint: Endpoint, id: String, by: IdKind, progress: Option<js_sys::Function> },
    /// An iterator's next(): the next task of the walk, as an iterator step.
    Next { endpoint: Endpoint, walk: Rc<RefCell<Walk>> },
    /// The calls around the families (presets, deletions, account costs), prepared.
    Send(Prepared),
    /// A create: the request's JSON text and its cost limit.
    Create { endpoint: Endpoint, text: String, limit: CostLimit },
}

/// `{ value, done }`, an async iterator's step.
pub(super) fn step(value: &JsValue, done: bool) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"value".into(), value);
    let _ = Reflect::set(&o, &"done".into(), &done.into());
    o.into()
}

/// The Promise of `op`: resolves with its JS value, rejects with a KlingError (a failed create's
/// carrying the `externalTaskId` it was sent with).
pub(super) fn run(inner: Rc<Inner>, op: Op, opts: Rc<CallOpts>) -> Promise {
    boxed_promise(Box::pin(async move {
        let o = call_opts(&opts);
        let done: Result<JsValue, Error> = match op {
            Op::Get { endpoint, id, by } => inner.get_task_by(endpoint, &id, by, &o).await.map(|t| task_to_js(&t)),
            Op::List { endpoint, num, size } => inner.list_tasks(endpoint, num, size, &o).await.map(|tasks| convert::from_json_text(&tasks_json(&tasks))),
            Op::Wait { endpoint, id, by, progress } => {
                // A throwing onProgress is the caller's bug; it must not end the wait (or lose the task).
                let report = |t: &crate::api::common::Task| {
                    if let Some(f) = &progress {
                        super::runtime::notify(f, &task_to_js(t));
                    }
                };
                inner.wait_for_task_by(endpoint, &id, by, &o, report).await.map(|t| task_to_js(&t))
            }
            Op::Next { endpoint, walk } => inner.next_task(endpoint, &walk, &o).await.map(|t| match t {
                Some(t) => step(&task_to_js(&t), false),
                None => step(&JsValue::UNDEFINED, true),
            }),
            Op::Send(p) => inner.send_prepared(&p, &o).await.map(|t| convert::from_json_text(&t)),
            Op::Create { endpoint, text, limit } => {
                return match inner.create_tracked_limited(endpoint, &text, &o, &limit).await {
                    Ok(t) => Ok(task_to_js(&t)),
                    Err(f) => Err(errors::to_js_with(&f.error, f.external_task_id.as_deref())),
                }
            }
        };
        done.map_err(|e| errors::to_js(&e))
    }))
}
