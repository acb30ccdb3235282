// Node adapter for the signing proxy: node:http request -> standard Request -> proxy.fetch ->
// Response -> reply. Streams both ways, so the proxy's body cap applies before buffering. The raw
// request target goes along (the proxy routes on it, not on what the URL parser made of it), and
// an answer marked `connection: close` (413, 408) closes the socket instead of draining the body.
// Also the Redis store (redisStore, over the proxy module's applyStoreOp).
import { Readable } from "node:stream";
import { applyStoreOp } from "./proxy/index.node.js";
import { redisStoreWith } from "./redis-store.js";

export { RedisStoreError } from "./redis-store.js";
// The store contract's pure half, for a store of your own (also in kling-wasm/proxy).
export { applyStoreOp, memoryStore } from "./proxy/index.node.js";

/** A KlingStore in Redis over the user's own node-redis (v4+) or ioredis client (js/redis-store.mjs). */
export function redisStore(client, options) {
  return redisStoreWith(applyStoreOp, client, options);
}

/** The proxy reads the target exactly as received from this symbol (js/proxy-driver.mjs). */
const RAW_TARGET = Symbol.for("kling-wasm.rawTarget");
/** How long a closing socket may still flush the answer before it is destroyed. */
const CLOSE_GRACE_MS = 2000;

/** Turns `createKlingProxy(...)` into a `(req, res)` listener for `http.createServer`. */
export function toNodeListener(proxy) {
  return async function klingProxyListener(req, res) {
    try {
      const request = toRequest(req);
      const response = await proxy.fetch(request);
      await sendResponse(res, response, req);
    } catch (err) {
      // The proxy answers every request itself; this is only for a broken socket or adapter bug.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      }
      res.end(JSON.stringify({ code: 5000, message: "proxy adapter error", request_id: "", data: null }));
    }
  };
}

/**
 * node:http IncomingMessage -> Request. The URL's host is not trusted for routing: the proxy
 * routes on the raw target (`req.url`, kept under a symbol), so `..`, `%2e`, backslashes, `//host`
 * and absolute-form targets reach it as sent and are refused there.
 */
export function toRequest(req) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  const method = req.method ?? "GET";
  const init = { method, headers };
  if (method !== "GET" && method !== "HEAD") {
    init.body = Readable.toWeb(req);
    init.duplex = "half";
  }
  const raw = req.url ?? "/";
  // The URL's origin is the proxy's own (a same-origin page's requests pass) unless publicOrigin
  // is configured: this server's scheme and the Host header, which a page cannot set. Only the
  // path of the target goes into it, so an absolute-form target cannot choose the origin. Host
  // is never forwarded.
  const origin = ownOrigin(req);
  let url;
  try {
    url = new URL(raw.startsWith("/") ? origin + raw : origin + "/");
  } catch {
    url = new URL(origin + "/");
  }
  const request = new Request(url, init);
  request[RAW_TARGET] = raw;
  return request;
}

/** A Host header value that is a plain host[:port] (a name, IPv4 or a bracketed IPv6 literal). */
const PLAIN_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** `http(s)://` + the request's Host, or a placeholder origin no page has when Host is missing
 *  or odd (then only listed origins and requests without Origin pass). */
function ownOrigin(req) {
  const host = req.headers?.host;
  const scheme = req.socket?.encrypted ? "https" : "http";
  if (typeof host === "string" && PLAIN_HOST.test(host)) {
    try {
      return new URL(`${scheme}://${host}`).origin;
    } catch {
      // fall through to the placeholder
    }
  }
  return "http://proxy.local";
}

/** Response -> node:http ServerResponse; `connection: close` ends the socket after the answer. */
export async function sendResponse(res, response, req) {
  const headers = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const close = /\bclose\b/i.test(headers.connection ?? "");
  res.writeHead(response.status, headers);
  if (response.body) {
    for await (const chunk of response.body) res.write(chunk);
  }
  res.end();
  if (close && req?.socket) {
    // Half-close now (the client reads the answer, then EOF); never read the rest of its body.
    const socket = req.socket;
    res.once("finish", () => {
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    });
  }
}
