//! The demo's servers without a browser: `node scripts/start.mjs` (the npm start command) serves
//! the page, the package and the proxy on one port, refuses callers without the page's session,
//! and stops everything on SIGINT; with keys and KLING_UPSTREAM the proxy goes to that upstream
//! (here a second emulator standing in for the real API) instead of starting the emulator.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { startDemo, upstreamFromEnv } from "../../scripts/demo-server.mjs";
import { startEmulator } from "../support/kling-emulator.mjs";

const START = fileURLToPath(new URL("../../scripts/start.mjs", import.meta.url));
const REQUEST = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" };

const refused = (url) => fetch(url).then(() => false, () => true);
const cookieOf = (res) => res.headers.get("set-cookie").split(";")[0];

test("npm start: one port for page, package and proxy; SIGINT stops all of it", async () => {
  const child = spawn(process.execPath, [START, "--no-setup", "--no-build", "--port", "0", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = [];
  const urls = {};
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    urls.emulator ??= /emulator at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    urls.demo ??= /demo is at (http:\/\/127\.0\.0\.1:\d+)\//.exec(line)?.[1];
    if (urls.demo) break;
  }
  assert.ok(urls.demo && urls.emulator, lines.join("\n"));

  const page = await fetch(`${urls.demo}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<script type="module" src="main.js">/);
  const wasm = await fetch(`${urls.demo}/pkg/kling_wasm_bg.wasm`, { method: "HEAD" });
  assert.equal(wasm.headers.get("content-type"), "application/wasm");
  assert.equal((await fetch(`${urls.demo}/pkg/package.json`)).status, 200);
  assert.equal((await fetch(`${urls.demo}/pkg/..%2fCargo.toml`)).status, 404, "nothing outside www/ and pkg/");

  const create = (headers) => fetch(`${urls.demo}/kling/v1/videos/omni-video`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(REQUEST) });
  assert.equal((await create({})).status, 401, "no session cookie: refused");
  const created = await create({ cookie: cookieOf(page), origin: urls.demo });
  assert.equal(created.status, 200);
  assert.match((await created.json()).data.task_id, /^\d+$/);
  assert.equal((await create({ cookie: cookieOf(page), origin: "http://evil.example" })).status, 403, "another origin: refused");
  // The account line's query: the proxy's authorizeAccount hook lets the page's session read it.
  const costs = (headers) => fetch(`${urls.demo}/kling/account/costs?start_time=0&end_time=${Date.now()}`, { headers });
  const units = await costs({ cookie: cookieOf(page), origin: urls.demo });
  assert.equal(units.status, 200);
  assert.ok((await units.json()).data.resource_pack_subscribe_infos.length > 0);
  assert.equal((await costs({})).status, 401, "no session cookie: refused");

  child.kill("SIGINT");
  const [code] = await once(child, "exit");
  assert.equal(code, 0);
  assert.ok(await refused(`${urls.demo}/`), "the page server is closed");
  assert.ok(await refused(`${urls.emulator}/v1/videos/omni-video`), "the emulator is closed");
});

test("with keys and KLING_UPSTREAM the proxy signs for that upstream and no emulator starts", async (t) => {
  const real = await startEmulator({ apiKey: "real-api-key" });
  t.after(() => real.close());
  const demo = await startDemo({ port: 0, env: { KLING_API_KEY: "real-api-key", KLING_UPSTREAM: real.url } });
  t.after(() => demo.close());
  assert.equal(demo.real, true);
  assert.equal(demo.emulator, null);
  const page = await fetch(`${demo.url}/`);
  const res = await fetch(`${demo.url}/kling/v1/videos/omni-video`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: cookieOf(page), origin: demo.url },
    body: JSON.stringify(REQUEST),
  });
  assert.equal(res.status, 200);
  assert.equal(real.tasks().length, 1);
  assert.equal(real.state.requests[0].headers.authorization, "Bearer real-api-key");
  assert.equal(JSON.parse(real.state.requests[0].body).callback_url, undefined, "Kling cannot call back to 127.0.0.1");
});

test("which upstream the environment asks for", () => {
  assert.equal(upstreamFromEnv({}).real, false);
  const keysOnly = upstreamFromEnv({ KLING_ACCESS_KEY: "a", KLING_SECRET_KEY: "s" });
  assert.equal(keysOnly.real, false, "keys without KLING_UPSTREAM never reach the paid API");
  assert.match(keysOnly.note, /KLING_UPSTREAM/);
  assert.equal(upstreamFromEnv({ KLING_ACCESS_KEY: "a", KLING_UPSTREAM: "https://x" }).real, false, "half a key pair is no credential");
  assert.deepEqual(upstreamFromEnv({ KLING_ACCESS_KEY: "a", KLING_SECRET_KEY: "s", KLING_UPSTREAM: "https://x" }), {
    real: true, url: "https://x", credentials: { accessKey: "a", secretKey: "s" },
  });
});
