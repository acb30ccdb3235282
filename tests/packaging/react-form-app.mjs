//! The React form example (examples/react-form) as a user gets it running: a copy of it in a temp
//! dir with the packed kling-wasm tarball in place of its `file:../../pkg` dependency, the other
//! packages from its committed package-lock.json, type-checked (tsc, strict) and built (vite).
//! Shared by tests/packaging/react-form.test.mjs and benches/form.mjs.

import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ROOT } from "./support.mjs";

export const EXAMPLE = join(ROOT, "examples", "react-form");

const npm = (args, cwd) => execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

/** `npm pack` of a built package into `dest`; returns the tarball's path. */
export function packTarball(pkgDir, dest) {
  const packed = JSON.parse(npm(["pack", pkgDir, "--pack-destination", dest, "--json"], dest));
  return join(dest, packed[0].filename);
}

/**
 * Copies the example (without node_modules/ and dist/) to `dir`, points its kling-wasm
 * dependency at `tarball` and installs: the lock pins every other package, so npm takes them
 * from its cache when it has them (`--prefer-offline`). Returns `dir`.
 */
export function installExample(tarball, dir) {
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (src) => !relative(EXAMPLE, src).split(sep).some((part) => part === "node_modules" || part === "dist"),
  });
  const spec = `file:${tarball}`;
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  pkg.dependencies["kling-wasm"] = spec;
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  // The lock names the repository's pkg/ (a link); drop those entries and npm resolves the tarball.
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
  lock.packages[""].dependencies["kling-wasm"] = spec;
  for (const key of Object.keys(lock.packages)) {
    if (key === "node_modules/kling-wasm" || lock.packages[key].name === "kling-wasm") delete lock.packages[key];
  }
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
  npm(["install", "--prefer-offline"], dir);
  return dir;
}

/** The example's own scripts, as `npm run typecheck` and `npm run build` would run them; ms each. */
export function checkAndBuild(dir) {
  const bin = (name) => join(dir, "node_modules", ".bin", name);
  const run = (cmd, args) => {
    const t0 = performance.now();
    try {
      execFileSync(bin(cmd), args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      throw new Error(`${cmd} ${args.join(" ")} failed in ${dir}:\n${e.stdout}${e.stderr}`);
    }
    return Math.round(performance.now() - t0);
  };
  return { tsc: run("tsc", ["--noEmit", "-p", "."]), build: run("vite", ["build", "--logLevel", "warn"]) };
}
