//! Benchmark 3: cold start — compile + instantiate the .wasm and make the first call, in Node and
//! in Chromium. Every sample starts fresh: a new Node process (V8 caches compiled modules per
//! process), and a new browser context (its own HTTP and code caches) for Chromium, with the
//! package served over a local node:http server as application/wasm.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fmtTime, median } from "./lib/measure.mjs";
import { OMNI_VIDEO_REQUEST } from "./lib/request.mjs";

export const title = "3. Cold start";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** One fresh Node process: times (ms) of import, compile, instantiate and the first call. */
function nodeSample(pkgDir) {
  const script = `
    import { readFileSync } from "node:fs";
    import { performance } from "node:perf_hooks";
    const bytes = readFileSync(${JSON.stringify(join(pkgDir, "kling_wasm_bg.wasm"))});
    const t0 = performance.now();
    const lib = await import(${JSON.stringify(join(pkgDir, "index.js"))});
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    lib.initSync({ module });
    const t3 = performance.now();
    const ok = lib.validateOmniVideo(${JSON.stringify(OMNI_VIDEO_REQUEST)}).ok;
    const t4 = performance.now();
    if (!ok) throw new Error("first call failed");
    console.log(JSON.stringify({ import: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, first: t4 - t3 }));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script]).toString());
}

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

/** Serves pkgDir at /pkg/ and an empty page at /; resolves to { url, close }. */
function serve(pkgDir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>bench</title>");
      return;
    }
    const file = normalize(join(pkgDir, path.replace(/^\/pkg\//, "")));
    if (!path.startsWith("/pkg/") || !file.startsWith(pkgDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

/** In the page: the streaming init users call, then the split compile / instantiate path. */
async function pageSample({ req, split }) {
  const t0 = performance.now();
  const lib = await import("/pkg/index.js");
  const t1 = performance.now();
  if (!split) {
    await lib.default({ module_or_path: "/pkg/kling_wasm_bg.wasm" });
    const t2 = performance.now();
    lib.validateOmniVideo(req);
    return { import: t1 - t0, init: t2 - t1, first: performance.now() - t2 };
  }
  const bytes = await (await fetch("/pkg/kling_wasm_bg.wasm")).arrayBuffer();
  const t2 = performance.now();
  const module = await WebAssembly.compile(bytes);
  const t3 = performance.now();
  lib.initSync({ module });
  const t4 = performance.now();
  lib.validateOmniVideo(req);
  return { import: t1 - t0, fetch: t2 - t1, compile: t3 - t2, instantiate: t4 - t3, first: performance.now() - t4 };
}

async function chromiumSamples(pkgDir, rounds) {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found` };
  const { chromium } = await import("playwright-core");
  const server = await serve(pkgDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const streaming = [], split = [];
  const version = browser.version();
  try {
    for (let i = 0; i < rounds; i++) {
      for (const [list, isSplit] of i % 2 ? [[streaming, false], [split, true]] : [[split, true], [streaming, false]]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(server.url + "/");
        list.push(await page.evaluate(pageSample, { req: OMNI_VIDEO_REQUEST, split: isSplit }));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { streaming, split, version };
}

const med = (samples, key) => median(samples.map((s) => s[key]));
const ms = (x) => fmtTime(x * 1e6);

export async function run({ pkgDir }, { rounds = 15 } = {}) {
  const node = [];
  for (let i = 0; i < rounds; i++) node.push(nodeSample(pkgDir));
  const rows = [
    ["Node: import the JS glue", ms(med(node, "import"))],
    ["Node: WebAssembly.compile(bytes)", ms(med(node, "compile"))],
    ["Node: initSync({ module }) (instantiate)", ms(med(node, "instantiate"))],
    ["Node: first validateOmniVideo call", ms(med(node, "first"))],
    ["Node: compile + instantiate + first call", ms(median(node.map((s) => s.compile + s.instantiate + s.first)))],
  ];
  const notes = [`Node ${process.version}: ${rounds} fresh processes, medians.`];
  const chrome = await chromiumSamples(pkgDir, rounds);
  if (chrome.skipped) {
    notes.push(`Chromium: skipped (${chrome.skipped}).`);
  } else {
    const { streaming: st, split: sp } = chrome;
    rows.push(
      ["Chromium: import the JS glue (from the local server)", ms(med(st, "import"))],
      ["Chromium: `await init()` (fetch + compileStreaming + instantiate)", ms(med(st, "init"))],
      ["Chromium: first validateOmniVideo call after init()", ms(med(st, "first"))],
      ["Chromium: WebAssembly.compile(bytes) (bytes already fetched)", ms(med(sp, "compile"))],
      ["Chromium: initSync({ module }) (instantiate)", ms(med(sp, "instantiate"))],
      ["Chromium: init() + first call", ms(median(st.map((s) => s.init + s.first)))],
    );
    notes.push(`Chromium ${chrome.version} (${CHROMIUM}, headless): a new browser context per sample, ${rounds} samples of each path, medians.`);
  }
  return { title, headers: ["step", "median"], rows, notes, targets: [], data: { node, chrome } };
}
