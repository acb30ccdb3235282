//! The package's layout (scripts/pkg-files.mjs): the exports map points at files that exist,
//! with types first; the three wasm modules each export only their own area; every entry shares
//! the one KlingError class; the probes are in kling-wasm/media only; ready / isReady everywhere;
//! the license texts ship.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import lib, { declaredFunctions, importSubpath, PKG_DIR } from "./load-pkg.mjs";

const meta = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));

test("exports: every target exists, types come first, the auto-initialising entries are the only side effects", () => {
  for (const [key, value] of Object.entries(meta.exports)) {
    const targets = typeof value === "string" ? [value] : Object.values(value);
    for (const t of targets) assert.ok(existsSync(join(PKG_DIR, t)), `${key} -> ${t} exists`);
    if (typeof value !== "string") assert.equal(Object.keys(value)[0], "types", `${key}: "types" first`);
  }
  for (const key of [".", "./slim", "./media", "./media/slim", "./proxy", "./proxy/slim", "./node", "./cloudflare", "./kling_wasm_bg.wasm", "./media_bg.wasm", "./proxy_bg.wasm"]) {
    assert.ok(key in meta.exports, `${key} is exported`);
  }
  for (const key of [".", "./media", "./proxy"]) {
    const c = meta.exports[key];
    assert.equal(c.workerd, c.worker, `${key}: workerd and worker share the slim entry`);
    assert.match(c.workerd, /slim\.js$/);
    assert.match(c.node, /index\.node\.js$/);
    assert.equal(c.default, c.browser);
  }
  assert.ok(Array.isArray(meta.sideEffects) && meta.sideEffects.every((f) => /index(\.node)?\.js$/.test(f)), `${meta.sideEffects}`);
});

test("the license texts the crate names (MIT OR Apache-2.0) ship with the package, as the repository's", () => {
  assert.equal(meta.license, "MIT OR Apache-2.0");
  for (const name of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(meta.files.includes(name), `package.json files lists ${name}`);
    assert.equal(readFileSync(join(PKG_DIR, name), "utf8"), readFileSync(new URL(`../../${name}`, import.meta.url), "utf8"), name);
  }
  assert.match(readFileSync(join(PKG_DIR, "LICENSE-APACHE"), "utf8"), /Apache License\s+Version 2\.0/);
  assert.match(readFileSync(join(PKG_DIR, "LICENSE-MIT"), "utf8"), /^MIT License/);
});

test("kling-wasm/cloudflare: the Durable Object store over the proxy module's one op implementation, typed", () => {
  const text = readFileSync(join(PKG_DIR, "cloudflare.mjs"), "utf8");
  // workerd resolves these; the proxy module's glue is the one the Worker initialised.
  for (const from of ["cloudflare:workers", "./proxy/proxy.js", "./proxy/driver.js", "./kling-error.js"]) assert.match(text, new RegExp(`from "${from}"`));
  for (const f of [/^export class KlingStoreObject extends DurableObject/m, /^export function klingStoreObject\(/m, /^export function durableObjectStore\(/m]) assert.match(text, f);
  const dts = readFileSync(join(PKG_DIR, "cloudflare.d.ts"), "utf8");
  for (const name of ["KlingStoreObject", "klingStoreObject", "durableObjectStore"]) assert.match(dts, new RegExp(`export declare (class|function) ${name}\\b`));
  assert.ok(!meta.sideEffects.includes("./cloudflare.mjs"), "no side effects at import");
});

test("each wasm module exports only its own area", async () => {
  const exported = async (path) => Object.keys(await import(new URL(path, `file://${PKG_DIR}/`).href));
  const main = await exported("kling_wasm.js");
  const media = await exported("media/media.js");
  const proxy = await exported("proxy/proxy.js");
  assert.ok(main.includes("validateOmniVideo") && main.includes("KlingClient") && main.includes("signKlingToken"));
  assert.ok(!main.includes("probeImage") && !main.includes("createKlingProxy"), "main: no media, no proxy");
  assert.ok(media.includes("probeImage") && media.includes("probeVideo") && !media.includes("validateOmniVideo"));
  // The proxy's glue exports the raw steps its driver (proxy/driver.js) runs; the entry exports
  // createKlingProxy from the driver and none of the raw steps.
  assert.ok(proxy.includes("__kwRequestPoll") && !proxy.includes("validateOmniVideo") && !proxy.includes("probeImage"));
  const entry = Object.keys(await importSubpath("proxy"));
  assert.ok(entry.includes("createKlingProxy") && entry.includes("initSync"), `${entry}`);
  assert.deepEqual(entry.filter((k) => k.startsWith("__kw")), [], "the raw steps stay inside the package");
});

test("one KlingError: thrown by the main and the proxy module alike, exported by every entry", async () => {
  const proxy = await importSubpath("proxy");
  const media = await importSubpath("media");
  const slim = await importSubpath("slim");
  let fromMain, fromProxy;
  try {
    lib.buildOmniVideoBody({ prompt: "" });
  } catch (e) {
    fromMain = e;
  }
  try {
    proxy.createKlingProxy({ apiKey: "k" }); // no authorize hook and not allowAnonymous
  } catch (e) {
    fromProxy = e;
  }
  assert.ok(fromMain instanceof lib.KlingError && fromMain.code === "validation_failed", `${fromMain}`);
  assert.ok(fromProxy instanceof lib.KlingError && fromProxy.code === "config_error", `${fromProxy}`);
  for (const entry of [proxy, media, slim]) assert.equal(entry.KlingError, lib.KlingError);
});

test("the probes are in kling-wasm/media only: no main entry exports them", async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x02, 0x80, 0, 0, 0x01, 0x68, 8, 2, 0, 0, 0]);
  const media = await importSubpath("media");
  const image = await media.probeImage(png);
  assert.deepEqual([image.format, image.width, image.height], ["png", 640, 360]);
  const video = await media.probeVideo(new Uint8Array(16));
  assert.equal(video.container, null);
  assert.ok(video.issues.length > 0, "an unreadable video is an issue, not a throw");
  assert.equal(typeof media.initSync, "function");
  for (const entry of ["index.js", "index.node.js", "slim.js"]) {
    const text = readFileSync(join(PKG_DIR, entry), "utf8");
    assert.ok(!/probeImage|probeVideo|media\//.test(text), `${entry} neither exports the probes nor imports the media module`);
  }
  assert.ok(!("probeImage" in lib) && !("probeVideo" in lib));
  assert.ok(!("probeImage" in (await importSubpath("slim"))));
});

test("every main entry exports ready and isReady (one ready.js); the web entries have no top-level await", async () => {
  const slim = await importSubpath("slim");
  assert.equal(slim.ready, lib.ready);
  assert.equal(slim.isReady, lib.isReady);
  assert.ok(lib.ready instanceof Promise);
  for (const entry of ["index.js", "media/index.js"]) {
    const text = readFileSync(join(PKG_DIR, entry), "utf8");
    // (an `await` outside any function: the generated entries have no functions of their own)
    assert.ok(!/\bawait\b/.test(text), `${entry} has no top-level await`);
    assert.match(text, /new URL\("\.\/[\w]+_bg\.wasm", import\.meta\.url\)/, `${entry}: the .wasm URL is written the way bundlers recognise`);
  }
  const web = readFileSync(join(PKG_DIR, "index.js"), "utf8");
  for (const name of declaredFunctions()) assert.match(web, new RegExp(`export const ${name} = `), `index.js wraps ${name}`);
});
