//! The list route of a signing proxy as one would write it by hand in JS today (the contender of
//! benches/proxy-list.mjs): jose signs the HS256 JWT (the key imported once, the faster way to use
//! it), the upstream page is `JSON.parse`d, the caller's tasks kept by the same ownership rule as
//! kling-wasm's (`task_info.external_task_id` starts with `<user>:`), the prefix stripped, and the
//! envelope `JSON.stringify`d. Only what the benchmark needs: no creates, queries or CORS.

import { SignJWT } from "jose";

export function createJsProxy({ upstream, accessKey, secretKey, authorize, fetch: f = globalThis.fetch, pathPrefix = "/kling" }) {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const token = async () => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: accessKey, exp: now + 600, nbf: now - 5 }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(await key);
  };
  const answer = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
  const refuse = (status, code, message) => answer(status, { code, message, request_id: "", data: null });
  return {
    async fetch(request) {
      const url = new URL(request.url);
      const query = [...url.searchParams.keys()];
      if (request.method !== "GET" || url.pathname !== `${pathPrefix}/v1/videos/omni-video` || query.some((k) => k !== "pageNum" && k !== "pageSize")) {
        return refuse(404, 1203, "not found");
      }
      const user = await authorize(request);
      if (!user) return refuse(401, 1000, "not authorized");
      const pageNum = Number(url.searchParams.get("pageNum") ?? 1);
      const pageSize = Number(url.searchParams.get("pageSize") ?? 30);
      const res = await f(`${upstream}/v1/videos/omni-video?pageNum=${pageNum}&pageSize=${pageSize}`, {
        headers: { authorization: `Bearer ${await token()}`, "content-type": "application/json" },
      });
      const envelope = JSON.parse(await res.text());
      const prefix = `${user}:`;
      if (Array.isArray(envelope.data)) {
        envelope.data = envelope.data.filter((t) => {
          const id = t?.task_info?.external_task_id;
          if (typeof id !== "string" || !id.startsWith(prefix)) return false;
          t.task_info.external_task_id = id.slice(prefix.length);
          return true;
        });
      }
      return answer(res.status, envelope);
    },
  };
}
