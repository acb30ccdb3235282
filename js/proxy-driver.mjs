// createKlingProxy, JS side (shipped as proxy/driver.js): the driver that runs each request
// through the wasm core step by step. The core decides everything (src/proxy/); this file does
// the host's I/O between steps — reading the body into wasm, calling the hooks (hooks.js reads
// their answers), calling Kling, building the Response — and owns the wasm instance's life:
// - wasm is entered only by synchronous calls made here inside try/catch, so a trap (out of
//   memory, a bug) is caught: the request answers 500 and the instance is replaced by a fresh
//   one from the same compiled module (issue 13), in Node and in workerd alike;
// - the request body goes into wasm chunk by chunk, never whole in JS; the upstream body comes
//   out of wasm in slices as fetch sends it, so a create holds its body about once in JS + wasm;
// - every wait is bounded: the body-read deadline, the upstream timeout, the upstream answer's
//   size; redirects are never followed.
import * as glue from "./proxy.js";
import { askAuthorize, askAuthorizeAccount } from "./hooks.js";
import { upstream } from "./upstream.js";
import { isMemoryStore, memoryStore } from "./store.js";

export { memoryStore };

/** Set by the Node adapter (kling-wasm/node): the request target exactly as received. */
const RAW_TARGET = Symbol.for("kling-wasm.rawTarget");

let generation = 0; // bumped each time the instance is replaced
const warned = new Set(); // log lines already written (each at most once per process)

function warnOnce(key, text) {
  if (warned.has(key)) return;
  warned.add(key);
  console.error(`kling-wasm proxy: ${text}`);
}

/** What `call` throws after a wasm fault (the request answers 500). Told apart by a WeakSet:
 *  `instanceof` would run a getPrototypeOf trap of whatever a hook threw. */
const FAULTS = new WeakSet();
function fault(what) {
  const e = new Error(what);
  FAULTS.add(e);
  return e;
}
const isFault = (e) => FAULTS.has(e);

