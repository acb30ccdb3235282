//! Time to first validation of a built Vite page, in Chromium: from navigation start to the first
//! validation result that is not `not_ready` (the page validates at once, and again when `ready`
//! resolves; with a package whose entry blocks on top-level await, the first call is the result).
//! Also when the app's own module starts running (what a blocking entry holds back: the first
//! render). Each load is a fresh browser context (no HTTP or code cache), the build served gzipped by
//! a local node:http server (.wasm as application/wasm); unthrottled, and on an emulated 1.6 Mbps link.
//!
//!   node benches/first-validation.mjs [pkgDir ...]   e.g. pkg-release and an older build, to compare
//! (the page is built with the repository's Vite, the package linked into a temp project). Not
//! one of `npm run bench`'s nine: it compares builds; BENCHMARKS.md "Start-up" has its figures.

import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fmtTime, median } from "./lib/measure.mjs";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
// 1.6 Mbps down / 750 kbps up, 150 ms round trip: Chrome DevTools' "Slow 4G"-like preset the issue's user measured on.
const SLOW = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const PAGE = `import * as lib from "kling-wasm";
const appStart = performance.now();
const req = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };
const attempt = () => {
  const r = lib.validateOmniVideo(req);
  return r.issues.some((i) => i.code === "not_ready") ? null : r;
};
const done = (r) => (window.timing = { appStart, firstValidation: performance.now(), ok: r.ok });
const first = attempt();
if (first) done(first);
else lib.ready.then(() => done(attempt()));
`;

/** Builds the page against the package in `pkgDir`; returns the dist directory (under a temp dir to remove). */
async function buildPage(pkgDir) {
  const base = mkdtempSync(join(tmpdir(), "kling-ttfv-"));
  mkdirSync(join(base, "node_modules"));
  symlinkSync(resolve(pkgDir), join(base, "node_modules", "kling-wasm"), "dir");
  writeFileSync(join(base, "package.json"), JSON.stringify({ name: "ttfv", private: true, type: "module" }));
  writeFileSync(join(base, "index.html"), `<!doctype html><meta charset="utf-8"><title>ttfv</title><p>page</p><script type="module" src="/main.js"></script>\n`);
  writeFileSync(join(base, "main.js"), PAGE);
  const { build } = await import("vite");
  await build({ root: base, configFile: false, logLevel: "silent", build: { outDir: join(base, "dist"), emptyOutDir: true } });
  return { base, dist: join(base, "dist") };
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
    // gzip, as a real host sends it (the throttled link then carries what users download)
    const gz = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gz ? gzipSync(readFileSync(file), { level: 9 }) : readFileSync(file);
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
    res.writeHead(200, gz ? { ...headers, "content-encoding": "gzip" } : headers).end(body);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) })));
}

/** `rounds` fresh loads of `url`; each { appStart, firstValidation } in ms from navigation start. */
async function loads(browser, url, rounds, network) {
  const out = [];
  for (let i = 0; i < rounds; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (network) await (await context.newCDPSession(page)).send("Network.emulateNetworkConditions", network);
    await page.goto(url);
    await page.waitForFunction(() => window.timing, null, { timeout: 60_000 });
    const t = await page.evaluate(() => window.timing);
    if (t.ok !== true) throw new Error("the page's request did not validate");
    out.push(t);
    await context.close();
  }
  return out;
}

/** Medians for each package directory: [{ pkgDir, fast: {appStart, firstValidation}, slow: {...} }]. */
export async function measure(pkgDirs, { rounds = 21, slowRounds = 7 } = {}) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const results = [];
  try {
    for (const pkgDir of pkgDirs) {
      const { base, dist } = await buildPage(pkgDir);
      const server = await serve(dist);
      try {
        const med = (xs, k) => median(xs.map((x) => x[k]));
        const fast = await loads(browser, server.url, rounds);
        const slow = await loads(browser, server.url, slowRounds, SLOW);
        results.push({
          pkgDir,
          fast: { appStart: med(fast, "appStart"), firstValidation: med(fast, "firstValidation") },
          slow: { appStart: med(slow, "appStart"), firstValidation: med(slow, "firstValidation") },
        });
      } finally {
        await server.close();
        rmSync(base, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  return { results, version: browser.version() };
}

const ms = (x) => fmtTime(x * 1e6);

if (import.meta.url === `file://${process.argv[1]}`) {
  const dirs = process.argv.slice(2);
  const { results, version } = await measure(dirs.length ? dirs : ["pkg-release"]);
  console.log(`Chromium ${version}`);
  for (const r of results) {
    console.log(`${r.pkgDir}: local app start ${ms(r.fast.appStart)}, first validation ${ms(r.fast.firstValidation)}; 1.6 Mbps: app start ${ms(r.slow.appStart)}, first validation ${ms(r.slow.firstValidation)}`);
  }
}
