// Issue 17, the Redis store under the proxy: two separate Node proxy processes (one on node-redis,
// one on ioredis) share one redis-server, and 100 concurrent creates from one user whose budget
// covers exactly 10 make exactly 10 creates in the emulator's own log; settling after a success,
// a failure and a lost callback (settled by reconcile(), which lists users by SCAN) leaves the
// ledger exact, and a replayed callback charges nothing; with Redis stopped, creates are refused
// (503 store_unavailable) and nothing reaches Kling, until it is back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { AK, OMNI, SK, VALID, byBearer, createKlingProxy, eventually, klingLike, listen, toNodeListener } from "../support/proxy-rig.mjs";
import { importSubpath } from "./load-pkg.mjs";
import { LIBRARIES, redisClient, startRedis } from "./redis-helpers.mjs";

const { redisStore, memoryStore } = await importSubpath("node");
const CHILD = fileURLToPath(new URL("../support/redis-proxy-child.mjs", import.meta.url));

const create = (url, user, body = VALID) =>
  fetch(`${url}${OMNI}`, { method: "POST", headers: { authorization: `Bearer user-${user}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const upstreamCreates = (emu) => emu.state.requests.filter((r) => r.method === "POST" && r.path === "/v1/videos/omni-video").length;

/** The ledger's usage for the one user the store holds (the store names users by the proxy's key). */
async function usage(store) {
  const users = [];
  for await (const u of store.users()) users.push(u);
  assert.equal(users.length, 1, `users: ${users}`);
  return JSON.parse(await store.apply(users[0], "ledger", JSON.stringify({ op: "usage", now: Date.now(), period_ms: null })));
}

/** What one create of VALID reserves (micro-USD), read from a proxy that sends nothing anywhere. */
async function priceOfValid() {
  const store = memoryStore();
  const proxy = createKlingProxy({ accessKey: AK, secretKey: SK, authorize: byBearer, fetch: klingLike, store, budget: { usd: 1000 } });
  const srv = await listen(toNodeListener(proxy));
  try {
    assert.equal((await create(srv.url, "probe")).status, 200);
    return (await usage(store)).held_usd;
  } finally {
    await srv.close();
  }
}

/** A proxy process of its own (tests/support/redis-proxy-child.mjs); resolves its URL. */
async function child(t, setup) {
  const proc = spawn(process.execPath, [CHILD], { env: { ...process.env, KLING_CHILD: JSON.stringify(setup) }, stdio: ["pipe", "pipe", "inherit"] });
  t.after(async () => {
    if (proc.exitCode === null) {
      proc.stdin.end();
      await once(proc, "exit");
    }
  });
  const [line] = await Promise.race([once(createInterface({ input: proc.stdout }), "line"), once(proc, "exit").then(() => [null])]);
  assert.ok(line, "the proxy process exited before listening");
  return `http://127.0.0.1:${JSON.parse(line).port}`;
}

test("two proxy processes on one Redis: 100 concurrent creates, a budget of exactly 10, exactly 10 reach Kling", async (t) => {
  const price = await priceOfValid();
  assert.ok(price > 0, "VALID has a price");
  // Tasks stay submitted for the whole test: nothing settles, so the budget only fills.
  const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 60_000, doneAfterMs: 120_000 } });
  t.after(() => emu.close());
  const redis = await startRedis(t);
  // Room for all 100 at once in each process (the default 16 would answer 429/1303 first).
  const config = { budget: { usd: (10 * price) / 1e6 }, maxCreatesInFlight: 100 };
  const urls = await Promise.all(LIBRARIES.map((library) => child(t, { upstream: emu.url, redisPort: redis.port, library, config })));
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => create(urls[i % 2], "racer").then(async (r) => ({ status: r.status, body: await r.json() }))));
  const by = (s) => answers.filter((a) => a.status === s);
  const tally = JSON.stringify(Object.fromEntries([...new Set(answers.map((a) => `${a.status}/${a.body.code}`))].map((k) => [k, answers.filter((a) => `${a.status}/${a.body.code}` === k).length])));
  assert.equal(by(200).length, 10, tally);
  assert.equal(by(402).length, 90, tally);
  assert.ok(by(402).every((a) => a.body.code === 1102), "refusals are budget_exceeded");
  assert.equal(upstreamCreates(emu), 10, "creates in the emulator's log");
  assert.equal(emu.tasks().length, 10);
  const store = redisStore(await redisClient(t, "ioredis", redis.port));
  const u = await usage(store);
  assert.deepEqual([u.in_flight, u.held_usd, u.usd], [10, 10 * price, 0]);
});

