#!/usr/bin/env node
// One Node server for the built example: the page from dist/ and kling-wasm's signing proxy at
// /kling on the same origin. The Kling keys stay in this process; the page talks to /kling only.
//
//   npm run build && KLING_UPSTREAM=… KLING_ACCESS_KEY=… KLING_SECRET_KEY=… npm start
//
// KLING_UPSTREAM is required (so keys alone never cause a paid call): Kling's origin, e.g.
// https://api-singapore.klingai.com, or the project's emulator while developing:
//   node ../../tests/support/kling-emulator.mjs --access-key dev --secret-key dev-secret
// prints its {"url"}. PORT picks the port (default 8787).

import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createKlingProxy } from "kling-wasm/proxy";
import { toNodeListener } from "kling-wasm/node";

const HERE = dirname(fileURLToPath(import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".svg": "image/svg+xml", ".json": "application/json" };

// The wasm needs 'wasm-unsafe-eval' (WebAssembly compilation), nothing looser: no 'unsafe-eval',
// no inline script. The result video comes from Kling's CDN, hence media-src.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https: http:; media-src 'self' https: http:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const COOKIE = "session";

/**
 * Starts the server. `upstream` is Kling's origin (or an emulator's); credentials as the proxy
 * takes them (accessKey + secretKey, or apiKey). Resolves { url, close() }.
 */
export async function startServer({ dist = join(HERE, "dist"), upstream, accessKey, secretKey, apiKey, port = 0, host = "127.0.0.1" }) {
  // The user's session: a random cookie set with the page, which the proxy's authorize hook
  // requires, so only this page (not any program that reaches the port) spends credits. A real
  // app reads its own session here.
  const session = randomBytes(18).toString("base64url");
  const sessionOf = (cookie) => new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(cookie ?? "")?.[1];
  let proxy = null;
  const gz = new Map(); // path -> gzipped bytes (the built files do not change while serving)

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    if (pathname === "/kling" || pathname.startsWith("/kling/")) return void proxy(req, res);
    let path;
    try {
      path = decodeURIComponent(pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    const file = normalize(join(dist, path === "/" ? "index.html" : path));
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end("not found");
    const html = extname(file) === ".html";
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      // Vite hashes the names under assets/: cache them for good, and the page never.
      "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      ...(html ? { "content-security-policy": CSP, "set-cookie": `${COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict` } : {}),
    };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && /\.(html|js|css|wasm|svg|json)$/.test(file)) {
      if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(file)));
      res.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "accept-encoding" }).end(gz.get(file));
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  proxy = toNodeListener(
    createKlingProxy({
      upstream,
      ...(apiKey ? { apiKey } : { accessKey, secretKey }),
      allowedOrigins: [url],
      authorize: (request) => (sessionOf(request.headers.get("cookie")) === session ? "user" : false),
    }),
  );
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url, close };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { KLING_UPSTREAM: upstream, KLING_ACCESS_KEY: accessKey, KLING_SECRET_KEY: secretKey, KLING_API_KEY: apiKey } = process.env;
  if (!upstream || !(apiKey || (accessKey && secretKey))) {
    console.error("set KLING_UPSTREAM and KLING_ACCESS_KEY + KLING_SECRET_KEY (or KLING_API_KEY); see the top of server.mjs");
    process.exit(2);
  }
  if (!existsSync(join(HERE, "dist", "index.html"))) {
    console.error("no dist/: run `npm run build` first");
    process.exit(2);
  }
  const { url } = await startServer({ upstream, accessKey, secretKey, apiKey, port: Number(process.env.PORT ?? 8787) });
  console.log(`react-form example at ${url}/ (proxy at ${url}/kling → ${upstream})`);
}
