#!/usr/bin/env bash
# The lint layer of `npm test`: the crate (and the fuzz crate) formatted as rustfmt.toml says, and
# no clippy warning natively (library, tests), in any of the three wasm modules' feature sets
# (each compiles code the others do not) or in the wasm-only tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
(cd fuzz && cargo fmt --check)
cargo clippy --all-targets --quiet -- -D warnings
for feature in bind-api bind-media bind-proxy; do
  cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features "$feature" -- -D warnings
done
# The wasm-only tests (wasm-bindgen-test, run by the wasm layer) compiled and linted here too, so a
# change of an export's Rust signature fails at lint time rather than a layer later.
cargo clippy --quiet --target wasm32-unknown-unknown --test wasm_node -- -D warnings
echo "lint: cargo fmt and clippy clean (native, bind-api, bind-media, bind-proxy and the wasm tests)"
