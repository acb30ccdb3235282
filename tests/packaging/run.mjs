#!/usr/bin/env node
//! The packaging layer (`node tests/packaging/run.mjs`): packs the built package (KLING_PKG, else
//! pkg-release/ when built, else pkg/) with `npm pack`, installs the tarball into a new temp
//! project as a user would, then runs the tests of this folder against it, one per runtime:
//! Node ESM (+ tsc), plain ESM in Chromium (and under a CSP), Vite 5-8 dev and build in Chromium
//! (each version installed by npm ci from vite-versions/), webpack 5, Rollup, esbuild and a
//! Next.js app in Chromium (fixtures/, installs cached per lock), workerd, Deno and Bun.
//! Removes the project afterwards.

import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { makeApp, pkgDir, ROOT } from "./support.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const from = pkgDir();
const t0 = Date.now();
const app = makeApp(from);
console.log(`packaging: packed ${relative(ROOT, from) || from}/ and installed it into ${app} (${Date.now() - t0} ms)`);
const files = readdirSync(HERE).filter((f) => f.endsWith(".test.mjs")).map((f) => join(HERE, f));
const r = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit", env: { ...process.env, KLING_APP: app } });
rmSync(dirname(app), { recursive: true, force: true });
process.exit(r.status ?? 1);
