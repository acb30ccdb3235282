//! The custom-element request's file checks (kling-api.md §8.3): the refer video
//! (`element_video_list.refer_videos[].video_url`) is probed from the local file the caller is
//! about to upload and checked against `limits::ELEMENT_VIDEO` (rule EL-VIDEO), its issues at
//! the field's JSON pointer. Apart from the synchronous `validate` on purpose: reading a file is
//! async in JS, and validate stays synchronous.
//!
//! The steps, so the JS binding can read Blobs between them: `plan` (which file is which refer
//! video), a probe per file (`VideoProbe::finish_with`), `report`. `check_custom_element_media`
//! runs all three over bytes in memory.

use super::limits::ELEMENT_VIDEO;
use super::video::{probe_video_bytes_with, VideoInfo};
use crate::issue::{Code, Issue, Options, Report};
use crate::json::{self, Value};
use crate::pointer;
use crate::rules::{ids, Ctx};

pub use super::limits::EL_VIDEO;

/// What the caller's `files` keys name: the pointer of the refer video each one is for (`None`:
/// it names none, and `issues` says so), and the issues found before any file is read.
#[derive(Debug, Default)]
pub struct Plan {
    /// Per key of `files`, in order: the `video_url` pointer its file is checked at.
    pub targets: Vec<Option<String>>,
    /// An unreadable request, keys that name no refer video (GEN-JSON, GEN-TYPE, GEN-OPTIONS).
    pub issues: Vec<Issue>,
}

/// Refer videos read from one request, at most this many (the API takes exactly one; the
/// synchronous validate reports a longer list).
pub const MAX_REFER_VIDEOS: usize = 100;

/// Every `element_video_list.refer_videos[i].video_url` string of a request: (i, url), for the
/// first `MAX_REFER_VIDEOS` items. Entries of another shape are left to the synchronous validate,
/// which reports them. (The JS binding reads the same from the JS object: bindings/media.js.)
pub fn refer_videos<'v>(request: &'v Value<'_>) -> Vec<(usize, &'v str)> {
    let list = request.get("element_video_list").and_then(|l| l.get("refer_videos")).and_then(Value::as_arr).unwrap_or(&[]);
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate().take(MAX_REFER_VIDEOS) {
        if let Some(url) = item.get("video_url").and_then(Value::as_str) {
            out.push((i, url));
        }
    }
    out
}

/// The JSON pointer of refer video `i`'s `video_url`, where its issues sit.
pub fn video_url_pointer(i: usize) -> String {
    pointer::ptr(&[&"element_video_list", &"refer_videos", &i, &"video_url"])
}

/// `plan` over a request's JSON text.
pub fn plan(request: &str, keys: &[&str], opts: &Options) -> Plan {
    let value = match json::parse_request(request) {
        Ok(r) => r.value,
        Err(e) => {
            let mut ctx = Ctx::new(opts);
            let code = if e.too_deep { Code::TooDeep } else { Code::InvalidJson };
            ctx.error("", code, ids::JSON, if e.too_deep { vec![] } else { vec![("detail", e.message.into())] });
            return Plan { targets: vec![None; keys.len()], issues: ctx.issues };
        }
    };
    if value.as_obj().is_none() {
        return not_an_object(value.type_name(), keys.len(), opts);
    }
    plan_videos(&refer_videos(&value), keys, opts)
}

/// The plan of a request that is no object (`actual`: its type): one `wrong_type` issue.
pub fn not_an_object(actual: &str, keys: usize, opts: &Options) -> Plan {
    let mut ctx = Ctx::new(opts);
    ctx.error("", Code::WrongType, ids::TYPE, vec![("expected", "object".into()), ("actual", actual.into())]);
    Plan { targets: vec![None; keys], issues: ctx.issues }
}

/// Matches each `files` key to a refer video (`videos`: (index, url) as `refer_videos` gives
/// them), by its `video_url` text or its JSON pointer. A key that names none, or a video another
/// key already named, is an option problem (rule GEN-OPTIONS at path "", as every bad option):
/// a file silently left unchecked would pass.
pub fn plan_videos<U: AsRef<str>>(videos: &[(usize, U)], keys: &[&str], opts: &Options) -> Plan {
    let mut ctx = Ctx::new(opts);
    let mut targets = vec![None; keys.len()];
    let pointers: Vec<String> = videos.iter().map(|(i, _)| video_url_pointer(*i)).collect();
    let mut taken = vec![false; videos.len()];
    for (key, target) in keys.iter().zip(targets.iter_mut()) {
        let option = format!("files.{key}");
        match videos.iter().zip(&pointers).position(|((_, url), at)| at == key || url.as_ref() == *key) {
            Some(i) if taken[i] => {
                let expected = vec!["one file per refer video".to_owned()];
                let actual = format!("a second file for {}", pointers[i]);
                ctx.error("", Code::InvalidOption, ids::OPTIONS, vec![("option", option.into()), ("expected", expected.into()), ("actual", actual.into())]);
            }
            Some(i) => {
                taken[i] = true;
                *target = Some(pointers[i].clone());
            }
            None => {
                let mut allowed = pointers.clone();
                if allowed.is_empty() {
                    allowed.push("none (the request has no element_video_list.refer_videos[].video_url)".to_owned());
                }
                ctx.error("", Code::UnknownOption, ids::OPTIONS, vec![("option", option.into()), ("allowed", allowed.into())]);
            }
        }
    }
    Plan { targets, issues: ctx.issues }
}

/// The report: the plan's issues, then each probed file's (in the order given), within the
/// report's bounds; ok when none is an error.
pub fn report(opts: &Options, plan_issues: Vec<Issue>, probed: impl IntoIterator<Item = Vec<Issue>>) -> Report {
    let mut ctx = Ctx::new(opts);
    for issue in plan_issues.into_iter().chain(probed.into_iter().flatten()) {
        ctx.add(issue);
    }
    ctx.finish()
}

/// Probes one refer video held in memory against §8.3, its issues at `path`.
pub fn probe_element_video(bytes: &[u8], path: &str, opts: &Options) -> VideoInfo {
    probe_video_bytes_with(bytes, path, opts, &ELEMENT_VIDEO)
}

/// The whole check over files in memory: `request` is the custom-element request's JSON text,
/// `files` maps a refer video's `video_url` (or its pointer) to the file's bytes.
pub fn check_custom_element_media(request: &str, files: &[(&str, &[u8])], opts: &Options) -> Report {
    let keys: Vec<&str> = files.iter().map(|(k, _)| *k).collect();
    let plan = plan(request, &keys, opts);
    let probed = files.iter().zip(&plan.targets).filter_map(|((_, bytes), at)| at.as_deref().map(|at| probe_element_video(bytes, at, opts).issues));
    let probed: Vec<Vec<Issue>> = probed.collect();
    report(opts, plan.issues, probed)
}

#[cfg(test)]
#[path = "element_tests.rs"]
mod tests;
