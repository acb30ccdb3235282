//! Hostile input to probeImage / probeVideo / checkCustomElementMedia (the package's "kling-wasm/media" entry): any value as the input and in the options, Blob look-alikes that lie or throw,
//! detached, shared, resizable and proxied buffers, 10 MB inputs. Each probe resolves with its info
//! and the issues found (they never reject for bad input, never throw synchronously); after every
//! input a real PNG still probes right; the shared prototypes are untouched.

import { test } from "node:test";
import assert from "node:assert/strict";
import { importSubpath } from "./load-pkg.mjs";
import { MB10, assertIssue, assertReport, detachedBytes, settles, throwingProxy, trickyError } from "./hostile-values.mjs";
import { hostileSuite, repeatThenAlive } from "./hostile-runner.mjs";

const lib = await importSubpath("media");
const { KlingError } = lib;

/** A PNG's signature and IHDR chunk: enough for the probe to read format and size. */
function png(width, height) {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  b.set([8, 2, 0, 0, 0], 24);
  return b;
}

/**
 * Probes `input`: the promise resolves with info whose issues are well formed; returns the info.
 * Issues sit at the caller's `path` option, taken as given (see RELIABILITY.md), else at pointers.
 */
async function probe(kind, input, options) {
  const { value: info } = await settles(KlingError, () => lib[kind](input, options), []);
  assert.ok(info && Array.isArray(info.issues), `${kind} gave ${JSON.stringify(info)?.slice(0, 100)}`);
  let given; // the caller's path option, if this test can read it (hostile options may throw)
  try {
    given = typeof options?.path === "string" ? options.path.toWellFormed() : undefined;
  } catch {}
  // A long one comes back clipped to 256 bytes + "…" (reports are bounded, RELIABILITY.md).
  const asGiven = (p) => p === given || (given !== undefined && p.endsWith("…") && given.startsWith(p.slice(0, -1)));
  info.issues.forEach((i) => assertIssue(asGiven(i.path) ? { ...i, path: "" } : i));
  assert.equal(typeof info.bytes, "number");
  return info;
}

const refused = (info) => assert.ok(info.issues.some((i) => i.severity === "error"), "no error issue");

async function alive() {
  const info = await probe("probeImage", png(640, 480));
  assert.deepEqual([info.format, info.width, info.height], ["png", 640, 480], "the media module stopped working");
  assert.equal({}.polluted, undefined);
}

const { each, run: runCases, finish } = hostileSuite("hostile-media", alive);

test("any value as the input or the options", async () => {
  const cases = [];
  for (const kind of ["probeImage", "probeVideo"]) {
    cases.push(...each(`${kind}(value)`, async (v) => refused(await probe(kind, v))));
    cases.push(...each(`${kind}(png, options)`, (v) => probe(kind, png(64, 64), v)));
    for (const key of ["path", "locale", "rules"]) cases.push(...each(`${kind}(png, { ${key} })`, (v) => probe(kind, png(64, 64), { [key]: v })));
  }
  await runCases(cases);
});

test("buffers: detached, shared, resizable, proxied, views of every kind", async () => {
  const shared = new SharedArrayBuffer(64);
  new Uint8Array(shared).set(png(8, 8));
  const resizable = new ArrayBuffer(33, { maxByteLength: 64 });
  new Uint8Array(resizable).set(png(8, 8));
  const INPUTS = [
    ["detached Uint8Array", () => detachedBytes()], ["detached Uint16Array", () => detachedBytes(Uint16Array)],
    ["detached DataView", () => detachedBytes(DataView)], ["detached ArrayBuffer", () => detachedBytes().buffer],
    ["SharedArrayBuffer", () => shared], ["Uint8Array on a SharedArrayBuffer", () => new Uint8Array(shared)],
    ["resizable ArrayBuffer", () => resizable], ["Uint8Array on a resizable buffer", () => new Uint8Array(resizable)],
    ["Proxy of a Uint8Array", () => new Proxy(png(8, 8), {})], ["Proxy of an ArrayBuffer", () => new Proxy(png(8, 8).buffer, {})],
    ["Proxy of a Uint8Array whose traps throw", () => throwingProxy(png(8, 8))],
    ["offset view", () => new Uint8Array(new Uint8Array([0, 0, ...png(8, 8)]).buffer, 2)], ["Float32Array", () => new Float32Array(png(8, 8).buffer.slice(0, 32))],
    ["BigInt64Array", () => new BigInt64Array(png(8, 8).buffer.slice(0, 32))], ["DataView", () => new DataView(png(8, 8).buffer)],
    ["Uint8Array with a lying length", () => Object.defineProperty(png(8, 8), "length", { value: 2 ** 40 })],
    ["Uint8Array with a throwing subarray", () => Object.assign(png(8, 8), { subarray() { throw new Error("sub"); } })],
    ["10 MB of zeros", () => new Uint8Array(MB10)], ["PNG of 2^32-1 px", () => png(0xffffffff, 0xffffffff)], ["empty", () => new Uint8Array(0)],
  ];
  const cases = [];
  for (const kind of ["probeImage", "probeVideo"]) {
    for (const [name, make] of INPUTS) cases.push({ label: `${kind}(${name})`, run: () => probe(kind, make()) });
  }
  await runCases(cases);
});

