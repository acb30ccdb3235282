// The signing proxy as a Cloudflare Worker for the soak (tests/soak/soak.mjs): the package's
// proxy module as published (`kling-wasm/proxy` under the "workerd" condition is proxy/slim.js;
// its .wasm imported as a module and passed to initSync), upstream and keys from bindings, every
// caller the one user "soak" (so external ids get the owner prefix, as in production).
// `/__test/memory` (outside the proxy's path) answers the byte length of this isolate's wasm
// memory, which the soak samples to see that it does not keep growing.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";

// initSync hands back the wasm exports, `memory` among them.
const wasm = initSync({ module: wasmModule });

let proxy;

function makeProxy(env) {
  return createKlingProxy({
    upstream: env.KLING_UPSTREAM,
    accessKey: env.KLING_ACCESS_KEY,
    secretKey: env.KLING_SECRET_KEY,
    // The app's session check stands in here: the soak client sends "Bearer soak-session".
    authorize: (request) => (request.headers.get("authorization") === "Bearer soak-session" ? "soak" : false),
  });
}

export default {
  async fetch(request, env) {
    proxy ??= makeProxy(env);
    if (new URL(request.url).pathname === "/__test/memory") {
      return Response.json({ wasmBytes: wasm.memory.buffer.byteLength });
    }
    return proxy.fetch(request);
  },
};
