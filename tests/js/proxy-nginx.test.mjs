// Issue 13 ("Hardening"): the Node adapter behind a real nginx (Debian's package) in the usual
// reverse-proxy set-up (Host $proxy_host, X-Forwarded-Host, X-Forwarded-For, plus an Apache-style
// X-Forwarded-Server): a create passes and reaches the emulator; and an nginx `location` that
// denies /kling/v1/videos/text2video cannot be bypassed through the proxy by an escaped,
// doubled-slash, dot-segment or backslash form (nginx or the proxy refuses each; the emulator
// sees no text2video request). Without nginx installed the suite fails (it does not skip).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startNginx } from "../support/nginx.mjs";
import { rawRequest } from "./proxy-helpers.mjs";
import { AK, SK, TEXT2VIDEO, VALID, byBearer, createKlingProxy, serveProxy } from "../support/proxy-rig.mjs";

let emu, node, nginx;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK });
  node = await serveProxy(createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer }));
  const pass = `proxy_pass http://127.0.0.1:${node.port};
      proxy_set_header Host $proxy_host;
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Server $hostname;`;
  nginx = await startNginx({
    locations: `
    # The operator's rule: text2video is not offered through this site.
    location /kling/v1/videos/text2video { deny all; }
    location /kling/ {
      ${pass}
    }`,
  });
});

after(async () => {
  await nginx?.stop();
  await node?.close();
  await emu?.close();
});

const alice = { authorization: "Bearer user-alice" };
const json = { ...alice, "content-type": "application/json" };
const text2video = () => emu.state.requests.filter((r) => r.url.includes("text2video"));

test("a create through nginx (forwarding headers set as usual) is served and reaches the emulator", async () => {
  const before = emu.state.requests.length;
  const res = await rawRequest(nginx.port, "POST", "/kling/v1/videos/omni-video", { ...json, host: "app.example" }, JSON.stringify({ ...VALID, external_task_id: "via-nginx-1" }));
  assert.equal(res.status, 200, `${res.raw.slice(0, 400)}\n${nginx.errorLog().slice(-500)}`);
  const body = JSON.parse(res.body);
  assert.equal(body.data.task_info.external_task_id, "via-nginx-1");
  const got = emu.state.requests.slice(before);
  assert.equal(got.length, 1);
  assert.equal(JSON.parse(got[0].body).external_task_id.endsWith(":via-nginx-1"), true);
  assert.equal(got[0].headers["x-forwarded-for"], undefined, "forwarding headers went upstream");
  // And the query of that task through nginx.
  const q = await rawRequest(nginx.port, "GET", `/kling/v1/videos/omni-video/${body.data.task_id}`, alice);
  assert.equal(q.status, 200, q.raw.slice(0, 300));
});

test("nginx's deny of /kling/v1/videos/text2video cannot be bypassed through the proxy", async (t) => {
  const plain = await rawRequest(nginx.port, "POST", "/kling/v1/videos/text2video", json, JSON.stringify(TEXT2VIDEO));
  assert.equal(plain.status, 403, "set-up: nginx denies the plain path");
  const forms = [
    "/kling/v1/videos/%74ext2video",
    "/kling//v1/videos/text2video",
    "/kling/v1/videos/./text2video",
    "/kling/v1/videos/omni-video/../text2video",
    "/kling\\v1\\videos\\text2video",
    "/kling/v1\\videos\\text2video",
    "/kling/v1/videos\\text2video",
    "/kling/v1/videos/text2video/",
    "/kling/v1/videos/TEXT2VIDEO",
  ];
  for (const target of forms) {
    for (const [method, headers, body] of [["POST", json, JSON.stringify(TEXT2VIDEO)], ["GET", alice, null]]) {
      await t.test(`${method} ${target}`, async () => {
        const res = await rawRequest(nginx.port, method, target, headers, body);
        assert.ok([400, 403, 404, 405].includes(res.status), `${target}: ${res.status} ${res.body.slice(0, 200)}`);
        assert.deepEqual(text2video(), [], `${target}: a text2video request reached the emulator`);
      });
    }
  }
});
