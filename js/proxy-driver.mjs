// createKlingProxy, JS side (shipped as proxy/driver.js): the driver that runs each request
// through the wasm core step by step. The core decides everything (src/proxy/); this file does
// the host's I/O between steps — reading the body into wasm (body.js), calling the hooks (hooks.js
// reads their answers), calling Kling (upstream.js), building the Response:
// - wasm is entered only through instance.js's `call`, so a trap (out of memory, a bug) is
//   caught: the request answers 500 and the instance is replaced by a fresh one from the same
//   compiled module (issue 13), in Node and in workerd alike;
// - the request body goes into wasm chunk by chunk, never whole in JS; the upstream body comes
//   out of wasm in slices as fetch sends it, so a create holds its body about once in JS + wasm;
// - every wait is bounded: the body-read deadline, the upstream timeout, the upstream answer's
//   size; redirects are never followed.
// warmUp() is in warm.js.
import * as glue from "./proxy.js";
import { readBody } from "./body.js";
import { askAuthorize, askAuthorizeAccount } from "./hooks.js";
import { call, generation, isFault, readOf, replaceInstance, warnOnce } from "./instance.js";
import { upstream } from "./upstream.js";
import { isMemoryStore, memoryStore } from "./store.js";

export { memoryStore };

/** Set by the Node adapter (kling-wasm/node): the request target exactly as received. */
const RAW_TARGET = Symbol.for("kling-wasm.rawTarget");

/** The signing proxy: `{ fetch(request) }`. Throws KlingError config_error for a bad config. */
export function createKlingProxy(config) {
  const p = { config, gen: generation, hooks: glue.__kwProxyCreate(config) };
  // The store is the proxy's, not the instance's: it outlives a replaced wasm instance.
  p.store = p.hooks.store ?? memoryStore();
  return Object.freeze({ fetch: (request) => serve(p, request), reconcile: (user) => reconcile(p, user) });
}

/** Most users one reconcile() without a user visits (the rest wait for the next run). */
const RECONCILE_MAX_USERS = 10_000;

/**
 * Settles the reservations whose task never reported back (src/proxy/forward/reconcile.rs): for
 * `user` (as the store names it), or for every user the store can list (`store.users()`).
 * Resolves { checked, settled, released, failed }; never rejects.
 */
async function reconcile(p, user) {
  const total = { checked: 0, settled: 0, released: 0, failed: 0 };
  let users = [user];
  if (user === undefined) {
    try {
      users = typeof p.store.users === "function" ? p.store.users() : [];
    } catch {
      users = [];
    }
  }
  let n = 0;
  try {
    for await (const u of users) {
      if (typeof u !== "string" || ++n > RECONCILE_MAX_USERS) break;
      const r = await runReconcile(p, u);
      if (r) for (const k of ["checked", "settled", "released"]) total[k] += r[k] ?? 0;
      else total.failed += 1;
    }
  } catch {
    total.failed += 1;
  }
  return total;
}

/** After the instance was replaced, registers proxy `p` with the new one (its store stays). */
function register(p, gen) {
  if (p.gen === gen) return;
  p.hooks = call(gen, glue.__kwProxyCreate, p.config);
  p.gen = gen;
}

async function runReconcile(p, user) {
  const gen = generation;
  let id = 0;
  try {
    register(p, gen);
    id = call(gen, glue.__kwReconcileStart, p.hooks.id, user);
    for (;;) {
      const step = call(gen, glue.__kwRequestPoll, id);
      if (step.op === "done") return step.status === 200 ? JSON.parse(step.body) : null;
      await perform(p, gen, id, step, null, {});
    }
  } catch {
    if (gen === generation && id) {
      try {
        glue.__kwRequestDrop(id);
      } catch {
        replaceInstance(gen);
      }
    }
    return null;
  }
}

