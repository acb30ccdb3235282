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
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      reject({ kind: "timeout", message: "timeout" });
      controller.abort();
    }, step.timeoutMs);
  });
  const exchange = (async () => {
    const headers = step.headers.slice();
    const init = { method: step.method, headers, redirect: "manual", signal: controller.signal };
    if (step.method !== "GET") {
      init.body = upstreamBody(io, id, step.bodyLength);
      if (!(init.body instanceof Uint8Array)) {
        init.duplex = "half";
        if (typeof globalThis.FixedLengthStream !== "function") headers.push(["content-length", String(step.bodyLength)]);
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
    const text = await readLimited(res, readOf);
    const list = [];
    res.headers.forEach((value, name) => list.push([String(name), String(value)]));
    return { status, headers: list, text };
  })();
  let answer;
  try {
    answer = await Promise.race([exchange, timeout]);
  } catch (e) {
    clearTimeout(timer);
    if (isFault(e)) throw e;
    return io.call(glue.__kwRejectUpstream, id, readOf(e, "kind") ?? "ambiguous", String(readOf(e, "message") ?? "fetch failed"));
  }
  clearTimeout(timer);
  io.call(glue.__kwResolveUpstream, id, answer.status, answer.headers, answer.text);
}

/** The answer's text, refusing more than MAX_UPSTREAM_BYTES. */
async function readLimited(res, readOf) {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const parts = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_UPSTREAM_BYTES) {
        reader.cancel().catch(() => {});
        throw { kind: "ambiguous", message: "Kling's answer is larger than the proxy reads" };
      }
      parts.push(value);
    }
  } catch (e) {
    throw readOf(e, "kind") ? e : { kind: "ambiguous", message: readOf(e, "message") ?? "the answer could not be read" };
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
