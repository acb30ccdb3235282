//! Result file bytes: tiny valid PNGs built in plain JS, the embedded MP4s sized by aspect ratio, a short WAV.

import { MP4_BASE64 } from "./media-data.mjs";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes) {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// zlib stream made of "stored" (uncompressed) deflate blocks: valid without node:zlib.
function zlibStored(raw) {
  const parts = [Buffer.from([0x78, 0x01])];
  let off = 0;
  do {
    const end = Math.min(off + 65535, raw.length);
    const head = Buffer.alloc(5);
    head[0] = end >= raw.length ? 1 : 0; // BFINAL on the last block, BTYPE 00 = stored
    head.writeUInt16LE(end - off, 1);
    head.writeUInt16LE(~(end - off) & 0xffff, 3);
    parts.push(head, raw.subarray(off, end));
    off = end;
  } while (off < raw.length);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(adler32(raw), 0);
  parts.push(tail);
  return Buffer.concat(parts);
}

/** A valid 8-bit RGB PNG of width x height with a gradient tinted by `seed`. */
export function makePng(width, height, seed = 0) {
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter type "none"
    for (let x = 0; x < width; x++) {
      const p = y * row + 1 + x * 3;
      raw[p] = (x * 255) / Math.max(1, width - 1);
      raw[p + 1] = (y * 255) / Math.max(1, height - 1);
      raw[p + 2] = (seed * 67) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibStored(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Pixel size for an "a:b" ratio with the long side 64 px; anything else (e.g. "auto") is square. */
export function sizeFor(aspect) {
  const m = /^(\d+):(\d+)$/.exec(String(aspect ?? ""));
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) return [64, 64];
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a >= b ? [64, Math.max(1, Math.round((64 * b) / a))] : [Math.max(1, Math.round((64 * a) / b)), 64];
}

const mp4Cache = new Map();

/** The embedded MP4 closest to the requested aspect ratio (16:9 when unknown). */
export function mp4For(aspect) {
  const key = aspect in MP4_BASE64 ? aspect : "16:9";
  if (!mp4Cache.has(key)) mp4Cache.set(key, Buffer.from(MP4_BASE64[key], "base64"));
  return mp4Cache.get(key);
}

let wav;

/** A valid 1 s, 8 kHz, 8-bit mono WAV with a quiet 440 Hz tone (a voice's trial_url). */
export function makeWav() {
  if (wav) return wav;
  const rate = 8000;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + rate, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write("data", 36, "latin1");
  header.writeUInt32LE(rate, 40);
  const samples = Buffer.alloc(rate);
  for (let i = 0; i < rate; i++) samples[i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * 440 * i) / rate));
  wav = Buffer.concat([header, samples]);
  return wav;
}
