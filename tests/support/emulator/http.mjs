//! HTTP plumbing: Kling's envelope and code → status table, body reading, and a timer set close() can clear.

import { randomUUID } from "node:crypto";

/** HTTP status for each Kling business code (kling-api.md §1.5). */
export const STATUS_OF = {
  0: 200,
  1000: 401, 1001: 401, 1002: 401, 1003: 401, 1004: 401,
  1100: 429, 1101: 429, 1102: 429, 1103: 403,
  1200: 400, 1201: 400, 1202: 404, 1203: 404,
  1300: 400, 1301: 400, 1302: 429, 1303: 429, 1304: 429,
  5000: 500, 5001: 503, 5002: 504,
};

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Writes `{code, message, request_id, data}` with the status §1.5 gives the code. */
export function sendEnvelope(res, code, message, data = null, extraHeaders = {}) {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify({ code, message, request_id: randomUUID(), data });
  res.writeHead(STATUS_OF[code] ?? 500, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(body);
}

/** Plain JSON (control routes: not Kling's envelope). */
export function sendJson(res, status, value, extraHeaders = {}) {
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...extraHeaders,
  });
  res.end(body);
}

/** Reads the whole body as a Buffer; resolves `null` when it exceeds MAX_BODY_BYTES. */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** setTimeout wrappers tracked so close() can cancel every pending one at once. */
export class Timers {
  #pending = new Set();

  /** Runs fn after ms (unref'd: a forgotten emulator's timers never keep a process alive). */
  later(ms, fn) {
    const handle = setTimeout(() => {
      this.#pending.delete(handle);
      fn();
    }, Math.max(0, ms));
    handle.unref?.();
    this.#pending.add(handle);
    return handle;
  }

  /** A promise resolved after ms; never resolves if cleared by clearAll() (the socket is gone then). */
  sleep(ms) {
    return ms > 0 ? new Promise((resolve) => this.later(ms, resolve)) : Promise.resolve();
  }

  clearAll() {
    for (const h of this.#pending) clearTimeout(h);
    this.#pending.clear();
  }
}
