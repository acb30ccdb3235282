//! KlingClient against the Kling emulator (tests/support/kling-emulator.mjs) in Node: create →
//! wait → result for each family, each auth strategy, token refresh, abort, timeout, paging, the
//! unbound fetch, configuration errors, and a fault soak (1,000 creates, 20 % faults: exactly
//! 1,000 tasks, no duplicates, none lost, every failure a KlingError with the right code).

import assert from "node:assert/strict";
import { test } from "node:test";
import lib from "./load-pkg.mjs";
import { AK, SK, jwt, nowS, start } from "./emulator-helpers.mjs";

const { KlingClient, KlingError, signKlingToken } = lib;
const FAST = { processingAfterMs: 10, doneAfterMs: 40 };
const keys = { kind: "keys", accessKey: AK, secretKey: SK };

const REQUESTS = {
  "omni-video": ["createOmniVideo", { model_name: "kling-v3-omni", prompt: "a fox", mode: "pro", aspect_ratio: "16:9", duration: "5" }],
  text2video: ["createTextToVideo", { model_name: "kling-v3", prompt: "a fox in snow", mode: "std", aspect_ratio: "16:9", duration: "5" }],
  image2video: ["createImageToVideo", { model_name: "kling-v3", image: "https://example.com/fox.png", prompt: "the fox runs", mode: "std", duration: "5" }],
  "omni-image": ["createOmniImage", { model_name: "kling-image-o1", prompt: "a fox portrait", aspect_ratio: "1:1" }],
};

const client = (emu, options = {}) => new KlingClient({ baseUrl: emu.url, auth: keys, ...options });

/** Awaits `promise`, expecting a KlingError with `code`; returns it. */
async function rejectsWith(promise, code) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof KlingError, `not a KlingError: ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a KlingError "${code}"`);
}

test("create → wait → result for each family", async (t) => {
  const emu = await start(t, { timeline: FAST });
  const c = client(emu);
  // The families in parallel: each wait spends at least one 2 s poll pause.
  await Promise.all(Object.entries(REQUESTS).map(async ([family, [method, req]]) => {
    const created = await c[method](req);
    assert.match(created.task_id, /\S/);
    assert.match(created.task_info.external_task_id, /^[0-9a-f-]{36}$/, "a generated external_task_id");
    const statuses = [];
    const done = await c.waitForTask(family, created.task_id, { onProgress: (task) => statuses.push(task.task_status) });
    assert.equal(done.task_status, "succeed");
    assert.equal(statuses.at(-1), "succeed");
    assert.equal(new Set(statuses).size, statuses.length, "one call per status change");
    const result = done.task_result.videos ?? done.task_result.images;
    assert.ok(result.length > 0 && result[0].url.startsWith(emu.url), family);
    // The same task, by its external_task_id (direct to Kling, both forms name it in the path).
    assert.equal((await c.getTask(family, created.task_info.external_task_id)).task_id, created.task_id);
    assert.equal((await c.getTask(family, created.task_info.external_task_id, { by: "external_task_id" })).task_id, created.task_id);
  }));
  assert.equal(emu.tasks().length, 4);
  for (const r of emu.state.requests) {
    assert.equal(r.headers["content-type"], "application/json", `${r.method} ${r.path}`);
    assert.match(r.headers.authorization, /^Bearer [^ ]+$/);
  }
});

test("a failed task rejects with task_failed carrying the task", async (t) => {
  const emu = await start(t, { timeline: FAST });
  const c = client(emu);
  const created = await c.createTextToVideo({ ...REQUESTS.text2video[1], prompt: "a fox [[fail]]" });
  const e = await rejectsWith(c.waitForTask("text2video", created.task_id), "task_failed");
  assert.equal(e.task.task_id, created.task_id);
  assert.equal(e.task.task_status, "failed");
});

