//! The release package (wasm-opt -Oz, what users install) for the benchmarks and the size-budget
//! test, built once per source state into its own directory, target/kling-release-pkg/ (not
//! pkg-release/, which `npm test` rebuilds and removes while it does: a benchmark or test reading
//! it then would fail at random). `.source-hash` there records a hash of everything the build
//! reads (src/, js/, Cargo.toml, Cargo.lock, rust-toolchain.toml, scripts/build.mjs and
//! scripts/pkg-files.mjs), and the package is rebuilt only when that hash changes. `flock` keeps two callers from building at once.
//!
//! CLI: `node benches/lib/release-pkg.mjs` ensures the package and prints its directory.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const INPUTS = ["src", "js", "Cargo.toml", "Cargo.lock", "rust-toolchain.toml", "scripts/build.mjs", "scripts/pkg-files.mjs"];
const LOCK = join(ROOT, "target", ".kling-release-pkg.lock");
export const RELEASE_DIR = "target/kling-release-pkg";

/** sha256 over the paths and bytes of every build input, in a stable order. */
export function sourceHash() {
  const h = createHash("sha256");
  const add = (rel) => {
    const abs = join(ROOT, rel);
    if (!existsSync(abs)) return;
    let entries = null;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      h.update(`${rel}\0`).update(readFileSync(abs));
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) add(join(rel, e.name));
  };
  INPUTS.forEach(add);
  return h.digest("hex");
}

const stampOf = (dir) => join(dir, ".source-hash");
const isFresh = (dir, hash) =>
  existsSync(join(dir, "kling_wasm_bg.wasm")) && existsSync(stampOf(dir)) && readFileSync(stampOf(dir), "utf8").trim() === hash;

/**
 * Returns the directory of a release package built from the current sources, building it
 * (about 20–90 s on 2 cores, depending on what cargo has cached) only when needed. `quiet`: the
 * build's output is kept back, and its last lines shown only if it fails.
 */
export function ensureReleasePkg({ outDir = RELEASE_DIR, quiet = false } = {}) {
  const dir = join(ROOT, outDir);
  const hash = sourceHash();
  if (isFresh(dir, hash)) return dir;
  // Under the lock: check again, build, then stamp (the old stamp goes first, so a failed build
  // leaves none).
  execFileSync("mkdir", ["-p", dirname(LOCK)]);
  const script = `
    import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
    import { execFileSync } from "node:child_process";
    const [dir, outDir, hash] = process.argv.slice(1);
    const stamp = dir + "/.source-hash";
    const fresh = existsSync(dir + "/kling_wasm_bg.wasm") && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash;
    if (!fresh) {
      rmSync(stamp, { force: true });
      execFileSync(process.execPath, ["scripts/build.mjs", "--release", "--out-dir", outDir], { stdio: ["ignore", 2, 2] });
      writeFileSync(stamp, hash + "\\n");
    }`;
  try {
    execFileSync("flock", ["-w", "900", LOCK, process.execPath, "--input-type=module", "-e", script, dir, outDir, hash], {
      cwd: ROOT,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const tail = String(e.stderr ?? "").trim().split("\n").slice(-15).join("\n");
    throw new Error(`the release build (node scripts/build.mjs --release --out-dir ${outDir}) failed${tail ? `:\n${tail}` : ""}`);
  }
  if (!isFresh(dir, hash)) throw new Error(`release package in ${outDir}/ was not built`);
  return dir;
}

/** Imports a built package as Node does (its "node" entry, which initialises the main module). */
export async function loadPkg(dir) {
  return import(pathToFileURL(join(dir, "index.node.js")).href);
}

/** The package's wasm modules: [{ name, file }] (main, media, proxy; scripts/pkg-files.mjs). */
export async function wasmModules(dir) {
  const { MODULES } = await import(pathToFileURL(join(ROOT, "scripts", "pkg-files.mjs")).href);
  return MODULES.map((m) => ({ name: m.name, dir: join(dir, m.dir), outName: m.outName, file: join(dir, m.dir, `${m.outName}_bg.wasm`) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureReleasePkg());
}

