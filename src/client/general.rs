//! The calls around the task families (kling-api.md §8.2–§8.4): the preset element and voice
//! lists, deleting a custom element or voice, and the account's resource packs (`/account/costs`).
//! Their answers are not tasks: each is read from `data` into the JSON text the caller gets,
//! element ids as strings of their exact digits (`json::write_value_exact_ids`).

use super::config::check_page;
use super::costs::{self, CostsQuery};
use super::send::ReadText;
use super::{CallOptions, Client};
use crate::error::Error;
use crate::issue::{Code, Options};
use crate::json::{self, Value};
use crate::rules::{basic, ids, inputs, Ctx};
use crate::transport::{Method, Runtime, Transport};

/// The preset elements, readable by every account.
pub const PRESET_ELEMENTS_PATH: &str = "/v1/general/advanced-presets-elements";
/// The preset voices.
pub const PRESET_VOICES_PATH: &str = "/v1/general/presets-voices";
/// Deletes a custom element: body `{"element_id":"<digits>"}`.
pub const DELETE_ELEMENTS_PATH: &str = "/v1/general/delete-elements";
/// Deletes a custom voice: body `{"voice_id":"<id>"}`.
pub const DELETE_VOICES_PATH: &str = "/v1/general/delete-voices";
/// The account's resource packs and their balances.
pub const ACCOUNT_COSTS_PATH: &str = "/account/costs";

/// An element id to delete: decimal digits (leading zeros dropped), 1 … 2^63 − 1 (GEN-INT64).
pub fn check_element_id(v: &Value, opts: &Options) -> Result<String, Error> {
    let mut ctx = Ctx::new(opts);
    let id = inputs::element_id(&mut ctx, v, "/element_id");
    let report = ctx.finish();
    id.filter(|_| report.ok).ok_or(Error::Validation { issues: report.issues })
}

/// The items of a preset list: Kling's `data` is a list of task-shaped entries, each holding its
/// items in `task_result.<key>` (§8.2, §8.3); an entry that is an item itself (has `<id>`) is
/// taken as it is. `None` when `data` is not a list of objects.
fn flatten(data: &Value, key: &str, id: &str) -> Option<String> {
    let mut out = String::from("[");
    let mut push = |item: &Value| {
        if out.len() > 1 {
            out.push(',');
        }
        json::write_value_exact_ids(&mut out, item);
    };
    for entry in data.as_arr()? {
        entry.as_obj()?;
        if entry.field(id).is_some() {
            push(entry);
        } else if let Some(items) = entry.field("task_result").and_then(|r| r.field(key)) {
            items.as_arr()?.iter().for_each(&mut push);
        }
    }
    out.push(']');
    Some(out)
}

fn read_elements(data: &Value) -> Option<String> {
    flatten(data, "elements", "element_id")
}

fn read_voices(data: &Value) -> Option<String> {
    flatten(data, "voices", "voice_id")
}

/// A deletion's `data{task_id, task_status}` as it came.
fn read_object(data: &Value) -> Option<String> {
    data.as_obj()?;
    let mut out = String::new();
    json::write_value_exact_ids(&mut out, data);
    Some(out)
}

/// One call of this file, checked and ready to send with `Client::send_prepared`. The bindings
/// prepare synchronously and send through one shared future: each async method a Promise wraps
/// costs ~1 KiB of wasm (its state machine, inlined into the Promise glue).
#[derive(Debug, Clone)]
pub struct Prepared {
    method: Method,
    url: String,
    body: Option<String>,
    read: ReadText,
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// One page of the preset elements (pageNum 1–1000, pageSize 1–500, checked), flattened
    /// into one JSON array of elements (`element_id` a string of its digits).
    pub async fn list_preset_elements(&self, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.send_prepared(&self.prepare_presets(true, page_num, page_size)?, opts).await
    }

    /// One page of the preset voices, as a JSON array of voices.
    pub async fn list_preset_voices(&self, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.send_prepared(&self.prepare_presets(false, page_num, page_size)?, opts).await
    }

