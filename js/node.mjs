// Node adapter for the signing proxy: node:http request -> standard Request -> proxy.fetch ->
// Response -> reply. Streams both ways, so the proxy's body cap applies before buffering.
import { Readable } from "node:stream";

/** Turns `createKlingProxy(...)` into a `(req, res)` listener for `http.createServer`. */
export function toNodeListener(proxy) {
  return async function klingProxyListener(req, res) {
    try {
      const request = toRequest(req);
      const response = await proxy.fetch(request);
      await sendResponse(res, response);
    } catch (err) {
      // The proxy answers every request itself; this is only for a broken socket or adapter bug.
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      }
      res.end(JSON.stringify({ code: 5000, message: "proxy adapter error", request_id: "", data: null }));
    }
  };
}

/** node:http IncomingMessage -> Request (the URL's host is not trusted for routing). */
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
  // A fixed local origin: routing uses only the path, and Host is never forwarded.
  return new Request(new URL(req.url ?? "/", "http://proxy.local"), init);
}

/** Response -> node:http ServerResponse. */
export async function sendResponse(res, response) {
  const headers = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) {
    for await (const chunk of response.body) res.write(chunk);
  }
  res.end();
}
