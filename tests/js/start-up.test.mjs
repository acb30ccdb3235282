//! The web entry's non-blocking start (js/ready.mjs, js/web-start.mjs): each scenario of
//! start-up-child.mjs runs in a fresh process (a module instance of its own): the .wasm held back
//! (every export before and after `ready`), answered with 404, with an HTML page, or failing.
//! Also: the Node entry and the slim entry's initSync mark `ready`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import lib, { importSubpath, PKG_DIR } from "./load-pkg.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

function child(scenario) {
  return new Promise((resolve) =>
    execFile(process.execPath, [join(HERE, "start-up-child.mjs"), scenario], { env: { ...process.env, KLING_PKG_DIR: PKG_DIR }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ error, out: `${stdout}${stderr}` }),
    ),
  );
}

const LABEL = { delayed: "held back then sent", file: "read from its file (index.js by path in Node)" };
for (const scenario of ["delayed", "404", "html", "network", "file"]) {
  test(`web entry, .wasm ${LABEL[scenario] ?? `answered ${scenario}`}: every export as contracted`, async () => {
    const { error, out } = await child(scenario);
    assert.equal(error, null, out);
    assert.match(out, new RegExp(`start-up ${scenario}: ok`));
  });
}

test("Node entry: ready at import", async () => {
  assert.equal(lib.isReady(), true);
  assert.equal(await lib.ready, undefined);
  assert.equal(lib.validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "1:1" }).ok, true);
});

test("slim entry: not ready until the caller's initSync, which marks ready (one ready for every entry)", async () => {
  const slim = await importSubpath("slim");
  assert.equal(slim.ready, lib.ready, "one ready for every entry of the main module");
  const { error, out } = await child("slim");
  assert.equal(error, null, out);
  assert.match(out, /start-up slim: ok/);
});
