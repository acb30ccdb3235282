// Host services for the Rust client (src/bindings/client/runtime.rs and mod.rs): sleep that an
// AbortSignal cuts short, unique ids, the browser check, and async-iterator glue.

const MAX_TIMER_MS = 2147483647;

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("aborted"));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, Math.min(ms, MAX_TIMER_MS)));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

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
  return typeof globalThis.window !== "undefined" && typeof globalThis.document !== "undefined";
}

/** Makes an object with `next()` usable in `for await`. */
export function asyncIterable(it) {
  it[Symbol.asyncIterator] = function () {
    return this;
  };
  return it;
}

/** Calls a function as a plain function (`this` undefined), returning what it returns. */
export function callPlain(fn, arg) {
  return arg === undefined ? fn() : fn(arg);
}
