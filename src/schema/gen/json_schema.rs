//! `requestJsonSchema`'s documents (draft 2020-12), from the tables, written to
//! js/request-schemas.mjs (checked for staleness by tests/schema_generated.rs).
//!
//! Sound first: a document never refuses a request `api::validate` accepts under the default
//! options (tests/schema_corpus.rs + tests/js/json-schema.test.mjs prove it with ajv on every
//! golden request, rule-table case and thousands of generated ones); then as tight as JSON
//! Schema can say it. Each field's value comes from its table entry (`values`); the per-model
//! narrowing of `Narrow` from the capability map; the cross-field rules each family's module
//! can express (`video`, `omni`, `general`) as `if`/`then` and `not`; the rest are named in `description`.
//!
//! Every constraint keyword carries the rule(s) it mirrors in `x-kling-rule`
//! (`{ keyword: rule | [rules] }`): js/json-schema.mjs strips the tags, and can first drop the
//! keywords of a rule a caller turned down (a schema for other `options.rules`).

mod cond;
mod general;
mod guard;
mod omni;
mod refs;
mod tree;
mod values;
mod video;

use crate::caps::{self, Endpoint, ModelCaps};
use crate::rules::ids;
use crate::schema::{registry::RuleLevel, Family, Field, Narrow, FAMILIES};
use tree::S;
pub use tree::{strs, write, J, RULE_KEY};

/// The committed module's path, from the repository root.
pub const MODULE_PATH: &str = "js/request-schemas.mjs";
/// The `$schema` of the generated documents (js/json-schema.mjs converts to draft-07).
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// A rule a document expresses only in part, and what it leaves to validate().
pub type Partial = (&'static str, &'static str);

/// General rules every document expresses only in part, or not at all (named in its description).
const GENERAL_PARTIAL: &[Partial] = &[
    // Not a pattern: JS's \s and Rust's whitespace differ (U+FEFF), and a wrong pattern is unsound.
    (ids::EMPTY, "here a string only needs one character, blank ones pass"),
    // validate() on a JS object refuses them; on JSON text (and in the proxy) they keep their digits.
    (ids::INT64, "here an id given as a number above 2^53 passes"),
    (ids::REF, "here a reference whose number has more than 9 digits passes"),
    (ids::DUPLICATE, "JSON Schema sees parsed values"),
];

/// A reference to a `$defs` entry.
pub(crate) fn def(name: &str) -> J {
    S::new().set("$ref", format!("#/$defs/{name}")).done()
}

/// A family's document under construction.
#[derive(Debug)]
pub struct Doc {
    /// The family's table.
    pub family: &'static Family,
    /// Constraints every request meets.
    pub all_of: Vec<J>,
    /// Per model of the endpoint: constraints a request meets when it runs on that model.
    pub models: Vec<(&'static ModelCaps, Vec<J>)>,
    /// Family rules expressed only in part (named in the description).
    pub partial: &'static [Partial],
    /// The prompt reference kinds (`<<<kind_N>>>`) and what each counts; `prompt_refs` (and
    /// `shot_prompt_refs`) in `$defs` check them on a prompt the API reads.
    pub refs: Vec<(&'static str, refs::Count)>,
}

impl Doc {
    /// The family's endpoint.
    pub fn endpoint(&self) -> Endpoint {
        self.family.endpoint
    }
    /// A top-level field of the family (the tables list every one the checks read).
    pub fn field(&self, name: &str) -> &'static Field {
        self.family.field(name).unwrap_or_else(|| panic!("{}: no field {name}", self.family.type_name))
    }
    /// The rules a wrong model_name reports under.
    fn model_rules(&self) -> &'static [&'static str] {
        match self.endpoint() {
            Endpoint::TextToVideo => &[ids::MODEL, "TV-1"],
            _ => &[ids::MODEL],
        }
    }
    /// The rule a shot duration past the total reports under (`ShotRules::items`).
    fn shot_rule(&self) -> &'static str {
        match self.endpoint() {
            Endpoint::OmniVideo => "OV-5",
            Endpoint::TextToVideo => "TV-5",
            _ => "IV-3",
        }
    }
    /// The schema of `f`'s value as an optional field's (null allowed).
    pub fn optional_value(&self, f: &Field) -> J {
        let models = caps::models_for(self.endpoint());
        values::value(&Field { required: false, ..*f }, &models, self.model_rules(), self.shot_rule()).done()
    }
    /// The schema of `f`'s value where `rule` demands it (a condition that requires the field):
    /// not null, under `rule`.
    pub fn demanded(&self, f: &Field, rule: &'static str) -> S {
        let models = caps::models_for(self.endpoint());
        values::demanded(f, rule, &models, self.model_rules(), self.shot_rule())
    }
}

