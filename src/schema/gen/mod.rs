//! Generators that turn the tables into files (TypeScript declarations, JSON Schema, docs):
//! native only, run by tests that compare the committed files with a fresh run (DESIGN.md: generate
//! at test time, never ship a generator in the wasm).

pub mod dependents;
pub mod json_schema;
pub mod ready_messages;
pub mod requests_md;
pub mod rules_md;
pub mod sections;
pub mod ts;

use std::path::{Path, PathBuf};

/// A path under the repository root.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Compares the committed file `rel` with `generated`. With `KLING_BLESS=1` in the environment
/// it writes the file instead. Returns an error naming the stale file and the command that
/// refreshes it.
pub fn check_or_bless(rel: &str, generated: &str) -> Result<(), String> {
    let path = repo_path(rel);
    if std::env::var("KLING_BLESS").as_deref() == Ok("1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        return std::fs::write(&path, generated).map_err(|e| format!("{}: {e}", path.display()));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == generated {
        return Ok(());
    }
    let line = committed.lines().zip(generated.lines()).position(|(a, b)| a != b).unwrap_or(committed.lines().count().min(generated.lines().count()));
    Err(format!(
        "{rel} is out of date with the schema tables (first difference at line {}); run `KLING_BLESS=1 cargo test --test schema_generated` and commit it",
        line + 1
    ))
}
