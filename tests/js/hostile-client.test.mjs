//! Hostile input to the client side of the package: the KlingClient constructor and every option,
//! every argument of every method, hostile answers from `fetch`, signKlingToken and capabilities.
//! Every call settles with a result or a KlingError (never a synchronous non-KlingError, never a
//! hang); after every input the module still answers a known-valid call correctly; the shared
//! prototypes are untouched. The fetch is a local stub: nothing leaves the machine.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import lib from "./load-pkg.mjs";
import { FAMILIES, assertKling, revokedProxy, selfRevokingProxy, settles, throwingProxy, trickyError } from "./hostile-values.mjs";
import { hostileSuite, repeatThenAlive } from "./hostile-runner.mjs";

const { KlingClient, KlingError, signKlingToken, capabilities } = lib;
const BASE = "https://kling.test";
const TASK = { task_id: "101", task_status: "succeed", task_info: { external_task_id: "e1" }, task_result: { videos: [] } };
const envelope = (data, code = 0) => JSON.stringify({ code, message: code ? "failed" : "SUCCEED", request_id: "r1", data });
const okFetch = async (url, init) => new Response(envelope(init?.method === "POST" ? { ...TASK, task_status: "submitted" } : url.includes("?") ? [TASK] : TASK));
const options = (extra = {}) => ({ baseUrl: BASE, fetch: okFetch, maxRetries: 0, timeoutMs: 500, ...extra });
const good = new KlingClient(options());
const SENTINEL = FAMILIES.OmniVideo.valid;
const SENTINEL_BODY = lib.buildOmniVideoBody(SENTINEL);
const ANY = ["validation_failed", "api_error", "network_error", "decode_error", "timeout", "aborted", "task_failed", "config_error"];

/** The module still works: a client call and a body build give the right answers. */
async function alive() {
  assert.equal((await good.getTask("omni-video", "101")).task_id, "101", "the client stopped working");
  assert.equal(lib.buildOmniVideoBody(SENTINEL), SENTINEL_BODY, "the module stopped working");
  assert.equal({}.polluted, undefined);
}

const { each, run: runCases, finish } = hostileSuite("hostile-client", alive);

/** A resolved value that must be a task. */
const isTask = (v) => assert.ok(v && typeof v.task_id === "string" && typeof v.task_status === "string", `not a task: ${JSON.stringify(v)?.slice(0, 120)}`);

test("KlingClient constructor: any value as the options, and at every option", async () => {
  const construct = (opts) => {
    let client;
    try {
      client = new KlingClient(opts);
    } catch (e) {
      assertKling(KlingError, e, "config_error");
      return;
    }
    // Made: its first call settles like any other.
    return settles(KlingError, () => client.getTask("omni-video", "101"), ANY).then(({ value }) => value && isTask(value));
  };
  const cases = [...each("options", (v) => {
    assert.throws(() => new KlingClient(v), (e) => e instanceof KlingError && e.code === "config_error");
  })];
  for (const key of ["baseUrl", "auth", "fetch", "maxRetries", "timeoutMs", "locale", "credentials", "maxUnits", "allowUnpriced"]) {
    cases.push(...each(`options.${key}`, (v) => construct(options({ [key]: v }))));
  }
  const AUTH = {
    kind: (v) => ({ kind: v }),
    accessKey: (v) => ({ kind: "keys", accessKey: v, secretKey: "sk" }),
    secretKey: (v) => ({ kind: "keys", accessKey: "ak", secretKey: v }),
    ttlSeconds: (v) => ({ kind: "keys", accessKey: "ak", secretKey: "sk", ttlSeconds: v }),
    dangerouslyAllowBrowser: (v) => ({ kind: "apiKey", apiKey: "k", dangerouslyAllowBrowser: v }),
    token: (v) => ({ kind: "token", token: v }),
    "token provider result": (v) => ({ kind: "token", token: () => v }),
    "token provider throw": (v) => ({ kind: "token", token: () => { throw v; } }),
    "token provider rejection": (v) => ({ kind: "token", token: () => Promise.reject(v) }),
    apiKey: (v) => ({ kind: "apiKey", apiKey: v }),
    "extra key": (v) => ({ kind: "proxy", extra: v }),
    headers: (v) => ({ kind: "proxy", headers: v }),
    "a session header value": (v) => ({ kind: "proxy", headers: { "x-session": v } }),
    "headers function result": (v) => ({ kind: "proxy", headers: () => v }),
    "headers function async result": (v) => ({ kind: "proxy", headers: async () => v }),
    "headers function throw": (v) => ({ kind: "proxy", headers: () => { throw v; } }),
  };
  for (const [what, auth] of Object.entries(AUTH)) cases.push(...each(`auth.${what}`, (v) => construct(options({ auth: auth(v) }))));
  cases.push({ label: "token provider throws an Error whose message getter throws", run: () => construct(options({ auth: { kind: "token", token: () => { throw trickyError(); } } })) });
  for (const url of ["javascript:alert(1)", "file:///etc/passwd", "http://[::1", `${BASE}/\ud800`, "//evil.test", "https://u:p@kling.test",
    `${BASE}/${"a".repeat(1 << 20)}`, ` ${BASE} `, `${BASE}/?q=1#f`, "data:text/plain,x", "", "/kling", "\u0000"]) {
    cases.push({ label: `baseUrl ${JSON.stringify(url.slice(0, 40))}`, run: () => construct(options({ baseUrl: url })) });
  }
  assert.ok(cases.length > 900);
  await runCases(cases);
});

