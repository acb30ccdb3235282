//! `dependentFields(family, field)`'s map, from the tables: the top-level fields whose issues can
//! change when a field changes. Two sources: each rule's `deps` (the field an issue sits at, and
//! the fields that decide it), and the capability map's narrowing (`Field::narrow`: the model
//! decides which values a field takes). Written with the rule ids (the options check of
//! `createRequestSchema`) to js/standard-schema-data.mjs; tests/dependent_fields.rs checks the map
//! against what validate() does.

use super::json_schema::{strs, write, J};
use crate::caps::{self, ModelCaps};
use crate::schema::{all_rules, registry::GENERAL, Family, Narrow, FAMILIES};

/// The committed module's path, from the repository root.
pub const MODULE_PATH: &str = "js/standard-schema-data.mjs";

/// For each field of `family` (in table order), the other fields whose issues can change when it
/// changes (in table order).
pub fn dependents(family: &Family) -> Vec<(&'static str, Vec<&'static str>)> {
    let names: Vec<&'static str> = family.fields.iter().map(|f| f.name).collect();
    let mut pairs: Vec<(&'static str, &'static str)> = Vec::new();
    let refs = [crate::rules::ids::REF, crate::rules::ids::REF_UNUSED];
    for rule in GENERAL.iter().filter(|r| family.prompt_refs || !refs.contains(&r.id)).chain(family.rules) {
        for (at, reads) in rule.deps {
            for read in reads.iter().filter(|r| names.contains(r) && names.contains(at)) {
                pairs.push((read, at));
            }
        }
    }
    // A field the models of the endpoint narrow differently: its values depend on the model.
    let models: Vec<&ModelCaps> = caps::models_for(family.endpoint).into_iter().filter_map(caps::model).collect();
    for f in family.fields.iter().filter(|f| f.narrow != Narrow::No) {
        let takes = |m: &ModelCaps| -> Vec<String> {
            match f.narrow {
                Narrow::Durations => m.durations.iter().map(u32::to_string).collect(),
                // A fixed-mode model takes none: it ignores the field.
                _ => f.values().iter().filter(|v| f.narrow.allows(m, v)).map(|v| (*v).to_owned()).collect(),
            }
        };
        if models.windows(2).any(|w| takes(w[0]) != takes(w[1])) {
            pairs.push(("model_name", f.name));
        }
    }
    names
        .iter()
        .map(|&changed| {
            let deps = names.iter().copied().filter(|&g| g != changed && pairs.contains(&(changed, g))).collect();
            (changed, deps)
        })
        .collect()
}

/// The text of js/standard-schema-data.mjs.
pub fn module() -> String {
    let mut out = String::from(
        "// Generated from src/schema/ by src/schema/gen/dependents.rs: do not edit; refresh with\n\
         // `KLING_BLESS=1 cargo test --test schema_generated` (a test fails while it is stale).\n\
         // What standard-schema.js reads from the tables: every registered rule id (the check of\n\
         // createRequestSchema's `rules`), and per family, for each field, the other fields whose\n\
         // issues can change when it changes (dependentFields).\n\
         export const RULE_IDS = ",
    );
    let ids: Vec<&str> = all_rules().map(|r| r.id).collect();
    write(&strs(&ids), 0, &mut out);
    out.push_str(";\n\nexport const DEPENDENTS = ");
    let families = FAMILIES
        .iter()
        .map(|f| (f.endpoint.family().to_owned(), J::Obj(dependents(f).into_iter().map(|(name, deps)| (name.to_owned(), strs(&deps))).collect())))
        .collect();
    write(&J::Obj(families), 0, &mut out);
    out.push_str(";\n");
    out
}
