//! Next.js (App Router, Turbopack): a user's app (tests/packaging/fixtures/nextjs/, exact
//! versions, locked) with the packed `kling-wasm`: the proxy as a route handler
//! (app/kling/[...path]/route.ts, `createKlingProxy` from "kling-wasm/proxy") and validation in a
//! "use client" component (app/generate.tsx). `next build` once, then `next start`; Chromium
//! loads the page, reads the component's validation result as the user types, and creates a task
//! through the route handler against the Kling emulator, waiting until it succeeds.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../support/kling-emulator.mjs";
import { prepareFixture, timed } from "./fixtures.mjs";
import { freePort, launchChromium, listFiles } from "./support.mjs";

const AK = "ak-packaging";
const SK = "sk-packaging-0123456789abcdef";
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** Runs `next <args>` in `dir`; resolves its output, rejects with it on a non-zero exit. */
function next(dir, args) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", ...args], { cwd: dir, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? ok(out) : fail(new Error(`next ${args.join(" ")} exited ${code}:\n${out}`))));
  });
}

/** `next start` on a free port with `env`, resolved once it answers; `close()` stops that process. */
async function nextStart(dir, env) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    env: { ...ENV, ...env(url) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((ok) => child.on("exit", ok));
  const close = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${url}/`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await close();
      throw new Error(`next start did not answer in 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, close, output: () => out };
}

test("Next.js: route-handler proxy and a client component, built with next build, in Chromium against the emulator", async (t) => {
  const dir = await timed("nextjs: fixture", () => prepareFixture("nextjs"));
  await timed("nextjs: next build", () => next(dir, ["build"]));

  const files = listFiles(join(dir, ".next"));
  const clientWasm = files.filter((f) => f.startsWith("static/") && f.endsWith(".wasm"));
  assert.ok(clientWasm.some((f) => /kling_wasm_bg/.test(f)), `the main .wasm is a client asset: ${clientWasm}`);
  assert.ok(!clientWasm.some((f) => /proxy_bg/.test(f)), `the proxy .wasm never goes to the browser: ${clientWasm}`);
  // The app never imports "kling-wasm/media": its module is no client asset. (The server's copy
  // of the package under .next/node_modules/ is the whole package, as an external.)
  assert.ok(!clientWasm.some((f) => /media_bg/.test(f)), `no media .wasm among the client assets: ${clientWasm}`);
  assert.ok(existsSync(join(dir, ".next", "BUILD_ID")), "next build finished");

  const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 100, doneAfterMs: 400 } });
  let server;
  let browser;
  try {
    server = await timed("nextjs: next start", () =>
      nextStart(dir, (url) => ({ KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK, KLING_UPSTREAM: emu.url, APP_ORIGIN: url })));
    await timed("nextjs: Chromium checks", async () => {
      // Without the app's session the route handler refuses, before anything reaches Kling.
      const anonymous = await fetch(`${server.url}/kling/v1/videos/omni-video`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      assert.equal(anonymous.status, 401, "the route handler's authorize() refuses a caller without a session");

      browser = await launchChromium();
      const context = await browser.newContext();
      await context.addCookies([{ name: "session", value: "user-1", url: server.url }]);
      const page = await context.newPage();
      const errors = [];
      const wasm = [];
      page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(new URL(r.url()).pathname));
      page.on("pageerror", (e) => errors.push(String(e)));
      // Failed loads are reported by URL (Chromium asks for /favicon.ico by itself: not an error here).
      page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
      page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(`${r.status()} ${r.url()}`));
      await page.goto(server.url);
      const report = async () => {
        const h = await page.waitForFunction(() => document.querySelector("#report")?.textContent || null, null, { timeout: 15_000 });
        return JSON.parse(await h.jsonValue());
      };
      assert.deepEqual(await report(), { ok: true, errors: [] }, "the client component validates the initial request");
      await page.fill('input[aria-label="prompt"]', "");
      await page.waitForFunction(() => document.querySelector("#report")?.textContent.includes("/prompt"), null, { timeout: 5_000 });
      assert.deepEqual(await report(), { ok: false, errors: ["/prompt"] }, "an empty prompt is an error at /prompt");
      assert.equal(await page.isDisabled("button"), true, "an invalid request cannot be sent");

      await page.fill('input[aria-label="prompt"]', "a fox in the Next.js snow");
      await page.waitForFunction(() => document.querySelector("#report")?.textContent.includes('"ok":true'), null, { timeout: 5_000 });
      await page.click("button");
      const status = await page
        .waitForFunction(() => /^(succeed|failed|error)/.test(document.querySelector("#status")?.textContent ?? "") && document.querySelector("#status").textContent, null, { timeout: 30_000 })
        .then((h) => h.jsonValue());
      const [state, taskId, video] = status.split(" ");
      assert.equal(state, "succeed", `the task created through the route handler succeeded: ${status}`);
      assert.ok(video.startsWith(`${emu.url}/`), `the page shows the task's video: ${video}`);
      assert.deepEqual(errors, [], "no page errors");
      assert.equal(wasm.length, 1, `the page fetched one .wasm: ${wasm}`);
      assert.match(wasm[0], /^\/_next\/static\/media\/kling_wasm_bg[\w.-]*\.wasm$/, "the main module, as a client asset");

      const tasks = emu.tasks();
      assert.equal(tasks.length, 1, "one create reached the emulator");
      assert.equal(taskId, tasks[0].task.task_id, "the page saw the task it created");
      const create = emu.state.requests.find((r) => r.method === "POST");
      assert.equal(JSON.parse(create.body).prompt, "a fox in the Next.js snow", "the typed prompt was sent");
      assert.match(create.headers.authorization ?? "", /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, "the route handler signed the call (JWT)");
    });
  } finally {
    await browser?.close();
    await server?.close();
    await emu.close();
  }

  // The fixture's one setting, proven needed: the same app without serverExternalPackages fails
  // to build (Turbopack hands the package's Node entry a /_next/static/… URL that fs cannot
  // read). If this starts to pass, drop the setting from the fixture and the README.
  await t.test("without serverExternalPackages, next build fails to pre-render the page", async () => {
    // The type check already passed above; skipping it here saves ~12 s.
    writeFileSync(join(dir, "next.config.mjs"), `export default { distDir: ".next-bare", typescript: { ignoreBuildErrors: true } };\n`);
    const failure = await timed("nextjs: next build without the setting", () => next(dir, ["build"]).then(() => null, (e) => e.message));
    assert.ok(failure, "next build succeeded without serverExternalPackages: the setting is no longer needed");
    assert.match(failure, /The "path" argument must be of type string or an instance of Buffer or URL\. Received an instance of URL/, failure);
  });
});
