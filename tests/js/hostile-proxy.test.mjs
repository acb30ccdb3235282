//! Hostile input to the signing proxy (`kling-wasm/proxy`): any value as the config and at every
//! config key, any value as the "request", hostile Requests (methods, paths, headers, bodies),
//! hostile authorize hooks and hostile upstream answers. createKlingProxy gives a proxy or throws a
//! KlingError "config_error"; proxy.fetch always resolves with a Response; after every input a
//! known-valid request through a known-good proxy still gets the right answer; no secret is echoed.

import { test } from "node:test";
import assert from "node:assert/strict";
import { importSubpath } from "./load-pkg.mjs";
import { assertKling, revokedProxy, selfRevokingProxy, settles, throwingProxy } from "./hostile-values.mjs";
import { hostileSuite, repeatThenAlive } from "./hostile-runner.mjs";

const { createKlingProxy, KlingError } = await importSubpath("proxy");
const SK = "sk-hostile-proxy-0123456789";
// An anonymous caller's task: its owned id lives in the anonymous namespace (`.` + its own id).
const TASK = { task_id: "101", task_status: "succeed", task_info: { external_task_id: ".anon-1" }, task_result: {} };
const envelope = (data, code = 0) => JSON.stringify({ code, message: code ? "failed" : "SUCCEED", request_id: "r1", data });
const upstreamOk = async (url, init) => new Response(envelope(init?.method === "POST" ? { ...TASK, task_status: "submitted" } : TASK));
const config = (extra = {}) => ({ accessKey: "ak", secretKey: SK, allowAnonymous: true, fetch: upstreamOk, timeoutMs: 500, ...extra });
const good = createKlingProxy(config());
const TASK_URL = "http://proxy.test/kling/v1/videos/omni-video/101";
const VALID = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" };

/** Sends `request` through `proxy`: it must resolve with a Response that never holds the secret. */
async function answer(proxy, request) {
  const { value: res } = await settles(KlingError, () => proxy.fetch(request), []);
  assert.ok(res instanceof Response, `not a Response: ${res}`);
  assert.ok(res.status >= 200 && res.status <= 599, `status ${res.status}`);
  const text = await res.text();
  assert.ok(!text.includes(SK), "the secret key is in the answer");
  return { status: res.status, text };
}

async function alive() {
  const { status, text } = await answer(good, new Request(TASK_URL));
  assert.equal(status, 200, text);
  assert.equal(JSON.parse(text).data.task_id, "101");
  assert.equal({}.polluted, undefined);
}

const { each, run: runCases, finish } = hostileSuite("hostile-proxy", alive);

