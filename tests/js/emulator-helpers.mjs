//! Shared helpers for the emulator tests: an independent HS256 signer, a fetch wrapper that checks the envelope.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";

export const AK = "test-ak";
export const SK = "test-sk";
export const CLI = fileURLToPath(new URL("../support/kling-emulator.mjs", import.meta.url));
export const PATHS = {
  "omni-video": "/v1/videos/omni-video",
  text2video: "/v1/videos/text2video",
  image2video: "/v1/videos/image2video",
  "omni-image": "/v1/images/omni-image",
  "image-generation": "/v1/images/generations",
  "custom-element": "/v1/general/advanced-custom-elements",
  "custom-voice": "/v1/general/custom-voices",
};
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const nowS = () => Math.floor(Date.now() / 1000);

/** An HS256 JWT signed here, independently of the emulator's own code. */
export function jwt(claims, secret = SK, header = { alg: "HS256", typ: "JWT" }) {
  const enc = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${enc(header)}.${enc(claims)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
export const goodToken = () => jwt({ iss: AK, exp: nowS() + 1800, nbf: nowS() - 5 });

export async function start(t, options = {}) {
  const emu = await startEmulator({ accessKey: AK, secretKey: SK, ...options });
  t.after(() => emu.close());
  return emu;
}

/** One request; returns { status, body } and checks Kling's envelope on every JSON answer. */
export async function call(emu, method, path, opts) {
  const { status, body } = await rawCall(emu, method, path, opts);
  return { status, body };
}

/** As call(), plus `text`: the raw answer, where a big element_id keeps the digits JSON.parse rounds. */
export async function rawCall(emu, method, path, { body, token = goodToken(), auth, signal } = {}) {
  const headers = { "content-type": "application/json" };
  if (auth !== undefined) headers.authorization = auth;
  else if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(emu.url + path, {
    method,
    headers,
    signal,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json).sort(), ["code", "data", "message", "request_id"]);
  assert.match(json.request_id, UUID);
  return { status: res.status, body: json, text };
}

export const create = (emu, family, body, opts, suffix = "") => call(emu, "POST", PATHS[family] + suffix, { body, ...opts });
export const get = (emu, path, opts) => call(emu, "GET", path, opts);

export async function until(predicate, what, ms = 3000) {
  const end = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every element_id in a raw JSON text, as the digit strings written there (bare numbers only). */
export const rawElementIds = (text) => [...text.matchAll(/"element_id":(\d+)/g)].map((m) => m[1]);
