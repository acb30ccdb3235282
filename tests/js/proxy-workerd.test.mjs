// The signing proxy in the real Cloudflare runtime (workerd from npm): end to end from the
// browser-side KlingClient (auth "proxy") through the proxy to the Kling API emulator, callbacks
// confirmed before onTaskUpdate hears them, and a security suite of attack requests.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { loadPackage, rawRequest } from "./proxy-helpers.mjs";
import { MAX_VALUES, assertCrashAnswer, crashBody, largest, shotsFor } from "../support/proxy-rig.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AK = "ak-workerd-test";
const SK = "sk-workerd-test-0123456789abcdef";

let emu, wd, pkg;
const seen = []; // every response text the suite received, for the secret-echo check

before(async () => {
  pkg = await loadPackage();
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 30, doneAfterMs: 120 } });
  wd = await startWorkerd({
    entry: join(HERE, "../workerd/worker.mjs"),
    bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK },
  });
});

after(async () => {
  await wd?.stop();
  await emu?.close();
});

const valid = (extra = {}) => ({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5", ...extra });
const asUser = (user) => (url, init = {}) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: `Bearer user-${user}` } });

function verifyJwt(token) {
  const [h, p, s] = token.split(".");
  const expect = createHmac("sha256", SK).update(`${h}.${p}`).digest("base64url");
  assert.equal(s, expect, "the proxy's JWT is signed with the secret key");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  assert.equal(claims.iss, AK);
  assert.ok(claims.nbf <= Date.now() / 1000 && claims.exp > Date.now() / 1000);
  return claims;
}

test("KlingClient (auth proxy) -> proxy in workerd -> emulator: the task succeeds", async () => {
  const client = new pkg.KlingClient({ baseUrl: `${wd.url}/kling`, auth: { kind: "proxy" }, fetch: asUser("alice") });
  const created = await client.createOmniVideo(valid({ external_task_id: "e2e-1" }));
  assert.equal(created.task_info.external_task_id, "e2e-1", "the caller sees its own external id");
  const progress = [];
  const done = await client.waitForTask("omni-video", created.task_id, { timeoutMs: 20_000, onProgress: (t) => progress.push(t.task_status) });
  assert.equal(done.task_status, "succeed");
  assert.ok(done.task_result.videos[0].url.startsWith(emu.url));
  const creates = emu.state.requests.filter((r) => r.method === "POST");
  assert.equal(creates.length, 1);
  verifyJwt(creates[0].headers.authorization.slice("Bearer ".length));
  assert.equal(JSON.parse(creates[0].body).external_task_id, "alice:e2e-1", "the owner prefix goes upstream");
  const names = Object.keys(creates[0].headers).filter((h) => !["host", "content-length", "connection", "accept-encoding", "user-agent", "accept", "accept-language", "sec-fetch-mode"].includes(h));
  assert.deepEqual(names.sort(), ["authorization", "content-type"], "only the named headers go upstream");
});

test("callbacks: the proxy confirms with Kling before onTaskUpdate, and ignores forged or replayed ones", async () => {
  const r = await asUser("carol")(`${wd.url}/kling/v1/videos/omni-video`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(valid({ external_task_id: "cb-1" })) });
  seen.push(await r.text());
  assert.equal(r.status, 200);
  const sent = JSON.parse(emu.state.requests.findLast((q) => q.method === "POST").body);
  assert.match(sent.callback_url, new RegExp(`^${wd.url}/kling/callback/omni-video\\.`));
  const deadline = Date.now() + 10_000;
  let updates = [];
  while (Date.now() < deadline) {
    updates = (await (await fetch(`${wd.url}/__test/updates`)).json()).filter((u) => u.userId === "carol");
    if (updates.some((u) => u.task.task_status === "succeed")) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const final = updates.find((u) => u.task.task_status === "succeed");
  assert.ok(final, "the confirmed success reached onTaskUpdate");
  assert.equal(final.task.task_info.external_task_id, "cb-1");
  const before = updates.length;
  const callbackPath = new URL(sent.callback_url).pathname;
  // A replayed "processing" callback after success: the proxy re-queries and changes nothing. A
  // replay resends what Kling sent: the task as Kling has it (the owned external_task_id, which
  // the callback token is bound to), not the caller's view onTaskUpdate got.
  const klingView = emu.task(final.task.task_id);
  assert.equal(klingView.task_info.external_task_id, "carol:cb-1");
  const replay = await fetch(`${wd.url}${callbackPath}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...klingView, task_status: "processing" }) });
  seen.push(await replay.text());
  assert.equal(replay.status, 202);
  // A forged callback (token for another task, or none) is refused.
  for (const path of [callbackPath.replace("omni-video.", "text2video."), callbackPath.slice(0, -4) + "AAAA", "/kling/callback/omni-video.eA.eA"]) {
    const f = await fetch(`${wd.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...klingView, task_status: "succeed" }) });
    seen.push(await f.text());
    assert.equal(f.status, 401, path);
  }
  const after = (await (await fetch(`${wd.url}/__test/updates`)).json()).filter((u) => u.userId === "carol");
  assert.equal(after.length, before, "neither replay nor forgery produced an update");
});