/** An answer the driver makes itself, marked as the proxy's like the core's (src/proxy/reply.rs). */
function json(status, code, reason, message) {
  return new Response(JSON.stringify({ code, message, request_id: "", data: null, source: "proxy", reason }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-kling-proxy": "1", vary: "Origin" },
  });
}

/** An http(s) URL as a Request serialises it: origin (scheme, host, port; never userinfo), path,
 *  query (`?` and what follows, up to a fragment). */
const SERIALISED = /^(https?:\/\/[^/?#@\\]+)(\/[^?#]*)(\?[^#]*)?/;

/**
 * The origin of the URL the request came to (the proxy's own origin unless publicOrigin is set;
 * under Node the adapter builds it from Host), or undefined; and the target as the URL parser
 * leaves it (path + query). A Request's `url` is already serialised, so it is split here without
 * a second parse when it has that shape (workerd's URL parser cost a query ~10 % of its CPU).
 */
function splitUrl(request) {
  const href = request.url;
  const m = request instanceof Request && typeof href === "string" ? SERIALISED.exec(href) : null;
  if (m) return { origin: m[1], target: m[3] && m[3] !== "?" ? m[2] + m[3] : m[2] };
  let url;
  try {
    url = new URL(href);
  } catch {
    return { origin: undefined, target: undefined };
  }
  let origin;
  try {
    origin = url.origin;
  } catch {
    origin = undefined;
  }
  return { origin: typeof origin === "string" && /^https?:\/\//.test(origin) ? origin : undefined, target: url.pathname + url.search };
}

/** Method, target (raw when the adapter kept it, else as the URL parser left it), headers (as
 *  `name NUL value NUL …`: one string into wasm, not two per header), and the origin of the
 *  request's URL. A Headers object cannot hold NUL (Fetch), so no pair can shift. */
function requestHead(request) {
  const { origin, target: parsed } = splitUrl(request);
  const raw = request[RAW_TARGET];
  const target = typeof raw === "string" ? raw : parsed;
  if (typeof target !== "string") throw new TypeError("not a Request");
  let headers = "";
  request.headers.forEach((value, name) => {
    const n = String(name);
    const v = String(value);
    if (n.includes("\0") || v.includes("\0")) throw new TypeError("not a Request");
    headers += `${n}\0${v}\0`;
  });
  const method = request.method;
  if (typeof method !== "string") throw new TypeError("not a Request");
  return { method, target, headers, urlOrigin: origin };
}

/** Runs one request through the core: its steps until done, each step's host work between. */
export async function serve(p, request) {
  let head;
  try {
    head = requestHead(request);
  } catch {
    return json(400, 1200, "bad_request", "not a Request");
  }
  const gen = generation;
  let id = 0;
  try {
    register(p, gen);
    id = call(gen, glue.__kwRequestStart, p.hooks.id, head.method, head.target, head.headers, head.urlOrigin);
    const ctx = {};
    try {
      for (;;) {
        const step = call(gen, glue.__kwRequestPoll, id);
        if (step.op === "done") return respond(step, p.warm === true);
        await perform(p, gen, id, step, request, ctx);
      }
    } finally {
      if (ctx.body?.timer !== undefined) clearTimeout(ctx.body.timer);
    }
  } catch (e) {
    if (!isFault(e) && p.warm !== true) warnOnce(`driver-${readOf(e, "name")}`, `unexpected ${readOf(e, "name") ?? "error"} in the driver: ${readOf(e, "message")}`);
    if (gen === generation && id) {
      try {
        glue.__kwRequestDrop(id);
      } catch {
        replaceInstance(gen);
      }
    }
    return json(500, 5000, "internal_error", "the proxy failed on this request; try again");
  }
}

/** The Response for a done step (`warm`: without its body, which module scope refuses). */
function respond(step, warm = false) {
  const empty = warm || step.status === 204 || step.status === 304 || step.body === "";
  try {
    // Headers added to the made Response, not passed as a list of pairs: a list costs workerd
    // twice the Response (measured: 24 against 8 µs). `set` first, so a name's first value
    // replaces the default content-type of a text body; `append` keeps repeated names (cookies).
    const r = new Response(empty ? null : step.body, { status: step.status });
    const seen = new Set();
    for (const [name, value] of step.headers) {
      if (seen.has(name)) r.headers.append(name, value);
      else {
        seen.add(name);
        r.headers.set(name, value);
      }
    }
    return r;
  } catch {
    // A header value a Response cannot carry (an odd Origin echoed back, say).
    return json(500, 5000, "internal_error", "the answer could not be built");
  }
}

/** One step's host work; `ctx` is the request's own state across steps. */
async function perform(p, gen, id, step, request, ctx) {
  switch (step.op) {
    case "authorize": {
      const { user, failed } = await askAuthorize(p.hooks.authorize, request, { warnOnce, readOf });
      return call(gen, glue.__kwResolveAuthorize, id, user, failed);
    }
    case "account": {
      const { allowed, failed } = await askAuthorizeAccount(p.hooks.authorizeAccount, request, { warnOnce, readOf });
      return call(gen, glue.__kwResolveAccount, id, allowed, failed);
    }
    case "body":
      return readBody(gen, id, request, step, (ctx.body ??= {}), p.warm === true ? 0 : p.hooks.bodyTimeoutMs);
    case "upstream": {
      // The exchange (upstream.js) reaches wasm only through `call`, so a trap is caught here.
      const io = { call: (fn, ...args) => call(gen, fn, ...args), isFault, readOf, warm: p.warm === true };
      return upstream(typeof p.hooks.fetch === "function" ? p.hooks.fetch : globalThis.fetch, id, step, io);
    }
    case "store": {
      const answer = await askStore(p, step);
      return call(gen, glue.__kwResolveStore, id, answer, answer === undefined);
    }
    case "budget": {
      const { budget, failed } = await askBudget(p.hooks.budget, step.user);
      return call(gen, glue.__kwResolveBudget, id, budget, failed);
    }
    case "task":
      try {
        await p.hooks.onTaskUpdate(JSON.parse(step.task), step.user ?? null);
      } catch (e) {
        console.error("kling-wasm proxy: onTaskUpdate failed:", readOf(e, "message") ?? "(no message)");
      }
      return call(gen, glue.__kwResolveTask, id);
    default:
      throw new Error(`unknown step ${step.op}`);
  }
}

/** One store op, bounded by storeTimeoutMs; undefined when the store failed (logged once per kind). */
async function askStore(p, step) {
  let timer;
  try {
    // The built-in memoryStore answers at once: no timer to race it against.
    const answer = isMemoryStore(p.store)
      ? await p.store.apply(step.user, step.part, step.storeOp)
      : await Promise.race([
          p.store.apply(step.user, step.part, step.storeOp),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer in ${p.hooks.storeTimeoutMs} ms`)), p.hooks.storeTimeoutMs);
          }),
        ]);
    if (typeof answer === "string") return answer;
    warnOnce("store-answer", "the store's apply() resolved to something other than a string");
  } catch (e) {
    warnOnce("store-failed", `the store failed: ${readOf(e, "message") ?? "(no message)"} (creates are refused while it fails)`);
  } finally {
    clearTimeout(timer);
  }
  return undefined;
}

/** The budget hook's answer for a user: { budget: JSON text | undefined (no limits), failed }. */
async function askBudget(hook, user) {
  try {
    const b = await hook(user);
    if (b === null || b === undefined) return { budget: undefined, failed: false };
    const json = JSON.stringify(b);
    return typeof json === "string" ? { budget: json, failed: false } : { budget: undefined, failed: true };
  } catch (e) {
    warnOnce("budget-failed", `the budget hook failed: ${readOf(e, "message") ?? "(no message)"}`);
    return { budget: undefined, failed: true };
  }
}

