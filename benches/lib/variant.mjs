//! Builds variants of the package for the speed/size trade-off study and for profiles with
//! function names, WITHOUT touching Cargo.toml or the shipped profile: each variant is a custom
//! cargo profile defined through environment variables (CARGO_PROFILE_<NAME>_INHERITS=release,
//! ..._OPT_LEVEL, ..._STRIP=false), so its artifacts live in their own directory under
//! target/wasm32-unknown-unknown/<name>/ and nobody else's build is disturbed.
//!
//! Each is the main module (Cargo feature bind-api), the one that validates and builds.
//! Output: target/bench-variants/<name>/ with kling_wasm.js, kling_wasm_bg.wasm (wasm-opt, names
//! stripped: the size a user would ship) and kling_wasm_bg.names.wasm (same code, names kept).
//!
//! CLI: `node benches/lib/variant.mjs z|s|3 [-Oz|-Os|-O3]`.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { ROOT, sourceHash } from "./release-pkg.mjs";

const FEATURES = [
  "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];
const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${join(ROOT, "node_modules/.bin")}:${process.env.PATH}` };
const run = (cmd, args, extraEnv = {}) => execFileSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...env, ...extraEnv } });

/**
 * opt: the rustc opt-level ("z", "s", "3"); wasmOpt: the wasm-opt level flag. A variant already
 * built from the same sources (stamped with their hash) is reused.
 */
export function buildVariant(opt, wasmOpt = opt === "3" ? "-O3" : `-O${opt}`) {
  const profile = `bench-o${opt}`;
  const dir = join(ROOT, "target", "bench-variants", `o${opt}${wasmOpt}`);
  const stamp = join(dir, ".source-hash");
  const hash = sourceHash();
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash) return dir;
  rmSync(stamp, { force: true });
  const P = `CARGO_PROFILE_${profile.toUpperCase().replace(/-/g, "_")}`;
  // The main module only (validate, build, client, signing), as scripts/build.mjs builds it.
  run("cargo", ["build", "--quiet", "--lib", "--target", "wasm32-unknown-unknown", "--profile", profile, "--no-default-features", "--features", "bind-api"], {
    [`${P}_INHERITS`]: "release",
    [`${P}_OPT_LEVEL`]: opt === "3" || opt === "2" ? Number(opt) : opt,
    [`${P}_STRIP`]: "false",
    [`${P}_DEBUG`]: "false",
  });
  mkdirSync(dir, { recursive: true });
  const raw = join(ROOT, "target", "wasm32-unknown-unknown", profile, "kling_wasm.wasm");
  run("wasm-bindgen", ["--target", "web", "--out-dir", dir, "--out-name", "kling_wasm", raw]);
  const bg = join(dir, "kling_wasm_bg.wasm");
  const named = join(dir, "kling_wasm_bg.names.wasm");
  run("wasm-opt", [wasmOpt, "-g", ...FEATURES, bg, "-o", named]);
  run("wasm-opt", ["--strip-debug", "--strip-producers", "--strip-target-features", ...FEATURES, named, "-o", bg]);
  // The KlingError snippet import resolves inside dir/snippets (wasm-bindgen copied it there).
  if (!existsSync(join(dir, "snippets"))) throw new Error(`variant ${dir}: no snippets/`);
  writeFileSync(stamp, `${hash}\n`);
  return dir;
}

/** Loads a variant's module (the wasm-bindgen JS, without the KlingError re-export). */
export async function loadVariant(dir, file = "kling_wasm_bg.wasm") {
  const lib = await import(pathToFileURL(join(dir, "kling_wasm.js")).href + `?v=${file}`);
  lib.initSync({ module: readFileSync(join(dir, file)) });
  return lib;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [opt = "z", wasmOpt] = process.argv.slice(2);
  console.log(buildVariant(opt, wasmOpt));
}
