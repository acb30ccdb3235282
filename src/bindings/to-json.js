// JS value -> JSON text for the Rust core (bindings/convert.rs), and the crossing of that text
// into wasm memory.
//
// toJsonText: JSON.stringify with a replacer that tags what JSON cannot carry exactly, in the
// form src/json.rs reads back:
//   BigInt          -> {"\u0000js":"bigint","v":"<digits>"}
//   NaN, ±Infinity  -> {"\u0000js":"number","v":"NaN"|"Infinity"|"-Infinity"}
//   function/symbol -> {"\u0000js":"function"|"symbol"}
//   undefined       -> {"\u0000js":"undefined"} at the top and in arrays (in objects it stays
//                      "absent", as JSON.stringify and the API treat it)
// Anything JSON.stringify throws on (cycles, throwing getters or toJSON, stack overflow) is
// thrown on to Rust, which turns it into an `invalid_json` issue.
//
// The crossing: holdJson/holdString keep the text here and return its length; Rust then hands a
// buffer of its own memory to writeHeld, which encodes the text straight into it with one native
// encodeInto. wasm-bindgen's own string passing copies char by char in a JS loop up to the first
// non-ASCII char (then encodeInto). Measured on the benchmark request (1292 chars, CJK near the
// end), the copy alone: 2.1 µs that way, 0.95 µs with one encodeInto, 2.4 µs with
// TextEncoder.encode + Uint8Array.set; whole buildOmniVideoBody calls got 1.5–1.9 µs faster.
// (Plain JSON.stringify after a JS walk proving the value plain data saved another ~1 µs, but
// reads every getter and Proxy trap twice, so it is not used.)
//
// The way back: a built body is mostly spans of the request text, so Rust returns where they
// are and bodySlices/bodyOf slice them from the request string kept here (a caller's JSON text
// too, unless it may hold a lone surrogate: convert.rs `string_source`), decoding at most the
// bytes between them; an ok Report without issues is made here (okReport).
// (A plain JSON.stringify fast path was measured again in issue 18: no exact check catches a
// function- or symbol-valued property it drops without a second read of the value, and every
// one-read JS serializer was as slow as the replacer once its text is flat: BENCHMARKS.md, 1.)

const TAG = "\u0000js";

function replacer(key, value) {
  switch (typeof value) {
    case "object":
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: "number", v: String(value) };
    case "bigint":
      return { [TAG]: "bigint", v: value.toString() };
    case "undefined":
      return Array.isArray(this) ? { [TAG]: "undefined" } : undefined;
    default:
      return { [TAG]: typeof value };
  }
}

export function toJsonText(value) {
  if (value === undefined) return `{"${"\\u0000"}js":"undefined"}`;
  return JSON.stringify(value, replacer);
}

// Taken once at load, so a page that later replaces TextEncoder.prototype.encodeInto (or the
// methods bodyOf uses) cannot change what reaches Rust (which still checks the bytes are UTF-8)
// or the body that comes back.
const encoder = new TextEncoder();
const encodeInto = TextEncoder.prototype.encodeInto;
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const decode = TextDecoder.prototype.decode;
const slice = String.prototype.slice;
const fromCharCode = String.fromCharCode;
const CHAR = 0xffffffff; // bodySlices: a piece that is one char (convert.rs `CHAR`)

let held = ""; // the text waiting to cross
let at = 0; // UTF-16 units of `held` already written
// The text of the last hold when its caller builds a body (`keep`): the body comes back from
// Rust as pieces of it (bodyOf), sliced here instead of decoded from UTF-8. Let go by bodyOf
// and forgetSource, so a large request is not held after the call.
let source = null;

/** Stringifies `value` and keeps the text for writeHeld; returns its length in UTF-16 units. */
export function holdJson(value, keep) {
  held = toJsonText(value);
  at = 0;
  // JSON.stringify escapes lone surrogates, so the text reads back as it is here.
  source = keep ? held : null;
  return held.length;
}

/**
 * Keeps `value` for writeHeld when it is a string and returns its length; -1 for anything else.
 * `keep` as for holdJson (Rust lets go at once of a text that may hold a lone surrogate).
 */
export function holdString(value, keep) {
  if (typeof value !== "string") return -1;
  held = value;
  at = 0;
  source = keep ? value : null;
  return value.length;
}

/**
 * The body Rust wrote, from its UTF-8 `bytes`; `spans` are [at, end, from, to] quadruples: bytes
 * [at, end) of the body are UTF-16 units [from, to) of the kept request text, sliced from it
 * instead of decoded (most of a body is its request). V8 makes the result a rope over the request
 * string, flattened on its first read.
 */
export function bodyOf(spans, bytes) {
  const text = source;
  source = null;
  let body = "";
  let pos = 0;
  for (let i = 0; i < spans.length; i += 4) {
    if (spans[i] > pos) body += decode.call(decoder, bytes.subarray(pos, spans[i]));
    body += slice.call(text, spans[i + 2], spans[i + 3]);
    pos = spans[i + 1];
  }
  return pos < bytes.length ? body + decode.call(decoder, bytes.subarray(pos)) : body;
}

/**
 * `bodyOf` of a body that `pieces` make whole, in the same [at, end, from, to] form: a slice of
 * the kept text, or (`from` = 0xFFFFFFFF) the one ASCII char whose code is `to`. No bytes to
 * view or decode: the usual body is its request's text but for a few quotes or braces.
 */
export function bodySlices(pieces) {
  const text = source;
  source = null;
  let body = "";
  for (let i = 0; i < pieces.length; i += 4) {
    const from = pieces[i + 2];
    body += from === CHAR ? fromCharCode(pieces[i + 3]) : slice.call(text, from, pieces[i + 3]);
  }
  return body;
}

/** Lets go of the kept text (a call that ends without a body). */
export function forgetSource() {
  source = null;
}

/**
 * Writes as much of the held text as fits into `into` (a view of wasm memory) as UTF-8 (a lone
 * surrogate becomes U+FFFD; JSON.stringify's text has none, it escapes them). Returns the bytes
 * written, or their bitwise complement (negative) when text is left for another call.
 */
export function writeHeld(into) {
  const { read, written } = encodeInto.call(encoder, at === 0 ? held : held.slice(at), into);
  at += read;
  if (at < held.length) return ~written;
  held = "";
  at = 0;
  return written;
}

/** UTF-16 units of the held text not written yet (each needs at most 3 bytes). */
export function heldLeft() {
  return held.length - at;
}

/** An ok Report without issues, as JSON.parse would make it from Rust's text (`report_to_js`). */
export function okReport() {
  return { ok: true, issues: [] };
}

/** `reportAndBody(okReport(), body)` in one call from Rust. */
export function okAndBody(body) {
  return body === undefined ? { report: { ok: true, issues: [] } } : { report: { ok: true, issues: [] }, body };
}

/** The result of validateAndBuild*: an object literal (own data properties, no setter runs). */
export function reportAndBody(report, body) {
  return body === undefined ? { report } : { report, body };
}
