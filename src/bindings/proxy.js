// Host glue for the signing proxy (src/bindings/proxy.rs): reading a standard Request (head and a
// size-capped body), building the Response, and calling the user's hooks as plain functions.

/** The request line and headers: method, path + query as the URL parser left them, headers. */
export function requestHead(request) {
  const url = new URL(request.url);
  const headers = [];
  request.headers.forEach((value, name) => headers.push([name, value]));
  return { method: request.method, target: url.pathname + url.search, headers };
}

/**
 * The body as UTF-8 text, reading at most `max` bytes (chunked bodies included).
 * Rejects with "too_large" past the cap, "unreadable" when the stream fails or is not UTF-8.
 */
export async function readBody(request, max) {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        reader.cancel().catch(() => {});
        throw "too_large";
      }
      chunks.push(value);
    }
  } catch (e) {
    throw e === "too_large" ? e : "unreadable";
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw "unreadable";
  }
}

/** A Response; statuses that cannot carry a body get none. */
export function makeResponse(status, headers, body) {
  const empty = status === 204 || status === 304 || body === "";
  return new Response(empty ? null : body, { status, headers });
}

/**
 * The user's authorize hook: a user id (string or number) means allowed; false, null,
 * undefined or "" means refused. Rejects when the hook throws.
 */
export async function authorize(fn, request) {
  const r = await fn(request);
  if (r === false || r === null || r === undefined || r === "") return undefined;
  if (typeof r === "string" || typeof r === "number") return String(r);
  throw new TypeError("authorize must return a user id (string) or false");
}

/** The task-update hook, given the confirmed task; its failures are logged, not thrown. */
export async function taskUpdate(fn, taskJson, userId) {
  try {
    await fn(JSON.parse(taskJson), userId ?? null);
  } catch (e) {
    console.error("kling-wasm proxy: onTaskUpdate failed:", e instanceof Error ? e.message : String(e));
  }
}

/** `{ fetch(request) }` around the handler, so `fetch` works detached from the object too. */
export function proxyObject(handler) {
  return Object.freeze({ fetch: (request) => handler.fetch(request) });
}
