#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing, on a machine that has only
# rust (rustup), node and npm: the wasm32 target and the rustfmt, clippy and rust-src
# components, wasm-pack, wasm-bindgen-cli pinned to the wasm-bindgen version in Cargo.lock, the
# npm dev packages, and Debian's chromium, chromium-driver, ffmpeg, nginx and redis-server.
# Idempotent; a second run only checks and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# Rust: the toolchain and target pinned in rust-toolchain.toml.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the toolchain of rust-toolchain.toml and the wasm32 target"
  rustup toolchain install 2>/dev/null || true
  rustup target add wasm32-unknown-unknown
fi

# rustfmt and clippy for the lint layer (rust-toolchain.toml lists them; older rustups may not
# add listed components to a toolchain that is already installed).
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  say "adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi

# rust-src: release builds rebuild std for the wasm modules (-Z build-std, scripts/build.mjs).
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  say "adding rust-src"
  rustup component add rust-src
fi

if ! have wasm-pack; then
  say "installing wasm-pack (cargo install, ~90 s)"
  cargo install wasm-pack --locked
fi

# wasm-bindgen-cli must be the exact version the crate links, or wasm-pack builds its own.
[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have_version=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ -z "$want" ]; then
  say "no wasm-bindgen in Cargo.lock" >&2
  exit 1
elif [ "$have_version" != "$want" ] || ! have wasm-bindgen-test-runner; then
  say "installing wasm-bindgen-cli $want (cargo install, ~150 s; found '${have_version:-none}')"
  # Not --locked: a dependency version pinned in its lock file is missing from the registry.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm dev packages: again whenever package-lock.json is newer than the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  # The registry here lacks some optional platform packages (workerd's darwin/windows builds),
  # so the lock file cannot list them and `npm ci` calls it out of sync; `npm install` still
  # installs exactly the locked versions.
  if ! npm ci --no-audit --no-fund --loglevel=silent; then
    say "npm ci refused the lock file; npm install instead"
    npm install --no-audit --no-fund --loglevel=error
  fi
fi

# Debian packages: the headless browser and its driver (browser tests, screenshots), ffmpeg
# (media fixtures), nginx (a real peer in the proxy tests), redis-server (the Redis store's
# tests), and a CJK font so the Chinese screenshots show text rather than boxes.
missing=()
have chromium || missing+=(chromium)
have chromedriver || missing+=(chromium-driver)
have ffmpeg || missing+=(ffmpeg)
# nginx: a real reverse proxy in front of the Node adapter (tests/js/proxy-nginx.test.mjs, which
# starts it on 127.0.0.1).
have nginx || [ -x /usr/sbin/nginx ] || missing+=(nginx)
# redis-server: the Redis store's tests (tests/js/*redis*.test.mjs) start one on 127.0.0.1 with a
# free port and no persistence, and stop it.
have redis-server || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

say "ok (rust $(rustc --version | awk '{ print $2 }'), wasm-pack $(wasm-pack --version | awk '{ print $2 }'), wasm-bindgen $want, node $(node --version))"
