//! checkCustomElementMedia ("kling-wasm/media"): a custom-element request's refer video checked
//! from the local file before upload against §8.3 (rule EL-VIDEO), on real MP4/MOV files made by
//! ffmpeg (scripts/make-media-fixtures.sh, el_*). A 1080p 16:9 5 s clip passes; 720p, 9 s and
//! 4:3 fail at the refer video's pointer; bad requests, files and options are issues in the
//! report, never a throw or a rejection.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { importSubpath } from "./load-pkg.mjs";

const { checkCustomElementMedia } = await importSubpath("media");

const FIXTURES = new URL("../fixtures/media/generated/", import.meta.url);
const bytesOf = (name) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const URL_A = "https://cdn.example/refer.mp4";
const AT = "/element_video_list/refer_videos/0/video_url";

const request = (url = URL_A) => ({
  element_name: "Ann",
  element_description: "a person",
  reference_type: "video_refer",
  element_video_list: { refer_videos: [{ video_url: url }] },
});

/** A Blob look-alike over `bytes` that records the ranges read (the probe reads slices). */
function countingBlob(bytes, reads) {
  const wrap = (start, end) => ({
    size: end - start,
    slice: (a = 0, b = end - start) => wrap(start + Math.min(a, end - start), start + Math.min(b, end - start)),
    arrayBuffer: async () => {
      reads.push(end - start);
      return bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end);
    },
  });
  return wrap(0, bytes.length);
}

const summary = (report) => report.issues.map((i) => [i.path, i.code, i.rule, i.severity]);

test("a 1080p 16:9 5 s clip passes, as bytes, a Blob, a Map entry, by url or by pointer", async () => {
  const bytes = bytesOf("el_1920x1080_5s.mp4");
  for (const files of [{ [URL_A]: bytes }, { [URL_A]: new Blob([bytes]) }, { [AT]: bytes.buffer }, new Map([[URL_A, new Blob([bytes])]])]) {
    assert.deepEqual(await checkCustomElementMedia(request(), files), { ok: true, issues: [] });
  }
  // 9:16 (a .mov) passes too, and a request given as JSON text.
  const portrait = await checkCustomElementMedia(JSON.stringify(request()), { [URL_A]: bytesOf("el_1080x1920_5s.mov") });
  assert.deepEqual(portrait, { ok: true, issues: [] });
});

test("720p, 9 s and 4:3 each fail with one EL-VIDEO error at the refer video's pointer", async () => {
  const cases = [
    ["el_1280x720_5s.mp4", "media_short_side", /1280×720 px is not 1080p/],
    ["el_1920x1080_9s.mp4", "media_duration", /9 s long; allowed 3 to 8 s/],
    ["el_1440x1080_5s.mp4", "media_aspect_not_allowed", /Aspect ratio 1.333 \(1440×1080 px\) is not one of: 16:9, 9:16/],
  ];
  for (const [name, code, message] of cases) {
    const reads = [];
    const report = await checkCustomElementMedia(request(), { [URL_A]: countingBlob(bytesOf(name), reads) });
    assert.equal(report.ok, false, name);
    assert.deepEqual(summary(report), [[AT, code, "EL-VIDEO", "error"]], name);
    assert.match(report.issues[0].message, message, name);
    assert.ok(reads.length > 0, `${name}: the Blob was read in slices`);
    // The same bytes pass probeVideo's own limits (§2.3): the rows differ.
    const { probeVideo } = await importSubpath("media");
    assert.deepEqual((await probeVideo(bytesOf(name))).issues, [], name);
  }
});

test("zh messages, and several refer videos each reported at its own index", async () => {
  const req = request();
  req.element_video_list.refer_videos.push({ video_url: "b.mp4" });
  const files = { [URL_A]: bytesOf("el_1280x720_5s.mp4"), "/element_video_list/refer_videos/1/video_url": bytesOf("el_1440x1080_5s.mp4") };
  const report = await checkCustomElementMedia(req, files, { locale: "zh" });
  assert.deepEqual(report.issues.map((i) => [i.path, i.code]), [
    [AT, "media_short_side"],
    ["/element_video_list/refer_videos/1/video_url", "media_aspect_not_allowed"],
  ]);
  assert.equal(report.issues[0].message, "1280×720 像素不是 1080p：较短的一边必须为 1080 像素。");
});

