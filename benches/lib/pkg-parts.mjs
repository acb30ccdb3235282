//! Pieces of a built package the benchmarks time on their own: the JS replacer stringify that
//! every object entry point runs before crossing into wasm (src/bindings/to-json.js, copied by
//! wasm-bindgen under snippets/), and the Standard Schema's copy walk (standard-schema-value.js).

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The path of a snippet file (e.g. "src/bindings/to-json.js") inside a built package. */
export function snippetPath(pkgDir, rel) {
  const root = join(pkgDir, "snippets");
  for (const dir of existsSync(root) ? readdirSync(root) : []) {
    const file = join(root, dir, rel);
    if (existsSync(file)) return file;
  }
  throw new Error(`${rel} not found under ${root}`);
}

/** The package's own `toJsonText(value)`. */
export async function toJsonTextOf(pkgDir) {
  const mod = await import(pathToFileURL(snippetPath(pkgDir, "src/bindings/to-json.js")).href);
  return mod.toJsonText;
}

/** The package's Standard Schema copy walk, `snapshot(value)`, or null for a package made before it. */
export async function snapshotOf(pkgDir) {
  const file = join(pkgDir, "standard-schema-value.js");
  return existsSync(file) ? (await import(pathToFileURL(file).href)).snapshot : null;
}
