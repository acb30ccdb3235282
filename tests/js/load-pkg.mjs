//! Loads the built package (pkg/, from scripts/build.mjs; KLING_PKG=pkg-release for another
//! build) the way a Node user does: import the package entry and initialise it from the .wasm
//! bytes. Shared by the package tests.

import { readFileSync } from "node:fs";

const dir = new URL(`../../${process.env.KLING_PKG ?? "pkg"}/`, import.meta.url);
const lib = await import(new URL("index.js", dir).href);
lib.initSync({ module: readFileSync(new URL("kling_wasm_bg.wasm", dir)) });

export default lib;

/** The names `export function` declares in the generated typings: every wasm export. */
export function declaredFunctions() {
  const dts = readFileSync(new URL("kling_wasm.d.ts", dir), "utf8");
  return [...dts.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
}

/** Field names of `export interface name { ... }` in the generated typings (required, optional). */
export function declaredFields(name) {
  const dts = readFileSync(new URL("kling_wasm.d.ts", dir), "utf8");
  const body = dts.match(new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)^\\}`, "m"));
  if (!body) throw new Error(`interface ${name} is not declared`);
  const fields = [...body[1].matchAll(/^ {4}(\w+)(\??):/gm)];
  return {
    required: fields.filter((f) => f[2] === "").map((f) => f[1]),
    optional: fields.filter((f) => f[2] === "?").map((f) => f[1]),
  };
}
