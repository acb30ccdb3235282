// Issue 13 ("Hardening"), in Node: a trap in the proxy's wasm answers 500 and the next request is
// served (in process, over raw sockets through toNodeListener, with several requests in flight);
// the "crash body" (a multi_prompt of millions of `{}`) gets a small bounded Report; peak wasm
// memory of a 10 MiB create stays ≤ 2 × body + 4 MiB; an authorize hook that returns a non-id or
// throws is 500/1000, logged once and never retried; creates in flight are capped (429/1303).
// Raw-socket routing and slow uploads: proxy-hardening-net.test.mjs; upstream misbehaviour:
// proxy-hardening-upstream.test.mjs; ownership: proxy-ownership.test.mjs; workerd:
// proxy-workerd.test.mjs; nginx: proxy-nginx.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { rawRequest } from "./proxy-helpers.mjs";
import { AK, MAX_VALUES, SK, OMNI, VALID, assertCrashAnswer, byBearer, capturingErrors, crashBody, shotsFor, createKlingProxy, gate, glue, pkg, rawExchange, rawHeader, rawJson, serveProxy, within } from "../support/proxy-rig.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
let emu, proxy, node;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 30, doneAfterMs: 120 } });
  proxy = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer });
  node = await serveProxy(proxy);
});

after(async () => {
  glue.__kwTrapAfterPolls(0);
  await node?.close();
  await emu?.close();
});

const alice = { authorization: "Bearer user-alice", "content-type": "application/json" };
const create = (p, body = VALID, headers = alice) => p.fetch(new Request(`http://proxy.test${OMNI}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));

/** A valid create through `p` answers 200 with a task: the proxy (and its instance) still works. */
async function served(p = proxy) {
  const res = await create(p);
  const text = await res.text();
  assert.equal(res.status, 200, `a valid create after the failure: ${text.slice(0, 300)}`);
  assert.match(JSON.parse(text).data.task_id, /^\d+$/);
}

async function assertTrapAnswer(res, what) {
  const text = await res.text();
  assert.equal(res.status, 500, `${what}: ${text.slice(0, 300)}`);
  assert.equal(JSON.parse(text).code, 5000, what);
  assert.ok(!text.includes(SK), "the secret key is in the answer");
}

test("trap in process: at each internal poll of a create, the request answers 500/5000 and the next one is served", async () => {
  // A create polls the core 4 times (authorize, body, upstream, done): a trap at each of them.
  for (let n = 1; n <= 4; n++) {
    const { lines } = await capturingErrors(async () => {
      glue.__kwTrapAfterPolls(n);
      await assertTrapAnswer(await create(proxy), `trap at poll ${n}`);
    });
    glue.__kwTrapAfterPolls(0);
    assert.ok(lines.every((l) => !l.includes(SK)), "a log line carries the secret key");
    await served();
  }
});

test("trap through toNodeListener over raw sockets: 500/5000, the server keeps serving", async () => {
  await capturingErrors(async () => {
    glue.__kwTrapAfterPolls(1);
    const res = await rawRequest(node.port, "POST", OMNI, alice, JSON.stringify(VALID));
    assert.equal(res.status, 500, res.raw.slice(0, 300));
    assert.equal(JSON.parse(res.body).code, 5000);
  });
  glue.__kwTrapAfterPolls(0);
  const ok = await rawRequest(node.port, "POST", OMNI, alice, JSON.stringify(VALID));
  assert.equal(ok.status, 200, ok.raw.slice(0, 300));
});

test("trap with several requests in flight: every one answers 500 (none hangs), then a create is served", async () => {
  const g = gate();
  const p = createKlingProxy({ accessKey: AK, secretKey: SK, authorize: byBearer, fetch: g.fetch, maxCreatesInFlight: 10 });
  const get = () => p.fetch(new Request(`http://proxy.test${OMNI}/811111111111111111`, { headers: alice }));
  const { value: answers } = await capturingErrors(async () => {
    const pending = [create(p), create(p), get(), get()];
    await within(10_000, "requests reaching the upstream", g.waitFor(4));
    // All four wait on the upstream; the first to resume traps, the others find the instance gone.
    glue.__kwTrapAfterPolls(1);
    g.release();
    return within(10_000, "requests in flight at the trap", Promise.all(pending));
  });
  glue.__kwTrapAfterPolls(0);
  for (const [i, res] of answers.entries()) await assertTrapAnswer(res, `request ${i} in flight`);
  await served(p);
  await served();
});

test("the crash body (multi_prompt of empty shots): at the value limit, one past it, 64 KiB, 1 MiB and 4 MiB: a small bounded Report, then a create is served", async (t) => {
  const cases = [
    ["at the value limit (10,000 values)", MAX_VALUES - 5],
    ["one value past the limit", MAX_VALUES - 4],
    ...[64 << 10, 1 << 20, 4 << 20].map((b) => [`${b >> 10} KiB`, shotsFor(b)]),
  ];
  for (const [name, shots] of cases) {
    await t.test(name, async () => {
      const { value: res } = await capturingErrors(() => create(proxy, crashBody(shots)));
      const text = await res.text();
      // Whatever happened, the proxy must still serve a valid create afterwards.
      await served();
      assertCrashAnswer(res.status, text, shots);
    });
  }
});

