//! The Redis store's cost per create (issue 17): the proxy (pkg/, or KLING_PKG) with its upstream
//! stubbed in-process (proxy-rig's klingLike: no network to Kling), on memoryStore and on
//! redisStore against a local redis-server, alone (sequential creates) and under contention (100
//! concurrent creates of one user, from one proxy and from two proxies on two clients, as two
//! processes would). Per create: wall ms, this process's CPU ms (the proxy, the store and the
//! client; not redis-server's), Redis calls (GET + EVAL) and compare-and-set conflicts. Then the
//! store alone (a create's four ops, no proxy), and applyStoreOp alone.
//!   node benches/redis-store.mjs [rounds=3]
//! Prints a markdown table of the medians over the rounds.

import { performance } from "node:perf_hooks";
import { AK, OMNI, SK, VALID, byBearer, createKlingProxy, klingLike, listen, toNodeListener } from "../tests/support/proxy-rig.mjs";
import { importSubpath } from "../tests/js/load-pkg.mjs";
import { redisClient, startRedis } from "../tests/js/redis-helpers.mjs";
import { median } from "./lib/measure.mjs";

const { redisStore, memoryStore, applyStoreOp } = await importSubpath("node");
const rounds = Number(process.argv[2] ?? 3);
const cleanups = [];
/** Statuses of creates that were not 200 (a store that timed out answers 503). */
const failures = [];
const t = { after: (fn) => cleanups.push(fn) };

/** The client with its calls counted: gets, evals, and evals that lost the race (reply [0, …]). */
function counted(client, n) {
  return new Proxy(client, {
    get(target, prop) {
      const v = Reflect.get(target, prop);
      if (prop === "get") return (...a) => (n.get++, v.apply(target, a));
      if (prop === "eval") {
        return async (...a) => {
          n.eval++;
          const r = await v.apply(target, a);
          if (Array.isArray(r) && Number(r[0]) === 0) n.conflicts++;
          return r;
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

async function serve(store) {
  const proxy = createKlingProxy({ accessKey: AK, secretKey: SK, authorize: byBearer, fetch: klingLike, store, budget: { usd: 1e6 }, maxCreatesInFlight: 200 });
  const srv = await listen(toNodeListener(proxy));
  cleanups.push(() => srv.close());
  return srv.url;
}

const create = (url, user) =>
  fetch(`${url}${OMNI}`, { method: "POST", headers: { authorization: `Bearer user-${user}`, "content-type": "application/json" }, body: JSON.stringify(VALID) }).then((r) => {
    if (r.status !== 200) failures.push(r.status);
    return r.arrayBuffer();
  });

/** Runs `n` creates as `plan(i)` → [url, user]; concurrent or one after another. */
async function run(urls, n, { concurrent, users = 1 }, tag) {
  const pick = (i) => [urls[i % urls.length], `${tag}-${i % users}`];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (concurrent) await Promise.all(Array.from({ length: n }, (_, i) => create(...pick(i))));
  else for (let i = 0; i < n; i++) await create(...pick(i));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: wall / n, cpu: (cpu.user + cpu.system) / 1000 / n };
}

const redis = await startRedis(t);
const SCENARIOS = [
  ["memoryStore, alone", "memory", 1, { concurrent: false }, 200],
  ["redisStore (node-redis), alone", "node-redis", 1, { concurrent: false }, 200],
  ["redisStore (ioredis), alone", "ioredis", 1, { concurrent: false }, 200],
  ["memoryStore, 100 at once, one user", "memory", 1, { concurrent: true }, 100],
  ["redisStore, 100 at once, one user, one proxy", "ioredis", 1, { concurrent: true }, 100],
  ["redisStore, 100 at once, one user, two proxies", "ioredis", 2, { concurrent: true }, 100],
  ["redisStore, 100 at once, 100 users, two proxies", "ioredis", 2, { concurrent: true, users: 100 }, 100],
];
const rows = []; // (each scenario and round on keys of its own: records start empty)
for (const [name, kind, proxies, mode, n] of SCENARIOS) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const calls = { get: 0, eval: 0, conflicts: 0 };
    const urls = [];
    for (let p = 0; p < proxies; p++) {
      urls.push(await serve(kind === "memory" ? memoryStore() : redisStore(counted(await redisClient(t, kind, redis.port), calls), { prefix: `proxy${rows.length}.${r}:` })));
    }
    await run(urls, 5, { concurrent: false }, `warm${r}`); // compile paths, connect
    Object.assign(calls, { get: 0, eval: 0, conflicts: 0 });
    const m = await run(urls, n, mode, `r${r}`);
    samples.push({ ...m, calls: (calls.get + calls.eval) / n, conflicts: calls.conflicts / n });
  }
  const med = (k) => median(samples.map((s) => s[k]));
  rows.push(`| ${name} | ${med("wall").toFixed(2)} | ${med("cpu").toFixed(2)} | ${kind === "memory" ? "—" : med("calls").toFixed(1)} | ${kind === "memory" ? "—" : med("conflicts").toFixed(2)} |`);
}

// The store alone (no proxy, no HTTP): a create's four ops as the proxy sends them — reserve
// (ledger), add (index), created (ledger), and the settle of its callback (ledger).
const life = (store, user, i) => {
  const key = `${user}:t${i}`;
  const now = Date.now();
  const json = (o) => JSON.stringify(o);
  return store
    .apply(user, "ledger", json({ op: "reserve", now, key, fam: "omni-video", usd: 1_000_000, units: 50, kind: 0, limits: { usd: 1e12 } }))
    .then(() => store.apply(user, "index", json({ op: "add", fam: "omni-video", ext: key, at: now, cap: 1000 })))
    .then(() => store.apply(user, "ledger", json({ op: "created", key, task_id: `8${i}` })))
    .then(() => store.apply(user, "ledger", json({ op: "settle", now, key, status: "succeed", units: 50 })));
};
const STORE_SCENARIOS = [
  ["memoryStore, alone", "memory", 1, false, 300],
  ["redisStore (node-redis), alone", "node-redis", 1, false, 300],
  ["redisStore (ioredis), alone", "ioredis", 1, false, 300],
  ["redisStore (ioredis), 100 at once, one user, one store", "ioredis", 1, true, 100],
  ["redisStore (ioredis), 100 at once, one user, two stores", "ioredis", 2, true, 100],
  ["redisStore (node-redis), 100 at once, one user, two stores", "node-redis", 2, true, 100],
];
const storeRows = [];
for (const [name, kind, stores, concurrent, n] of STORE_SCENARIOS) {
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const calls = { get: 0, eval: 0, conflicts: 0 };
    const list = [];
    for (let p = 0; p < stores; p++) list.push(kind === "memory" ? memoryStore() : redisStore(counted(await redisClient(t, kind, redis.port), calls), { prefix: `store${storeRows.length}.${r}:` }));
    await life(list[0], "warm", 0);
    Object.assign(calls, { get: 0, eval: 0, conflicts: 0 });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    if (concurrent) await Promise.all(Array.from({ length: n }, (_, i) => life(list[i % stores], "u", i)));
    else for (let i = 0; i < n; i++) await life(list[0], "u", i);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    samples.push({ wall: wall / n, cpu: (cpu.user + cpu.system) / 1000 / n, calls: (calls.get + calls.eval) / n, conflicts: calls.conflicts / n });
  }
  const med = (k) => median(samples.map((s) => s[k]));
  storeRows.push(`| ${name} | ${med("wall").toFixed(3)} | ${med("cpu").toFixed(3)} | ${kind === "memory" ? "—" : med("calls").toFixed(2)} | ${kind === "memory" ? "—" : med("conflicts").toFixed(2)} |`);
}

// One Redis round trip (a GET, sequential) per library: the floor under each store call.
const rtt = {};
for (const kind of ["node-redis", "ioredis"]) {
  const c = await redisClient(t, kind, redis.port);
  const per = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) await c.get("rtt");
    per.push(((performance.now() - t0) * 1000) / 2000);
  }
  rtt[kind] = median(per).toFixed(0);
}

