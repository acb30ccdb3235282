//! The bundler fixtures (tests/packaging/fixtures/<name>/: a package.json pinning exact versions,
//! its package-lock.json, and the bundler's config as a user would write it), made into a user's
//! project beside the packaging app: the fixture's files, its locked node_modules, and the
//! kling-wasm that npm installed from the packed tarball. Also a static server with headers and
//! the page checks the bundler tests share.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { appDir } from "./support.mjs";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/**
 * The fixture's node_modules, installed once per package-lock.json by `npm ci` into a cache
 * (KLING_PACKAGING_CACHE, else ~/.cache/kling-wasm-packaging) and linked from there: `npm ci` of
 * the Next.js fixture (370 MB) takes ~30 s even from npm's own cache, a copy 2-50 s on a busy
 * disk, hard links (`cp -al`: new directories, the files shared; no bundler writes into an
 * installed package) well under a second.
 */
function lockedModules(name) {
  const src = join(FIXTURES, name);
  const lock = readFileSync(join(src, "package-lock.json"));
  const key = createHash("sha256").update(lock).update(readFileSync(join(src, "package.json"))).digest("hex").slice(0, 16);
  const cache = process.env.KLING_PACKAGING_CACHE ?? join(homedir(), ".cache", "kling-wasm-packaging");
  const dir = join(cache, `${name}-${key}`);
  if (!existsSync(join(dir, "node_modules"))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    cpSync(join(src, "package.json"), join(tmp, "package.json"));
    cpSync(join(src, "package-lock.json"), join(tmp, "package-lock.json"));
    execFileSync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tmp, stdio: ["ignore", "ignore", "inherit"] });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return join(dir, "node_modules");
}

/**
 * A user's project from fixture `name`, beside the packaging app (removed with it): the
 * fixture's files, its locked node_modules, and node_modules/kling-wasm as npm installed it
 * from the tarball into the app. Returns its dir.
 */
export function prepareFixture(name) {
  const app = appDir();
  const dir = join(dirname(app), `fixture-${name}`);
  rmSync(dir, { recursive: true, force: true });
  const src = join(FIXTURES, name);
  for (const entry of readdirSync(src)) {
    if (entry === "node_modules" || entry === "dist" || entry === ".next") continue;
    cpSync(join(src, entry), join(dir, entry), { recursive: true });
  }
  // Hard links where the cache and the project share a file system, else a copy; both keep the
  // .bin symlinks as they are.
  const modules = lockedModules(name);
  try {
    execFileSync("cp", ["-al", modules, join(dir, "node_modules")], { stdio: "ignore" });
  } catch {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    execFileSync("cp", ["-a", modules, join(dir, "node_modules")]);
  }
  cpSync(join(app, "node_modules", "kling-wasm"), join(dir, "node_modules", "kling-wasm"), { recursive: true });
  return dir;
}

/** Runs `fn`, logs how long it took under `label` (the CI seconds the report quotes), returns its result. */
export async function timed(label, fn) {
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    console.log(`# ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}