test("every method: any value at every argument settles with a task or a KlingError", async () => {
  const ok = (call, codes, check = isTask) => settles(KlingError, call, codes).then(({ value }) => value !== undefined && check(value));
  const list = (v) => assert.ok(Array.isArray(v) && v.every((t) => typeof t.task_id === "string"));
  const cases = [];
  for (const method of ["createOmniVideo", "createTextToVideo", "createImageToVideo", "createOmniImage", "createImageGeneration", "createCustomElement", "createCustomVoice"]) {
    cases.push(...each(`${method}(value)`, (v) => settles(KlingError, () => good[method](v), "validation_failed").then((r) => assert.ok(r.error, "resolved"))));
  }
  cases.push(...each("createOmniVideo(valid, options)", (v) => ok(() => good.createOmniVideo(SENTINEL, v), "config_error")));
  cases.push(...each("createOmniVideo(valid, { timeoutMs })", (v) => ok(() => good.createOmniVideo(SENTINEL, { timeoutMs: v }), "config_error")));
  // The cost limit (the sentinel is 4 units): a limit below it refuses with "cost_limit".
  for (const key of ["maxUnits", "allowUnpriced", "videoSeconds"]) {
    cases.push(...each(`createOmniVideo(valid, { ${key} })`, (v) => ok(() => good.createOmniVideo(SENTINEL, { [key]: v }), ["config_error", "cost_limit"])));
  }
  cases.push(...each("getTask(family)", (v) => settles(KlingError, () => good.getTask(v, "101"), "config_error").then((r) => assert.ok(r.error))));
  cases.push(...each("getTask(id)", (v) => ok(() => good.getTask("omni-video", v), ["config_error", "validation_failed"])));
  cases.push(...each("getTask(options)", (v) => ok(() => good.getTask("omni-video", "101", v), "config_error")));
  cases.push(...each("listTasks(family)", (v) => settles(KlingError, () => good.listTasks(v), "config_error").then((r) => assert.ok(r.error))));
  cases.push(...each("listTasks(query)", (v) => ok(() => good.listTasks("omni-video", v), ["config_error", "validation_failed"], list)));
  cases.push(...each("listTasks({ pageNum })", (v) => ok(() => good.listTasks("omni-video", { pageNum: v }), ["config_error", "validation_failed"], list)));
  cases.push(...each("listTasks({ pageSize })", (v) => ok(() => good.listTasks("omni-video", { pageSize: v }), ["config_error", "validation_failed"], list)));
  cases.push(...each("listTasks(\"custom-voice\", { pageSize })", (v) => ok(() => good.listTasks("custom-voice", { pageSize: v }), ["config_error", "validation_failed"], list)));
  cases.push(...each("waitForTask(options)", (v) => ok(() => good.waitForTask("omni-video", "101", v), "config_error")));
  cases.push(...each("waitForTask({ onProgress })", (v) => ok(() => good.waitForTask("omni-video", "101", { onProgress: v }), "config_error")));
  cases.push(...each("waitForTask({ timeoutMs })", (v) => ok(() => good.waitForTask("omni-video", "101", { timeoutMs: v }), "config_error")));
  // iterateTasks checks its arguments at the call (a KlingError thrown at once), then pages lazily.
  cases.push(...each("iterateTasks(query)", async (v) => {
    let it;
    try {
      it = good.iterateTasks("omni-video", v);
    } catch (e) {
      return assertKling(KlingError, e, ["config_error", "validation_failed"]);
    }
    await ok(() => it.next(), [], (r) => assert.ok(r.done === false && typeof r.value.task_id === "string"));
  }));
  // A throwing onProgress is the caller's bug: the wait still ends with the task.
  for (const [name, onProgress] of [["throwing onProgress", () => { throw new Error("boom"); }], ["onProgress throwing a Symbol", () => { throw Symbol("s"); }],
    ["Proxy onProgress", throwingProxy(() => {})], ["async rejecting onProgress", async () => { throw new Error("later"); }]]) {
    cases.push({ label: name, run: () => ok(() => good.waitForTask("omni-video", "101", { onProgress }), []) });
  }
  assert.ok(cases.length > 1000);
  await runCases(cases);
});