/// The draft 2020-12 document of one family.
pub fn document(family: &'static Family) -> J {
    let endpoint = family.endpoint;
    let models: Vec<&'static ModelCaps> = caps::models_for(endpoint).into_iter().filter_map(caps::model).collect();
    let mut doc = Doc { family, all_of: Vec::new(), models: models.iter().map(|m| (*m, Vec::new())).collect(), partial: &[], refs: Vec::new() };
    narrow(&mut doc);
    match endpoint {
        Endpoint::OmniVideo => omni::omni_video(&mut doc),
        Endpoint::TextToVideo => video::text_to_video(&mut doc),
        Endpoint::ImageToVideo => video::image_to_video(&mut doc),
        Endpoint::OmniImage => omni::omni_image(&mut doc),
        Endpoint::ImageGeneration => general::image_generation(&mut doc),
        Endpoint::CustomElement => general::custom_element(&mut doc),
        Endpoint::CustomVoice => general::custom_voice(&mut doc),
    }
    let mut defs = values::defs();
    // Only families whose prompts name inputs check references (the §8 ones have none).
    if let (J::Obj(entries), false) = (&mut defs, doc.refs.is_empty()) {
        let video = endpoint != Endpoint::OmniImage;
        // (Typed as the request they check: strict validators want a type beside `required`.)
        let checks = |clauses| S::new().set("type", "object").set("allOf", clauses).done();
        entries.push(("prompt_refs".to_owned(), checks(refs::clauses(&doc.refs, &refs::top))));
        if video {
            entries.push(("shot_prompt_refs".to_owned(), checks(refs::clauses(&doc.refs, &refs::shot))));
        }
    }
    let mut all_of: Vec<J> = std::mem::take(&mut doc.all_of).into_iter().map(|c| guard::guarded(&doc, c, &defs)).collect();
    for (m, constraints) in std::mem::take(&mut doc.models) {
        if constraints.is_empty() {
            continue;
        }
        let constraints: Vec<J> = constraints.into_iter().map(|c| guard::guarded(&doc, c, &defs)).collect();
        // `properties` alone also matches a request without model_name: only the default model's
        // condition may (left out or null, the API runs that model), the others need it given.
        let cond = if m.model == endpoint.default_model() {
            cond::field("model_name", S::new().set("enum", vec![J::from(m.model), J::Null]).done())
        } else {
            cond::is("model_name", m.model)
        };
        let then = if constraints.len() == 1 { constraints.into_iter().next().unwrap_or(J::Null) } else { cond::all(constraints) };
        all_of.push(S::new().set("if", cond).set("then", then).done());
    }
    let root = S::new().set("$schema", DRAFT_2020_12).set("title", family.type_name);
    let root = values::object(root.r("type", "object", ids::TYPE), family.fields, &caps::models_for(endpoint), doc.model_rules(), doc.shot_rule());
    let mut root = root.set("allOf", all_of).set("$defs", defs).done();
    let description = describe(&doc, &root);
    if let J::Obj(kws) = &mut root {
        kws.insert(2, ("description".to_owned(), J::from(description)));
    }
    root
}

/// The narrowing the tables declare (`Field::narrow`), per model. Durations are each family's
/// (their rules differ); `mode` is not narrowed: the checks take std or pro on every model
/// that has a choice and ignore it on the others.
fn narrow(doc: &mut Doc) {
    let image_generation = doc.endpoint() == Endpoint::ImageGeneration;
    for f in doc.family.fields {
        let rule = match f.narrow {
            Narrow::Sound => ids::CAPS,
            Narrow::Resolutions if image_generation => "IG-4",
            Narrow::ImageAspects => "IG-5",
            Narrow::Resolutions => "OI-2",
            Narrow::Series => "OI-3",
            Narrow::No | Narrow::Modes | Narrow::Durations => continue,
        };
        for i in 0..doc.models.len() {
            let m = doc.models[i].0;
            // The values the model lacks, as `not enum`: only they are refused here (the enum itself
            // is GEN-ENUM's), so this stays right with GEN-ENUM turned down.
            let lacking: Vec<J> = f.values().iter().filter(|v| !f.narrow.allows(m, v)).map(|v| J::from(*v)).collect();
            if !lacking.is_empty() {
                let not = S::new().set("enum", lacking).done();
                doc.models[i].1.push(cond::field(f.name, S::new().r("not", not, rule).done()));
            }
        }
    }
}

