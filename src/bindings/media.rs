//! `probeImage` and `probeVideo`: the core probes (`crate::media`) driven by reads of the JS
//! input — `blob.slice(a, b).arrayBuffer()` for a Blob/File, `subarray` for bytes, the base64
//! text itself for probeImage — so a 200 MB File is never loaded whole. They never reject for
//! bad input: a wrong type, an unreadable file or a bad option is an issue in the result.

use super::convert;
use crate::issue::{Code, Issue, Options, Params, Severity};
use crate::media::{self, ImageInfo, ImageProbe, Need, Probe, VideoInfo, VideoProbe};
use crate::messages;
use crate::rules::{ids, Ctx};
use js_sys::{ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(typescript_custom_section)]
const TS_MEDIA: &'static str = r#"
/** Options of probeImage / probeVideo. */
export interface MediaOptions {
  /** JSON pointer the issues are reported at, e.g. "/image_list/2/image_url" (default ""). */
  path?: string;
  /** Language of the issue messages (default "en"). */
  locale?: "en" | "zh";
  /** Rule id ("GEN-MEDIA") -> level. */
  rules?: Record<string, RuleLevel>;
}

/** What probeImage found, and the issues against the API's image limits. */
export interface ImageInfo {
  /** "jpeg", "png", "webp", "gif", "bmp", or what another kind of file looks like; null if unknown. */
  format: string | null;
  width: number | null;
  height: number | null;
  /** File size in bytes (for base64 text, the decoded size). */
  bytes: number;
  issues: Issue[];
}

/** What probeVideo found, and the issues against the API's reference-video limits. */
export interface VideoInfo {
  /** "mp4" or "mov", or what another kind of file looks like; null if unknown. */
  container: string | null;
  durationSeconds: number | null;
  /** Displayed size (rotation applied). */
  width: number | null;
  height: number | null;
  /** Clockwise rotation from the track header: 0, 90, 180 or 270. */
  rotation: number | null;
  frameRate: number | null;
  /** "h264", "hevc", "mpeg4", "vp9", "av1", ... */
  codec: string | null;
  fragmented: boolean;
  bytes: number;
  /** Bytes read from the input: at most 64 KiB plus the moov box. */
  bytesRead: number;
  issues: Issue[];
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "MediaOptions")]
    pub type MediaOptions;
}

/// Probes an image (Blob/File, bytes, or raw base64 text) without reading more than its header.
#[wasm_bindgen(js_name = probeImage, unchecked_return_type = "Promise<ImageInfo>")]
pub fn probe_image(
    #[wasm_bindgen(unchecked_param_type = "Blob | Uint8Array | ArrayBuffer | string")] input: JsValue,
    options: Option<MediaOptions>,
) -> Promise {
    let (path, opts, problems) = media_options(options);
    future_to_promise(async move {
        let mut info = match Source::of(&input) {
            Source::Text(text) => media::probe_image_base64(&text, &path, &opts),
            Source::Other(actual) => {
                let issues = wrong_type(&path, &opts, "Blob, Uint8Array or base64 string", &actual);
                ImageInfo { format: None, width: None, height: None, bytes: 0, issues }
            }
            src => {
                let mut probe = ImageProbe::new(src.len());
                if let Err(why) = drive(&mut probe, &src).await {
                    probe.read_failed(&why);
                }
                probe.finish(&path, &opts)
            }
        };
        info.issues.splice(0..0, problems);
        Ok(to_js(&info))
    })
}

/// Probes an MP4/MOV video (Blob/File or bytes), reading its box headers and moov box only.
#[wasm_bindgen(js_name = probeVideo, unchecked_return_type = "Promise<VideoInfo>")]
pub fn probe_video(
    #[wasm_bindgen(unchecked_param_type = "Blob | Uint8Array | ArrayBuffer")] input: JsValue,
    options: Option<MediaOptions>,
) -> Promise {
    let (path, opts, problems) = media_options(options);
    future_to_promise(async move {
        let src = match Source::of(&input) {
            Source::Text(_) => Source::Other("string".into()),
            other => other,
        };
        let mut info = match &src {
            Source::Other(actual) => VideoInfo {
                container: None,
                duration_seconds: None,
                width: None,
                height: None,
                rotation: None,
                frame_rate: None,
                codec: None,
                fragmented: false,
                bytes: 0,
                bytes_read: 0,
                issues: wrong_type(&path, &opts, "Blob or Uint8Array", actual),
            },
            src => {
                let mut probe = VideoProbe::new(src.len());
                if let Err(why) = drive(&mut probe, src).await {
                    probe.read_failed(&why);
                }
                probe.finish(&path, &opts)
            }
        };
        info.issues.splice(0..0, problems);
        Ok(to_js(&info))
    })
}

/// The input as something the probes can read.
enum Source {
    /// A Blob or File (anything with size, slice and arrayBuffer), and its size.
    Blob(JsValue, u64),
    Bytes(Uint8Array),
    Text(String),
    /// Anything else: its JS type, for the issue.
    Other(String),
}

