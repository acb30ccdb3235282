// One HTTP exchange for the Rust client and proxy (src/transport/fetch.rs), on the `fetch` of the
// host or the one given in the options; and the client's waits, which the same AbortSignal ends.
// The fetch is called as a plain function (`this` is undefined), so a Workers/Deno global fetch
// taken out of its object never throws "Illegal invocation". The timeout covers the whole
// exchange, body included, and is enforced here: the exchange is raced against the timer and the
// caller's signal, so a fetch that ignores its AbortSignal still ends on time. Failures reject
// with { kind, message }, kind telling whether the request may have reached the server:
// "not_sent" | "ambiguous" | "timeout" | "aborted". Nothing here throws synchronously, and every
// read of the caller's signal is guarded: what the caller's code throws must never unwind through
// wasm (bindings/guard.rs says why).

// Node (undici) error codes that mean no byte of the request left: the URL did not parse, the
// name did not resolve, or the connection was refused. Browsers give no such detail.
const NOT_SENT = new Set(["ERR_INVALID_URL", "ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "UND_ERR_INVALID_ARG"]);

// setTimeout's largest delay; longer ones would fire at once.
const MAX_TIMER_MS = 2147483647;
const delay = (ms) => Math.max(0, Math.min(ms, MAX_TIMER_MS));

function failure(kind, message) {
  return { kind, message };
}

function describe(e) {
  try {
    const text = e instanceof Error ? e.message : String(e);
    const cause = e?.cause;
    const detail = cause?.code ?? (cause instanceof Error ? cause.message : undefined);
    return detail ? `${text} (${detail})` : String(text);
  } catch {
    return "fetch failed (the error could not be read)";
  }
}

function neverLeft(e) {
  try {
    const code = e?.cause?.code ?? e?.code;
    return typeof code === "string" && NOT_SENT.has(code);
  } catch {
    return false;
  }
}

/** Whether the caller's signal fired; a signal whose `aborted` cannot be read counts as fired. */
export function isAborted(signal) {
  try {
    return signal?.aborted === true;
  } catch {
    return true;
  }
}

/**
 * Calls `onAbort` once when `signal` fires; returns the function that stops listening. A signal
 * that cannot be listened to is checked once, now.
 */
function onAbortOf(signal, onAbort) {
  if (signal === undefined || signal === null) return () => {};
  if (isAborted(signal)) {
    queueMicrotask(onAbort);
    return () => {};
  }
  try {
    signal.addEventListener("abort", onAbort, { once: true });
  } catch {
    return () => {};
  }
  return () => {
    try {
      signal.removeEventListener("abort", onAbort);
    } catch {
      // the caller's look-alike signal: nothing more to do
    }
  };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, delay(ms));
    stop = onAbortOf(signal, () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    });
  });
}

/**
 * @param {Function|undefined} fetchFn  the configured fetch, or undefined for globalThis.fetch
 * @param {string} method @param {string} url @param {[string, string][]} headers
 * @param {string|undefined} body @param {number} timeoutMs @param {AbortSignal|undefined} signal
 * @param {"omit"|"same-origin"|"include"|undefined} credentials  passed to fetch only when given
 * @returns {Promise<{status: number, headers: [string, string][], body: string}>}
 */
export async function send(fetchFn, method, url, headers, body, timeoutMs, signal, credentials) {
  const f = typeof fetchFn === "function" ? fetchFn : globalThis.fetch;
  if (typeof f !== "function") throw failure("not_sent", "no fetch in this runtime: pass one as `fetch` in the client options");
  if (isAborted(signal)) throw failure("aborted", "aborted before sending");
  const controller = new AbortController();
  // The first of: the exchange settles, the timer fires, the caller's signal fires.
  let end;
  const ended = new Promise((_, reject) => {
    end = (why) => {
      reject(why);
      controller.abort();
    };
  });
  const timer = setTimeout(() => end(failure("timeout", `no complete answer within ${timeoutMs} ms`)), delay(timeoutMs));
  const unlisten = onAbortOf(signal, () => end(failure("aborted", "aborted")));
  const classify = (e, answered) => failure(!answered && neverLeft(e) ? "not_sent" : "ambiguous", describe(e));
  const exchange = (async () => {
    let res;
    try {
      const init = { method, headers, signal: controller.signal };
      if (body !== undefined) init.body = body;
      if (credentials !== undefined) init.credentials = credentials;
      res = await f(url, init);
    } catch (e) {
      throw classify(e, false);
    }
    try {
      const text = await res.text();
      const list = [];
      res.headers.forEach((value, name) => list.push([String(name), String(value)]));
      return { status: res.status, headers: list, body: text };
    } catch (e) {
      throw classify(e, true);
    }
  })();
  try {
    return await Promise.race([exchange, ended]);
  } finally {
    clearTimeout(timer);
    unlisten();
  }
}
