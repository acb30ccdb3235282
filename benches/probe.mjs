//! Benchmark 4: probeVideo on a 200 MB MP4 (moov in front, and at the end) against mp4box.js (fed
//! 1 MiB chunks from wherever it asks to continue, as its docs show) and mediainfo.js (its
//! analyzeData size + readChunk callbacks): time, and bytes read. All three read the same input
//! through a wrapper that counts the bytes of every slice read, from two sources: the file as a
//! file-backed Blob (fs.openAsBlob: what a browser File is), and the file's bytes in memory
//! behind the same Blob interface (the parsers' own work, without file reads).

import { closeSync, openAsBlob, openSync, readSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createFile, MP4BoxBuffer } from "mp4box";
import mediaInfoFactory from "mediainfo.js";
import { CLOCK, compareEach, fmtBytes, fmtTime, now } from "./lib/measure.mjs";
import { bigVideos, BIG } from "./lib/big-video.mjs";

export const title = "4. Probing a 200 MB MP4";

const CHUNK = 1024 * 1024;

/** A Blob look-alike over `blob` that counts what is read: { blob, stats: { bytes, reads } }. */
export function countingBlob(blob) {
  const stats = { bytes: 0, reads: 0 };
  const wrap = (b) => ({
    size: b.size,
    type: b.type,
    slice: (start, end, type) => wrap(b.slice(start, end, type)),
    arrayBuffer: () => {
      stats.bytes += b.size;
      stats.reads += 1;
      return b.arrayBuffer();
    },
  });
  return { blob: wrap(blob), stats };
}

/** A Blob look-alike over bytes in memory (each read copies its range, as a Blob read does). */
function memoryBlob(bytes) {
  const wrap = (start, end) => ({
    size: end - start,
    type: "",
    slice: (a = 0, b = end - start) => wrap(start + Math.min(a, end - start), start + Math.min(b, end - start)),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end),
  });
  return wrap(0, bytes.length);
}

/** The 200 MB file in memory: its real head and tail, zeros where the mdat's hole is. */
function inMemory(path) {
  const bytes = new Uint8Array(BIG);
  const fd = openSync(path, "r");
  readSync(fd, bytes, 0, BIG, 0);
  closeSync(fd);
  return bytes;
}

/** mp4box.js: append 1 MiB at the position it returns until onReady; its info. */
async function mp4box(blob) {
  const file = createFile();
  let info = null;
  let error = null;
  file.onReady = (i) => (info = i);
  file.onError = (e) => (error = e);
  let offset = 0;
  while (info === null && error === null && offset < blob.size) {
    const buf = await blob.slice(offset, offset + CHUNK).arrayBuffer();
    const next = file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(buf, offset), offset + buf.byteLength >= blob.size);
    offset = next > offset ? next : offset + buf.byteLength;
  }
  file.flush();
  if (!info) throw new Error(`mp4box: no info (${error})`);
  const v = info.videoTracks[0];
  return { duration: info.duration / info.timescale, width: v.video.width, height: v.video.height };
}

let mediaInfo = null;
/** mediainfo.js: analyzeData with a size and a chunk reader. */
async function mediainfo(blob) {
  mediaInfo ??= await mediaInfoFactory({ format: "object" });
  const result = await mediaInfo.analyzeData(blob.size, async (size, offset) => new Uint8Array(await blob.slice(offset, offset + size).arrayBuffer()));
  const general = result.media.track.find((t) => t["@type"] === "General");
  const video = result.media.track.find((t) => t["@type"] === "Video");
  return { duration: Number(general.Duration), width: Number(video.Width), height: Number(video.Height) };
}

export async function run({ pkgDir }, { rounds = 21 } = {}) {
  // The probes are in kling-wasm/media (its Node entry), not the main entry.
  const lib = await import(pathToFileURL(join(pkgDir, "media", "index.node.js")).href);
  const files = bigVideos();
  const tools = {
    probeVideo: async (blob) => {
      const info = await lib.probeVideo(blob);
      if (info.durationSeconds == null) throw new Error(`probeVideo: ${JSON.stringify(info.issues)}`);
      return { duration: info.durationSeconds, width: info.width, height: info.height, bytesRead: info.bytesRead };
    },
    "mp4box.js": mp4box,
    "mediainfo.js": mediainfo,
  };
  if (typeof lib.probeVideo !== "function") delete tools.probeVideo;
  const rows = [];
  const targets = [];
  const data = {};
  const sources = Object.entries(files).flatMap(([layout, file]) => [
    [layout, file, "File", () => openAsBlob(file.path)],
    [`${layout}-memory`, file, "memory", async () => memoryBlob(inMemory(file.path))],
  ]);
  for (const [layout, file, source, open] of sources) {
    const fileBlob = await open();
    const read = {};
    const cases = {};
    for (const [name, fn] of Object.entries(tools)) {
      // One counted run per tool: bytes read and the answer (all must agree).
      const { blob, stats } = countingBlob(fileBlob);
      const answer = await fn(blob);
      read[name] = { ...stats, answer };
      cases[name] = async () => {
        const t0 = now();
        await fn(fileBlob);
        return now() - t0;
      };
    }
    const r = await compareEach(cases, { rounds });
    const label = `${file.moovFront ? "moov in front" : "moov at the end"}, ${source}`;
    for (const name of Object.keys(tools)) {
      const a = read[name].answer;
      rows.push([
        `${label}: ${name}`,
        fmtTime(r[name].median),
        tools.probeVideo && name !== "probeVideo" ? `${r.ratio(name, "probeVideo").toFixed(1)}×` : "",
        `${fmtBytes(read[name].bytes)} in ${read[name].reads} reads`,
        `${a.duration.toFixed(2)} s, ${a.width}×${a.height}`,
      ]);
    }
    data[layout] = { times: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])), read, moovLen: file.moovLen };
    if (tools.probeVideo) {
      const speed = r.ratio("mp4box.js", "probeVideo");
      const budget = 64 * 1024 + file.moovLen;
      const bytes = read.probeVideo.bytes;
      targets.push(
        { target: `probeVideo ≥ 4× faster than mp4box.js (${label})`, met: speed >= 4, figure: `${speed.toFixed(1)}×` },
        { target: `probeVideo reads ≤ 64 KiB + moov (${label}: ${fmtBytes(budget)})`, met: bytes <= budget && read.probeVideo.answer.bytesRead === bytes, figure: `${fmtBytes(bytes)} (it reports ${fmtBytes(read.probeVideo.answer.bytesRead)})` },
      );
    }
  }
  const notes = [
    `Files: ${fmtBytes(BIG)} each, made from the ffmpeg fixtures by growing the mdat box (benches/lib/big-video.mjs); moov boxes of ${files.front.moovLen} and ${files.end.moovLen} bytes. "File" = a file-backed Blob (fs.openAsBlob), "memory" = the same bytes in memory behind the same interface. ${rounds} interleaved rounds after warm-up, medians of ${CLOCK === "cpu" ? "this process's CPU time (all its threads, so the file reads count)" : "wall time"}; mediainfo.js's module is created once, outside the timing.`,
  ];
  if (!tools.probeVideo) notes.push("probeVideo is not exported by this build: only the other tools were measured.");
  return { title, headers: ["file: tool", "median", "÷ probeVideo", "bytes read", "answer"], rows, notes, targets, data };
}