test("Blob look-alikes that lie or throw", async () => {
  const bytes = png(8, 8);
  const blobLike = (over) => ({ size: bytes.length, slice: (a, b) => new Blob([bytes.slice(a, b)]), arrayBuffer: async () => bytes.buffer, ...over });
  const BLOBS = [
    ["a real Blob", () => new Blob([bytes])], ["a real File", () => new File([bytes], "x.png")], ["a 10 MB Blob", () => new Blob([new Uint8Array(MB10)])],
    ["slice throws", () => blobLike({ slice() { throw new Error("slice"); } })], ["slice throws a Symbol", () => blobLike({ slice() { throw Symbol("s"); } })],
    ["slice throws a Proxy Error", () => blobLike({ slice() { throw throwingProxy(new Error("x")); } })],
    ["slice throws an Error whose message getter throws", () => blobLike({ slice() { throw trickyError(); } })],
    ["slice returns a number", () => blobLike({ slice: () => 5 })], ["part's arrayBuffer rejects", () => blobLike({ slice: () => ({ arrayBuffer: () => Promise.reject(new Error("io")) }) })],
    ["part's arrayBuffer gives a string", () => blobLike({ slice: () => ({ arrayBuffer: async () => "nope" }) })],
    ["part's arrayBuffer gives a detached buffer", () => blobLike({ slice: () => ({ arrayBuffer: async () => detachedBytes().buffer }) })],
    ["part's arrayBuffer is not a promise", () => blobLike({ slice: () => ({ arrayBuffer: () => bytes.buffer }) })],
    ["size NaN", () => blobLike({ size: NaN })], ["size -1", () => blobLike({ size: -1 })], ["size Infinity", () => blobLike({ size: Infinity })],
    ["size 2^60, slice gives 33 bytes", () => blobLike({ size: 2 ** 60 })], ["size 1 TB, slice gives nothing", () => blobLike({ size: 2 ** 40, slice: () => new Blob([]) })],
    ["size as a string", () => blobLike({ size: "33" })], ["size getter throws", () => Object.defineProperty(blobLike({}), "size", { get() { throw new Error("size"); } })],
    ["a Blob Proxy whose traps throw", () => throwingProxy(new Blob([bytes]))], ["slice a Proxy function", () => blobLike({ slice: throwingProxy(() => {}) })],
  ];
  const cases = [];
  for (const kind of ["probeImage", "probeVideo"]) {
    for (const [name, make] of BLOBS) cases.push({ label: `${kind}(${name})`, run: () => probe(kind, make()) });
  }
  await runCases(cases);
});

test("base64 text: 10 MB, lone surrogates, data URLs, junk", async () => {
  const b64 = Buffer.from(png(8, 8)).toString("base64");
  const TEXTS = ["", " ", "=", "====", "A".repeat(MB10), `data:image/png;base64,${b64}`, ` ${b64} `, `${b64}\n${b64}`, b64.replace("A", "\ud800"),
    b64.replace("A", "-"), b64.slice(0, -1), "\u0000", "%%%%", b64 + "=".repeat(100)];
  await runCases(TEXTS.map((text) => ({ label: `probeImage(${JSON.stringify(text.slice(0, 24))}, ${text.length} chars)`, run: () => probe("probeImage", text) })));
});

test("checkCustomElementMedia: any value as the request, the files, a file or the options", async () => {
  const url = "https://cdn.example/a.mp4";
  const request = { reference_type: "video_refer", element_video_list: { refer_videos: [{ video_url: url }] } };
  /** Resolves with a Report (never rejects for bad input, never throws synchronously). */
  const check = async (...args) => assertReport((await settles(KlingError, () => lib.checkCustomElementMedia(...args), [])).value);
  const cases = [
    ...each("checkCustomElementMedia(value)", (v) => check(v)),
    ...each("checkCustomElementMedia(request, value)", (v) => check(request, v)),
    // A file left undefined or null is no file (nothing to check); any other value is refused.
    ...each("checkCustomElementMedia(request, { [url]: value })", async (v) => {
      const report = await check(request, { [url]: v });
      if (v === undefined || v === null) assert.deepEqual(report, { ok: true, issues: [] });
      else refused(report);
    }),
    ...each("checkCustomElementMedia(request, {}, value)", (v) => check(request, {}, v)),
    ...each("checkCustomElementMedia(request, Map { url => value })", (v) => check(request, new Map([[url, v]]))),
  ];
  await runCases(cases);
});

test("5,000 calls of each input that once killed the module, then a valid probe", async () => {
  const issue = (code) => ({ value }) => Array.isArray(value?.issues) && value.issues.some((i) => i.code === code && i.severity === "error");
  // js-3: options whose getter throws (Object.assign ran it uncaught).
  const throwingLocale = () => Object.defineProperty({}, "locale", { enumerable: true, get() { throw new Error("getter boom"); } });
  await repeatThenAlive(5_000, throwingLocale, (o) => lib.probeImage(png(8, 8), o), issue("invalid_option"), alive);
  // js-4: a Proxy of bytes (instanceof saw through it, then every read threw) and a detached buffer.
  await repeatThenAlive(5_000, () => new Proxy(png(8, 8), {}), (input) => lib.probeImage(input), issue("wrong_type"), alive);
  await repeatThenAlive(5_000, () => detachedBytes().buffer, (input) => lib.probeVideo(input), ({ value }) => Array.isArray(value?.issues) && value.issues.length > 0, alive);
});

finish(500);
