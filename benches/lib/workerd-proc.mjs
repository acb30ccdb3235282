//! A workerd process for the proxy benchmarks, measured from outside: starts `workerd serve` (npm
//! `workerd`, the binary itself, so the child's pid is workerd's) with a worker and only the
//! proxy's files of a package embedded — what a deployed proxy worker carries — and reads its CPU
//! from /proc. Unlike tests/support/workerd.mjs it sends no request to see that it is up (it
//! watches /proc/net/tcp for the listening socket), so the first request measured is the first
//! the worker sees.

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { WORKERD, freePort } from "../../tests/support/workerd.mjs";

export { WORKERD };
const TICK_MS = 10; // USER_HZ = 100: /proc/<pid>/stat counts CPU in 10 ms ticks

const listFiles = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? listFiles(join(dir, n)) : [join(dir, n)]));
const q = (s) => JSON.stringify(String(s));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * CPU of `pid` so far: `ns` = the sum over its threads of /proc/<pid>/task/<tid>/schedstat (ns
 * resolution; a thread that has ended is missing from it), `ms_ticks` = utime + stime from
 * /proc/<pid>/stat (whole process, dead threads included, but in 10 ms steps).
 */
export function cpu(pid) {
  let ns = 0;
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { ns, ms_ticks: (Number(f[11]) + Number(f[12])) * TICK_MS };
}

/** Whether something listens on 127.0.0.1:port (read from /proc: the server sees nothing). */
function listening(port) {
  const hex = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  return readFileSync("/proc/net/tcp", "utf8").split("\n").some((l) => l.includes(hex) && l.trim().split(/\s+/)[3] === "0A");
}

/**
 * The worker's `baseline.js` (the `extraPkgs: { base }` package's proxy, for KLING_BENCH_BASELINE
 * A/B runs): `makeBaseline(config)` initialises and warms that proxy module, or is null without one.
 */
export function baselineModule(baseline) {
  return baseline
    ? `import { initSync, createKlingProxy, warmUp } from "./base/proxy/slim.js";
import wasmModule from "./base/proxy/proxy_bg.wasm";
export function makeBaseline(config) {
  initSync({ module: wasmModule });
  warmUp();
  return createKlingProxy(config);
}
`
    : "export const makeBaseline = null;\n";
}

/**
 * Starts workerd with `worker` (a file) as worker.mjs, `files` ({ name: text }, embedded as ES
 * modules) and the package's proxy/ and kling-error.js under pkg/; `args`: more arguments to
 * `workerd serve` (e.g. `--inspector-addr`, to profile it); `extraPkgs`: { name: dir } more
 * packages' proxy files, under name/ (an A/B of two builds in one worker). Resolves once the socket listens and
 * `settleMs` more have passed: { port, pid, logs, stop }.
 */
export async function startWorker({ pkgDir, worker, files = {}, bindings = {}, settleMs = 300, args = [], extraPkgs = {} }) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "kling-bench-workerd-"));
  const packages = { pkg: pkgDir, ...extraPkgs };
  for (const [name, from] of Object.entries(packages)) {
    cpSync(join(from, "proxy"), join(dir, name, "proxy"), { recursive: true });
    cpSync(join(from, "kling-error.js"), join(dir, name, "kling-error.js"));
  }
  cpSync(worker, join(dir, "worker.mjs"));
  const modules = [`(name = "worker.mjs", esModule = embed "worker.mjs")`];
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    modules.push(`(name = ${q(name)}, esModule = embed ${q(name)})`);
  }
  for (const file of Object.keys(packages).flatMap((name) => listFiles(join(dir, name)))) {
    const name = relative(dir, file);
    if (name.endsWith(".js")) modules.push(`(name = ${q(name)}, esModule = embed ${q(name)})`);
    else if (name.endsWith(".wasm")) modules.push(`(name = ${q(name)}, wasm = embed ${q(name)})`);
  }
  const binds = Object.entries(bindings).map(([k, v]) => `(name = ${q(k)}, text = ${q(v)})`);
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ]);
const mainWorker :Workerd.Worker = (
  modules = [ ${modules.join(",\n    ")} ],
  bindings = [ ${binds.join(", ")} ],
  compatibilityDate = "2025-09-01");
`,
  );
  const child = spawn(WORKERD, ["serve", ...args, join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  const logs = [];
  child.stdout.on("data", (d) => logs.push(String(d)));
  child.stderr.on("data", (d) => logs.push(String(d)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((ok) => child.once("exit", ok));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!listening(port)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`workerd did not start (exit ${child.exitCode}):\n${logs.join("")}`);
    }
    await sleep(10);
  }
  await sleep(settleMs);
  return { port, pid: child.pid, logs, stop };
}

/** One HTTP request; resolves { status, headers, text }. `agent` false = its own connection. */
export function send(port, method, path, { body = null, headers = {}, agent = false } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (!agent) h.connection = "close";
    if (body !== null) Object.assign(h, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: h, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("workerd did not answer")));
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

/** The workerd version (from its npm package), for the notes. */
export function workerdVersion() {
  try {
    return JSON.parse(readFileSync(join(dirname(WORKERD), "..", "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}
