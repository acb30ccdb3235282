//! Benchmark 10: time to first validation in the built React form example (examples/react-form):
//! from navigation start to the first real validation result on the page (a form's status line
//! leaves "loading" for "valid"/"invalid", i.e. omniVideoSchema answered with the module ready),
//! beside when the form first rendered and when the .wasm had arrived. The example is installed
//! with the release package's tarball and built with its own Vite, then served by its own
//! server.mjs (gzip, as a production server would) over loopback; a new browser context (cold
//! HTTP and code caches) per page load. Then the same over a throttled link (1.6 Mbps down,
//! 750 kbps up, 150 ms latency: CDP's Network.emulateNetworkConditions), to show the page renders
//! before the .wasm arrives. Needs npm to reach the registry or its cache for the example's
//! packages (React, Vite, the form libraries: pinned by its package-lock.json).

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fmtTime, median, quantile } from "./lib/measure.mjs";
import { startEmulator } from "../tests/support/kling-emulator.mjs";
import { checkAndBuild, installExample, packTarball } from "../tests/packaging/react-form-app.mjs";

export const title = "10. Time to first validation in the React form example";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const KEYS = { accessKey: "bench-ak", secretKey: "bench-secret-0123456789abcdef" };
const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

/** Runs in the page before its scripts: notes when a status line first appears and first shows a result. */
function observe() {
  const t = (window.__form = {});
  new MutationObserver(() => {
    const state = document.querySelector(".status[data-state]")?.getAttribute("data-state");
    if (state && t.render === undefined) t.render = performance.now();
    if ((state === "valid" || state === "invalid") && t.validated === undefined) t.validated = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

/** One cold page load: ms from navigation start to render, .wasm arrived, first validation. */
async function sample(browser, url, throttle) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (throttle) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", throttle);
    }
    await page.addInitScript(observe);
    await page.goto(url);
    await page.waitForFunction(() => window.__form?.validated !== undefined, null, { timeout: 60_000 });
    return await page.evaluate(() => ({
      ...window.__form,
      wasm: performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"))?.responseEnd,
    }));
  } finally {
    await context.close();
  }
}

const ms = (x) => fmtTime(x * 1e6);
const cell = (xs) => `${ms(median(xs))} (${ms(quantile(xs, 0.25))}–${ms(quantile(xs, 0.75))})`;

export async function run({ pkgDir }, { rounds = 15 } = {}) {
  if (!existsSync(CHROMIUM)) return { title, headers: [], rows: [], notes: [`skipped: ${CHROMIUM} not found`], targets: [] };
  const tmp = mkdtempSync(join(tmpdir(), "kling-bench-form-"));
  let emulator, server, browser;
  try {
    const dir = installExample(packTarball(pkgDir, tmp), join(tmp, "react-form"));
    checkAndBuild(dir);
    emulator = await startEmulator(KEYS);
    const { startServer } = await import(pathToFileURL(join(dir, "server.mjs")).href);
    server = await startServer({ upstream: emulator.url, ...KEYS });
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    await sample(browser, `${server.url}/`, null); // warms the server's gzip cache, not the browser
    const loopback = [];
    const slow = [];
    for (let i = 0; i < rounds; i++) loopback.push(await sample(browser, `${server.url}/`, null));
    for (let i = 0; i < rounds; i++) slow.push(await sample(browser, `${server.url}/`, SLOW_LINK));
    const rowOf = (name, xs) => [name, cell(xs.map((s) => s.render)), cell(xs.map((s) => s.wasm)), cell(xs.map((s) => s.validated))];
    const rendersFirst = slow.filter((s) => s.render < s.wasm).length;
    return {
      title,
      headers: ["network", "form rendered", ".wasm arrived", "first validation result"],
      rows: [rowOf("loopback (127.0.0.1)", loopback), rowOf("1.6 Mbps, 150 ms latency (CDP throttling)", slow)],
      notes: [
        `Chromium ${browser.version()} headless; ${rounds} cold page loads per network (a new browser context each), median (25th–75th percentile), ms from navigation start.`,
        "The built examples/react-form (React 19, react-hook-form, TanStack Form, Vite production build) with the release package, served gzipped by the example's server.mjs.",
        `"first validation result": a form's status line first shows what omniVideoSchema found (once \`ready\` settled); before that it reads "loading" while the form already takes input.`,
        `On the 1.6 Mbps link the form rendered before the .wasm had arrived in ${rendersFirst} of ${rounds} loads.`,
      ],
      targets: [],
      data: { loopback, slow },
    };
  } finally {
    await browser?.close();
    await server?.close();
    await emulator?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
