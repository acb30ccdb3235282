// Issue 16, the proxy's ownership of elements and voices in the real Cloudflare runtime (workerd
// from npm): the same two-user scenario as in Node (tests/js/proxy-assets-scenario.mjs).
import { after, before, test } from "node:test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { emulatorView, twoUsers } from "./proxy-assets-scenario.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AK = "ak-assets-workerd";
const SK = "sk-assets-workerd-0123456789abcdef";
let emu, wd;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 10, doneAfterMs: 40 }, accountCostsMinIntervalMs: 1000 });
  wd = await startWorkerd({ entry: join(HERE, "../workerd/assets-worker.mjs"), bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK } });
});

after(async () => {
  await wd?.stop();
  await emu?.close();
});

test("workerd, two users: elements and voices are each one's own; presets and shared ids are everybody's", async (t) => {
  await twoUsers(t, { url: `${wd.url}/kling`, plainUrl: `${wd.url}/plain`, up: emulatorView(emu) });
});
