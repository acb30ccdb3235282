//! `iterateTasks`: an async iterator over every task of a family, fetching pages as `for await`
//! asks for more. The walk is the core's `client::Walk` (it follows the signing proxy's cursor
//! across short and empty pages and hands out each task once); this file only adapts it to JS.

use super::options::CallOpts;
use super::Inner;
use crate::bindings::options::Reader;
use crate::caps::Endpoint;
use crate::client::{self, Walk};
use crate::error::Error;
use crate::issue::Locale;
use js_sys::Promise;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `{ pageNum?, pageSize? }` as the numbers the core checks (their ranges are its to check).
pub(super) fn page_query(q: Option<&JsValue>, locale: Locale) -> Result<(f64, f64), Error> {
    let mut r = Reader::new(locale);
    let q = r.object(q, "", &["pageNum", "pageSize"]).unwrap_or_default();
    let (num, size) = (r.number(&q, "pageNum"), r.number(&q, "pageSize"));
    r.finish("list query")?;
    Ok((num.unwrap_or(1.0), size.unwrap_or(f64::from(client::config::PAGE_SIZE_DEFAULT))))
}

/// The async iterator `iterateTasks` returns.
#[wasm_bindgen]
#[derive(Debug)]
pub struct TaskIterator {
    inner: Rc<Inner>,
    endpoint: Endpoint,
    opts: Rc<CallOpts>,
    walk: Rc<RefCell<Walk>>,
}

#[wasm_bindgen]
impl TaskIterator {
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<Task, undefined>>")]
    pub fn next(&self) -> Promise {
        super::run::run(self.inner.clone(), super::run::Op::Next { endpoint: self.endpoint, walk: self.walk.clone() }, self.opts.clone())
    }

    /// Ends the iteration early (`break` in `for await`).
    #[wasm_bindgen(js_name = "return", unchecked_return_type = "Promise<IteratorResult<Task, undefined>>")]
    pub fn finish(&self) -> Promise {
        self.walk.borrow_mut().stop();
        Promise::resolve(&super::run::step(&JsValue::UNDEFINED, true))
    }
}

impl TaskIterator {
    /// An iterator over `walk` (its paging already checked).
    pub(super) fn start(inner: Rc<Inner>, endpoint: Endpoint, walk: Walk, opts: CallOpts) -> Self {
        TaskIterator { inner, endpoint, opts: Rc::new(opts), walk: Rc::new(RefCell::new(walk)) }
    }
}
