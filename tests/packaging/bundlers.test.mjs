//! webpack 5, Rollup and esbuild: each builds a user's project (tests/packaging/fixtures/<name>/,
//! exact versions, locked) that imports the packed `kling-wasm` by name, once per run, into two
//! apps: "app" (the shared page of the browser tests: validate, build, probe) and "lean" (validate
//! only, no probe). Chromium loads each and checks the validation results. Where a bundler needs
//! a setting, the fixture has it, and the same build without it ("bare"; for esbuild's format,
//! "iife") is shown to fail: the setting is proven needed, not only sufficient.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPage } from "./browser.mjs";
import { prepareFixture, timed } from "./fixtures.mjs";
import { appDir, launchChromium, listFiles, PAGE_SCRIPT, runPage, serveStatic } from "./support.mjs";

/** The lean app: validation only (once `ready`); it never imports a probe. */
const LEAN_SCRIPT = `import { ready, validateOmniVideo } from "kling-wasm";
const errors = (r) => r.issues.filter((i) => i.severity === "error").map((i) => i.path);
ready.then(() => {
  const valid = validateOmniVideo({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" });
  const invalid = validateOmniVideo({ model_name: "kling-v3-omni", prompt: "", aspect_ratio: "4:3" });
  window.lean = { valid: valid.ok, validErrors: errors(valid), invalid: invalid.ok, invalidErrors: errors(invalid) };
}, (e) => {
  window.lean = { failed: String(e) };
});
`;

const PKG_WASM = { "kling_wasm_bg.wasm": "kling_wasm_bg.wasm", "media/media_bg.wasm": "media_bg.wasm", "proxy/proxy_bg.wasm": "proxy_bg.wasm" };
const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * Which of the package's .wasm files each .wasm under `dist` is, by content (webpack names them
 * by hash): a Map from its served path ("/lean/…") to "kling_wasm_bg.wasm" etc.
 */
function wasmNames(dist) {
  const pkg = join(appDir(), "node_modules", "kling-wasm");
  const byHash = new Map(Object.entries(PKG_WASM).map(([file, name]) => [sha(readFileSync(join(pkg, file))), name]));
  const names = new Map();
  for (const f of listFiles(dist).filter((f) => f.endsWith(".wasm"))) {
    names.set(`/${f}`, byHash.get(sha(readFileSync(join(dist, f)))) ?? `unknown:${f}`);
  }
  return names;
}

/** runPage's result with each requested .wasm path renamed to the package file it is, so checkPage can tell them apart. */
function named(result, names) {
  const rename = (p) => names.get(p) ?? p;
  return { ...result, before: result.before.map(rename), after: result.after.map(rename) };
}

/** Writes the two apps' sources into the fixture's src/. */
function writeSources(dir) {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src", "app.js"), PAGE_SCRIPT);
  writeFileSync(join(dir, "src", "lean.js"), LEAN_SCRIPT);
}

/** An index.html that loads `script` (a module script unless `classic`). */
function writeHtml(dir, script, { classic = false } = {}) {
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm</title>
<script ${classic ? "defer" : 'type="module"'} src="./${script}"></script>
`);
}

/** Loads the lean app: its validation results, and which package .wasm files it requested. */
async function runLean(browser, url, names) {
  const page = await browser.newPage();
  const wasm = [];
  const errors = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.lean || null, null, { timeout: 15_000 }).catch(() => {
    throw new Error(`the lean page reported nothing: ${errors.join("\n") || "no error"}`);
  });
  const lean = await page.evaluate(() => window.lean);
  await page.close();
  return { lean, errors, wasm: wasm.map((p) => names.get(p) ?? p) };
}

/**
 * The lean app validated, loaded only the main .wasm, and has no media module: no media .wasm
 * emitted, and no script of it builds a URL to one (esbuild emits no .wasm itself, so there the
 * script is what tells).
 */
async function checkLean(browser, url, names, dist) {
  const r = await runLean(browser, url, names);
  assert.deepEqual(r.errors, [], "no page errors");
  assert.equal(r.lean.failed, undefined, "ready resolved");
  assert.equal(r.lean.valid, true, "a valid request validates");
  assert.deepEqual(r.lean.validErrors, []);
  assert.equal(r.lean.invalid, false, "an invalid request does not");
  assert.ok(r.lean.invalidErrors.includes("/prompt") && r.lean.invalidErrors.includes("/aspect_ratio"), `issues at their fields: ${r.lean.invalidErrors}`);
  assert.deepEqual(r.wasm, ["kling_wasm_bg.wasm"], "the lean app loads the main .wasm only");
  const emitted = [...names].filter(([path]) => path.startsWith("/lean/")).map(([, name]) => name);
  assert.ok(!emitted.includes("proxy_bg.wasm"), `no proxy .wasm in a page build: ${emitted}`);
  const scripts = listFiles(join(dist, "lean")).filter((f) => f.endsWith(".js"));
  const naming = scripts.filter((f) => /new URL\(\s*["'`][^"'`]*media_bg[^"'`]*\.wasm/.test(readFileSync(join(dist, "lean", f), "utf8")));
  assert.ok(!emitted.includes("media_bg.wasm"), `no media .wasm emitted into an app that never probes: ${emitted}`);
  assert.deepEqual(naming, [], "no script of the lean app loads the media .wasm");
}

