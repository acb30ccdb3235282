// ready.js (shipped beside the package's entries): whether the main module's wasm has loaded.
// The web entry starts loading at import and does not block on it (no top-level await), so a
// page renders first; the Node entry loads synchronously and marks ready at once; the slim entry
// marks ready when the caller's initSync / init succeeds. Everything written in JS beside the
// glue (the Standard Schema objects, the entries' wrappers) asks here before calling into the wasm.
//
// CONTRACT (issue 15; the start-up work owns this file):
//   isReady(): boolean                       the wasm is instantiated; sync calls work
//   ready: Promise<void>                     settles when loading ends (rejects with a KlingError
//                                            "load_failed" whose `cause` is what failed)
//   markReady(): void / markFailed(e): void  called by the entries only
//   notReadyReport(locale?): Report          { ok: false, issues: [one GEN-READY issue] }: code
//                                            "not_ready" while loading, "load_failed" once it failed
//   notReadyError(): KlingError              what a synchronous call that needs the wasm throws
//                                            before then: "not_ready" (retryable), or the load error

import { KlingError } from "./kling-error.js";
import { LOAD_FAILED, NOT_READY, RULE } from "./ready-messages.js";

let state = "loading";
let failure; // the KlingError "load_failed", once loading failed
let settle;
let fail;

/** Settles once the entry has instantiated the wasm (or failed to). */
export const ready = new Promise((resolve, reject) => {
  settle = resolve;
  fail = reject;
});
// A page that never awaits `ready` must not see an unhandled rejection; callers that do await
// it still get the error.
ready.catch(() => {});

/** Whether the main module's wasm is instantiated, so synchronous calls into it work. */
export function isReady() {
  return state === "ready";
}

/** The entry finished instantiating the wasm (also after a failure: the caller's own init may succeed later). */
export function markReady() {
  if (state === "ready") return;
  state = "ready";
  failure = undefined;
  settle();
}

/** The entry could not load the wasm: `ready` rejects with a KlingError "load_failed" (`cause`: `error`). */
export function markFailed(error) {
  if (state !== "loading") return;
  failure = error instanceof KlingError && error.code === "load_failed" ? error : loadFailed(error);
  state = "failed";
  fail(failure);
}

/** A KlingError "load_failed" for `error` (what instantiating threw), with `message` before its own. */
export function loadFailed(error, message = "kling-wasm could not load its WebAssembly module") {
  return new KlingError(`${message}: ${describe(error)}`, { code: "load_failed", cause: error });
}

/** The message of what was thrown, without calling into a hostile value's getters twice. */
function describe(error) {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}

/** The issue text of `template` (ready-messages.js) in `locale` ("en" unless "zh"). */
function text(template, locale, reason) {
  const t = locale === "zh" ? template.zh : template.en;
  return reason === undefined ? t : t.replace("{reason}", reason);
}

/** The report a synchronous validate gives before the module is ready: never `ok`. */
export function notReadyReport(locale) {
  if (state === "failed") {
    const reason = failure.message;
    return { ok: false, issues: [{ path: "", code: LOAD_FAILED.code, rule: RULE, severity: "error", message: text(LOAD_FAILED, locale, reason), params: { reason } }] };
  }
  return { ok: false, issues: [{ path: "", code: NOT_READY.code, rule: RULE, severity: "error", message: text(NOT_READY, locale) }] };
}

/** What a synchronous call that needs the wasm throws before it is ready. */
export function notReadyError() {
  if (state === "failed") return failure;
  return new KlingError("kling-wasm is still loading its WebAssembly module; call this once `ready` has resolved (`await ready`).", { code: "not_ready", retryable: true });
}
