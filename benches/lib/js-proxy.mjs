//! The Omni-Video routes of a signing proxy as one would write them by hand in JS today (the
//! contender of benches/proxy-cpu.mjs and benches/proxy-list.mjs): jose signs the HS256 JWT (the
//! key imported once, the faster way to use it); a create's JSON body gets the caller's
//! `<user>:` prefix on `external_task_id` (kling-wasm's ownership rule) and loses any
//! `callback_url`; a query's or a list's tasks are the caller's only when
//! `task_info.external_task_id` starts with that prefix, which is cut before they go back.
//! Answers are `JSON.parse`d and `JSON.stringify`d. No CORS, validation, limits or callbacks.

import { SignJWT } from "jose";

export function createJsProxy({ upstream, accessKey, secretKey, authorize, fetch: f = globalThis.fetch, pathPrefix = "/kling" }) {
  const key = crypto.subtle.importKey("raw", new TextEncoder().encode(secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const token = async () => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: accessKey, exp: now + 600, nbf: now - 5 }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(await key);
  };
  const answer = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
  const refuse = (status, code, message) => answer(status, { code, message, request_id: "", data: null });
  const call = async (path, init = {}) => {
    const headers = { authorization: `Bearer ${await token()}`, "content-type": "application/json" };
    const res = await f(`${upstream}${path}`, { ...init, headers });
    return { status: res.status, envelope: JSON.parse(await res.text()) };
  };
  /** Cuts `prefix` from the task's external id; false when the task is not the caller's. */
  const own = (task, prefix) => {
    const id = task?.task_info?.external_task_id;
    if (typeof id !== "string" || !id.startsWith(prefix)) return false;
    task.task_info.external_task_id = id.slice(prefix.length);
    return true;
  };
  const base = "/v1/videos/omni-video";
  return {
    async fetch(request) {
      const url = new URL(request.url);
      const path = url.pathname.startsWith(pathPrefix) ? url.pathname.slice(pathPrefix.length) : "";
      const id = path.startsWith(`${base}/`) ? path.slice(base.length + 1) : null;
      const list = request.method === "GET" && path === base && [...url.searchParams.keys()].every((k) => k === "pageNum" || k === "pageSize");
      const create = request.method === "POST" && path === base && !url.search;
      const query = request.method === "GET" && id !== null && /^[\w.:-]{1,160}$/.test(id) && !url.search;
      if (!list && !create && !query) return refuse(404, 1203, "not found");
      const user = await authorize(request);
      if (!user) return refuse(401, 1000, "not authorized");
      const prefix = `${user}:`;
      if (create) {
        let body;
        try {
          body = JSON.parse(await request.text());
        } catch {
          return refuse(400, 1200, "the request body must be JSON");
        }
        if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse(400, 1200, "the request body must be a JSON object");
        const given = body.external_task_id ?? crypto.randomUUID();
        if (typeof given !== "string" || !/^[\w.:-]{1,94}$/.test(given)) return refuse(400, 1201, "bad external_task_id");
        body.external_task_id = prefix + given;
        delete body.callback_url;
        const { status, envelope } = await call(base, { method: "POST", body: JSON.stringify(body) });
        own(envelope.data, prefix);
        return answer(status, envelope);
      }
      if (query) {
        const { status, envelope } = await call(`${base}/${id}`);
        if (status === 200 && envelope.code === 0) return own(envelope.data, prefix) ? answer(status, envelope) : refuse(404, 1203, "task not found");
        return status === 404 || [1200, 1201, 1203].includes(envelope.code) ? refuse(404, 1203, "task not found") : answer(status, envelope);
      }
      const pageNum = Number(url.searchParams.get("pageNum") ?? 1);
      const pageSize = Number(url.searchParams.get("pageSize") ?? 30);
      const { status, envelope } = await call(`${base}?pageNum=${pageNum}&pageSize=${pageSize}`);
      if (Array.isArray(envelope.data)) envelope.data = envelope.data.filter((t) => own(t, prefix));
      return answer(status, envelope);
    },
  };
}
