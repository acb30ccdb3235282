// Reading the input of probeImage / probeVideo (bindings/media.rs). Whatever may run the caller's
// code (a Proxy trap, a getter, an overridden method) or meet a detached buffer happens here,
// inside functions that Rust imports as `catch` or that are async (so never throw into wasm:
// bindings/guard.rs says why). Bytes are read through views and copies of our own, and buffers
// are recognised by their internal slots (ArrayBuffer.isView, the built-in getters), never by
// `instanceof`, which a Proxy passes while every later read of it throws.

const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
const BUFFER_GETTERS = [ArrayBuffer, globalThis.SharedArrayBuffer].filter((B) => typeof B === "function").map((B) => getter(B.prototype, "byteLength"));
// The built-in getters of views, so an own `buffer` or `byteLength` property cannot lie to us.
const viewGetters = (proto) => ["buffer", "byteOffset", "byteLength"].map((key) => getter(proto, key));
const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Uint8Array.prototype);
const TYPED_ARRAY = viewGetters(TYPED_ARRAY_PROTO);
const DATA_VIEW = viewGetters(DataView.prototype);
// Gives a typed array's name and undefined for anything else, without throwing: tells a typed
// array from a DataView of any realm (instanceof knows only this realm's DataView).
const TYPED_ARRAY_NAME = getter(TYPED_ARRAY_PROTO, Symbol.toStringTag);

/**
 * An ArrayBuffer or SharedArrayBuffer itself (not a Proxy of one). Its getters throw for anything
 * else, and a throw costs microseconds (an Error and its stack trace): primitives are ruled out
 * first, and mediaInput asks only when the value is not a Blob look-alike or may be a buffer.
 */
function isBuffer(v) {
  if (v === null || typeof v !== "object") return false;
  return BUFFER_GETTERS.some((get) => {
    try {
      get.call(v);
      return true;
    } catch {
      return false;
    }
  });
}

/** The size of a Blob-like value (anything with size, slice and arrayBuffer), else undefined. */
function blobSize(v) {
  try {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return undefined;
    if (typeof v.slice !== "function" || typeof v.arrayBuffer !== "function") return undefined;
    const size = v.size;
    return typeof size === "number" && Number.isFinite(size) && size >= 0 ? size : undefined;
  } catch {
    return undefined; // a Proxy or a getter that throws: not something we can read
  }
}

/** Whether a Blob look-alike may also be a buffer: every buffer has a numeric byteLength (a Blob has none). */
function mayBeBuffer(v) {
  try {
    return typeof v.byteLength === "number";
  } catch {
    return false;
  }
}

/**
 * What the input is: a Uint8Array of our own over the bytes of a buffer or of any view (typed
 * array, DataView), a number (a Blob-like's size), or undefined (anything else). Throws (Rust
 * catches) when the bytes cannot be reached, e.g. a detached buffer. A buffer dressed up as a
 * Blob (own size and arrayBuffer) is still read as bytes.
 */
export function mediaInput(v) {
  if (ArrayBuffer.isView(v)) {
    const [buffer, byteOffset, byteLength] = (TYPED_ARRAY_NAME.call(v) === undefined ? DATA_VIEW : TYPED_ARRAY).map((get) => get.call(v));
    return new Uint8Array(buffer, byteOffset, byteLength);
  }
  const size = blobSize(v);
  if ((size === undefined || mayBeBuffer(v)) && isBuffer(v)) return new Uint8Array(v);
  return size;
}

/** A copy of bytes [start, end) of a view from mediaInput; throws (Rust catches) once detached. */
export function copyBytes(view, start, end) {
  return view.slice(start, end);
}

/** A copy of bytes [start, end) of a Blob-like: `blob.slice(start, end).arrayBuffer()`. */
export async function readBlob(blob, start, end) {
  const buffer = await blob.slice(start, end).arrayBuffer();
  if (!isBuffer(buffer)) throw new TypeError("arrayBuffer() did not give an ArrayBuffer");
  return new Uint8Array(buffer).slice();
}

const MAP_SIZE = getter(Map.prototype, "size");
const MAP_ENTRIES = Map.prototype.entries;

/**
 * checkCustomElementMedia's `files` as options.rs reads objects: a real Map (recognised by its
 * internal slot, not instanceof) becomes a null-prototype object of its entries, each key as a
 * string; anything else is returned as is. Throws (Rust catches) when the Map cannot be read.
 */
export function filesObject(v) {
  try {
    MAP_SIZE.call(v);
  } catch {
    return v;
  }
  const out = Object.create(null);
  for (const [key, value] of MAP_ENTRIES.call(v)) out[String(key)] = value;
  return out;
}

/**
 * checkCustomElementMedia's request: a flat [index, video_url, ...] of the string video_urls in
 * its element_video_list.refer_videos (the first `max` items), or the type of a request that is
 * no object ("null", "array", "number", ...). A string is JSON text. Throws (Rust catches: an
 * invalid_json issue) when the text is no JSON or the object's getters or traps throw. Read here,
 * not as JSON text in wasm: two strings do not need the JSON reader in the media module.
 */
export function referVideos(request, max) {
  const value = typeof request === "string" ? JSON.parse(request) : request;
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  if (Array.isArray(value)) return "array";
  const list = value.element_video_list?.refer_videos;
  const out = [];
  if (!Array.isArray(list)) return out;
  const n = Math.min(list.length, max);
  for (let i = 0; i < n; i++) {
    const url = list[i]?.video_url;
    if (typeof url === "string") out.push(i, url);
  }
  return out;
}
