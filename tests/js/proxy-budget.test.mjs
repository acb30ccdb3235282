// Issue 17, budgets and tasks in flight on the default store (memoryStore, one Node process):
// 100 concurrent creates from one user whose budget covers exactly 10 make exactly 10 creates
// in the emulator's own log; the tasks-in-flight limit holds under a race and says when to come
// back; a task settles with Kling's billed units when a query sees it end, a failed one costs
// nothing, seeing it again charges nothing twice, and one that never reports back is settled by
// reconcile(); a store that fails refuses creates with nothing sent; an unpriced create is
// refused under a budget unless a fallback reservation applies; the budget hook decides per user;
// bad budgets are config errors at start-up, and the limits hold at their bounds.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { AK, SK, VALID, byBearer, createKlingProxy } from "../support/proxy-rig.mjs";
import { importSubpath } from "./load-pkg.mjs";

const { memoryStore } = await importSubpath("proxy");

let emu;
before(async () => {
  // Tasks stay in flight for a minute unless a test says otherwise.
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 10, doneAfterMs: 60_000 } });
});
after(() => emu?.close());

const OMNI = "/kling/v1/videos/omni-video";
/** VALID's price: Video 3.0 Omni, pro (the default), no video input, no audio: 0.8 units/s × 5 s. */
const TASK_USD = 0.56;
const TASK_UNITS = 4;

/** A store that records what it is asked (and can be told to fail). */
function recordingStore() {
  const inner = memoryStore();
  const s = {
    down: false,
    async apply(user, part, op) {
      if (s.down) throw new Error("connection refused");
      return inner.apply(user, part, op);
    },
    users: () => inner.users(),
    usage: async (user) => JSON.parse(await inner.apply(user, "ledger", JSON.stringify({ op: "usage", now: Date.now() }))),
  };
  return s;
}

function proxyWith(extra) {
  return createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer, ...extra });
}

/** A create as a browser sends it (with Content-Length, so the proxy's memory guard admits it at its size). */
function create(proxy, user, body = VALID, path = OMNI) {
  const text = JSON.stringify(body);
  const headers = { authorization: `Bearer user-${user}`, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) };
  return proxy.fetch(new Request(`http://proxy.test${path}`, { method: "POST", headers, body: text }));
}
const query = (proxy, user, id, path = OMNI) => proxy.fetch(new Request(`http://proxy.test${path}/${id}`, { headers: { authorization: `Bearer user-${user}` } }));

async function answers(responses) {
  return Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.json(), retryAfter: r.headers.get("retry-after") })));
}

test("100 concurrent creates, a budget of exactly 10: exactly 10 reach Kling; the other 90 are refused, not retried", async () => {
  emu.reset();
  const store = recordingStore();
  // maxCreatesInFlight: the proxy's own memory guard would answer some of the 100 "busy" first.
  const proxy = proxyWith({ store, budget: { usd: TASK_USD * 10, periodSeconds: 86_400 }, maxCreatesInFlight: 100 });
  const all = await answers(await Promise.all(Array.from({ length: 100 }, (_, i) => create(proxy, "alice", { ...VALID, external_task_id: `race-${i}` }))));
  assert.equal(emu.stats().created, 10, "creates in the emulator's own log");
  assert.equal(all.filter((a) => a.status === 200).length, 10);
  const refused = all.filter((a) => a.status !== 200);
  assert.equal(refused.length, 90);
  for (const r of refused) {
    assert.equal(r.status, 402, JSON.stringify(r.body));
    assert.equal(r.body.code, 1102, "a code KlingClient never retries");
    assert.equal(r.body.reason, "budget_exceeded");
    assert.equal(r.body.source, "proxy");
    const renews = Number(r.retryAfter);
    assert.ok(renews > 86_000 && renews <= 86_400, `Retry-After: the day's budget renews in ${r.retryAfter} s`);
  }
  const u = await store.usage("alice:");
  assert.equal(u.in_flight, 10);
  assert.equal(u.held_usd, Math.round(TASK_USD * 10 * 1e6));
  // Another user is untouched by alice's budget, and is told nothing about it.
  const bob = await create(proxy, "bob");
  assert.equal(bob.status, 200);
  assert.equal(emu.stats().created, 11);
});

