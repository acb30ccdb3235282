//! docs/requests.md, from the family tables: each request's fields at every depth (JSON type,
//! required, values and limits, rule, source, when the API reads it), and the values each model
//! takes where the capability map narrows a field (`Field.narrow`, read from `crate::caps`).

use super::rules_md::cell;
use super::sections::Sections;
use crate::caps::{self, ModelCaps, Scope};
use crate::schema::{Family, Field, Narrow, Rule, Type, FAMILIES};

/// Where the generated file lives.
pub const PATH: &str = "docs/requests.md";

/// The text of docs/requests.md; an error when a field cites a section kling-api.md does not have.
pub fn generate(sections: &Sections) -> Result<String, String> {
    let mut o = String::from(
        "# Request fields\n\n\
         <!-- Generated from the family tables in src/schema/ and the capability map (src/caps.rs) by \
         `KLING_BLESS=1 cargo test --test schema_generated`; edit those, not this file. -->\n\n\
         The fields of each request body, at every depth (`list[].field` is a field of each item, \
         `object.field` one of an object). Lengths count Unicode code points. A field not listed is an error \
         (rule `GEN-UNKNOWN`). \"Read when\": the API ignores the field otherwise, and the body leaves it out \
         with a warning. `null` for an optional field is the same as leaving it out: the checks read it as \
         not given, and the body does not send it. Where a field's values depend on the model, \"Per model\" lists them. \
         The rules are in [rules.md](rules.md); sections (§) link into [kling-api.md](kling-api.md).\n",
    );
    for f in FAMILIES.iter() {
        family(&mut o, sections, f)?;
    }
    Ok(o)
}

fn family(o: &mut String, sections: &Sections, f: &Family) -> Result<(), String> {
    o.push_str(&format!("\n## {}\n\n`{}`: `POST {}`, {}.\n\n", f.endpoint.family(), f.type_name, f.endpoint.path(), sections.link(f.src)?));
    o.push_str("| Field | Type | Required | Values and limits | Rule | Source | Read when | Notes |\n|---|---|---|---|---|---|---|---|\n");
    let mut narrowed = Vec::new();
    rows(o, sections, f, f.fields, "", &mut narrowed)?;
    if !narrowed.is_empty() {
        per_model(o, f, &narrowed);
        if narrowed.iter().any(|n| n.narrow == Narrow::Durations) {
            duration_rules(o, sections, f)?;
        }
    }
    Ok(())
}

/// The family's rules that narrow a model's durations by what else the request holds (the
/// per-model table gives each model's full range): those whose summary opens "<model> durations",
/// read from the registry, so the note names them as `rules.md` does.
fn duration_rules(o: &mut String, sections: &Sections, f: &Family) -> Result<(), String> {
    let models = caps::models_for(f.endpoint);
    let rules: Vec<&Rule> = f.rules.iter().filter(|r| models.iter().any(|m| r.summary.starts_with(&format!("{m} durations")))).collect();
    if rules.is_empty() {
        return Ok(());
    }
    o.push_str("\nThe durations above are each model's full range; cross-field rules ([rules.md](rules.md)) narrow them by what else the request holds:\n\n");
    for r in rules {
        o.push_str(&format!("- `{}`: {}\n", r.id, sections.link(r.summary)?));
    }
    Ok(())
}

/// One row per field, then the fields of its object (or its list's object items).
fn rows(o: &mut String, sections: &Sections, f: &Family, fields: &[Field], prefix: &str, narrowed: &mut Vec<Field>) -> Result<(), String> {
    for field in fields {
        let path = format!("{prefix}{}", field.name);
        let (ty, mut limits) = describe(&field.ty, f);
        if field.narrow != Narrow::No {
            narrowed.push(*field);
            limits.push_str(if limits.is_empty() { "per model (below)" } else { "; per model (below)" });
        }
        let at = |e: String| format!("{}/{path}: {e}", f.type_name);
        o.push_str(&format!(
            "| `{path}` | {ty} | {} | {} | `{}` | {} | {} | {} |\n",
            if field.required { "yes" } else { "" },
            cell(&limits),
            field.rule,
            sections.link(field.src).map_err(at)?,
            cell(field.when),
            cell(&sections.link(field.doc).map_err(at)?),
        ));
        if let Some(inner) = field.ty.object_fields() {
            let sep = if matches!(field.ty, Type::List { .. }) { "[]." } else { "." };
            rows(o, sections, f, inner, &format!("{path}{sep}"), narrowed)?;
        }
    }
    Ok(())
}

