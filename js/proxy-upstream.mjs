// The proxy's call to Kling (shipped as proxy/upstream.js, used by driver.js): one exchange,
// bounded in time (the step's timeout) and size (MAX_UPSTREAM_BYTES), redirects refused, the
// body streamed out of wasm in slices as fetch reads it. It reaches wasm only through `io.call`
// (the driver's guarded call), and never throws: every failure is handed to the core.
import * as glue from "./proxy.js";

/** Largest upstream answer read (a 500-task list page is well under 1 MiB); part of the memory
 *  arithmetic in README "Limits of the proxy". */
const MAX_UPSTREAM_BYTES = 4 << 20;
/** Slice size when streaming the upstream body out of wasm. */
const SLICE = 64 << 10;
/** Bodies up to this size go upstream as one buffer; larger ones are streamed out of wasm. */
const STREAM_FROM = 1 << 20;

/** The upstream body: one buffer when small, else a stream of slices copied out of wasm. */
function upstreamBody(io, id, length) {
  if (length <= STREAM_FROM) return io.call(glue.__kwUpstreamChunk, id, 0, length);
  let offset = 0;
  const pull = () => {
    const slice = io.call(glue.__kwUpstreamChunk, id, offset, SLICE);
    offset += slice.byteLength;
    return slice;
  };
  if (typeof globalThis.FixedLengthStream === "function") {
    // workerd: a stream of known length goes out with Content-Length, not chunked.
    const { readable, writable } = new globalThis.FixedLengthStream(length);
    (async () => {
      const w = writable.getWriter();
      try {
        while (offset < length) await w.write(pull());
        await w.close();
      } catch (e) {
        w.abort(e).catch(() => {});
      }
    })();
    return readable;
  }
  return new ReadableStream({
    pull(c) {
      if (offset >= length) return c.close();
      const slice = pull();
      if (slice.byteLength === 0) c.error(new Error("the body is gone"));
      else c.enqueue(slice);
    },
  });
}

/** One call to Kling with `f`: bounded in time and size, redirects refused; its outcome goes to
 *  the core (resolve or reject). Throws only the driver's fault (a trap in a wasm call). */
export async function upstream(f, id, step, io) {
  const { isFault, readOf } = io;
  const controller = new AbortController();
  let timer;
  // No timer in the warm-up (io.warm: module scope, where workers refuse timers; its canned
  // fetch answers at once).
  const timeout = new Promise((_, reject) => {
    if (io.warm) return;
    timer = setTimeout(() => {
      reject({ kind: "timeout", message: "timeout" });
      controller.abort();
    }, step.timeoutMs);
  });
  const exchange = (async () => {
    // A plain object (the core's names are distinct): workerd reads one in a third of the time
    // of a list of pairs.
    const headers = {};
    for (const [name, value] of step.headers) headers[name] = value;
    const init = { method: step.method, headers, redirect: "manual", signal: controller.signal };
    if (step.method !== "GET") {
      init.body = upstreamBody(io, id, step.bodyLength);
      if (!(init.body instanceof Uint8Array)) {
        init.duplex = "half";
        if (typeof globalThis.FixedLengthStream !== "function") headers["content-length"] = String(step.bodyLength);
      }
    }
    let res;
    try {
      res = await f(step.url, init);
    } catch (e) {
      if (isFault(e)) throw e;
      const code = readOf(e, "cause", "code") ?? readOf(e, "code");
      throw { kind: code === "ECONNREFUSED" || code === "ENOTFOUND" ? "not_sent" : "ambiguous", message: readOf(e, "message") ?? "fetch failed" };
    }
    if (res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400)) {
      res.body?.cancel().catch(() => {});
      throw { kind: "ambiguous", message: "Kling answered with a redirect, which the proxy never follows" };
    }
    const status = res.status;
    if (!Number.isInteger(status) || status < 100 || status > 999) throw { kind: "ambiguous", message: "fetch returned something that is not a Response" };
    // The core reads no header of Kling's answer: none are copied.
    return { status, ...(await readLimited(res, readOf)) };
  })();
  let answer;
  try {
    answer = await Promise.race([exchange, timeout]);
  } catch (e) {
    if (timer !== undefined) clearTimeout(timer);
    if (isFault(e)) throw e;
    return io.call(glue.__kwRejectUpstream, id, readOf(e, "kind") ?? "ambiguous", String(readOf(e, "message") ?? "fetch failed"));
  }
  if (timer !== undefined) clearTimeout(timer);
  // The bytes go into wasm as they came (decoded there): no JS string of the answer. Only now,
  // after the race is won, so a late chunk of a lost exchange can never mix into another.
  const { parts, total } = answer;
  for (let i = 0; i < parts.length - 1; i++) io.call(glue.__kwAnswerChunk, id, parts[i], total);
  io.call(glue.__kwResolveUpstream, id, answer.status, parts.length ? parts[parts.length - 1] : EMPTY);
}

const EMPTY = new Uint8Array(0);

/** Whether the answer declares a length within MAX_UPSTREAM_BYTES and no content encoding. */
function declaredWithin(headers) {
  const declared = headers.get("content-length");
  return declared !== null && /^\d{1,7}$/.test(declared) && Number(declared) <= MAX_UPSTREAM_BYTES && !headers.has("content-encoding");
}

/** The answer's bytes as read ({ parts, total }), refusing more than MAX_UPSTREAM_BYTES. */
async function readLimited(res, readOf) {
  const parts = [];
  let total = 0;
  if (!res.body) return { parts, total };
  if (declaredWithin(res.headers)) {
    // The HTTP layer delivers no more than a declared length (of an answer not content-encoded,
    // which could inflate): read in one call, which costs workerd a third of a reader's loop.
    try {
      const whole = new Uint8Array(await res.arrayBuffer());
      if (whole.byteLength > MAX_UPSTREAM_BYTES) throw { kind: "ambiguous", message: "Kling's answer is larger than the proxy reads" };
      return { parts: [whole], total: whole.byteLength };
    } catch (e) {
      throw readOf(e, "kind") ? e : { kind: "ambiguous", message: readOf(e, "message") ?? "the answer could not be read" };
    }
  }
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
      total += chunk.byteLength;
      if (total > MAX_UPSTREAM_BYTES) {
        reader.cancel().catch(() => {});
        throw { kind: "ambiguous", message: "Kling's answer is larger than the proxy reads" };
      }
      parts.push(chunk);
    }
  } catch (e) {
    throw readOf(e, "kind") ? e : { kind: "ambiguous", message: readOf(e, "message") ?? "the answer could not be read" };
  }
  return { parts, total };
}
