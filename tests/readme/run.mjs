//! Runs the package README's blocks (tests/readme/package-blocks.mjs says which, where, and what
//! their output must show) against the Kling emulator, in a project where `kling-wasm` resolves:
//! pkg/ through a link (tests/js/package-readme.test.mjs) or the installed tarball
//! (tests/packaging/readme.test.mjs). Each block runs unchanged: a ```ts block is only stripped of
//! its types (TypeScript's transpileModule) after the type check passed.
//!
//! In Node, Deno and Bun a block is a module of its own, imported by a wrapper that first runs
//! PRELUDE: the README's example hosts (api-singapore.klingai.com, app.example.com,
//! api.example.com) are sent to local servers by a wrapped global fetch, a server the block
//! starts listens on a free port instead of the one written, and what a block `declare`s (a
//! session check, a File, sessionStorage) exists. Then the entry's `drive` code runs in the same
//! process with the block's exports as `block`.

import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import assert from "node:assert/strict";
import { ROOT } from "./blocks.mjs";
import { startEmulator } from "../support/kling-emulator.mjs";

export const AK = "ak-readme";
export const SK = "sk-readme-0123456789abcdef";
export const API_KEY = "api-key-readme";
export const APP_SESSION = "dev-session";

/** A 640x360 PNG header: what the media block's `file` holds. */
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x02, 0x80, 0, 0, 0x01, 0x68, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0];

const BINS = { deno: join(ROOT, "node_modules/.bin/deno"), bun: join(ROOT, "node_modules/.bin/bun") };

/** The emulator the blocks' Kling calls reach (control routes on: a drive may read its requests). */
export function startBlockEmulator() {
  return startEmulator({ accessKey: AK, secretKey: SK, apiKey: API_KEY, control: true, timeline: { processingAfterMs: 200, doneAfterMs: 1200 } });
}

/** The block's code as JavaScript: ```ts and ```tsx stripped of their types. */
export function asJs(block) {
  if (block.lang === "js") return block.code;
  const ts = createRequire(join(ROOT, "package.json"))("typescript");
  return ts.transpileModule(block.code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.ReactJSX, verbatimModuleSyntax: false },
  }).outputText;
}

/** Runs before a block in Node, Deno and Bun (plain JS every one of them runs). */
const PRELUDE = `// Written by tests/readme/run.mjs: the README block's surroundings.
const env = (k) => (globalThis.Deno ? Deno.env.get(k) : process.env[k]);
const exit = (c) => (globalThis.Deno ? Deno.exit(c) : process.exit(c));
const assert = (cond, msg) => { if (!cond) throw new Error("drive: " + msg); };
const realFetch = globalThis.fetch.bind(globalThis);
const hosts = JSON.parse(env("README_HOSTS") ?? "{}");
/** Sends requests for \`origin\` to the server at \`base\` from now on. */
const route = (origin, base) => { hosts[origin] = new URL(base).origin; };
const counts = new Map();
/** How many requests the block's code sent to \`base\`'s origin (through the global fetch). */
const calls = (base) => counts.get(new URL(base).origin) ?? 0;
function mapUrl(u) {
  const url = new URL(u, "https://app.example.com"); // a page's relative URL: the app's origin
  const to = hosts[url.origin];
  const out = to ? new URL(url.pathname + url.search, to) : url;
  counts.set(out.origin, (counts.get(out.origin) ?? 0) + 1);
  return out.href;
}
globalThis.fetch = (input, init) =>
  input instanceof Request ? realFetch(new Request(mapUrl(input.url), input), init) : realFetch(mapUrl(input instanceof URL ? input.href : String(input)), init);
const emulatorRequests = async () => (await realFetch(env("EMU_URL") + "/__emulator/requests")).json();

// What the blocks declare and leave to the reader.
globalThis.verifySession = async (token) => (token === "good-session" ? "user-7" : false);
globalThis.getSession = async (request) => (/(?:^|; )sid=good(?:;|$)/.test(request.headers.get("cookie") ?? "") ? { userId: "user-9" } : null);
const stored = new Map();
globalThis.sessionStorage ??= { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, String(v)), removeItem: (k) => void stored.delete(k) };
globalThis.file = new Blob([new Uint8Array(${JSON.stringify(PNG)})]);

// A server the block starts listens on a free port of 127.0.0.1; servers() gives the ports.
const listening = [];
const servers = () => Promise.all(listening);
let plainListen;
if (globalThis.Deno) {
  const serveOrig = Deno.serve.bind(Deno);
  Deno.serve = (...a) => {
    const handler = a.find((x) => typeof x === "function") ?? a[0]?.handler;
    const s = serveOrig({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
    listening.push(Promise.resolve(s.addr.port));
    return s;
  };
} else {
  const net = await import("node:net");
  plainListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...a) {
    const cb = typeof a.at(-1) === "function" ? a.at(-1) : undefined;
    listening.push(new Promise((ok) => this.once("listening", () => ok(this.address().port))));
    return plainListen.call(this, 0, "127.0.0.1", cb);
  };
}
/** Serves a fetch handler (a proxy) on a free port (Node); its base URL. */
async function serve(handler) {
  const { createServer } = await import("node:http");
  const { toNodeListener } = await import("kling-wasm/node");
  const s = createServer(toNodeListener(handler));
  await new Promise((ok) => plainListen.call(s, 0, "127.0.0.1", ok));
  return \`http://127.0.0.1:\${s.address().port}\`;
}
if (env("README_HELPER")) {
  // The proxy a browser block's KlingClient talks to (anonymous), in front of the emulator.
  const { createKlingProxy } = await import("kling-wasm/proxy");
  const base = await serve(createKlingProxy({ upstream: env("EMU_URL"), apiKey: env("KLING_API_KEY"), allowAnonymous: true }));
  route("https://app.example.com", base);
  route("https://api.example.com", base);
}
`;