/// The document's description: what it is, and every rule that can refuse a request which the
/// schema does not (fully) express.
fn describe(doc: &Doc, root: &J) -> String {
    let f = doc.family;
    let mut tagged = Vec::new();
    tags(root, &mut tagged);
    let note = |id: &str| GENERAL_PARTIAL.iter().chain(doc.partial).find(|(p, _)| *p == id).map(|(_, n)| *n);
    let family_rules = f.rules.iter().filter(|r| r.level != RuleLevel::Warning && (note(r.id).is_some() || !tagged.contains(&r.id)));
    // GEN-REF says nothing about a family whose prompts name no inputs, GEN-INT64 about one
    // without element ids (the element and voice libraries).
    let applies = |id: &str| match id {
        ids::REF => !doc.refs.is_empty(),
        ids::INT64 => f.field("element_list").is_some(),
        _ => true,
    };
    let general = GENERAL_PARTIAL.iter().filter(|(id, _)| applies(id)).filter_map(|(id, _)| crate::schema::rule(id));
    let missing: Vec<String> = general
        .chain(family_rules)
        .map(|r| match note(r.id) {
            Some(n) => format!("{}: {} ({n})", r.id, r.summary),
            None => format!("{}: {} (not here)", r.id, r.summary),
        })
        .collect();
    format!(
        "The request body of POST {} (kling-api.md {}). null reads as left out. Sound: it never refuses a request validate() accepts with the \
         default rules. validate() also checks, beyond what this schema says: {}.",
        f.endpoint.path(),
        f.src,
        missing.join("; ")
    )
}

/// Every rule id in the tags under `v`.
fn tags(v: &J, out: &mut Vec<&'static str>) {
    match v {
        J::Obj(kws) => {
            for (k, x) in kws {
                if k == RULE_KEY {
                    let mut ids = Vec::new();
                    strings(x, &mut ids);
                    out.extend(ids.into_iter().filter_map(|id| crate::schema::rule(&id).map(|r| r.id)));
                } else {
                    tags(x, out);
                }
            }
        }
        J::Arr(a) => a.iter().for_each(|x| tags(x, out)),
        _ => {}
    }
}

fn strings(v: &J, out: &mut Vec<String>) {
    match v {
        J::Str(s) => out.push(s.clone()),
        J::Arr(a) => a.iter().for_each(|x| strings(x, out)),
        J::Obj(o) => o.iter().for_each(|(_, x)| strings(x, out)),
        _ => {}
    }
}

/// The text of js/request-schemas.mjs: every family's document, by family id, as JSON text in a
/// string (js/json-schema.mjs parses a family's on first use). A 238 KB object literal cost every
/// import of the package's main entry its parse (Node: ~5 ms more than the strings) and 5.4 KiB
/// more gzip; JSON.parse of one document when a schema is first asked for is ~1 ms. The documents
/// as people read them: docs/requests.md, and `requestJsonSchema(family)`.
pub fn module() -> String {
    let mut out = String::from(
        "// Generated from src/schema/ by src/schema/gen/json_schema.rs: do not edit; refresh with\n\
         // `KLING_BLESS=1 cargo test --test schema_generated` (a test fails while it is stale).\n\
         // The request JSON Schemas (draft 2020-12) requestJsonSchema (js/json-schema.mjs) hands out,\n\
         // each family's as JSON text (parsed on first use): it strips the \"x-kling-rule\" tags\n\
         // (keyword -> the rule(s) it mirrors), converts to draft-07 on request, and can drop the\n\
         // keywords of rules a caller turned down.\n\
         export const SCHEMA_TEXT = {\n",
    );
    for f in FAMILIES {
        let mut text = String::new();
        tree::write_compact(&document(f), &mut text);
        out.push_str("  ");
        crate::json::write_str(&mut out, f.endpoint.family());
        out.push_str(": ");
        crate::json::write_str(&mut out, &text);
        out.push_str(",\n");
    }
    out.push_str("};\n");
    out
}
