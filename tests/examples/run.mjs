#!/usr/bin/env node
//! The examples layer (`node tests/examples/run.mjs`): packs the built package (KLING_PKG, else
//! pkg-release/ when built, else pkg/) and installs it into a new temp project as a user would
//! (tests/packaging/support.mjs), then runs the tests of this folder, which copy each example
//! into that project and run it as its README says: the three session set-ups in Chromium and
//! examples/cloudflare-worker under `wrangler dev`. Removes the project afterwards.

import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { makeApp, pkgDir, ROOT } from "../packaging/support.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const from = pkgDir();
const t0 = Date.now();
const app = makeApp(from);
console.log(`examples: packed ${relative(ROOT, from) || from}/ and installed it into ${app} (${Date.now() - t0} ms)`);
const files = readdirSync(HERE).filter((f) => f.endsWith(".test.mjs")).map((f) => join(HERE, f));
const r = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit", env: { ...process.env, KLING_APP: app } });
rmSync(dirname(app), { recursive: true, force: true });
process.exit(r.status ?? 1);