for (const library of LIBRARIES) {
  test(`${library}: settling after success, failure and a lost callback leaves the ledger exact; a replay charges nothing`, async (t) => {
    const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 20, doneAfterMs: 80 } });
    t.after(() => emu.close());
    const redis = await startRedis(t);
    const store = redisStore(await redisClient(t, library, redis.port));
    let listener;
    const srv = await listen((req, res) => listener(req, res));
    t.after(() => srv.close());
    const base = { upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer, store, budget: { usd: 1000 } };
    listener = toNodeListener(createKlingProxy({ ...base, callbackUrl: `${srv.url}/kling`, onTaskUpdate: () => {} }));
    // Success, confirmed by its callback.
    assert.equal((await create(srv.url, "sam")).status, 200);
    const first = await eventually(5000, "the success settled", async () => {
      const u = await usage(store);
      return u.in_flight === 0 && u;
    });
    assert.deepEqual(first.units, [50, 0], "Kling's final_unit_deduction 5, in tenths");
    assert.ok(first.usd > 0 && first.held_usd === 0, JSON.stringify(first));
    // Failure: released, nothing charged.
    assert.equal((await create(srv.url, "sam", { ...VALID, prompt: "a fox [[fail]]" })).status, 200);
    await eventually(5000, "the failure settled", async () => (await usage(store)).in_flight === 0 && emu.state.callbacks.filter((c) => c.task_status === "failed" && c.ok).length === 1);
    assert.deepEqual(await usage(store), { ...first, period_start: first.period_start });
    // A replayed success callback: the proxy re-queries and settles nothing again.
    const delivered = emu.state.callbacks.find((c) => c.task_status === "succeed" && c.ok);
    const replay = await fetch(delivered.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(emu.task(delivered.task_id)) });
    // Accepted (the token is valid and Kling confirms the status): the settle is tried again.
    assert.ok(replay.ok, `replay: ${replay.status}`);
    assert.deepEqual(await usage(store), first, "the replay changed the ledger");
    // A lost callback: a proxy with no callbackUrl; reconcile() (users by SCAN) settles it.
    const quiet = createKlingProxy({ ...base, reconcileAfterMs: 1000 });
    const qsrv = await listen(toNodeListener(quiet));
    t.after(() => qsrv.close());
    assert.equal((await create(qsrv.url, "sam")).status, 200);
    assert.equal((await usage(store)).in_flight, 1);
    assert.deepEqual(await quiet.reconcile(), { checked: 0, settled: 0, released: 0, failed: 0 }, "too young to query");
    await new Promise((r) => setTimeout(r, 1100));
    assert.deepEqual(await quiet.reconcile(), { checked: 1, settled: 1, released: 0, failed: 0 });
    const last = await usage(store);
    assert.deepEqual([last.in_flight, last.held_usd, last.usd, last.units], [0, 0, 2 * first.usd, [100, 0]]);
    assert.deepEqual(await quiet.reconcile(), { checked: 0, settled: 0, released: 0, failed: 0 }, "settled once");
  });

  test(`${library}: with Redis stopped, creates are refused with store_unavailable and nothing reaches Kling; back, they pass`, async (t) => {
    const emu = await startEmulator({ accessKey: AK, secretKey: SK });
    t.after(() => emu.close());
    const redis = await startRedis(t);
    const store = redisStore(await redisClient(t, library, redis.port), { timeoutMs: 500 });
    const proxy = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer, store, budget: { usd: 1000 } });
    const srv = await listen(toNodeListener(proxy));
    t.after(() => srv.close());
    assert.equal((await create(srv.url, "dora")).status, 200);
    await redis.stop();
    const before = emu.state.requests.length;
    const refused = await Promise.all([1, 2, 3].map(() => create(srv.url, "dora")));
    for (const r of refused) {
      assert.equal(r.status, 503);
      const body = await r.json();
      assert.equal(body.code, 5001);
      assert.match(body.message, /store is unavailable; nothing was sent to Kling/);
    }
    assert.equal(emu.state.requests.length, before, "requests that reached the emulator");
    assert.equal(upstreamCreates(emu), 1);
    // Back (empty: nothing was persisted), the client reconnects and creates pass again.
    await redis.restart();
    await eventually(10_000, "a create after Redis came back", async () => (await create(srv.url, "dora")).status === 200);
    assert.equal(upstreamCreates(emu), 2);
  });
}
