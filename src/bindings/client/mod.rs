//! The JS `KlingClient` (DESIGN.md "JS API"): getTask, listTasks, iterateTasks (every task of
//! every page, for `for await`), waitForTask; and `signKlingToken`. The creates (validated,
//! idempotent) are in create.rs; presets, deletions and account costs in general.rs.
//! Every async method returns a Promise that rejects with a KlingError. The work is the core
//! `client::Client` over `fetch`; this file only converts values.

mod create;
mod general;
pub(crate) mod options;
mod pages;
mod run;
pub(crate) mod runtime;
mod sign;

use super::{convert, errors};
use crate::api::common::Task;
use crate::caps::Endpoint;
use crate::client::{CallOptions, Client, IdKind, Walk};
use crate::error::Error;
use crate::issue::Locale;
use crate::transport::fetch::FetchTransport;
use js_sys::Promise;
use options::{call_options, CallOpts};
use runtime::JsRuntime;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

type Inner = Client<FetchTransport, JsRuntime>;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "KlingClientOptions")]
    pub type KlingClientOptions;
    #[wasm_bindgen(typescript_type = "CallOptions")]
    pub type CallOptionsArg;
    #[wasm_bindgen(typescript_type = "CreateOptions")]
    pub type CreateOptionsArg;
    #[wasm_bindgen(typescript_type = "GetTaskOptions")]
    pub type GetTaskOptionsArg;
    #[wasm_bindgen(typescript_type = "WaitOptions")]
    pub type WaitOptionsArg;
    #[wasm_bindgen(typescript_type = "ListQuery")]
    pub type ListQueryArg;
    #[wasm_bindgen(typescript_type = "SignOptions")]
    pub type SignOptionsArg;
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &'static str = r#"
/** How the client authenticates. `keys` and `apiKey` hold secrets: servers and edge workers only. */
export type AuthOptions =
  | { kind: "proxy"; headers?: SessionHeaders | (() => SessionHeaders | Promise<SessionHeaders>) }
  | { kind: "token"; token: string | (() => string | Promise<string>) }
  | { kind: "keys"; accessKey: string; secretKey: string; ttlSeconds?: number; dangerouslyAllowBrowser?: boolean }
  | { kind: "apiKey"; apiKey: string; dangerouslyAllowBrowser?: boolean };

/** Your app's session for the signing backend's authorize, e.g. { "x-session": id }: at most 8,
 *  names a page may set (not content-type, cookie, host, ...), values ≤ 4096 bytes of ASCII. */
export type SessionHeaders = Record<string, string>;

export interface KlingClientOptions {
  /** Kling's host, or your signing backend's mount (e.g. "https://example.com/kling" or "/kling"). */
  baseUrl: string;
  /** Default { kind: "proxy" }: no Kling credentials (the backend adds them); its `headers`
   *  (an object, or a function asked before every attempt) carry your app's session. */
  auth?: AuthOptions;
  /** fetch's mode: "include" sends cookies to a cross-origin backend with allowCredentials.
   *  Default "same-origin" (fetch's own; not passed then). */
  credentials?: "omit" | "same-origin" | "include";
  /** Called as a plain function; default: the global fetch. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retries of retryable failures (default 2, at most 10). */
  maxRetries?: number;
  /** Per HTTP exchange, body included (default 60000). */
  timeoutMs?: number;
  /** Language of validation messages (default "en"). */
  locale?: "en" | "zh";
  /** Default cost limit of every create (Kling units, as estimateCost counts them): a create
   *  estimated above it fails with KlingError "cost_limit" before any request. Default: none. */
  maxUnits?: number;
  /** Under a limit, send creates estimateCost cannot price (legacy models, a base edit without
   *  videoSeconds). Default false: they are refused, their cost being unknown. */
  allowUnpriced?: boolean;
}

