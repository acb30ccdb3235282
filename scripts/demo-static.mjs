// The demo's static files: www/ at /, the built package at /pkg/ (GET and HEAD only, nothing
// outside those two folders, .wasm as application/wasm so streaming instantiation works).

import { createReadStream, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** The file a URL path names: /pkg/... from `pkg`, anything else from `www`; null outside them. */
function resolve(urlPath, dirs) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const [base, rest] = path.startsWith("/pkg/") ? [dirs.pkg, path.slice(5)] : [dirs.www, path.slice(1)];
  const file = normalize(join(base, rest || "index.html"));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    return statSync(file).isDirectory() ? resolve(`${path.replace(/\/?$/, "/")}index.html`, dirs) : file;
  } catch {
    return null;
  }
}

/** Answers one request from `www` / `pkg`; `headers` are added to every file served. */
export function serveStatic(req, res, { www, pkg, headers = {} }) {
  const readable = req.method === "GET" || req.method === "HEAD";
  const file = readable ? resolve(req.url ?? "/", { www, pkg }) : null;
  if (!file) {
    res.writeHead(readable ? 404 : 405, { "content-type": "text/plain" });
    res.end("not found\n");
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store", ...headers });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).on("error", () => res.destroy()).pipe(res);
}