// applyStoreOp alone: one reserve against a ledger holding 10 reservations.
let ledger = null;
const reserve = (i) => JSON.stringify({ op: "reserve", now: 1, key: `u:k${i}`, fam: "omni-video", usd: 1, units: 1, kind: 0, limits: {} });
for (let i = 0; i < 10; i++) ledger = applyStoreOp("ledger", ledger, reserve(i)).record;
const N = 20000;
const a0 = performance.now();
for (let i = 0; i < N; i++) applyStoreOp("ledger", ledger, reserve(100 + i));
const opUs = ((performance.now() - a0) * 1000) / N;

console.log(`Through the proxy (HTTP in, upstream stubbed in-process):

| Scenario | wall ms / create | CPU ms / create (this process) | Redis calls / create | CAS conflicts / create |
|---|---|---|---|---|
${rows.join("\n")}

The store alone (a create's reserve, index add, created and settle):

| Scenario | wall ms / create | CPU ms / create | Redis calls / create | CAS conflicts / create |
|---|---|---|---|---|
${storeRows.join("\n")}

One GET round trip: node-redis ${rtt["node-redis"]} µs, ioredis ${rtt.ioredis} µs. applyStoreOp alone (reserve on a 10-hold ledger): ${opUs.toFixed(1)} µs per call. Creates not answered 200: ${failures.length ? failures.join(", ") : "none"}. Medians of ${rounds} rounds; ${process.env.KLING_PKG ?? "pkg"} build; node ${process.version}.`);
for (const fn of cleanups.reverse()) await fn();
process.exit(0);
