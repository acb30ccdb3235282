//! The validation and body-building exports of the four families (`validateOmniVideo`,
//! `buildOmniVideoBody`, `validateAndBuildOmniVideo`, their `...Json` variants that take JSON
//! text, and so on). Validation never throws: any JS value gets a Report.
//! Building throws a `KlingError` ("validation_failed" with the issues, or "config_error" for bad
//! options). `validateAndBuild*` never throws: the Report, and the body when it is ok, from one pass.

use super::{convert, errors};
use crate::api;
use crate::caps::Endpoint;
use crate::error::Error;
use crate::issue::Report;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The options argument, typed for TypeScript; read as any JS value.
    #[wasm_bindgen(typescript_type = "ValidateOptions")]
    pub type ValidateOptions;
}

#[wasm_bindgen(module = "/src/bindings/to-json.js")]
extern "C" {
    /// `{ report }` or `{ report, body }`, made by an object literal in JS (a setter someone put
    /// on Object.prototype cannot see it, as it would a `Reflect.set` from here).
    #[wasm_bindgen(js_name = reportAndBody)]
    fn report_and_body(report: JsValue, body: JsValue) -> JsValue;
    /// `reportAndBody` with an ok Report without issues made there too (one crossing, not two).
    #[wasm_bindgen(js_name = okAndBody)]
    fn ok_and_body(body: JsValue) -> JsValue;
}

/// Validates a JS value.
fn validate_value(endpoint: Endpoint, req: &JsValue, options: Option<ValidateOptions>, exact: bool) -> JsValue {
    let mut parsed = convert::options(options.as_ref().map(|o| o.as_ref()), exact);
    let report = match text_of(req, &parsed, exact) {
        Ok(text) => api::validate(endpoint, &text, &parsed.options),
        Err(report) => report,
    };
    convert::report_to_js(&parsed.prepend_to(report))
}

/// Builds the body from a JS value, or throws.
fn build_value(endpoint: Endpoint, req: &JsValue, options: Option<ValidateOptions>, exact: bool) -> Result<JsValue, JsValue> {
    let parsed = convert::options(options.as_ref().map(|o| o.as_ref()), exact);
    if !parsed.problems.is_empty() {
        return Err(errors::to_js(&Error::Config { message: parsed.problem_text() }));
    }
    let invalid = |r: Report| errors::to_js(&Error::Validation { issues: r.issues });
    let src = source_of(req, &parsed, exact).map_err(invalid)?;
    let built = api::build(endpoint, &src.text, &parsed.options).map_err(invalid)?;
    Ok(convert::body_of(src, &built.body, &built.copied))
}

/// Validates and builds in one pass (validate then build would parse and check twice): the
/// Report as `validate_value` gives it, and the body when that Report is ok.
fn validate_and_build_value(endpoint: Endpoint, req: &JsValue, options: Option<ValidateOptions>, exact: bool) -> JsValue {
    let mut parsed = convert::options(options.as_ref().map(|o| o.as_ref()), exact);
    let (report, body) = match source_of(req, &parsed, exact) {
        Ok(src) => match api::build(endpoint, &src.text, &parsed.options) {
            Ok(built) => (built.report, Some((src, built.body, built.copied))),
            Err(report) => (report, None),
        },
        Err(report) => (report, None),
    };
    // Option problems are errors in the Report, so they withhold the body (build would throw).
    let report = parsed.prepend_to(report);
    let body = match body {
        Some((src, body, copied)) if report.ok => convert::body_of(src, &body, &copied),
        _ => JsValue::UNDEFINED,
    };
    if report.ok && report.issues.is_empty() {
        return ok_and_body(body);
    }
    report_and_body(convert::report_to_js(&report), body)
}

/// The JSON text of the request: the argument itself for the `...Json` entry points (`exact`),
/// else the JS value stringified. `Err` is the report for an argument that gives no text.
fn text_of(req: &JsValue, parsed: &convert::ParsedOptions, exact: bool) -> Result<String, Report> {
    if exact {
        convert::string_text(req).ok_or_else(|| convert::not_text_report(req, &parsed.options))
    } else {
        convert::to_json_text(req).map_err(|detail| convert::unreadable_report(&detail, &parsed.options))
    }
}

/// `text_of`, the text also kept in JS for a body made of its pieces.
fn source_of(req: &JsValue, parsed: &convert::ParsedOptions, exact: bool) -> Result<convert::Source, Report> {
    if exact {
        convert::string_source(req).ok_or_else(|| convert::not_text_report(req, &parsed.options))
    } else {
        convert::json_source(req).map_err(|detail| convert::unreadable_report(&detail, &parsed.options))
    }
}

