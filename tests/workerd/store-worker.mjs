// The proxy in workerd with the Durable Object store (kling-wasm/cloudflare), for
// tests/js/store-workerd.test.mjs: one KlingStoreObject per user holds the budget ledger and the
// task index. Two proxies share the store: /kling (callbacks on) and /quiet (no callbacks, so
// only the object's reconcile alarm settles its tasks); /measure (budget, MeasureStoreObject: no
// alarm) is what the timing test measures, /plain (no budget, memory store) and /memory (budget,
// memory store) its baselines. A user whose id starts with "broken-" gets
// an object that throws (the store failing), /__test/usage?user= reads a user's ledger,
// /__test/apply?user=&part= applies the op it is sent, /__test/applies counts the objects' calls
// and /__test/alarm?user= tells when the user's reconcile alarm is set.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import { durableObjectStore, klingStoreObject, KlingStoreObject as BareObject } from "./pkg/cloudflare.mjs";
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
  // BUDGET_USD each; "measure-" users (the timing test) are not the point of the budget.
  budget: (user) => ({ usd: user.startsWith("measure-") ? 1e6 : Number(env.BUDGET_USD) }),
  reconcileAfterMs: 1000,
  maxCreatesInFlight: 128, // the race sends 100 at once; this test is about the budget
});

// Calls the objects served, per "part op" (workerd runs the objects in the Worker's isolate,
// so /__test/applies can read this).
const applies = {};

const Base = klingStoreObject(config, { reconcileEverySeconds: 1 });
export class KlingStoreObject extends Base {
  async apply(user, part, op) {
    const name = `${part} ${/"op":"(\w+)"/.exec(op)?.[1]}`;
    applies[name] = (applies[name] ?? 0) + 1;
    if (user.startsWith("broken-")) throw new Error("the store is down (test)");
    return super.apply(user, part, op);
  }
  /** RPC for the test: when the reconcile alarm is set (ms), or null. */
  async alarmAt() {
    return await this.ctx.storage.getAlarm();
  }
}

/** The timing test's objects: the bare class (no reconcile alarm), so only the creates' own
 *  store calls are measured. */
export class MeasureStoreObject extends BareObject {
  async apply(user, part, op) {
    const name = `${part} ${/"op":"(\w+)"/.exec(op)?.[1]}`;
    applies[name] = (applies[name] ?? 0) + 1;
    return super.apply(user, part, op);
  }
}

let proxy, quiet, plain, memory, measure, store;

export default {
  async fetch(request, env) {
    store ??= durableObjectStore(env.KLING_STORE);
    proxy ??= createKlingProxy({ ...config(env), store, callbackUrl: `${env.PUBLIC_URL}/kling`, onTaskUpdate: () => {} });
    quiet ??= createKlingProxy({ ...config(env), store, pathPrefix: "/quiet" });
    // The baseline of the timing test: no budget, the default memoryStore (index only).
    plain ??= createKlingProxy({ ...config(env), budget: undefined, pathPrefix: "/plain" });
    memory ??= createKlingProxy({ ...config(env), pathPrefix: "/memory" }); // budget, memoryStore
    measure ??= createKlingProxy({ ...config(env), pathPrefix: "/measure", store: durableObjectStore(env.MEASURE_STORE) });
    const url = new URL(request.url);
    if (url.pathname === "/__test/usage") {
      const op = JSON.stringify({ op: "usage", now: Date.now(), period_ms: null });
      return new Response(await store.apply(url.searchParams.get("user"), "ledger", op), { headers: { "content-type": "application/json" } });
    }
    if (url.pathname === "/__test/applies") return Response.json(applies);
    if (url.pathname === "/__test/alarm") {
      const ns = env.KLING_STORE;
      return Response.json(await ns.get(ns.idFromName(url.searchParams.get("user"))).alarmAt());
    }
    if (url.pathname === "/__test/config-errors") {
      const bad = [() => durableObjectStore({}), () => durableObjectStore(undefined), () => klingStoreObject("config"), () => klingStoreObject(config, { reconcileEverySeconds: 0 }), () => klingStoreObject(config, { reconcileEverySeconds: NaN })];
      return Response.json(bad.map((f) => {
        try {
          f();
          return "accepted";
        } catch (e) {
          return `${e.name} ${e.code}`;
        }
      }));
    }
    if (url.pathname === "/__test/apply") {
      const answer = await store.apply(url.searchParams.get("user"), url.searchParams.get("part"), await request.text()).catch((e) => `store failed: ${e.message}`);
      return new Response(answer);
    }
    if (url.pathname.startsWith("/quiet/")) return quiet.fetch(request);
    if (url.pathname.startsWith("/plain/")) return plain.fetch(request);
    if (url.pathname.startsWith("/memory/")) return memory.fetch(request);
    if (url.pathname.startsWith("/measure/")) return measure.fetch(request);
    return proxy.fetch(request);
  },
};
