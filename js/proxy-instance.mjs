// The proxy's wasm instance and its life (shipped as proxy/instance.js, used by driver.js and its
// parts): wasm is entered only through `call`, a synchronous call inside try/catch, so a trap (out
// of memory, a bug) is caught; the instance is then replaced by a fresh one from the same compiled
// module (issue 13) and `generation` moves on, so requests still on the old one answer 500.
import * as glue from "./proxy.js";

export let generation = 0; // bumped each time the instance is replaced
const warned = new Set(); // log lines already written (each at most once per process)

export function warnOnce(key, text) {
  if (warned.has(key)) return;
  warned.add(key);
  console.error(`kling-wasm proxy: ${text}`);
}

/** What `call` throws after a wasm fault (the request answers 500). Told apart by a WeakSet:
 *  `instanceof` would run a getPrototypeOf trap of whatever a hook threw. */
const FAULTS = new WeakSet();
export function fault(what) {
  const e = new Error(what);
  FAULTS.add(e);
  return e;
}
export const isFault = (e) => FAULTS.has(e);

/** A property of what the caller's code threw, or undefined: reads may run its traps. */
export function readOf(e, ...keys) {
  try {
    let v = e;
    for (const k of keys) v = v?.[k];
    return typeof v === "string" || typeof v === "number" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Calls a wasm export; on any exception the instance is unusable: replace it, throw Fault. */
export function call(gen, fn, ...args) {
  if (gen !== generation) throw fault("replaced");
  try {
    return fn(...args);
  } catch (e) {
    replaceInstance(gen, e);
    throw fault("trap");
  }
}

export function replaceInstance(gen, cause) {
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