test("security suite: every attack is refused and reaches nothing upstream", async (t) => {
  const alice = { authorization: "Bearer user-alice" };
  const json = { ...alice, "content-type": "application/json" };
  const big = "x".repeat((1 << 20) + 10);
  const attacks = [
    ["traversal ..", "GET", "/kling/v1/videos/omni-video/../../../account/costs", alice, null, [404]],
    ["traversal %2e%2e", "GET", "/kling/v1/videos/omni-video/%2e%2e/%2e%2e/account/costs", alice, null, [404]],
    ["traversal %2f", "GET", "/kling/v1/videos/omni-video/..%2f..%2faccount%2fcosts", alice, null, [404]],
    ["encoded dot id", "GET", "/kling/v1/videos/omni-video/%2e%2e", alice, null, [404]],
    ["encoded slash prefix", "GET", "/kling/%2fv1/videos/omni-video", alice, null, [404]],
    ["absolute URL in the path", "GET", "/kling/https://evil.example/v1/videos/omni-video", alice, null, [404]],
    ["other host in the path", "GET", "/kling//evil.example/v1/videos/omni-video", alice, null, [404]],
    ["not an allowed path", "GET", "/kling/account/costs", alice, null, [404]],
    ["another Kling API", "GET", "/kling/v1/general/custom-elements", alice, null, [404]],
    ["account costs without authorizeAccount", "GET", "/kling/account/costs?start_time=0&end_time=1", alice, null, [404]],
    ["no prefix", "GET", "/v1/videos/omni-video", alice, null, [404]],
    ["extra query parameter", "GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30&x=1", alice, null, [404]],
    ["query on a task path", "GET", "/kling/v1/videos/omni-video/t1?external_task_id=zz", alice, null, [404]],
    ["CRLF in the path", "GET", "/kling/v1/videos/omni-video/x%0d%0aHost:evil", alice, null, [404]],
    ["X-Original-URL", "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, "x-original-url": "/account/costs" }, null, [400]],
    ["method override", "POST", "/kling/v1/videos/omni-video", { ...json, "x-http-method-override": "DELETE" }, JSON.stringify(valid()), [400]],
    ["PUT", "PUT", "/kling/v1/videos/omni-video", json, JSON.stringify(valid()), [405]],
    ["DELETE", "DELETE", "/kling/v1/videos/omni-video/t1", alice, null, [405]],
    ["TRACE", "TRACE", "/kling/v1/videos/omni-video", alice, null, [400, 405]],
    ["PATCH", "PATCH", "/kling/v1/videos/omni-video", json, "{}", [405]],
    ["OPTIONS from another origin", "OPTIONS", "/kling/v1/videos/omni-video", { origin: "https://evil.example", "access-control-request-method": "POST" }, null, [403]],
    ["OPTIONS without CORS", "OPTIONS", "/kling/v1/videos/omni-video", {}, null, [403]],
    ["preflight for DELETE", "OPTIONS", "/kling/v1/videos/omni-video", { origin: "https://app.example", "access-control-request-method": "DELETE" }, null, [403]],
    ["disallowed origin", "POST", "/kling/v1/videos/omni-video", { ...json, origin: "https://evil.example" }, JSON.stringify(valid()), [403]],
    ["oversized body", "POST", "/kling/v1/videos/omni-video", json, JSON.stringify(valid({ prompt: big })), [413]],
    ["oversized chunked body", "POST", "/kling/v1/videos/omni-video", { ...json, "transfer-encoding": "chunked" }, JSON.stringify(valid({ prompt: big })), [413]],
    ["malformed JSON", "POST", "/kling/v1/videos/omni-video", json, "{\"prompt\": ", [400]],
    ["invalid request", "POST", "/kling/v1/videos/omni-video", json, JSON.stringify({ model_name: "kling-v3-omni", prompt: "" }), [400]],
    ["not JSON content type", "POST", "/kling/v1/videos/omni-video", { ...alice, "content-type": "text/plain" }, JSON.stringify(valid()), [415]],
    ["missing authorize", "GET", "/kling/v1/videos/omni-video?pageNum=1", {}, null, [401]],
    ["failed authorize", "GET", "/kling/v1/videos/omni-video?pageNum=1", { authorization: "Bearer admin" }, null, [401]],
    ["forged callback", "POST", "/kling/callback/omni-video.YWxpY2U6ZTJlLTE.AAAA", { "content-type": "application/json" }, "{\"task_status\":\"succeed\"}", [401]],
  ];
  assert.ok(attacks.length >= 30, `${attacks.length} attacks`);
  for (const [name, method, path, headers, body, statuses] of attacks) {
    await t.test(name, async () => {
      const before = emu.state.requests.length;
      const res = await rawRequest(wd.port, method, path, headers, body);
      seen.push(res.raw);
      assert.ok(statuses.includes(res.status), `${name}: got ${res.status} ${res.body.slice(0, 200)}`);
      assert.equal(emu.state.requests.length, before, `${name}: the emulator saw a request`);
    });
  }
  await t.test("another user's task", async () => {
    const mine = await asUser("alice")(`${wd.url}/kling/v1/videos/omni-video`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(valid({ external_task_id: "private-1" })) });
    const task = (await mine.json()).data;
    for (const id of [task.task_id, "private-1", "alice:private-1"]) {
      const res = await rawRequest(wd.port, "GET", `/kling/v1/videos/omni-video/${encodeURIComponent(id).replace(/%3A/g, ":")}`, { authorization: "Bearer user-bob" });
      seen.push(res.raw);
      assert.equal(res.status, 404, id);
      assert.ok(!res.body.includes(task.task_id), "nothing of the task leaks");
    }
    const list = await rawRequest(wd.port, "GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=500", { authorization: "Bearer user-bob" });
    assert.equal(JSON.parse(list.body).data.length, 0, "bob's list holds none of alice's tasks");
  });
  // Issue 13: forwarding headers are what nginx and Apache set in front of a proxy; the upstream
  // is fixed, so they are accepted and change nothing (they used to be refused with 400).
  for (const [name, extra] of [["X-Forwarded-Host", { "x-forwarded-host": "evil.example" }], ["Forwarded host=", { forwarded: "host=evil.example" }], ["X-Forwarded-Server", { "x-forwarded-server": "evil.example" }]]) {
    await t.test(`${name} naming another host changes nothing`, async () => {
      const before = emu.state.requests.length;
      const res = await rawRequest(wd.port, "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, ...extra });
      seen.push(res.raw);
      assert.equal(res.status, 200, `${name}: ${res.body.slice(0, 200)}`);
      // The list's upstream calls: pages of a walk, or (alice's index complete) queries of her tasks.
      const got = emu.state.requests.slice(before).filter((r) => r.method === "GET" && /^\/v1\/videos\/omni-video[?/]/.test(r.url));
      assert.ok(got.length >= 1 && got.every((r) => r.headers.host === `127.0.0.1:${emu.port}`), "the upstream is fixed, whatever the forwarding headers say");
    });
  }
  await t.test("Host header and cookies do not travel", async () => {
    const before = emu.state.requests.length;
    const res = await rawRequest(wd.port, "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, host: "evil.example", cookie: "session=s3cret" });
    seen.push(res.raw);
    assert.equal(res.status, 200);
    // The list's calls: alice's index is complete by now, so one query per task of hers (the
    // proxy also re-queries a task for each callback, which may come at any time: all are GETs of
    // the same fixed upstream, none with a cookie).
    const got = emu.state.requests.slice(before).filter((r) => r.method === "GET" && /^\/v1\/videos\/omni-video[?/]/.test(r.url));
    assert.ok(got.length >= 1);
    assert.ok(got.every((r) => r.headers.host === `127.0.0.1:${emu.port}`), "the upstream is fixed, whatever Host says");
    assert.ok(got.every((r) => r.headers.cookie === undefined));
    assert.ok(!/set-cookie/i.test(res.raw));
  });
});

test("no response or log line carries the secret key or a token signed with it", async () => {
  const tokens = emu.state.requests.map((r) => r.headers.authorization?.slice(7)).filter(Boolean);
  assert.ok(tokens.length > 0);
  const haystack = seen.join("\n") + wd.logs.join("");
  assert.ok(!haystack.includes(SK), "secret key leaked");
  for (const tok of tokens) assert.ok(!haystack.includes(tok), "a signed JWT leaked");
  assert.ok(!haystack.includes(tokens[0].split(".")[2]), "a JWT signature leaked");
});

// Issue 13 ("Hardening") in workerd: a trap answers 500 and the isolate keeps serving; the crash
// body gets a small bounded Report (it used to hang the worker or blow up its memory); callbacks
// reach onTaskUpdate for a long e-mail user id. These run after the suites above, through the
// test worker's second proxy under /big (no callbacks, bodies up to 8 MiB) where they can.
const bigCreate = (body, user = "alice") =>
  fetch(`${wd.url}/big/v1/videos/omni-video`, { method: "POST", headers: { authorization: `Bearer user-${user}`, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });

/** Waits until every callback the emulator scheduled has been delivered, so none polls the
 *  proxy (and meets an armed trap) behind a test's back. */
async function quiet() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const expected = [...emu.state.tasks.values()].filter((r) => r.callback_url).length * 3;
    if (emu.state.callbacks.length >= expected) return;
    if (Date.now() > deadline) throw new Error(`callbacks still pending: ${emu.state.callbacks.length} of ${expected}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const arm = async (n) => assert.equal((await fetch(`${wd.url}/__test/trap?n=${n}`)).status, 200);

async function assertServed(what) {
  const res = await bigCreate(valid());
  const text = await res.text();
  assert.equal(res.status, 200, `${what}: a valid create afterwards: ${text.slice(0, 300)}`);
}

test("workerd: a trap at each internal poll of a create answers 500/5000, and the next create is served", async () => {
  await quiet();
  for (let n = 1; n <= 4; n++) {
    await arm(n);
    const res = await bigCreate(valid());
    const text = await res.text();
    await arm(0);
    assert.equal(res.status, 500, `trap at poll ${n}: ${text.slice(0, 300)}`);
    assert.equal(JSON.parse(text).code, 5000);
    await assertServed(`trap at poll ${n}`);
  }
});

test("workerd: a trap with three creates in flight answers all three 500 (none hangs)", async () => {
  await quiet();
  emu.configure({ delayMs: 1500 }); // holds Kling's answers while the trap is armed
  try {
    const before = emu.state.requests.length;
    const pending = [bigCreate(valid()), bigCreate(valid()), bigCreate(valid())];
    const deadline = Date.now() + 10_000;
    while (emu.state.requests.length - before < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(emu.state.requests.length - before, 3, "set-up: three creates reached the emulator");
    await arm(1);
    const answers = await Promise.all(pending);
    for (const res of answers) assert.equal(res.status, 500, (await res.text()).slice(0, 300));
  } finally {
    emu.configure({ delayMs: 0 });
    await arm(0);
  }
  await assertServed("after the trap in flight");
});

test("workerd: the crash body at the value limit, one past it, 64 KiB, 1 MiB and 4 MiB gets a small bounded Report, then a create is served", async (t) => {
  const cases = [[`${MAX_VALUES} values`, MAX_VALUES - 5], [`${MAX_VALUES + 1} values`, MAX_VALUES - 4], ...[64 << 10, 1 << 20, 4 << 20].map((b) => [`${b >> 10} KiB`, shotsFor(b)])];
  for (const [name, shots] of cases) {
    await t.test(name, async () => {
      let status, text;
      try {
        const res = await bigCreate(crashBody(shots));
        [status, text] = [res.status, await res.text()];
      } catch (e) {
        [status, text] = [0, `no answer: ${e.message}\n${wd.logs.join("").slice(-500)}`];
      }
      await assertServed(`after the crash body (${name})`);
      assertCrashAnswer(status, text, shots);
    });
  }
});

test("workerd: callbacks reach onTaskUpdate for a 70-character e-mail user id with the longest external id accepted, and a generated one", async () => {
  const user = `firstname.lastname.${"p".repeat(70 - 31)}@example.com`;
  const send = (extra) => fetch(`${wd.url}/kling/v1/videos/omni-video`, { method: "POST", headers: { authorization: `Bearer user-${user}`, "content-type": "application/json" }, body: JSON.stringify(valid(extra)) });
  const ext = (n) => randomBytes(n).toString("hex").slice(0, n);
  const longest = await largest(1, 300, async (n) => (await send({ external_task_id: ext(n) })).status === 200);
  assert.ok(longest >= 16, `the longest external_task_id accepted for this user is ${longest} characters`);
  assert.equal((await send({ external_task_id: ext(longest + 1) })).status, 400, "one past the longest");
  // The longest id first, then none (the proxy makes one up).
  for (const extra of [{ external_task_id: ext(longest) }, {}]) {
    const res = await send(extra);
    const text = await res.text();
    assert.equal(res.status, 200, `${JSON.stringify(extra)}: ${text.slice(0, 300)}`);
    const id = JSON.parse(text).data.task_id;
    const deadline = Date.now() + 10_000;
    let final;
    while (!final && Date.now() < deadline) {
      const updates = await (await fetch(`${wd.url}/__test/updates`)).json();
      final = updates.find((u) => u.task.task_id === id && u.task.task_status === "succeed");
      if (!final) await new Promise((r) => setTimeout(r, 50));
    }
    const tried = emu.state.callbacks.filter((c) => c.task_id === id).map((c) => [c.task_status, c.status ?? c.error]);
    assert.ok(final, `task ${id}: no confirmed success reached onTaskUpdate; the emulator's deliveries: ${JSON.stringify(tried)}`);
    assert.equal(final.userId, user);
    if (extra.external_task_id) assert.equal(final.task.task_info.external_task_id, extra.external_task_id);
  }
});
