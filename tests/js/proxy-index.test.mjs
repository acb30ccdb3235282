// The per-user task index through the real proxy in Node, against the Kling emulator: KlingClient's
// iterateTasks and listTasks unchanged; the first listing walks Kling's pages and completes the
// index, the next costs one upstream query per task and no page; a restart (a new proxy, a fresh
// memoryStore) walks again and misses nothing; users stay apart.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { importSubpath } from "./load-pkg.mjs";

const AK = "ak-index-test";
const SK = "sk-index-test-0123456789abcdef";
const OMNI_PATH = "/v1/videos/omni-video";
const valid = (ext) => ({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5", external_task_id: ext });

let emu, lib, proxyLib;

before(async () => {
  lib = await importSubpath("");
  proxyLib = await importSubpath("proxy");
  emu = await startEmulator({ accessKey: AK, secretKey: SK });
});

after(async () => {
  await emu?.close();
});

const newProxy = () => proxyLib.createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: (request) => request.headers.get("x-user") ?? false });

/** A client of `user` whose requests go to `proxy` in this process. */
const clientOf = (proxy, user) =>
  new lib.KlingClient({ baseUrl: "http://proxy.local/kling", auth: { kind: "proxy", headers: { "x-user": user } }, fetch: (url, init) => proxy.fetch(new Request(url, init)) });

/** Lists every omni-video task of the client; returns the external ids and what it cost upstream. */
async function listAll(c, pageSize) {
  const before = emu.state.requests.length;
  const ids = [];
  for await (const t of c.iterateTasks("omni-video", { pageSize })) ids.push(t.task_info.external_task_id);
  const seen = emu.state.requests.slice(before).filter((r) => r.method === "GET" && r.path.startsWith(OMNI_PATH));
  return { ids: ids.sort(), pages: seen.filter((r) => r.path === OMNI_PATH).length, queries: seen.filter((r) => r.path !== OMNI_PATH).length };
}

test("the index after a walk: k queries, no page; a restart walks again; users apart", async () => {
  let proxy = newProxy();
  const alice = clientOf(proxy, "alice");
  const bob = clientOf(proxy, "bob");
  const mine = [];
  for (let i = 0; i < 7; i++) {
    await alice.createOmniVideo(valid(`a-${i}`));
    mine.push(`a-${i}`);
    await bob.createOmniVideo(valid(`b-${i}`));
    await bob.createOmniVideo(valid(`b2-${i}`));
  }
  mine.sort();
  const first = await listAll(alice, 3);
  assert.deepEqual(first.ids, mine);
  assert.equal(first.queries, 0, "the first listing walks");
  assert.ok(first.pages >= 1);
  const second = await listAll(alice, 3);
  assert.deepEqual(second, { ids: mine, pages: 0, queries: mine.length }, "one query per task, no page");
  // listTasks: one page from the index, the tasks as Kling shapes them, the prefix cut.
  const page = await alice.listTasks("omni-video", { pageSize: 30 });
  assert.deepEqual(page.map((t) => t.task_info.external_task_id).sort(), mine);
  assert.ok(page.every((t) => typeof t.task_id === "string" && typeof t.task_status === "string"));
  // bob: his own, never alice's.
  const bobs = await listAll(bob, 50);
  assert.equal(bobs.ids.length, 14);
  assert.ok(bobs.ids.every((id) => id.startsWith("b")), bobs.ids.join());

  // A restart: a new proxy, a fresh memoryStore. The index is incomplete, so the listing walks.
  proxy = newProxy();
  const again = clientOf(proxy, "alice");
  const walked = await listAll(again, 4);
  assert.deepEqual([walked.ids, walked.queries], [mine, 0]);
  assert.ok(walked.pages >= 1);
  const indexed = await listAll(again, 4);
  assert.deepEqual(indexed, { ids: mine, pages: 0, queries: mine.length });
  // A task created now goes into the index before Kling hears of it: listed at once.
  await again.createOmniVideo(valid("a-new"));
  const withNew = await listAll(again, 4);
  assert.deepEqual(withNew, { ids: [...mine, "a-new"].sort(), pages: 0, queries: mine.length + 1 });
});
