// A same-origin app: one Node server serves the page and mounts the signing proxy at /kling.
// The page, its session cookie and the proxy share one origin, so there is no CORS to set up:
// the proxy lets a request whose Origin is its own origin through, and the browser sends the
// HttpOnly cookie with every call. authorize(request) reads that cookie.
//
//   KLING_ACCESS_KEY=… KLING_SECRET_KEY=… node server.mjs            # Kling itself (paid calls)
//   KLING_UPSTREAM=http://127.0.0.1:8790 KLING_ACCESS_KEY=dev-ak KLING_SECRET_KEY=dev-sk node server.mjs
//                                                                     # the local emulator (README)
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createKlingProxy } from "kling-wasm/proxy";
import { toNodeListener } from "kling-wasm/node";

const PORT = Number(process.env.PORT ?? 8080);
// Behind a front proxy (TLS, another port) give the origin the browser sees, e.g.
// https://app.example.com; unset, the proxy takes its own origin from the request's URL.
const PUBLIC_ORIGIN = process.env.PUBLIC_ORIGIN || undefined;
const SECURE = PUBLIC_ORIGIN?.startsWith("https:") ?? false;

/** session id -> user id. An in-memory stand-in for your app's session store. */
const sessions = new Map();

const klingProxy = toNodeListener(
  createKlingProxy({
    upstream: process.env.KLING_UPSTREAM, // unset: Kling's own API
    accessKey: process.env.KLING_ACCESS_KEY,
    secretKey: process.env.KLING_SECRET_KEY,
    publicOrigin: PUBLIC_ORIGIN,
    // No allowedOrigins: only this app's own pages call the proxy.
    authorize: (request) => sessions.get(readCookie(request.headers.get("cookie"), "sid")) ?? false,
  }),
);

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/kling" || path.startsWith("/kling/")) return klingProxy(req, res);
  if (path === "/login" && req.method === "POST") return login(req, res);
  if (path === "/logout" && req.method === "POST") {
    sessions.delete(readCookie(req.headers.cookie, "sid"));
    return send(res, 204, "", { "set-cookie": "sid=; Path=/; Max-Age=0" });
  }
  if (path === "/me") return send(res, 200, JSON.stringify({ user: sessions.get(readCookie(req.headers.cookie, "sid")) ?? null }));
  serveStatic(res, path);
});
server.listen(PORT, process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});

/** POST /login {"user":"alice"}: a demo login (no password) that starts a cookie session. */
async function login(req, res) {
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight (login CSRF).
  if (!req.headers["content-type"]?.startsWith("application/json")) return send(res, 415, "{}");
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1024) return send(res, 413, "{}");
  }
  const user = safeJson(body)?.user;
  if (typeof user !== "string" || !/^[\w-]{1,64}$/.test(user)) return send(res, 400, "{}");
  const sid = randomBytes(32).toString("base64url");
  sessions.set(sid, user);
  const cookie = `sid=${sid}; Path=/; HttpOnly; SameSite=Lax${SECURE ? "; Secure" : ""}`;
  send(res, 200, JSON.stringify({ user }), { "set-cookie": cookie });
}

function readCookie(header, name) {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
}

// The page (public/) and the package's browser files (/vendor/kling-wasm/) as static files.
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOTS = {
  "/vendor/kling-wasm/": dirname(createRequire(import.meta.url).resolve("kling-wasm/package.json")),
  "/": join(HERE, "public"),
};
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };

function serveStatic(res, path) {
  const [prefix, root] = Object.entries(ROOTS).find(([p]) => path.startsWith(p));
  // The URL parser has removed dot segments; the check keeps any other trick inside the root.
  const file = join(root, path.slice(prefix.length) || "index.html");
  if (!file.startsWith(root + sep) || !TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) {
    return send(res, 404, "{}");
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] });
  createReadStream(file).pipe(res);
}