test("createKlingProxy: any value as the config, and at every key", async () => {
  const make = async (cfg) => {
    let proxy;
    try {
      proxy = createKlingProxy(cfg);
    } catch (e) {
      return assertKling(KlingError, e, "config_error");
    }
    assert.equal(typeof proxy.fetch, "function");
    await answer(proxy, new Request(TASK_URL));
  };
  const cases = each("config", (v) => make(v));
  const KEYS = ["upstream", "accessKey", "secretKey", "apiKey", "pathPrefix", "allowedOrigins", "authorize", "allowAnonymous", "maxBodyBytes",
    "validate", "callbackUrl", "onTaskUpdate", "timeoutMs", "fetch", "locale", "dangerouslyAllowBrowser", "extra",
    "publicOrigin", "allowCredentials", "allowHeaders", "authorizeAccount", "accountCostsCacheMs", "sharedElementIds", "sharedVoiceIds",
    "store", "storeTimeoutMs", "budget", "maxTasksInFlight", "fallbackReservationUsd", "reconcileAfterMs", "taskIndexLimit"];
  for (const key of KEYS) cases.push(...each(`config.${key}`, (v) => make(config({ [key]: v }))));
  cases.push(...each("allowedOrigins [value]", (v) => make(config({ allowedOrigins: [v] }))));
  // Issue 17: hostile budgets, budget hooks and stores, on a create (what reaches them).
  const create = () => new Request("http://proxy.test/kling/v1/videos/omni-video", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model_name: "kling-v3-omni", prompt: "a fox", duration: "5" }) });
  const makeCreate = async (cfg) => {
    let proxy;
    try {
      proxy = createKlingProxy(cfg);
    } catch (e) {
      return assertKling(KlingError, e, "config_error");
    }
    await answer(proxy, create());
  };
  cases.push(...each("budget.usd", (v) => makeCreate(config({ budget: { usd: v } }))));
  cases.push(...each("budget.units", (v) => makeCreate(config({ budget: { units: v } }))));
  cases.push(...each("budget hook answer", (v) => makeCreate(config({ budget: () => v }))));
  cases.push(...each("store.apply answer", (v) => makeCreate(config({ store: { apply: async () => v }, storeTimeoutMs: 50 }))));
  cases.push(...each("store.apply throws", (v) => makeCreate(config({ store: { apply: () => { throw v; } } }))));
  cases.push(...each("allowHeaders [value]", (v) => make(config({ allowHeaders: [v] }))));
  cases.push(...each("sharedElementIds [value]", (v) => make(config({ sharedElementIds: [v] }))));
  cases.push(...each("sharedVoiceIds [value]", (v) => make(config({ sharedVoiceIds: [v] }))));
  cases.push({ label: "allowedOrigins with a throwing element getter", run: () => make(config({ allowedOrigins: Object.defineProperty([], 0, { get() { throw new Error("el"); }, enumerable: true }) })) });
  for (const url of ["javascript:alert(1)", "http://[::1", "https://kling.test/\ud800", "", " ", "https://u:p@kling.test", "file:///etc/passwd"]) {
    cases.push({ label: `upstream ${JSON.stringify(url)}`, run: () => make(config({ upstream: url })) });
  }
  await runCases(cases);
});

test("proxy.fetch: any value as the request resolves with a Response", async () => {
  await runCases(each("proxy.fetch(value)", (v) => answer(good, v)));
});

