// Issue 16, the proxy's ownership of elements and voices in the real Cloudflare runtime (workerd
// from npm): the same two-user scenario as in Node (tests/js/proxy-assets-scenario.mjs).
import { after, before, test } from "node:test";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startAssetsUpstream } from "../support/assets-upstream.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { twoUsers } from "./proxy-assets-scenario.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
let up, wd;

before(async () => {
  up = await startAssetsUpstream();
  wd = await startWorkerd({
    entry: join(HERE, "../workerd/assets-worker.mjs"),
    bindings: { KLING_UPSTREAM: up.url, KLING_ACCESS_KEY: "ak-assets-workerd", KLING_SECRET_KEY: "sk-assets-workerd-0123456789abcdef" },
  });
});

after(async () => {
  await wd?.stop();
  await up?.close();
});

test("workerd, two users: elements and voices are each one's own; presets and shared ids are everybody's", async (t) => {
  await twoUsers(t, { url: `${wd.url}/kling`, plainUrl: `${wd.url}/plain`, up });
});
