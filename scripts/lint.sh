#!/usr/bin/env bash
# The lint layer of `npm test`: the crate (and the fuzz crate) formatted as rustfmt.toml says, and
# no clippy warning natively (library, tests) or in any of the three wasm modules' feature sets
# (each compiles code the others do not).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
(cd fuzz && cargo fmt --check)
cargo clippy --all-targets --quiet -- -D warnings
for feature in bind-api bind-media bind-proxy; do
  cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features "$feature" -- -D warnings
done
echo "lint: cargo fmt and clippy clean (native and bind-api, bind-media, bind-proxy)"