test("hostile Requests: methods, paths, headers and bodies", async () => {
  const post = (body, headers = { "content-type": "application/json" }) => () => new Request("http://proxy.test/kling/v1/videos/omni-video", { method: "POST", headers, body });
  const get = (path, headers) => () => new Request(`http://proxy.test${path}`, { headers });
  const stream = (chunks, fail) => new ReadableStream({
    pull(c) {
      if (chunks.length) c.enqueue(chunks.shift());
      else if (fail) c.error(new Error("client went away"));
      else c.close();
    },
  });
  const REQUESTS = [
    ["valid create", post(JSON.stringify(VALID))], ["10 MB prompt", post(JSON.stringify({ ...VALID, prompt: "x".repeat(10 << 20) }))],
    ["invalid UTF-8", post(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))], ["lone surrogate escape", post(JSON.stringify({ ...VALID, prompt: "cut \ud83d" }))],
    ["10,000-deep JSON", post("[".repeat(10_000) + "]".repeat(10_000))], ["own __proto__", post(`{"__proto__":{"polluted":1},${JSON.stringify(VALID).slice(1)}`)],
    ["2,000 keys", post(JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))))], ["BOM", post("\ufeff" + JSON.stringify(VALID))],
    ["empty body", post("")], ["a number", post("42")], ["huge integer element id", post(JSON.stringify({ ...VALID, prompt: "<<<element_1>>>" }).replace("}", ',"element_list":[{"element_id":123456789012345678901234567890}]}'))],
    ["tag look-alike", post(JSON.stringify({ ...VALID, duration: { "\u0000js": "number", v: "NaN" } }))],
    ["body stream that fails", () => new Request("http://proxy.test/kling/v1/videos/omni-video", { method: "POST", headers: { "content-type": "application/json" }, body: stream([new TextEncoder().encode("{")], true), duplex: "half" })],
    ["no content-type", post(JSON.stringify(VALID), {})], ["content-type with junk", post(JSON.stringify(VALID), { "content-type": "application/json; charset=utf-8; x=\u00ff" })],
    ["1 MB header", get("/kling/v1/videos/omni-video/101", { "x-big": "h".repeat(1 << 20) })], ["500 headers", get("/kling/v1/videos/omni-video/101", Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h${i}`, "v"])))],
    ["x-forwarded-host", get("/kling/v1/videos/omni-video/101", { "x-forwarded-host": "evil.test" })], ["cookie", get("/kling/v1/videos/omni-video/101", { cookie: "s=1" })],
    ["traversal ..", get("/kling/v1/videos/omni-video/%2e%2e/%2e%2e/account")], ["encoded slash", get("/kling/v1/videos/omni-video/a%2fb")],
    ["NUL in the path", get("/kling/v1/videos/omni-video/a%00b")], ["lone surrogate in the path", get("/kling/v1/videos/omni-video/%ED%A0%80")],
    ["100 KB id", get(`/kling/v1/videos/omni-video/${"9".repeat(100 << 10)}`)], ["query junk", get("/kling/v1/videos/omni-video?pageNum=1e999&pageSize=-0")],
    ["query repeated", get("/kling/v1/videos/omni-video?pageNum=1&pageNum=2")], ["unknown family", get("/kling/v1/videos/other/1")],
    ["callback with no token", () => new Request("http://proxy.test/kling/callback/", { method: "POST", body: "{}" })],
    ["OPTIONS", () => new Request(TASK_URL, { method: "OPTIONS", headers: { origin: "https://evil.test", "access-control-request-method": "DELETE" } })],
    ["DELETE", () => new Request(TASK_URL, { method: "DELETE" })], ["PATCH", () => new Request(TASK_URL, { method: "PATCH", body: "{}" })],
    ["HEAD", () => new Request(TASK_URL, { method: "HEAD" })],
    ["delete, element id as a huge number", () => new Request("http://proxy.test/kling/v1/general/delete-elements", { method: "POST", headers: { "content-type": "application/json" }, body: '{"element_id":123456789012345678901234567890}' })],
    ["delete, 10,000-deep body", () => new Request("http://proxy.test/kling/v1/general/delete-voices", { method: "POST", headers: { "content-type": "application/json" }, body: "[".repeat(10_000) })],
    ["element ids of every shape", post(JSON.stringify({ ...VALID, prompt: "<<<element_1>>>" }).replace("}", ',"element_list":[{"element_id":-1},{"element_id":1e400},{"element_id":{"x":[]}},{"element_id":"\ud800"}],"voice_list":[{"voice_id":null}],"element_voice_id":[]}'))],
    ["account costs without the hook", get("/kling/account/costs?start_time=0&end_time=1")],
    ["presets with a cursor", get("/kling/v1/general/presets-voices?cursor=AAAA")],
  ];
  const cases = REQUESTS.map(([name, make]) => ({ label: name, run: () => answer(good, make()) }));
  // A look-alike whose Origin no real Headers could hold, echoed back by CORS: Response refuses it.
  const anyOrigin = createKlingProxy(config({ allowedOrigins: ["*"] }));
  const lookAlike = { url: TASK_URL, method: "GET", body: null, headers: { forEach: (cb) => cb("https://\u0100.test\n", "origin") } };
  cases.push({ label: "look-alike request with an Origin a Response cannot carry", run: () => answer(anyOrigin, lookAlike) });
  await runCases(cases);
});

test("hostile authorize hooks: every answer is a Response", async () => {
  const hooks = [...each("authorize returns", (v) => answer(createKlingProxy(config({ allowAnonymous: false, authorize: () => v })), new Request(TASK_URL))),
    ...each("authorize throws", (v) => answer(createKlingProxy(config({ allowAnonymous: false, authorize: () => { throw v; } })), new Request(TASK_URL))),
    ...each("authorize resolves", (v) => answer(createKlingProxy(config({ allowAnonymous: false, authorize: async () => v })), new Request(TASK_URL))),
  ];
  const costs = () => new Request("http://proxy.test/kling/account/costs?start_time=0&end_time=1");
  hooks.push(...each("authorizeAccount returns", (v) => answer(createKlingProxy(config({ authorizeAccount: () => v })), costs())),
    ...each("authorizeAccount throws", (v) => answer(createKlingProxy(config({ authorizeAccount: () => { throw v; } })), costs())));
  hooks.push({ label: "authorize is a Proxy whose traps throw", run: () => answer(createKlingProxy(config({ allowAnonymous: false, authorize: throwingProxy(() => "u") })), new Request(TASK_URL)) });
  await runCases(hooks);
});

test("hostile upstream answers: every answer is a Response", async () => {
  const body = (text, init) => async () => new Response(text, init);
  const ANSWERS = [
    ["invalid JSON", body("{")], ["10,000-deep JSON", body("[".repeat(10_000))], ["empty", body("")], ["HTML 500", body("<html>", { status: 500 })],
    ["lone surrogate escape", body(envelope({ ...TASK, task_status_msg: "cut \ud83d" }))], ["20 MB", body(envelope({ ...TASK, x: "y".repeat(20 << 20) }))],
    ["own __proto__", body('{"code":0,"message":"","request_id":"","data":{"task_id":"1","task_status":"succeed","__proto__":{"polluted":1}}}')],
    ["set-cookie", body(envelope(TASK), { headers: { "set-cookie": "s=1" } })], ["status 204", async () => new Response(null, { status: 204 })],
    ["not a Response", async () => ({ status: 200 })], ["throws", () => { throw new Error("down"); }], ["throws a Symbol", () => { throw Symbol("s"); }],
    ["a Proxy whose traps throw", async () => throwingProxy()], ["a failing body stream", async () => new Response(new ReadableStream({ start(c) { c.error(new Error("cut")); } }))],
    ["never answers", () => new Promise(() => {})],
    ["a body that never ends", async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }))],
  ];
  const cases = [];
  for (const [name, fetch] of ANSWERS) {
    const proxy = createKlingProxy(config({ fetch }));
    cases.push({ label: `GET <- ${name}`, run: () => answer(proxy, new Request(TASK_URL)) });
    cases.push({ label: `POST <- ${name}`, run: () => answer(proxy, new Request("http://proxy.test/kling/v1/videos/omni-video", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(VALID) })) });
  }
  await runCases(cases);
});

// js-10 (RELIABILITY.md): Kling's JSON may carry a lone-surrogate escape, valid JSON for JS.
test("a lone surrogate escape in Kling's answer is passed on (js-10)", async () => {
  const proxy = createKlingProxy(config({ fetch: async () => new Response(envelope({ ...TASK, task_status_msg: "cut \ud83d" })) }));
  await runCases([{ label: "GET <- lone surrogate escape", run: async () => {
    const { status, text } = await answer(proxy, new Request(TASK_URL));
    assert.equal(status, 200, text);
    assert.equal(JSON.parse(text).data.task_id, "101");
  } }]);
});

test("5,000 calls of each input that once killed the module, then a valid request", async () => {
  const configError = ({ error }) => error instanceof KlingError && error.code === "config_error";
  // js-1 (the config) and js-2 (allowedOrigins): a Proxy that can no longer be read.
  for (const make of [revokedProxy, selfRevokingProxy]) {
    await repeatThenAlive(5_000, make, (c) => createKlingProxy(c), configError, alive);
    await repeatThenAlive(5_000, make, (o) => createKlingProxy(config({ allowedOrigins: o })), configError, alive);
  }
  const throwingElement = () => Object.defineProperty([], 0, { get() { throw new Error("el"); }, enumerable: true });
  await repeatThenAlive(5_000, throwingElement, (o) => createKlingProxy(config({ allowedOrigins: o })), configError, alive);
});

finish(1000);
