// The single-page app's own host: static files only (any static host or CDN does the same).
// It tells the page where the API is by filling %API_ORIGIN% in index.html.
//
//   API_ORIGIN=http://localhost:8787 PORT=8080 node app.mjs
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";

const API_ORIGIN = process.env.API_ORIGIN ?? "http://localhost:8787";
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOTS = {
  "/vendor/kling-wasm/": dirname(createRequire(import.meta.url).resolve("kling-wasm/package.json")),
  "/": join(HERE, "public"),
};
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm" };
const INDEX = readFileSync(join(HERE, "public/index.html"), "utf8").replaceAll("%API_ORIGIN%", API_ORIGIN);

const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  if (path === "/" || path === "/index.html") return res.writeHead(200, { "content-type": TYPES[".html"] }).end(INDEX);
  const [prefix, root] = Object.entries(ROOTS).find(([p]) => path.startsWith(p));
  // The URL parser has removed dot segments; the check keeps any other trick inside the root.
  const file = join(root, path.slice(prefix.length));
  if (!file.startsWith(root + sep) || !TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] });
  createReadStream(file).pipe(res);
});
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});
