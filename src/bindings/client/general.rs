//! `KlingClient`'s calls around the task families (kling-api.md §8.2–§8.4): listPresetElements,
//! listPresetVoices, deleteCustomElement, deleteCustomVoice, getAccountCosts. The work is the
//! core's (client/general.rs); this file reads the JS arguments and types the answers. Element
//! ids come back as strings of their exact digits (Kling sends numbers past 2^53).

use super::options::CallOpts;
use super::{rejected, CallOptionsArg, KlingClient, ListQueryArg};
use crate::bindings::convert;
use crate::client::{check_costs_query, Prepared};
use crate::error::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_GENERAL: &'static str = r#"
/** A voice for `voice_list` (kling-api.md §8.2): a preset (`owned_by: "kling"`) or your own. */
export interface KlingVoice {
  voice_id: string;
  voice_name: string;
  /** A sample of the voice. */
  trial_url?: string;
  /** "kling" for presets, else the creator's id. */
  owned_by?: string;
  [key: string]: unknown;
}

/** An element for `element_list` (kling-api.md §8.3). `element_id` is a string of the exact
 *  int64 digits (Kling sends a number past 2^53, which a JS number would round to another id). */
export interface KlingElement {
  element_id: string;
  element_name: string;
  element_description: string;
  reference_type: "image_refer" | "video_refer";
  element_image_list?: { frontal_image?: string; refer_images?: { image_url: string }[]; [key: string]: unknown };
  element_video_list?: { refer_videos?: { video_url: string }[]; [key: string]: unknown };
  /** The voice bound to a video element. */
  element_voice_info?: KlingVoice;
  tag_list?: { id: string; name: string; description: string }[];
  /** "kling" for presets, else the creator's id. */
  owned_by?: string;
  [key: string]: unknown;
}

/** One resource pack of the account (kling-api.md §8.4). */
export interface ResourcePack {
  resource_pack_name: string;
  resource_pack_id: string;
  resource_pack_type: "decreasing_total" | "constant_period" | (string & {});
  total_quantity: number;
  /** May be up to 12 h old (`AccountCosts.balances_max_age_ms`). */
  remaining_quantity: number;
  /** Milliseconds since the epoch. */
  purchase_time: number;
  effective_time: number;
  invalid_time: number;
  status: "toBeOnline" | "online" | "expired" | "runOut" | (string & {});
  [key: string]: unknown;
}

/** What `getAccountCosts` resolves with: Kling's `data`, its pack list always a list. */
export interface AccountCosts {
  code: number;
  msg: string;
  resource_pack_subscribe_infos: ResourcePack[];
  /** How old the balances may be: Kling updates them up to 12 h late (always 43200000). */
  balances_max_age_ms: 43200000;
  [key: string]: unknown;
}

/** The query of `getAccountCosts`: whole milliseconds since the epoch, 0 ≤ start_time ≤
 *  end_time (rule AC-1); `resource_pack_name` narrows to one pack. */
export interface AccountCostsQuery {
  start_time: number;
  end_time: number;
  resource_pack_name?: string;
}

/** What a deletion resolves with (Kling's `data`). */
export interface DeleteResult {
  task_id: string;
  task_status: TaskStatus;
  [key: string]: unknown;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "AccountCostsQuery")]
    pub type AccountCostsQueryArg;
}

#[wasm_bindgen]
impl KlingClient {
    /// One page of the preset elements (pageNum 1–1000, pageSize 1–500), as elements.
    #[wasm_bindgen(js_name = listPresetElements, unchecked_return_type = "Promise<KlingElement[]>")]
    pub fn list_preset_elements(&self, page: Option<ListQueryArg>, options: Option<CallOptionsArg>) -> Promise {
        self.presets(true, page, options)
    }

    /// One page of the preset voices, as voices.
    #[wasm_bindgen(js_name = listPresetVoices, unchecked_return_type = "Promise<KlingVoice[]>")]
    pub fn list_preset_voices(&self, page: Option<ListQueryArg>, options: Option<CallOptionsArg>) -> Promise {
        self.presets(false, page, options)
    }

    /// Deletes one of your elements (presets cannot be): its id as a string of digits or a BigInt.
    #[wasm_bindgen(js_name = deleteCustomElement, unchecked_return_type = "Promise<DeleteResult>")]
    pub fn delete_custom_element(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | bigint")] element_id: JsValue,
        options: Option<CallOptionsArg>,
    ) -> Promise {
        self.delete(true, &element_id, options)
    }

    /// Deletes one of your voices.
    #[wasm_bindgen(js_name = deleteCustomVoice, unchecked_return_type = "Promise<DeleteResult>")]
    pub fn delete_custom_voice(&self, #[wasm_bindgen(unchecked_param_type = "string")] voice_id: JsValue, options: Option<CallOptionsArg>) -> Promise {
        self.delete(false, &voice_id, options)
    }

    /// The account's resource packs and balances (Kling asks for at most one call a second).
    #[wasm_bindgen(js_name = getAccountCosts, unchecked_return_type = "Promise<AccountCosts>")]
    pub fn get_account_costs(&self, query: AccountCostsQueryArg, options: Option<CallOptionsArg>) -> Promise {
        let cfg = &self.inner.config().options;
        // Read now: the caller may change the object while the call runs.
        let prepared = convert::to_json_text(&query)
            .map_err(|detail| Error::Validation { issues: convert::unreadable_report(&detail, cfg).issues })
            .and_then(|text| check_costs_query(&text, cfg))
            .and_then(|q| self.inner.prepare_costs(&q));
        self.send(prepared, options, "getAccountCosts options")
    }
}

impl KlingClient {
    fn presets(&self, elements: bool, page: Option<ListQueryArg>, options: Option<CallOptionsArg>) -> Promise {
        let prepared = super::pages::page_query(page.as_deref(), self.locale()).and_then(|(num, size)| self.inner.prepare_presets(elements, num, size));
        self.send(prepared, options, if elements { "listPresetElements options" } else { "listPresetVoices options" })
    }

    /// A deletion: the element id a string of digits or a BigInt (checked as an int64), the
    /// voice id a string.
    fn delete(&self, element: bool, id: &JsValue, options: Option<CallOptionsArg>) -> Promise {
        let prepared = convert::to_json_text(id)
            .map_err(|detail| Error::Validation { issues: convert::unreadable_report(&detail, &self.inner.config().options).issues })
            .and_then(|text| self.inner.prepare_delete_json(element, &text));
        self.send(prepared, options, if element { "deleteCustomElement options" } else { "deleteCustomVoice options" })
    }

    /// Sends a prepared call through the one future all of them share (client/general.rs says
    /// why); a problem with the arguments or options rejects without sending.
    fn send(&self, prepared: Result<Prepared, Error>, options: Option<CallOptionsArg>, what: &str) -> Promise {
        let (p, opts): (Prepared, CallOpts) = match prepared.and_then(|p| Ok((p, self.plain_call(options, what)?))) {
            Ok(a) => a,
            Err(e) => return rejected(e),
        };
        super::run::run(self.inner.clone(), super::run::Op::Send(p), std::rc::Rc::new(opts))
    }
}
