// Shared by the proxy tests: the built package, and exact-bytes HTTP requests over node:net (fetch
// would normalise `..`, refuse odd methods and set its own Host, which the attacks need to control).
import { connect } from "node:net";

export async function loadPackage() {
  return (await import("./load-pkg.mjs")).default;
}

/** Sends one HTTP/1.1 request exactly as given; resolves { status, headers, body, raw }. */
export function rawRequest(port, method, target, headers = {}, body = null) {
  return new Promise((resolve) => {
    const h = { host: `127.0.0.1:${port}`, connection: "close", ...headers };
    const chunked = /chunked/i.test(h["transfer-encoding"] ?? "");
    if (body !== null && !chunked) h["content-length"] = String(Buffer.byteLength(body));
    let head = `${method} ${target} HTTP/1.1\r\n`;
    for (const [k, v] of Object.entries(h)) head += `${k}: ${v}\r\n`;
    const chunks = [];
    const sock = connect(port, "127.0.0.1", async () => {
      sock.write(head + "\r\n");
      if (body === null) return;
      // Write in slices and stop once the server has answered (a 413 arrives mid-body), so the
      // test reads the refusal instead of tripping over the socket the server closed.
      for (let i = 0; i < body.length && chunks.length === 0 && !sock.destroyed; i += 65536) {
        const part = body.slice(i, i + 65536);
        const ok = sock.write(chunked ? `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n` : part);
        if (!ok) await new Promise((r) => sock.once("drain", r).once("close", r));
        // A server that refuses on the headers alone (Content-Length over the cap) answers now:
        // give it a moment before writing into a socket it is about to close.
        if (i === 0 && body.length > 65536) await new Promise((r) => setTimeout(r, 200));
      }
      if (chunked && chunks.length === 0 && !sock.destroyed) sock.write("0\r\n\r\n");
    });
    sock.on("data", (d) => chunks.push(d));
    // The server may answer (413) and close before the whole body is written.
    sock.on("error", () => setTimeout(finish, 20));
    sock.on("close", finish);
    sock.setTimeout(15_000, () => sock.destroy(new Error("raw request timed out")));
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      const raw = Buffer.concat(chunks).toString("utf8");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);
      const split = raw.indexOf("\r\n\r\n");
      let text = split >= 0 ? raw.slice(split + 4) : "";
      if (/\r\ntransfer-encoding: chunked/i.test(raw.slice(0, split))) text = dechunk(text);
      resolve({ status, body: text, raw });
    }
  });
}

function dechunk(s) {
  let out = "";
  for (;;) {
    const nl = s.indexOf("\r\n");
    const n = parseInt(s.slice(0, nl), 16);
    if (!n) return out;
    out += s.slice(nl + 2, nl + 2 + n);
    s = s.slice(nl + 2 + n + 2);
  }
}