test("a request with errors never leaves", async (t) => {
  const emu = await start(t);
  const e = await rejectsWith(client(emu).createOmniVideo({ model_name: "kling-v3-omni", prompt: "x", mode: "ultra" }), "validation_failed");
  assert.ok(e.issues.some((i) => i.path === "/mode"));
  assert.equal(emu.state.requests.length, 0);
});

test("a failed create names its external_task_id; retrying with it makes no second task", async (t) => {
  const emu = await start(t, { timeline: FAST });
  const [method, req] = REQUESTS["omni-video"];
  // The create reaches Kling, then the connection drops before any answer, and so does every
  // query: the caller only learns "network_error", but the error names the generated id.
  const dropping = (url, init) => fetch(url, init).then(() => { throw new TypeError("fetch failed"); });
  const e = await rejectsWith(client(emu, { fetch: dropping, maxRetries: 0 })[method](req), "network_error");
  assert.match(e.externalTaskId ?? "", /^[0-9a-f-]{36}$/, "the generated id");
  assert.equal(emu.tasks().length, 1, "the first create was stored");
  const task = await client(emu)[method]({ ...req, external_task_id: e.externalTaskId });
  assert.equal(task.task_info.external_task_id, e.externalTaskId);
  assert.equal(emu.tasks().length, 1, "no second task");
  // Refused before a body was built: nothing was sent, so no id.
  const bad = await rejectsWith(client(emu)[method]({ ...req, prompt: "" }), "validation_failed");
  assert.equal(bad.externalTaskId, undefined);
});

test("every auth strategy reaches the emulator as it should", async (t) => {
  const emu = await start(t, { apiKey: "static-key" });
  const req = REQUESTS["omni-video"][1];
  const good = (auth) => new KlingClient({ baseUrl: emu.url, auth }).createOmniVideo(req);
  await good(keys);
  await good({ kind: "apiKey", apiKey: "static-key" });
  await good({ kind: "token", token: signKlingToken(AK, SK) });
  await good({ kind: "token", token: async () => signKlingToken(AK, SK) });
  assert.equal(emu.tasks().length, 4);
  // proxy: no credentials at all (a signing backend would add them; Kling refuses with 1001).
  const e = await rejectsWith(good({ kind: "proxy" }), "api_error");
  assert.equal(e.apiCode, 1001);
  assert.equal(emu.state.requests.at(-1).headers.authorization, undefined);
  // A wrong secret: 1002 after one fresh token, not retried further.
  const before = emu.state.requests.length;
  await rejectsWith(good({ kind: "keys", accessKey: AK, secretKey: "wrong" }), "api_error");
  assert.equal(emu.state.requests.length - before, 2);
});

test("keys: one token is reused across calls", async (t) => {
  const emu = await start(t);
  const c = client(emu);
  await c.listTasks("omni-video");
  await c.listTasks("omni-video");
  const [a, b] = emu.state.requests.map((r) => r.headers.authorization);
  assert.equal(a, b);
});

test("token provider: asked once, re-asked after 1004", async (t) => {
  const emu = await start(t);
  let calls = 0;
  const provider = () => {
    calls++;
    // The first token is already expired.
    return calls === 1 ? jwt({ iss: AK, exp: nowS() - 10, nbf: nowS() - 100 }) : Promise.resolve(signKlingToken(AK, SK));
  };
  const c = client(emu, { auth: { kind: "token", token: provider } });
  await c.listTasks("omni-video");
  await c.listTasks("text2video");
  assert.equal(calls, 2);
  assert.deepEqual(emu.state.stats.authFailures, { 1004: 1 });
  // A provider that throws: config_error, nothing sent.
  const sent = emu.state.requests.length;
  const broken = client(emu, { auth: { kind: "token", token: () => { throw new Error("backend down"); } } });
  const e = await rejectsWith(broken.listTasks("omni-video"), "config_error");
  assert.match(e.message, /backend down/);
  assert.equal(emu.state.requests.length, sent);
});

