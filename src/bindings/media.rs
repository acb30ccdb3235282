//! `probeImage` and `probeVideo`: the core probes (`crate::media`) driven by reads of the JS
//! input — `blob.slice(a, b).arrayBuffer()` for a Blob/File, a copy of the range for bytes, the
//! base64 text itself for probeImage — so a 200 MB File is never loaded whole. They never reject
//! for bad input: a wrong type, an unreadable file or a bad option is an issue in the result. The
//! reads that may run the caller's code (or meet a detached buffer) are in media.js, caught.

use super::options::Reader;
use super::{convert, guard};
use crate::issue::{Code, Issue, Locale, Options};
use crate::media::{self, ImageInfo, ImageProbe, Probe, VideoInfo, VideoProbe};
use crate::rules::{ids, Ctx};
use js_sys::{Promise, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

#[wasm_bindgen(typescript_custom_section)]
const TS_MEDIA: &'static str = r#"
/** Options of probeImage / probeVideo (undefined is the same as left out). */
export interface MediaOptions {
  /** JSON pointer the issues are reported at, e.g. "/image_list/2/image_url" (default ""). */
  path?: string | undefined;
  /** Language of the issue messages (default "en"). */
  locale?: "en" | "zh" | undefined;
  /** Rule id ("GEN-MEDIA") -> level. */
  rules?: Partial<Record<RuleId, RuleLevel>> | undefined;
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
    let done = move |mut info: ImageInfo| {
        info.issues.splice(0..0, problems);
        to_js(&info)
    };
    match Source::of(&input) {
        Source::Text(text) => resolved(done(media::probe_image_base64(&text, &path, &opts))),
        Source::Other(actual) => {
            let issues = wrong_type(&path, &opts, "Blob, Uint8Array or base64 string", &actual);
            resolved(done(ImageInfo { format: None, width: None, height: None, bytes: 0, issues }))
        }
        src => run(ImageProbe::new(src.len()), src, move |probe| done(probe.finish(&path, &opts))),
    }
}

/// Probes an MP4/MOV video (Blob/File or bytes), reading its box headers and moov box only.
#[wasm_bindgen(js_name = probeVideo, unchecked_return_type = "Promise<VideoInfo>")]
pub fn probe_video(#[wasm_bindgen(unchecked_param_type = "Blob | Uint8Array | ArrayBuffer")] input: JsValue, options: Option<MediaOptions>) -> Promise {
    let (path, opts, problems) = media_options(options);
    let done = move |mut info: VideoInfo| {
        info.issues.splice(0..0, problems);
        to_js(&info)
    };
    match Source::of(&input) {
        Source::Text(_) => resolved(done(not_video(&path, &opts, "string"))),
        Source::Other(actual) => resolved(done(not_video(&path, &opts, &actual))),
        src => run(VideoProbe::new(src.len()), src, move |probe| done(probe.finish(&path, &opts))),
    }
}

/// The info for an input that is no video at all: only the wrong-type issue.
fn not_video(path: &str, opts: &Options, actual: &str) -> VideoInfo {
    VideoInfo {
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
        issues: wrong_type(path, opts, "Blob or Uint8Array", actual),
    }
}

/// A promise already resolved with `value`. Inputs in memory (bytes, text) are probed in the
/// call itself: no task to spawn and no await per read, which was most of such a probe's time.
pub(super) fn resolved(value: JsValue) -> Promise {
    Promise::resolve(&value)
}

#[wasm_bindgen(module = "/src/bindings/media.js")]
extern "C" {
    /// Our own Uint8Array over a buffer's or a view's bytes, a Blob-like's size, or undefined.
    #[wasm_bindgen(catch, js_name = mediaInput)]
    fn media_input(input: &JsValue) -> Result<JsValue, JsValue>;
    /// A copy of `view[start..end]` (the view is ours, its buffer the caller's: it may be detached).
    #[wasm_bindgen(catch, js_name = copyBytes)]
    fn copy_bytes(view: &Uint8Array, start: f64, end: f64) -> Result<Uint8Array, JsValue>;
    /// An async function: never throws, its promise is a native one (safe to await).
    #[wasm_bindgen(js_name = readBlob)]
    fn read_blob(blob: &JsValue, start: f64, end: f64) -> Promise;
    /// checkCustomElementMedia's `files`: a Map as a plain object of its entries, else itself.
    #[wasm_bindgen(catch, js_name = filesObject)]
    pub(super) fn files_object(files: &JsValue) -> Result<JsValue, JsValue>;
    /// checkCustomElementMedia's request: [index, video_url, ...], or the type of a non-object.
    #[wasm_bindgen(catch, js_name = referVideos)]
    pub(super) fn refer_videos(request: &JsValue, max: u32) -> Result<JsValue, JsValue>;
}

/// The input as something the probes can read.
pub(super) enum Source {
    /// A Blob or File (anything with size, slice and arrayBuffer), and its size.
    Blob(JsValue, u64),
    /// A view of our own over the bytes of a buffer, typed array or DataView.
    Bytes(Uint8Array),
    Text(String),
    /// Bytes that cannot be reached (a detached buffer): why.
    Unreadable(String),
    /// Anything else: its JS type, for the issue.
    Other(String),
}

impl Source {
    pub(super) fn of(v: &JsValue) -> Source {
        if let Some(s) = v.as_string() {
            return Source::Text(s);
        }
        match media_input(v) {
            Err(e) => Source::Unreadable(guard::error_text(&e, "the buffer could not be read")),
            Ok(r) if r.is_undefined() => Source::Other(if v.is_null() { "null".into() } else { v.js_typeof().as_string().unwrap_or_default() }),
            Ok(r) => match r.as_f64() {
                Some(size) => Source::Blob(v.clone(), size as u64),
                None => Source::Bytes(r.unchecked_into()),
            },
        }
    }

    pub(super) fn len(&self) -> u64 {
        match self {
            Source::Blob(_, size) => *size,
            Source::Bytes(b) => u64::from(b.length()),
            Source::Text(_) | Source::Unreadable(_) | Source::Other(_) => 0,
        }
    }
}

/// Why a read failed, from what the caller's code threw.
fn read_error(thrown: &JsValue) -> String {
    guard::error_text(thrown, "the file could not be read")
}

/// Drives `probe` over the input's bytes (a Blob in a future, bytes within this call; a failed
/// read is the probe's to report) and resolves with what `finish` makes of it.
fn run<P: Probe + 'static>(mut probe: P, src: Source, finish: impl FnOnce(P) -> JsValue + 'static) -> Promise {
    if let Source::Blob(blob, _) = src {
        return future_to_promise(async move {
            if let Err(why) = drive_blob(&mut probe, &blob).await {
                probe.read_failed(&why);
            }
            Ok(finish(probe))
        });
    }
    if let Err(why) = drive_now(&mut probe, &src) {
        probe.read_failed(&why);
    }
    resolved(finish(probe))
}

