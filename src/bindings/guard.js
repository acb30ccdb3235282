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