/** The wrapper module: prelude, the block, the drive, exit. */
function wrapper(name, drive = "") {
  return `${PRELUDE}
try {
  const block = await import("./${name}.mjs");
  void block;
  ${drive.split("\n").join("\n  ")}
} catch (e) {
  console.error(e?.stack ?? String(e));
  exit(1);
}
exit(0);
`;
}

/**
 * Runs block `b` under `runtime` ("node" | "deno" | "bun") in `app` (a project where
 * `kling-wasm` resolves); `spec` is the table's entry for that runtime. Resolves with its output;
 * rejects with the output when it fails or does not show what `spec.expect` wants.
 */
export async function runScript(runtime, app, b, spec, emuUrl) {
  const dir = join(app, "readme-blocks");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${b.name}.mjs`), asJs(b));
  const entry = join(dir, `${b.name}.${runtime}.run.mjs`);
  writeFileSync(entry, wrapper(b.name, spec.drive));
  const hosts = { "https://api-singapore.klingai.com": emuUrl };
  const envs = {
    ...process.env, NO_COLOR: "1", EMU_URL: emuUrl, README_HOSTS: JSON.stringify(hosts), README_HELPER: spec.helperProxy ? "1" : "",
    KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK, KLING_API_KEY: API_KEY, APP_SESSION,
  };
  const [cmd, args] = runtime === "node" ? [process.execPath, [entry]] : runtime === "deno" ? [BINS.deno, ["run", "--allow-all", "--quiet", entry]] : [BINS.bun, [entry]];
  const { code, out } = await new Promise((ok) => {
    execFile(cmd, args, { cwd: app, env: envs, timeout: 60_000, maxBuffer: 8 << 20 }, (e, stdout, stderr) => ok({ code: e ? (e.code ?? e.signal ?? 1) : 0, out: `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ""}` }));
  });
  const stdout = out.split("\n[stderr]\n")[0];
  assert.equal(code, 0, `${b.name} in ${runtime} failed (exit ${code}):\n${out}`);
  for (const re of spec.expect ?? []) assert.match(stdout, re, `${b.name} in ${runtime}: the output lacks ${re}:\n${out}`);
  for (const re of spec.refuse ?? []) assert.doesNotMatch(stdout, re, `${b.name} in ${runtime}: the output shows ${re}:\n${out}`);
  return stdout;
}

/** `KEY=value` lines of an .ini / .dev.vars block. */
export const varsOf = (b) => Object.fromEntries(b.code.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")).trim(), l.slice(l.indexOf("=") + 1).trim()]));

/**
 * Runs a Worker block in workerd: bundled as wrangler does, with the bindings of the block the
 * entry names (placeholders replaced by the emulator's keys and URL), then the entry's drive.
 */
export async function runWorker(app, b, spec, blocks, emu) {
  const { bundleWorker } = await import("../packaging/support.mjs");
  const { startWorkerd } = await import("../support/workerd.mjs");
  const dir = join(app, "readme-blocks");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${b.name}.worker.mjs`);
  writeFileSync(file, asJs(b));
  const { entry, wasmDir } = await bundleWorker(app, `readme-worker-${b.name}`, file);
  const bindings = { ...(spec.bindingsFrom ? varsOf(blocks.find((x) => x.name === spec.bindingsFrom)) : {}) };
  const real = { KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK, KLING_API_KEY: API_KEY, KLING_UPSTREAM: emu.url };
  for (const k of Object.keys(bindings)) if (k in real) bindings[k] = real[k];
  const wd = await startWorkerd({ entry, pkgDir: wasmDir, bindings, durableObjects: spec.durableObjects });
  try {
    await spec.drive(wd.url, { assert, bindings, emu });
  } finally {
    await wd.stop();
  }
}

