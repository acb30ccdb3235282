// ready.js (shipped beside the package's entries): whether the main module's wasm has loaded.
// The web entry starts loading at import and does not block on it (no top-level await), so a
// page renders first; the Node entry loads synchronously and marks ready at once. Everything
// written in JS beside the glue (the Standard Schema objects, the entries' wrappers) asks here
// before calling into the wasm.
//
// CONTRACT (issue 15; the start-up work owns this file and may fill it in, not rename it):
//   isReady(): boolean                       the wasm is instantiated; sync calls work
//   ready: Promise<void>                     settles when loading ends (rejects with a KlingError)
//   markReady(): void / markFailed(e): void  called by the entries only
//   notReadyReport(locale?): Report          { ok: false, issues: [one "not_ready" issue] }

let state = "loading";
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

/** The entry finished instantiating the wasm. */
export function markReady() {
  state = "ready";
  settle();
}

/** The entry could not load the wasm. */
export function markFailed(error) {
  state = "failed";
  fail(error);
}

const MESSAGES = {
  en: "kling-wasm is still loading its WebAssembly module; validate again once `ready` has settled.",
  zh: "kling-wasm 仍在加载其 WebAssembly 模块；请在 `ready` 完成后再校验。",
};

/** The report a synchronous validate gives before the module is ready: never `ok`. */
export function notReadyReport(locale) {
  const message = locale === "zh" ? MESSAGES.zh : MESSAGES.en;
  return { ok: false, issues: [{ path: "", code: "not_ready", rule: "GEN-READY", severity: "error", message }] };
}
