//! Node ESM: a script in the user's project imports `kling-wasm` and its subpaths by name, with
//! no init call (the "node" condition initialises from the file), and runs the client through
//! the proxy (`kling-wasm/proxy` + the `kling-wasm/node` adapter) against the Kling emulator.
//! Then `tsc` checks the typings of every subpath, resolved through the package's exports.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator } from "../support/kling-emulator.mjs";
import { appDir, PNG_HEADER, ROOT } from "./support.mjs";

const AK = "ak-packaging";
const SK = "sk-packaging-0123456789abcdef";

const SCRIPT = `import { createServer } from "node:http";
import { buildOmniVideoBody, isReady, KlingClient, KlingError, validateOmniVideo } from "kling-wasm";
import { probeImage } from "kling-wasm/media";
import * as main from "kling-wasm";
import * as slim from "kling-wasm/slim";
import * as proxyModule from "kling-wasm/proxy";
import { toNodeListener } from "kling-wasm/node";

const valid = { model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" };
const thrown = (fn) => { try { fn(); } catch (e) { return e; } };
const fromMain = thrown(() => buildOmniVideoBody({ prompt: "" }));
const fromProxy = thrown(() => proxyModule.createKlingProxy({}));

const proxy = proxyModule.createKlingProxy({ upstream: process.env.EMU_URL, accessKey: process.env.AK, secretKey: process.env.SK, allowAnonymous: true });
const server = createServer(toNodeListener(proxy));
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = \`http://127.0.0.1:\${server.address().port}/kling\`;
const client = new KlingClient({ baseUrl: base, auth: { kind: "proxy" } });
const task = await client.createOmniVideo({ ...valid, external_task_id: "pack-1" });
const unknown = await fetch(\`\${base}/v1/not-a-kling-path\`);
server.close();

const info = await probeImage(new Uint8Array(${JSON.stringify(PNG_HEADER)}));
console.log(JSON.stringify({
  valid: validateOmniVideo(valid).ok,
  mainError: fromMain instanceof KlingError && fromMain.code,
  proxyError: fromProxy instanceof KlingError && fromProxy.code,
  oneClass: proxyModule.KlingError === KlingError && slim.KlingError === KlingError,
  slim: typeof slim.initSync === "function" && !("probeImage" in slim),
  readyAtImport: isReady() && slim.ready === main.ready,
  mainHasProbes: "probeImage" in main,
  task: { id: typeof task.task_id, external: task.task_info?.external_task_id },
  unknown: { status: unknown.status, code: (await unknown.json()).code },
  probe: { format: info.format, width: info.width, height: info.height },
}));
`;

// Uses each subpath's declared types, the raw .wasm subpaths included; compiled with the
// package's own typings under a plain strict config (skipLibCheck off, the default lib of ES2022).
const TYPES = `import init, { initSync, isReady, KlingError, ready, validateOmniVideo, type Report } from "kling-wasm";
import mainWasm from "kling-wasm/kling_wasm_bg.wasm";
import mediaWasm from "kling-wasm/media_bg.wasm";
import proxyWasm from "kling-wasm/proxy_bg.wasm";
import { initSync as initSlim, buildOmniVideoBody } from "kling-wasm/slim";
import { createKlingProxy, initSync as initProxy, type KlingProxyConfig } from "kling-wasm/proxy";
import { probeImage, probeVideo, type ImageInfo, type VideoInfo } from "kling-wasm/media";
import { toNodeListener } from "kling-wasm/node";
import { durableObjectStore, klingStoreObject, type KlingStoreNamespace } from "kling-wasm/cloudflare";

export const report: Report = validateOmniVideo({ prompt: "x" });
export const body: string = buildOmniVideoBody({ prompt: "x" });
export const image: Promise<ImageInfo> = probeImage(new Uint8Array(8));
export const video: Promise<VideoInfo> = probeVideo(new Uint8Array(8));
const config: KlingProxyConfig = { apiKey: "k", allowAnonymous: true };
export const listener = toNodeListener(createKlingProxy(config));
export const err = new KlingError("x", { code: "timeout" });
export const inits = [init, initSync, initSlim, initProxy];
export const loaded: Promise<void> = ready.then(() => void isReady());
export const modules: WebAssembly.Module[] = [mainWasm, mediaWasm, proxyWasm];
export const fromWorker = () => initProxy({ module: proxyWasm });
export const doStore = (ns: KlingStoreNamespace) => createKlingProxy({ ...config, store: durableObjectStore(ns) });
export const StoreObject = klingStoreObject(() => config);
// @ts-expect-error the proxy config is checked
createKlingProxy({ apiKey: 1 });
// @ts-expect-error the slim entry has no probes: they need the media module
import("kling-wasm/slim").then((m) => m.probeImage);
// @ts-expect-error the main entry has no probes either: they are in kling-wasm/media
import("kling-wasm").then((m) => m.probeImage);
`;

// The adapter's typings name node:http's types; a stand-in keeps this check free of @types/node.
const NODE_HTTP_STUB = `declare module "node:http" {
  export interface IncomingMessage { method?: string; url?: string; rawHeaders: string[] }
  export interface ServerResponse { headersSent: boolean }
}
`;

test("Node ESM: import by name with no init call; client -> proxy (Node adapter) -> emulator", async () => {
  const app = appDir();
  writeFileSync(join(app, "node-check.mjs"), SCRIPT);
  const emu = await startEmulator({ accessKey: AK, secretKey: SK });
  let out;
  try {
    out = await new Promise((ok, fail) =>
      execFile(process.execPath, ["node-check.mjs"], { cwd: app, env: { ...process.env, EMU_URL: emu.url, AK, SK }, timeout: 30_000 }, (e, stdout, stderr) =>
        e ? fail(new Error(`${e.message}\n${stderr}`)) : ok(stdout)),
    );
  } finally {
    await emu.close();
  }
  const r = JSON.parse(out.trim().split("\n").pop());
  assert.equal(r.valid, true);
  assert.equal(r.mainError, "validation_failed", "the main module throws KlingError");
  assert.equal(r.proxyError, "config_error", "the proxy module throws the same KlingError class");
  assert.equal(r.oneClass, true, "every entry exports the one KlingError");
  assert.equal(r.slim, true, "kling-wasm/slim: initSync, no probes");
  assert.equal(r.readyAtImport, true, "the Node entry is ready at import; one ready for every entry");
  assert.equal(r.mainHasProbes, false, "the probes are in kling-wasm/media");
  assert.deepEqual(r.task, { id: "string", external: "pack-1" }, "the create went through the proxy to the emulator");
  assert.deepEqual(r.unknown, { status: 404, code: 1203 }, "the proxy refuses a path off its allow-list");
  assert.deepEqual(r.probe, { format: "png", width: 640, height: 360 });
});

test("TypeScript: every subpath's typings resolve through the exports map and type-check", () => {
  const dir = join(appDir(), "ts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "check.ts"), TYPES);
  writeFileSync(join(dir, "node-http.d.ts"), NODE_HTTP_STUB);
  for (const resolution of ["bundler", "nodenext"]) {
    const module = resolution === "bundler" ? "ES2022" : "NodeNext";
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module, moduleResolution: resolution, types: [], skipLibCheck: false },
      files: ["check.ts", "node-http.d.ts"],
    }));
    try {
      execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc (moduleResolution ${resolution}) failed:\n${e.stdout}${e.stderr}`);
    }
  }
});
