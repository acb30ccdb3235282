//! Plain browser ESM in Chromium: an import map points `kling-wasm` at the installed package's
//! browser entries (as a page without a bundler does), and the page imports them by name.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPage } from "./browser.mjs";
import { appDir, launchChromium, PAGE_SCRIPT, runPage, serveStatic } from "./support.mjs";

test("plain ESM in Chromium: not_ready at import, validate and build once ready, probeImage loads the media module on first call", async () => {
  const app = appDir();
  const meta = JSON.parse(readFileSync(join(app, "node_modules/kling-wasm/package.json"), "utf8"));
  const entry = meta.exports["."].browser;
  assert.equal(typeof entry, "string", "the package names a browser entry");
  const site = join(app, "esm");
  mkdirSync(site, { recursive: true });
  const at = (key) => `/node_modules/kling-wasm/${meta.exports[key].browser.replace(/^\.\//, "")}`;
  const imports = { "kling-wasm": at("."), "kling-wasm/media": at("./media") };
  writeFileSync(join(site, "index.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm ESM</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module" src="./page.js"></script>
`);
  writeFileSync(join(site, "page.js"), PAGE_SCRIPT);
  const server = await serveStatic(app);
  const browser = await launchChromium();
  try {
    checkPage(await runPage(browser, `${server.url}/esm/`));
  } finally {
    await browser.close();
    await server.close();
  }
});
