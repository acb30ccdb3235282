#!/usr/bin/env node
// Builds the npm package into pkg/ from three wasm modules of the one crate (Cargo features
// bind-api, bind-media, bind-proxy; layout in scripts/pkg-files.mjs), so a page loads only the
// code it calls:
//   node scripts/build.mjs            dev profile (what the tests use; fast to build)
//   node scripts/build.mjs --release  release profile + wasm-opt (npm `binaryen`) per module
//   --out-dir DIR                     build into DIR (relative to the repo, or absolute)
//   --no-build-std                    release without the size-built std (for A/B runs; below)
// Each module is `wasm-pack build --target web` with its feature. In release each module has a
// cargo profile of its own, defined here through environment variables, so it keeps its own
// artifacts (switching features in one profile recompiles and re-links the crate every time,
// ~30 s with LTO); dev builds share the dev profile of `wasm-pack test`, whose incremental
// cache makes the switch cheap. A lock per profile keeps another build from overwriting the
// .wasm between cargo and wasm-bindgen. The package is put together in a side directory,
// smoke-tested, then moved into place.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { LICENSE_FILES, MODULES, entryFiles, glueApi, packageJson } from "./pkg-files.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const release = args.includes("--release");
const outDir = resolve(root, flag("--out-dir") ?? "pkg");
const stage = `${outDir}-build-${process.pid}`;