/**
 * The app without the bundler's setting fails to start: its .wasm request gets 404, and `ready`
 * rejects with the package's load_failed error (the page reports it as stage1.failed).
 */
async function checkBare(browser, url) {
  const page = await browser.newPage();
  const missing = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && r.status() === 404 && missing.push(new URL(r.url()).pathname));
  await page.goto(url);
  const stage1 = await page
    .waitForFunction(() => window.stage1 || null, null, { timeout: 15_000 })
    .then((h) => h.jsonValue());
  await page.close();
  assert.match(stage1.failed ?? "", /^KlingError: .*kling_wasm_bg\.wasm/, `without the setting the app does not start: ${JSON.stringify(stage1)}`);
  assert.ok(missing.some((p) => p.endsWith("/kling_wasm_bg.wasm")), `the main .wasm was not emitted (404): ${missing}`);
}

/** The app built as esbuild's default "iife" (the .wasm copied) fails at once: no import.meta, so no URL for the .wasm. */
async function checkIife(browser, url) {
  const page = await browser.newPage();
  const error = page.waitForEvent("pageerror", { timeout: 15_000 });
  await page.goto(url);
  const message = String(await error);
  const stage1 = await page.evaluate(() => window.stage1);
  await page.close();
  assert.match(message, /Invalid URL/, "new URL(…, import.meta.url) throws with import.meta empty");
  assert.equal(stage1, undefined, "the iife build does not start");
}

/** Serves `dist` and runs the checks of each app in it. */
async function checkApps(dist, { bare = false, iife = false } = {}) {
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    await timed("  Chromium checks", async () => {
      const names = wasmNames(dist);
      checkPage(named(await runPage(browser, `${server.url}/app/`), names));
      await checkLean(browser, `${server.url}/lean/`, names, dist);
      if (bare) await checkBare(browser, `${server.url}/bare/`);
      if (iife) await checkIife(browser, `${server.url}/iife/`);
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

const node = (dir, args) => execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("webpack 5 needs nothing: the packed package builds and runs in Chromium", async () => {
  const dir = await timed("webpack: fixture", () => prepareFixture("webpack"));
  writeSources(dir);
  const out = await timed("webpack: build (both apps)", () => node(dir, ["build.mjs"]));
  assert.doesNotMatch(out, /error/i, out);
  const dist = join(dir, "dist");
  for (const name of ["app", "lean"]) writeHtml(join(dist, name), "main.js", { classic: true });
  await checkApps(dist);
});

test("Rollup needs @web/rollup-plugin-import-meta-assets (beside @rollup/plugin-node-resolve): it emits the .wasm", async () => {
  const dir = await timed("rollup: fixture", () => prepareFixture("rollup"));
  writeSources(dir);
  await timed("rollup: build (three apps)", () => node(dir, ["node_modules/rollup/dist/bin/rollup", "-c", "--silent"]));
  const dist = join(dir, "dist");
  assert.deepEqual([...wasmNames(join(dist, "bare")).values()], [], "without the plugin Rollup emits no .wasm");
  for (const name of ["app", "lean", "bare"]) writeHtml(join(dist, name), `${name === "lean" ? "lean" : "app"}.js`);
  await checkApps(dist, { bare: true });
});

test('esbuild needs format "esm" and the .wasm files copied beside the bundle', async () => {
  const dir = await timed("esbuild: fixture", () => prepareFixture("esbuild"));
  writeSources(dir);
  await timed("esbuild: build (four apps)", () => node(dir, ["build.mjs"]));
  const dist = join(dir, "dist");
  for (const name of ["app", "lean", "bare"]) writeHtml(join(dist, name), `${name === "lean" ? "lean" : "app"}.js`);
  writeHtml(join(dist, "iife"), "app.js", { classic: true });
  await checkApps(dist, { bare: true, iife: true });
});
