//! Benchmark 2: package size. The package's wasm modules are those of scripts/pkg-files.mjs
//! MODULES (main: validate, build, client, signing; media: probeImage / probeVideo from
//! kling-wasm/media, its .wasm fetched on the first probe; proxy: createKlingProxy, server side;
//! a module added there shows up here by itself). Reported raw / gzip / brotli: each .wasm; each
//! entry of package.json's exports (per condition: the JS its static imports load, and the .wasm
//! it instantiates at import); every shipped JS file on its own; then what a bundler makes of
//! typical imports (esbuild, minified ESM, code splitting on), with the .wasm files each page loads.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
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

/** The package's JS files a file loads by its static imports (itself included), in load order. */
function importClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  // `import … from "./x.js"`, `export … from "./x.js"`, `import "./x.js"`; not import() (lazy).
  for (const m of text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    importClosure(join(dirname(file), m[1]), seen);
  }
  return seen;
}

/** [{ entry, condition, file }] of package.json's exports: JS targets, each file once per entry. */
function exportEntries(pkgDir) {
  const { name, exports } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const out = [];
  for (const [key, target] of Object.entries(exports)) {
    const conds = typeof target === "string" ? { default: target } : target;
    const seen = new Map();
    for (const [cond, path] of Object.entries(conds)) {
      if (cond === "types" || !/\.m?js$/.test(path)) continue;
      seen.set(path, [...(seen.get(path) ?? []), cond]);
    }
    for (const [path, cs] of seen) out.push({ entry: key === "." ? name : `${name}/${key.slice(2)}`, condition: cs.join(", "), file: join(pkgDir, path) });
  }
  return out;
}

export async function run({ pkgDir }) {
  const modules = await wasmModules(pkgDir);
  const wasm = Object.fromEntries(modules.map((m) => [m.name, compressed(readFileSync(m.file))]));
  const row = (name, c) => [name, fmtBytes(c.raw), fmtBytes(c.gzip), fmtBytes(c.brotli)];
  const rows = modules.map((m) => row(`${m.name}: ${relative(pkgDir, m.file)} (release, wasm-opt)`, wasm[m.name]));
  const js = filesUnder(pkgDir).filter((f) => /\.m?js$/.test(f)).sort();
  const jsSize = new Map(js.map((f) => [f, compressed(readFileSync(f))]));
  rows.push(row(`JS glue and entries, all ${js.length} .js files`, compressed(Buffer.concat(js.map((f) => readFileSync(f))))));
  // Each entry: the JS files its static imports load (each file served on its own, as a page
  // without a bundler or Node loads them: the sum of the files' sizes), and the module whose .wasm
  // its index.js / index.node.js instantiates at import (slim.js leaves that to initSync / init).
  const entries = exportEntries(pkgDir).map((e) => {
    const files = [...importClosure(e.file)];
    const m = modules.find((mod) => [join(mod.dir, "index.js"), join(mod.dir, "index.node.js")].includes(e.file));
    const size = add(...files.map((f) => jsSize.get(f) ?? compressed(readFileSync(f))));
    return { ...e, files: files.map((f) => relative(pkgDir, f)), wasm: m?.name, size };
  });
  for (const e of entries) {
    const label = `entry \`${e.entry}\` (${e.condition}: ${relative(pkgDir, e.file)}): its JS, ${e.files.length} file${e.files.length > 1 ? "s" : ""}`;
    rows.push(row(e.wasm ? `${label} + ${e.wasm} .wasm at import` : label, e.wasm ? add(e.size, wasm[e.wasm]) : e.size));
  }
  // wasm-bindgen's snippet directories carry a hash of the crate: shortened to "…".
  for (const f of js) rows.push(row(`file ${relative(pkgDir, f).replace(/snippets\/[^/]+\//, "snippets/…/")}`, jsSize.get(f)));

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
      "Entry rows: package.json's exports, one row per distinct file of an entry's conditions (types left out); the size is the sum of the files its static `import` / `export … from` load (dynamic `import()` chunks not counted), plus the .wasm its index.js / index.node.js instantiates at import. `file` rows: every .js / .mjs file of the package on its own.",
      "The bundles are esbuild --bundle --minify --splitting, ESM for browsers; the .wasm files are separate assets (fetched with `new URL(…, import.meta.url)`), counted beside them.",
      `TypeScript declarations: ${fmtBytes(dts)} (not shipped to browsers). KiB = 1024 bytes; the budgets are read as KiB.`,
    ],
    targets: [{ target: "main .wasm ≤ 80 KiB gzipped", met: mainKiB <= 80, figure: `${mainKiB.toFixed(1)} KiB gzip (${modules.filter((m) => m.name !== "main").map((m) => `${m.name} ${(wasm[m.name].gzip / 1024).toFixed(1)}`).join(", ")})` }],
    data: { wasm, web, probe, proxy, entries: entries.map(({ entry, condition, files, wasm: w, size }) => ({ entry, condition, files, wasm: w, size })), files: Object.fromEntries([...jsSize].map(([f, c]) => [relative(pkgDir, f), c])) },
  };
}
