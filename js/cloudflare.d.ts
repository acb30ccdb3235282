// The typings of kling-wasm/cloudflare (js/cloudflare.mjs): the proxy's store as one Durable
// Object per user. Structural types only, so they need neither @cloudflare/workers-types nor
// the "cloudflare:workers" module to type-check; the workers-types' own classes fit them.
import type { KlingProxyConfig, KlingStore, StorePart } from "./proxy/index.js";

/** A Durable Object namespace binding (`env.KLING_STORE`), as much of it as the store uses. */
export interface KlingStoreNamespace {
  idFromName(name: string): unknown;
  // (any: workers-types' stub type is generic over the class; the store calls only `apply`)
  get(id: any): any;
}

/**
 * The Durable Object holding one user's records (budget ledger, task index). Extends
 * `DurableObject` of "cloudflare:workers". Used as is it never reconciles: export the class
 * klingStoreObject(config) returns instead, so an alarm settles reservations that heard nothing.
 */
export declare class KlingStoreObject {
  constructor(ctx: unknown, env: unknown);
  /** RPC: applies one store op to this user's `part` atomically; answers the op's JSON answer. */
  apply(user: string, part: StorePart, op: string): Promise<string>;
  /** The reconcile alarm: queries the user's stale reservations (proxy.reconcile(user)). */
  alarm(): Promise<void>;
}

export interface KlingStoreObjectOptions {
  /** Seconds between reconcile alarms while the user has tasks in flight (1 to 604800). Default 300. */
  reconcileEverySeconds?: number;
}

/**
 * The Durable Object class to export from the Worker (`export const KlingStoreObject =
 * klingStoreObject(proxyConfig)`), whose alarm reconciles with a proxy built from
 * `proxyConfig(env)`: the same config the Worker gives createKlingProxy, without `store`.
 * Throws KlingError "config_error" for a bad argument.
 */
export declare function klingStoreObject<Env = any>(
  proxyConfig: (env: Env) => Omit<KlingProxyConfig, "store">,
  options?: KlingStoreObjectOptions,
): typeof KlingStoreObject;

/**
 * The store for createKlingProxy's `store`: each apply is an RPC to the user's object
 * (`idFromName(user)`). A rejected call is a store failure (the proxy refuses creates). No
 * `users()`: each object's alarm reconciles its own user.
 */
export declare function durableObjectStore(namespace: KlingStoreNamespace): KlingStore;
