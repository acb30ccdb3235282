//! The package README as an installer meets it: the README.md installed from the tarball is
//! docs/package-README.md; its ```js/```ts/```tsx blocks type-check against the installed
//! package's typings (tests/types/readme.mjs --readme), the React ones (`typecheckWith:
//! "react-form"`) with the packages examples/react-form locks, installed as its own test installs
//! them (tests/packaging/react-form-app.mjs); and every block runs where
//! tests/readme/package-blocks.mjs says (Node, Deno, Bun, workerd, Chromium, bash), unchanged,
//! against the installed package and the Kling emulator.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PACKAGE_README, packageBlocks, ROOT } from "../readme/blocks.mjs";
import { BLOCKS } from "../readme/package-blocks.mjs";
import { existsSync, rmSync, runChromium, runScript, runShell, runWorker, startBlockEmulator, tarballBeside } from "../readme/run.mjs";
import { appDir, launchChromium, serveStatic } from "./support.mjs";

const installed = () => join(appDir(), "node_modules", "kling-wasm");

test("the installed README.md is the package README, and all its blocks type-check against the installed typings", async () => {
  const readme = join(installed(), "README.md");
  assert.equal(readFileSync(readme, "utf8"), readFileSync(PACKAGE_README, "utf8"));
  const projects = new Set(Object.values(BLOCKS).map((b) => b.typecheckWith).filter(Boolean));
  const withArgs = [];
  for (const project of projects) {
    assert.equal(project, "react-form", `a typecheckWith project this test can install: ${project}`);
    const { installExample } = await import("./react-form-app.mjs");
    const dir = installExample(tarballBeside(appDir()), join(dirname(appDir()), "readme-react-form"));
    withArgs.push("--with", `${project}=${join(dir, "node_modules")}`);
  }
  let out;
  try {
    out = execFileSync(process.execPath, [join(ROOT, "tests/types/readme.mjs"), "--readme", readme, ...withArgs], { env: { ...process.env, KLING_PKG: installed() }, encoding: "utf8" });
  } catch (e) {
    assert.fail(`${e.stdout}${e.stderr}`);
  }
  assert.doesNotMatch(out, /type-checked in the packaging layer/, "no block left unchecked");
  const typed = packageBlocks(readme).filter((b) => ["js", "ts", "tsx"].includes(b.lang)).length;
  assert.match(out, new RegExp(`readme: ${typed} blocks of `), out);
});

test("every block runs where the table says, against the installed package", async (t) => {
  const app = appDir();
  const blocks = packageBlocks(join(installed(), "README.md"));
  const emu = await startBlockEmulator();
  let browser, server;
  try {
    for (const b of blocks) {
      for (const [runtime, spec] of Object.entries(BLOCKS[b.name]?.runs ?? {})) {
        await t.test(`${b.name} in ${runtime} (README line ${b.line})`, async () => {
          if (runtime === "node" || runtime === "deno" || runtime === "bun") return runScript(runtime, app, b, spec, emu.url);
          if (runtime === "workerd") return runWorker(app, b, spec, blocks, emu);
          if (runtime === "chromium") {
            browser ??= await launchChromium();
            server ??= await serveStatic(app);
            return runChromium(browser, server.url, app, b, spec);
          }
          if (runtime === "shell") {
            const dir = await runShell(tarballBeside(app), b);
            try {
              const meta = JSON.parse(readFileSync(join(dir, "node_modules/kling-wasm/package.json"), "utf8"));
              assert.equal(meta.name, "kling-wasm");
              // What the README says npm records: the tarball as a file: dependency.
              const own = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
              assert.equal(own.dependencies?.["kling-wasm"], `file:kling-wasm-${meta.version}.tgz`);
              assert.ok(existsSync(join(dir, "node_modules/kling-wasm/kling_wasm_bg.wasm")), "installed with its .wasm");
            } finally {
              rmSync(dir, { recursive: true, force: true });
            }
            return;
          }
          assert.fail(`no runner for ${runtime}`);
        });
      }
    }
  } finally {
    await browser?.close();
    await server?.close();
    await emu.close();
  }
});
