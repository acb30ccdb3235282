// The signing proxy in the real Cloudflare runtime (workerd from npm): end to end from the
// browser-side KlingClient (auth "proxy") through the proxy to the Kling API emulator, callbacks
// confirmed before onTaskUpdate hears them, and a security suite of attack requests.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { loadPackage, rawRequest } from "./proxy-helpers.mjs";

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
  // A replayed "processing" callback after success: the proxy re-queries and changes nothing.
  const replay = await fetch(`${wd.url}${callbackPath}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...final.task, task_status: "processing" }) });
  seen.push(await replay.text());
  assert.equal(replay.status, 202);
  // A forged callback (token for another task, or none) is refused.
  for (const path of [callbackPath.replace("omni-video.", "text2video."), callbackPath.slice(0, -4) + "AAAA", "/kling/callback/omni-video.eA.eA"]) {
    const f = await fetch(`${wd.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...final.task, task_status: "succeed" }) });
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
    ["another Kling API", "GET", "/kling/v1/general/custom-voices", alice, null, [404]],
    ["no prefix", "GET", "/v1/videos/omni-video", alice, null, [404]],
    ["extra query parameter", "GET", "/kling/v1/videos/omni-video?pageNum=1&pageSize=30&x=1", alice, null, [404]],
    ["query on a task path", "GET", "/kling/v1/videos/omni-video/t1?external_task_id=zz", alice, null, [404]],
    ["CRLF in the path", "GET", "/kling/v1/videos/omni-video/x%0d%0aHost:evil", alice, null, [404]],
    ["X-Forwarded-Host", "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, "x-forwarded-host": "evil.example" }, null, [400]],
    ["Forwarded host=", "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, forwarded: "host=evil.example" }, null, [400]],
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
  assert.ok(attacks.length >= 30);
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
  await t.test("Host header and cookies do not travel", async () => {
    const before = emu.state.requests.length;
    const res = await rawRequest(wd.port, "GET", "/kling/v1/videos/omni-video?pageNum=1", { ...alice, host: "evil.example", cookie: "session=s3cret" });
    seen.push(res.raw);
    assert.equal(res.status, 200);
    // Only the list call: the task the previous subtest created changes status meanwhile, and the
    // proxy re-queries it for each callback, so other requests may arrive at any time.
    const got = emu.state.requests.slice(before).filter((r) => r.method === "GET" && /^\/v1\/videos\/omni-video\?/.test(r.url));
    assert.equal(got.length, 1);
    assert.equal(got[0].headers.host, `127.0.0.1:${emu.port}`, "the upstream is fixed, whatever Host says");
    assert.equal(got[0].headers.cookie, undefined);
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
