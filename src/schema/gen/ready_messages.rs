//! js/ready-messages.mjs: the message templates of the issues the package's JS reports before the
//! wasm is loaded (`not_ready`, `load_failed`, rule GEN-READY; js/ready.mjs). The wasm is not there
//! to render them then, so they are copied out of src/messages into JS here, and
//! tests/schema_generated.rs fails when the copy is stale.

use crate::issue::{Code, Locale};
use crate::messages::template;
use crate::rules::ids;
use std::fmt::Write;

/// The generated file, relative to the repository root.
pub const PATH: &str = "js/ready-messages.mjs";

/// The module's text: the rule id, and per code its template in each language.
pub fn generate() -> String {
    let mut o = String::from(
        "// Generated from src/messages by tests/schema_generated.rs (KLING_BLESS=1 cargo test --test schema_generated).\n\
         // The issues js/ready.mjs reports while the wasm is not loaded; `{reason}` takes the load error.\n\n",
    );
    let _ = writeln!(o, "export const RULE = {};", quote(ids::READY));
    for (name, code) in [("NOT_READY", Code::NotReady), ("LOAD_FAILED", Code::LoadFailed)] {
        let _ = writeln!(
            o,
            "export const {name} = {{ code: {}, en: {}, zh: {} }};",
            quote(code.as_str()),
            quote(template(code, Locale::En)),
            quote(template(code, Locale::Zh))
        );
    }
    o
}

fn quote(s: &str) -> String {
    let mut out = String::new();
    crate::json::write_str(&mut out, s);
    out
}