test("abort: before sending, and during a wait", async (t) => {
  const emu = await start(t, { timeline: { processingAfterMs: 10, doneAfterMs: 60_000 } });
  const c = client(emu);
  const gone = AbortSignal.abort();
  await rejectsWith(c.createOmniVideo(REQUESTS["omni-video"][1], { signal: gone }), "aborted");
  assert.equal(emu.state.requests.length, 0);
  const created = await c.createOmniVideo(REQUESTS["omni-video"][1]);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const t0 = Date.now();
  await rejectsWith(c.waitForTask("omni-video", created.task_id, { signal: controller.signal }), "aborted");
  assert.ok(Date.now() - t0 < 1500, "the 2 s poll pause was cut short");
});

test("timeouts: per exchange (body included), and for the whole wait", async (t) => {
  const emu = await start(t, { delayMs: 300, timeline: { processingAfterMs: 10, doneAfterMs: 60_000 } });
  const c = client(emu, { maxRetries: 0 });
  const e = await rejectsWith(c.getTask("omni-video", "x", { timeoutMs: 100 }), "timeout");
  assert.equal(e.retryable, true);
  emu.configure({ delayMs: 0 });
  const created = await c.createOmniVideo(REQUESTS["omni-video"][1]);
  const t0 = Date.now();
  await rejectsWith(c.waitForTask("omni-video", created.task_id, { timeoutMs: 300 }), "timeout");
  assert.ok(Date.now() - t0 < 2000);
});

test("list paging, checked limits and the async iterator", async (t) => {
  const emu = await start(t);
  const c = client(emu);
  for (let i = 0; i < 5; i++) await c.createOmniImage(REQUESTS["omni-image"][1]);
  const pages = [];
  for (let n = 1; n <= 3; n++) pages.push((await c.listTasks("omni-image", { pageNum: n, pageSize: 2 })).length);
  assert.deepEqual(pages, [2, 2, 1]);
  assert.match(emu.state.requests.at(-1).url, /\?pageNum=3&pageSize=2$/);
  const ids = [];
  for await (const task of c.iterateTasks("omni-image", { pageSize: 2 })) ids.push(task.task_id);
  assert.equal(new Set(ids).size, 5);
  for await (const task of c.iterateTasks("omni-image", { pageSize: 5 })) {
    assert.ok(task.task_id);
    break;
  }
  const sent = emu.state.requests.length;
  for (const query of [{ pageNum: 0 }, { pageNum: 1001 }, { pageSize: 501 }, { pageSize: 1.5 }]) {
    const e = await rejectsWith(c.listTasks("omni-image", query), "validation_failed");
    assert.ok(e.issues.length > 0);
  }
  assert.throws(() => c.iterateTasks("omni-image", { pageSize: 0 }), (e) => e instanceof KlingError && e.code === "validation_failed");
  assert.equal(emu.state.requests.length, sent);
});

