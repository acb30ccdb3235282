//! Shared by the packaging tests: the user's project (a temp dir with the packed tarball
//! installed by npm, made once by run.mjs and named by KLING_APP, or here when a test file runs
//! alone), a static file server, and headless Chromium through playwright-core.

import { execFileSync } from "node:child_process";
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The built package to pack: KLING_PKG, else pkg-release/ when built, else pkg/. */
export function pkgDir() {
  if (process.env.KLING_PKG) return resolve(ROOT, process.env.KLING_PKG);
  const rel = join(ROOT, "pkg-release");
  return existsSync(join(rel, "package.json")) ? rel : join(ROOT, "pkg");
}

/**
 * `npm pack` of the package into a new temp dir, and a user's project beside it with the
 * tarball installed (`npm install <tarball>`: no dependencies, so no network). Returns its dir.
 */
export function makeApp(from = pkgDir()) {
  const base = mkdtempSync(join(tmpdir(), "kling-packaging-"));
  const npm = (args, cwd) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const packed = JSON.parse(npm(["pack", from, "--pack-destination", base, "--json"], base));
  const tarball = join(base, packed[0].filename);
  const app = join(base, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "kling-packaging-app", private: true, type: "module" }, null, 2));
  npm(["install", "--offline", tarball], app);
  return app;
}

let madeApp;
/** The project the runner made (KLING_APP), or a new one (removed at exit) for a test file run on its own. */
export function appDir() {
  if (process.env.KLING_APP) return process.env.KLING_APP;
  if (!madeApp) {
    madeApp = makeApp();
    process.on("exit", () => rmSync(dirname(madeApp), { recursive: true, force: true }));
  }
  return madeApp;
}

/** The packed tarball the project was installed from (beside it in the same temp dir). */
export function appTarball() {
  const base = dirname(appDir());
  const name = readdirSync(base).find((f) => f.endsWith(".tgz"));
  if (!name) throw new Error(`no packed tarball in ${base}`);
  return join(base, name);
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

/** Serves `dir` on 127.0.0.1 (any free port), with `headers` on every answer; resolves { url, close }. */
export async function serveStatic(dir, headers = {}) {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      path = "/";
    }
    const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Headless Debian Chromium (TOOLCHAIN.md flags). */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A 640x360 PNG header (signature + IHDR): enough for probeImage. */
export const PNG_HEADER = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  0, 0, 0x02, 0x80, 0, 0, 0x01, 0x68, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0,
];

/**
 * The page module the browser tests run, importing the package by its bare names: at import the
 * module is not ready yet (window.stage0: a synchronous validate reports not_ready); once `ready`
 * has resolved it validates and builds (window.stage1); window.probe() runs probeImage from
 * "kling-wasm/media", which loads the media module then. No top-level await (Vite 5/6 targets
 * refuse it in app code too).
 */
export const PAGE_SCRIPT = `import { validateOmniVideo, buildOmniVideoBody, capabilities, isReady, KlingError, ready } from "kling-wasm";
import { probeImage } from "kling-wasm/media";
const valid = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };
window.stage0 = { ready: isReady(), code: validateOmniVideo(valid).issues[0]?.code ?? null };
ready.then(() => {
  let error;
  try {
    buildOmniVideoBody({ prompt: "", aspect_ratio: "4:3" });
  } catch (e) {
    error = e;
  }
  window.stage1 = {
    ok: validateOmniVideo(valid).ok,
    badPaths: validateOmniVideo({ prompt: "", aspect_ratio: "4:3" }).issues.map((i) => i.path),
    body: JSON.parse(buildOmniVideoBody(valid)),
    models: capabilities().models.length,
    klingError: error instanceof KlingError && error.code === "validation_failed",
  };
}, (e) => {
  window.stage1 = { failed: String(e) };
});
window.probe = async () => {
  const info = await probeImage(new Blob([new Uint8Array(${JSON.stringify(PNG_HEADER)})]));
  return { format: info.format, width: info.width, height: info.height };
};
`;

/**
 * Opens `url` in a new page, waits for stage 1, then probes; returns what the page reported
 * and which .wasm files it requested before and after the probe.
 */
export async function runPage(browser, url) {
  const page = await browser.newPage();
  const wasm = [];
  const errors = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => errors.push(String(e)));
  // Failed loads are reported by URL (Chromium asks for /favicon.ico by itself: not an error here).
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.stage1 || null, null, { timeout: 15_000 }).catch(() => {
    throw new Error(`the page did not finish stage 1: ${errors.join("\n") || "no error reported"}`);
  });
  const stage1 = await page.evaluate(() => window.stage1);
  const stage0 = await page.evaluate(() => window.stage0);
  const before = [...wasm];
  const probe = await page.evaluate(() => window.probe());
  await page.close();
  return { stage0, stage1, probe, before, after: [...wasm], errors };
}

/** Every file under dir, relative paths. */
export function listFiles(dir, at = "") {
  return readdirSync(join(dir, at)).flatMap((n) => (statSync(join(dir, at, n)).isDirectory() ? listFiles(dir, join(at, n)) : [join(at, n)]));
}

/**
 * Bundles `source` (a worker importing the package installed in `app`) into `app/<name>/`;
 * returns { entry, wasmDir } for startWorkerd.
 */
export async function bundleWorker(app, name, source) {
  const dir = join(app, name);
  const wasmDir = join(dir, "wasm");
  mkdirSync(wasmDir, { recursive: true });
  const { build } = await import("esbuild");
  // wrangler's rule for *.wasm: a compiled module of its own, imported by the bundle.
  const wasmModules = {
    name: "wasm-modules",
    setup(b) {
      b.onResolve({ filter: /\.wasm$/ }, async (args) => {
        if (args.pluginData?.resolving) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (r.errors.length) return { errors: r.errors };
        copyFileSync(r.path, join(wasmDir, basename(r.path)));
        return { path: `./pkg/${basename(r.path)}`, external: true };
      });
    },
  };
  const entry = join(dir, "bundle.mjs");
  await build({
    entryPoints: [source], outfile: entry, bundle: true, format: "esm", platform: "neutral", nodePaths: [join(app, "node_modules")],
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], plugins: [wasmModules], logLevel: "warning",
    external: ["cloudflare:*"], // the runtime's own modules (kling-wasm/cloudflare imports cloudflare:workers), as wrangler keeps them
  });
  return { entry, wasmDir };
}

/** A free TCP port on 127.0.0.1, for servers that take a port, not 0 (`next start`, `vite`). */
export async function freePort() {
  const server = createTcpServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}