test("memory: a valid create with a 10 MiB image grows wasm memory by at most 2 × body + 4 MiB (fresh process)", () => {
  const run = spawnSync(process.execPath, [join(HERE, "../support/proxy-memory-probe.mjs")], { encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, `the probe failed: ${run.stderr}`);
  const m = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.equal(m.status, 200, m.body);
  assert.ok(m.sentBytes > 10 << 20, `only ${m.sentBytes} bytes went upstream`);
  const grew = m.after - m.before;
  const bound = 2 * m.bodyBytes + (4 << 20);
  assert.ok(grew <= bound, `wasm memory grew by ${(grew / 2 ** 20).toFixed(1)} MiB for a ${(m.bodyBytes / 2 ** 20).toFixed(1)} MiB body (bound ${(bound / 2 ** 20).toFixed(1)} MiB)`);
});

test("authorize returning NaN, Infinity, true, an object, a 257-byte id, or throwing: 500/1000, logged once, never retried by KlingClient", async (t) => {
  const hooks = {
    "a user id of 257 bytes (UTF-8)": () => "é".repeat(128) + "x",
    NaN: () => NaN,
    Infinity: () => Infinity,
    true: () => true,
    "an object": () => ({ id: "alice" }),
    "a hook that throws": () => {
      throw new Error(`db down, key ${SK}`); // the message must not be logged or echoed
    },
  };
  for (const [name, hook] of Object.entries(hooks)) {
    await t.test(name, async () => {
      let calls = 0;
      const p = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: (r) => (calls++, hook(r)) });
      const before = emu.state.requests.length;
      const { lines } = await capturingErrors(async () => {
        for (let i = 0; i < 2; i++) {
          const res = await p.fetch(new Request(`http://proxy.test${OMNI}?pageNum=1`));
          const text = await res.text();
          assert.equal(res.status, 500, text);
          assert.equal(JSON.parse(text).code, 1000, `call ${i + 1}: a client must not retry this (5000 is retried)`);
          assert.ok(!text.includes(SK) && !text.includes("db down"), "the hook's message is echoed");
        }
      });
      assert.equal(lines.length, 1, `logged ${lines.length} times: ${lines.join(" | ")}`);
      assert.ok(!lines[0].includes(SK) && !lines[0].includes("db down"), `the log line carries the hook's message: ${lines[0]}`);
      assert.equal(emu.state.requests.length, before, "a request reached Kling");
      // A KlingClient through such a proxy: one call of the hook, no retry.
      calls = 0;
      const client = new pkg.KlingClient({ baseUrl: "http://proxy.test/kling", auth: { kind: "proxy" }, fetch: (url, init) => p.fetch(new Request(url, init)) });
      await capturingErrors(() =>
        assert.rejects(client.createOmniVideo({ ...VALID }), (e) => e instanceof pkg.KlingError && e.apiCode === 1000 && e.retryable === false),
      );
      assert.equal(calls, 1, `the hook ran ${calls} times for one client create`);
    });
  }
});

test("creates in flight: with maxCreatesInFlight 2 the 3rd answers 429/1303 + Retry-After: 1 before its body is read", async () => {
  const g = gate();
  const p = createKlingProxy({ accessKey: AK, secretKey: SK, authorize: byBearer, fetch: g.fetch, maxCreatesInFlight: 2 });
  const srv = await serveProxy(p);
  try {
    const held = [create(p), create(p)];
    await within(10_000, "two creates reaching the upstream", g.waitFor(2));
    // The 3rd create sends its head (with a Content-Length) and no body byte: the refusal must
    // come anyway, so it was decided before the body was read.
    const third = await rawExchange(srv.port, `POST ${OMNI} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer user-alice\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n`);
    assert.equal(third.status, 429, `the 3rd create: ${third.raw.slice(0, 300) || "(no answer within 5 s)"}`);
    assert.equal(rawJson(third.raw)?.code, 1303);
    assert.equal(rawHeader(third.raw, "retry-after"), "1");
    g.release();
    for (const res of await within(10_000, "the held creates", Promise.all(held))) assert.equal(res.status, 200);
    await served(p);
    // A KlingClient create that gets the 429 waits Retry-After and succeeds on its retry.
    g.reset();
    const again = [create(p), create(p)];
    await within(10_000, "two creates reaching the upstream", g.waitFor(5));
    const statuses = [];
    const client = new pkg.KlingClient({
      baseUrl: "http://proxy.test/kling",
      auth: { kind: "proxy" },
      fetch: async (url, init) => {
        const res = await p.fetch(new Request(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: "Bearer user-bob" } }));
        statuses.push(res.status);
        if (res.status === 429) g.release(); // the slots free up while the client waits
        return res;
      },
    });
    const made = await within(20_000, "the client's create", client.createOmniVideo({ ...VALID }));
    assert.match(made.task_id, /^\d+$/);
    assert.equal(statuses[0], 429, `the client's first answer: ${statuses}`);
    assert.equal(statuses.at(-1), 200);
    const bobPosts = g.calls.filter((c) => c.method === "POST" && c.body.includes('"bob'));
    assert.equal(bobPosts.length, 1, "the client's create reached Kling once (the 429 sent nothing upstream)");
    await Promise.all(again);
  } finally {
    g.release();
    await srv.close();
  }
});