impl Source {
    fn of(v: &JsValue) -> Source {
        if let Some(s) = v.as_string() {
            return Source::Text(s);
        }
        if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
            return Source::Bytes(bytes.clone());
        }
        if let Some(buf) = v.dyn_ref::<ArrayBuffer>() {
            return Source::Bytes(Uint8Array::new(buf));
        }
        if ArrayBuffer::is_view(v) {
            // Another typed array or a DataView: its bytes, where they lie in its buffer.
            let num = |k: &str| Reflect::get(v, &k.into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0) as u32;
            if let Ok(buf) = Reflect::get(v, &"buffer".into()) {
                return Source::Bytes(Uint8Array::new_with_byte_offset_and_length(&buf, num("byteOffset"), num("byteLength")));
            }
        }
        if let Some(size) = blob_size(v) {
            return Source::Blob(v.clone(), size);
        }
        let kind = if v.is_null() { "null".into() } else { v.js_typeof().as_string().unwrap_or_default() };
        Source::Other(kind)
    }

    fn len(&self) -> u64 {
        match self {
            Source::Blob(_, size) => *size,
            Source::Bytes(b) => u64::from(b.length()),
            Source::Text(_) | Source::Other(_) => 0,
        }
    }

    /// The bytes of one request.
    async fn read(&self, need: Need) -> Result<Vec<u8>, String> {
        match self {
            Source::Bytes(b) => {
                let end = need.end().min(u64::from(b.length())) as u32;
                let start = (need.offset.min(u64::from(end))) as u32;
                Ok(b.subarray(start, end).to_vec())
            }
            Source::Blob(blob, _) => read_blob(blob, need).await.map_err(|e| js_message(&e)),
            Source::Text(_) | Source::Other(_) => Ok(Vec::new()),
        }
    }
}

/// The size of a Blob-like value (duck-typed, so a File or a Blob from another realm counts).
fn blob_size(v: &JsValue) -> Option<u64> {
    if !v.is_object() {
        return None;
    }
    let is_fn = |k: &str| Reflect::get(v, &k.into()).map(|f| f.is_function()).unwrap_or(false);
    if !is_fn("slice") || !is_fn("arrayBuffer") {
        return None;
    }
    let size = Reflect::get(v, &"size".into()).ok()?.as_f64()?;
    (size.is_finite() && size >= 0.0).then_some(size as u64)
}

/// `new Uint8Array(await blob.slice(start, end).arrayBuffer())`, copied into wasm memory.
async fn read_blob(blob: &JsValue, need: Need) -> Result<Vec<u8>, JsValue> {
    let slice: Function = Reflect::get(blob, &"slice".into())?.dyn_into()?;
    let part = slice.call2(blob, &JsValue::from(need.offset as f64), &JsValue::from(need.end() as f64))?;
    let array_buffer: Function = Reflect::get(&part, &"arrayBuffer".into())?.dyn_into()?;
    let promise: Promise = array_buffer.call0(&part)?.dyn_into()?;
    let buf = JsFuture::from(promise).await?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Feeds a probe every range it asks for; `Err` is why a read failed.
async fn drive<P: Probe>(probe: &mut P, src: &Source) -> Result<(), String> {
    while let Some(need) = probe.need() {
        let bytes = src.read(need).await?;
        probe.feed(&bytes);
    }
    Ok(())
}

fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_else(|| "the file could not be read".into()),
    }
}

fn wrong_type(path: &str, opts: &Options, expected: &str, actual: &str) -> Vec<Issue> {
    let mut ctx = Ctx::new(opts);
    ctx.error(path, Code::WrongType, ids::TYPE, vec![("expected", expected.into()), ("actual", actual.into())]);
    ctx.issues
}

/// The options: `path` is read here, the rest (locale, rules) by the shared options reader.
/// Problems with them become issues in front of the result's own.
fn media_options(options: Option<MediaOptions>) -> (String, Options, Vec<Issue>) {
    let value: Option<JsValue> = options.map(Into::into).filter(|v: &JsValue| !v.is_undefined() && !v.is_null());
    let (rest, path_value) = match &value {
        Some(v) if v.is_object() => {
            let path_value = Reflect::get(v, &"path".into()).unwrap_or(JsValue::UNDEFINED);
            let copy = Object::assign(&Object::new(), v.unchecked_ref());
            let _ = Reflect::delete_property(&copy, &"path".into());
            (Some(JsValue::from(copy)), path_value)
        }
        other => (other.clone(), JsValue::UNDEFINED),
    };
    let parsed = convert::options(rest.as_ref(), false);
    let mut problems = parsed.problems;
    let opts = parsed.options;
    let path = match path_value.as_string() {
        Some(p) => p,
        None if path_value.is_undefined() || path_value.is_null() => String::new(),
        None => {
            let actual = path_value.js_typeof().as_string().unwrap_or_default();
            let params: Params = vec![("option", "path".into()), ("expected", vec!["string".to_owned()].into()), ("actual", actual.into())];
            let message = messages::render(Code::InvalidOption, opts.locale, &params);
            problems.push(Issue { path: String::new(), code: Code::InvalidOption, rule: convert::OPTIONS_RULE, severity: Severity::Error, message, params });
            String::new()
        }
    };
    (path, opts, problems)
}

fn to_js<T: Serialize>(info: &T) -> JsValue {
    convert::from_json_text(&serde_json::to_string(info).unwrap_or_else(|_| "null".into()))
}
