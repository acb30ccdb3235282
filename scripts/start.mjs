#!/usr/bin/env node
// `npm start`: installs what is missing (scripts/setup.sh), builds the package (scripts/build.mjs),
// then runs the demo (scripts/demo-server.mjs): the page, the signing proxy at /kling and the
// Kling API emulator — or the real API with KLING_UPSTREAM and keys — on 127.0.0.1, until Ctrl-C.
//
//   --port N (or PORT=N)  port; 0 = a free one. Default 8080, or the next free one after it.
//   --release             build the optimised package      --no-build  serve what pkg/ has
//   --no-setup            skip scripts/setup.sh             --quiet     no per-callback log lines

import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startDemo } from "./demo-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opt } = parseArgs({
  options: {
    port: { type: "string" },
    release: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    "no-setup": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

function step(cmd, args) {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
  } catch {
    process.exit(1); // the step said why
  }
}

const portText = opt.port ?? process.env.PORT;
const port = Number(portText ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`start: bad port "${portText}"`);
  process.exit(2);
}
if (!opt["no-setup"]) step("bash", [join(root, "scripts", "setup.sh")]);
if (!opt["no-build"]) step(process.execPath, [join(root, "scripts", "build.mjs"), ...(opt.release ? ["--release"] : [])]);

let demo;
try {
  demo = await startDemo({
    port,
    tryNextPorts: portText === undefined ? 20 : 0,
    log: opt.quiet ? () => {} : (line) => console.log(`start: ${line}`),
  });
} catch (e) {
  console.error(`start: cannot start the demo: ${e.message}`);
  process.exit(1);
}

if (demo.note) console.log(`start: ${demo.note}`);
console.log(
  demo.real
    ? `start: proxy -> the REAL Kling API at ${demo.upstream} (paid calls; keys from the environment)`
    : `start: proxy -> the Kling API emulator at ${demo.upstream} (tasks: processing after 1 s, done after 4 s)`,
);
console.log(`start: the kling-wasm demo is at ${demo.url}/  (Ctrl-C stops)`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    console.log("\nstart: stopping");
    demo.close().then(() => process.exit(0), () => process.exit(1));
  });
}
