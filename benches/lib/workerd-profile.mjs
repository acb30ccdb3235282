//! A CPU profile of the proxy inside workerd, for finding where its time goes (not a benchmark):
//! starts the workerd worker of benches/proxy-cpu.mjs (benches/lib/cpu-worker.mjs) with the
//! inspector on, runs V8's sampling profiler over the DevTools protocol while it serves requests,
//! and prints the functions with the most self time (and writes the .cpuprofile, which Chrome's
//! DevTools opens). The wasm function names are in a dev build's module (release builds strip
//! them).
//!
//!   node --experimental-websocket benches/lib/workerd-profile.mjs PKG_DIR [ours|unchecked|js|cold]
//!        [create|query] [requests] [out.cpuprofile]
//!
//! `cold`: the worker of benches/proxy-coldstart.mjs (benches/lib/proxy-worker.mjs, eager: initSync
//! and warmUp() at module scope), no warm-up, and only its first request profiled (the cold start).

import { readFileSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { freePort } from "../../tests/support/workerd.mjs";
import { createBody } from "../proxy-cpu.mjs";
import { send, startWorker } from "./workerd-proc.mjs";

const LIB = dirname(fileURLToPath(import.meta.url));
const [pkgDir, which = "ours", kind = "query", count = "2000", out = "target/workerd.cpuprofile"] = process.argv.slice(2);
const REQUESTS = {
  create: ["POST", "/kling/v1/videos/omni-video", createBody()],
  query: ["GET", "/kling/v1/videos/omni-video/task-u1", null],
};

/** Prints the top self-time functions of a V8 .cpuprofile. */
export function topSelf(profile, n = 40) {
  const time = new Map();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const t = time.get(node.id) ?? 0;
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").slice(-2).join("/")}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + t);
    total += t;
  }
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(t / 1000).toFixed(1).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)} % ${key}`);
  console.log(`total ${(total / 1000).toFixed(0)} ms`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = buildSync({ entryPoints: [join(LIB, "js-proxy.mjs")], bundle: true, format: "esm", platform: "neutral", conditions: ["workerd", "worker", "browser"], write: false });
  const files = { "js-proxy.js": bundle.outputFiles[0].text, "task-stub.js": readFileSync(join(LIB, "task-stub.mjs"), "utf8"), "baseline.js": "export const makeBaseline = null;\n" };
  const inspector = await freePort();
  const cold = which === "cold";
  const args = [`--inspector-addr=127.0.0.1:${inspector}`];
  const wd = cold
    ? await startWorker({ pkgDir, worker: join(LIB, "proxy-worker.mjs"), files: { "mode.js": "export const EAGER = true;\n" }, bindings: { KLING_ACCESS_KEY: "bench-ak", KLING_SECRET_KEY: "bench-sk-0123456789abcdef" }, args })
    : await startWorker({ pkgDir, worker: join(LIB, "cpu-worker.mjs"), files, args });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${inspector}/main`);
    await new Promise((ok, ko) => ((ws.onopen = ok), (ws.onerror = ko)));
    let seq = 0;
    const waiting = new Map();
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.id && waiting.has(msg.id)) waiting.get(msg.id)(msg);
    };
    const cdp = (method, params = {}) => new Promise((ok) => {
      const id = ++seq;
      waiting.set(id, ok);
      ws.send(JSON.stringify({ id, method, params }));
    });
    const [method, path, body] = REQUESTS[kind];
    const coldPath = kind === "query" ? "/kling/v1/videos/omni-video/job-1" : path;
    const ask = cold
      ? () => send(wd.port, method, coldPath, { body, headers: { authorization: "Bearer user-alice" }, agent })
      : () => send(wd.port, method, path, { body, headers: { authorization: "Bearer user-u1", "x-bench-proxy": which }, agent });
    if (!cold) for (let i = 0; i < 200; i++) await ask(); // warm-up: V8 tiers up
    await cdp("Profiler.enable");
    await cdp("Profiler.setSamplingInterval", { interval: 50 });
    await cdp("Profiler.start");
    for (let i = 0; i < (cold ? 1 : Number(count)); i++) {
      const r = await ask();
      if (r.status !== 200) throw new Error(`${which} ${kind}: ${r.status} ${r.text.slice(0, 200)}`);
    }
    const { result } = await cdp("Profiler.stop");
    writeFileSync(out, JSON.stringify(result.profile));
    topSelf(result.profile);
    ws.close();
  } finally {
    agent.destroy();
    await wd.stop();
  }
}
