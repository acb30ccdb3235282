// The text of anything a caller's code threw, for the Rust bindings (bindings/guard.rs). Reading
// `message` may itself run the caller's code (a getter, a Proxy trap), so it is inside try.

/** An Error's message or a thrown string; undefined for anything else, or when reading throws. */
export function errorText(e) {
  try {
    if (typeof e === "string") return e;
    if (e instanceof Error) {
      const message = e.message;
      return typeof message === "string" ? message : undefined;
    }
  } catch {
    // a Proxy Error whose traps throw, a throwing `message` getter: no text
  }
  return undefined;
}

// The built-ins the readers below use, taken at load: a caller replacing Object.keys or
// Object.prototype.toString later cannot change what an options object is taken to be.
const keysOf = Object.keys;
const isArray = Array.isArray;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);

/**
 * The fields of an options object for bindings/options.rs, each read once: a flat array
 * [key, value, thrown, ...] of its own enumerable string keys (what JSON.stringify and `{...o}`
 * see), where `thrown` is undefined or the text of what reading that field threw (a getter, a
 * Proxy trap). For anything that is not a plain object (by its tag, so one from another realm
 * counts and a Date, an array or a boxed primitive does not), a string naming what it is; for
 * more than `max` fields, the count. Never throws.
 */
export function ownFields(value, max) {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  try {
    // Keys first, the tag after: a Proxy that revokes itself in its ownKeys trap is unreadable,
    // not an empty object (RELIABILITY.md js-1).
    const keys = keysOf(value);
    const tag = tagOf(value);
    if (tag !== "[object Object]") return isArray(value) ? "array" : tag.slice(8, -1);
    if (keys.length > max) return keys.length;
    const out = [];
    for (const key of keys) {
      let v, thrown;
      try {
        v = value[key];
      } catch (e) {
        thrown = errorText(e) ?? "it throws";
      }
      out.push(key, v, thrown);
    }
    return out;
  } catch (e) {
    return `unreadable: ${errorText(e) ?? "it throws"}`;
  }
}

/**
 * The items of an array option (allowedOrigins), each read once, for bindings/options.rs:
 * [value, thrown, ...] as ownFields has them; a string naming anything else, or the length when
 * it is over `max` (a Proxy's `length` is read once, so it cannot make the walk longer). Never
 * throws.
 */
export function ownItems(value, max) {
  try {
    if (!isArray(value)) return value === null ? "null" : typeof value === "object" ? tagOf(value).slice(8, -1) : typeof value;
    const n = value.length;
    if (!(n <= max)) return typeof n === "number" ? n : "unreadable: a length that is not a number";
    const out = [];
    for (let i = 0; i < n; i++) {
      let v, thrown;
      try {
        v = value[i];
      } catch (e) {
        thrown = errorText(e) ?? "it throws";
      }
      out.push(v, thrown);
    }
    return out;
  } catch (e) {
    return `unreadable: ${errorText(e) ?? "it throws"}`;
  }
}
