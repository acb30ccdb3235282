//! The checks both browser tests (Vite, plain ESM) make on what their page reported.

import assert from "node:assert/strict";

const MAIN_WASM = /kling_wasm_bg[\w-]*\.wasm$/;
const MEDIA_WASM = /media_bg[\w-]*\.wasm$/;
const PROXY_WASM = /proxy_bg[\w-]*\.wasm$/;

/** `result` is runPage's: not_ready at import, then validate/build worked, and the media module loaded only for the probe. */
export function checkPage(result) {
  assert.deepEqual(result.errors, [], "no page errors");
  assert.deepEqual(result.stage0, { ready: false, code: "not_ready" }, "at import the module is still loading: validate reports not_ready");
  const s = result.stage1;
  assert.equal(s.failed, undefined, `ready resolved: ${s.failed}`);
  assert.equal(s.ok, true, "a valid request validates");
  assert.ok(s.badPaths.includes("/prompt") && s.badPaths.includes("/aspect_ratio"), `issues at their fields: ${s.badPaths}`);
  assert.equal(s.body.model_name, "kling-v3-omni");
  assert.equal(s.body.duration, "5");
  assert.ok(s.models > 0, "capabilities() lists models");
  assert.equal(s.klingError, true, "build throws the package's KlingError");
  assert.ok(result.before.some((p) => MAIN_WASM.test(p)), `the main .wasm loaded: ${result.before}`);
  assert.ok(!result.before.some((p) => MEDIA_WASM.test(p)), `the media .wasm waits for the first probe: ${result.before}`);
  assert.deepEqual(result.probe, { format: "png", width: 640, height: 360 });
  assert.ok(result.after.some((p) => MEDIA_WASM.test(p)), `probeImage loaded the media .wasm: ${result.after}`);
  assert.ok(!result.after.some((p) => PROXY_WASM.test(p)), "the proxy .wasm never loads in a page");
}
