// Host services for the Rust client (src/bindings/client/runtime.rs and mod.rs): unique ids, the
// browser check, async-iterator glue, and calls of the caller's functions that never throw into
// wasm (bindings/guard.rs says why). The sleep the AbortSignal cuts short is in transport/fetch.js.

/** A random UUID (v4): crypto.randomUUID where it exists (secure contexts, Node, Workers). */
export function newId() {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const b = new Uint8Array(16);
  if (typeof c?.getRandomValues === "function") c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A web page (where secrets must not be used without the caller's explicit opt-in). */
export function inBrowser() {
  try {
    return typeof globalThis.window !== "undefined" && typeof globalThis.document !== "undefined";
  } catch {
    return true; // a global whose getter throws: assume the stricter case
  }
}

/** Makes an object with `next()` usable in `for await`. */
export function asyncIterable(it) {
  it[Symbol.asyncIterator] = function () {
    return this;
  };
  return it;
}

/**
 * Calls `fn()` as a plain function (`this` undefined). Being async, it never throws: what `fn`
 * throws, or a rejection of what it returns, rejects the (native) promise Rust awaits.
 */
export async function callAsync(fn) {
  return fn();
}

/** Calls `fn(arg)` as a plain function, ignoring a throw or a rejection: the caller's hook. */
export function notify(fn, arg) {
  try {
    const r = fn(arg);
    if (r !== null && (typeof r === "object" || typeof r === "function") && typeof r.then === "function") {
      r.then(undefined, () => {});
    }
  } catch {
    // a throwing onProgress is the caller's bug; it must not end the wait
  }
}

// The built-ins sessionPairs uses, taken at load (a caller replacing them later changes nothing).
const keysOf = Object.keys;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);
/** More fields than this are not read (the core allows 8 headers). */
const MAX_SESSION_FIELDS = 64;

/**
 * `auth.headers` (or what its function gave) as [name, value] string pairs for the Rust client
 * (bindings/client/options.rs checks them with the core's rules); an undefined or null value
 * leaves its header out. Each field is read once; a problem is thrown as [option, expected,
 * actual], where `actual` never holds a value (a session is a credential).
 */
export function sessionPairs(value, path) {
  let keys;
  try {
    if (value === null || typeof value !== "object") throw null;
    keys = keysOf(value);
    if (tagOf(value) !== "[object Object]") throw null;
  } catch {
    throw [path, "an object of header names and string values", value === null ? "null" : typeof value];
  }
  if (keys.length > MAX_SESSION_FIELDS) throw [path, "at most 8 headers", `${keys.length} fields`];
  const out = [];
  for (const key of keys) {
    const at = `${path}.${key.length > 64 ? `${key.slice(0, 64)}…` : key}`;
    let v;
    try {
      v = value[key];
    } catch {
      throw [at, "readable", "a getter that throws"];
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") throw [at, "string", typeof v];
    out.push([key, v]);
  }
  return out;
}

/**
 * Asks the app's headers function (as a plain function) and reads its answer as sessionPairs
 * does. Rejects with a message (never a header value): what it threw (its message only), or what
 * is wrong with its answer.
 */
export async function sessionHeaders(fn) {
  let value;
  try {
    value = await fn();
  } catch (e) {
    let text = "";
    try {
      text = e instanceof Error ? String(e.message) : typeof e === "string" ? e : "";
    } catch {
      // an Error whose message getter throws: no text
    }
    throw `the auth.headers function failed${text ? `: ${text}` : ""}`;
  }
  try {
    return sessionPairs(value, "auth.headers()");
  } catch ([option, expected, actual]) {
    throw `${option} must be ${expected}; got ${actual}`;
  }
}