/** Per call: `timeoutMs` bounds each HTTP exchange, body included (default: the client's). */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** A create's options: those of every call, and its cost limit (kling-api.md §10). */
export interface CreateOptions extends CallOptions {
  /** Refuse the create (KlingError "cost_limit", nothing sent) when its estimate is above this
   *  many Kling units; default: the client's `maxUnits`; null: no limit for this call. */
  maxUnits?: number | null;
  /** Under a limit, send a create estimateCost cannot price (default: the client's, false). */
  allowUnpriced?: boolean;
  /** The input video's length in seconds (e.g. probeVideo's), which a base-video edit is
   *  billed on: without it such a create is unpriced. */
  videoSeconds?: number;
}

/** `by`: which id `getTask` is given (default "task_id"). */
export interface GetTaskOptions extends CallOptions {
  by?: "task_id" | "external_task_id";
}

/** `timeoutMs` bounds the whole wait (default 10 minutes); `by` as in `getTask`. */
export interface WaitOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  by?: "task_id" | "external_task_id";
  /** Called with the task at the first look and on every status change. */
  onProgress?: (task: Task) => void;
}

/** pageNum 1–1000 (default 1), pageSize 1–500 (1–1000 for "custom-voice" lists; default 30). */
export interface ListQuery {
  pageNum?: number;
  pageSize?: number;
}

export interface KlingClient {
  /**
   * Polls until the task ends (by `task_id`, or `by: "external_task_id"`): resolves with the
   * succeeded task, its `task_result` typed for the family; rejects with "task_failed"
   * (carrying the task), "timeout" or "aborted".
   */
  waitForTask<F extends Endpoint>(family: F, id: string, options?: WaitOptions | null): Promise<SucceededTask<F>>;
}

export interface SignOptions {
  /** Default: now. */
  nowSeconds?: number;
  /** Default 1800. */
  ttlSeconds?: number;
  /** The signer refuses to run in a web page without this. */
  dangerouslyAllowBrowser?: boolean;
}
"#;

/// A JSON array of the tasks' own JSON texts.
fn tasks_json(tasks: &[Task]) -> String {
    let mut out = String::from("[");
    for (i, t) in tasks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&t.json);
    }
    out.push(']');
    out
}

fn task_to_js(task: &Task) -> JsValue {
    convert::from_json_text(&task.json)
}

/// Boxed so that `future_to_promise` is compiled once (smaller wasm); run.rs makes the one future.
fn boxed_promise(fut: Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    future_to_promise(fut)
}

fn rejected(e: Error) -> Promise {
    Promise::reject(&errors::to_js(&e))
}

fn call_opts(o: &CallOpts) -> CallOptions<'_, crate::transport::fetch::AbortSignal> {
    CallOptions { signal: o.signal.as_ref(), timeout_ms: o.timeout_ms }
}

fn id_of(v: &JsValue) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::Config { message: "the task id must be a string".into() })
}

/// The Kling API client.
#[wasm_bindgen]
#[derive(Debug)]
pub struct KlingClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen]
impl KlingClient {
    /// Checks the options; throws KlingError "config_error" on a bad one.
    #[wasm_bindgen(constructor)]
    pub fn new(options: KlingClientOptions) -> Result<KlingClient, JsValue> {
        let made = options::client_config(&options, runtime::in_browser())
            .and_then(|(cfg, f)| Client::new(cfg, FetchTransport::new(f.fetch, f.credentials), JsRuntime));
        made.map(|c| KlingClient { inner: Rc::new(c) }).map_err(|e| errors::to_js(&e))
    }

    /// The locale of the client's messages (its option problems included).
    fn locale(&self) -> Locale {
        self.inner.config().options.locale
    }

    /// The options of a call that takes only `signal` and `timeoutMs`.
    fn plain_call(&self, options: Option<CallOptionsArg>, what: &str) -> Result<CallOpts, Error> {
        let (r, _, opts) = call_options(options.as_deref(), self.locale(), &[]);
        r.finish(what).map(|()| opts)
    }

