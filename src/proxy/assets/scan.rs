//! The readings ownership needs, each one pull pass over the text (json::pull, no tree): the
//! element and voice ids of a task-list page (the owner's succeeded tasks, or every preset),
//! the ids a create body references, and the id a deletion names. Element ids are taken as the
//! exact digits written — a JSON number above 2^53 included — never through a float.

use super::owned::Owned;
use super::Asset;
use crate::json::{self, pull};
use crate::proxy::owner::Owner;

/// What one upstream page of tasks (or presets) tells.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Kling's business code, when an integer.
    pub code: Option<i64>,
    /// Entries on the page (all of them, anybody's): a short page is the list's last.
    pub entries: usize,
    /// What was found (ids, bound voices, pending).
    pub found: Owned,
}

/// An id the value next in `p` names: a string's value, or a number's exact digits (`text` is
/// what `p` reads). `None` for anything else (read and skipped).
fn id_value(p: &mut pull::Pull<'_>, text: &str) -> pull::Step<Option<String>> {
    match p.peek() {
        Some(b'"') => Ok(p.string()?.map(|(s, _)| s.into_owned())),
        Some(b'0'..=b'9') => {
            let span = p.skip()?;
            Ok(text.get(span).filter(|t| t.bytes().all(|b| b.is_ascii_digit())).map(str::to_owned))
        }
        _ => p.skip().map(|_| None),
    }
}

/// The ids in one entry: an element or voice object itself (a preset may be listed so), or a
/// task with `task_result.elements[]` / `task_result.voices[]`.
#[derive(Default)]
struct Entry {
    status: Option<String>,
    /// `task_info.external_task_id`; `Some(None)` once seen twice (then nobody's).
    external: Option<Option<String>>,
    ids: Vec<String>,
    bound: Vec<String>,
}

/// One member of an element or voice object: its id, or (elements) its bound voice.
fn member(p: &mut pull::Pull<'_>, text: &str, asset: Asset, key: &str, e: &mut Entry) -> pull::Step<()> {
    match (key, asset) {
        ("element_id", Asset::Element) | ("voice_id", Asset::Voice) => e.ids.extend(id_value(p, text)?),
        ("element_voice_info", Asset::Element) => {
            p.object(|p, key| {
                if key == "voice_id" {
                    e.bound.extend(id_value(p, text)?);
                }
                Ok(())
            })?;
        }
        _ => {}
    }
    Ok(())
}

fn element(p: &mut pull::Pull<'_>, text: &str, asset: Asset, e: &mut Entry) -> pull::Step<()> {
    p.object(|p, key| member(p, text, asset, &key, e)).map(drop)
}