test("no file for a refer video (a remote URL) is nothing to check; a key naming none is an issue", async () => {
  assert.deepEqual(await checkCustomElementMedia(request()), { ok: true, issues: [] });
  assert.deepEqual(await checkCustomElementMedia(request(), {}), { ok: true, issues: [] });
  // A file left undefined or null (no file picked yet) is no file, as an option left so is none.
  assert.deepEqual(await checkCustomElementMedia(request(), { [URL_A]: null, [AT]: undefined }), { ok: true, issues: [] });
  const typo = await checkCustomElementMedia(request(), { "https://cdn.example/refer.MP4": bytesOf("el_1920x1080_5s.mp4") });
  assert.deepEqual(summary(typo), [["", "unknown_option", "GEN-OPTIONS", "error"]]);
  assert.match(typo.issues[0].message, /files\.https:\/\/cdn\.example\/refer\.MP4.*\/element_video_list\/refer_videos\/0\/video_url/);
  const twice = await checkCustomElementMedia(request(), { [URL_A]: bytesOf("el_1920x1080_5s.mp4"), [AT]: bytesOf("el_1920x1080_5s.mp4") });
  assert.deepEqual(summary(twice), [["", "invalid_option", "GEN-OPTIONS", "error"]]);
});

test("bad requests, files and options are issues in a report: never a throw or a rejection", async () => {
  const cases = [
    [[undefined], ["", "wrong_type"]],
    [[null, { [URL_A]: new Uint8Array(8) }], ["", "wrong_type"]],
    [["{not json"], ["", "invalid_json"]],
    [[{ get element_video_list() { throw new Error("getter boom"); } }], ["", "invalid_json"]],
    [["[1]"], ["", "wrong_type"]],
    [[request(), { [URL_A]: "a string" }], [AT, "wrong_type"]],
    [[request(), { [URL_A]: 42 }], [AT, "wrong_type"]],
    [[request(), { [URL_A]: new Uint8Array(16) }], [AT, "media_format"]],
    [[request(), "files"], ["", "invalid_option"]],
    [[request(), { get [URL_A]() { throw new Error("boom"); } }], ["", "invalid_option"]],
    [[request(), new Proxy(new Map(), {})], ["", "invalid_option"]],
    [[request(), {}, { locale: "fr" }], ["", "invalid_option"]],
    [[request(), {}, { path: "/x" }], ["", "unknown_option"]],
    [[request(), {}, { rules: { "NO-SUCH": "off" } }], ["", "unknown_option"]],
  ];
  for (const [args, [path, code]] of cases) {
    const pending = checkCustomElementMedia(...args);
    assert.ok(pending instanceof Promise);
    const report = await pending;
    assert.equal(report.ok, false, JSON.stringify(report));
    assert.deepEqual([report.issues[0].path, report.issues[0].code], [path, code], `${String(args[0]).slice(0, 20)} ${JSON.stringify(report.issues[0])}`);
  }
  // The caller's rule policy applies: a wrong-typed file with GEN-TYPE off leaves nothing.
  assert.deepEqual(await checkCustomElementMedia(request(), { [URL_A]: 42 }, { rules: { "GEN-TYPE": "off" } }), { ok: true, issues: [] });
  // A Blob that fails to read is an unreadable file, not a rejection.
  const failing = { size: 1000, slice: () => failing, arrayBuffer: async () => { throw new Error("disk gone"); } };
  const report = await checkCustomElementMedia(request(), { [URL_A]: failing });
  assert.deepEqual(summary(report), [[AT, "media_unreadable", "EL-VIDEO", "error"]]);
  assert.match(report.issues[0].message, /disk gone/);
});