test("hostile ids travel as one encoded path segment", async () => {
  const seen = [];
  const c = new KlingClient(options({ fetch: (url, init) => (seen.push(url), okFetch(url, init)) }));
  const ids = ["../../account/costs", "a/b", "a?x=1", "a#f", "%2e%2e", "..", ".", "\ud800", " ", "\u0000", "\r\nHost: evil", "x".repeat(1 << 20)];
  await runCases(ids.map((id) => ({
    label: `getTask(id ${JSON.stringify(id.slice(0, 30))})`,
    run: async () => {
      const before = seen.length;
      const r = await settles(KlingError, () => c.getTask("omni-video", id), ["validation_failed", "config_error"]);
      if (r.error) return assert.equal(seen.length, before, "a refused id still reached fetch");
      const url = new URL(seen.at(-1));
      assert.equal(url.origin, BASE);
      assert.equal(url.search + url.hash, "");
      const segments = url.pathname.split("/");
      assert.deepEqual(segments.slice(0, -1), ["", "v1", "videos", "omni-video"], url.pathname.slice(0, 120));
      // "." and ".." would be resolved away by fetch, sending the call to another path.
      assert.ok(![".", "..", ""].includes(segments.at(-1)), `id became segment ${JSON.stringify(segments.at(-1))}`);
    },
  })));
});