test("maxTasksInFlight 3 under a race of 10: 3 created, 7 refused 429 tasks_in_flight with Retry-After; the limit at 1 and 1000", async () => {
  emu.reset();
  const proxy = proxyWith({ maxTasksInFlight: 3 });
  const all = await answers(await Promise.all(Array.from({ length: 10 }, () => create(proxy, "carol"))));
  assert.equal(emu.stats().created, 3);
  const refused = all.filter((a) => a.status !== 200);
  assert.equal(refused.length, 7);
  for (const r of refused) assert.deepEqual([r.status, r.body.code, r.body.reason, r.retryAfter], [429, 1310, "tasks_in_flight", "30"]);
  // Not every user's: dave has his own three.
  assert.equal((await create(proxy, "dave")).status, 200);
  for (const ok of [1, 1000]) assert.doesNotThrow(() => proxyWith({ maxTasksInFlight: ok }));
  for (const bad of [0, 1001, 2.5, Number.NaN, -1, "3"]) assert.throws(() => proxyWith({ maxTasksInFlight: bad }), (e) => e.code === "config_error", `maxTasksInFlight ${bad}`);
});

test("settling: a success is charged Kling's billed units, a failure nothing, a second sight nothing more", async () => {
  emu.reset();
  emu.configure({ timeline: { processingAfterMs: 5, doneAfterMs: 30 } });
  try {
    const store = recordingStore();
    const proxy = proxyWith({ store, budget: { usd: 100 } });
    const ok = await (await create(proxy, "erin", { ...VALID, external_task_id: "good" })).json();
    const bad = await (await create(proxy, "erin", { ...VALID, prompt: "a fox [[fail]]", external_task_id: "bad" })).json();
    assert.equal((await store.usage("erin:")).in_flight, 2);
    await new Promise((r) => setTimeout(r, 80));
    const seen = await (await query(proxy, "erin", ok.data.task_id)).json();
    assert.equal(seen.data.task_status, "succeed");
    const billed = Number(seen.data.final_unit_deduction);
    await query(proxy, "erin", bad.data.task_id);
    // Seen again (a replayed callback settles the same way): charged once.
    await query(proxy, "erin", ok.data.task_id);
    const u = await store.usage("erin:");
    assert.equal(u.in_flight, 0);
    assert.equal(u.held_usd, 0);
    // Charged at the reservation's own rate ($0.14 a video unit) for what Kling billed.
    assert.equal(u.usd, Math.ceil((TASK_USD * 1e6 * billed * 10) / (TASK_UNITS * 10)));
    assert.deepEqual(u.units, [billed * 10, 0]);
  } finally {
    emu.configure({ timeline: { processingAfterMs: 10, doneAfterMs: 60_000 } });
  }
});

test("a task that never reports back is settled by reconcile(); one Kling never created is released", async () => {
  emu.reset();
  emu.configure({ timeline: { processingAfterMs: 5, doneAfterMs: 30 } });
  try {
    const store = recordingStore();
    const proxy = proxyWith({ store, budget: { usd: 100 }, reconcileAfterMs: 1000 });
    assert.equal((await create(proxy, "fay", { ...VALID, external_task_id: "quiet" })).status, 200);
    // Nobody polls, no callback comes; too early for reconcile to ask.
    assert.deepEqual(await proxy.reconcile("fay"), { checked: 0, settled: 0, released: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 1100));
    assert.deepEqual(await proxy.reconcile(), { checked: 1, settled: 1, released: 0, failed: 0 }, "every user the store lists");
    const u = await store.usage("fay:");
    assert.equal(u.in_flight, 0);
    assert.ok(u.usd > 0, "charged");
    // Asked again: nothing left to settle, nothing charged twice.
    assert.deepEqual(await proxy.reconcile("fay:"), { checked: 0, settled: 0, released: 0, failed: 0 });
    assert.equal((await store.usage("fay:")).usd, u.usd);

    // A create whose answer was lost (the connection dropped after sending, as far as the proxy
    // can tell), which Kling in fact never received: held until reconcile finds no such task.
    const lossy = proxyWith({
      store,
      budget: { usd: 100 },
      reconcileAfterMs: 1000,
      fetch: (url, init) => (init?.method === "POST" ? Promise.reject(new Error("socket hang up")) : fetch(url, init)),
    });
    assert.equal((await create(lossy, "fay", { ...VALID, external_task_id: "lost" })).status, 502);
    assert.equal((await store.usage("fay:")).in_flight, 1, "held: the task may exist");
    await new Promise((r) => setTimeout(r, 1100));
    assert.deepEqual(await lossy.reconcile("fay:"), { checked: 1, settled: 0, released: 1, failed: 0 });
    const after = await store.usage("fay:");
    assert.deepEqual([after.in_flight, after.held_usd, after.usd], [0, 0, u.usd], "released, nothing charged");
  } finally {
    emu.configure({ timeline: { processingAfterMs: 10, doneAfterMs: 60_000 } });
  }
});

