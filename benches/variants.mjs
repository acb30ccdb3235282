//! Study (not one of the six benchmarks; `npm run bench -- variants`): how the optimisation levels
//! trade size for speed. Builds the crate at rustc opt-level "z", "s" and 3 (custom cargo
//! profiles through environment variables, benches/lib/variant.mjs: Cargo.toml is not touched),
//! each followed by wasm-opt at the matching level, at -O1, or not at all, then times
//! buildOmniVideoBody of every variant side by side and shows the code size by crate.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compareSync, fmtBytes, fmtTime } from "./lib/measure.mjs";
import { omniVideoRequest } from "./lib/request.mjs";
import { buildVariant, loadVariant } from "./lib/variant.mjs";
import { byCrate, wasmSizes } from "./lib/wasm-sizes.mjs";
import { compressed } from "./size.mjs";

export const title = "Study: optimisation level, size and speed";

export async function run({ lib, pkgDir }) {
  const variants = [
    ["shipped (release package: opt-level z, wasm-opt -O1)", pkgDir, lib, join(pkgDir, "kling_wasm_bg.wasm")],
  ];
  // -O0 = wasm-bindgen's output as it is (names stripped); -O1 makes the smallest gzip here.
  for (const [opt, wasmOpt] of [["z", "-Oz"], ["z", "-O1"], ["z", "-O0"], ["s", "-Os"], ["s", "-O1"], ["3", "-O3"]]) {
    const dir = buildVariant(opt, wasmOpt);
    variants.push([`opt-level ${opt} + wasm-opt ${wasmOpt === "-O0" ? "none" : wasmOpt}`, dir, await loadVariant(dir), join(dir, "kling_wasm_bg.wasm")]);
  }
  const req = omniVideoRequest();
  const cases = Object.fromEntries(variants.map(([name, , l]) => [name, () => l.buildOmniVideoBody(req)]));
  const r = compareSync(cases, { rounds: 31 });
  const first = variants[0][0];
  const rows = variants.map(([name, , , file]) => {
    const c = compressed(readFileSync(file));
    return [name, fmtBytes(c.raw), fmtBytes(c.gzip), fmtBytes(c.brotli), fmtTime(r[name].median), `${r.ratio(name, first).toFixed(2)}×`];
  });
  // Code size per crate, from the opt-level z variant's names.
  const named = wasmSizes(join(buildVariant("z", "-Oz"), "kling_wasm_bg.names.wasm"));
  const code = named.functions.reduce((a, f) => a + f.size, 0);
  const crates = byCrate(named.functions).slice(0, 12).map(([c, n]) => `${c} ${fmtBytes(n)} (${((100 * n) / code).toFixed(0)}%)`);
  const biggest = [...named.functions].sort((a, b) => b.size - a.size).slice(0, 8).map((f) => `${f.name.replace(/::h[0-9a-f]{16}$/, "")} ${fmtBytes(f.size)}`);
  const data = named.sections.find((s) => s.name === "data");
  return {
    title,
    headers: ["variant", "wasm raw", "gzip", "brotli", "buildOmniVideoBody", "÷ shipped"],
    rows,
    notes: [
      `Code section ${fmtBytes(code)} (opt-level z, -Oz), data section ${fmtBytes(data?.size ?? 0)}. Code by crate: ${crates.join(", ")}.`,
      `Largest functions: ${biggest.join("; ")}.`,
    ],
    targets: [],
  };
}