test("hostile answers from fetch: every call settles with a task or a KlingError", async () => {
  const body = (text, init) => async () => new Response(text, init);
  const ANSWERS = [
    ["invalid JSON", body("{")], ["10,000-deep JSON", body("[".repeat(10_000))], ["data null", body(envelope(null))],
    ["code as string", body('{"code":"0","data":{}}')], ["an array", body("[]")], ["empty body", body("")],
    ["20 MB task", body(envelope({ ...TASK, x: "y".repeat(20 << 20) }))], ["HTML 500", body("<html>", { status: 500 })],
    ["lone surrogate escape", body(envelope({ ...TASK, task_status_msg: "cut \ud83d" }))], ["raw NUL", body(envelope(TASK).replace("SUCCEED", "\u0000"))],
    ["own __proto__ in the task", body('{"code":0,"message":"","request_id":"","data":{"task_id":"1","task_status":"succeed","__proto__":{"polluted":1}}}')],
    ["unknown task_status", body(envelope({ ...TASK, task_status: "weird" }))], ["failed task", body(envelope({ ...TASK, task_status: "failed" }))],
    ["task_id a number", body(envelope({ ...TASK, task_id: 101 }))], ["huge code", body('{"code":99999999999999999999999,"data":null}')],
    ["code 1303 under 200", body(envelope(null, 1303))], ["status 204", async () => new Response(null, { status: 204 })],
    ["status 429 no body", body("", { status: 429 })], ["Retry-After: 1e9", body(envelope(null, 1302), { status: 429, headers: { "retry-after": "1000000000" } })],
    ["a body stream that errors", async () => new Response(new ReadableStream({ start(c) { c.error(new Error("stream boom")); } }))],
    ["not a Response", async () => ({ status: 200, text: 5 })], ["undefined", async () => undefined], ["a number, not a promise", () => 42],
    ["throws a Symbol", () => { throw Symbol("s"); }], ["rejects with undefined", () => Promise.reject(undefined)],
    ["a Proxy whose traps throw", async () => throwingProxy()], ["throws a Proxy Error", () => { throw throwingProxy(new Error("x")); }],
    ["rejects with an Error whose message getter throws", () => Promise.reject(trickyError())],
    ["never answers", () => new Promise(() => {})],
    ["a body that never ends", async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }))],
  ];
  const calls = {
    getTask: (c) => c.getTask("omni-video", "101"),
    createOmniVideo: (c) => c.createOmniVideo(SENTINEL),
    listTasks: (c) => c.listTasks("omni-video"),
    waitForTask: (c) => c.waitForTask("omni-video", "101", { timeoutMs: 400 }),
    listPresetElements: (c) => c.listPresetElements(),
    deleteCustomElement: (c) => c.deleteCustomElement("7"),
    getAccountCosts: (c) => c.getAccountCosts({ start_time: 0, end_time: 1 }),
  };
  const cases = [];
  for (const [name, fetch] of ANSWERS) {
    const c = new KlingClient(options({ fetch, timeoutMs: 300 }));
    for (const [method, call] of Object.entries(calls)) {
      cases.push({ label: `${method} <- ${name}`, run: () => settles(KlingError, () => call(c), ["decode_error", "api_error", "network_error", "timeout", "task_failed"]) });
    }
  }
  await runCases(cases);
});

// js-7 (RELIABILITY.md): the timeout was only an abort of the fetch's signal, which a fetch may ignore.
test("a fetch that ignores its AbortSignal still ends: timeout after timeoutMs, aborted by the caller's signal", async () => {
  const FETCHES = [["never answers", () => new Promise(() => {})],
    ["a body that never ends", async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }))]];
  const cases = [];
  for (const [name, fetch] of FETCHES) {
    const c = new KlingClient(options({ fetch, timeoutMs: 200 }));
    const code = async (call, expected) => assert.equal((await settles(KlingError, call, [expected])).error?.code, expected);
    cases.push({ label: `${name}: timeoutMs`, run: () => code(() => c.getTask("omni-video", "101"), "timeout") });
    cases.push({ label: `${name}: per-call timeoutMs`, run: () => code(() => c.createOmniVideo(SENTINEL, { timeoutMs: 100 }), "timeout") });
    cases.push({ label: `${name}: the caller aborts`, run: () => code(() => c.getTask("omni-video", "101", { signal: AbortSignal.timeout(50), timeoutMs: 4_000 }), "aborted") });
  }
  await runCases(cases);
});

// js-10 (RELIABILITY.md): Kling's JSON may carry a lone-surrogate escape, valid JSON for JS.
test("a lone surrogate escape in Kling's answer still gives the task (js-10)", async () => {
  const fetch = async () => new Response(envelope({ ...TASK, task_status_msg: "cut \ud83d" }));
  const c = new KlingClient(options({ fetch }));
  await runCases([{ label: "getTask <- lone surrogate escape", run: async () => {
    const task = await c.getTask("omni-video", "101");
    assert.equal(task.task_id, "101");
    assert.ok(task.task_status_msg.startsWith("cut "), task.task_status_msg);
  } }]);
});