// wasm-opt passes per module, chosen by gzip size (with rustc opt-level "z", which beat "s" by
// 1-7 KB gzip for every module; main is now built at "s" for speed, OPT_LEVEL below; README
// "Package layout"): -O1 beat none, -Os and -Oz for all three (-Oz makes smaller raw files
// that gzip worse: media 112 KB at -O1, 121 KB at -Oz).
// Dead-argument elimination then a second -O1 take another 0.5-0.6 KiB gzip off each module
// (measured on all three); -O2, -O3, -Os, --converge, --merge-similar-functions, --local-cse and
// --inlining-optimizing after -O1 all gave a larger gzip.
const O1_DAE = ["-O1", "--dae-optimizing", "-O1"];
const WASM_OPT = { main: O1_DAE, media: O1_DAE, proxy: O1_DAE };
// wasm-opt feature flags: the Rust 1.95 wasm32 target emits these, and with `strip = true`
// there is no target_features section telling wasm-opt about them (TOOLCHAIN.md).
const WASM_OPT_FEATURES = [
  "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];

const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${join(root, "node_modules", ".bin")}:${process.env.PATH}` };
function run(cmd, cmdArgs, extraEnv = {}) {
  try {
    execFileSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  } catch {
    console.error(`build: failed: ${cmd} ${cmdArgs.join(" ")}`);
    rmSync(stage, { recursive: true, force: true });
    process.exit(1);
  }
}

// rustc opt-level per module where it differs from the release profile's "z". The main module
// validates and builds requests, where speed is measured against zod (BENCHMARKS.md): "s" made
// buildOmniVideoBody ~15 % faster (1.30× -> 1.10× zod, same machine, alternated runs) for
// 5.4 KiB gzip (89.1 -> 94.5 KiB), which the 100 KiB target has room for. -O3 instead of the
// second wasm-opt -O1 measured within noise of it (+0.4 KiB), so the passes stay as above.
const OPT_LEVEL = { main: "s" };

// Release modules are linked against a standard library built for them (`-Z build-std`, panic
// strategy `immediate-abort`: a panic traps at once, as panic = "abort" already did, without the
// code that formats panic messages and their locations). Main: 117.9 -> 111.6 KiB gzip, no slower
// (benches/ab.mjs, BENCHMARKS.md "Size"); std's `optimize_for_size` feature as well made main
// larger (112.4) and 4-8 % slower, so it is not used. These are unstable flags of the pinned
// toolchain (rust-toolchain.toml; RUSTC_BOOTSTRAP=1 enables them on stable, the rust-src
// component has std's sources; scripts/setup.sh installs it). `--no-build-std` builds without.
const BUILD_STD = release && !args.includes("--no-build-std");
const BUILD_STD_ARGS = ["-Z", "build-std=std,panic_abort"];
// Added to the caller's RUSTFLAGS, not in place of them.
const BUILD_STD_ENV = { RUSTC_BOOTSTRAP: "1", RUSTFLAGS: [process.env.RUSTFLAGS, "-Zunstable-options -Cpanic=immediate-abort"].filter(Boolean).join(" ") };

/** The cargo profile of a module: its own in release, the dev profile otherwise. */
function profileOf(m) {
  if (!release) return { name: "dev", args: ["--dev"], env: {}, cargo: [] };
  const name = `pkg-${m.name}${BUILD_STD ? "" : "-plain"}`;
  const P = `CARGO_PROFILE_${name.toUpperCase().replace(/-/g, "_")}`;
  const env = { [`${P}_INHERITS`]: "release", ...(BUILD_STD ? BUILD_STD_ENV : {}) };
  if (OPT_LEVEL[m.name]) env[`${P}_OPT_LEVEL`] = OPT_LEVEL[m.name];
  return { name, args: ["--profile", name], env, cargo: BUILD_STD ? BUILD_STD_ARGS : [] };
}

const moduleDir = (m) => join(stage, m.dir);
const wasmOf = (dir, m) => join(dir, m.dir, `${m.outName}_bg.wasm`);

function buildModule(m) {
  const profile = profileOf(m);
  mkdirSync(join(root, "target"), { recursive: true });
  const lock = join(root, "target", `.kling-${profile.name}.lock`);
  run("flock", ["-w", "1800", lock, "wasm-pack", "--log-level", "error", "build", "--target", "web", "--no-pack", "--no-opt", "--no-gitignore",
    ...profile.args, "--out-dir", moduleDir(m), "--out-name", m.outName, "--", "--no-default-features", "--features", m.feature, ...profile.cargo],
    profile.env);
  if (release) {
    const file = wasmOf(stage, m);
    const before = sizes(file);
    run("wasm-opt", [...WASM_OPT[m.name], ...WASM_OPT_FEATURES, file, "-o", file]);
    console.log(`build: ${m.name}: wasm-opt ${WASM_OPT[m.name].join(" ")}: ${fmt(before)} -> ${fmt(sizes(file))}`);
  }
}

/** raw and gzip (level 9) sizes in bytes. */
function sizes(file) {
  const b = readFileSync(file);
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const fmt = (s) => `${kib(s.raw)} raw, ${kib(s.gzip)} gzip`;

/**
 * Points every glue's import of kling-error.js at the one shared copy, so the three modules
 * throw the same KlingError class; removes the per-module copies wasm-bindgen made.
 */
function shareKlingError() {
  copyFileSync(join(root, "src", "bindings", "kling-error.js"), join(stage, "kling-error.js"));
  for (const m of MODULES) {
    const glue = join(moduleDir(m), `${m.outName}.js`);
    const text = readFileSync(glue, "utf8");
    const shared = m.dir ? "../kling-error.js" : "./kling-error.js";
    // (media throws nothing, so its glue may not import it at all)
    const out = text.replace(/(from\s*['"])\.\/snippets\/[^'"]+\/src\/bindings\/kling-error\.js(['"])/g, `$1${shared}$2`);
    if (/from\s*['"][^'"]*snippets[^'"]*kling-error\.js/.test(out)) throw new Error(`build: ${m.name}: a kling-error.js import was not rewritten`);
    writeFileSync(glue, out);
    pruneSnippets(m, out);
  }
}

/** Removes the snippet files (wasm-bindgen copies every one of the crate's) a glue never imports. */
function pruneSnippets(m, glueText) {
  const dir = join(moduleDir(m), "snippets");
  const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const file of walk(dir)) {
    const rel = `./${relative(moduleDir(m), file).split("\\").join("/")}`;
    if (!glueText.includes(rel)) rmSync(file);
  }
  // Then the directories left empty, deepest first.
  const dirs = (d) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => [...dirs(join(d, e.name)), join(d, e.name)]);
  for (const d of [...dirs(dir), dir]) if (readdirSync(d).length === 0) rmSync(d, { recursive: true });
}

/**
 * The media and proxy typings use types declared only in the main module's (Issue, RuleLevel,
 * Task): import them from there.
 */
function linkTypes() {
  const names = (text) => new Set([...text.matchAll(/^export (?:declare )?(?:interface|type|class|function) (\w+)/gm)].map((x) => x[1]));
  const mainNames = names(readFileSync(join(stage, "kling_wasm.d.ts"), "utf8"));
  for (const m of MODULES.filter((x) => x.dir)) {
    const file = join(moduleDir(m), `${m.outName}.d.ts`);
    const text = readFileSync(file, "utf8");
    const own = names(text);
    const missing = [...mainNames].filter((n) => !own.has(n) && new RegExp(`\\b${n}\\b`).test(text));
    if (missing.length) writeFileSync(file, `import type { ${missing.join(", ")} } from "../kling_wasm.js";\n${text}`);
  }
}

/**
 * wasm-bindgen declares \`[Symbol.dispose](): void\` in every class, which compiles only with the
 * TypeScript lib "ESNext.Disposable". Instead each class gets it through an interface keyed by
 * the type of \`Symbol.dispose\` where the lib declares one, and by nothing where it does not: the
 * typings compile under a plain ES2022 lib, and \`using\` still type-checks with the newer lib.
 */
function portableDispose() {
  for (const m of MODULES) {
    const file = join(moduleDir(m), `${m.outName}.d.ts`);
    const lines = readFileSync(file, "utf8").split("\n");
    const classes = [];
    let current;
    const kept = lines.filter((line) => {
      current = line.match(/^export (?:declare )?class (\w+)/)?.[1] ?? current;
      if (!/^\s*\[Symbol\.dispose\]\(\): void;$/.test(line)) return true;
      classes.push(current);
      return false;
    });
    if (kept.some((l) => l.includes("Symbol.dispose"))) throw new Error(`build: ${m.name}: a [Symbol.dispose] declaration was not rewritten`);
    if (classes.length === 0) continue;
    const tail = [
      "",
      "/** The type of `Symbol.dispose` where the TypeScript lib declares it (ESNext.Disposable), else none. */",
      "type DisposeKey = SymbolConstructor extends { readonly dispose: infer K extends symbol } ? K : never;",
      ...classes.map((c) => `/** \`free()\` as \`[Symbol.dispose]\`, for \`using\` (with the ESNext.Disposable lib). */\nexport interface ${c} extends Record<DisposeKey, () => void> {}`),
      "",
    ];
    writeFileSync(file, kept.join("\n") + tail.join("\n"));
  }
}

/** The crate's name, version, description, license and repository from Cargo.toml. */
function crateMeta() {
  const section = readFileSync(join(root, "Cargo.toml"), "utf8").split(/^\[/m).find((s) => s.startsWith("package]")) ?? "";
  const get = (key) => section.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, "m"))?.[1];
  return { name: get("name"), version: get("version"), description: get("description"), license: get("license"), repository: get("repository") };
}

/**
 * The proxy's driver (js/proxy-instance.mjs) replaces a trapped wasm instance with a fresh one from
 * the same compiled module; the glue's initSync keeps the first instance forever, so the glue
 * gets one more export that forgets it (initSync then instantiates anew). The raw step exports
 * (`__kw…`) are the driver's, not the package's API: left out of the typings.
 */
function patchProxyGlue() {
  const m = MODULES.find((x) => x.name === "proxy");
  const glue = join(moduleDir(m), `${m.outName}.js`);
  const text = readFileSync(glue, "utf8");
  if (!/^let wasmModule, wasmInstance, wasm;$/m.test(text)) throw new Error("build: proxy glue: no `let wasmModule, wasmInstance, wasm;` to reset (wasm-bindgen changed its output?)");
  writeFileSync(glue, `${text}
/** Forgets the current instance (after a trap) and returns its compiled module: initSync({ module }) then instantiates anew. */
export function __kwForgetInstance() {
    const module = wasmModule;
    wasm = undefined;
    wasmInstance = undefined;
    return module;
}
`);
  copyFileSync(join(root, "js", "proxy-driver.mjs"), join(moduleDir(m), "driver.js"));
  for (const part of ["instance", "body", "warm", "upstream"]) copyFileSync(join(root, "js", `proxy-${part}.mjs`), join(moduleDir(m), `${part}.js`));
  copyFileSync(join(root, "js", "proxy-hooks.mjs"), join(moduleDir(m), "hooks.js"));
  copyFileSync(join(root, "js", "proxy-store.mjs"), join(moduleDir(m), "store.js"));
  const dts = join(moduleDir(m), `${m.outName}.d.ts`);
  writeFileSync(dts, readFileSync(dts, "utf8").replace(/^export function __kw\w+\(.*\): .*;\n/gm, ""));
}

/** Each module's exports as the web entry wraps them (pkg-files.mjs glueApi), read from its glue and typings. */
async function glueApis() {
  const apis = {};
  for (const m of MODULES) {
    const base = join(moduleDir(m), m.outName);
    apis[m.name] = glueApi(await import(pathToFileURL(`${base}.js`).href), readFileSync(`${base}.d.ts`, "utf8"));
  }
  return apis;
}

async function writePackage() {
  for (const [path, text] of Object.entries(entryFiles(await glueApis()))) writeFileSync(join(stage, path), text);
  copyFileSync(join(root, "js", "node.mjs"), join(stage, "node.mjs"));
  copyFileSync(join(root, "js", "redis-store.mjs"), join(stage, "redis-store.js"));
  // kling-wasm/cloudflare: the Durable Object store (plain JS over the proxy module; workerd only).
  copyFileSync(join(root, "js", "cloudflare.mjs"), join(stage, "cloudflare.mjs"));
  copyFileSync(join(root, "js", "cloudflare.d.ts"), join(stage, "cloudflare.d.ts"));
  // The start-up: ready / isReady, its messages (generated from src/messages), the web entries' start.
  copyFileSync(join(root, "js", "ready.mjs"), join(stage, "ready.js"));
  copyFileSync(join(root, "js", "ready-messages.mjs"), join(stage, "ready-messages.js"));
  copyFileSync(join(root, "js", "web-start.mjs"), join(stage, "web-start.js"));
  // requestJsonSchema: plain JS over the documents generated from the schema tables (committed,
  // checked for staleness by tests/schema_generated.rs).
  copyFileSync(join(root, "js", "json-schema.mjs"), join(stage, "json-schema.js"));
  copyFileSync(join(root, "js", "request-schemas.mjs"), join(stage, "request-schemas.js"));
  // capabilities(): the generated document (src/schema/capabilities.json, checked for staleness by
  // tests/schema_generated.rs) as a JS module; JSON.parse per call hands out a fresh object.
  const capsText = readFileSync(join(root, "src", "schema", "capabilities.json"), "utf8").trim();
  writeFileSync(
    join(stage, "capabilities.js"),
    `// Generated by scripts/build.mjs from src/schema/capabilities.json.\nconst TEXT = ${JSON.stringify(capsText)};\n\n` +
      `/** The capability map and each model's choices per endpoint (capabilities.d.ts). A fresh object each call. */\n` +
      `export function capabilities() {\n  return JSON.parse(TEXT);\n}\n`,
  );
  // The Standard Schema objects: plain JS over the glue, ready.js and data generated from the tables.
  copyFileSync(join(root, "js", "standard-schema.mjs"), join(stage, "standard-schema.js"));
  copyFileSync(join(root, "js", "standard-schema-data.mjs"), join(stage, "standard-schema-data.js"));
  copyFileSync(join(root, "js", "standard-schema-value.mjs"), join(stage, "standard-schema-value.js"));
  // The package's README is for people who install it (docs/package-README.md); the
  // repository's README.md is about developing and testing this repository.
  copyFileSync(join(root, "docs", "package-README.md"), join(stage, "README.md"));
  for (const license of LICENSE_FILES) copyFileSync(join(root, license), join(stage, license));
  writeFileSync(join(stage, "package.json"), JSON.stringify(packageJson(crateMeta()), null, 2) + "\n");
}

