//! workerd (the Cloudflare Workers runtime): a worker importing `kling-wasm/proxy` and
//! `kling-wasm` by name, bundled as wrangler does (esbuild with the "workerd" and "worker"
//! conditions, each imported .wasm kept as a module of its own), then initialised with
//! `initSync({ module })`. The proxy signs and forwards a create to the Kling emulator.

import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { appDir, bundleWorker } from "./support.mjs";

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), "../../examples/cloudflare-worker/src/worker.mjs");
const AK = "ak-packaging";
const SK = "sk-packaging-0123456789abcdef";

const WORKER = `import { initSync as initProxy, createKlingProxy, KlingError as ProxyKlingError } from "kling-wasm/proxy";
import proxyWasm from "kling-wasm/proxy_bg.wasm";
import { initSync, buildOmniVideoBody, KlingError, validateOmniVideo } from "kling-wasm";
import mainWasm from "kling-wasm/kling_wasm_bg.wasm";

initProxy({ module: proxyWasm });
initSync({ module: mainWasm });

let proxy;
export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/check") {
      let fromMain, fromProxy;
      try { buildOmniVideoBody({ prompt: "" }); } catch (e) { fromMain = e; }
      try { createKlingProxy({}); } catch (e) { fromProxy = e; }
      return Response.json({
        valid: validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok,
        mainError: fromMain instanceof KlingError && fromMain.code,
        proxyError: fromProxy instanceof KlingError && fromProxy.code,
        oneClass: ProxyKlingError === KlingError,
      });
    }
    proxy ??= createKlingProxy({ upstream: env.KLING_UPSTREAM, accessKey: env.KLING_ACCESS_KEY, secretKey: env.KLING_SECRET_KEY, allowAnonymous: true });
    return proxy.fetch(request);
  },
};
`;

test("workerd: the proxy entry + initSync signs and forwards; the main entry validates; one KlingError", async () => {
  const app = appDir();
  writeFileSync(join(app, "worker.mjs"), WORKER);
  const { entry, wasmDir } = await bundleWorker(app, "worker", join(app, "worker.mjs"));
  const emu = await startEmulator({ accessKey: AK, secretKey: SK });
  const wd = await startWorkerd({ entry, pkgDir: wasmDir, bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK } });
  try {
    const check = await (await fetch(`${wd.url}/check`)).json();
    assert.deepEqual(check, { valid: true, mainError: "validation_failed", proxyError: "config_error", oneClass: true });
    const res = await fetch(`${wd.url}/kling/v1/videos/omni-video`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" }),
    });
    const env = await res.json();
    assert.equal(res.status, 200, JSON.stringify(env));
    assert.equal(env.code, 0);
    assert.equal(typeof env.data.task_id, "string");
    const creates = emu.state.requests.filter((r) => r.method === "POST");
    assert.equal(creates.length, 1, "one signed create reached the emulator");
    assert.match(creates[0].headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  } finally {
    await wd.stop();
    await emu.close();
  }
});

test("examples/cloudflare-worker bundles against the package and runs: a caller without a session is refused", async () => {
  const { entry, wasmDir } = await bundleWorker(appDir(), "example", EXAMPLE);
  const bindings = {
    KLING_UPSTREAM: "http://127.0.0.1:9", KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK, SESSION_SECRET: "s",
    ALLOWED_ORIGINS: "https://app.example", PUBLIC_URL: "https://proxy.example",
    BUDGET_USD: "5", MAX_TASKS_IN_FLIGHT: "3",
  };
  // The example keeps each user's budget in a Durable Object (wrangler.toml's KLING_STORE).
  const wd = await startWorkerd({ entry, pkgDir: wasmDir, bindings, durableObjects: { KLING_STORE: "KlingStoreObject" } });
  try {
    const res = await fetch(`${wd.url}/kling/v1/videos/omni-video/123`);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).code, 1000);
  } finally {
    await wd.stop();
  }
});
