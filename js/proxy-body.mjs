// The proxy's request-body reader (shipped as proxy/body.js, used by driver.js): the body goes into
// wasm chunk by chunk, never whole in JS, within the body-read deadline, into the one allocation
// the core made for it; a small declared body is read with one arrayBuffer() instead.
import * as glue from "./proxy.js";
import { call, isFault } from "./instance.js";

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
export async function readBody(gen, id, request, step, b, timeoutMs) {
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
