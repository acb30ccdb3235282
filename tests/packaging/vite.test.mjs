//! A Vite production build of a tiny app that imports `kling-wasm`, loaded in Chromium: the
//! bundler resolves the package's browser entry, emits both .wasm files as assets, and splits the
//! media module into a chunk loaded on the first probe.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPage } from "./browser.mjs";
import { appDir, launchChromium, listFiles, PAGE_SCRIPT, runPage, serveStatic } from "./support.mjs";

test("Vite build in Chromium: validate and build on load, probeImage loads the media chunk on first call", async () => {
  const root = join(appDir(), "vite");
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "index.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm Vite</title>
<script type="module" src="/main.js"></script>
`);
  writeFileSync(join(root, "main.js"), PAGE_SCRIPT);
  // A page that imports only functions the entry re-exports: the entry's initialisation must
  // survive tree-shaking (with "sideEffects": false, Rollup drops it and the call fails).
  writeFileSync(join(root, "minimal.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm Vite, one import</title>
<script type="module">
import { validateOmniVideo } from "kling-wasm";
try {
  window.minimal = validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok;
} catch (e) {
  window.minimal = String(e);
}
</script>
`);
  const { build } = await import("vite");
  const dist = join(root, "dist");
  const input = { main: join(root, "index.html"), minimal: join(root, "minimal.html") };
  await build({ root, configFile: false, logLevel: "warn", build: { outDir: dist, emptyOutDir: true, rollupOptions: { input } } });
  const wasm = listFiles(dist).filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 2, `the main and media .wasm, not the proxy's: ${wasm}`);
  assert.ok(wasm.some((f) => /kling_wasm_bg/.test(f)) && wasm.some((f) => /media_bg/.test(f)), `${wasm}`);

  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    checkPage(await runPage(browser, `${server.url}/`));
    const page = await browser.newPage();
    await page.goto(`${server.url}/minimal.html`);
    await page.waitForFunction(() => window.minimal !== undefined, null, { timeout: 15_000 });
    assert.equal(await page.evaluate(() => window.minimal), true, "validate works when it is the only import");
  } finally {
    await browser.close();
    await server.close();
  }
});