/// A field's JSON type and what it allows.
fn describe(ty: &Type, f: &Family) -> (String, String) {
    let quoted = |v: &[&str]| v.iter().map(|s| format!("`\"{s}\"`")).collect::<Vec<_>>().join(", ");
    match *ty {
        Type::Str { max, non_empty } => {
            let mut l = Vec::new();
            if max > 0 {
                l.push(format!("≤ {max} characters"));
            }
            if non_empty {
                l.push("not empty".to_string());
            }
            ("string".into(), l.join(", "))
        }
        Type::Enum(values) => ("string".into(), quoted(values)),
        Type::Model => ("string".into(), quoted(&caps::models_for(f.endpoint))),
        Type::Bool => ("boolean".into(), String::new()),
        Type::Float { min, max } => ("number".into(), format!("{min} … {max}")),
        Type::Int { min, max } if min == i64::MIN && max == i64::MAX => ("integer".into(), String::new()),
        Type::Int { min, max } => ("integer".into(), format!("{min} … {max}")),
        Type::Duration => ("string of digits, or integer".into(), "whole seconds; sent as a string".into()),
        Type::ShotDuration => ("string of digits, or integer".into(), "whole seconds, 1 … the request's duration".into()),
        Type::ElementId => ("string of digits, integer or BigInt".into(), "int64, kept to the digit".into()),
        Type::Image => ("string".into(), "http(s) URL or raw base64 (no `data:` prefix)".into()),
        Type::Url => ("string".into(), "absolute http(s) URL".into()),
        Type::Object(_) => ("object".into(), "the fields below".into()),
        Type::List { item, min, max } => {
            let of = match item {
                Type::Object(_) => "objects".to_string(),
                t => describe(t, f).0,
            };
            let count = match (min, max) {
                (0, usize::MAX) => String::new(),
                (0, 1) => "≤ 1 item".into(),
                (0, max) => format!("≤ {max} items"),
                (min, max) => format!("{min}–{max} items"),
            };
            (format!("array of {of}"), count)
        }
    }
}

/// The values each of the family's models takes, for every narrowed field.
fn per_model(o: &mut String, f: &Family, narrowed: &[Field]) {
    o.push_str(&format!("\n### {}: per model\n\n| Model |", f.endpoint.family()));
    for field in narrowed {
        o.push_str(&format!(" `{}` |", field.name));
    }
    o.push_str("\n|---|");
    o.push_str(&"---|".repeat(narrowed.len()));
    o.push('\n');
    for name in caps::models_for(f.endpoint) {
        let Some(m) = caps::model(name) else { continue };
        o.push_str(&format!("| `{name}` |"));
        for field in narrowed {
            o.push_str(&format!(" {} |", model_values(field, m)));
        }
        o.push('\n');
    }
}

/// What `model` takes for a narrowed field, as the checks see it (`Narrow::allows`), with the
/// mode or duration a feature is limited to.
fn model_values(field: &Field, m: &ModelCaps) -> String {
    match field.narrow {
        Narrow::Durations if m.durations.is_empty() => "—".into(),
        Narrow::Durations => seconds(m.durations),
        Narrow::Modes if m.modes.is_empty() => "fixed (ignored)".into(),
        _ => {
            let values: Vec<String> = field.values().iter().filter(|v| field.narrow.allows(m, v)).map(|v| format!("`{v}`{}", scope_of(field, m, v))).collect();
            if values.is_empty() {
                "—".into()
            } else {
                values.join(", ")
            }
        }
    }
}

/// " (pro only)" where sound "on" works only in some modes or durations.
fn scope_of(field: &Field, m: &ModelCaps, value: &str) -> String {
    let scope: Option<Scope> = match (field.narrow, value) {
        (Narrow::Sound, "on") => m.sound,
        _ => None,
    };
    let Some(s) = scope.filter(|s| *s != Scope::ANY) else { return String::new() };
    let mut parts: Vec<String> = s.modes.iter().map(|m| m.to_string()).collect();
    if !s.durations.is_empty() {
        parts.push(seconds(s.durations));
    }
    format!(" ({} only)", parts.join(", "))
}

/// Durations, runs of whole seconds as ranges: [3, 4, …, 15] -> "3–15 s", [5, 10] -> "5, 10 s".
fn seconds(d: &[u32]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let mut j = i;
        while j + 1 < d.len() && d[j + 1] == d[j] + 1 {
            j += 1;
        }
        runs.push(if j >= i + 2 { format!("{}–{}", d[i], d[j]) } else { d[i..=j].iter().map(u32::to_string).collect::<Vec<_>>().join(", ") });
        i = j + 1;
    }
    format!("{} s", runs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_ranges() {
        assert_eq!(seconds(&[3, 4, 5, 6, 7, 8, 9, 10]), "3–10 s");
        assert_eq!(seconds(&[5, 10]), "5, 10 s");
        assert_eq!(seconds(&[1, 2, 5, 6, 7]), "1, 2, 5–7 s");
    }

    #[test]
    fn the_duration_note_names_the_cross_field_duration_rules() {
        let sections = Sections::load().unwrap();
        let note = |f: &Family| {
            let mut o = String::new();
            duration_rules(&mut o, &sections, f).unwrap();
            o
        };
        let omni = note(&crate::schema::omni_video::FAMILY);
        let ids: Vec<&str> = omni.lines().filter_map(|l| l.strip_prefix("- `")?.split('`').next()).collect();
        assert_eq!(ids, ["OV-18", "OV-19"], "{omni}");
        assert!(omni.contains("5 or 10 s"), "{omni}");
        // text2video and image2video: the per-model table is the whole story (TV-2, IV-8).
        assert_eq!(note(&crate::schema::text_to_video::FAMILY), "");
        assert_eq!(note(&crate::schema::image_to_video::FAMILY), "");
    }
}
