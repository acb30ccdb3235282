//! The files generated from the schema tables (src/schema/gen/) are the committed ones: each test
//! compares one with a fresh run (`KLING_BLESS=1 cargo test --test schema_generated` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

/// js/request-schemas.mjs: requestJsonSchema's draft 2020-12 documents.
#[test]
fn request_json_schemas_are_current() {
    use kling_wasm::schema::gen::{check_or_bless, json_schema};
    if let Err(e) = check_or_bless(json_schema::MODULE_PATH, &json_schema::module()) {
        panic!("{e}");
    }
}
