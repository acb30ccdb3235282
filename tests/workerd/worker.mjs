// The proxy as a Cloudflare Worker, for the tests in the real workerd runtime: the package's proxy
// entry as published (`kling-wasm/proxy`, which is proxy/slim.js under the "workerd" condition),
// the proxy .wasm imported as a module and passed to initSync, secrets and the upstream from
// bindings. `/__test/updates` (outside the proxy's path) shows the confirmed tasks
// the proxy handed to onTaskUpdate, so a test can see what callbacks changed. For issue 13's tests:
// `/__test/trap?n=N` arms the glue's test hook (the N-th next internal poll traps), and a second
// proxy under `/big` (no callbacks) takes bodies up to BIG_MAX_BODY_BYTES (default 8 MiB).
import { initSync, createKlingProxy, warmUp } from "./pkg/proxy/slim.js";
import { __kwTrapAfterPolls } from "./pkg/proxy/proxy.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";

initSync({ module: wasmModule });
warmUp(); // as the example worker does: nothing is sent, and it must not break anything

const updates = [];
let proxy, big;

// A stand-in for the app's session check: "Bearer user-<id>" is user <id> (any printable id,
// so the tests can use e-mail addresses and ids at the length limits).
async function authorize(request) {
  const m = /^Bearer user-([\x21-\x7e]{1,200})$/.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : false;
}

function makeBig(env) {
  return createKlingProxy({
    upstream: env.KLING_UPSTREAM,
    accessKey: env.KLING_ACCESS_KEY,
    secretKey: env.KLING_SECRET_KEY,
    pathPrefix: "/big",
    authorize,
    maxBodyBytes: Number(env.BIG_MAX_BODY_BYTES ?? 8 << 20),
    maxCreatesInFlight: 8, // the trap test holds three creates in flight at once
  });
}

function makeProxy(env) {
  return createKlingProxy({
    upstream: env.KLING_UPSTREAM,
    accessKey: env.KLING_ACCESS_KEY,
    secretKey: env.KLING_SECRET_KEY,
    allowedOrigins: ["https://app.example"],
    authorize,
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
    if (url.pathname === "/__test/trap") {
      __kwTrapAfterPolls(Number(url.searchParams.get("n") ?? 0));
      return Response.json({ armed: Number(url.searchParams.get("n") ?? 0) });
    }
    if (url.pathname.startsWith("/big/")) {
      big ??= makeBig(env);
      return big.fetch(request);
    }
    return proxy.fetch(request);
  },
};
