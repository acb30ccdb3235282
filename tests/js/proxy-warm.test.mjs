// The proxy's warm-up (`warmUp()`): its canned create, query and lists run through the very host
// real requests use (src/bindings/proxy_exec.rs), each to a 200, with nothing sent; the proxy then
// serves real requests as before (the warm-up's proxy and requests are gone from the registry).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AK, SK, VALID, byBearer, createKlingProxy, glue } from "../support/proxy-rig.mjs";
import { PKG_DIR } from "./load-pkg.mjs";

let emu;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK });
});

after(async () => {
  await emu?.close();
});

test("warm-up: four canned requests run to a 200 on the real host; nothing reaches upstream; requests still work", async () => {
  assert.equal(glue.__kwWarmUp(), 4);
  assert.equal(glue.__kwWarmUp(), 4, "a second warm-up runs the same");
  assert.equal(emu.state.requests.length, 0);
  const proxy = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer });
  const res = await proxy.fetch(new Request("http://proxy.test/kling/v1/videos/omni-video", {
    method: "POST",
    headers: { authorization: "Bearer user-alice", "content-type": "application/json" },
    body: JSON.stringify(VALID),
  }));
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(emu.state.requests.length, 1);
});

test("warmUp(): the driver's canned query and create (a worker makes its proxy at its first request) answer 200; nothing reaches upstream", async () => {
  const driver = await import(pathToFileURL(join(PKG_DIR, "proxy", "warm.js")).href);
  const before = emu.state.requests.length;
  driver.warmUp();
  assert.deepEqual(await driver.__kwDriverWarmed(), [200, 200]);
  assert.equal(emu.state.requests.length, before);
  // The instance was not replaced: a proxy made before the warm-up still serves.
  const proxy = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer });
  driver.warmUp();
  const res = await proxy.fetch(new Request("http://proxy.test/kling/v1/videos/omni-video/nope", { headers: { authorization: "Bearer user-alice" } }));
  assert.equal(res.status, 404);
});