test("a store that fails refuses creates (503 store_unavailable) and nothing reaches Kling", async () => {
  emu.reset();
  const store = recordingStore();
  store.down = true;
  const proxy = proxyWith({ store, budget: { usd: 100 } });
  const r = await create(proxy, "gus");
  assert.equal(r.status, 503);
  const body = await r.json();
  assert.deepEqual([body.code, body.reason], [5001, "store_unavailable"]);
  assert.equal(emu.stats().created, 0);
  // Without a budget the index still must learn of the task first: refused just the same.
  const plain = proxyWith({ store });
  assert.equal((await create(plain, "gus")).status, 503);
  // A store that never answers is a failure after storeTimeoutMs.
  const hung = proxyWith({ store: { apply: () => new Promise(() => {}) }, storeTimeoutMs: 50 });
  assert.equal((await create(hung, "gus")).status, 503);
  assert.equal(emu.stats().created, 0);
});

test("under a budget an unpriced create is refused (cost_unknown) unless fallbackReservationUsd applies", async () => {
  emu.reset();
  const legacy = { model_name: "kling-v1", prompt: "a fox", duration: "5" };
  const T2V = "/kling/v1/videos/text2video";
  const strict = proxyWith({ budget: { usd: 10 } });
  const r = await create(strict, "hal", legacy, T2V);
  assert.equal(r.status, 403);
  assert.equal((await r.json()).reason, "cost_unknown");
  assert.equal(emu.stats().created, 0);
  const lenient = proxyWith({ budget: { usd: 1 }, fallbackReservationUsd: 0.6 });
  assert.equal((await create(lenient, "hal", legacy, T2V)).status, 200);
  assert.equal((await create(lenient, "hal", legacy, T2V)).status, 402, "the second fallback reservation passes $1");
  // Without a budget an unpriced create only counts as in flight.
  assert.equal((await create(proxyWith({ maxTasksInFlight: 5 }), "hal", legacy, T2V)).status, 200);
});

test("the budget hook decides per user; a hook that throws or answers nonsense refuses, nothing sent", async () => {
  emu.reset();
  const budget = (user) => {
    if (user === "ivy") return { usd: TASK_USD };
    if (user === "oops") throw new Error("db down");
    if (user === "odd") return { usd: -5 };
    return null;
  };
  const proxy = proxyWith({ budget });
  assert.equal((await create(proxy, "ivy")).status, 200);
  assert.equal((await create(proxy, "ivy")).status, 402);
  for (let i = 0; i < 3; i++) assert.equal((await create(proxy, "jack")).status, 200, "no budget for jack");
  for (const user of ["oops", "odd"]) {
    const r = await create(proxy, user);
    assert.equal(r.status, 500);
    assert.equal((await r.json()).reason, "budget_hook_failed");
  }
  assert.equal(emu.stats().created, 4);
});

test("bad budgets are config errors at start-up; the bounds themselves are accepted", () => {
  const bad = [
    { usd: -1 }, { usd: Number.NaN }, { usd: Infinity }, { usd: 1e9 + 1 }, { usd: "5" }, {},
    { usd: 5, periodSeconds: 0 }, { usd: 5, periodSeconds: 1.5 }, { usd: 5, periodSeconds: 315_360_001 },
    { units: { video: -1 } }, { units: { audio: 5 } }, { usd: 5, extra: 1 }, { maxTasksInFlight: 0 }, 42, "5",
  ];
  for (const b of bad) assert.throws(() => proxyWith({ budget: b }), (e) => e.code === "config_error", JSON.stringify(b));
  for (const b of [{ usd: 0 }, { usd: 1e9, periodSeconds: 315_360_000 }, { units: { video: 1e9, image: 0 } }, { maxTasksInFlight: 1000 }]) {
    assert.doesNotThrow(() => proxyWith({ budget: b }), JSON.stringify(b));
  }
  for (const f of [-0.01, Number.NaN, 1e9 + 1]) assert.throws(() => proxyWith({ budget: { usd: 1 }, fallbackReservationUsd: f }), (e) => e.code === "config_error");
  for (const s of [{}, { apply: 1 }, 5]) assert.throws(() => proxyWith({ store: s }), (e) => e.code === "config_error");
});
