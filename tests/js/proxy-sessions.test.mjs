// The browser's session reaching the proxy, in Node (issue 15): the proxy behind the Node adapter
// over real sockets (same origin from Host, publicOrigin, allowCredentials, allowHeaders, the
// marked refusals), KlingClient's `credentials` and `auth: { kind: "proxy", headers }` against it
// and the Kling emulator, KlingError's source/reason, and every new option at its limit and one
// past it. The workerd half is proxy-sessions-workerd.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { startEmulator } from "../support/kling-emulator.mjs";
import { importSubpath } from "./load-pkg.mjs";
import { rawRequest } from "./proxy-helpers.mjs";

const AK = "ak-sessions-test";
const SK = "sk-sessions-test-0123456789abcdef";
const OMNI = "/kling/v1/videos/omni-video";
const valid = (extra = {}) => ({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5", ...extra });

let emu, lib, proxyLib, nodeLib;
const servers = [];

before(async () => {
  lib = await importSubpath("");
  proxyLib = await importSubpath("proxy");
  nodeLib = await importSubpath("node");
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 20, doneAfterMs: 60 } });
});

after(async () => {
  for (const s of servers) await new Promise((ok) => s.close(ok));
  await emu?.close();
});

/** The app's session check: a cookie `sid=<user>` or a header `x-session: <user>`. */
function authorize(request) {
  const cookie = /(?:^|;\s*)sid=([\w-]{1,64})/.exec(request.headers.get("cookie") ?? "");
  return cookie?.[1] ?? request.headers.get("x-session") ?? false;
}

/** A proxy (config + defaults) behind toNodeListener on a free port: { port, url }. */
async function serve(config = {}) {
  const proxy = proxyLib.createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize, ...config });
  const server = createServer(nodeLib.toNodeListener(proxy));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  servers.push(server);
  const { port } = server.address();
  return { port, url: `http://127.0.0.1:${port}` };
}

const body = (r) => JSON.parse(r.body);

test("same origin passes by default: the Node adapter's own origin is the Host header's", async () => {
  const { port, url } = await serve();
  const post = (headers, target = OMNI) => rawRequest(port, "POST", target, { "content-type": "application/json", cookie: "sid=alice", ...headers }, JSON.stringify(valid()));
  const own = await post({ origin: url });
  assert.equal(own.status, 200, own.body);
  assert.doesNotMatch(own.raw, /access-control-allow-origin/i, "a same-origin answer needs no CORS headers");
  assert.match(own.raw, /\r\nvary: Origin\r\n/i);
  // The same server reached by another name is another origin; and the Host decides, not the page.
  for (const [origin, host] of [[`http://localhost:${port}`, `127.0.0.1:${port}`], [url, `localhost:${port}`], ["https://evil.example", `127.0.0.1:${port}`]]) {
    const r = await post({ origin, host });
    assert.equal(r.status, 403, `${origin} via ${host}`);
    assert.deepEqual([body(r).source, body(r).reason, body(r).code], ["proxy", "origin_not_allowed", 1103]);
    assert.match(r.raw, /\r\nx-kling-proxy: 1\r\n/i);
    assert.doesNotMatch(r.raw, /access-control-allow-origin/i, "a refused origin gets no CORS headers");
  }
  // The refusal tells a misconfigured same-origin app what the proxy took as its own origin.
  assert.match(body(await post({ origin: "https://evil.example" })).message, new RegExp(`own origin is ${url}`));
  // An absolute-form target cannot choose the origin; an odd Host gives none (only the list).
  assert.equal((await post({ origin: "http://evil.example" }, `http://evil.example${OMNI}`)).status, 403);
  assert.equal((await post({ origin: "http://a" , host: "a@b" })).status, 403);
  // No Origin (a server, or a browser's same-origin GET): authorize decides.
  const get = await rawRequest(port, "GET", `${OMNI}/nope`, { cookie: "sid=alice" });
  assert.equal(get.status, 404, get.body);
  assert.equal((await rawRequest(port, "GET", `${OMNI}/nope`, {})).status, 401);
});

