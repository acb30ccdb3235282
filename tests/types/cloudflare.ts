// kling-wasm/cloudflare as a TypeScript Worker writes it (issue 17): the Durable Object class from
// klingStoreObject(config), the store for createKlingProxy, structural namespace types (no
// @cloudflare/workers-types needed); `@ts-expect-error` lines prove the arguments are typed.

import { createKlingProxy } from "../../pkg/proxy/index.js";
import type { KlingProxyConfig, KlingStore } from "../../pkg/proxy/index.js";
import { durableObjectStore, klingStoreObject, KlingStoreObject } from "kling-wasm/cloudflare";
import type { KlingStoreNamespace } from "kling-wasm/cloudflare";

interface Env {
  KLING_ACCESS_KEY: string;
  KLING_SECRET_KEY: string;
  KLING_STORE: KlingStoreNamespace;
}
const config = (env: Env): Omit<KlingProxyConfig, "store"> => ({
  accessKey: env.KLING_ACCESS_KEY,
  secretKey: env.KLING_SECRET_KEY,
  authorize: async () => "user-1",
  budget: { usd: 20, periodSeconds: 30 * 86400 },
});
export const StoreObject: typeof KlingStoreObject = klingStoreObject(config, { reconcileEverySeconds: 60 });
export const worker = {
  async fetch(request: Request, env: Env): Promise<Response> {
    const store: KlingStore = durableObjectStore(env.KLING_STORE);
    return createKlingProxy({ ...config(env), store }).fetch(request);
  },
};
export const answer = (o: KlingStoreObject): Promise<string> => o.apply("alice:", "ledger", "{}");
// @ts-expect-error the part is "ledger" or "index"
export const badPart = (o: KlingStoreObject) => o.apply("alice:", "budget", "{}");
// @ts-expect-error reconcileEverySeconds is a number
klingStoreObject(config, { reconcileEverySeconds: "60" });
// @ts-expect-error a namespace binding, not its name
durableObjectStore("KLING_STORE");