/** A property of what the caller's code threw, or undefined: reads may run its traps. */
function readOf(e, ...keys) {
  try {
    let v = e;
    for (const k of keys) v = v?.[k];
    return typeof v === "string" || typeof v === "number" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Calls a wasm export; on any exception the instance is unusable: replace it, throw Fault. */
function call(gen, fn, ...args) {
  if (gen !== generation) throw fault("replaced");
  try {
    return fn(...args);
  } catch (e) {
    replaceInstance(gen, e);
    throw fault("trap");
  }
}

function replaceInstance(gen, cause) {
  if (gen !== generation) return; // another request already replaced it
  generation += 1;
  let what = "failed";
  try {
    if (cause instanceof WebAssembly.RuntimeError) what = `trapped (${cause.message})`;
  } catch {
    // not a trap we can describe
  }
  warnOnce(`replaced-${generation}`, `the WebAssembly instance ${what}; requests in flight on it answer 500, and a fresh instance serves the next ones`);
  const module = glue.__kwForgetInstance(); // added to the glue by scripts/build.mjs
  glue.initSync({ module });
}

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

let driverWarm = Promise.resolve([]);
/** The statuses of the last warmUp()'s canned query and create through the driver (for tests:
 *  both must be 200; a refusal would need a random request id, which workers refuse at module
 *  scope). */
export const __kwDriverWarmed = () => driverWarm;

/**
 * Runs the proxy's hot paths once on canned data (nothing is sent, no clock or random id is
 * used), so V8 compiles them now: in a worker, call it at module scope after initSync and the
 * first request does not pay for it. Never throws.
 */
export function warmUp() {
  const gen = generation;
  try {
    call(gen, glue.__kwWarmUp);
  } catch {
    // A trap here replaced the instance (call did); the next request runs on the fresh one.
    return;
  }
  // Then a query through this driver on a proxy of its own, to a canned answer: the config read
  // from JS (a worker makes its proxy at its first request, as it needs `env`), the driver's
  // steps and the runtime's objects they use are compiled now too; it was most of a cold first
  // request in workerd. Module scope allows a GET Request and a Response, not timers (skipped:
  // `warm`), random values (unused on this path) or reading a body (the canned answer is not a
  // real Response). It finishes in this turn's microtasks, before any request.
  let p;
  try {
    p = { config: WARM_CONFIG, gen, hooks: call(gen, glue.__kwProxyCreate, WARM_CONFIG), store: memoryStore(), warm: true };
    const query = new Request("https://warm-up.invalid/kling/v1/videos/omni-video/warm-1", { headers: { authorization: "Bearer warm-up" } });
    // A create's Request cannot be made at module scope (it has a body): what the driver reads
    // of one, canned. Valid (no refusal: a refusal's fresh request id is a random value).
    const body = new TextEncoder().encode(WARM_CREATE);
    const headers = new Headers({ authorization: "Bearer warm-up", "content-type": "application/json", "content-length": String(body.byteLength) });
    const create = { method: "POST", url: "https://warm-up.invalid/kling/v1/videos/omni-video", headers, body: {}, arrayBuffer: async () => body.buffer };
    driverWarm = (async () => {
      const statuses = [];
      try {
        for (const request of [query, create]) statuses.push((await serve(p, request)).status);
      } finally {
        if (p.gen === generation) glue.__kwProxyDrop(p.hooks.id);
      }
      return statuses;
    })().catch(() => []);
  } catch {
    // Not a runtime with these objects: nothing more to warm.
  }
}

const WARM_ANSWER = '{"code":0,"message":"SUCCEED","request_id":"w","data":{"task_id":"warm-1","task_status":"succeed","task_info":{"external_task_id":"warm-up:job-1"},"created_at":1750000000000,"updated_at":1750000000000}}';

/** The create of src/proxy/warm.rs (a multi-shot Omni-Video request, valid). */
const WARM_CREATE =
  '{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","multi_prompt":[' +
  '{"index":1,"prompt":"a keeper walks along the wet pier at dawn","duration":"3"},' +
  '{"index":2,"prompt":"he polishes the lens shown in <<<image_2>>>","duration":"4"},' +
  '{"index":3,"prompt":"styled like <<<image_3>>>: he looks out at a ship","duration":"3"}],' +
  '"image_list":[{"image_url":"https://warm.up/0.png","type":"first_frame"},{"image_url":"https://warm.up/1.png"},' +
  '{"image_url":"https://warm.up/2.png"}],"sound":"on","mode":"pro","duration":"10","watermark_info":{"enabled":true},' +
  '"callback_url":"https://warm.up/cb","external_task_id":"job-1"}';

const WARM_CONFIG = Object.freeze({
  upstream: "https://api-singapore.klingai.com",
  accessKey: "warm-up-access-key",
  secretKey: "warm-up-secret-key",
  authorize: () => "warm-up",
  // What upstream.js reads of a Response, answered at once.
  fetch: () => {
    const bytes = new TextEncoder().encode(WARM_ANSWER);
    return { status: 200, type: "basic", headers: new Headers({ "content-length": String(bytes.byteLength) }), body: {}, arrayBuffer: async () => bytes.buffer };
  },
});

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

async function serve(p, request) {
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

/** Bodies up to this size, declared by Content-Length (and not content-encoded), are read whole. */
const SMALL_BODY = 64 << 10;

function smallDeclared(headers, max) {
  const declared = headers.get("content-length");
  if (declared === null || headers.has("content-encoding") || !/^\d{1,6}$/.test(declared)) return false;
  return Number(declared) <= Math.min(SMALL_BODY, max);
}

/** `promise`, or `woken` as soon as the deadline calls `b.wake` (the caller clears it after). */
function wakeable(b, promise, woken) {
  return new Promise((resolve, reject) => {
    b.wake = () => resolve(woken);
    promise.then(resolve, reject);
  });
}

/**
 * Reads the body into wasm within the deadline, chunk by chunk, into the one allocation the
 * core made for it: of its admitted size (Content-Length, or a first guess when undeclared),
 * then at most once more of the maximum. A chunk that would pass `step.max` when `step.more`
 * is kept here and the core is told (status 4): it asks the memory budget for the maximum
 * (or answers 429) and sends a new step. `b` carries the reader across those steps.
 */
async function readBody(gen, id, request, step, b, timeoutMs) {
  let status = 0; // 0 complete, 1 too large, 2 unreadable, 3 deadline, 4 more than step.max
  try {
    if (b.reader === undefined) {
      b.total = 0;
      // The deadline ends the pending read through `b.wake`, which each read replaces. Not a
      // Promise.race per read against one long-lived deadline promise: each race leaves a
      // reaction on it that keeps its chunk reachable, so the whole body stayed in JS until the
      // read ended (measured: 9.9 of 10 MiB held).
      // (No deadline, timeoutMs 0, in the warm-up: module scope refuses timers.)
      if (timeoutMs > 0) {
        b.timer = setTimeout(() => {
          b.late = true;
          b.wake?.();
        }, timeoutMs);
      }
      if (request.body && smallDeclared(request.headers, step.max)) {
        // A small declared body (the HTTP layer delivers no more than it declares) is read in one
        // call, then goes through the checks below as one chunk: workerd reads a body this way
        // in a third of the time of a reader's loop; the JS copy is at most SMALL_BODY bytes.
        b.reader = null;
        const whole = await wakeable(b, request.arrayBuffer());
        b.wake = undefined;
        if (b.late) throw new Error("the body-read deadline passed");
        b.held = new Uint8Array(whole);
      } else b.reader = request.body ? request.body.getReader() : null;
    }
    for (;;) {
      let chunk = b.held;
      b.held = undefined;
      if (chunk === undefined) {
        if (!b.reader) break;
        const next = await wakeable(b, b.reader.read(), { done: true });
        b.wake = undefined;
        if (b.late) {
          status = 3;
          break;
        }
        if (next.done) break;
        chunk = next.value instanceof Uint8Array ? next.value : new Uint8Array(next.value);
      }
      if (b.total + chunk.byteLength > step.max) {
        if (step.more) {
          b.held = chunk;
          status = 4;
        } else status = 1;
        break;
      }
      b.total += chunk.byteLength;
      if (!call(gen, glue.__kwBodyChunk, id, chunk)) {
        status = 1;
        break;
      }
    }
  } catch (e) {
    if (isFault(e)) throw e;
    status = b.late ? 3 : 2;
  }
  if (status !== 4) {
    if (b.timer !== undefined) clearTimeout(b.timer);
    if (status !== 0) b.reader?.cancel().catch(() => {});
  }
  call(gen, glue.__kwBodyEnd, id, status);
}
