#!/usr/bin/env node
// `npm start`: builds the web-target package (scripts/build.mjs; pass --release for the
// optimised one, --no-build to serve what pkg/ has) and serves www/ at / and pkg/ at /pkg/ on
// 127.0.0.1 with a tiny static server. PORT picks the port (default 8080, or the next free one).

import { execFileSync } from "node:child_process";
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);

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

/** The file a URL path names: /pkg/... from pkg/, anything else from www/; null outside them. */
function resolve(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0]);
  } catch {
    return null;
  }
  const [base, rest] = path.startsWith("/pkg/") ? [join(root, "pkg"), path.slice(5)] : [join(root, "www"), path.slice(1)];
  const file = normalize(join(base, rest || "index.html"));
  if (file !== base && !file.startsWith(base + sep)) return null;
  try {
    const st = statSync(file);
    return st.isDirectory() ? resolve(`${path.replace(/\/?$/, "/")}index.html`) : file;
  } catch {
    return null;
  }
}

const server = createServer((req, res) => {
  const file = req.method === "GET" || req.method === "HEAD" ? resolve(req.url ?? "/") : null;
  if (!file) {
    res.writeHead(req.method === "GET" || req.method === "HEAD" ? 404 : 405, { "Content-Type": "text/plain" });
    res.end("not found\n");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
});

function listen(port, triesLeft) {
  server.once("error", (e) => {
    if (e.code === "EADDRINUSE" && triesLeft > 0 && !process.env.PORT) listen(port + 1, triesLeft - 1);
    else {
      console.error(`start: cannot listen on 127.0.0.1:${port}: ${e.message}`);
      process.exit(1);
    }
  });
  server.listen(port, "127.0.0.1", () => console.log(`start: serving the Omni-Video editor at http://127.0.0.1:${port}/  (Ctrl+C stops)`));
}

if (!args.includes("--no-build")) {
  try {
    execFileSync(process.execPath, [join(root, "scripts", "build.mjs"), ...args.filter((a) => a === "--release")], { stdio: "inherit" });
  } catch {
    process.exit(1); // build.mjs said why
  }
}
listen(Number(process.env.PORT ?? 8080), 20);
