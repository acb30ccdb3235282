//! Prompt references `<<<kind_N>>>` (kling-api.md §2.4): each must point at an existing list item
//! (error); a list item no prompt refers to gets a warning.

use super::{ids, Ctx};
use crate::issue::Code;
use crate::pointer::join;

/// The reference kinds and the request list each one indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Image,
    Element,
    Video,
    Voice,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Element => "element",
            Kind::Video => "video",
            Kind::Voice => "voice",
        }
    }
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

/// One `<<<kind_N>>>` found in a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref {
    pub kind: Kind,
    pub n: u32,
}

/// Finds every well-formed `<<<kind_N>>>` in `text`, in order.
pub fn scan(text: &str) -> Vec<Ref> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<<<") {
        let after = &rest[start + 3..];
        let Some(end) = after.find(">>>") else { break };
        let inner = &after[..end];
        if let Some((kind, n)) = inner.rsplit_once('_') {
            if let (Some(kind), Ok(n)) = (Kind::from_name(kind), n.parse::<u32>()) {
                out.push(Ref { kind, n });
            }
        }
        // A run like "<<<<image_1>>>" must still be found: step past the first '<' only.
        rest = &rest[start + 1..];
    }
    out
}

/// The references of several prompts, each reported at its prompt's pointer when it dangles.
/// `lens` gives the length of each kind's list (kinds the endpoint lacks are absent).
/// Returns every reference seen, for the unused-item check.
pub fn check(ctx: &mut Ctx, prompts: &[(&str, String)], lens: &[(Kind, usize)]) -> Vec<Ref> {
    let mut seen = Vec::new();
    for (text, path) in prompts {
        for r in scan(text) {
            let count = lens.iter().find(|(k, _)| *k == r.kind).map_or(0, |(_, n)| *n);
            if r.n == 0 || r.n as usize > count {
                ctx.error(
                    path.clone(),
                    Code::DanglingReference,
                    ids::REF,
                    vec![("kind", r.kind.name().into()), ("n", (r.n as usize).into()), ("list", r.kind.list().into()), ("count", count.into())],
                );
            }
            seen.push(r);
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
}
