//! The request schema as data (DESIGN.md "Schema as data"): one table per family declares every
//! field once — its JSON types, required-ness, enum values, ranges, lengths in code points, item
//! schemas, the rule that reports it and the kling-api.md section it comes from — and one
//! registry lists every rule. The checks in `rules/` and `api/<family>/rules.rs` read their
//! lists and limits from here; `capabilities()`, the TypeScript declarations, the JSON Schema and
//! docs/rules.md are generated from the same tables.

/// `capabilities()`'s document, generated at test time into capabilities.json (the wasm embeds
/// the text: 1.2 KiB gzip, less than the code that wrote it and the tables it read).
#[cfg(not(target_arch = "wasm32"))]
pub mod capabilities;
pub mod custom_element;
pub mod custom_voice;
mod field;
#[cfg(not(target_arch = "wasm32"))]
pub mod gen;
pub mod image_generation;
pub mod image_to_video;
pub mod omni_image;
pub mod omni_video;
pub mod parts;
pub mod prices;
pub mod registry;
pub mod text_to_video;

pub use field::{names, note, Field, Narrow, Needs, Note, Type};
pub use registry::{Rule, RuleLevel};

use crate::caps::Endpoint;

/// One endpoint family: its request fields and the cross-field rules its `rules.rs` reports.
#[derive(Debug)]
pub struct Family {
    /// The endpoint whose requests it describes.
    pub endpoint: Endpoint,
    /// The request's TypeScript type name ("OmniVideoRequest").
    pub type_name: &'static str,
    /// Where kling-api.md documents the request.
    pub src: Note,
    /// The top-level request fields, in the order the docs list them.
    pub fields: &'static [Field],
    /// The family's own rule ids (the general GEN-* ones are in `registry::GENERAL`).
    pub rules: &'static [Rule],
    /// Whether its prompts name list items (`<<<image_N>>>`, GEN-REF): §8's families do not.
    pub prompt_refs: bool,
}

impl Family {
    /// The field named `name` (a top-level request field).
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Every family, in the order of `Endpoint::ALL`.
pub static FAMILIES: [&Family; 7] = [
    &omni_video::FAMILY,
    &text_to_video::FAMILY,
    &image_to_video::FAMILY,
    &omni_image::FAMILY,
    &image_generation::FAMILY,
    &custom_element::FAMILY,
    &custom_voice::FAMILY,
];

/// The table of an endpoint family.
pub fn family(endpoint: Endpoint) -> &'static Family {
    match endpoint {
        Endpoint::OmniVideo => &omni_video::FAMILY,
        Endpoint::TextToVideo => &text_to_video::FAMILY,
        Endpoint::ImageToVideo => &image_to_video::FAMILY,
        Endpoint::OmniImage => &omni_image::FAMILY,
        Endpoint::ImageGeneration => &image_generation::FAMILY,
        Endpoint::CustomElement => &custom_element::FAMILY,
        Endpoint::CustomVoice => &custom_voice::FAMILY,
    }
}

/// Every rule id: the general ones, then each family's, then the client calls' (`registry::CLIENT`).
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    // The rule lists themselves, not `FAMILIES`: a `Family` points at its fields, and the
    // wasm's option check must not carry every field declaration to look up an id.
    let families: [&'static [Rule]; 7] = [
        omni_video::RULES,
        text_to_video::RULES,
        image_to_video::RULES,
        omni_image::RULES,
        image_generation::RULES,
        custom_element::RULES,
        custom_voice::RULES,
    ];
    registry::GENERAL.iter().chain(families.into_iter().flatten()).chain(registry::CLIENT)
}

/// The registered rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    all_rules().find(|r| r.id == id)
}

/// Every registered rule id, one a line in `all_rules` order: generated at test time into
/// rule_ids.txt (tests/schema_generated.rs fails when it is stale), for the wasm's
/// `options.rules` check: the `Rule` rows and a lookup over them cost the main module 0.2 KiB
/// gzip more than this text and a scan of it (101.20 -> 101.00 KiB).
pub const RULE_IDS: &str = include_str!("rule_ids.txt");

/// `id` is a registered rule id (`rule(id).is_some()`, read from `RULE_IDS`).
pub fn is_rule_id(id: &str) -> bool {
    !id.is_empty() && RULE_IDS.as_bytes().split(|&b| b == b'\n').any(|r| r == id.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_follow_endpoint_order_and_rule_ids_are_unique() {
        for (f, e) in FAMILIES.iter().zip(Endpoint::ALL) {
            assert_eq!(f.endpoint, e);
            assert!(std::ptr::eq(family(e), *f));
        }
        let ids: Vec<&str> = all_rules().map(|r| r.id).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "rule {id} registered twice");
        }
    }

    /// Every field, at any depth, names a registered rule and a section of kling-api.md (natively:
    /// the wasm compiles the sections out).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_field_names_a_rule_and_a_section() {
        fn walk(fields: &[Field], at: &str) {
            for f in fields {
                assert!(rule(f.rule).is_some(), "{at}/{}: rule {} is not registered", f.name, f.rule);
                assert!(f.src.starts_with('§'), "{at}/{}: no source section", f.name);
                if let Some(inner) = f.ty.object_fields() {
                    walk(inner, &format!("{at}/{}", f.name));
                }
            }
        }
        for f in FAMILIES.iter() {
            walk(f.fields, f.type_name);
        }
    }
}
