#!/usr/bin/env bash
# The README test command (`npm test`): set-up, then every test layer in order. Stops at the
# first failing layer with its name; ends with a summary line.
#
# To add a layer, append one "name|command" line to STEPS (commands run from the repo root).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

STEPS=(
  "setup|bash scripts/setup.sh"
  "format and lints (cargo fmt --check; cargo clippy -D warnings: native, tests, each wasm module)|bash scripts/lint.sh"
  "native tests (cargo test)|cargo test --quiet"
  "wasm tests under node (wasm-pack test --node)|wasm-pack --log-level error test --node -- --test wasm_node"
  "package build (pkg/, dev profile)|node scripts/build.mjs"
  "package tests (node --test; the hostile-input suite runs on the release build below)|node --test tests/js/[!h]*.test.mjs"
  "type check (tsc --noEmit: with ESNext.Disposable, under a plain strict config, with exactOptionalPropertyTypes, and every README snippet)|tsc --noEmit -p tests/types && tsc --noEmit -p tests/types/tsconfig.plain.json && tsc --noEmit -p tests/types/tsconfig.exact.json && node tests/types/readme.mjs"
  "demo end to end (npm start servers; Chromium via playwright-core; screenshots in artifacts/)|node --test tests/e2e/"
  "release package build (pkg-release/: main, media, proxy modules, wasm-opt)|node scripts/build.mjs --release --out-dir pkg-release"
  "release package tests|KLING_PKG=pkg-release node --test tests/js/package.test.mjs tests/js/types.test.mjs tests/js/package-layout.test.mjs"
  "hostile JS input (16,000+ hostile values at every export, RELIABILITY.md; also npm run test:hostile)|KLING_PKG=pkg-release node --test tests/js/hostile-*.test.mjs"
  "soak (10,000 create + wait cycles, client -> proxy in workerd -> emulator, 20 % faults)|KLING_PKG=pkg-release node tests/soak/soak.mjs"
  "size budget (main .wasm <= 113 KiB gzip, target 80; media and proxy reported)|node scripts/size.mjs pkg-release --budget-kib 113"
  "packaging (npm pack -> Node ESM + tsc, plain ESM + CSP, Vite 5-8 dev/build, webpack, Rollup, esbuild and Next.js in Chromium, workerd, Deno, Bun)|KLING_PKG=pkg-release node tests/packaging/run.mjs"
  "examples (the packed package: three session set-ups in Chromium, examples/cloudflare-worker under wrangler dev)|KLING_PKG=pkg-release node tests/examples/run.mjs"
)

passed=0
started=$SECONDS
for step in "${STEPS[@]}"; do
  name=${step%%|*}
  cmd=${step#*|}
  printf '\n=== %s\n' "$name"
  t0=$SECONDS
  if ! bash -c "$cmd"; then
    printf '\nFAILED: %s\n  command: %s\n' "$name" "$cmd" >&2
    printf 'layers: %d passed, 1 failed\n' "$passed"
    exit 1
  fi
  passed=$((passed + 1))
  printf '=== %s: ok (%ds)\n' "$name" $((SECONDS - t0))
done
printf '\nall %d layers passed in %ds\n' "$passed" $((SECONDS - started))
printf 'layers: %d passed, 0 failed\n' "$passed"
