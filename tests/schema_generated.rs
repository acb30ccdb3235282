//! The files generated from the schema tables are up to date: each test regenerates one and
//! compares it with the committed copy. `KLING_BLESS=1 cargo test --test schema_generated`
//! rewrites them.

use kling_wasm::schema::gen::check_or_bless;

/// `capabilities()` returns this file's text (src/bindings/validate.rs embeds it).
#[test]
fn capabilities_json_is_current() {
    let text = format!("{}\n", kling_wasm::schema::capabilities::to_json());
    check_or_bless("src/schema/capabilities.json", &text).unwrap();
}
