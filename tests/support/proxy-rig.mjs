// Shared by the proxy hardening tests (issue 13): the package's proxy and Node adapter, the proxy
// served over node:http, tiny upstream servers that record or misbehave, a gate that holds
// upstream answers, the wasm glue's test hooks, and raw sockets that stall or keep writing.
import assert from "node:assert/strict";
import http from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { importSubpath, PKG_DIR } from "../js/load-pkg.mjs";

export const pkg = await importSubpath("");
export const { createKlingProxy } = await importSubpath("proxy");
export const { toNodeListener } = await importSubpath("node");
/** The proxy's wasm-bindgen glue: the same module instance the proxy's driver uses (Node
 *  resolves the package link to its real path), so its test hook reaches that instance. */
export const glue = await import(pathToFileURL(join(PKG_DIR, "proxy", "proxy.js")).href);

export const AK = "ak-hardening-test";
export const SK = "sk-hardening-test-0123456789abcdef";
export const VALID = Object.freeze({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" });
export const TEXT2VIDEO = Object.freeze({ model_name: "kling-v3", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" });
export const OMNI = "/kling/v1/videos/omni-video";

/** "Bearer user-<id>" is user <id> (a stand-in for the app's session check). */
export async function byBearer(request) {
  const m = /^Bearer user-([\x21-\x7e]{1,200})$/.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : false;
}

/** Starts a node:http server on 127.0.0.1 with `handler`; resolves { port, url, server, close }. */
export function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      const close = () => new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      resolve({ port, url: `http://127.0.0.1:${port}`, server, close });
    });
  });
}

/** The proxy behind `http.createServer(toNodeListener(proxy))`, the documented Node set-up. */
export const serveProxy = (proxy) => listen(toNodeListener(proxy));

/** A server that records every request it gets (method, url, headers, body) and answers `reply`. */
export async function recorder(reply = (req, res) => res.end("{}")) {
  const hits = [];
  const srv = await listen(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    hits.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    reply(req, res, hits.at(-1));
  });
  return { ...srv, hits };
}

/** Kling's envelope around `data`. */
export const envelope = (data, code = 0, message = "SUCCEED") => JSON.stringify({ code, message, request_id: "req-1", data });

/** A task object as Kling answers it. */
export const task = (over = {}) => ({ task_id: "811111111111111111", task_status: "submitted", task_status_msg: "", task_info: {}, created_at: 1, updated_at: 1, task_result: {}, ...over });

/** What a Kling-like upstream answers: a create echoes the external_task_id it got (as Kling
 *  does); a query is 404/1203 (so a client that checks before re-creating finds nothing). */
export function klingLike(url, init, body) {
  if (init?.method === "POST") {
    const ext = JSON.parse(body || "{}").external_task_id;
    return new Response(envelope(task({ task_id: `8${String(++klingLike.seq).padStart(17, "0")}`, task_info: ext ? { external_task_id: ext } : {} })));
  }
  return new Response(envelope(null, 1203, "task not found"), { status: 404 });
}
klingLike.seq = 0;

/**
 * An upstream `fetch` (the proxy's `fetch` option) that holds every answer until `release()`:
 * `arrived` counts calls that reached it, `calls` records { method, url, body }; `waitFor(n)`
 * resolves once n have arrived.
 */
