//! The calls around the task families (kling-api.md §8.2–§8.4): the preset element and voice
//! lists, deleting a custom element or voice, and the account's resource packs (`/account/costs`).
//! Their answers are not tasks: each is read from `data` into the JSON text the caller gets,
//! element ids as strings of their exact digits (`json::write_value_exact_ids`).

use super::config::{self, check_page};
use super::{CallOptions, Client};
use crate::error::Error;
use crate::issue::{Code, Options};
use crate::json::{self, Num, Value};
use crate::rules::{basic, ids, inputs, keys, Ctx};
use crate::transport::{Method, Runtime, Transport};

/// How old Kling says the balances in `/account/costs` may be (§8.4: up to 12 h stale).
pub const BALANCES_MAX_AGE_MS: u64 = 43_200_000;
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

/// The query of `/account/costs`, checked (`check_costs_query`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostsQuery {
    /// From (ms since the epoch).
    pub start_time: u64,
    /// To (ms since the epoch), not before `start_time`.
    pub end_time: u64,
    /// Only this pack; `None` (or given empty): every pack.
    pub resource_pack_name: Option<String>,
}

impl CostsQuery {
    /// `?start_time=&end_time=[&resource_pack_name=]`, the name percent-encoded.
    pub fn query_string(&self) -> String {
        let mut q = format!("start_time={}&end_time={}", self.start_time, self.end_time);
        if let Some(name) = &self.resource_pack_name {
            q.push_str("&resource_pack_name=");
            config::push_encoded(&mut q, name);
        }
        q
    }
}

/// Checks `{ start_time, end_time, resource_pack_name? }` given as JSON text (the bindings'
/// `to_json_text`, BigInt and NaN tagged): integers of ms, 0 ≤ start ≤ end ≤ 2^53 − 1 (rule
/// AC-1), the name a string; no other key. A "validation_failed" error lists every issue.
pub fn check_costs_query(text: &str, opts: &Options) -> Result<CostsQuery, Error> {
    let mut ctx = Ctx::new(opts);
    let parsed = json::parse_request(text);
    let q = match &parsed {
        Ok(r) if matches!(r.value, Value::Obj(_)) => &r.value,
        Ok(r) => {
            basic::wrong_type(&mut ctx, "", "object", &r.value);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
        Err(e) => {
            ctx.error("", Code::InvalidJson, ids::JSON, vec![("detail", e.message.clone().into())]);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
    };
    keys::object(&mut ctx, q, "", &["start_time", "end_time", "resource_pack_name"]);
    let start = time_ms(&mut ctx, q, "start_time");
    let end = time_ms(&mut ctx, q, "end_time");
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            let params = vec![("value", (e as f64).into()), ("min", (s as f64).into()), ("max", (inputs::MAX_SAFE_INTEGER as f64).into())];
            ctx.error("/end_time", Code::OutOfRange, ids::ACCOUNT_COSTS, params);
        }
    }
    // An empty name asks for no filter, as leaving it out does.
    let name = basic::get_str(&mut ctx, q, "", "resource_pack_name").filter(|n| !n.is_empty()).map(str::to_owned);
    let report = ctx.finish();
    match (start, end) {
        (Some(start_time), Some(end_time)) if report.ok => Ok(CostsQuery { start_time, end_time, resource_pack_name: name }),
        _ => Err(Error::Validation { issues: report.issues }),
    }
}

/// A required time in ms: a whole, non-negative, safe JS number (AC-1; a wrong type is GEN-TYPE).
fn time_ms(ctx: &mut Ctx, q: &Value, key: &'static str) -> Option<u64> {
    let path = crate::pointer::join("", key);
    let v = basic::require(ctx, q, "", key)?;
    let max = inputs::MAX_SAFE_INTEGER as f64;
    let out_of_range = |ctx: &mut Ctx, value: crate::issue::Param| {
        ctx.error(path.as_str(), Code::OutOfRange, ids::ACCOUNT_COSTS, vec![("value", value), ("min", 0.0.into()), ("max", max.into())]);
    };
    let n = match v {
        Value::Num(n) => *n,
        Value::Js(k) if v.type_name() == "number" => {
            out_of_range(ctx, k.to_string().into());
            return None;
        }
        _ => {
            basic::wrong_type(ctx, &path, "number", v);
            return None;
        }
    };
    match n {
        Num::U(u) if u <= inputs::MAX_SAFE_INTEGER => return Some(u),
        Num::F(f) if f.fract() != 0.0 => {
            ctx.error(path.as_str(), Code::NotInteger, ids::ACCOUNT_COSTS, vec![]);
            return None;
        }
        // 2.0 is 2 (JS has one number type), -0 is 0.
        Num::F(f) if (0.0..=max).contains(&f) => return Some(f as u64),
        _ => out_of_range(ctx, n.as_f64().into()),
    }
    None
}

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