/// Feeds a probe every range it asks for from an input already in memory, in this call; `Err` is
/// why a read failed. (A Blob is read by `drive_blob`; text and other values have no bytes.)
pub(super) fn drive_now<P: Probe>(probe: &mut P, src: &Source) -> Result<(), String> {
    let bytes = match src {
        Source::Bytes(bytes) => bytes,
        Source::Unreadable(why) => return Err(why.clone()),
        Source::Blob(..) | Source::Text(_) | Source::Other(_) => return Ok(()),
    };
    while let Some(need) = probe.need() {
        let copy = copy_bytes(bytes, need.offset as f64, need.end() as f64).map_err(|e| read_error(&e))?;
        probe.feed(&copy.to_vec());
    }
    Ok(())
}

/// Feeds a probe every range it asks for from a Blob-like, one awaited slice read each.
pub(super) async fn drive_blob<P: Probe>(probe: &mut P, blob: &JsValue) -> Result<(), String> {
    while let Some(need) = probe.need() {
        let copy = JsFuture::from(read_blob(blob, need.offset as f64, need.end() as f64)).await.map_err(|e| read_error(&e))?;
        probe.feed(&copy.unchecked_into::<Uint8Array>().to_vec());
    }
    Ok(())
}

pub(super) fn wrong_type(path: &str, opts: &Options, expected: &str, actual: &str) -> Vec<Issue> {
    let mut ctx = Ctx::new(opts);
    ctx.error(path, Code::WrongType, ids::TYPE, vec![("expected", expected.into()), ("actual", actual.into())]);
    ctx.issues
}

/// The options: `path`, and the locale and rules the issues follow, by the shared reader
/// (bindings/options.rs). Problems with them become issues in front of the result's own.
fn media_options(options: Option<MediaOptions>) -> (String, Options, Vec<Issue>) {
    let value: Option<JsValue> = options.map(Into::into);
    let mut r = Reader::new(Locale::En);
    let fields = r.object(value.as_ref(), "", &["path", "locale", "rules"]);
    let path = fields.as_ref().and_then(|f| r.string(f, "path")).unwrap_or_default();
    let opts = convert::rule_options(&mut r, fields.as_ref(), false);
    (path, opts, r.into_issues())
}

pub(super) fn to_js<T: Serialize>(info: &T) -> JsValue {
    convert::from_json_text(&serde_json::to_string(info).unwrap_or_else(|_| "null".into()))
}