/** Loads the staged package as Node does (index.node.js) and checks what each module exports. */
async function smokeTest() {
  const url = (f) => pathToFileURL(join(stage, f)).href;
  const lib = await import(url("index.node.js"));
  const report = lib.validateOmniVideo({ prompt: "x" });
  if (typeof report?.ok !== "boolean" || !Array.isArray(report.issues)) throw new Error("build: validateOmniVideo returned no Report");
  const thrown = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error("build: expected a throw");
  };
  if (lib.requestJsonSchema("omni-video")?.type !== "object") throw new Error("build: requestJsonSchema returned no schema");
  const fromMain = thrown(() => lib.buildOmniVideoBody(42));
  if (!(fromMain instanceof lib.KlingError) || fromMain.code !== "validation_failed") throw new Error(`build: main: expected a KlingError, got ${fromMain}`);
  const proxy = await import(url("proxy/index.node.js"));
  const fromProxy = thrown(() => proxy.createKlingProxy({}));
  if (Object.keys(proxy).some((k) => k.startsWith("__kw"))) throw new Error("build: proxy: the driver's raw steps leak into the entry");
  if (!(fromProxy instanceof lib.KlingError) || fromProxy.code !== "config_error") throw new Error(`build: proxy: expected the main KlingError, got ${fromProxy}`);
  if (lib.isReady() !== true || "probeImage" in lib) throw new Error("build: the Node entry is ready at import and leaves the probes to kling-wasm/media");
  const mediaEntry = await import(url("media/index.node.js"));
  const info = await mediaEntry.probeImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 2, 0, 3, 0, 0, 0, 0]));
  if (info.format !== "gif" || info.width !== 2 || info.height !== 3) throw new Error(`build: probeImage: ${JSON.stringify(info)}`);
  // Each module exports only its own area (the split is what keeps the main .wasm small).
  const glue = (m) => import(url(`${m.dir ? `${m.dir}/` : ""}${m.outName}.js`));
  const [main, media, px] = await Promise.all(MODULES.map(glue));
  if ("probeImage" in main || "createKlingProxy" in main || "validateOmniVideo" in media || "validateOmniVideo" in px) {
    throw new Error("build: a module exports another module's functions: check the Cargo features");
  }
}

rmSync(stage, { recursive: true, force: true });
try {
  for (const m of MODULES) buildModule(m);
  shareKlingError();
  patchProxyGlue();
  portableDispose();
  linkTypes();
  await writePackage();
  await smokeTest();
} catch (e) {
  rmSync(stage, { recursive: true, force: true });
  throw e;
}
// Swap in the new package (twice at most: another build of the same directory may land between).
for (let attempt = 0; ; attempt++) {
  rmSync(outDir, { recursive: true, force: true });
  try {
    renameSync(stage, outDir);
    break;
  } catch (e) {
    if (attempt > 0) throw e;
  }
}
const shown = relative(root, outDir).startsWith("..") ? outDir : relative(root, outDir);
console.log(`build: ${shown}/ ready (${release ? "release" : "dev"}):`);
for (const m of MODULES) console.log(`  ${m.name.padEnd(5)} ${`${m.dir ? `${m.dir}/` : ""}${m.outName}_bg.wasm`.padEnd(26)} ${fmt(sizes(wasmOf(outDir, m)))}`);