/// `data` of `/account/costs` with `resource_pack_subscribe_infos` always a list and
/// `balances_max_age_ms` added (Kling says the balances may be 12 h old; the caller should know).
fn read_costs(data: &Value) -> Option<String> {
    let mut out = String::from("{");
    let mut packs = false;
    for (k, v) in data.as_obj()? {
        if json::same_text(k, "balances_max_age_ms") {
            continue;
        }
        if json::same_text(k, "resource_pack_subscribe_infos") {
            if matches!(v, Value::Null) {
                continue;
            }
            v.as_arr()?;
            packs = true;
        }
        json::write_str(&mut out, k);
        out.push(':');
        json::write_value_exact_ids(&mut out, v);
        out.push(',');
    }
    if !packs {
        out.push_str("\"resource_pack_subscribe_infos\":[],");
    }
    out.push_str("\"balances_max_age_ms\":");
    json::write_u64(&mut out, BALANCES_MAX_AGE_MS);
    out.push('}');
    Some(out)
}

impl<T, R> Client<T, R>
where
    T: Transport<Signal = R::Signal>,
    R: Runtime,
{
    /// One page of the preset elements (pageNum 1–1000, pageSize 1–500), flattened into one JSON
    /// array of elements (`element_id` a string of its digits).
    pub async fn list_preset_elements(&self, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.preset_page(PRESET_ELEMENTS_PATH, page_num, page_size, read_elements, opts).await
    }

    /// One page of the preset voices, as a JSON array of voices.
    pub async fn list_preset_voices(&self, page_num: f64, page_size: f64, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        self.preset_page(PRESET_VOICES_PATH, page_num, page_size, read_voices, opts).await
    }

    async fn preset_page(&self, path: &str, num: f64, size: f64, read: super::send::ReadText, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        let (num, size) = check_page(num, size, &self.config.options)?;
        let url = format!("{}{path}?pageNum={num}&pageSize={size}", self.base);
        self.request_text(Method::Get, &url, None, read, &self.call(opts)).await
    }

    /// Deletes a custom element (presets cannot be): `element_id` as digits (`check_element_id`
    /// form). Answers Kling's `data{task_id, task_status}` as JSON text.
    pub async fn delete_custom_element(&self, element_id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        let id = check_element_id(&Value::Str(element_id.into()), &self.config.options)?;
        self.delete(DELETE_ELEMENTS_PATH, "element_id", &id, opts).await
    }

    /// Deletes a custom voice by its `voice_id` (non-empty).
    pub async fn delete_custom_voice(&self, voice_id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        if voice_id.is_empty() {
            let mut ctx = Ctx::new(&self.config.options);
            ctx.error("/voice_id", Code::EmptyString, ids::EMPTY, vec![]);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
        self.delete(DELETE_VOICES_PATH, "voice_id", voice_id, opts).await
    }

    async fn delete(&self, path: &str, key: &str, id: &str, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        let mut body = String::from("{");
        json::write_str(&mut body, key);
        body.push(':');
        json::write_str(&mut body, id);
        body.push('}');
        let url = format!("{}{path}", self.base);
        self.request_text(Method::Post, &url, Some(&body), read_object, &self.call(opts)).await
    }

    /// The account's resource packs (`check_costs_query` checks the query first): `data` as JSON
    /// text, with `resource_pack_subscribe_infos` (a list) and `balances_max_age_ms`. Kling asks
    /// for at most one call a second here; the signing proxy caches answers.
    pub async fn get_account_costs(&self, query: &CostsQuery, opts: &CallOptions<'_, R::Signal>) -> Result<String, Error> {
        // A hand-made query is held to the checks a JS one gets.
        if query.start_time > query.end_time || query.end_time > inputs::MAX_SAFE_INTEGER {
            let mut ctx = Ctx::new(&self.config.options);
            let params =
                vec![("value", (query.end_time as f64).into()), ("min", (query.start_time as f64).into()), ("max", (inputs::MAX_SAFE_INTEGER as f64).into())];
            ctx.error("/end_time", Code::OutOfRange, ids::ACCOUNT_COSTS, params);
            return Err(Error::Validation { issues: ctx.finish().issues });
        }
        let url = format!("{}{ACCOUNT_COSTS_PATH}?{}", self.base, query.query_string());
        self.request_text(Method::Get, &url, None, read_costs, &self.call(opts)).await
    }
}
