// The proxy in workerd with the Durable Object store (kling-wasm/cloudflare), for
// tests/js/store-workerd.test.mjs: one KlingStoreObject per user holds the budget ledger and the
// task index. Two proxies share the store: /kling (callbacks on) and /quiet (no callbacks, so
// only the object's reconcile alarm settles its tasks). A user whose id starts with "broken-" gets
// an object that throws (the store failing), and /__test/usage?user= reads a user's ledger.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import { durableObjectStore, klingStoreObject } from "./pkg/cloudflare.mjs";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";

initSync({ module: wasmModule });

async function authorize(request) {
  const m = /^Bearer user-([\x21-\x7e]{1,200})$/.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : false;
}

/** What the Worker and the object's reconcile share: everything but the store and callbacks. */
const config = (env) => ({
  upstream: env.KLING_UPSTREAM,
  accessKey: env.KLING_ACCESS_KEY,
  secretKey: env.KLING_SECRET_KEY,
  authorize,
  budget: { usd: Number(env.BUDGET_USD) },
  reconcileAfterSeconds: Number(env.RECONCILE_AFTER_S),
  maxCreatesInFlight: 128, // the race sends 100 at once; this test is about the budget
});

const Base = klingStoreObject(config, { reconcileEverySeconds: Number(1) });
export class KlingStoreObject extends Base {
  async apply(user, part, op) {
    if (user.startsWith("broken-")) throw new Error("the store is down (test)");
    return super.apply(user, part, op);
  }
}

let proxy, quiet, store;

export default {
  async fetch(request, env) {
    store ??= durableObjectStore(env.KLING_STORE);
    proxy ??= createKlingProxy({ ...config(env), store, callbackUrl: `${env.PUBLIC_URL}/kling` });
    quiet ??= createKlingProxy({ ...config(env), store, pathPrefix: "/quiet" });
    const url = new URL(request.url);
    if (url.pathname === "/__test/usage") {
      const op = JSON.stringify({ op: "usage", now: Date.now(), period_ms: null });
      return new Response(await store.apply(url.searchParams.get("user"), "ledger", op), { headers: { "content-type": "application/json" } });
    }
    if (url.pathname.startsWith("/quiet/")) return quiet.fetch(request);
    return proxy.fetch(request);
  },
};
