//! Account-wide objects — custom elements and voices — and whose they are. Kling keeps one
//! library per account; the proxy gives each user only the ones they made, without a database:
//! an element or voice is a user's when it is in the result of a custom-element / custom-voice
//! task whose `external_task_id` carries the user's owner prefix (owner.rs). Finding that out
//! walks the account's task list of the family (`check::owned`), and the answer is cached per
//! user behind `OwnedIds` (owned.rs) so that a per-user store (issue 17) can replace the walk.
//! Presets are everybody's; the operator may share more ids (`sharedElementIds` /
//! `sharedVoiceIds`). Creates that reference any other id are refused before Kling sees them.

pub mod check;
pub mod owned;
pub mod scan;

pub use owned::{MemoryOwnedIds, Owned, OwnedIds};

use crate::caps::Endpoint;

/// The two kinds of account-wide object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Asset {
    /// Custom and preset elements (`element_list[].element_id`).
    Element,
    /// Custom and preset voices (`voice_list[].voice_id`, `element_voice_id`).
    Voice,
}

impl Asset {
    /// Both kinds.
    pub const ALL: [Asset; 2] = [Asset::Element, Asset::Voice];

    /// The create path of the task family whose results name this kind's custom ids
    /// (`Endpoint::CustomElement` / `Endpoint::CustomVoice`); its list is walked for ownership.
    pub fn family_path(self) -> &'static str {
        match self {
            Asset::Element => "/v1/general/advanced-custom-elements",
            Asset::Voice => "/v1/general/custom-voices",
        }
    }

    /// The asset a family's tasks make, if any.
    pub fn of_family(endpoint: Endpoint) -> Option<Asset> {
        Asset::ALL.into_iter().find(|a| a.family_path() == endpoint.path())
    }

    /// Kling's list of presets (kling-api.md §8.2, §8.3).
    pub fn presets_path(self) -> &'static str {
        match self {
            Asset::Element => "/v1/general/advanced-presets-elements",
            Asset::Voice => "/v1/general/presets-voices",
        }
    }

    /// Kling's deletion endpoint (custom ids only).
    pub fn delete_path(self) -> &'static str {
        match self {
            Asset::Element => "/v1/general/delete-elements",
            Asset::Voice => "/v1/general/delete-voices",
        }
    }

    /// The member that names one (in deletions and in `element_list` / `voice_list` items).
    pub fn id_key(self) -> &'static str {
        match self {
            Asset::Element => "element_id",
            Asset::Voice => "voice_id",
        }
    }

    /// Kling's largest page of this family's task list and of its presets (§8.2: voices take
    /// 1000; elements 500).
    pub fn page_size(self) -> u32 {
        match self {
            Asset::Element => 500,
            Asset::Voice => 1000,
        }
    }

    /// "element" / "voice", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Asset::Element => "element",
            Asset::Voice => "voice",
        }
    }

    /// Whether `id` may name one of this kind: an element id is the exact decimal digits of a
    /// positive int64 (compared as text, never as a float); a voice id a path-safe token.
    pub fn is_id(self, id: &str) -> bool {
        match self {
            Asset::Element => is_element_id(id),
            Asset::Voice => crate::proxy::ids::is_safe_up_to(id, MAX_VOICE_ID_LEN),
        }
    }
}

/// Longest voice id taken (Kling's are short tokens).
pub const MAX_VOICE_ID_LEN: usize = 128;

/// 1–19 decimal digits without a leading zero: an int64 as Kling writes it.
pub fn is_element_id(id: &str) -> bool {
    (1..=19).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_as_text() {
        assert!(is_element_id("1152921504606846977") && is_element_id("7"));
        for bad in ["", "0", "012", "1e3", "1.0", "-1", "11529215046068469770", " 1"] {
            assert!(!is_element_id(bad), "{bad}");
        }
        assert!(Asset::Voice.is_id("genshin_vindi2") && Asset::Voice.is_id(&"v".repeat(MAX_VOICE_ID_LEN)));
        assert!(!Asset::Voice.is_id(&"v".repeat(MAX_VOICE_ID_LEN + 1)) && !Asset::Voice.is_id("a/b") && !Asset::Voice.is_id(""));
        let families: Vec<Option<Asset>> = Endpoint::ALL.into_iter().map(Asset::of_family).filter(Option::is_some).collect();
        assert_eq!(families.len(), 2, "custom-element and custom-voice make assets");
        assert_eq!(Asset::of_family(Endpoint::OmniVideo), None);
    }
}
