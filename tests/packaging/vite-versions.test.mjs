//! Vite 5, 6, 7 and 8, each in its dev server and its production build, with no config file (the
//! package must work unchanged), each page loaded in Chromium asserting a validation result.
//! Each version is installed by `npm ci` from its committed lock (vite-versions/viteN/) into a
//! project of its own, with the packed kling-wasm copied into its node_modules as npm extracts it.
//! Also proves the media split: a build of a page importing only "kling-wasm" emits no
//! media_bg.wasm; the page importing "kling-wasm/media" emits it (and loads it on the first probe).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkPage } from "./browser.mjs";
import { appDir, freePort, launchChromium, listFiles, PAGE_SCRIPT, runPage, serveStatic } from "./support.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, "vite-versions");
const VERSIONS = readdirSync(FIXTURES).filter((d) => /^vite\d+$/.test(d)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));

const MINIMAL = `<!doctype html><meta charset="utf-8"><title>kling-wasm, main entry only</title>
<script type="module">
// Only names the main entry exports, and no probes: the entry's start must survive tree-shaking,
// and the media module must not be emitted.
import { ready, validateOmniVideo } from "kling-wasm";
ready.then(
  () => (window.minimal = validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok),
  (e) => (window.minimal = String(e)),
);
</script>
`;

let browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser?.close());

const run = (cmd, args, cwd) =>
  new Promise((resolve, reject) =>
    execFile(cmd, args, { cwd, encoding: "utf8", timeout: 300_000, env: { ...process.env, NO_COLOR: "1" } }, (e, stdout, stderr) =>
      e ? reject(new Error(`${cmd} ${args.join(" ")}: ${e.message}\n${stdout}\n${stderr}`)) : resolve(`${stdout}${stderr}`)),
  );

/** A project with this Vite version (npm ci from its lock) and the packed kling-wasm; the two apps written. */
async function project(version) {
  const dir = join(dirname(appDir()), version);
  mkdirSync(dir, { recursive: true });
  for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(FIXTURES, version, f), join(dir, f));
  await run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], dir);
  cpSync(join(appDir(), "node_modules", "kling-wasm"), join(dir, "node_modules", "kling-wasm"), { recursive: true, dereference: true });
  writeFileSync(join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><title>kling-wasm ${version}</title>\n<script type="module" src="/main.js"></script>\n`);
  writeFileSync(join(dir, "main.js"), PAGE_SCRIPT);
  mkdirSync(join(dir, "main-only"), { recursive: true });
  writeFileSync(join(dir, "main-only", "index.html"), MINIMAL);
  return dir;
}

/** `vite` (the dev server, no config) in `dir` until `use(url)` ends. */
async function withDevServer(dir, use) {
  const port = await freePort();
  const child = spawn(process.execPath, ["node_modules/vite/bin/vite.js", "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let t0 = Date.now(); ; ) {
      if (child.exitCode !== null) throw new Error(`vite dev exited: ${log}`);
      if (await fetch(url).then((r) => r.ok, () => false)) break;
      if (Date.now() - t0 > 30_000) throw new Error(`vite dev did not answer within 30 s: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return await use(url);
  } catch (e) {
    e.message += `\n--- vite dev output:\n${log}`;
    throw e;
  } finally {
    child.kill();
  }
}

const WASM = (files) => files.filter((f) => f.endsWith(".wasm")).map((f) => f.split("/").pop());

for (const version of VERSIONS) {
  test(`${version.replace("vite", "Vite ")}: dev server and build, no config, a validation in Chromium`, async (t) => {
    const dir = await project(version);
    const { version: installed } = JSON.parse(readFileSync(join(dir, "node_modules/vite/package.json"), "utf8"));
    assert.equal(`vite${installed.split(".")[0]}`, version, `npm ci installed vite ${installed}`);

    // Dev: the dependency pre-bundler moves the entry into node_modules/.vite/deps.
    const dev = await withDevServer(dir, (url) => runPage(browser, `${url}/`));
    checkPage(dev);
    // (where the dev page found the .wasm: after a miss in .vite/deps when the pre-bundler moved the entry)
    t.diagnostic(`${version} dev .wasm requests: ${dev.before.join(", ")}`);

    // Build: the page with the probes (both .wasm emitted), and one importing only "kling-wasm".
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], dir);
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", "main-only", "--logLevel", "warn"], dir);
    const full = WASM(listFiles(join(dir, "dist")));
    assert.ok(full.some((f) => /^kling_wasm_bg/.test(f)) && full.some((f) => /^media_bg/.test(f)), `the main and media .wasm: ${full}`);
    assert.ok(!full.some((f) => /^proxy_bg/.test(f)), `never the proxy's: ${full}`);
    const mainOnly = WASM(listFiles(join(dir, "main-only", "dist")));
    assert.deepEqual(mainOnly.map((f) => f.replace(/[-.][\w-]+\.wasm$/, "")), ["kling_wasm_bg"], `an app importing only "kling-wasm" emits only the main .wasm: ${mainOnly}`);

    for (const [site, check] of [
      [join(dir, "dist"), async (url) => checkPage(await runPage(browser, `${url}/`))],
      [join(dir, "main-only", "dist"), async (url) => {
        const page = await browser.newPage();
        await page.goto(`${url}/`);
        await page.waitForFunction(() => window.minimal !== undefined, null, { timeout: 15_000 });
        assert.equal(await page.evaluate(() => window.minimal), true, "validate works when it is the only import");
        await page.close();
      }],
    ]) {
      const server = await serveStatic(site);
      try {
        await check(server.url);
      } finally {
        await server.close();
      }
    }
  });
}
