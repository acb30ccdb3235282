//! Shared by the example tests: a copy of an example in the user's project (the packed package
//! installed by npm: tests/packaging/support.mjs), its servers started as a user starts them
//! (`node server.mjs`, `wrangler dev`), and headless Chromium that resolves the examples' host
//! names (app.example.test, api.example.test, …) to 127.0.0.1, so the browser applies its real
//! origin, site and cookie rules to distinct hosts.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stopChild } from "../support/child.mjs";
import { freePort } from "../support/workerd.mjs";
import { appDir, ROOT } from "../packaging/support.mjs";

export { freePort, ROOT };

/** Copies examples/<name> into the user's project (beside its node_modules); returns the copy's dir. */
export function copyExample(name) {
  const dir = join(appDir(), name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, "examples", name), dir, { recursive: true, filter: (src) => !/[/\\](node_modules|\.wrangler|\.dev\.vars)$/.test(src) });
  return dir;
}

/**
 * Waits until `child` prints a line matching `ready` (its first group is returned), or fails with
 * what it printed when it exits or `timeoutMs` passes. `logs` keeps collecting afterwards.
 */
function waitForLine(child, ready, timeoutMs, what) {
  const logs = [];
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${what} did not start in ${timeoutMs} ms:\n${logs.join("")}`)), timeoutMs);
    const onData = (d) => {
      logs.push(String(d));
      const m = ready.exec(logs.join(""));
      if (m) {
        clearTimeout(timer);
        ok({ match: m[1], logs });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => logs.push(String(d)));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`${what} exited with ${code}:\n${logs.join("")}`));
    });
  });
}

/**
 * `node <script>` in `dir` with `env` (over a minimal environment), as the example's README runs
 * it; resolves { url, logs, stop } once it prints "listening on <url>".
 */
export async function startNode(dir, script, env) {
  const child = spawn(process.execPath, [script], { cwd: dir, env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const { match, logs } = await waitForLine(child, /listening on (http:\/\/\S+)/, 15_000, `node ${script}`);
  return { url: match, logs, stop: () => stopChild(child) };
}

/**
 * `wrangler dev` (the pinned devDependency) in `dir`, offline: no metrics, no update check, no
 * Request.cf download, its config in a temp dir. Resolves { url, logs, stop } once it is ready.
 * wrangler runs the worker in workerd, in a child of its own: the whole process group stops.
 */
export async function startWrangler(dir, port) {
  const config = mkdtempSync(join(tmpdir(), "kling-wrangler-home-"));
  const env = {
    PATH: process.env.PATH, HOME: config, XDG_CONFIG_HOME: config,
    WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "1",
  };
  const args = [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(await freePort()), "--show-interactive-dev-session=false"];
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const stop = async () => {
    // Ctrl-C, as a user stops it: wrangler then stops workerd and esbuild itself (on SIGTERM
    // its esbuild dies mid-watch). Its process group (ours) is ended only if something is left.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    rmSync(config, { recursive: true, force: true });
  };
  try {
    const { logs } = await waitForLine(child, /Ready on (http:\/\/\S+)/, 60_000, "wrangler dev");
    return { url: `http://127.0.0.1:${port}`, logs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Headless Debian Chromium (TOOLCHAIN.md flags) with every *.example.test and *.other.test host at 127.0.0.1. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP *.example.test 127.0.0.1, MAP *.other.test 127.0.0.1",
    ],
  });
}

/** `http://<host>:<port of url>`: the same server under another host name. */
export function at(host, url) {
  return `http://${host}:${new URL(url).port}`;
}
