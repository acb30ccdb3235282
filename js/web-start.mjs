// web-start.js (shipped beside the package's entries): the non-blocking start of the web entries
// (index.js, media/index.js). They start fetching their .wasm at import and resolve at once, so a
// page renders while it loads (no top-level await, which Vite 5/6 and older targets refuse). The
// main entry's exports are wrapped (scripts/pkg-files.mjs generates the list from the glue's
// exports) so that, before `ready`:
//   validate*            -> the not_ready Report (js/ready.mjs), never a throw
//   validateAndBuild*    -> { report: that Report } (no body)
//   other functions      -> throw KlingError "not_ready" (retryable), or "load_failed" after a failure
//   classes (KlingClient) construct at once; their methods wait for `ready`
// After `ready` each wrapper calls the glue's function as it is.

import { isReady, loadFailed, markFailed, markReady, notReadyError, notReadyReport, ready } from "./ready.js";

/** The locale a caller's options ask for, read once; hostile options (throwing getters, revoked proxies) are English. */
function localeOf(options) {
  try {
    return options?.locale === "zh" ? "zh" : "en";
  } catch {
    return "en";
  }
}

/** Names `wrapper` as `fn` (stack traces, `fn.name`). */
function named(wrapper, fn) {
  Object.defineProperty(wrapper, "name", { value: fn.name });
  return wrapper;
}

/** validate*: the not_ready Report before `ready`. */
export function deferValidate(fn) {
  return named(function (input, options, ...rest) {
    return isReady() ? fn(input, options, ...rest) : notReadyReport(localeOf(options));
  }, fn);
}

/** validateAndBuild*: `{ report }` with the not_ready Report (no body) before `ready`. */
export function deferValidateAndBuild(fn) {
  return named(function (input, options, ...rest) {
    return isReady() ? fn(input, options, ...rest) : { report: notReadyReport(localeOf(options)) };
  }, fn);
}

/** Any other function of the glue (build*, estimateCost, signKlingToken): throws before `ready`. */
export function deferCall(fn) {
  return named(function (...args) {
    if (!isReady()) throw notReadyError();
    return fn(...args);
  }, fn);
}

/** The glue's initSync, marking the module ready when it succeeds (a caller loading it themselves). */
export function markingInitSync(initSync) {
  return named(function (...args) {
    const wasm = initSync(...args);
    markReady();
    return wasm;
  }, initSync);
}

/**
 * The glue's async init, marking the module ready when it succeeds. A failure rejects with a
 * KlingError "load_failed" (as every error of the package is one) and leaves `ready` pending: the
 * caller may retry, or load it another way (initSync). With no argument it fetches the .wasm
 * beside the entry, which Node's fetch cannot do for a file: URL; the message says what to use.
 */
export function markingInit(init) {
  return named(function (...args) {
    let loading;
    try {
      loading = Promise.resolve(init(...args));
    } catch (e) {
      loading = Promise.reject(e);
    }
    return loading.then(
      (wasm) => {
        markReady();
        return wasm;
      },
      (e) => {
        throw loadFailed(e, "init() could not load kling-wasm's WebAssembly module (in Node, import the package's default entry, or call initSync({ module }) with the .wasm's bytes)");
      },
    );
  }, init);
}

/**
 * A file: URL (Node or Bun reaching index.js by path, Deno) is read from disk, since fetch cannot
 * load one there: synchronously, so the module is ready when the import resolves. Returns whether
 * it did; throws what instantiating threw.
 */
function loadFromFile(initSync, url) {
  if (url.protocol !== "file:") return false;
  const fs = globalThis.process?.getBuiltinModule?.("fs");
  if (!fs) return false;
  initSync({ module: fs.readFileSync(url) });
  return true;
}

/**
 * Starts loading a module's wasm from `url` (the entry's `new URL("./x_bg.wasm", import.meta.url)`,
 * which bundlers turn into an emitted asset); resolves once it is instantiated, rejects with a
 * KlingError "load_failed". `pkgPath` is the .wasm's path in the package ("media/media_bg.wasm"),
 * `moduleUrl` the entry's import.meta.url.
 */
export function startLoading(init, initSync, url, pkgPath, moduleUrl) {
  try {
    if (loadFromFile(initSync, url)) return Promise.resolve();
  } catch (e) {
    return Promise.reject(loadFailed(e, `kling-wasm could not load ${url.href}`));
  }
  return init({ module_or_path: fetchWasm(url, pkgPath, moduleUrl) }).then(
    () => undefined,
    (e) => {
      throw loadFailed(e, `kling-wasm could not load its WebAssembly module ${url.href}${hint(e)}`);
    },
  );
}

/** The main module: starts loading and marks `ready` (ready.js) when it ends (from a file: at once). */
export function startMain(init, initSync, url, pkgPath, moduleUrl) {
  try {
    if (loadFromFile(initSync, url)) return markReady();
  } catch (e) {
    return markFailed(loadFailed(e, `kling-wasm could not load ${url.href}`));
  }
  startLoading(init, initSync, url, pkgPath, moduleUrl).then(markReady, markFailed);
}

/**
 * A module loaded on first use (media: apps that import the probes but never call them fetch
 * nothing): `load()` starts loading once and resolves when it is instantiated; after a failure
 * the next call tries again.
 */
export function lazyLoader(init, initSync, url, pkgPath, moduleUrl) {
  let loading;
  let loaded = false;
  const load = () =>
    (loading ??= startLoading(init, initSync, url, pkgPath, moduleUrl).then(
      () => {
        loaded = true;
      },
      (e) => {
        loading = undefined;
        throw e;
      },
    ));
  load.loaded = () => loaded;
  return load;
}

