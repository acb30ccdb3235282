// With the ESNext.Disposable lib (tests/types/tsconfig.json), the wasm-bindgen classes still
// declare [Symbol.dispose] (scripts/build.mjs keys it on the lib's symbol), so `using` works.

import { KlingClient } from "kling-wasm";

export function scoped(): string {
  using client = new KlingClient({ baseUrl: "/kling" });
  client[Symbol.dispose]();
  return typeof client;
}
