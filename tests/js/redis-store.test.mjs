// The Redis store's compare-and-set (js/redis-store.mjs, as the package ships it) against a real
// redis-server, through both client libraries it accepts (node-redis and ioredis): concurrent
// applies from two stores (two processes' worth of clients) lose no update, and one store's
// burst shares its compare-and-set rounds; the attempt bound
// holds exactly at its limit; users() lists every user once, ids and prefixes escaped; a stopped
// server and bad arguments fail with a RedisStoreError. The ledger itself: redis-proxy.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PKG_DIR } from "./load-pkg.mjs";
import { LIBRARIES, redisClient, startRedis } from "./redis-helpers.mjs";

const { redisStoreWith, RedisStoreError, encodeUser, decodeUser } = await import(pathToFileURL(join(PKG_DIR, "redis-store.js")).href);

/** An op for the CAS machinery alone: the record is a counter; the answer is the new value. */
const increment = (part, cur) => {
  const n = String(Number(cur ?? 0) + 1);
  return { record: n, answer: n };
};

for (const library of LIBRARIES) {
  test(`${library}: 300 concurrent applies from two stores on one key lose no update`, async (t) => {
    const redis = await startRedis(t);
    const a = await redisClient(t, library, redis.port);
    const b = await redisClient(t, library, redis.port);
    const evals = countEvals(b);
    const [sa, sb] = [redisStoreWith(increment, a), redisStoreWith(increment, evals.client)];
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 3 ? sa : sb).apply("alice", "ledger", "inc")));
    // Each apply saw a distinct value: no two read the same record and both wrote.
    assert.deepEqual(answers.map(Number).sort((x, y) => x - y), Array.from({ length: 300 }, (_, i) => i + 1));
    assert.equal(await a.get("kling:ledger:alice"), "300");
    // Store b's 100 applies went to Redis together (group commit), not one script call each.
    assert.ok(evals.n >= 1 && evals.n < 100, `${evals.n} scripts`);
  });

  test(`${library}: the attempt bound holds at its limit (maxAttempts - 1 conflicts pass, maxAttempts fail)`, async (t) => {
    const redis = await startRedis(t);
    const client = await redisClient(t, library, redis.port);
    const other = await redisClient(t, library, redis.port);
    for (const [conflicts, maxAttempts, passes] of [[199, 200, true], [200, 200, false], [0, 1, true], [1, 1, false]]) {
      const key = `kling:index:u${conflicts}-${maxAttempts}`;
      // Another process writes the key just before each of our first `conflicts` scripts.
      const rival = countEvals(client, async (n) => {
        if (n <= conflicts) await other.set(key, String(n * 1000));
      });
      const store = redisStoreWith(increment, rival.client, { maxAttempts, backoffMs: 0, maxBackoffMs: 0 });
      const run = store.apply(`u${conflicts}-${maxAttempts}`, "index", "inc");
      if (passes) {
        // Applied to the rival's last value, as the script handed it back.
        const want = String(conflicts * 1000 + 1);
        assert.equal(await run, want, `${conflicts} conflicts, ${maxAttempts} attempts`);
        assert.equal(await client.get(key), want);
      } else {
        await assert.rejects(run, (e) => e instanceof RedisStoreError && e.message.includes(`${maxAttempts} compare-and-set attempts`));
        assert.equal(await client.get(key), String(conflicts * 1000), "nothing written after the last conflict");
      }
      assert.equal(rival.n, Math.min(conflicts + 1, maxAttempts), "script calls");
    }
  });

  test(`${library}: users() lists each user once, under its own prefix only`, async (t) => {
    const redis = await startRedis(t);
    const client = await redisClient(t, library, redis.port);
    const prefix = "app[1]*:";
    const store = redisStoreWith(increment, client, { prefix });
    const ids = ["alice", "a:b", "%0041", "漢字", "\ud800", "", "x".repeat(300)];
    for (const id of ids) {
      await store.apply(id, "ledger", "inc");
      await store.apply(id, "index", "inc");
    }
    // Keys a glob-unescaped prefix would match, and keys that are not the store's.
    await client.set("app1x:ledger:mallory", "1");
    await client.set("app[1]*:other:eve", "1");
    await client.set("app[1]*:ledger:bad%zz", "1");
    const seen = [];
    for await (const u of store.users()) seen.push(u);
    assert.deepEqual(seen.sort(), [...ids].sort());
  });

  test(`${library}: a stopped server fails the apply with a RedisStoreError within timeoutMs`, async (t) => {
    const redis = await startRedis(t);
    const client = await redisClient(t, library, redis.port);
    const store = redisStoreWith(increment, client, { timeoutMs: 800 });
    assert.equal(await store.apply("alice", "ledger", "inc"), "1");
    await redis.stop();
    const t0 = Date.now();
    await assert.rejects(store.apply("alice", "ledger", "inc"), (e) => e instanceof RedisStoreError && /redisStore: /.test(e.message));
    assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
  });
}

test("bad clients, options and arguments are RedisStoreErrors", async () => {
  const fake = { get: async () => null, eval: async () => [1], scan: async () => ["0", []] };
  for (const client of [null, undefined, 1, {}, { get() {} }, { eval() {} }]) {
    assert.throws(() => redisStoreWith(increment, client), RedisStoreError, String(client));
  }
  for (const options of [null, 5, { prefix: 1 }, { prefix: "x".repeat(257) }, { maxAttempts: 0 }, { maxAttempts: 1.5 }, { timeoutMs: -1 }, { timeoutMs: NaN }, { backoffMs: Infinity }]) {
    assert.throws(() => redisStoreWith(increment, fake, options), RedisStoreError, JSON.stringify(options));
  }
  const store = redisStoreWith(increment, fake);
  for (const [user, part, op] of [[1, "ledger", "x"], ["u", "other", "x"], ["u", "ledger", 5]]) {
    await assert.rejects(store.apply(user, part, op), RedisStoreError);
  }
  assert.equal(await store.apply("u", "ledger", "x"), "1");
  // An op the implementation throws on fails alone; the ops queued with it still apply.
  const picky = redisStoreWith((part, cur, op) => (op === "bad" ? JSON.parse("{") : increment(part, cur)), fake);
  const [a, b, c] = await Promise.allSettled(["x", "bad", "x"].map((op) => picky.apply("u", "ledger", op)));
  assert.deepEqual([a.status, b.status, c.status], ["fulfilled", "rejected", "fulfilled"]);
  assert.ok(b.reason instanceof RedisStoreError && /applyStoreOp failed/.test(b.reason.message));
});

test("user ids encode one-to-one and only to key-safe characters", () => {
  const ids = ["", "alice", "a:b", "a%3ab", "%0041", "*?[]\\", "漢字", "\ud800", "\udfff\ud800", "😀", "a b\r\n"];
  const encoded = ids.map(encodeUser);
  assert.equal(new Set(encoded).size, ids.length);
  for (const [i, e] of encoded.entries()) {
    assert.match(e, /^[0-9A-Za-z._%-]*$/);
    assert.equal(decodeUser(e), ids[i]);
  }
  for (const bad of ["%", "%00g1", "a:b", "%ZZZZ", "a*"]) assert.equal(decodeUser(bad), null, bad);
});

/** `client` with its eval counted (and `before(n)` awaited before the n-th); ioredis and node-redis alike. */
function countEvals(client, before = async () => {}) {
  const counter = { n: 0 };
  counter.client = new Proxy(client, {
    get(target, prop) {
      if (prop === "eval") {
        return async (...args) => {
          counter.n += 1;
          await before(counter.n);
          return target.eval(...args);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return counter;
}