test("through a signing proxy: getTask and waitForTask by either id, iterateTasks follows next_cursor", async () => {
  const urls = [];
  const envelope = (data, extra = {}) => new Response(JSON.stringify({ code: 0, message: "SUCCEED", request_id: "r", data, ...extra }));
  const task = (id) => ({ task_id: id, task_status: "succeed" });
  // Short and empty pages with a cursor, a task repeated across pages, then the end.
  const pages = {
    "?pageNum=1&pageSize=3": envelope([task("a")], { next_cursor: "c1" }),
    "?pageSize=3&cursor=c1": envelope([], { next_cursor: "c2" }),
    "?pageSize=3&cursor=c2": envelope([task("a"), task("b")]),
  };
  const fetch = async (url) => {
    urls.push(url);
    const query = url.slice(url.indexOf("?"));
    return url.includes("?page") ? pages[query] : envelope(task("t"));
  };
  const c = new KlingClient({ baseUrl: "https://app.test/kling", fetch });
  await c.getTask("omni-video", "t");
  await c.getTask("omni-video", "job-1", { by: "external_task_id" });
  await c.getTask("omni-video", "t", { by: "task_id" });
  await c.waitForTask("omni-video", "job-1", { by: "external_task_id" });
  assert.deepEqual(urls.splice(0), [
    "https://app.test/kling/v1/videos/omni-video/t",
    "https://app.test/kling/v1/videos/omni-video/job-1?by=external_task_id",
    "https://app.test/kling/v1/videos/omni-video/t",
    "https://app.test/kling/v1/videos/omni-video/job-1?by=external_task_id",
  ]);
  const ids = [];
  for await (const t of c.iterateTasks("omni-video", { pageSize: 3 })) ids.push(t.task_id);
  assert.deepEqual(ids, ["a", "b"]);
  assert.equal(urls.length, 3);
  await rejectsWith(c.getTask("omni-video", "t", { by: "id" }), "config_error");
  await rejectsWith(c.waitForTask("omni-video", "t", { by: "external" }), "config_error");
  // A cursor that would change the URL is refused, not followed.
  pages["?pageNum=1&pageSize=3"] = envelope([task("a")], { next_cursor: "x&pageNum=9" });
  urls.length = 0;
  const it = c.iterateTasks("omni-video", { pageSize: 3 });
  await rejectsWith(it.next(), "decode_error");
  assert.equal(urls.length, 1);
});

test("the configured fetch is called as a plain function", async (t) => {
  const emu = await start(t);
  let calls = 0;
  // Like a Workers global fetch: it throws when `this` is some other object.
  function strictFetch(url, init) {
    "use strict";
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    calls++;
    return fetch(url, init);
  }
  const c = client(emu, { fetch: strictFetch });
  await c.listTasks("omni-video");
  assert.equal(calls, 1);
});

test("configuration errors throw config_error at once", () => {
  const bad = [
    {},
    { baseUrl: "api.klingai.com" },
    { baseUrl: "https://x.test", timeout: 5 },
    { baseUrl: "https://x.test", maxRetries: 11 },
    { baseUrl: "https://x.test", auth: { kind: "jwt" } },
    { baseUrl: "https://x.test", auth: { kind: "keys", accessKey: AK } },
    { baseUrl: "https://x.test", fetch: "fetch" },
    { baseUrl: "https://x.test", locale: "fr" },
  ];
  for (const options of bad) {
    assert.throws(() => new KlingClient(options), (e) => e instanceof KlingError && e.code === "config_error", JSON.stringify(options));
  }
  const c = new KlingClient({ baseUrl: "https://x.test" });
  return Promise.all([
    rejectsWith(c.getTask("videos", "x"), "config_error"),
    rejectsWith(c.getTask("omni-video", "x", { signal: {} }), "config_error"),
    rejectsWith(c.waitForTask("omni-video", "x", { onProgress: 1 }), "config_error"),
  ]);
});

test("a bad option reads the same everywhere: its path, every problem at once, validate's words", async () => {
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof KlingError && e.code === "config_error", `${e}`);
      return e.message;
    }
    assert.fail("did not throw");
  };
  const req = { model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1", duration: "5" };
  const said = lib.validateOmniVideo(req, { locale: "fr" }).issues[0].message; // Option "locale" must be ...
  assert.equal(thrown(() => new KlingClient({ baseUrl: "https://x.test", locale: "fr" })), `KlingClient options: ${said}`);
  assert.equal(thrown(() => lib.buildOmniVideoBody(req, { locale: "fr" })), said);
  const all = thrown(() => new KlingClient({ baseUrl: "https://x.test", timeout: 5, maxRetries: 11, auth: { kind: "keys", accessKey: 5 } }));
  for (const option of ["auth.accessKey", "auth.secretKey", "maxRetries", "timeout"]) assert.ok(all.includes(`"${option}"`), all);
  assert.match(thrown(() => signKlingToken(AK, SK, { ttlSeconds: 0, now: 1 })), /^signKlingToken options: Option "ttlSeconds" .* Unknown option "now"/);
  // A string where another type belongs is never echoed (it may be a secret).
  assert.ok(!thrown(() => new KlingClient({ baseUrl: "https://x.test", maxRetries: SK })).includes(SK));
  // The client's locale applies to its calls' option problems too.
  const zh = new KlingClient({ baseUrl: "https://x.test", locale: "zh" });
  await assert.rejects(zh.getTask("omni-video", "x", { by: "id" }), (e) => e.code === "config_error" && /^getTask options: 选项“by”/.test(e.message));
});

