// Issue 16, the proxy's ownership of account-wide objects in Node (createKlingProxy behind
// toNodeListener): two users over one Kling account (tests/js/proxy-assets-scenario.mjs), and the
// new options' limits, each at the limit and one past it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { AK, SK, byBearer, createKlingProxy, serveProxy } from "../support/proxy-rig.mjs";
import { ONLY_ALICE, SHARED_ELEMENT, SHARED_VOICE, emulatorView, twoUsers } from "./proxy-assets-scenario.mjs";

let emu;
const servers = [];

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 10, doneAfterMs: 40 }, accountCostsMinIntervalMs: 1000 });
});

after(async () => {
  for (const s of servers) await s.close();
  await emu?.close();
});

const base = () => ({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer });

test("two users: elements and voices are each one's own; presets and shared ids are everybody's", async (t) => {
  const hooked = await serveProxy(createKlingProxy({ ...base(), authorizeAccount: ONLY_ALICE, sharedElementIds: [SHARED_ELEMENT], sharedVoiceIds: [SHARED_VOICE] }));
  const plain = await serveProxy(createKlingProxy(base()));
  servers.push(hooked, plain);
  await twoUsers(t, { url: `${hooked.url}/kling`, plainUrl: `${plain.url}/kling`, up: emulatorView(emu) });
});

test("authorizeAccount: only exactly true lets through; a throw answers 500", async () => {
  // The emulator allows one /account/costs call per second per account, across proxies.
  await new Promise((ok) => setTimeout(ok, 1100));
  for (const [hook, status] of [[() => "yes", 404], [async () => 1, 404], [async () => true, 200], [() => { throw new TypeError("x"); }, 500]]) {
    const srv = await serveProxy(createKlingProxy({ ...base(), authorizeAccount: hook }));
    servers.push(srv);
    const r = await fetch(`${srv.url}/kling/account/costs?start_time=0&end_time=1`, { headers: { authorization: "Bearer user-carol" } });
    assert.equal(r.status, status, await r.text());
  }
});

test("the new options' limits: at the limit accepted, one past refused", () => {
  const ids = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  const ok = (extra) => createKlingProxy({ ...base(), ...extra });
  const refused = (extra, what) =>
    assert.throws(() => ok(extra), (e) => e.code === "config_error" && e.message.includes(what), what);
  ok({ sharedElementIds: ids(1000, (i) => String((1n << 60n) + BigInt(i))) });
  refused({ sharedElementIds: ids(1001, (i) => String(i + 1)) }, "sharedElementIds");
  ok({ sharedVoiceIds: ids(1000, (i) => `v${i}`) });
  refused({ sharedVoiceIds: ids(1001, (i) => `v${i}`) }, "sharedVoiceIds");
  refused({ sharedElementIds: ["1", "1.5"] }, "sharedElementIds[1]");
  refused({ sharedElementIds: [1] }, "sharedElementIds[0]");
  refused({ sharedVoiceIds: ["a b"] }, "sharedVoiceIds[0]");
  ok({ accountCostsCacheMs: 86_400_000 });
  ok({ accountCostsCacheMs: 0 });
  refused({ accountCostsCacheMs: 86_400_001 }, "accountCostsCacheMs");
  refused({ accountCostsCacheMs: -1 }, "accountCostsCacheMs");
  refused({ authorizeAccount: true }, "authorizeAccount");
});
