// The proxy as a Cloudflare Worker, for the tests in the real workerd runtime: the package's proxy
// entry as published (`kling-wasm/proxy`, which is proxy/slim.js under the "workerd" condition),
// the proxy .wasm imported as a module and passed to initSync, secrets and the upstream from
// bindings. `/__test/updates` (outside the proxy's path) shows the confirmed tasks
// the proxy handed to onTaskUpdate, so a test can see what callbacks changed.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";

initSync({ module: wasmModule });

const updates = [];
let proxy;

function makeProxy(env) {
  return createKlingProxy({
    upstream: env.KLING_UPSTREAM,
    accessKey: env.KLING_ACCESS_KEY,
    secretKey: env.KLING_SECRET_KEY,
    allowedOrigins: ["https://app.example"],
    // A stand-in for the app's session check: "Bearer user-<id>" is user <id>.
    authorize: async (request) => {
      const m = /^Bearer user-([a-z0-9]+)$/.exec(request.headers.get("authorization") ?? "");
      return m ? m[1] : false;
    },
    callbackUrl: env.PUBLIC_URL + "/kling",
    onTaskUpdate: (task, userId) => {
      updates.push({ task, userId });
    },
    maxBodyBytes: 1 << 20,
  });
}

export default {
  async fetch(request, env) {
    proxy ??= makeProxy(env);
    const url = new URL(request.url);
    if (url.pathname === "/__test/updates") {
      return Response.json(updates);
    }
    return proxy.fetch(request);
  },
};
