//! docs/rules.md, from the rule registry: every rule id with its default level, what it checks and
//! its kling-api.md section (linked), then the disputed rules with their stance and override.

use super::sections::Sections;
use crate::schema::{registry, Family, Rule, FAMILIES};

/// Where the generated file lives.
pub const PATH: &str = "docs/rules.md";

/// The text of docs/rules.md; an error when a rule cites a section kling-api.md does not have.
pub fn generate(sections: &Sections) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(
        "# Validation rules\n\n\
         <!-- Generated from src/schema/ (registry.rs and the family tables) by \
         `KLING_BLESS=1 cargo test --test schema_generated`; edit those, not this file. -->\n\n\
         Every issue names the rule that found it (`issue.rule`). Each rule has a default level; \
         `options.rules` of `validate*`, `validateAndBuild*` and `build*` changes it per call: `\"error\"`, `\"warning\"` (reported, and the body is still built) or `\"off\"` (not reported), \
         e.g. `validateImageToVideo(req, { rules: { \"IV-6\": \"off\" } })`. \
         \"error or warning\" means the level depends on the case (the summary says which). \
         Sections (§) link into [kling-api.md](kling-api.md), the API reference the rules come from; \
         [requests.md](requests.md) lists each request's fields.\n\n",
    );
    o.push_str("## General rules (every family)\n\n");
    table(&mut o, sections, registry::GENERAL)?;
    for f in FAMILIES.iter() {
        o.push_str(&format!("\n## {} (`POST {}`)\n\n", f.endpoint.family(), f.endpoint.path()));
        table(&mut o, sections, f.rules)?;
    }
    o.push_str("\n## Client calls (`KlingClient`, checked before sending)\n\n");
    table(&mut o, sections, registry::CLIENT)?;
    disputed(&mut o, sections, &FAMILIES)?;
    Ok(o)
}

fn table(o: &mut String, sections: &Sections, rules: &[Rule]) -> Result<(), String> {
    o.push_str("| Rule | Default | Checks | Source |\n|---|---|---|---|\n");
    for r in rules {
        let disputed = if r.disputed.is_empty() { "" } else { " (disputed, [below](#where-the-sources-disagree))" };
        o.push_str(&format!(
            "| `{}` | {} | {}{disputed} | {} |\n",
            r.id,
            r.level.as_str(),
            cell(&sections.link(r.summary)?),
            sections.link(r.src).map_err(|e| format!("rule {}: {e}", r.id))?
        ));
    }
    Ok(())
}

/// The §12 rules: what the default does, and the call that changes it.
fn disputed(o: &mut String, sections: &Sections, families: &[&Family]) -> Result<(), String> {
    o.push_str(&format!(
        "\n## Where the sources disagree\n\n\
         Where the sources disagree ({}) the suggested client stance is the default; \
         `options.rules` changes it. The source keys in the stances \
         (S1, S2, S3, T2 …) are listed in {}.\n\n\
         | Rule | Default | Stance | Override |\n|---|---|---|---|\n",
        sections.link("§12")?,
        sections.link("§0.2")?
    ));
    let all = registry::GENERAL.iter().chain(families.iter().flat_map(|f| f.rules.iter()));
    for r in all.filter(|r| !r.disputed.is_empty()) {
        // An error by default: "off" lets the request through; a warning by default: "error" refuses it.
        let (to, effect) = match r.level {
            registry::RuleLevel::Warning => ("error", "refuses it"),
            _ => ("off", "sends it without an issue (`\"warning\"`: with one)"),
        };
        o.push_str(&format!(
            "| `{}` | {} | {} | `{{ rules: {{ \"{}\": \"{to}\" }} }}` {effect} |\n",
            r.id,
            r.level.as_str(),
            cell(&sections.link(r.disputed)?),
            r.id
        ));
    }
    Ok(())
}

/// Text made safe for a table cell: `|` escaped, prompt references (`<<<image_1>>>`) as code so
/// they are not read as HTML.
pub fn cell(text: &str) -> String {
    let text = text.replace('|', "\\|");
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<<<") {
        let Some(len) = rest[start..].find(">>>").map(|n| n + 3) else { break };
        let quoted = rest[..start].ends_with('`');
        out.push_str(&rest[..start]);
        if quoted {
            out.push_str(&rest[start..start + len]);
        } else {
            out.push('`');
            out.push_str(&rest[start..start + len]);
            out.push('`');
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_and_quote_references() {
        assert_eq!(cell("a | b <<<voice_1>>> and `<<<image_1>>>`"), "a \\| b `<<<voice_1>>>` and `<<<image_1>>>`");
    }
}