test("signKlingToken: any value as either key or the options gives a verifiable JWT or a config_error", async () => {
  const check = (ak, sk, opts) => {
    let token;
    try {
      token = signKlingToken(ak, sk, opts);
    } catch (e) {
      return assertKling(KlingError, e, "config_error");
    }
    const [h, p, s] = token.split(".");
    assert.ok(h && p && s, "three parts");
    assert.equal(s, createHmac("sha256", Buffer.from(String(sk), "utf8")).update(`${h}.${p}`).digest("base64url"), "signed with the secret");
    assert.equal(JSON.parse(Buffer.from(p, "base64url").toString()).iss, String(ak).toWellFormed());
  };
  const cases = [...each("accessKey", (v) => check(v, "sk")), ...each("secretKey", (v) => check("ak", v)), ...each("options", (v) => check("ak", "sk", v))];
  for (const key of ["nowSeconds", "ttlSeconds", "dangerouslyAllowBrowser"]) cases.push(...each(`options.${key}`, (v) => check("ak", "sk", { [key]: v })));
  for (const [name, ak, sk] of [["10 MB keys", "a".repeat(10 << 20), "s".repeat(10 << 20)], ["lone surrogates", "a\ud800", "s\udc00"], ["NUL", "\u0000", "\u0000"]]) {
    cases.push({ label: name, run: () => check(ak, sk) });
  }
  await runCases(cases);
});

test("capabilities ignores any argument and always hands out a fresh map", async () => {
  const reference = capabilities();
  await runCases(each("capabilities(value)", (v) => {
    const caps = capabilities(v);
    assert.deepEqual(caps, reference);
    caps.models.length = 0;
  }));
});

// Last: a signal whose `aborted` getter throws after its first read brought the whole process down
// when this suite was written (see RELIABILITY.md "Hostile JS input").
test("AbortSignal look-alikes: any value as the signal", async () => {
  let reads = 0;
  const SIGNALS = [
    ["AbortSignal.abort()", () => AbortSignal.abort()], ["AbortSignal.timeout(1)", () => AbortSignal.timeout(1)],
    ["Proxy of an AbortSignal", () => new Proxy(new AbortController().signal, {})],
    ["addEventListener throws", () => ({ aborted: false, addEventListener() { throw new Error("no"); }, removeEventListener() {} })],
    ["aborted getter throws after the first read", () => ({ get aborted() { if (reads++ % 2) throw new Error("later"); return false; }, addEventListener() {}, removeEventListener() {} })],
  ];
  const cases = [...each("signal", (v) => settles(KlingError, () => good.getTask("omni-video", "101", { signal: v }), "config_error"))];
  for (const [name, make] of SIGNALS) {
    for (const [method, call] of [["getTask", (s) => good.getTask("omni-video", "101", { signal: s })],
      ["waitForTask", (s) => good.waitForTask("omni-video", "101", { signal: s })], ["createOmniVideo", (s) => good.createOmniVideo(SENTINEL, { signal: s })]]) {
      cases.push({ label: `${method} signal ${name}`, run: () => settles(KlingError, () => call(make()), ANY) });
    }
  }
  await runCases(cases);
});

test("5,000 calls of each input that once killed the module, then a valid call", async () => {
  const REPEATS = 5_000;
  const kling = (...codes) => ({ error }) => error instanceof KlingError && codes.includes(error.code);
  // js-1: options a Proxy can no longer read (raw TypeError, leaked stack: dead after 628 calls).
  for (const make of [revokedProxy, selfRevokingProxy]) {
    await repeatThenAlive(REPEATS, make, (o) => signKlingToken("ak", "sk", o), kling("config_error"), alive);
    await repeatThenAlive(REPEATS, make, (o) => new KlingClient(o), kling("config_error"), alive);
    await repeatThenAlive(REPEATS, make, (o) => good.getTask("omni-video", "101", o), kling("config_error"), alive);
  }
  // js-5: a request whose getter throws an Error that cannot be read.
  const tricky = () => ({ ...SENTINEL, get prompt() { throw trickyError(); } });
  await repeatThenAlive(REPEATS, tricky, (req) => good.createOmniVideo(req), kling("validation_failed"), alive);
  // js-6: a signal whose `aborted` throws after its first read.
  const signal = () => {
    let reads = 0;
    return { get aborted() { if (reads++) throw new Error("later"); return false; }, addEventListener() {}, removeEventListener() {} };
  };
  await repeatThenAlive(REPEATS, signal, (s) => good.getTask("omni-video", "101", { signal: s }), kling("aborted"), alive);
});

finish(1000);
