//! The files generated from the schema tables are fresh: each test regenerates one and compares it
//! with the committed copy (`KLING_BLESS=1 cargo test --test schema_generated` rewrites them).
//! Also: every kling-api.md section the sources cite is a heading there, so the links resolve.
//! Native only: the generators are not compiled into the wasm.
#![cfg(not(target_arch = "wasm32"))]

use kling_wasm::schema::gen::{check_or_bless, repo_path, requests_md, rules_md, sections, ts};

/// docs/rules.md: every rule id, its default, summary, linked source and §12 stance.
#[test]
fn docs_rules_md_is_fresh() {
    let s = sections::Sections::load().unwrap();
    check_or_bless(rules_md::PATH, &rules_md::generate(&s).unwrap()).unwrap();
}

/// docs/requests.md: each family's fields, narrowed per model from the capability map.
#[test]
fn docs_requests_md_is_fresh() {
    let s = sections::Sections::load().unwrap();
    check_or_bless(requests_md::PATH, &requests_md::generate(&s).unwrap()).unwrap();
}

/// Every `§x.y` in src/**/*.rs (comments, table sources, messages) names a numbered heading of
/// docs/kling-api.md, so a reader (and the generated docs' links) finds it.
#[test]
fn every_section_cited_in_src_is_a_heading_of_kling_api_md() {
    let s = sections::Sections::load().unwrap();
    let mut files = Vec::new();
    rust_files(&repo_path("src"), &mut files);
    assert!(files.len() > 20, "src/ was walked");
    let mut missing = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for c in sections::cites(line) {
                if s.anchor(c.number).is_none() {
                    missing.push(format!("{}:{}: §{}", file.display(), n + 1, c.number));
                }
            }
        }
    }
    assert!(missing.is_empty(), "sections that are not headings of {}:\n{}", sections::API_MD, missing.join("\n"));
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `capabilities()` returns this file's text (src/bindings/validate.rs embeds it).
#[test]
fn capabilities_json_is_current() {
    let text = format!("{}\n", kling_wasm::schema::capabilities::to_json());
    check_or_bless("src/schema/capabilities.json", &text).unwrap();
}

/// src/schema/rule_ids.txt: every registered rule id, one a line (the wasm's `options.rules`
/// check reads it instead of the registry's rows: `schema::is_rule_id`).
#[test]
fn rule_ids_txt_is_current() {
    let text: String = kling_wasm::schema::all_rules().map(|r| format!("{}\n", r.id)).collect();
    check_or_bless("src/schema/rule_ids.txt", &text).unwrap();
    for r in kling_wasm::schema::all_rules() {
        assert!(kling_wasm::schema::is_rule_id(r.id), "{}", r.id);
    }
    for not in ["", "OV", "ov-9", "OV-9 ", "GEN-JSON\nGEN-TYPE"] {
        assert!(!kling_wasm::schema::is_rule_id(not), "{not:?}");
    }
}

/// src/bindings/generated/requests.d.ts: the request types of the package's typings (literal
/// unions from the tables; bindings/types.rs includes the file).
#[test]
fn typescript_request_types_are_fresh() {
    let text = ts::generate();
    // No empty alias (the model-less families once got `export type CustomVoiceModel = ;`).
    assert!(!text.contains("= ;"), "an empty type alias in the generated typings");
    check_or_bless(ts::PATH, &text).unwrap();
    check_or_bless(ts::VOCABULARY_PATH, &ts::vocabulary()).unwrap();
}

/// js/request-schemas.mjs: requestJsonSchema's draft 2020-12 documents.
#[test]
fn request_json_schemas_are_current() {
    check_or_bless(kling_wasm::schema::gen::json_schema::MODULE_PATH, &kling_wasm::schema::gen::json_schema::module()).unwrap();
}

/// js/ready-messages.mjs: the not_ready / load_failed messages the package's JS reports before
/// the wasm is loaded, copied from src/messages.
#[test]
fn ready_messages_are_current() {
    check_or_bless(kling_wasm::schema::gen::ready_messages::PATH, &kling_wasm::schema::gen::ready_messages::generate()).unwrap();
}

/// js/standard-schema-data.mjs: the rule ids and the dependentFields map standard-schema.js reads.
#[test]
fn standard_schema_data_is_current() {
    use kling_wasm::schema::gen::dependents;
    check_or_bless(dependents::MODULE_PATH, &dependents::module()).unwrap();
}
