// The API host of a single-page app on another origin, with a bearer session: POST /login gives
// the page a token, and the page sends it as `Authorization: Bearer …` on every call to the
// signing proxy at /kling (KlingClient's `auth: { kind: "proxy", headers }`). CORS lets only
// ALLOWED_ORIGINS send that header (allowHeaders); authorize(request) reads it. The proxy never
// forwards it: Kling gets the proxy's own signed token instead. No cookies, so the page's site
// does not matter (README).
//
//   ALLOWED_ORIGINS=http://localhost:8080 KLING_ACCESS_KEY=… KLING_SECRET_KEY=… PORT=8787 node api.mjs
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createKlingProxy } from "kling-wasm/proxy";
import { toNodeListener } from "kling-wasm/node";

const ALLOWED_ORIGINS = (process.env.ALLOWED_ORIGINS ?? "http://localhost:8080").split(",").map((s) => s.trim());

/** token -> user id. An in-memory stand-in for your sessions (or verify a signed token instead). */
const sessions = new Map();

const klingProxy = toNodeListener(
  createKlingProxy({
    upstream: process.env.KLING_UPSTREAM, // unset: Kling's own API
    accessKey: process.env.KLING_ACCESS_KEY,
    secretKey: process.env.KLING_SECRET_KEY,
    allowedOrigins: ALLOWED_ORIGINS,
    // The page's session header, allowed by CORS (authorization always is; a header of your own,
    // such as "x-session", must be listed).
    allowHeaders: ["authorization"],
    authorize: (request) => {
      const token = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      return sessions.get(token) ?? false;
    },
  }),
);

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/login") return login(req, res);
  klingProxy(req, res); // everything else: the proxy answers (404 outside /kling)
});
server.listen(Number(process.env.PORT ?? 8787), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});

/** A demo login (no password): POST /login {"user":"alice"} -> {"user","token"}. */
async function login(req, res) {
  const origin = req.headers.origin;
  if (!ALLOWED_ORIGINS.includes(origin)) return res.writeHead(403).end();
  const cors = { "access-control-allow-origin": origin, vary: "Origin" };
  if (req.method === "OPTIONS") {
    const preflight = { "access-control-allow-methods": "POST", "access-control-allow-headers": "content-type" };
    return res.writeHead(204, { ...cors, ...preflight }).end();
  }
  if (req.method !== "POST") return res.writeHead(405, cors).end();
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1024) return res.writeHead(413, cors).end();
  }
  let user;
  try {
    user = JSON.parse(body).user;
  } catch {}
  if (typeof user !== "string" || !/^[\w-]{1,64}$/.test(user)) return res.writeHead(400, cors).end();
  const token = randomBytes(32).toString("base64url");
  sessions.set(token, user);
  res.writeHead(200, { ...cors, "content-type": "application/json" }).end(JSON.stringify({ user, token }));
}
