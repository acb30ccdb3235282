//! One start-up scenario of the web entry (index.js), run in a process of its own by
//! start-up.test.mjs (each needs a fresh module instance): `node start-up-child.mjs <scenario>`.
//! The entry is loaded as a browser loads it: `fs` is hidden so it fetches its .wasm, and `fetch`
//! is a stand-in the scenario controls (held until released, a 404, an HTML page, a network
//! error). Asserts with node:assert; exits non-zero on the first failure.
//!   delayed   before `ready` every export behaves as contracted (kinds from the entry's own
//!             export list), hostile options included; after it, the same calls work
//!   404 | html | network   `ready` rejects with KlingError "load_failed"; validate then reports
//!             load_failed, build* and KlingClient's methods give the load error
//!   file      fs left in place: the entry reads its .wasm from the file and is ready at import
//!   slim      slim.js is not ready until the caller's initSync, which marks it; its init()
//!             in Node rejects with KlingError "load_failed" and leaves `ready` pending

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { values } from "./hostile-values.mjs";

const PKG = process.env.KLING_PKG_DIR;
const scenario = process.argv[2];

if (scenario === "slim") {
  // The slim entry never loads by itself; the caller's initSync marks ready.
  const slim = await import(pathToFileURL(join(PKG, "slim.js")).href);
  assert.equal(slim.isReady(), false);
  // init() fetches the .wasm beside the entry, which Node's fetch cannot (a file: URL): a
  // KlingError "load_failed" saying what to use, and `ready` still pending, so initSync can follow.
  const failed = await slim.default().then(() => assert.fail("init() loaded a file: URL in Node"), (e) => e);
  assert.ok(failed instanceof slim.KlingError, `${failed}`);
  assert.equal(failed.code, "load_failed");
  assert.match(failed.message, /initSync/);
  assert.equal(slim.isReady(), false);
  slim.initSync({ module: readFileSync(join(PKG, "kling_wasm_bg.wasm")) });
  assert.equal(slim.isReady(), true);
  await slim.ready;
  assert.equal(slim.validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok, true);
  console.log("start-up slim: ok");
  process.exit(0);
}

if (scenario === "file") {
  // Reached by path where fs exists (Node, Bun, Deno): read from the file, ready when the import resolves.
  globalThis.fetch = () => assert.fail("a file: .wasm is read, not fetched");
  const lib = await import(pathToFileURL(join(PKG, "index.js")).href);
  assert.equal(lib.isReady(), true, "ready at import");
  assert.equal(lib.validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok, true);
  console.log("start-up file: ok");
  process.exit(0);
}

// The browser's view: no fs (so the entry fetches), and a fetch this scenario answers.
const getBuiltinModule = process.getBuiltinModule;
process.getBuiltinModule = undefined;
const requested = [];
let release;
const gate = new Promise((resolve) => (release = resolve));
globalThis.fetch = async (url) => {
  requested.push(String(url));
  await gate;
  if (scenario === "network") throw new TypeError("fetch failed");
  if (scenario === "404") return new Response("not found", { status: 404, headers: { "content-type": "text/plain" } });
  if (scenario === "html") return new Response("<!doctype html><title>app</title>", { headers: { "content-type": "text/html" } });
  return new Response(readFileSync(fileURLToPath(url)), { headers: { "content-type": "application/wasm" } });
};
const lib = await import(pathToFileURL(join(PKG, "index.js")).href);
process.getBuiltinModule = getBuiltinModule;
const { KlingError } = lib;

const VALID = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };
const INPUT = (name) => (name.endsWith("Json") ? JSON.stringify(VALID) : VALID);
const names = Object.keys(lib);
const validates = names.filter((n) => /^validate(?!AndBuild)/.test(n));
const validateAndBuilds = names.filter((n) => n.startsWith("validateAndBuild"));
const throwing = names.filter((n) => typeof lib[n] === "function" && !/^(validate|[A-Z]|default$|initSync$|isReady$|requestJsonSchema$|createRequestSchema$|dependentFields$|capabilities$)/.test(n));
assert.ok(validates.length >= 8 && validateAndBuilds.length >= 8, `${names}`);
assert.ok(throwing.includes("buildOmniVideoBody") && throwing.includes("signKlingToken"), `${throwing}`);
// capabilities() is plain JS (capabilities.js): the map is there before the wasm is.
assert.ok(lib.capabilities().endpoints.some((e) => e.family === "omni-video"), "capabilities() before ready");
assert.ok(!("probeImage" in lib) && !("probeVideo" in lib), "the probes are in kling-wasm/media");

/** The one GEN-READY issue of a report made before the module is ready. */
function assertNotReady(report, code, locale = "en") {
  assert.equal(report.ok, false);
  assert.equal(report.issues.length, 1, JSON.stringify(report));
  const [i] = report.issues;
  assert.deepEqual([i.path, i.code, i.rule, i.severity], ["", code, "GEN-READY", "error"]);
  assert.equal(typeof i.message, "string");
  assert.equal(/[\u4e00-\u9fff]/.test(i.message), locale === "zh", `${locale}: ${i.message}`);
}

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

