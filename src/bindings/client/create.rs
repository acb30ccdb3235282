//! `KlingClient`'s creates, one per family: the request is read at the call, validated and built
//! (a request with errors never leaves), and created with an `external_task_id` (the caller's
//! or a generated one), so a retry after any failure never makes a second task.

use super::options::{call_options, CallOpts};
use super::{rejected, CreateOptionsArg, KlingClient};
use crate::bindings::convert;
use crate::caps::Endpoint;
use crate::client::CostLimit;
use crate::error::Error;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

impl KlingClient {
    /// `{ signal?, timeoutMs?, maxUnits?, allowUnpriced?, videoSeconds? }`: the call's options and
    /// its cost limit, the client's default with what the call gives over it (`maxUnits: null`
    /// lifts the client's limit for this call). The core checks the numbers (client/limit.rs).
    fn create_options(&self, options: Option<CreateOptionsArg>) -> Result<(CallOpts, CostLimit), Error> {
        let (mut r, o, opts) = call_options(options.as_deref(), self.locale(), &["maxUnits", "allowUnpriced", "videoSeconds"]);
        let mut limit = self.inner.config().cost_limit;
        if o.iter().any(|(k, v)| k == "maxUnits" && v.is_null()) {
            limit.max_units = None;
        } else if let Some(m) = r.number(&o, "maxUnits") {
            limit.max_units = Some(m);
        }
        if let Some(allow) = r.boolean(&o, "allowUnpriced") {
            limit.allow_unpriced = allow;
        }
        limit.video_seconds = r.number(&o, "videoSeconds");
        r.finish("create options")?;
        Ok((opts, limit))
    }

    fn create(&self, endpoint: Endpoint, req: &JsValue, options: Option<CreateOptionsArg>) -> Promise {
        // Read the request now: the caller may change the object while the call runs.
        let text = match convert::to_json_text(req) {
            Ok(t) => t,
            Err(detail) => return rejected(Error::Validation { issues: convert::unreadable_report(&detail, &self.inner.config().options).issues }),
        };
        let (opts, limit) = match self.create_options(options) {
            Ok(o) => o,
            Err(e) => return rejected(e),
        };
        super::run::run(self.inner.clone(), super::run::Op::Create { endpoint, text, limit }, std::rc::Rc::new(opts))
    }
}

#[wasm_bindgen]
impl KlingClient {
    /// Validates, builds and creates an Omni-Video task (with an `external_task_id`).
    #[wasm_bindgen(js_name = createOmniVideo, unchecked_return_type = "Promise<Task>")]
    pub fn create_omni_video(&self, #[wasm_bindgen(unchecked_param_type = "OmniVideoRequest")] req: JsValue, options: Option<CreateOptionsArg>) -> Promise {
        self.create(Endpoint::OmniVideo, &req, options)
    }

    #[wasm_bindgen(js_name = createTextToVideo, unchecked_return_type = "Promise<Task>")]
    pub fn create_text_to_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TextToVideoRequest")] req: JsValue,
        options: Option<CreateOptionsArg>,
    ) -> Promise {
        self.create(Endpoint::TextToVideo, &req, options)
    }

    #[wasm_bindgen(js_name = createImageToVideo, unchecked_return_type = "Promise<Task>")]
    pub fn create_image_to_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ImageToVideoRequest")] req: JsValue,
        options: Option<CreateOptionsArg>,
    ) -> Promise {
        self.create(Endpoint::ImageToVideo, &req, options)
    }

    #[wasm_bindgen(js_name = createOmniImage, unchecked_return_type = "Promise<Task>")]
    pub fn create_omni_image(&self, #[wasm_bindgen(unchecked_param_type = "OmniImageRequest")] req: JsValue, options: Option<CreateOptionsArg>) -> Promise {
        self.create(Endpoint::OmniImage, &req, options)
    }

    #[wasm_bindgen(js_name = createImageGeneration, unchecked_return_type = "Promise<Task>")]
    pub fn create_image_generation(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ImageGenerationRequest")] req: JsValue,
        options: Option<CreateOptionsArg>,
    ) -> Promise {
        self.create(Endpoint::ImageGeneration, &req, options)
    }

    /// Validates, builds and creates a custom element (its task's `task_result.elements[]` holds
    /// the element, `element_id` a string of its exact digits).
    #[wasm_bindgen(js_name = createCustomElement, unchecked_return_type = "Promise<Task>")]
    pub fn create_custom_element(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CustomElementRequest")] req: JsValue,
        options: Option<CreateOptionsArg>,
    ) -> Promise {
        self.create(Endpoint::CustomElement, &req, options)
    }

    /// Validates, builds and creates a custom voice (`task_result.voices[]`).
    #[wasm_bindgen(js_name = createCustomVoice, unchecked_return_type = "Promise<Task>")]
    pub fn create_custom_voice(&self, #[wasm_bindgen(unchecked_param_type = "CustomVoiceRequest")] req: JsValue, options: Option<CreateOptionsArg>) -> Promise {
        self.create(Endpoint::CustomVoice, &req, options)
    }
}
