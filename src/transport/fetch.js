// One HTTP exchange for the Rust client (src/transport/fetch.rs), on the `fetch` of the host or
// the one given in the client options. The fetch is called as a plain function (`this` is
// undefined), so a Workers/Deno global fetch taken out of its object never throws "Illegal
// invocation". The timeout covers the whole exchange, body included; the caller's AbortSignal
// stops it. Failures reject with { kind, message }, kind telling whether the request may have
// reached the server: "not_sent" | "ambiguous" | "timeout" | "aborted".

// Node (undici) error codes that mean no byte of the request left: the URL did not parse, the
// name did not resolve, or the connection was refused. Browsers give no such detail.
const NOT_SENT = new Set(["ERR_INVALID_URL", "ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "UND_ERR_INVALID_ARG"]);

// setTimeout's largest delay; longer ones would fire at once.
const MAX_TIMER_MS = 2147483647;

function failure(kind, message) {
  return { kind, message };
}

function describe(e) {
  const text = e instanceof Error ? e.message : String(e);
  const cause = e?.cause;
  const detail = cause?.code ?? (cause instanceof Error ? cause.message : undefined);
  return detail ? `${text} (${detail})` : text;
}

function neverLeft(e) {
  const code = e?.cause?.code ?? e?.code;
  return typeof code === "string" && NOT_SENT.has(code);
}

/**
 * @param {Function|undefined} fetchFn  the configured fetch, or undefined for globalThis.fetch
 * @param {string} method @param {string} url @param {[string, string][]} headers
 * @param {string|undefined} body @param {number} timeoutMs @param {AbortSignal|undefined} signal
 * @returns {Promise<{status: number, headers: [string, string][], body: string}>}
 */
export async function send(fetchFn, method, url, headers, body, timeoutMs, signal) {
  const f = typeof fetchFn === "function" ? fetchFn : globalThis.fetch;
  if (typeof f !== "function") throw failure("not_sent", "no fetch in this runtime: pass one as `fetch` in the client options");
  if (signal?.aborted) throw failure("aborted", "aborted before sending");
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(0, Math.min(timeoutMs, MAX_TIMER_MS)));
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const classify = (e, answered) => {
    if (signal?.aborted) return failure("aborted", "aborted");
    if (timedOut) return failure("timeout", `no complete answer within ${timeoutMs} ms`);
    return failure(!answered && neverLeft(e) ? "not_sent" : "ambiguous", describe(e));
  };
  try {
    let res;
    try {
      const init = { method, headers, signal: controller.signal };
      if (body !== undefined) init.body = body;
      res = await f(url, init);
    } catch (e) {
      throw classify(e, false);
    }
    try {
      const text = await res.text();
      const list = [];
      res.headers.forEach((value, name) => list.push([name, value]));
      return { status: res.status, headers: list, body: text };
    } catch (e) {
      throw classify(e, true);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
