//! `iterateTasks`: an async iterator over every task of a family, fetching page after page
//! (a short page, or page 1000, is the last) as `for await` asks for more.

use super::{call_opts, options, promise, task_to_js, Inner};
use crate::api::common::Task;
use crate::caps::Endpoint;
use crate::client;
use crate::error::Error;
use js_sys::{Object, Promise, Reflect};
use options::{field, CallOpts};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `{ pageNum?, pageSize? }` as the numbers the core checks.
pub(super) fn page_query(q: Option<&JsValue>) -> Result<(f64, f64), Error> {
    let Some(q) = options::object(q, "list query", &["pageNum", "pageSize"])? else { return Ok((1.0, f64::from(client::config::PAGE_SIZE_DEFAULT))) };
    let num = |key: &str, default: f64| match field(&q, key) {
        None => Ok(default),
        Some(v) => v.as_f64().ok_or_else(|| Error::Config { message: format!("list query.{key} must be a number") }),
    };
    Ok((num("pageNum", 1.0)?, num("pageSize", f64::from(client::config::PAGE_SIZE_DEFAULT))?))
}

#[derive(Debug)]
struct PageState {
    next_page: Option<u32>,
    size: u32,
    buffer: VecDeque<Task>,
}

/// The async iterator `iterateTasks` returns: `next()` hands out buffered tasks and fetches the
/// next page when the buffer is empty; a short page (or page 1000) is the last.
#[wasm_bindgen]
#[derive(Debug)]
pub struct TaskIterator {
    inner: Rc<Inner>,
    endpoint: Endpoint,
    opts: Rc<CallOpts>,
    state: Rc<RefCell<PageState>>,
}

fn step(value: &JsValue, done: bool) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"value".into(), value);
    let _ = Reflect::set(&o, &"done".into(), &done.into());
    o.into()
}

#[wasm_bindgen]
impl TaskIterator {
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<Task, undefined>>")]
    pub fn next(&self) -> Promise {
        let (inner, state, opts, endpoint) = (self.inner.clone(), self.state.clone(), self.opts.clone(), self.endpoint);
        promise(async move {
            loop {
                // Never hold the borrow across an await.
                let page = {
                    let mut s = state.borrow_mut();
                    if let Some(t) = s.buffer.pop_front() {
                        return Ok(step(&task_to_js(&t), false));
                    }
                    match s.next_page.take() {
                        Some(p) => (p, s.size),
                        None => return Ok(step(&JsValue::UNDEFINED, true)),
                    }
                };
                let tasks = inner.list_tasks(endpoint, f64::from(page.0), f64::from(page.1), &call_opts(&opts)).await?;
                let mut s = state.borrow_mut();
                s.next_page = client::next_page(page.0, page.1, tasks.len());
                s.buffer.extend(tasks);
            }
        })
    }

    /// Ends the iteration early (`break` in `for await`).
    #[wasm_bindgen(js_name = "return", unchecked_return_type = "Promise<IteratorResult<Task, undefined>>")]
    pub fn finish(&self) -> Promise {
        let mut s = self.state.borrow_mut();
        s.next_page = None;
        s.buffer.clear();
        Promise::resolve(&step(&JsValue::UNDEFINED, true))
    }
}

impl TaskIterator {
    /// An iterator from page `num` on, `size` tasks a page (both already checked).
    pub(super) fn start(inner: Rc<Inner>, endpoint: Endpoint, num: u32, size: u32, opts: CallOpts) -> Self {
        let state = PageState { next_page: Some(num), size, buffer: VecDeque::new() };
        TaskIterator { inner, endpoint, opts: Rc::new(opts), state: Rc::new(RefCell::new(state)) }
    }
}
