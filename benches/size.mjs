//! Benchmark 2: package size — the .wasm raw / gzip / brotli, the JS glue, and the whole import
//! as a bundler sees it (esbuild, minified ESM: everything imported, and only validateOmniVideo
//! imported, which shows what tree-shaking can and cannot remove: the .wasm is one unit).

import { readdirSync, readFileSync, statSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fmtBytes } from "./lib/measure.mjs";

export const title = "2. Package size";

/** gzip -9 and brotli -11 sizes, as a CDN would serve them. */
export function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

async function bundle(pkgDir, entrySource) {
  const dir = mkdtempSync(join(tmpdir(), "kling-bundle-"));
  try {
    writeFileSync(join(dir, "entry.mjs"), entrySource.replaceAll("PKG", join(pkgDir, "index.js")));
    const out = await build({ entryPoints: [join(dir, "entry.mjs")], bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
    return Buffer.from(out.outputFiles[0].contents);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ pkgDir }) {
  const wasm = compressed(readFileSync(join(pkgDir, "kling_wasm_bg.wasm")));
  const jsFiles = filesUnder(pkgDir).filter((f) => f.endsWith(".js"));
  const glue = compressed(Buffer.concat(jsFiles.map((f) => readFileSync(f))));
  const dts = filesUnder(pkgDir).filter((f) => f.endsWith(".d.ts")).reduce((a, f) => a + statSync(f).size, 0);
  const all = await bundle(pkgDir, `import * as kling from "PKG"; globalThis.kling = kling;`);
  const one = await bundle(pkgDir, `import init, { validateOmniVideo } from "PKG"; globalThis.k = [init, validateOmniVideo];`);
  const allC = compressed(all);
  const oneC = compressed(one);
  const kib = (n) => fmtBytes(n);
  const row = (name, c) => [name, kib(c.raw), kib(c.gzip), kib(c.brotli)];
  const gzipKiB = wasm.gzip / 1024;
  return {
    title,
    headers: ["what", "raw", "gzip -9", "brotli -11"],
    rows: [
      row("kling_wasm_bg.wasm (release, wasm-opt -Oz)", wasm),
      row(`JS glue: ${jsFiles.length} .js files (${jsFiles.map((f) => relative(pkgDir, f)).filter((f) => !f.startsWith("snippets")).join(", ")} + snippets)`, glue),
      row("esbuild bundle, `import * as kling` (minified JS)", allC),
      row("esbuild bundle, only `validateOmniVideo` imported (minified JS)", oneC),
      ["whole import as a bundler ships it: bundle + .wasm", kib(allC.raw + wasm.raw), kib(allC.gzip + wasm.gzip), kib(allC.brotli + wasm.brotli)],
    ],
    notes: [`TypeScript declarations: ${kib(dts)} (not shipped to browsers).`, "KiB = 1024 bytes; the budgets are read as KiB."],
    targets: [{ target: "wasm ≤ 100 KiB gzipped", met: gzipKiB <= 100, figure: `${gzipKiB.toFixed(1)} KiB gzip` }],
    data: { wasm, glue, bundleAll: allC, bundleOne: oneC },
  };
}
