// Starts the real workerd binary (npm `workerd`) with a generated config: the given worker entry
// plus every file of the built package embedded as modules. Returns { url, port, pid, logs, stop }.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild } from "./child.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WORKERD = join(ROOT, "node_modules/@cloudflare/workerd-linux-64/bin/workerd");

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const capnpString = (s) => JSON.stringify(String(s));

/**
 * `durableObjects`: { BINDING: "ClassName" } — each class (exported by the entry) gets a
 * namespace bound as env.BINDING, with in-memory storage (gone when workerd stops).
 * @param {{ entry: string, pkgDir?: string, bindings?: Record<string,string>, durableObjects?: Record<string,string>, port?: number }} o
 */
export async function startWorkerd({ entry, pkgDir = join(ROOT, process.env.KLING_PKG ?? "pkg"), bindings = {}, durableObjects = {}, port }) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), "kling-workerd-"));
  cpSync(pkgDir, join(dir, "pkg"), { recursive: true });
  cpSync(entry, join(dir, "worker.mjs"));
  const modules = [`(name = "worker.mjs", esModule = embed "worker.mjs")`];
  for (const file of listFiles(join(dir, "pkg"))) {
    const name = relative(dir, file);
    if (name.endsWith(".js") || name.endsWith(".mjs")) modules.push(`(name = ${capnpString(name)}, esModule = embed ${capnpString(name)})`);
    else if (name.endsWith(".wasm")) modules.push(`(name = ${capnpString(name)}, wasm = embed ${capnpString(name)})`);
  }
  const binds = Object.entries({ PUBLIC_URL: `http://127.0.0.1:${port}`, ...bindings }).map(
    ([k, v]) => `(name = ${capnpString(k)}, text = ${capnpString(v)})`,
  );
  const classes = [...new Set(Object.values(durableObjects))];
  for (const [k, cls] of Object.entries(durableObjects)) binds.push(`(name = ${capnpString(k)}, durableObjectNamespace = ${capnpString(cls)})`);
  const objects = classes.length === 0 ? "" : `
  durableObjectNamespaces = [ ${classes.map((c) => `(className = ${capnpString(c)}, uniqueKey = ${capnpString(`kling-test-${c}`)})`).join(", ")} ],
  durableObjectStorage = (inMemory = void),`;
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker),
               (name = "internet", network = (allow = ["public", "private", "local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ]);
const mainWorker :Workerd.Worker = (
  modules = [ ${modules.join(",\n    ")} ],
  bindings = [ ${binds.join(",\n    ")} ],${objects}
  compatibilityDate = "2025-09-01", globalOutbound = "internet");
`,
  );
  const child = spawn(WORKERD, ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  const logs = [];
  child.stdout.on("data", (d) => logs.push(String(d)));
  child.stderr.on("data", (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  // Wait until it answers (workerd starts in well under a second here).
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`workerd exited with ${child.exitCode}:\n${logs.join("")}`);
    }
    try {
      await fetch(url + "/__ping");
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`workerd did not start:\n${logs.join("")}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { url, port, pid: child.pid, logs, stop };
}