    /// One task, by `task_id` or (with `by: "external_task_id"`) the caller's `external_task_id`.
    #[wasm_bindgen(js_name = getTask, unchecked_return_type = "Promise<Task>")]
    pub fn get_task(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Endpoint")] family: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Option<GetTaskOptionsArg>,
    ) -> Promise {
        let args = (|| {
            let (mut r, o, opts) = call_options(options.as_deref(), self.locale(), &["by"]);
            let by = options::id_kind(&mut r, &o);
            r.finish("getTask options")?;
            Ok((options::family(&family)?, id_of(&id)?, opts, by))
        })();
        let (endpoint, id, opts, by): (Endpoint, String, CallOpts, IdKind) = match args {
            Ok(a) => a,
            Err(e) => return rejected(e),
        };
        run::run(self.inner.clone(), run::Op::Get { endpoint, id, by }, Rc::new(opts))
    }

    /// One page of tasks by number. Through a signing proxy a page may be short or empty while
    /// more exist (other users' tasks are removed): `iterateTasks` walks them all.
    #[wasm_bindgen(js_name = listTasks, unchecked_return_type = "Promise<Task[]>")]
    pub fn list_tasks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Endpoint")] family: JsValue,
        query: Option<ListQueryArg>,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        let args = (|| Ok((options::family(&family)?, pages::page_query(query.as_deref(), self.locale())?, self.plain_call(options, "listTasks options")?)))();
        let (endpoint, (num, size), opts): (Endpoint, (f64, f64), CallOpts) = match args {
            Ok(a) => a,
            Err(e) => return rejected(e),
        };
        run::run(self.inner.clone(), run::Op::List { endpoint, num, size }, Rc::new(opts))
    }

    /// Every task of the family, once each, page after page (from `pageNum`, default 1; through
    /// the signing proxy by its cursor), for `for await`.
    #[wasm_bindgen(js_name = iterateTasks, unchecked_return_type = "AsyncIterableIterator<Task>")]
    pub fn iterate_tasks(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Endpoint")] family: JsValue,
        query: Option<ListQueryArg>,
        options: Option<CallOptionsArg>,
    ) -> Result<JsValue, JsValue> {
        let args =
            (|| Ok((options::family(&family)?, pages::page_query(query.as_deref(), self.locale())?, self.plain_call(options, "iterateTasks options")?)))();
        let (endpoint, (num, size), opts): (Endpoint, (f64, f64), CallOpts) = args.map_err(|e: Error| errors::to_js(&e))?;
        // Bad paging fails here, at the call, not at the first `next()`.
        let walk = Walk::new(endpoint, num, size, &self.inner.config().options).map_err(|e| errors::to_js(&e))?;
        let it = pages::TaskIterator::start(self.inner.clone(), endpoint, walk, opts);
        Ok(runtime::async_iterable(it.into()))
    }

    /// Polls until the task ends; declared in TS_CLIENT (generic over the family, which the
    /// attributes here cannot say).
    #[wasm_bindgen(js_name = waitForTask, skip_typescript)]
    pub fn wait_for_task(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Endpoint")] family: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        options: Option<WaitOptionsArg>,
    ) -> Promise {
        let args = (|| {
            let (mut r, o, opts) = call_options(options.as_deref(), self.locale(), &["onProgress", "by"]);
            let (progress, by) = (r.function(&o, "onProgress"), options::id_kind(&mut r, &o));
            r.finish("waitForTask options")?;
            Ok((options::family(&family)?, id_of(&id)?, opts, progress, by))
        })();
        let (endpoint, id, opts, progress, by): (Endpoint, String, CallOpts, Option<js_sys::Function>, IdKind) = match args {
            Ok(a) => a,
            Err(e) => return rejected(e),
        };
        run::run(self.inner.clone(), run::Op::Wait { endpoint, id, by, progress }, Rc::new(opts))
    }
}