test("secrets refuse to run in a web page unless opted in", () => {
  globalThis.window = {};
  globalThis.document = {};
  try {
    const isConfig = (e) => e instanceof KlingError && e.code === "config_error" && !e.message.includes(SK);
    assert.throws(() => new KlingClient({ baseUrl: "https://x.test", auth: keys }), isConfig);
    assert.throws(() => new KlingClient({ baseUrl: "https://x.test", auth: { kind: "apiKey", apiKey: "k" } }), isConfig);
    assert.throws(() => signKlingToken(AK, SK), isConfig);
    new KlingClient({ baseUrl: "https://x.test", auth: { ...keys, dangerouslyAllowBrowser: true } });
    new KlingClient({ baseUrl: "/kling", auth: { kind: "proxy" } });
    assert.equal(typeof signKlingToken(AK, SK, { dangerouslyAllowBrowser: true }), "string");
  } finally {
    delete globalThis.window;
    delete globalThis.document;
  }
});

test("signKlingToken: claims iss, exp, nbf", () => {
  const token = signKlingToken(AK, SK, { nowSeconds: 1_700_000_000, ttlSeconds: 600 });
  assert.equal(token, jwt({ iss: AK, exp: 1_700_000_600, nbf: 1_699_999_995 }));
  assert.throws(() => signKlingToken("", SK), (e) => e.code === "config_error");
  assert.throws(() => signKlingToken(AK, SK, { ttlSeconds: -1 }), (e) => e.code === "config_error");
});

test("fault soak: 1,000 creates, 20 % faults, exactly 1,000 tasks", { timeout: 180_000 }, async (t) => {
  const emu = await start(t, {
    faults: { rate: 0.2, seed: 7, slowMs: 400, on: ["create", "query"] },
  });
  const c = client(emu, { timeoutMs: 200 });
  const CODES = { api_error: true, network_error: true, timeout: true };
  const reached = {};
  let next = 0;
  const one = async (i) => {
    const req = { ...REQUESTS["omni-video"][1], external_task_id: `soak-${i}` };
    for (let attempt = 0; ; attempt++) {
      try {
        const task = await c.createOmniVideo(req);
        assert.equal(task.task_info.external_task_id, `soak-${i}`);
        return;
      } catch (e) {
        assert.ok(e instanceof KlingError && CODES[e.code] && e.retryable, `${e.code}: ${e.message}`);
        if (e.code === "api_error") assert.ok([5000, 5001, 5002, 1302, 1303].includes(e.apiCode), e.message);
        reached[e.code] = (reached[e.code] ?? 0) + 1;
        assert.ok(attempt < 10, "the caller's own retries end");
      }
    }
  };
  const worker = async () => {
    while (next < 1000) await one(next++);
  };
  await Promise.all(Array.from({ length: 25 }, worker));
  const tasks = emu.tasks();
  const ext = new Set(tasks.map((x) => x.task.task_info.external_task_id));
  assert.equal(tasks.length, 1000, "no duplicates, none lost");
  assert.equal(ext.size, 1000);
  const faults = emu.state.stats.faults;
  assert.ok(Object.values(faults).reduce((a, b) => a + b, 0) > 150, JSON.stringify(faults));
  t.diagnostic(`faults injected: ${JSON.stringify(faults)}; failures that reached the caller: ${JSON.stringify(reached)}; duplicates refused: ${emu.state.stats.duplicatesRejected}`);
});