export function gate(answer = klingLike) {
  let open;
  let opened = new Promise((r) => (open = r));
  const waiters = [];
  const g = {
    arrived: 0,
    calls: [],
    async fetch(url, init) {
      let body = "";
      if (init?.body instanceof Uint8Array) body = new TextDecoder().decode(init.body);
      else if (init?.body) body = await new Response(init.body).text();
      g.calls.push({ method: init?.method ?? "GET", url: String(url), body });
      g.arrived += 1;
      for (const w of waiters.filter((w) => g.arrived >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      await opened;
      return answer(url, init, body);
    },
    waitFor(n) {
      return g.arrived >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    release() {
      open();
    },
    /** Closes the gate again (answers arriving from now on wait for the next release). */
    reset() {
      opened = new Promise((r) => (open = r));
    },
  };
  return g;
}

/** `promise`, or a rejection naming `what` after `ms` (a bound so a hang fails instead of stalling). */
export function within(ms, what, promise) {
  let t;
  const timeout = new Promise((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hung)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

/** Captures console.error while `fn` runs; resolves { value, lines }. */
export async function capturingErrors(fn) {
  const lines = [];
  const original = console.error;
  console.error = (...args) => lines.push(args.map(String).join(" "));
  try {
    return { value: await fn(), lines };
  } finally {
    console.error = original;
  }
}

/**
 * A raw HTTP/1.1 exchange for the slow-upstream and slow-upload cases: writes `head` (and then
 * whatever `feed(sock)` writes), collects the answer, and notes whether and when the server ended
 * or closed the socket. Resolves once the socket closed or `limitMs` passed: { raw, status, closed }.
 */
export function rawExchange(port, head, { feed, limitMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    let closed = false;
    const sock = connect(port, "127.0.0.1", () => {
      sock.write(head);
      feed?.(sock, chunks);
    });
    sock.on("data", (d) => chunks.push(d));
    sock.on("error", () => {}); // a reset after the server closed is a close too
    const finish = () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString("latin1");
      resolve({ raw, status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0), closed });
      sock.destroy();
    };
    sock.on("end", () => {
      closed = true;
      finish();
    });
    sock.on("close", () => {
      closed = true;
      finish();
    });
    const timer = setTimeout(finish, limitMs);
  });
}

/** The JSON body of a raw answer (chunked or not), or null. */
export function rawJson(raw) {
  const split = raw.indexOf("\r\n\r\n");
  let body = raw.slice(split + 4);
  if (/\r\ntransfer-encoding: chunked/i.test(raw.slice(0, split))) {
    let out = "";
    for (;;) {
      const nl = body.indexOf("\r\n");
      const n = parseInt(body.slice(0, nl), 16);
      if (!n) break;
      out += body.slice(nl + 2, nl + 2 + n);
      body = body.slice(nl + 2 + n + 2);
    }
    body = out;
  }
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** A header of a raw answer (first one, lower-cased name), or undefined. */
export function rawHeader(raw, name) {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
  const m = new RegExp(`\\r\\n${name}:[ \\t]*([^\\r\\n]*)`, "i").exec(head);
  return m?.[1];
}

/** Polls `check` every 50 ms until it returns a truthy value; throws after `ms`. */
export async function eventually(ms, what, check) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Values a request may hold before the library refuses to read it (src/json/mod.rs MAX_VALUES). */
export const MAX_VALUES = 10_000;
const CRASH_HEAD = '{"model_name":"kling-v3-omni","prompt":"x","multi_shot":true,"multi_prompt":[';

/** The "crash body": a multi_shot create whose multi_prompt holds `shots` empty objects; it
 *  holds shots + 5 JSON values (the root, three scalars, the array). */
export const crashBody = (shots) => CRASH_HEAD + "{},".repeat(shots - 1) + "{}]}";
/** The number of shots that makes a crash body of about `bytes` bytes. */
export const shotsFor = (bytes) => Math.max(1, Math.floor((bytes - CRASH_HEAD.length - 4) / 3));

/**
 * Checks a proxy's answer to a crash body of `shots` shots: HTTP 400 with a small Report (under
 * 128 KiB). Up to the value limit the rules run and the issue list is cut at 100 plus a last
 * `too_many_issues`; past it the text is not read at all: one `too_many_values` issue.
 */
export function assertCrashAnswer(status, text, shots) {
  assert.equal(status, 400, `status ${status}: ${text.slice(0, 300)}`);
  assert.ok(text.length < 128 << 10, `the answer is ${text.length} bytes`);
  const issues = JSON.parse(text).report.issues;
  if (shots + 5 <= MAX_VALUES) {
    assert.equal(issues.length, 101, `${issues.length} issues`);
    assert.equal(issues.at(-1).code, "too_many_issues");
  } else {
    assert.deepEqual(issues.map((i) => [i.code, i.params?.max]), [["too_many_values", MAX_VALUES]]);
  }
}

/** The largest n in [lo, hi] for which `ok(n)` holds, `ok` being monotone (true, then false);
 *  lo - 1 when none. Finds a limit the implementation sets without the test hard-coding it. */
export async function largest(lo, hi, ok) {
  let best = lo - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (await ok(mid)) [best, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return best;
}
