//! Benchmark 3: cold start — compile + instantiate the main .wasm and make the first call, in Node
//! and in Chromium, two ways: the package entry as users import it (index.node.js initialises the
//! module before the import resolves; index.js starts loading at import, then `await ready`), and
//! step by step through slim.js (fetch, WebAssembly.compile, initSync). Also the media module's
//! first use (kling-wasm/media: its probe loads the media .wasm).
//! Every sample starts fresh: a new Node process (V8 caches compiled modules per process), and a
//! new browser context (its own HTTP and code caches) for Chromium, with the package served by a
//! local node:http server as application/wasm.

import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fmtTime, median } from "./lib/measure.mjs";
import { OMNI_VIDEO_REQUEST } from "./lib/request.mjs";

export const title = "3. Cold start";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** One fresh Node process: times (ms) of the entry import, or of the steps through slim.js. */
function nodeSample(pkgDir, split) {
  const req = JSON.stringify(OMNI_VIDEO_REQUEST);
  const script = split
    ? `
    import { readFileSync } from "node:fs";
    const bytes = readFileSync(${JSON.stringify(join(pkgDir, "kling_wasm_bg.wasm"))});
    const t0 = performance.now();
    const lib = await import(${JSON.stringify(join(pkgDir, "slim.js"))});
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    lib.initSync({ module });
    const t3 = performance.now();
    if (!lib.validateOmniVideo(${req}).ok) throw new Error("first call failed");
    console.log(JSON.stringify({ import: t1 - t0, compile: t2 - t1, instantiate: t3 - t2, first: performance.now() - t3 }));`
    : `
    const t0 = performance.now();
    const lib = await import(${JSON.stringify(join(pkgDir, "index.node.js"))});
    const t1 = performance.now();
    if (!lib.validateOmniVideo(${req}).ok) throw new Error("first call failed");
    const t2 = performance.now();
    const media = await import(${JSON.stringify(join(pkgDir, "media", "index.node.js"))});
    const info = await media.probeImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 2, 0, 3, 0, 0, 0, 0]));
    if (info.format !== "gif") throw new Error("probeImage failed");
    console.log(JSON.stringify({ entry: t1 - t0, first: t2 - t1, media: performance.now() - t2 }));`;
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

/** In the page: the entry users import, until `ready` (fetch + compileStreaming + instantiate), or the steps through slim.js. */
async function pageSample({ req, split }) {
  const t0 = performance.now();
  if (!split) {
    const lib = await import("/pkg/index.js");
    await lib.ready;
    const t1 = performance.now();
    lib.validateOmniVideo(req);
    const t2 = performance.now();
    const media = await import("/pkg/media/index.js");
    await media.probeImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 2, 0, 3, 0, 0, 0, 0]));
    return { entry: t1 - t0, first: t2 - t1, media: performance.now() - t2 };
  }
  const lib = await import("/pkg/slim.js");
  const t1 = performance.now();
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
  const entry = [], split = [];
  for (let i = 0; i < rounds; i++) {
    entry.push(nodeSample(pkgDir, false));
    split.push(nodeSample(pkgDir, true));
  }
  const rows = [
    ["Node: `import` index.node.js (reads, compiles and instantiates the main .wasm)", ms(med(entry, "entry"))],
    ["Node: … then the first validateOmniVideo call", ms(med(entry, "first"))],
    ["Node: … then the first probeImage (imports kling-wasm/media and its .wasm)", ms(med(entry, "media"))],
    ["Node, step by step: import slim.js (JS glue only)", ms(med(split, "import"))],
    ["Node, step by step: WebAssembly.compile(bytes)", ms(med(split, "compile"))],
    ["Node, step by step: initSync({ module }) (instantiate)", ms(med(split, "instantiate"))],
    ["Node, step by step: first validateOmniVideo call", ms(med(split, "first"))],
    ["Node: compile + instantiate + first call", ms(median(split.map((s) => s.compile + s.instantiate + s.first)))],
  ];
  const notes = [`Node ${process.version}: ${rounds} fresh processes for each way, medians.`];
  const chrome = await chromiumSamples(pkgDir, rounds);
  if (chrome.skipped) {
    notes.push(`Chromium: skipped (${chrome.skipped}).`);
  } else {
    const { streaming: st, split: sp } = chrome;
    rows.push(
      ["Chromium: `import` index.js, then `await ready` (fetches the glue, then compileStreaming + instantiate)", ms(med(st, "entry"))],
      ["Chromium: … then the first validateOmniVideo call", ms(med(st, "first"))],
      ["Chromium: … then the first probeImage (imports kling-wasm/media, which loads its .wasm)", ms(med(st, "media"))],
      ["Chromium, step by step: import slim.js (JS glue only)", ms(med(sp, "import"))],
      ["Chromium, step by step: fetch the .wasm bytes", ms(med(sp, "fetch"))],
      ["Chromium, step by step: WebAssembly.compile(bytes)", ms(med(sp, "compile"))],
      ["Chromium, step by step: initSync({ module }) (instantiate)", ms(med(sp, "instantiate"))],
      ["Chromium, step by step: first validateOmniVideo call", ms(med(sp, "first"))],
    );
    notes.push(`Chromium ${chrome.version} (${CHROMIUM}, headless): a new browser context per sample, ${rounds} samples of each way, medians. The glue comes from a local server, so its import time is mostly module loading, not network.`);
  }
  return { title, headers: ["step", "median"], rows, notes, targets: [], data: { node: { entry, split }, chrome } };
}
