//! Result files at /files/{task_id}/{video|image|series|voice}-{i}[-wm].{mp4|png|wav}: GET and HEAD, single byte ranges.

import { presetFileKind } from "./library.mjs";
import { makePng, makeWav, mp4For, sizeFor } from "./media.mjs";
import { FAMILIES } from "./store.mjs";

const FILE_PATH = /^\/files\/([^/]+)\/(video|image|series|voice)-(\d+)(-wm)?\.(mp4|png|wav)$/;
const WAV = (name, index, ext) => (name === "voice" && index === 0 && ext === "wav" ? { type: "audio/wav", bytes: makeWav() } : null);

function notFound(res, status = 404, text = "not found") {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The bytes a URL names, or null when the task, index or kind does not match a finished result. */
function bytesFor(store, pathname, now) {
  const m = FILE_PATH.exec(pathname);
  if (!m) return null;
  const [, taskId, name, indexText, wm, ext] = m;
  const index = Number(indexText);
  const preset = presetFileKind(taskId);
  // Presets: a square frontal + refer image per element, a trial WAV per voice.
  if (preset === "voice") return wm ? null : WAV(name, index, ext);
  if (preset === "element") {
    return name === "image" && index < 2 && !wm && ext === "png" ? { type: "image/png", bytes: makePng(64, 64, index) } : null;
  }
  const record = store.tasks.get(taskId);
  if (!record || store.statusAt(record, now).status !== "succeed") return null;
  const { plan } = record;
  const { kind } = FAMILIES[record.family];
  if (kind === "voice") return record.deleted || wm ? null : WAV(name, index, ext);
  if (index >= plan.count || kind === "element") return null; // a custom element's images are the user's URLs
  if (kind === "video") return name === "video" && ext === "mp4" ? { type: "video/mp4", bytes: mp4For(plan.aspect) } : null;
  if (ext !== "png" || name !== (plan.series ? "series" : "image")) return null;
  const [w, h] = sizeFor(plan.aspect);
  return { type: "image/png", bytes: makePng(w, h, index) };
}

/** Parses a single "bytes=a-b" / "bytes=a-" / "bytes=-n" range; undefined = no header, null = unsatisfiable. */
function parseRange(header, size) {
  if (header == null) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start;
  let end;
  if (m[1] === "") {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

/** Serves a result file (no auth: real result URLs are plain CDN links). */
export function serveFile(emu, req, res, url) {
  emu.state.stats.files++;
  if (req.method !== "GET" && req.method !== "HEAD") return notFound(res, 405, "method not allowed");
  const file = bytesFor(emu.store, url.pathname, Date.now());
  if (!file) return notFound(res);
  const { bytes, type } = file;
  const range = parseRange(req.headers.range, bytes.length);
  if (range === null) {
    res.writeHead(416, { "content-range": `bytes */${bytes.length}` });
    return res.end();
  }
  const part = range ? bytes.subarray(range.start, range.end + 1) : bytes;
  res.writeHead(range ? 206 : 200, {
    "content-type": type,
    "content-length": part.length,
    "accept-ranges": "bytes",
    ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${bytes.length}` } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : part);
}