/// The six exports of one family: validate, build, and both in one pass, from a JS value and
/// from JSON text.
macro_rules! family {
    ($endpoint:expr, $req_ty:tt,
     $validate:ident = $validate_js:tt, $validate_json:ident = $validate_json_js:tt,
     $build:ident = $build_js:tt, $build_json:ident = $build_json_js:tt,
     $both:ident = $both_js:tt, $both_json:ident = $both_json_js:tt) => {
        /// Validates a request object; never throws.
        #[wasm_bindgen(js_name = $validate_js, unchecked_return_type = "Report")]
        pub fn $validate(#[wasm_bindgen(unchecked_param_type = $req_ty)] req: JsValue, options: Option<ValidateOptions>) -> JsValue {
            validate_value($endpoint, &req, options, false)
        }

        /// Validates a request given as JSON text (integers keep every digit); never throws.
        #[wasm_bindgen(js_name = $validate_json_js, unchecked_return_type = "Report")]
        pub fn $validate_json(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue, options: Option<ValidateOptions>) -> JsValue {
            validate_value($endpoint, &text, options, true)
        }

        /// The exact JSON body to send; throws KlingError "validation_failed" with the issues.
        #[wasm_bindgen(js_name = $build_js, unchecked_return_type = "string")]
        pub fn $build(#[wasm_bindgen(unchecked_param_type = $req_ty)] req: JsValue, options: Option<ValidateOptions>) -> Result<JsValue, JsValue> {
            build_value($endpoint, &req, options, false)
        }

        /// Like the object form, from JSON text (integers keep every digit).
        #[wasm_bindgen(js_name = $build_json_js, unchecked_return_type = "string")]
        pub fn $build_json(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue, options: Option<ValidateOptions>) -> Result<JsValue, JsValue> {
            build_value($endpoint, &text, options, true)
        }

        /// The Report, and the body when the Report is ok, from one pass; never throws.
        #[wasm_bindgen(js_name = $both_js, unchecked_return_type = "{ report: Report; body?: string }")]
        pub fn $both(#[wasm_bindgen(unchecked_param_type = $req_ty)] req: JsValue, options: Option<ValidateOptions>) -> JsValue {
            validate_and_build_value($endpoint, &req, options, false)
        }

        /// Like the object form, from JSON text (integers keep every digit).
        #[wasm_bindgen(js_name = $both_json_js, unchecked_return_type = "{ report: Report; body?: string }")]
        pub fn $both_json(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue, options: Option<ValidateOptions>) -> JsValue {
            validate_and_build_value($endpoint, &text, options, true)
        }
    };
}

family!(
    Endpoint::OmniVideo,
    "OmniVideoRequest",
    validate_omni_video = validateOmniVideo,
    validate_omni_video_json = validateOmniVideoJson,
    build_omni_video_body = buildOmniVideoBody,
    build_omni_video_body_json = buildOmniVideoBodyJson,
    validate_and_build_omni_video = validateAndBuildOmniVideo,
    validate_and_build_omni_video_json = validateAndBuildOmniVideoJson
);
family!(
    Endpoint::TextToVideo,
    "TextToVideoRequest",
    validate_text_to_video = validateTextToVideo,
    validate_text_to_video_json = validateTextToVideoJson,
    build_text_to_video_body = buildTextToVideoBody,
    build_text_to_video_body_json = buildTextToVideoBodyJson,
    validate_and_build_text_to_video = validateAndBuildTextToVideo,
    validate_and_build_text_to_video_json = validateAndBuildTextToVideoJson
);
family!(
    Endpoint::ImageToVideo,
    "ImageToVideoRequest",
    validate_image_to_video = validateImageToVideo,
    validate_image_to_video_json = validateImageToVideoJson,
    build_image_to_video_body = buildImageToVideoBody,
    build_image_to_video_body_json = buildImageToVideoBodyJson,
    validate_and_build_image_to_video = validateAndBuildImageToVideo,
    validate_and_build_image_to_video_json = validateAndBuildImageToVideoJson
);
family!(
    Endpoint::OmniImage,
    "OmniImageRequest",
    validate_omni_image = validateOmniImage,
    validate_omni_image_json = validateOmniImageJson,
    build_omni_image_body = buildOmniImageBody,
    build_omni_image_body_json = buildOmniImageBodyJson,
    validate_and_build_omni_image = validateAndBuildOmniImage,
    validate_and_build_omni_image_json = validateAndBuildOmniImageJson
);

family!(
    Endpoint::ImageGeneration,
    "ImageGenerationRequest",
    validate_image_generation = validateImageGeneration,
    validate_image_generation_json = validateImageGenerationJson,
    build_image_generation_body = buildImageGenerationBody,
    build_image_generation_body_json = buildImageGenerationBodyJson,
    validate_and_build_image_generation = validateAndBuildImageGeneration,
    validate_and_build_image_generation_json = validateAndBuildImageGenerationJson
);
family!(
    Endpoint::CustomElement,
    "CustomElementRequest",
    validate_custom_element = validateCustomElement,
    validate_custom_element_json = validateCustomElementJson,
    build_custom_element_body = buildCustomElementBody,
    build_custom_element_body_json = buildCustomElementBodyJson,
    validate_and_build_custom_element = validateAndBuildCustomElement,
    validate_and_build_custom_element_json = validateAndBuildCustomElementJson
);
family!(
    Endpoint::CustomVoice,
    "CustomVoiceRequest",
    validate_custom_voice = validateCustomVoice,
    validate_custom_voice_json = validateCustomVoiceJson,
    build_custom_voice_body = buildCustomVoiceBody,
    build_custom_voice_body_json = buildCustomVoiceBodyJson,
    validate_and_build_custom_voice = validateAndBuildCustomVoice,
    validate_and_build_custom_voice_json = validateAndBuildCustomVoiceJson
);

// `capabilities()` is plain JS over src/schema/capabilities.json (scripts/build.mjs writes
// capabilities.js): the 20 KB document kept in the wasm cost the main module 1.7 KiB gzip, and as
// JS it is there before the wasm is (and a bundler drops it from a page that does not call it).