/**
 * Runs a browser block in Chromium: a page maps `kling-wasm` (and its subpaths) to the installed
 * package's browser entries with an import map and imports the block; console.log lines are the
 * output `spec.expect` is matched against.
 */
export async function runChromium(browser, serverUrl, app, b, spec) {
  const meta = JSON.parse(readFileSync(join(app, "node_modules/kling-wasm/package.json"), "utf8"));
  const imports = {};
  for (const [key, value] of Object.entries(meta.exports)) {
    const target = typeof value === "string" ? value : value.browser ?? value.default;
    if (target.endsWith(".js")) imports[`kling-wasm${key.slice(1)}`] = `/node_modules/kling-wasm/${target.replace(/^\.\//, "")}`;
  }
  const site = join(app, `readme-site-${b.name}`);
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, "block.js"), asJs(b));
  writeFileSync(join(site, "page.js"), `window.__out = [];
const show = (v) => (typeof v === "string" ? v : JSON.stringify(v));
console.log = (...a) => window.__out.push(a.map(show).join(" "));
import("./block.js").then(() => { window.__done = "ok"; }, (e) => { window.__done = "error: " + (e?.stack ?? e); });
`);
  writeFileSync(join(site, "index.html"), `<!doctype html><meta charset="utf-8"><title>${b.name}</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module" src="./page.js"></script>
`);
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(`${serverUrl}/readme-site-${b.name}/`);
    await page.waitForFunction(() => window.__done, null, { timeout: 20_000 });
    const done = await page.evaluate(() => window.__done);
    // A block may log later than its module ends (a `ready.then(…)`): give the page up to 10 s
    // to show what `expect` wants.
    const sources = (spec.expect ?? []).map((re) => [re.source, re.flags]);
    await page.waitForFunction((res) => res.every(([src, flags]) => new RegExp(src, flags).test(window.__out.join("\n"))), sources, { timeout: 10_000 }).catch(() => {});
    const out = (await page.evaluate(() => window.__out)).join("\n");
    assert.equal(done, "ok", `${b.name} in Chromium: ${done}\n${out}\n${errors.join("\n")}`);
    for (const re of spec.expect ?? []) assert.match(out, re, `${b.name} in Chromium: the output lacks ${re}:\n${out}`);
    return out;
  } finally {
    await page.close();
  }
}

/**
 * Runs a shell block with bash in a fresh directory holding the packed tarball (as a user who
 * downloaded it), offline; resolves with that directory (removed by the caller).
 */
export async function runShell(tarball, b) {
  const dir = mkdtempSync(join(tmpdir(), "kling-readme-shell-"));
  copyFileSync(tarball, join(dir, tarball.split("/").pop()));
  writeFileSync(join(dir, "block.sh"), b.code);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "readme-shell", private: true }));
  const r = await new Promise((ok) => {
    const child = spawn("bash", ["-euo", "pipefail", "block.sh"], { cwd: dir, env: { ...process.env, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false" } });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => ok({ code, out }));
  });
  assert.equal(r.code, 0, `${b.name}: bash failed:\n${r.out}`);
  return dir;
}

/** The tarball npm pack made beside the packaging layer's project. */
export function tarballBeside(app) {
  const base = dirname(app);
  const found = readdirSync(base).filter((f) => f.endsWith(".tgz"));
  assert.equal(found.length, 1, `one tarball in ${base}`);
  return join(base, found[0]);
}

export { existsSync, rmSync };