/** A function of a lazily loaded module (always a promise): loads the module first if needed. */
export function deferAsync(fn, load) {
  return named(function (...args) {
    if (load.loaded()) {
      try {
        return Promise.resolve(fn(...args));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return load().then(() => fn(...args));
  }, fn);
}

// Vite's dev server pre-bundles a dependency into node_modules/.vite/deps/ and does not copy the
// files its `new URL(..., import.meta.url)` names (vitejs/vite#8427, open since 2022): the .wasm
// URL then points into .vite/deps, where the server answers with index.html. There the package
// itself still sits at node_modules/kling-wasm/, two levels up, and the dev server serves it.
const VITE_DEPS = /\/node_modules\/\.vite\/deps(?:_[\w-]+)?\/[^/]*$/;
const PACKAGE_DIR = "kling-wasm";

/** A fetch of the .wasm; in Vite's pre-bundled deps, from the package's own folder when the first answer is not a .wasm. */
async function fetchWasm(url, pkgPath, moduleUrl) {
  const first = await fetch(url);
  let at;
  try {
    at = new URL(moduleUrl);
  } catch {
    return first;
  }
  if (isWasm(first) || !VITE_DEPS.test(at.pathname)) return first;
  // (built from strings at run time, so no bundler mistakes it for an asset of its own)
  const fallback = new URL(["..", "..", PACKAGE_DIR, pkgPath].join("/"), at);
  const second = await fetch(fallback);
  if (isWasm(second)) return second;
  throw new Error(
    `Vite's dependency pre-bundling moved the package away from its .wasm (${url.pathname} and ${fallback.pathname} are not WebAssembly); ` +
      `add optimizeDeps: { exclude: ["kling-wasm"] } to vite.config`,
  );
}

/** An answer that can be the .wasm (a dev server's fallback page is text/html). */
function isWasm(response) {
  const type = response.headers.get("content-type") ?? "";
  return response.ok && !/^text\/html\b/i.test(type);
}

/** What to do about a load error whose cause is known. */
function hint(e) {
  let m;
  try {
    m = String(e?.message ?? e);
  } catch {
    return "";
  }
  if (/magic word|magic number/i.test(m)) {
    return " (the server answered with something other than the .wasm: serve the package's .wasm files beside its scripts or let the bundler emit them; in Vite's dev server with a cacheDir outside node_modules, add optimizeDeps: { exclude: [\"kling-wasm\"] })";
  }
  if (/wasm-unsafe-eval|Content Security Policy|unsafe-eval/i.test(m)) return " (the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src)";
  return "";
}

/**
 * Wrappers of the glue's classes (KlingClient, TaskIterator), constructible before `ready`.
 * `spec` (generated from the glue's typings): per class, whether `new` is public and each
 * method's kind: "promise" (waits for `ready`, then calls the glue's), "void" (free), or the name
 * of a class whose wrapper it returns (iterateTasks -> TaskIterator). Each wrapper holds the
 * glue's object once it exists; made before `ready`, it makes it on first use, after `ready`
 * at once (so a bad option throws where it did before: in the constructor).
 */
export function deferClasses(glue, spec) {
  const slots = new WeakMap(); // wrapper -> { make, value, error }
  const wrappers = {};
  const slotOf = (self) => {
    const s = slots.get(self);
    if (!s) throw new TypeError("kling-wasm: not an object of this class");
    return s;
  };
  const inner = (s) => {
    if (s.value === undefined) {
      if (s.error !== undefined) throw s.error;
      try {
        s.value = s.make();
      } catch (e) {
        s.error = e;
        throw e;
      }
    }
    return s.value;
  };
  const attach = (self, make) => {
    const s = { make, value: undefined, error: undefined };
    slots.set(self, s);
    if (isReady()) inner(s);
    return self;
  };
  for (const [name, { constructible, methods }] of Object.entries(spec)) {
    const Glue = glue[name];
    const Wrapper = {
      [name]: class {
        constructor(...args) {
          if (!constructible) throw new Error("cannot invoke `new` directly");
          attach(this, () => new Glue(...args));
        }
      },
    }[name];
    for (const [method, kind] of Object.entries(methods)) {
      let fn;
      if (kind === "promise") {
        fn = function (...args) {
          const s = slotOf(this);
          const call = () => inner(s)[method](...args);
          if (!isReady()) return ready.then(call);
          let target;
          try {
            target = inner(s);
          } catch (e) {
            return Promise.reject(e);
          }
          return target[method](...args);
        };
      } else if (kind === "void") {
        fn = function (...args) {
          const s = slotOf(this);
          if (s.value !== undefined) return s.value[method](...args);
          s.make = () => {
            throw new Error("Attempt to use a moved value");
          };
        };
      } else {
        fn = function (...args) {
          const s = slotOf(this);
          return attach(Object.create(wrappers[kind].prototype), () => inner(s)[method](...args));
        };
      }
      Object.defineProperty(fn, "name", { value: method });
      Object.defineProperty(Wrapper.prototype, method, { value: fn, writable: true, configurable: true });
    }
    if ("next" in methods) {
      Object.defineProperty(Wrapper.prototype, Symbol.asyncIterator, {
        value() {
          return this;
        },
        writable: true,
        configurable: true,
      });
    }
    if (Symbol.dispose && "free" in methods) Wrapper.prototype[Symbol.dispose] = Wrapper.prototype.free;
    wrappers[name] = Wrapper;
  }
  return wrappers;
}
