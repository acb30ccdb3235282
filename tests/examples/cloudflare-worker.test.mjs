//! examples/cloudflare-worker as its README runs it: `wrangler dev` (local mode: workerd, no
//! Cloudflare account, nothing sent to Cloudflare) with a .dev.vars made from the documented
//! .dev.vars.example, pointed at the Kling emulator. A client with the example's bearer session
//! creates a task through the worker and waits until it is done; Kling's callbacks reach the worker;
//! a caller without a session gets the proxy's 401, once (not retried). The user's budget (the
//! Durable Object store, BUDGET_USD set to one create's price here) then refuses the next create,
//! once, with nothing sent to Kling; another user's budget is untouched.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { probePrice } from "../support/store-price.mjs";
import { appDir } from "../packaging/support.mjs";
import { copyExample, freePort, startWrangler } from "./support.mjs";

/** KEY=value lines of a .dev.vars file (comments and blank lines skipped). */
function parseDevVars(text) {
  return Object.fromEntries(text.split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

/** The installed package's "node" entry, as `import "kling-wasm"` (or a subpath) in the user's project resolves it. */
async function importPackage(subpath = ".") {
  const dir = join(appDir(), "node_modules/kling-wasm");
  const entry = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).exports[subpath].node;
  return import(pathToFileURL(join(dir, entry)).href);
}

const valid = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };

test("examples/cloudflare-worker: wrangler dev with .dev.vars.example against the emulator, create -> waitForTask done", async () => {
  const dir = copyExample("cloudflare-worker");
  const example = parseDevVars(readFileSync(join(dir, ".dev.vars.example"), "utf8"));
  const toml = readFileSync(join(dir, "wrangler.toml"), "utf8");
  const read = new Set([...readFileSync(join(dir, "src/worker.mjs"), "utf8").matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]));
  for (const name of read) {
    // A variable (`NAME = "…"`) or a binding (`name = "NAME"`, the Durable Object namespace).
    const inToml = new RegExp(`^${name} = `, "m").test(toml) || new RegExp(`^name = "${name}"$`, "m").test(toml);
    assert.ok(name in example || inToml, `the worker reads env.${name}: .dev.vars.example or wrangler.toml gives it`);
  }
  for (const name of ["KLING_UPSTREAM", "KLING_ACCESS_KEY", "KLING_SECRET_KEY", "SESSION_SECRET", "PUBLIC_URL"]) {
    assert.ok(example[name], `.dev.vars.example sets ${name} for local development`);
  }
  assert.match(example.KLING_UPSTREAM, /^http:\/\/127\.0\.0\.1:\d+$/, "development goes to the local emulator, not Kling");

  // The emulator accepts exactly the example file's keys; only the ports differ from the file.
  const emu = await startEmulator({ accessKey: example.KLING_ACCESS_KEY, secretKey: example.KLING_SECRET_KEY });
  const port = await freePort();
  // One create's price (as the package's proxy reserves it; probed against an emulator of its own)
  // as the budget: the second create of the same user is refused.
  const probeEmu = await startEmulator({ accessKey: "probe-ak", secretKey: "probe-sk" });
  const price = await probePrice(await importPackage("./proxy"), { upstream: probeEmu.url, accessKey: "probe-ak", secretKey: "probe-sk" }, valid).finally(() => probeEmu.close());
  const vars = { ...example, KLING_UPSTREAM: emu.url, PUBLIC_URL: `http://127.0.0.1:${port}`, BUDGET_USD: String(price.reserved / 1e6) };
  writeFileSync(join(dir, ".dev.vars"), Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(""));
  const t0 = Date.now();
  const worker = await startWrangler(dir, port);
  const startMs = Date.now() - t0;
  try {
    const { KlingClient, KlingError } = await importPackage();
    // The example's helper mints a session from .dev.vars, as its README shows.
    const session = execFileSync(process.execPath, ["session-token.mjs", "alice"], { cwd: dir, encoding: "utf8" }).trim();
    const client = new KlingClient({ baseUrl: `${worker.url}/kling`, auth: { kind: "proxy", headers: { authorization: `Bearer ${session}` } } });
    const task = await client.createOmniVideo(valid);
    const done = await client.waitForTask("omni-video", task.task_id, { timeoutMs: 30_000 });
    assert.equal(done.task_status, "succeed");
    assert.match(done.task_result.videos[0].url, new RegExp(`^${emu.url}/files/`));

    const creates = emu.state.requests.filter((r) => r.method === "POST");
    assert.equal(creates.length, 1, "one create reached Kling");
    assert.match(creates[0].headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/, "signed by the worker (an HS256 JWT)");
    assert.ok(emu.state.requests.every((r) => !r.headers.authorization.includes(session)), "the app's session never goes upstream");
    // Kling's callbacks come back to PUBLIC_URL; onTaskUpdate logs each confirmed status.
    const deadline = Date.now() + 10_000;
    while (!worker.logs.join("").includes(`task ${task.task_id} of alice: succeed`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(worker.logs.join("").includes(`task ${task.task_id} of alice: succeed`), `onTaskUpdate heard the callback:\n${worker.logs.join("")}`);

    // Without a session, and with a forged one: the proxy's own 401, asked once.
    for (const headers of [{}, { authorization: `Bearer alice.${"0".repeat(64)}` }]) {
      let calls = 0;
      const anonymous = new KlingClient({
        baseUrl: `${worker.url}/kling`, auth: { kind: "proxy", headers },
        fetch: (...args) => (calls++, fetch(...args)),
      });
      const e = await anonymous.createOmniVideo(valid).then(() => null, (err) => err);
      assert.ok(e instanceof KlingError, String(e));
      assert.equal(e.status, 401);
      assert.equal(e.source, "proxy");
      assert.equal(e.retryable, false);
      assert.equal(calls, 1, "a permanent refusal is not retried");
    }
    assert.equal(emu.state.requests.filter((r) => r.method === "POST").length, 1, "nothing more reached Kling");

    // The budget, kept in alice's Durable Object: spent by the first create, so the next is the
    // proxy's refusal, asked once; bob's budget is his own.
    let calls = 0;
    const again = new KlingClient({
      baseUrl: `${worker.url}/kling`, auth: { kind: "proxy", headers: { authorization: `Bearer ${session}` } },
      fetch: (...args) => (calls++, fetch(...args)),
    });
    const refused = await again.createOmniVideo(valid).then(() => null, (err) => err);
    assert.ok(refused instanceof KlingError, String(refused));
    assert.deepEqual([refused.status, refused.source, refused.reason, refused.retryable, calls], [402, "proxy", "budget_exceeded", false, 1], refused.message);
    assert.equal(emu.state.requests.filter((r) => r.method === "POST").length, 1, "the refused create never reached Kling");
    const bob = execFileSync(process.execPath, ["session-token.mjs", "bob"], { cwd: dir, encoding: "utf8" }).trim();
    const bobs = new KlingClient({ baseUrl: `${worker.url}/kling`, auth: { kind: "proxy", headers: { authorization: `Bearer ${bob}` } } });
    assert.equal(typeof (await bobs.createOmniVideo(valid)).task_id, "string", "bob's budget is untouched by alice's");
    console.log(`# wrangler dev ready in ${startMs} ms`);
  } finally {
    await worker.stop();
    await emu.close();
  }
});