fn entry(p: &mut pull::Pull<'_>, text: &str, asset: Asset) -> pull::Step<Entry> {
    let mut e = Entry::default();
    let list = match asset {
        Asset::Element => "elements",
        Asset::Voice => "voices",
    };
    let mut seen_info = 0;
    p.object(|p, key| {
        match &*key {
            "task_status" => e.status = p.string()?.map(|(s, _)| s.into_owned()),
            "task_info" => {
                seen_info += 1;
                let mut ids = Vec::new();
                p.object(|p, key| {
                    if key == "external_task_id" {
                        ids.push(p.string()?.map(|(s, _)| s.into_owned()));
                    }
                    Ok(())
                })?;
                // Read one way by one reader and another by the next: trusted only when single.
                e.external = Some(if seen_info == 1 && ids.len() == 1 { ids.pop().flatten() } else { None });
            }
            // A preset listed as the element or voice object itself.
            "element_id" | "voice_id" | "element_voice_info" => return member(p, text, asset, &key, &mut e),
            "task_result" => {
                p.object(|p, key| {
                    if key == list {
                        p.array(|p| element(p, text, asset, &mut e))?;
                    }
                    Ok(())
                })?;
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(e)
}

/// Reads one page of `asset`'s family list (`owner` given: that owner's tasks only, ids from
/// the succeeded ones) or of its presets (`owner` none: every entry). `None` when the text is not
/// an envelope with a list.
pub fn page(text: &str, asset: Asset, owner: Option<&Owner>) -> Option<Page> {
    let mut out = Page::default();
    let mut listed = false;
    json::pull::document(text, json::MAX_ANSWER_VALUES, |p| {
        p.object(|p, key| {
            match &*key {
                "code" => out.code = p.number()?.and_then(json::Num::as_i64),
                "data" => {
                    listed = p
                        .array(|p| {
                            let e = entry(p, text, asset)?;
                            out.entries += 1;
                            keep(&mut out.found, e, asset, owner);
                            Ok(())
                        })?
                        .is_some();
                }
                _ => {}
            }
            Ok(())
        })
        .map(drop)
    })
    .ok()?;
    listed.then_some(out)
}

fn keep(found: &mut Owned, e: Entry, asset: Asset, owner: Option<&Owner>) {
    if let Some(owner) = owner {
        if !owner.owns(e.external.flatten().as_deref()) {
            return;
        }
        match e.status.as_deref() {
            Some("succeed") => {}
            Some("submitted" | "processing") => {
                found.pending = true;
                return;
            }
            _ => return,
        }
    }
    found.ids.extend(e.ids.into_iter().filter(|id| asset.is_id(id)));
    found.bound_voices.extend(e.bound.into_iter().filter(|id| Asset::Voice.is_id(id)));
}

/// One id a create body references, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// Element or voice.
    pub asset: Asset,
    /// The id as written: a string's value or a number's digits; any other value's JSON text
    /// (never anybody's, so refused).
    pub id: String,
    /// Its JSON pointer in the body.
    pub pointer: String,
}

/// Longest text of an unusable id value kept for the refusal.
const MAX_SHOWN: usize = 64;

fn ref_value(p: &mut pull::Pull<'_>, text: &str, asset: Asset, pointer: String, out: &mut Vec<Ref>) -> pull::Step<()> {
    let id = if p.peek() == Some(b'"') {
        p.string()?.map(|(s, _)| s.into_owned()).unwrap_or_default()
    } else {
        // A number's exact digits (an element id above 2^53 stays exact), or another value's
        // text, which names nobody's id.
        let span = p.skip()?;
        text.get(span).unwrap_or("").chars().take(MAX_SHOWN).collect()
    };
    out.push(Ref { asset, id, pointer });
    Ok(())
}

fn list_refs(p: &mut pull::Pull<'_>, text: &str, list: &str, asset: Asset, out: &mut Vec<Ref>) -> pull::Step<()> {
    let mut i = 0;
    p.array(|p| {
        p.object(|p, key| {
            if key == asset.id_key() {
                ref_value(p, text, asset, format!("/{list}/{i}/{}", asset.id_key()), out)?;
            }
            Ok(())
        })?;
        i += 1;
        Ok(())
    })
    .map(drop)
}

/// Every element and voice id a create body references: `element_list[].element_id`,
/// `voice_list[].voice_id`, `element_voice_id` (every occurrence, repeated keys too). `None`
/// when the body is not a JSON object.
pub fn refs(text: &str) -> Option<Vec<Ref>> {
    let mut out = Vec::new();
    json::pull::document(text, json::MAX_ANSWER_VALUES, |p| {
        p.object(|p, key| {
            match &*key {
                "element_list" => list_refs(p, text, "element_list", Asset::Element, &mut out)?,
                "voice_list" => list_refs(p, text, "voice_list", Asset::Voice, &mut out)?,
                "element_voice_id" => ref_value(p, text, Asset::Voice, "/element_voice_id".into(), &mut out)?,
                _ => {}
            }
            Ok(())
        })
    })
    .ok()??;
    Some(out)
}

/// The id a deletion body names (`{"element_id": …}` / `{"voice_id": …}`, once), when it is one.
pub fn delete_id(text: &str, asset: Asset) -> Option<String> {
    let mut ids = Vec::new();
    json::pull::document(text, 1000, |p| {
        p.object(|p, key| {
            if key == asset.id_key() {
                ids.push(id_value(p, text)?);
            }
            Ok(())
        })
    })
    .ok()??;
    match ids.as_slice() {
        [Some(id)] if asset.is_id(id) => Some(id.clone()),
        _ => None,
    }
}
