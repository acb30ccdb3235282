// The browser's session reaching the proxy in the real Cloudflare runtime (workerd from npm):
// same origin (the Worker's own URL) passes by default; a cross-origin SPA with cookies
// (allowCredentials) or a custom session header (allowHeaders) gets the CORS answers it needs;
// other origins are refused with a marked answer and no CORS headers; and KlingClient running in
// workerd sends `credentials` and `auth.headers`, and reads a proxy refusal as source "proxy".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { rawRequest } from "./proxy-helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AK = "ak-sessions-workerd";
const SK = "sk-sessions-workerd-0123456789abcdef";
const OMNI = "/kling/v1/videos/omni-video";
const valid = JSON.stringify({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" });

let emu, wd;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 20, doneAfterMs: 60 } });
  wd = await startWorkerd({ entry: join(HERE, "../workerd/sessions-worker.mjs"), bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK } });
});

after(async () => {
  await wd?.stop();
  await emu?.close();
});

const json = (r) => JSON.parse(r.body);
const has = (r, line) => r.raw.toLowerCase().includes(`\r\n${line.toLowerCase()}\r\n`);
const post = (headers) => rawRequest(wd.port, "POST", OMNI, { "content-type": "application/json", ...headers }, valid);

test("same origin: the Worker's own URL is its origin; a request from it passes without CORS headers", async () => {
  const r = await post({ origin: wd.url, cookie: "sid=alice" });
  assert.equal(r.status, 200, r.body);
  assert.ok(!/access-control-allow-origin/i.test(r.raw));
  assert.ok(has(r, "vary: Origin"));
});

test("cross-origin SPA with cookies: the preflight and the answer allow credentials for its origin only", async () => {
  const pre = await rawRequest(wd.port, "OPTIONS", OMNI, { origin: "https://spa.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" });
  assert.equal(pre.status, 204, pre.raw);
  for (const line of ["access-control-allow-origin: https://spa.example", "access-control-allow-credentials: true", "access-control-allow-methods: GET, POST", "access-control-max-age: 600"]) {
    assert.ok(has(pre, line), `${line}\n${pre.raw}`);
  }
  const before = emu.state.requests.length;
  const r = await post({ origin: "https://spa.example", cookie: "sid=bob; theme=dark" });
  assert.equal(r.status, 200, r.body);
  assert.ok(has(r, "access-control-allow-origin: https://spa.example") && has(r, "access-control-allow-credentials: true"));
  assert.ok(has(r, "access-control-expose-headers: retry-after, x-kling-proxy, age, x-kling-proxy-cache"));
  const up = emu.state.requests.slice(before);
  assert.equal(up.length, 1);
  assert.equal(up[0].headers.cookie, undefined, "the cookie never goes upstream");
  assert.equal(JSON.parse(up[0].body).external_task_id.split(":")[0], "bob", "authorize read the cookie");
});

test("cross-origin SPA with a session header: allowHeaders answers the preflight; other headers and origins are refused, marked", async () => {
  const pre = (origin, headers) => rawRequest(wd.port, "OPTIONS", OMNI, { origin, "access-control-request-method": "POST", "access-control-request-headers": headers });
  const ok = await pre("https://spa.example", "content-type,x-session");
  assert.equal(ok.status, 204);
  assert.ok(has(ok, "access-control-allow-headers: content-type, authorization, x-session"), ok.raw);
  const other = await pre("https://spa.example", "x-other");
  assert.deepEqual([other.status, json(other).reason, json(other).source], [403, "header_not_allowed", "proxy"]);
  const evil = await post({ origin: "https://evil.example", "x-session": "mallory" });
  assert.equal(evil.status, 403);
  assert.deepEqual([json(evil).reason, json(evil).code], ["origin_not_allowed", 1103]);
  assert.ok(has(evil, "x-kling-proxy: 1"));
  assert.ok(!/access-control-allow-(origin|credentials)/i.test(evil.raw), "a refused origin learns nothing");
  const before = emu.state.requests.length;
  const r = await post({ origin: "https://spa.example", "x-session": "carol" });
  assert.equal(r.status, 200, r.body);
  assert.ok(!("x-session" in emu.state.requests[before].headers), "the session header never goes upstream");
});

test("KlingClient in workerd: credentials and auth.headers are sent; a missing session reads as the proxy's refusal", async () => {
  const ok = await (await fetch(`${wd.url}/__client?session=dave`)).json();
  assert.equal(ok.ok, true, JSON.stringify(ok));
  assert.ok(ok.seen.length >= 1 && ok.seen.every((c) => c === "include"), JSON.stringify(ok.seen));
  assert.match(emu.task(ok.task.task_id).task_info.external_task_id, /^dave:/);
  const refused = await (await fetch(`${wd.url}/__client`)).json();
  assert.equal(refused.ok, false);
  assert.deepEqual(
    [refused.error.name, refused.error.code, refused.error.source, refused.error.reason, refused.error.status, refused.error.retryable],
    ["KlingError", "api_error", "proxy", "unauthorized", 401, false],
  );
  assert.equal(refused.error.message, "kling-wasm proxy refused the request: unauthorized (HTTP 401): not authorized");
  assert.equal(refused.seen.length, 1, "a permanent refusal is not retried");
});
