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

// Kling sends element_id as a bare JSON number above 2^53, which JSON.stringify cannot write from a
// Number without rounding. Views hold such ids as BigInt; toJson turns each into a quoted marker
// and then unquotes it to its exact digits. The random part keeps a user's string from matching.
const BIG = `__kling_emulator_bigint_${randomUUID().slice(0, 8)}__`;
const BIG_QUOTED = new RegExp(`"${BIG}(-?\\d+)"`, "g");

/** JSON.stringify that writes BigInt values as exact bare JSON numbers. */
export function toJson(value) {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? `${BIG}${v}` : v)).replace(BIG_QUOTED, "$1");
}

/** Writes `{code, message, request_id, data}` with the status §1.5 gives the code. */
export function sendEnvelope(res, code, message, data = null, extraHeaders = {}) {
  if (res.destroyed || res.headersSent) return;
  const body = toJson({ code, message, request_id: randomUUID(), data });
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
  const body = toJson(value);
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

/** pageNum's range (§4.4); pageSize's upper bound depends on the list. */
export const PAGE_NUM = { name: "pageNum", min: 1, max: 1000, fallback: 1 };

/** A paging query parameter: `{ value }`, or `{ error }` (a 1201 message) when not an integer in range. */
export function pageParam(search, spec) {
  const raw = search.get(spec.name);
  if (raw == null) return { value: spec.fallback };
  const n = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= spec.min && n <= spec.max)) {
    return { error: `Invalid parameter: ${spec.name} must be an integer in [${spec.min}, ${spec.max}], got "${raw}"` };
  }
  return { value: n };
}
