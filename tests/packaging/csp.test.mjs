//! The Content-Security-Policy the package needs (README "Content-Security-Policy"): a page served
//! with `script-src 'self' 'wasm-unsafe-eval'` loads the module and validates; the same page with
//! `script-src 'self'` cannot compile WebAssembly, and `ready` rejects with KlingError
//! "load_failed" whose message names the missing source. Chromium, the installed package, by path.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appDir, launchChromium, serveStatic } from "./support.mjs";

const PAGE = `import { ready, validateOmniVideo } from "/node_modules/kling-wasm/index.js";
ready.then(
  () => (window.result = { ok: validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok }),
  (e) => (window.result = { code: e.code, message: e.message }),
);
`;

test("CSP: 'wasm-unsafe-eval' in script-src is what the wasm needs; without it ready rejects with load_failed", async (t) => {
  const app = appDir();
  const site = join(app, "csp");
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, "index.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm CSP</title>\n<script type="module" src="./page.js"></script>\n`);
  writeFileSync(join(site, "page.js"), PAGE);
  const browser = await launchChromium();
  try {
    const load = async (csp) => {
      const server = await serveStatic(app, { "content-security-policy": csp });
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}/csp/`);
        await page.waitForFunction(() => window.result, null, { timeout: 15_000 });
        return await page.evaluate(() => window.result);
      } finally {
        await page.close();
        await server.close();
      }
    };
    assert.deepEqual(await load("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"), { ok: true });
    const refused = await load("default-src 'self'; script-src 'self'");
    assert.equal(refused.code, "load_failed", JSON.stringify(refused));
    assert.match(refused.message, /'wasm-unsafe-eval'/, "the error names what the policy lacks");
    t.diagnostic(refused.message);
  } finally {
    await browser.close();
  }
});
