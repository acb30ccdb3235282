//! Benchmark 2: package size. The package is three wasm modules (scripts/pkg-files.mjs): main
//! (validate, build, client, signing), media (probeImage / probeVideo from kling-wasm/media, its
//! .wasm fetched on the first probe) and proxy (createKlingProxy, server side). For each: the .wasm
//! raw / gzip / brotli and its JS glue; then what a bundler makes of typical imports (esbuild,
//! minified ESM, code splitting on), with the .wasm files each page loads.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fmtBytes } from "./lib/measure.mjs";
import { wasmModules } from "./lib/release-pkg.mjs";

export const title = "2. Package size";

/** gzip -9 and brotli -11 sizes, as a CDN would serve them. */
export function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const add = (...cs) => cs.reduce((a, c) => ({ raw: a.raw + c.raw, gzip: a.gzip + c.gzip, brotli: a.brotli + c.brotli }), { raw: 0, gzip: 0, brotli: 0 });

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Bundles `source` (PKG = the package directory); returns { initial, lazy } compressed sizes of the JS. */
async function bundle(pkgDir, source) {
  const dir = mkdtempSync(join(tmpdir(), "kling-bundle-"));
  try {
    writeFileSync(join(dir, "entry.mjs"), source.replaceAll("PKG", pkgDir));
    const out = await build({
      entryPoints: [join(dir, "entry.mjs")], bundle: true, minify: true, format: "esm", splitting: true,
      outdir: join(dir, "out"), platform: "browser", write: false, logLevel: "silent", metafile: true,
    });
    const files = out.outputFiles.filter((f) => f.path.endsWith(".js"));
    const entry = files.find((f) => f.path.endsWith("entry.js"));
    // Chunks the entry imports statically load with it; the others only on a dynamic import().
    const meta = out.metafile.outputs;
    const key = (f) => relative(process.cwd(), f.path);
    const staticOf = new Set((meta[key(entry)]?.imports ?? []).filter((i) => i.kind === "import-statement").map((i) => i.path));
    const initial = files.filter((f) => f === entry || staticOf.has(key(f)));
    const lazy = files.filter((f) => !initial.includes(f));
    const size = (list) => add(...list.map((f) => compressed(Buffer.from(f.contents))));
    return { initial: size(initial), lazy: size(lazy) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ pkgDir }) {
  const modules = await wasmModules(pkgDir);
  const wasm = Object.fromEntries(modules.map((m) => [m.name, compressed(readFileSync(m.file))]));
  const row = (name, c) => [name, fmtBytes(c.raw), fmtBytes(c.gzip), fmtBytes(c.brotli)];
  const rows = modules.map((m) => row(`${m.name}: ${relative(pkgDir, m.file)} (release, wasm-opt)`, wasm[m.name]));
  const js = filesUnder(pkgDir).filter((f) => /\.m?js$/.test(f));
  rows.push(row(`JS glue and entries, all ${js.length} .js files`, compressed(Buffer.concat(js.map((f) => readFileSync(f))))));

  const web = await bundle(pkgDir, `import { validateOmniVideo, buildOmniVideoBody, KlingClient } from "PKG/index.js"; globalThis.k = [validateOmniVideo, buildOmniVideoBody, KlingClient];`);
  const probe = await bundle(pkgDir, `import { validateOmniVideo } from "PKG/index.js"; import { probeVideo } from "PKG/media/index.js"; globalThis.k = [validateOmniVideo, probeVideo];`);
  const proxy = await bundle(pkgDir, `import { createKlingProxy } from "PKG/proxy/slim.js"; globalThis.k = createKlingProxy;`);
  rows.push(
    row("page that validates and calls the API: bundled JS", web.initial),
    row("… plus main .wasm: what the page loads", add(web.initial, wasm.main)),
    row("page that also probes (kling-wasm/media): bundled JS", probe.initial),
    row("… and when it first probes a video: + media .wasm (fetched then)", add(probe.initial, wasm.main, wasm.media)),
    row("edge proxy (proxy/slim.js): bundled JS + proxy .wasm", add(proxy.initial, wasm.proxy)),
  );
  const dts = filesUnder(pkgDir).filter((f) => f.endsWith(".d.ts")).reduce((a, f) => a + statSync(f).size, 0);
  const mainKiB = wasm.main.gzip / 1024;
  return {
    title,
    headers: ["what", "raw", "gzip -9", "brotli -11"],
    rows,
    notes: [
      "The bundles are esbuild --bundle --minify --splitting, ESM for browsers; the .wasm files are separate assets (fetched with `new URL(…, import.meta.url)`), counted beside them.",
      `TypeScript declarations: ${fmtBytes(dts)} (not shipped to browsers). KiB = 1024 bytes; the budgets are read as KiB.`,
    ],
    targets: [{ target: "main .wasm ≤ 100 KiB gzipped", met: mainKiB <= 100, figure: `${mainKiB.toFixed(1)} KiB gzip (media ${(wasm.media.gzip / 1024).toFixed(1)}, proxy ${(wasm.proxy.gzip / 1024).toFixed(1)})` }],
    data: { wasm, web, probe, proxy },
  };
}
