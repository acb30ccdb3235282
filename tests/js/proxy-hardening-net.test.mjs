// Issue 13 ("Hardening"), through the Node adapter over raw sockets (exact bytes, which fetch would
// normalise): the proxy routes on the raw request target (backslashes, %2e%2e, `..`, `//host`,
// absolute-form are 404 and reach nothing upstream), and slow or oversized uploads are cut off:
// a stalled body answers 408 and the socket is closed; a Content-Length over maxBodyBytes answers
// 413 before the body is read and the socket is closed; a chunked body past the cap likewise.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "../support/kling-emulator.mjs";
import { rawRequest } from "./proxy-helpers.mjs";
import { AK, SK, TEXT2VIDEO, VALID, byBearer, createKlingProxy, rawExchange, rawJson, serveProxy } from "../support/proxy-rig.mjs";

const MAX_BODY = 256 << 10;
let emu, node;

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK });
  const proxy = createKlingProxy({ upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer, maxBodyBytes: MAX_BODY, bodyTimeoutMs: 300 });
  node = await serveProxy(proxy);
});

after(async () => {
  await node?.close();
  await emu?.close();
});

const alice = { authorization: "Bearer user-alice" };
const json = { ...alice, "content-type": "application/json" };

test("routing on the raw target: encoded, dotted, backslashed and absolute-form paths are 404 and reach nothing", async (t) => {
  const targets = [
    "/kling\\v1\\videos\\text2video",
    "/kling/v1/videos/%2e%2e/text2video",
    "/kling/v1/videos/../videos/text2video",
    "//evil.example/kling/v1/videos/text2video",
    "http://evil.example/kling/v1/videos/text2video",
  ];
  for (const target of targets) {
    for (const [method, headers, body] of [["GET", alice, null], ["POST", json, JSON.stringify(TEXT2VIDEO)]]) {
      await t.test(`${method} ${target}`, async () => {
        const before = emu.state.requests.length;
        const res = await rawRequest(node.port, method, target, headers, body);
        assert.equal(res.status, 404, res.raw.slice(0, 300));
        assert.equal(emu.state.requests.length, before, "the emulator saw a request");
      });
    }
  }
  // The control: the plain target is served, so the 404s above are the routing, not the set-up.
  const ok = await rawRequest(node.port, "POST", "/kling/v1/videos/text2video", json, JSON.stringify(TEXT2VIDEO));
  assert.equal(ok.status, 200, ok.raw.slice(0, 300));
});

const head = (extra) =>
  `POST /kling/v1/videos/omni-video HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer user-alice\r\ncontent-type: application/json\r\n${extra}\r\n`;

test("a body that stalls after a few bytes: 408, and the server closes the socket", async () => {
  const before = emu.state.requests.length;
  const res = await rawExchange(node.port, head("content-length: 1000\r\n"), {
    feed: (sock) => sock.write('{"model_name":'), // then nothing: the sender drips no more
  });
  assert.equal(res.status, 408, res.raw.slice(0, 300) || "(no answer within 5 s)");
  assert.equal(rawJson(res.raw)?.code, 1200);
  assert.ok(res.closed, "the server kept the socket open after the 408");
  assert.equal(emu.state.requests.length, before);
});

test("a chunked body that stalls: 408, and the socket is closed", async () => {
  const res = await rawExchange(node.port, head("transfer-encoding: chunked\r\n"), { feed: (sock) => sock.write("4\r\n{\"a\"\r\n") });
  assert.equal(res.status, 408, res.raw.slice(0, 300) || "(no answer within 5 s)");
  assert.ok(res.closed, "the server kept the socket open after the 408");
});

test("Content-Length at maxBodyBytes is read; one past it is 413 before any body byte, and the socket is closed", async () => {
  // At the limit: a valid body padded with spaces to exactly MAX_BODY bytes is served.
  const text = JSON.stringify(VALID);
  const exact = text.slice(0, -1) + " ".repeat(MAX_BODY - text.length) + "}";
  assert.equal(Buffer.byteLength(exact), MAX_BODY);
  const atLimit = await rawRequest(node.port, "POST", "/kling/v1/videos/omni-video", json, exact);
  assert.equal(atLimit.status, 200, atLimit.raw.slice(0, 300));
  const before = emu.state.requests.length;
  // One past: only the head is sent. The 413 must come, and the socket must end, without the
  // server waiting for (reading) a body that never comes.
  const over = await rawExchange(node.port, head(`content-length: ${MAX_BODY + 1}\r\n`));
  assert.equal(over.status, 413, over.raw.slice(0, 300) || "(no answer within 5 s)");
  assert.ok(over.closed, "the server kept the socket open after the 413");
  // Far past (1 GiB declared): the same, and nothing was buffered first.
  const huge = await rawExchange(node.port, head("content-length: 1073741824\r\n"));
  assert.equal(huge.status, 413, huge.raw.slice(0, 300) || "(no answer within 5 s)");
  assert.ok(huge.closed, "the server kept the socket open after the 413");
  assert.equal(emu.state.requests.length, before);
});

test("a chunked body going past maxBodyBytes: 413 and the socket is closed while the sender still writes", async () => {
  const before = emu.state.requests.length;
  let written = 0;
  const res = await rawExchange(node.port, head("transfer-encoding: chunked\r\n"), {
    limitMs: 10_000,
    // Keeps writing 16 KiB chunks until the answer arrives or 8 × the cap is out.
    feed: async (sock, got) => {
      sock.write(`1\r\n{\r\n`);
      const chunk = `4000\r\n${" ".repeat(0x4000)}\r\n`;
      while (got.length === 0 && written < 8 * MAX_BODY && !sock.destroyed) {
        written += 0x4000;
        if (!sock.write(chunk)) await new Promise((r) => sock.once("drain", r).once("close", r));
      }
    },
  });
  assert.equal(res.status, 413, res.raw.slice(0, 300) || "(no answer)");
  assert.ok(res.closed, "the server kept the socket open after the 413");
  assert.ok(written > MAX_BODY, "the sender passed the cap before the 413 (else the case proves nothing)");
  assert.equal(emu.state.requests.length, before);
});
