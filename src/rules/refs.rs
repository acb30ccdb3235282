//! Prompt references `<<<kind_N>>>` (kling-api.md §2.4): each must point at an existing list item
//! (error); a list item no prompt refers to gets a warning. A family may accept other names for
//! a kind (omni-image: `<<<object_N>>>` for an element, §2.4).

use super::{ids, Ctx};
use crate::issue::Code;
use crate::pointer::{join, ptr};

/// The reference kinds and the request list each one indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<<<image_N>>>`: an item of `image_list`.
    Image,
    /// `<<<element_N>>>`: an item of `element_list`.
    Element,
    /// `<<<video_N>>>`: an item of `video_list`.
    Video,
    /// `<<<voice_N>>>`: an item of `voice_list`.
    Voice,
}

impl Kind {
    /// The kind as written in a reference (`image` in `<<<image_1>>>`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Element => "element",
            Kind::Video => "video",
            Kind::Voice => "voice",
        }
    }
    /// The request field holding the list it indexes.
    pub fn list(self) -> &'static str {
        match self {
            Kind::Image => "image_list",
            Kind::Element => "element_list",
            Kind::Video => "video_list",
            Kind::Voice => "voice_list",
        }
    }
    fn from_name(s: &str) -> Option<Kind> {
        [Kind::Image, Kind::Element, Kind::Video, Kind::Voice].into_iter().find(|k| k.name() == s)
    }
}

/// Where a prompt sits: the top-level `prompt`, or shot `i`'s prompt in `multi_prompt`. Its
/// pointer is written only when a reference in it dangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptAt {
    /// The request's `prompt`.
    Top,
    /// The `prompt` of `multi_prompt` item `i` (0-based).
    Shot(usize),
}

impl PromptAt {
    /// The prompt's JSON pointer (`/prompt`, `/multi_prompt/i/prompt`).
    pub fn path(self) -> String {
        match self {
            PromptAt::Top => "/prompt".into(),
            PromptAt::Shot(i) => ptr(&[&"multi_prompt", &i, &"prompt"]),
        }
    }
}

/// One `<<<kind_N>>>` found in a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref {
    /// Which list it indexes.
    pub kind: Kind,
    /// The number as written: 1-based, so `<<<image_1>>>` is the first item (0 always dangles).
    pub n: u32,
    /// The kind's name as written ("object" for an alias of element), for messages.
    pub name: &'static str,
}

/// Other names a family accepts for a kind, e.g. `("object", Kind::Element)`.
pub type Aliases<'a> = &'a [(&'static str, Kind)];

/// Finds every well-formed `<<<kind_N>>>` in `text`, in order.
pub fn scan(text: &str) -> Vec<Ref> {
    scan_with(text, &[])
}

/// As `scan`, also taking the alias names.
pub fn scan_with(text: &str, aliases: Aliases) -> Vec<Ref> {
    let mut out = Vec::new();
    scan_into(text, aliases, &mut out);
    out
}

/// As `scan_with`, appending to `out` (one list for all the prompts of a request).
fn scan_into(text: &str, aliases: Aliases, out: &mut Vec<Ref>) {
    let lookup = |s: &str| Kind::from_name(s).map(|k| (k, k.name())).or_else(|| aliases.iter().find(|(a, _)| *a == s).map(|(a, k)| (*k, *a)));
    let mut from = 0;
    // Byte positions: '<', '>' and '_' are ASCII, so every cut falls between characters.
    while let Some(start) = triple(text, from, b'<') {
        let Some(end) = triple(text, start + 3, b'>') else { break };
        let inner = text.get(start + 3..end).unwrap_or("");
        if let Some((kind, n)) = inner.rsplit_once('_') {
            if let (Some((kind, name)), Ok(n)) = (lookup(kind), n.parse::<u32>()) {
                out.push(Ref { kind, n, name });
            }
        }
        // A run like "<<<<image_1>>>" must still be found: step past the first '<' only.
        from = start + 1;
    }
}

/// Where `ccc` first occurs in `text` at or after byte `from` (a plain byte loop: prompts are
/// scanned on every request, and a substring searcher costs more to set up than to run here).
fn triple(text: &str, from: usize, c: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    loop {
        // Find the next `c` first (a word at a time), then look at the two after it.
        i = crate::json::bytes::find(b, i, c)?;
        if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c) {
            return Some(i);
        }
        i += 1;
    }
}

/// The references of several prompts, each reported at its prompt's pointer when it dangles.
/// `lens` gives the length of each kind's list (kinds the endpoint lacks are absent).
/// Returns every reference seen, for the unused-item check.
pub fn check(ctx: &mut Ctx, prompts: &[(&str, PromptAt)], lens: &[(Kind, usize)]) -> Vec<Ref> {
    check_with(ctx, prompts, lens, &[])
}

/// As `check`, also taking the alias names (an alias indexes its kind's list).
pub fn check_with(ctx: &mut Ctx, prompts: &[(&str, PromptAt)], lens: &[(Kind, usize)], aliases: Aliases) -> Vec<Ref> {
    let mut seen = Vec::new();
    for (text, path) in prompts {
        let first = seen.len();
        scan_into(text, aliases, &mut seen);
        for i in first..seen.len() {
            let Some(&r) = seen.get(i) else { break };
            let count = lens.iter().find(|(k, _)| *k == r.kind).map_or(0, |(_, n)| *n);
            if r.n == 0 || r.n as usize > count {
                ctx.error(
                    path.path(),
                    Code::DanglingReference,
                    ids::REF,
                    vec![("kind", r.name.into()), ("n", (r.n as usize).into()), ("list", r.kind.list().into()), ("count", count.into())],
                );
            }
        }
    }
    seen
}

/// Warns about each item of `kind`'s list (at the given 0-based indexes) that no reference names.
pub fn unused(ctx: &mut Ctx, seen: &[Ref], kind: Kind, indexes: impl IntoIterator<Item = usize>) {
    for i in indexes {
        let n = i + 1;
        if !seen.iter().any(|r| r.kind == kind && r.n as usize == n) {
            ctx.warn(
                join(&join("", kind.list()), i),
                Code::UnusedReference,
                ids::REF_UNUSED,
                vec![("kind", kind.name().into()), ("n", n.into()), ("list", kind.list().into())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn scans_references() {
        let r = scan("a <<<image_1>>> b <<<element_12>>> <<<video_1>>><<<voice_2>>> <<<object_1>>> <<image_3>> <<<<image_4>>>");
        let got: Vec<(Kind, u32)> = r.iter().map(|r| (r.kind, r.n)).collect();
        assert_eq!(got, vec![(Kind::Image, 1), (Kind::Element, 12), (Kind::Video, 1), (Kind::Voice, 2), (Kind::Image, 4)]);
    }

    #[test]
    fn aliases_index_their_kind_and_keep_their_name() {
        let r = scan_with("<<<object_2>>> <<<element_1>>> <<<thing_1>>>", &[("object", Kind::Element)]);
        let got: Vec<(Kind, u32, &str)> = r.iter().map(|r| (r.kind, r.n, r.name)).collect();
        assert_eq!(got, vec![(Kind::Element, 2, "object"), (Kind::Element, 1, "element")]);
    }
}