test("publicOrigin: the own origin behind a TLS-terminating front proxy", async () => {
  const { port, url } = await serve({ publicOrigin: "HTTPS://App.Example:443/" });
  const post = (origin) => rawRequest(port, "POST", OMNI, { "content-type": "application/json", cookie: "sid=bob", origin }, JSON.stringify(valid()));
  assert.equal((await post("https://app.example")).status, 200);
  const r = await post(url);
  assert.equal(r.status, 403, "the backend's own address is no longer the page's origin");
  assert.match(body(r).message, /own origin is https:\/\/app\.example;/);
});

test("cross-origin with cookies: allowCredentials answers listed origins only; the session never goes upstream", async () => {
  const { port } = await serve({ allowedOrigins: ["https://SPA.example/"], allowCredentials: true, allowHeaders: ["X-Session"] });
  const pre = (origin, headers = "content-type") =>
    rawRequest(port, "OPTIONS", OMNI, { origin, "access-control-request-method": "POST", "access-control-request-headers": headers });
  const ok = await pre("https://spa.example", "content-type,x-session");
  assert.equal(ok.status, 204, ok.raw);
  for (const line of [
    "access-control-allow-origin: https://spa.example",
    "access-control-allow-credentials: true",
    "access-control-allow-methods: GET, POST",
    "access-control-allow-headers: content-type, authorization, x-session",
    "access-control-max-age: 600",
    "vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  ]) {
    assert.ok(ok.raw.toLowerCase().includes(`\r\n${line.toLowerCase()}\r\n`), `${line}\n${ok.raw}`);
  }
  const refusedHeader = await pre("https://spa.example", "x-other");
  assert.deepEqual([refusedHeader.status, body(refusedHeader).reason], [403, "header_not_allowed"]);
  const refusedOrigin = await pre("https://other.example");
  assert.equal(refusedOrigin.status, 403);
  assert.doesNotMatch(refusedOrigin.raw, /access-control-allow-(origin|credentials)/i);
  const before = emu.state.requests.length;
  const post = await rawRequest(port, "POST", OMNI, { "content-type": "application/json", origin: "https://spa.example", cookie: "sid=carol; theme=dark", "x-session": "ignored-by-upstream" }, JSON.stringify(valid()));
  assert.equal(post.status, 200, post.body);
  assert.match(post.raw, /\r\naccess-control-allow-credentials: true\r\n/i);
  assert.match(post.raw, /\r\naccess-control-expose-headers: retry-after, x-kling-proxy, age, x-kling-proxy-cache\r\n/i);
  const upstream = emu.state.requests.slice(before);
  assert.equal(upstream.length, 1);
  assert.ok(!("cookie" in upstream[0].headers) && !("x-session" in upstream[0].headers), JSON.stringify(upstream[0].headers));
  assert.ok(!JSON.stringify(upstream[0]).includes("carol;") && !JSON.stringify(upstream[0]).includes("ignored-by-upstream"));
});

test("KlingClient: auth.headers asked before every attempt, credentials passed to fetch, the task completes", async () => {
  const { url } = await serve({ allowedOrigins: ["https://spa.example"], allowHeaders: ["x-session"], maxCreatesInFlight: 1 });
  const inits = [];
  let asked = 0;
  const client = new lib.KlingClient({
    baseUrl: `${url}/kling`,
    credentials: "include",
    auth: { kind: "proxy", headers: async () => ({ "x-session": `dave-${++asked > 0 ? "x" : ""}` }) },
    fetch: (u, init) => {
      inits.push(init);
      return fetch(u, { ...init, headers: [...init.headers, ["origin", "https://spa.example"]] });
    },
  });
  const task = await client.createOmniVideo(valid({ external_task_id: "s-1" }));
  const done = await client.waitForTask("omni-video", task.task_id, { timeoutMs: 20_000 });
  assert.equal(done.task_status, "succeed");
  assert.equal(asked, inits.length, "one headers call per attempt");
  assert.ok(inits.every((i) => i.credentials === "include"));
  assert.ok(inits.every((i) => i.headers.some(([k, v]) => k === "x-session" && v === "dave-x")));
  assert.equal(emu.task(task.task_id).task_info.external_task_id, "dave-x:s-1", "authorize read the session header");
  // Without the option, fetch gets no credentials field (its own default, "same-origin").
  const plain = [];
  const c2 = new lib.KlingClient({ baseUrl: `${url}/kling`, auth: { kind: "proxy", headers: { "x-session": "erin" } }, fetch: (u, i) => (plain.push(i), fetch(u, i)) });
  await c2.getTask("omni-video", "s-1", { by: "external_task_id" }).catch(() => {});
  assert.ok(plain.length > 0 && plain.every((i) => !("credentials" in i)));
});

test("KlingError: the proxy's refusals have source 'proxy', a reason and their own message, and are not retried", async () => {
  const { url } = await serve();
  let sent = 0;
  const counting = (u, i) => (sent++, fetch(u, i));
  const client = new lib.KlingClient({ baseUrl: `${url}/kling`, fetch: counting, maxRetries: 3 });
  const e = await client.getTask("omni-video", "t1").then(() => assert.fail("resolved"), (x) => x);
  assert.ok(e instanceof lib.KlingError);
  assert.deepEqual([e.code, e.source, e.reason, e.status, e.apiCode, e.retryable], ["api_error", "proxy", "unauthorized", 401, 1000, false]);
  assert.equal(e.message, "kling-wasm proxy refused the request: unauthorized (HTTP 401): not authorized");
  assert.equal(sent, 1, "a permanent refusal is sent once");
  // A path the proxy does not serve (a wrong pathPrefix): permanent too.
  sent = 0;
  const wrong = new lib.KlingClient({ baseUrl: `${url}/klingg`, fetch: counting, auth: { kind: "proxy", headers: { "x-session": "f" } } });
  const e2 = await wrong.createOmniVideo(valid()).then(() => assert.fail("resolved"), (x) => x);
  assert.deepEqual([e2.source, e2.reason, e2.status, sent], ["proxy", "path_not_allowed", 404, 1]);
  // Kling's own answer: source "kling", its message as before.
  const direct = new lib.KlingClient({ baseUrl: emu.url, auth: { kind: "keys", accessKey: AK, secretKey: "wrong-secret-0123456789" }, maxRetries: 0 });
  const e3 = await direct.getTask("omni-video", "t1").then(() => assert.fail("resolved"), (x) => x);
  assert.equal(e3.source, "kling");
  assert.equal(e3.reason, undefined);
  assert.match(e3.message, /^Kling API error \d+ \(HTTP \d+\)/);
  // The class itself: api_error defaults to Kling's; a proxy one keeps its reason.
  assert.equal(new lib.KlingError("m", { code: "api_error", status: 500 }).source, "kling");
  const p = new lib.KlingError("m", { code: "api_error", status: 403, source: "proxy", reason: "origin_not_allowed" });
  assert.deepEqual([p.source, p.reason], ["proxy", "origin_not_allowed"]);
  assert.equal(new lib.KlingError("m", { code: "timeout" }).source, undefined);
});

test("createKlingProxy: the new options at their limits and one past, each problem named", () => {
  const make = (config) => proxyLib.createKlingProxy({ apiKey: "k", allowAnonymous: true, ...config });
  const refused = (config, ...says) => {
    try {
      make(config);
    } catch (e) {
      assert.equal(e.code, "config_error");
      for (const s of says) assert.ok(e.message.includes(s), `${e.message} lacks ${s}`);
      return;
    }
    assert.fail(`accepted ${JSON.stringify(config)}`);
  };
  const origins = (n) => Array.from({ length: n }, (_, i) => `https://o${i}.example`);
  const names = (n) => Array.from({ length: n }, (_, i) => `x-h${i}`);
  make({ allowedOrigins: origins(64) });
  refused({ allowedOrigins: origins(65) }, "at most 64");
  make({ allowHeaders: names(16) });
  refused({ allowHeaders: names(17) }, "at most 16");
  make({ allowHeaders: ["x".repeat(64)] });
  refused({ allowHeaders: ["x".repeat(65)] }, "allowHeaders[0]");
  make({ allowedOrigins: [`https://${"a".repeat(253)}`] });
  refused({ allowedOrigins: [`https://${"a".repeat(254)}`] }, "allowedOrigins[0]");
  refused({ allowedOrigins: ["https://ok.example", "https://app.example/"] .concat(["https://x.example/path"]) }, "allowedOrigins[2]", "https://x.example/path");
  for (const bad of ["null", "file://", "app.example", "https://app.example?x", "https://u@app.example", "https://app.example:99999"]) {
    refused({ allowedOrigins: [bad] }, "allowedOrigins[0]");
  }
  refused({ allowedOrigins: ["*"], allowCredentials: true }, "allowCredentials", '"*"');
  refused({ allowCredentials: true }, "allowCredentials");
  refused({ allowCredentials: "yes" }, "allowCredentials");
  refused({ allowHeaders: ["Cookie"] }, "allowHeaders[0]");
  refused({ allowHeaders: "x-session" }, "allowHeaders");
  refused({ publicOrigin: "*" }, "publicOrigin");
  refused({ publicOrigin: "https://app.example/kling" }, "publicOrigin");
  make({ publicOrigin: "http://localhost:5173/", allowedOrigins: ["https://a.example"], allowCredentials: true, allowHeaders: ["Authorization", "x-session"] });
});

test("KlingClient: credentials and auth.headers at their limits and one past", async () => {
  const make = (options) => new lib.KlingClient({ baseUrl: "https://app.example/kling", ...options });
  const refused = (options, says) => assert.throws(() => make(options), (e) => e.code === "config_error" && e.message.includes(says), says);
  for (const c of ["omit", "same-origin", "include"]) make({ credentials: c });
  refused({ credentials: "all" }, "credentials");
  refused({ credentials: true }, "credentials");
  const n = (count) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-h${i}`, "v"]));
  make({ auth: { kind: "proxy", headers: n(8) } });
  refused({ auth: { kind: "proxy", headers: n(9) } }, "at most 8");
  make({ auth: { kind: "proxy", headers: { "x-s": "v".repeat(4096) } } });
  refused({ auth: { kind: "proxy", headers: { "x-s": "v".repeat(4097) } } }, "at most 4096");
  make({ auth: { kind: "proxy", headers: { ["x".repeat(64)]: "v" } } });
  refused({ auth: { kind: "proxy", headers: { ["x".repeat(65)]: "v" } } }, "1 to 64");
  for (const name of ["host", "content-length", "Cookie", "content-type", "origin", "sec-ch-ua"]) refused({ auth: { kind: "proxy", headers: { [name]: "v" } } }, `header ${name} `);
  refused({ auth: { kind: "proxy", headers: { "x-s": 5 } } }, "auth.headers.x-s");
  refused({ auth: { kind: "proxy", headers: { "x-s": "a\nb" } } }, "visible ASCII");
  refused({ auth: { kind: "proxy", headers: "x-session" } }, "auth.headers");
  refused({ auth: { kind: "proxy", header: {} } }, "header");
  // An absent value leaves the header out; a secret value is never echoed.
  make({ auth: { kind: "proxy", headers: { "x-s": undefined } } });
  assert.throws(() => make({ auth: { kind: "proxy", headers: { cookie: "sid=TOPSECRET" } } }), (e) => !e.message.includes("TOPSECRET"));
  // A headers function: checked per attempt; its failure or bad answer sends nothing.
  let sent = 0;
  const fetchSpy = async () => (sent++, new Response("{}"));
  for (const [headers, says] of [
    [() => ({ host: "x" }), "host"],
    [() => "x-session", "auth.headers()"],
    [async () => ({ "x-s": 7 }), "auth.headers().x-s"],
    [() => { throw new Error("no session yet"); }, "no session yet"],
    [() => n(9), "at most 8"],
  ]) {
    const c = make({ auth: { kind: "proxy", headers }, fetch: fetchSpy });
    const e = await c.getTask("omni-video", "t").then(() => assert.fail("resolved"), (x) => x);
    assert.equal(e.code, "config_error", e.message);
    assert.ok(e.message.includes(says), `${e.message} lacks ${says}`);
  }
  assert.equal(sent, 0);
});
