// The demo behind `npm start` (scripts/start.mjs is its CLI) and the browser e2e test:
// ONE node:http server on 127.0.0.1 that serves www/ at /, the built package at /pkg/, and the
// signing proxy (createKlingProxy + the Node adapter) at /kling — same origin, so the page needs
// no CORS. Upstream is the Kling API emulator (tests/support), started here with a short visible
// timeline, or the real API when keys and KLING_UPSTREAM are set (see upstreamFromEnv).

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serveStatic } from "./demo-static.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const COOKIE = "kling_demo";
/** Seen on the page's progress display: submitted, then processing after 1 s, done after 4 s. */
export const DEMO_TIMELINE = { processingAfterMs: 1000, doneAfterMs: 4000 };

/**
 * Where the proxy sends requests. Real API: KLING_UPSTREAM plus KLING_ACCESS_KEY +
 * KLING_SECRET_KEY, or KLING_API_KEY. Anything less means the emulator (keys without an upstream
 * too: a paid call must be asked for explicitly); `note` says why, for the start banner.
 */
export function upstreamFromEnv(env = process.env) {
  const keys = env.KLING_ACCESS_KEY && env.KLING_SECRET_KEY ? { accessKey: env.KLING_ACCESS_KEY, secretKey: env.KLING_SECRET_KEY } : null;
  const apiKey = env.KLING_API_KEY ? { apiKey: env.KLING_API_KEY } : null;
  const credentials = keys ?? apiKey;
  if (credentials && env.KLING_UPSTREAM) return { real: true, url: env.KLING_UPSTREAM, credentials };
  const note = credentials ? "Kling keys are set but KLING_UPSTREAM is not: using the emulator (set KLING_UPSTREAM=https://api-singapore.klingai.com for the real API)" : null;
  return { real: false, note };
}

/**
 * Loads the package for Node as a user of it would: createKlingProxy from the "./proxy" entry and
 * toNodeListener from "./node" (their "node" targets in pkg/package.json "exports").
 */
async function loadProxyPackage(pkgDir) {
  const { exports = {} } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const target = (key) => {
    const e = exports[key];
    const path = typeof e === "string" ? e : (e?.node ?? e?.default);
    if (!path) throw new Error(`${pkgDir}/package.json exports no "${key}" entry: rebuild the package (node scripts/build.mjs)`);
    return import(pathToFileURL(join(pkgDir, path)).href);
  };
  const [{ createKlingProxy }, { toNodeListener }] = await Promise.all([target("./proxy"), target("./node")]);
  return { createKlingProxy, toNodeListener };
}

function listen(server, port, host, tries) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE" && tries > 0 && port !== 0) resolve(listen(server, port + 1, host, tries - 1));
      else reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

const cookieOf = (header) => new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(header ?? "")?.[1];

/**
 * Starts the demo. `port` 0 = a free one; `tryNextPorts` > 0 moves on when the port is taken.
 * `env` decides emulator or real API. Resolves { url, port, upstream, emulator?, close() }.
 */
export async function startDemo({ port = 0, host = "127.0.0.1", tryNextPorts = 0, env = process.env, log = () => {}, timeline = DEMO_TIMELINE, pkgDir = join(root, "pkg") } = {}) {
  const { createKlingProxy, toNodeListener } = await loadProxyPackage(pkgDir);
  const target = upstreamFromEnv(env);
  let emulator = null;
  let credentials = target.credentials;
  if (!target.real) {
    const { startEmulator } = await import(pathToFileURL(join(root, "tests", "support", "kling-emulator.mjs")).href);
    credentials = { accessKey: "demo-access-key", secretKey: randomBytes(24).toString("hex") };
    emulator = await startEmulator({ ...credentials, timeline });
  }
  const upstream = target.real ? target.url : emulator.url;

  // The demo user's session: a random cookie set with the page; the proxy's authorize hook
  // accepts requests that carry it, so only this page (not any local program) spends credits.
  const session = randomBytes(18).toString("base64url");
  let proxyListener = null;
  const server = createServer((req, res) => {
    if (req.url === "/kling" || req.url?.startsWith("/kling/")) {
      if (proxyListener) return void proxyListener(req, res);
      res.writeHead(503).end();
      return;
    }
    serveStatic(req, res, { www: join(root, "www"), pkg: pkgDir, headers: { "set-cookie": `${COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict` } });
  });
  let actualPort;
  try {
    actualPort = await listen(server, port, host, tryNextPorts);
  } catch (e) {
    await emulator?.close();
    throw e;
  }
  const url = `http://${host}:${actualPort}`;

  // Callbacks reach this server only when Kling can: the emulator always can; the real API only
  // through a public URL (KLING_PUBLIC_URL, e.g. a tunnel to this port).
  const publicUrl = target.real ? env.KLING_PUBLIC_URL?.replace(/\/$/, "") : url;
  let closing = null;
  const close = () =>
    (closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => emulator?.close()));
  try {
    const proxy = createKlingProxy({
      upstream,
      ...credentials,
      allowedOrigins: [url, `http://localhost:${actualPort}`],
      authorize: (request) => (cookieOf(request.headers.get("cookie")) === session ? "demo" : false),
      // The account line (www/account.js): the units are the whole account's, so only the demo
      // user may read them (asked after authorize, which already let only this page's session in).
      authorizeAccount: (request) => cookieOf(request.headers.get("cookie")) === session,
      ...(publicUrl ? { callbackUrl: `${publicUrl}/kling` } : {}),
      onTaskUpdate: (task, user) => log(`callback: task ${task.task_id} is ${task.task_status} (user ${user ?? "-"})`),
    });
    proxyListener = toNodeListener(proxy);
  } catch (e) {
    await close(); // e.g. a KLING_UPSTREAM the proxy refuses: its KlingError names the option
    throw e;
  }
  return { url, port: actualPort, upstream, real: target.real, note: target.note ?? null, emulator, close };
}