    /// Deletes a custom element (presets cannot be): `element_id` as digits (`check_element_id`
    /// form). Answers Kling's `data{task_id, task_status}` as JSON text.
    pub async fn delete_custom_element(&self, element_id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.send_prepared(&self.prepare_delete(true, element_id)?, opts).await
    }

    /// Deletes a custom voice by its `voice_id` (non-empty).
    pub async fn delete_custom_voice(&self, voice_id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.send_prepared(&self.prepare_delete(false, voice_id)?, opts).await
    }

    /// The account's resource packs: `data` as JSON text, with `resource_pack_subscribe_infos`
    /// (a list) and `balances_max_age_ms`. Kling asks for at most one call a second here.
    pub async fn get_account_costs(&self, query: &CostsQuery, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.send_prepared(&self.prepare_costs(query)?, opts).await
    }

    /// A page of the preset elements (`elements`) or voices, paging checked.
    pub fn prepare_presets(&self, elements: bool, num: f64, size: f64) -> Result<Prepared, Error> {
        let (num, size) = check_page(num, size, &self.config.options)?;
        let (path, read): (&str, ReadText) = if elements { (PRESET_ELEMENTS_PATH, read_elements) } else { (PRESET_VOICES_PATH, read_voices) };
        Ok(Prepared { method: Method::Get, url: format!("{}{path}?pageNum={num}&pageSize={size}", self.base), body: None, read })
    }

    /// The deletion of a custom element (`element`: its id checked as `check_element_id` does)
    /// or voice (a non-empty id).
    pub fn prepare_delete(&self, element: bool, id: &str) -> Result<Prepared, Error> {
        let mut text = String::new();
        json::write_str(&mut text, id);
        self.prepare_delete_json(element, &text)
    }

    /// `prepare_delete` with the id as JSON text: the bindings' `to_json_text` of any JS value
    /// (an element id may also be a BigInt or a safe integer; a voice id is a string).
    pub fn prepare_delete_json(&self, element: bool, id_json: &str) -> Result<Prepared, Error> {
        let mut ctx = Ctx::new(&self.config.options);
        let (path, key, at) = if element { (DELETE_ELEMENTS_PATH, "element_id", "/element_id") } else { (DELETE_VOICES_PATH, "voice_id", "/voice_id") };
        let id = match json::parse_request(id_json) {
            // (JSON.stringify's text always reads; a value too deep or too large does not.)
            Err(e) => {
                ctx.error(at, Code::InvalidJson, ids::JSON, vec![("detail", e.message.into())]);
                None
            }
            Ok(r) if element => inputs::element_id(&mut ctx, &r.value, at),
            Ok(r) => match r.value {
                Value::Str(s) if !s.is_empty() => Some(s.into_owned()),
                Value::Str(_) => {
                    ctx.error(at, Code::EmptyString, ids::EMPTY, vec![]);
                    None
                }
                v => {
                    basic::wrong_type(&mut ctx, at, "string", &v);
                    None
                }
            },
        };
        let report = ctx.finish();
        let id = id.filter(|_| report.ok).ok_or(Error::Validation { issues: report.issues })?;
        let mut body = String::from("{");
        json::write_str(&mut body, key);
        body.push(':');
        json::write_str(&mut body, &id);
        body.push('}');
        Ok(Prepared { method: Method::Post, url: format!("{}{path}", self.base), body: Some(body), read: read_object })
    }

    /// The account-costs query (checked when it was made).
    pub fn prepare_costs(&self, query: &CostsQuery) -> Result<Prepared, Error> {
        let url = format!("{}{ACCOUNT_COSTS_PATH}?{}", self.base, query.query_string());
        Ok(Prepared { method: Method::Get, url, body: None, read: costs::read_costs })
    }

    /// Sends a prepared call: a GET retried as queries are, a deletion only when the failure
    /// shows it was not acted on (`request_text`).
    pub async fn send_prepared(&self, p: &Prepared, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.request_text(p.method, &p.url, p.body.as_deref(), p.read, &self.call(opts)).await
    }
}
