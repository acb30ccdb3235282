// The proxy-and-sessions set-ups in the real workerd runtime (tests/js/proxy-sessions-workerd
// .test.mjs): a signing proxy for a cross-origin SPA (allowCredentials for its origin, and the
// custom session header x-session), and, at /__client, the browser-side KlingClient running in
// the same runtime against that proxy with `credentials` and `auth.headers`, answering what it
// got (the task, or the KlingError's fields).
import { initSync as initProxy, createKlingProxy } from "./pkg/proxy/slim.js";
import proxyWasm from "./pkg/proxy/proxy_bg.wasm";
import { initSync, KlingClient } from "./pkg/slim.js";
import mainWasm from "./pkg/kling_wasm_bg.wasm";

initProxy({ module: proxyWasm });
initSync({ module: mainWasm });

let proxy;

/** The app's session: a cookie `sid=<user>` or the header `x-session: <user>`. */
function authorize(request) {
  const cookie = /(?:^|;\s*)sid=([\w-]{1,64})/.exec(request.headers.get("cookie") ?? "");
  return cookie?.[1] ?? request.headers.get("x-session") ?? false;
}

async function runClient(url, env) {
  const session = url.searchParams.get("session");
  const seen = [];
  const client = new KlingClient({
    baseUrl: `${env.PUBLIC_URL}/kling`,
    credentials: "include",
    maxRetries: 1,
    auth: { kind: "proxy", headers: async () => (session ? { "x-session": session } : {}) },
    // Through this worker's own public address, as a page on the SPA's origin would call it.
    fetch: (u, init) => {
      seen.push(init.credentials);
      return fetch(u, { ...init, headers: [...init.headers, ["origin", "https://spa.example"]] });
    },
  });
  try {
    const task = await client.createOmniVideo({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" });
    return Response.json({ ok: true, task, seen });
  } catch (e) {
    const { name, code, source, reason, status, apiCode, retryable, message } = e;
    return Response.json({ ok: false, error: { name, code, source, reason, status, apiCode, retryable, message }, seen });
  }
}

export default {
  async fetch(request, env) {
    proxy ??= createKlingProxy({
      upstream: env.KLING_UPSTREAM,
      accessKey: env.KLING_ACCESS_KEY,
      secretKey: env.KLING_SECRET_KEY,
      allowedOrigins: ["https://spa.example"],
      allowCredentials: true,
      allowHeaders: ["x-session"],
      authorize,
    });
    const url = new URL(request.url);
    if (url.pathname === "/__client") return runClient(url, env);
    return proxy.fetch(request);
  },
};
