//! probeImage / probeVideo give the same info whatever holds the bytes: a Uint8Array (probed in
//! the call, no await per read), an ArrayBuffer, other views, a buffer or view of another realm,
//! a real Blob and a Blob look-alike (read slice by slice). Bytes are taken when the probe is
//! called, and kling-wasm/media's probes never throw, first call or later.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { importSubpath } from "./load-pkg.mjs";

const lib = await importSubpath("media");

const FIXTURES = new URL("../fixtures/media/generated/", import.meta.url);
const VIDEOS = ["fps_24.mp4", "fps_25.mp4", "dur_10.mov", "codec_hevc.mp4", "big_moov_end.mp4", "audio_only.mp4", "corrupt_trunc.png"];
const IMAGES = ["corrupt_trunc.png", "corrupt_text.jpg", "corrupt_empty.png", "fps_24.mp4"];

/** A Blob look-alike over `bytes` (what the benchmark's in-memory source is). */
function blobLike(bytes) {
  const wrap = (start, end) => ({
    size: end - start,
    slice: (a = 0, b = end - start) => wrap(start + Math.min(a, end - start), start + Math.min(b, end - start)),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end),
  });
  return wrap(0, bytes.length);
}

/** Every way to hand over the same bytes, by name. */
function holders(file) {
  const bytes = new Uint8Array(readFileSync(new URL(file, FIXTURES)));
  const padded = new Uint8Array(bytes.length + 3);
  padded.set(bytes, 3);
  const other = runInNewContext("(n) => new Uint8Array(n)")(bytes.length);
  other.set(bytes);
  return {
    bytes,
    "ArrayBuffer": bytes.slice().buffer,
    "offset Uint8Array": padded.subarray(3),
    "DataView": new DataView(padded.buffer, 3),
    "Uint8Array of another realm": other,
    "ArrayBuffer of another realm": other.buffer,
    "DataView of another realm": runInNewContext("(b) => new DataView(b)")(other.buffer),
    "ArrayBuffer dressed as a Blob": Object.assign(bytes.slice().buffer, { size: 1, arrayBuffer: async () => new ArrayBuffer(1) }),
    "Blob": new Blob([bytes]),
    "Blob look-alike": blobLike(bytes),
  };
}

for (const [kind, files] of [["probeVideo", VIDEOS], ["probeImage", IMAGES]]) {
  test(`${kind}: every holder of the same bytes gives the same info`, async () => {
    for (const file of files) {
      const { bytes, ...others } = holders(file);
      const want = await lib[kind](bytes, { path: "/x" });
      assert.equal(want.bytes, bytes.length, `${file}: bytes`);
      for (const [name, input] of Object.entries(others)) assert.deepEqual(await lib[kind](input, { path: "/x" }), want, `${kind}(${file} as ${name})`);
    }
  });
}

test("bytes are taken when the probe is called", async () => {
  const bytes = new Uint8Array(readFileSync(new URL("fps_24.mp4", FIXTURES)));
  const want = await lib.probeVideo(bytes.slice());
  const pending = lib.probeVideo(bytes);
  bytes.fill(0);
  assert.deepEqual(await pending, want);
  assert.equal(want.durationSeconds, 5);
});

test("kling-wasm/media's probes return a promise and never throw, first call or later", async () => {
  for (let i = 0; i < 3; i++) {
    for (const kind of ["probeImage", "probeVideo"]) {
      const pending = lib[kind](undefined, { locale: "zh" });
      assert.ok(pending instanceof Promise, `${kind} returned ${typeof pending}`);
      const info = await pending;
      assert.equal(info.issues[0]?.code, "wrong_type");
    }
  }
});
