//! Deno and Bun (both from npm, pinned in devDependencies): a script in the user's project imports
//! `kling-wasm` and `kling-wasm/proxy` by name, as each runtime resolves the exports map, serves
//! the signing proxy with the runtime's own server (`Deno.serve`, `Bun.serve`: `proxy.fetch` is a
//! plain fetch handler), and runs the client through it against the Kling emulator; then
//! validates, builds, and probes an image (which loads the media module).

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../support/kling-emulator.mjs";
import { appDir, PNG_HEADER, ROOT } from "./support.mjs";

const AK = "ak-edge-runtimes";
const SK = "sk-edge-runtimes-0123456789abcdef";

const SCRIPT = `import { buildOmniVideoBody, isReady, KlingClient, KlingError, validateOmniVideo } from "kling-wasm";
import { probeImage } from "kling-wasm/media";
import { createKlingProxy } from "kling-wasm/proxy";

const env = globalThis.Deno ? Deno.env.toObject() : process.env;
const valid = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };
let thrown;
try { buildOmniVideoBody({ prompt: "" }); } catch (e) { thrown = e; }

const proxy = createKlingProxy({ upstream: env.EMU_URL, accessKey: env.AK, secretKey: env.SK, allowAnonymous: true });
const handler = (request) => proxy.fetch(request);
let port, stop;
if (globalThis.Deno) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  port = server.addr.port;
  stop = () => server.shutdown();
} else {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handler });
  port = server.port;
  stop = () => server.stop(true);
}
const base = \`http://127.0.0.1:\${port}/kling\`;
const client = new KlingClient({ baseUrl: base, auth: { kind: "proxy" } });
const task = await client.createOmniVideo({ ...valid, external_task_id: "edge-1" });
const done = await client.waitForTask("omni-video", task.task_id, { timeoutMs: 10000 });
const unknown = await fetch(\`\${base}/v1/not-a-kling-path\`);
const unknownCode = (await unknown.json()).code;
await stop();

const info = await probeImage(new Uint8Array(${JSON.stringify(PNG_HEADER)}));
console.log(JSON.stringify({
  runtime: globalThis.Deno ? "deno" : "bun",
  valid: validateOmniVideo(valid).ok,
  ready: isReady(),
  body: JSON.parse(buildOmniVideoBody(valid)).model_name,
  thrown: thrown instanceof KlingError && thrown.code,
  task: { external: task.task_info?.external_task_id, status: done.task_status, videos: done.task_result?.videos?.length },
  unknown: { status: unknown.status, code: unknownCode },
  probe: { format: info.format, width: info.width, height: info.height },
}));
`;

const RUNTIMES = {
  deno: [join(ROOT, "node_modules/.bin/deno"), ["run", "--allow-all", "--quiet", "edge-check.mjs"]],
  bun: [join(ROOT, "node_modules/.bin/bun"), ["edge-check.mjs"]],
};

for (const [name, [bin, args]] of Object.entries(RUNTIMES)) {
  test(`${name}: import by name; client -> proxy (${name === "deno" ? "Deno.serve" : "Bun.serve"}) -> emulator; probe`, async () => {
    const app = appDir();
    writeFileSync(join(app, "edge-check.mjs"), SCRIPT);
    const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
    let out;
    try {
      out = await new Promise((ok, fail) =>
        execFile(bin, args, { cwd: app, env: { ...process.env, EMU_URL: emu.url, AK, SK, NO_COLOR: "1" }, timeout: 60_000 }, (e, stdout, stderr) =>
          e ? fail(new Error(`${name}: ${e.message}\n${stderr}`)) : ok(stdout)),
      );
    } finally {
      await emu.close();
    }
    const r = JSON.parse(out.trim().split("\n").pop());
    assert.equal(r.runtime, name);
    assert.equal(r.valid, true);
    assert.equal(r.ready, true);
    assert.equal(r.body, "kling-v3-omni", "the body names its model");
    assert.equal(r.thrown, "validation_failed", "build throws KlingError");
    assert.deepEqual(r.task, { external: "edge-1", status: "succeed", videos: 1 }, "created and waited for through the proxy");
    assert.deepEqual(r.unknown, { status: 404, code: 1203 }, "the proxy refuses a path off its allow-list");
    assert.deepEqual(r.probe, { format: "png", width: 640, height: 360 });
  });
}
