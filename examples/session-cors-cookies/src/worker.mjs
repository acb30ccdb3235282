// The API host of a single-page app on another origin of the same site (app.example.com calls
// api.example.com): the signing proxy at /kling, and the session routes that set and read an
// HttpOnly cookie of this host (/login, /logout, /me). The page calls both with
// `credentials: "include"`; CORS lets only ALLOWED_ORIGINS do so (allowCredentials).
import { initSync, createKlingProxy } from "kling-wasm/proxy";
import proxyWasm from "kling-wasm/proxy_bg.wasm";

initSync({ module: proxyWasm });

let proxy; // built once per isolate, on the first request (secrets come with `env`)

export default {
  async fetch(request, env) {
    const origins = env.ALLOWED_ORIGINS.split(",").map((s) => s.trim());
    const { pathname } = new URL(request.url);
    if (["/login", "/logout", "/me"].includes(pathname)) return session(request, env, pathname, origins);
    proxy ??= createKlingProxy({
      upstream: env.KLING_UPSTREAM,
      accessKey: env.KLING_ACCESS_KEY,
      secretKey: env.KLING_SECRET_KEY,
      allowedOrigins: origins,
      allowCredentials: true, // the page's cookie may come along: Access-Control-Allow-Credentials
      authorize: (req) => verifySession(readCookie(req.headers.get("cookie"), "session"), env.SESSION_SECRET),
    });
    return proxy.fetch(request);
  },
};

/** A demo login (no password): POST /login {"user":"alice"} sets the session cookie. */
async function session(request, env, pathname, origins) {
  const origin = request.headers.get("origin");
  if (!origins.includes(origin)) return new Response(null, { status: 403 });
  const cors = { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
  if (request.method === "OPTIONS") {
    const preflight = { "access-control-allow-methods": "GET, POST", "access-control-allow-headers": "content-type" };
    return new Response(null, { status: 204, headers: { ...cors, ...preflight } });
  }
  if (pathname === "/me") {
    const user = await verifySession(readCookie(request.headers.get("cookie"), "session"), env.SESSION_SECRET);
    return Response.json({ user: user || null }, { headers: cors });
  }
  if (request.method !== "POST") return new Response(null, { status: 405, headers: cors });
  // Secure on https (in production); SameSite=Lax: sent by pages of this site only (README).
  const attributes = `Path=/; HttpOnly; SameSite=Lax${new URL(request.url).protocol === "https:" ? "; Secure" : ""}`;
  if (pathname === "/logout") return new Response(null, { status: 204, headers: { ...cors, "set-cookie": `session=; ${attributes}; Max-Age=0` } });
  const { user } = await request.json().catch(() => ({}));
  if (typeof user !== "string" || !/^[\w-]{1,64}$/.test(user)) return new Response(null, { status: 400, headers: cors });
  const cookie = `session=${await signSession(user, env.SESSION_SECRET)}; ${attributes}; Max-Age=86400`;
  return Response.json({ user }, { headers: { ...cors, "set-cookie": cookie } });
}

// A stateless session: "<user>.<hex HMAC-SHA256(user, SESSION_SECRET)>". Use your own.
const hmacKey = (secret, use) =>
  crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [use]);

async function signSession(user, secret) {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), new TextEncoder().encode(user));
  return `${user}.${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

async function verifySession(value, secret) {
  const [user, mac] = (value ?? "").split(".");
  if (!user || !/^[0-9a-f]{64}$/.test(mac ?? "")) return false;
  const bytes = new Uint8Array(mac.match(/../g).map((h) => parseInt(h, 16)));
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret, "verify"), bytes, new TextEncoder().encode(user));
  return ok ? user : false;
}

function readCookie(header, name) {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
