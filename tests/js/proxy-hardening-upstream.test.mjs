// Issue 13 ("Hardening"), an upstream that misbehaves: redirects are never followed (a 302 to
// another origin or a same-origin 307 answers 502, the other origin is never contacted and the
// prompt goes nowhere else); an upstream that echoes the signed Authorization (in the body, in a
// header, in a 401 error) never gets the JWT, its signature or the secret key to the caller (every
// byte of the raw answer is checked); forwarding headers as nginx/Apache set them are accepted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { rawRequest } from "./proxy-helpers.mjs";
import { AK, OMNI, SK, VALID, byBearer, capturingErrors, createKlingProxy, envelope, recorder, serveProxy, task } from "../support/proxy-rig.mjs";

const PROMPT = "a fox, secret-prompt-7f3a9";
const alice = { authorization: "Bearer user-alice" };
const json = { ...alice, "content-type": "application/json" };
const servers = [];

after(async () => {
  for (const s of servers) await s.close();
});

/** An upstream answering with `reply`, the proxy in front of it (over node:http). */
async function rig(reply) {
  const upstream = await recorder(reply);
  const node = await serveProxy(createKlingProxy({ upstream: upstream.url, accessKey: AK, secretKey: SK, authorize: byBearer, timeoutMs: 5000 }));
  servers.push(upstream, node);
  return { upstream, node };
}

test("a 302 to another origin: 502, the other origin is never contacted, the prompt goes nowhere else", async (t) => {
  const elsewhere = await recorder();
  servers.push(elsewhere);
  const { upstream, node } = await rig((req, res) => {
    res.writeHead(302, { location: `${elsewhere.url}/v1/videos/omni-video`, "content-type": "application/json" });
    res.end(envelope(task()));
  });
  for (const [method, path, body] of [["POST", OMNI, JSON.stringify({ ...VALID, prompt: PROMPT })], ["GET", `${OMNI}/811111111111111111`, null], ["GET", `${OMNI}?pageNum=1`, null]]) {
    await t.test(`${method} ${path}`, async () => {
      const res = await rawRequest(node.port, method, path, method === "POST" ? json : alice, body);
      assert.equal(res.status, 502, res.raw.slice(0, 300));
      assert.ok(!res.raw.includes(elsewhere.url), "the redirect target is passed to the caller");
    });
  }
  assert.ok(upstream.hits.length >= 3, "the upstream was asked");
  assert.deepEqual(elsewhere.hits, [], "the redirect was followed");
  assert.ok(upstream.hits.some((h) => h.body.includes(PROMPT)), "set-up: the prompt went to the upstream");
});

test("a same-origin 307: 502, and no second request (the redirect target is never asked)", async () => {
  const { upstream, node } = await rig((req, res) => {
    if (req.url.startsWith("/v1/videos/omni-video")) {
      res.writeHead(307, { location: "/v1/videos/text2video" });
      return res.end();
    }
    res.end(envelope(task()));
  });
  const res = await rawRequest(node.port, "POST", OMNI, json, JSON.stringify({ ...VALID, prompt: PROMPT }));
  assert.equal(res.status, 502, res.raw.slice(0, 300));
  assert.deepEqual(upstream.hits.map((h) => `${h.method} ${h.url}`), ["POST /v1/videos/omni-video"]);
});

/** Every form of the secret an echo could carry, from the Authorization the upstream received. */
function secretsOf(hits) {
  const out = [SK, Buffer.from(SK).toString("base64"), Buffer.from(SK).toString("base64url")];
  for (const h of hits) {
    const jwt = String(h.headers.authorization ?? "").replace(/^Bearer /, "");
    if (jwt) out.push(jwt, jwt.split(".")[2]);
  }
  return out;
}

function assertNoSecret(raw, hits, what) {
  assert.ok(hits.length > 0 && hits.every((h) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(h.headers.authorization)), "set-up: the upstream got a signed JWT");
  for (const s of secretsOf(hits)) assert.ok(!raw.includes(s), `${what}: the answer carries a secret (${s.slice(0, 12)}…)\n${raw.slice(0, 500)}`);
}

test("an upstream that echoes the Authorization header (200, in the body and a header): nothing of it reaches the caller", async (t) => {
  const { upstream, node } = await rig((req, res) => {
    const auth = req.headers.authorization;
    res.writeHead(200, { "content-type": "application/json", "x-echo": auth, "www-authenticate": auth, "set-cookie": `s=${auth}` });
    const t = task({ task_status_msg: auth, task_info: { external_task_id: `alice:${auth.slice(7, 40)}` }, echo: { authorization: auth, parts: auth.split(".") } });
    res.end(JSON.stringify({ code: 0, message: auth, request_id: auth, data: req.method === "GET" && req.url.includes("pageNum") ? [t] : t }));
  });
  for (const [method, path, body] of [["POST", OMNI, JSON.stringify(VALID)], ["GET", `${OMNI}/811111111111111111`, null], ["GET", `${OMNI}?pageNum=1`, null]]) {
    await t.test(`${method} ${path}`, async () => {
      const { value: res, lines } = await capturingErrors(() => rawRequest(node.port, method, path, method === "POST" ? json : alice, body));
      assert.ok(res.status > 0, "no answer");
      assertNoSecret(`${res.raw}\n${res.body}`, upstream.hits, `${method} ${path}`);
      assertNoSecret(lines.join("\n"), upstream.hits, "a log line");
    });
  }
});

test("an upstream that echoes the Authorization only in a 401 error body: nothing of it reaches the caller", async (t) => {
  const { upstream, node } = await rig((req, res) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(envelope(null, 1002, `Authorization ${req.headers.authorization} is invalid (signature ${req.headers.authorization.split(".")[2]})`));
  });
  for (const [method, path, body] of [["POST", OMNI, JSON.stringify(VALID)], ["GET", `${OMNI}/811111111111111111`, null], ["GET", `${OMNI}?pageNum=1`, null]]) {
    await t.test(`${method} ${path}`, async () => {
      const { value: res, lines } = await capturingErrors(() => rawRequest(node.port, method, path, method === "POST" ? json : alice, body));
      assert.ok(res.status >= 400, `status ${res.status}`);
      assertNoSecret(`${res.raw}\n${res.body}`, upstream.hits, `${method} ${path}`);
      assertNoSecret(lines.join("\n"), upstream.hits, "a log line");
    });
  }
});

test("forwarding headers as proxies in front set them are accepted (not 400)", async (t) => {
  const emu = await startEmulator({ accessKey: AK, secretKey: SK });
  const node = await serveProxy(createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer }));
  servers.push(emu, node);
  for (const extra of [{ "x-forwarded-host": "other.example" }, { "x-forwarded-server": "x" }, { forwarded: "host=other" }, { forwarded: 'for=192.0.2.1;host="other.example";proto=https' }]) {
    await t.test(JSON.stringify(extra), async () => {
      const list = await rawRequest(node.port, "GET", `${OMNI}?pageNum=1`, { ...alice, ...extra });
      assert.equal(list.status, 200, list.raw.slice(0, 300));
      const made = await rawRequest(node.port, "POST", OMNI, { ...json, ...extra }, JSON.stringify(VALID));
      assert.equal(made.status, 200, made.raw.slice(0, 300));
    });
  }
});
