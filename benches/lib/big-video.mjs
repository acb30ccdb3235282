//! The 200 MB MP4 files of benchmark 4, made from the small ffmpeg fixtures
//! (scripts/make-media-fixtures.sh) the way tests/media_budget.rs makes its own: the mdat box is
//! grown with padding, left as a hole in the file (sparse, so cheap on disk), and the boxes keep
//! their places — the moov stays in front (fps_24.mp4, faststart) or at the end (fps_25.mp4).
//! Own file names, so this never races the Rust test over its files.

import { execFileSync } from "node:child_process";
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./release-pkg.mjs";

export const BIG = 200 * 1024 * 1024;
const DIR = join(ROOT, "tests", "fixtures", "media", "generated");

/** [offset, length] of the first top-level box of `type`. */
export function findBox(data, type) {
  let at = 0;
  while (at + 8 <= data.length) {
    let len = data.readUInt32BE(at);
    if (len === 1) len = Number(data.readBigUInt64BE(at + 8));
    else if (len === 0) len = data.length - at;
    if (data.toString("latin1", at + 4, at + 8) === type) return [at, len];
    if (len < 8) break;
    at += len;
  }
  throw new Error(`no ${type} box`);
}

function grow(src, name) {
  const path = join(DIR, name);
  if (!existsSync(join(DIR, src))) execFileSync("bash", [join(ROOT, "scripts", "make-media-fixtures.sh")], { stdio: "inherit" });
  const data = readFileSync(join(DIR, src));
  const [mdatAt, mdatLen] = findBox(data, "mdat");
  const [, moovLen] = findBox(data, "moov");
  if (!existsSync(path) || statSync(path).size !== BIG) {
    const pad = BIG - data.length;
    const tmp = join(DIR, `.tmp.${process.pid}.${name}`);
    const head = Buffer.from(data.subarray(0, mdatAt + mdatLen));
    head.writeUInt32BE(mdatLen + pad, mdatAt);
    const fd = openSync(tmp, "w");
    writeSync(fd, head, 0, head.length, 0);
    const tail = data.subarray(mdatAt + mdatLen);
    writeSync(fd, tail, 0, tail.length, mdatAt + mdatLen + pad);
    ftruncateSync(fd, BIG);
    closeSync(fd);
    renameSync(tmp, path);
  }
  return { path, moovLen, moovFront: findBox(data, "moov")[0] < mdatAt };
}

/** The two files: { front, end }, each { path, moovLen, moovFront }. */
export function bigVideos() {
  return { front: grow("fps_24.mp4", "bench_200mb_moov_front.mp4"), end: grow("fps_25.mp4", "bench_200mb_moov_end.mp4") };
}