/** Every kind of export, while the module is not loaded: `code` is "not_ready" or "load_failed". */
function checkUnloaded(code) {
  assert.equal(lib.isReady(), false);
  for (const n of validates) {
    assertNotReady(lib[n](INPUT(n)), code);
    assertNotReady(lib[n](INPUT(n), { locale: "zh" }), code, "zh");
  }
  for (const n of validateAndBuilds) {
    const r = lib[n](INPUT(n), { locale: "zh" });
    assert.deepEqual(Object.keys(r), ["report"], `${n}: no body`);
    assertNotReady(r.report, code, "zh");
  }
  for (const n of throwing) {
    const e = thrown(() => lib[n](INPUT(n)));
    assert.ok(e instanceof KlingError, `${n}: ${e}`);
    assert.equal(e.code, code, `${n}: ${e.message}`);
    assert.equal(e.retryable, code === "not_ready", `${n}: retryable`);
  }
  // Any value as the input or the options: still the report, never a throw.
  for (const v of values()) {
    assertNotReady(lib.validateOmniVideo(v.make(), v.make()), code);
    assertNotReady(lib.validateAndBuildOmniVideoJson(v.make(), v.make()).report, code);
  }
  // requestJsonSchema is plain JS: it works before the wasm.
  assert.equal(lib.requestJsonSchema("omni-video").type, "object");
  // So are the Standard Schema objects' makers; their validate answers the one not-ready issue.
  assert.ok(lib.dependentFields("omni-video", "model_name").includes("duration"));
  for (const schema of [lib.omniVideoSchema, lib.createRequestSchema("omni-video", { locale: "zh" })]) {
    const r = schema["~standard"].validate(VALID);
    assert.ok(!("value" in r) && r.issues.length === 1, JSON.stringify(r));
    assert.deepEqual([r.issues[0].code, r.issues[0].path], [code, []]);
  }
}

const pending = (p) => Promise.race([p.then(() => "resolved", () => "rejected"), new Promise((r) => setTimeout(() => r("pending"), 50))]);

// A client made before the module is ready: its calls wait for it.
const calls = [];
const TASK = { task_id: "t1", task_status: "submitted", created_at: 1, updated_at: 1 };
const fakeKling = async (url) => {
  calls.push(url);
  return Response.json({ code: 0, message: "SUCCEED", request_id: "r1", data: /pageSize=/.test(url) ? [TASK] : TASK });
};
const client = new lib.KlingClient({ baseUrl: "http://127.0.0.1:9/kling", fetch: fakeKling, maxRetries: 0 });
const badClient = new lib.KlingClient({ baseUrl: "http://127.0.0.1:9/kling", notAnOption: true });
assert.ok(client instanceof lib.KlingClient);

checkUnloaded("not_ready");
// Any value as a client's options before ready: the constructor keeps it (never throws); after
// ready the first call settles with the client's answer to it (a KlingError, never a raw throw).
const hostileClients = values().map((v) => ({ name: v.name, client: new lib.KlingClient(v.make()) }));
const created = client.createOmniVideo(VALID);
const got = client.getTask("omni-video", "t1");
const badCall = badClient.getTask("omni-video", "t1");
const iterator = client.iterateTasks("omni-video", { pageSize: 1 });
assert.equal(typeof iterator[Symbol.asyncIterator], "function");
assert.ok(iterator instanceof lib.TaskIterator);
const first = iterator.next();
assert.equal(await pending(lib.ready), "pending");
assert.equal(await pending(created), "pending", "a call before ready waits");
assert.deepEqual(calls, [], "nothing is sent before the module is ready");
assert.equal(requested.length, 1, "the entry started fetching its .wasm at import");
assert.match(requested[0], /kling_wasm_bg\.wasm$/);

release();
if (scenario === "delayed") {
  await lib.ready;
  assert.equal(lib.isReady(), true);
  assert.equal(lib.validateOmniVideo(VALID).ok, true);
  assert.equal(lib.validateOmniVideo({ prompt: "" }).issues.some((i) => i.code === "not_ready"), false);
  assert.equal(JSON.parse(lib.buildOmniVideoBody(VALID)).duration, "5");
  assert.ok(typeof lib.validateAndBuildOmniVideo(VALID).body === "string");
  assert.ok(lib.capabilities().models.length > 0);
  const settled = hostileClients.map(({ name, client: c }) => {
    let call;
    assert.doesNotThrow(() => (call = c.getTask("omni-video", "t1", { timeoutMs: 2_000 })), name);
    return call.then((value) => ({ name, value }), (error) => ({ name, error }));
  });
  for (const { name, error } of await Promise.all(settled)) if (error) assert.ok(error instanceof KlingError, `${name}: ${error}`);
  assert.equal((await created).task_id, "t1");
  assert.equal((await got).task_id, "t1");
  const e = await badCall.then(() => assert.fail("a bad option"), (x) => x);
  assert.ok(e instanceof KlingError && e.code === "config_error", `${e}`);
  // After ready a client checks its options in the constructor again.
  assert.equal(thrown(() => new lib.KlingClient({ notAnOption: true })).code, "config_error");
  assert.equal(thrown(() => client.iterateTasks("not-a-family")).code, "config_error", "a bad argument throws at once after ready");
  const step = await first;
  assert.equal(step.value?.task_id, "t1", "the iterator made before ready iterates");
  await iterator.return();
  assert.ok(calls.length >= 3, `${calls}`);
} else {
  const e = await lib.ready.then(() => assert.fail("ready resolved"), (x) => x);
  assert.ok(e instanceof KlingError, `${e}`);
  assert.equal(e.code, "load_failed");
  assert.equal(e.retryable, false);
  assert.ok(e.cause !== undefined, "the cause is kept");
  assert.match(e.message, /kling_wasm_bg\.wasm/, "the message names the file");
  if (scenario === "html") assert.match(e.message, /something other than the \.wasm/);
  checkUnloaded("load_failed");
  assert.match(lib.validateOmniVideo(VALID).issues[0].params.reason, /kling_wasm_bg\.wasm/);
  for (const p of [created, got, badCall, first]) {
    const x = await p.then(() => assert.fail("resolved"), (y) => y);
    assert.equal(x, e, "calls waiting for ready get its error");
  }
  assert.deepEqual(calls, []);
}
console.log(`start-up ${scenario}: ok`);
