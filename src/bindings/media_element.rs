//! `checkCustomElementMedia`: the custom-element request's refer video (§8.3) checked from the
//! local file before upload, by the core's `media::element` (plan, probe per file, report) and
//! the probes' readers (bindings/media.rs). Async because a Blob is read in slices; it never
//! rejects for bad input: what is wrong with the request, the files or the options is an issue
//! in the report, as in validate's.

use super::media::{drive_blob, drive_now, files_object, refer_videos, resolved, wrong_type, Source};
use super::options::Reader;
use super::{convert, guard};
use crate::issue::{Code, Issue, Locale, Options};
use crate::media::element;
use crate::media::limits::ELEMENT_VIDEO;
use crate::media::{Probe, VideoProbe};
use crate::rules::{ids, Ctx};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen(typescript_custom_section)]
const TS_ELEMENT_MEDIA: &'static str = r#"
/** Options of checkCustomElementMedia (undefined is the same as left out). */
export interface ElementMediaOptions {
  /** Language of the issue messages (default "en"). */
  locale?: "en" | "zh" | undefined;
  /** Rule id ("EL-VIDEO", "GEN-OPTIONS", ...) -> level. */
  rules?: Partial<Record<RuleId, RuleLevel>> | undefined;
}

/** A refer video's local file (before upload): a Blob/File is read in slices, never whole. */
export type ElementMediaFile = Blob | Uint8Array | ArrayBuffer;

/**
 * The local files of a custom-element request's refer videos, each keyed by the refer video's
 * `video_url` as written in the request, or by its JSON pointer
 * ("/element_video_list/refer_videos/0/video_url").
 */
export type ElementMediaFiles = Record<string, ElementMediaFile> | Map<string, ElementMediaFile>;
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ElementMediaOptions")]
    pub type ElementMediaOptions;
    #[wasm_bindgen(typescript_type = "ElementMediaFiles")]
    pub type ElementMediaFiles;
}

/// Checks the refer video files of a custom-element request against §8.3 (mp4/mov, 1080p,
/// 3–8 s, 16:9 or 9:16, ≤ 200 MB; rule EL-VIDEO), each issue at its `video_url` pointer.
#[wasm_bindgen(js_name = checkCustomElementMedia, unchecked_return_type = "Promise<Report>")]
pub fn check_custom_element_media(
    #[wasm_bindgen(unchecked_param_type = "object | string")] request: JsValue,
    files: Option<ElementMediaFiles>,
    options: Option<ElementMediaOptions>,
) -> Promise {
    let options: Option<JsValue> = options.map(Into::into);
    let mut r = Reader::new(Locale::En);
    let fields = r.object(options.as_ref(), "", &["locale", "rules"]);
    let opts = convert::rule_options(&mut r, fields.as_ref(), false);
    let (keys, values) = read_files(&mut r, files.map(Into::into));
    let mut early = r.into_issues();
    let plan = read_request(&request, &keys, &opts);
    early.extend(plan.issues);
    // Bytes are probed now (taken when called, as probeVideo's); Blobs after, one at a time.
    let mut done: Vec<Vec<Issue>> = Vec::new();
    let mut blobs = Vec::new();
    for (value, at) in values.iter().zip(plan.targets) {
        let Some(at) = at else { continue };
        let src = Source::of(value);
        match src {
            Source::Blob(ref blob, size) => blobs.push((blob.clone(), VideoProbe::new(size), at, done.len())),
            Source::Text(_) => done.push(wrong_type(&at, &opts, "Blob or Uint8Array", "string")),
            Source::Other(ref actual) => done.push(wrong_type(&at, &opts, "Blob or Uint8Array", actual)),
            Source::Bytes(_) | Source::Unreadable(_) => {
                let mut probe = VideoProbe::new(src.len());
                if let Err(why) = drive_now(&mut probe, &src) {
                    probe.read_failed(&why);
                }
                done.push(probe.finish_with(&at, &opts, &ELEMENT_VIDEO).issues);
            }
        }
        // A slot per file, in the order given; a Blob's is filled when it has been read.
        if matches!(src, Source::Blob(..)) {
            done.push(Vec::new());
        }
    }
    if blobs.is_empty() {
        return resolved(convert::report_to_js(&element::report(&opts, early, done)));
    }
    future_to_promise(async move {
        for (blob, mut probe, at, slot) in blobs {
            if let Err(why) = drive_blob(&mut probe, &blob).await {
                probe.read_failed(&why);
            }
            done[slot] = probe.finish_with(&at, &opts, &ELEMENT_VIDEO).issues;
        }
        Ok(convert::report_to_js(&element::report(&opts, early, done)))
    })
}

/// Which `files` key is which refer video of the request (bindings/media.js reads the request's
/// video_urls); a request that cannot be read or is no object is one issue and matches no file.
fn read_request(request: &JsValue, keys: &[String], opts: &Options) -> element::Plan {
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let read = match refer_videos(request, element::MAX_REFER_VIDEOS as u32) {
        Ok(read) => read,
        Err(thrown) => {
            let mut ctx = Ctx::new(opts);
            let detail = guard::error_text(&thrown, "the request could not be read");
            ctx.error("", Code::InvalidJson, ids::JSON, vec![("detail", detail.into())]);
            return element::Plan { targets: vec![None; keys.len()], issues: ctx.issues };
        }
    };
    if let Some(actual) = read.as_string() {
        return element::not_an_object(&actual, keys.len(), opts);
    }
    let Ok(flat) = read.dyn_into::<Array>() else { return element::plan_videos::<String>(&[], &keys, opts) };
    let mut videos = Vec::new();
    for i in (0..flat.length()).step_by(2) {
        if let (Some(index), Some(url)) = (flat.get(i).as_f64(), flat.get(i + 1).as_string()) {
            videos.push((index as usize, url));
        }
    }
    element::plan_videos(&videos, &keys, opts)
}

/// The `files` argument's keys and values, read once each by the options reader (a Map as its
/// entries); what is wrong with it is an option problem ("files", "files.<key>"). A file left
/// undefined or null is no file, as an option left so is no option.
fn read_files(r: &mut Reader, files: Option<JsValue>) -> (Vec<String>, Vec<JsValue>) {
    let files = match files.map(|f| files_object(&f)) {
        Some(Err(thrown)) => {
            r.invalid("files", vec!["readable".to_owned()], format!("a Map that throws ({})", guard::error_text(&thrown, "it throws")));
            return (Vec::new(), Vec::new());
        }
        other => other.and_then(Result::ok),
    };
    let Some(fields) = r.fields(files.as_ref(), "files") else { return (Vec::new(), Vec::new()) };
    fields.iter().filter(|(_, v)| !v.is_undefined() && !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).unzip()
}
