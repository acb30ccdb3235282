// kling-wasm/cloudflare: the proxy's store on Cloudflare as one Durable Object per user, so a
// budget or tasks-in-flight check is strongly consistent whichever edge location serves the
// create. The Worker's proxy gets `store: durableObjectStore(env.KLING_STORE)`; its apply(user,
// part, op) is an RPC to the user's object (`idFromName(user)`), which reads the part, runs the
// one op implementation (applyStoreOp, Rust) and writes the result with no other await between:
// a Durable Object's input gate delivers no other call while it waits on its own storage, so
// read-apply-write is atomic per user. A rejected RPC (the object threw, was reset, or could not
// be reached) is a store failure, and the proxy refuses creates (fails closed).
//
// Reservations whose callback never comes: when the ledger changes, the object arms an alarm;
// the alarm runs `proxy.reconcile(user)` with a proxy built inside the object from the same
// config the Worker uses (klingStoreObject(config)), whose store is the object itself (no RPC
// back to itself), and re-arms while the user has tasks in flight.
// Needs a compatibility date of 2024-04-03 or later (Durable Object RPC). The proxy module must be
// initialised (initSync) at the Worker's module scope, as for createKlingProxy.
import { DurableObject } from "cloudflare:workers";
import { KlingError } from "./kling-error.js";
import { createKlingProxy } from "./proxy/driver.js";
import { applyStoreOp } from "./proxy/proxy.js";

const PARTS = new Set(["ledger", "index"]);
/** Storage key of the user the object belongs to (the alarm needs the name; an id hides it). */
const USER_KEY = "user";
const DEFAULT_RECONCILE_S = 300;
const CONFIG = Symbol("proxyConfig");
const EVERY_MS = Symbol("reconcileEveryMs");
/** Longest user id stored (the proxy's own limit is lower; this only bounds a hostile caller). */
const MAX_USER = 1024;

const configError = (message) => new KlingError(`kling-wasm/cloudflare: ${message}`, { code: "config_error" });

// Storage values are at most 128 KiB; a record may be up to 1 MiB (applyStoreOp's bound; a full
// task index of long user ids passes 128 KiB), so a long one is kept in chunks: the part's key
// then holds { chunks: n } and `${part}#i` the pieces, all written by one put (atomic).
const CHUNK = 60_000; // characters: under 128 KiB even where V8 stores two bytes per character

/** The part's record from its key's value (`head`): null, the string, or its chunks joined. */
async function readRecord(storage, part, head) {
  if (head === undefined) return null;
  if (typeof head === "string") return head;
  const n = head?.chunks;
  if (!Number.isSafeInteger(n) || n < 1 || n > 64) throw new Error(`KlingStoreObject: the ${part} record is unreadable`);
  const got = await storage.get(chunkKeys(part, n));
  const pieces = chunkKeys(part, n).map((k) => got.get(k));
  if (pieces.some((x) => typeof x !== "string")) throw new Error(`KlingStoreObject: a chunk of the ${part} record is missing`);
  return pieces.join("");
}

/** Writes `record` (in one put with `extra`), then deletes the chunks the previous value had past the new count. */
async function writeRecord(storage, part, head, record, extra) {
  const n = record.length <= CHUNK ? 0 : Math.ceil(record.length / CHUNK);
  const entries = { ...extra, [part]: n === 0 ? record : { chunks: n } };
  chunkKeys(part, n).forEach((k, i) => (entries[k] = record.slice(i * CHUNK, (i + 1) * CHUNK)));
  await storage.put(entries);
  const before = typeof head === "object" && Number.isSafeInteger(head?.chunks) ? head.chunks : 0;
  if (before > n) await storage.delete(chunkKeys(part, before).slice(n));
}

const chunkKeys = (part, n) => Array.from({ length: n }, (_, i) => `${part}#${i}`);

/**
 * The Durable Object: one per user, holding the user's two records (ledger, index). Exported
 * as is it keeps the records and never reconciles; klingStoreObject(config) gives the class
 * with the alarm that does (what a Worker with budgets wants).
 */
export class KlingStoreObject extends DurableObject {
  // Set by klingStoreObject on its subclass. Static and keyed by a symbol: RPC exposes only an
  // object's string-named methods, so a stub can never ask for the config (it holds secrets).
  static [CONFIG] = undefined;
  static [EVERY_MS] = DEFAULT_RECONCILE_S * 1000;
  #armed = false;
  #reconciler;

  #config() {
    const make = this.constructor[CONFIG];
    return make === undefined ? undefined : make(this.env);
  }

  /**
   * RPC: applies one store op to this user's `part` atomically and answers the op's answer
   * (JSON text). Throws (the caller's promise rejects) when the part or user is not this
   * object's or storage fails: the proxy then refuses creates.
   */
  async apply(user, part, op) {
    if (typeof user !== "string" || user.length === 0 || user.length > MAX_USER) throw new TypeError("KlingStoreObject.apply: bad user");
    if (!PARTS.has(part)) throw new TypeError('KlingStoreObject.apply: part must be "ledger" or "index"');
    if (typeof op !== "string") throw new TypeError("KlingStoreObject.apply: op must be a string");
    const storage = this.ctx.storage;
    // Reads, apply, write: the input gate delivers no other call while this one waits on its
    // own storage, so nothing runs between the read and the write.
    const got = await storage.get([part, USER_KEY]);
    const owner = got.get(USER_KEY);
    if (owner !== undefined && owner !== user) throw new Error("KlingStoreObject.apply: this object belongs to another user");
    const head = got.get(part);
    const { record, answer } = applyStoreOp(part, await readRecord(storage, part, head), op);
    if (record !== null) {
      await writeRecord(storage, part, head, record, owner === undefined ? { [USER_KEY]: user } : {});
      if (part === "ledger") await this.#arm();
    }
    return answer;
  }

  /** Sets the reconcile alarm unless one is set (checked once per object life, then remembered). */
  async #arm() {
    if (this.#armed || this.constructor[CONFIG] === undefined) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + this.constructor[EVERY_MS]);
    this.#armed = true;
  }

  /** The alarm: settles this user's reservations that heard nothing, by querying Kling. */
  async alarm() {
    const config = this.#config();
    const user = await this.ctx.storage.get(USER_KEY);
    if (config === undefined || user === undefined) return;
    const self = { apply: (u, part, op) => (u === user ? this.apply(u, part, op) : Promise.reject(new Error("KlingStoreObject: another user's record"))) };
    this.#reconciler ??= createKlingProxy({ ...config, store: self });
    try {
      await this.#reconciler.reconcile(user);
    } finally {
      // Re-armed while anything is held; otherwise the next reservation arms it again. (A throw
      // above still re-arms; workerd also retries a failed alarm by itself.)
      const usage = JSON.parse(await this.apply(user, "ledger", JSON.stringify({ op: "usage", now: Date.now() })));
      this.#armed = usage.in_flight > 0;
      if (this.#armed) await this.ctx.storage.setAlarm(Date.now() + this.constructor[EVERY_MS]);
    }
  }
}

/**
 * The Durable Object class with reconciliation: `proxyConfig(env)` is the config the Worker gives
 * createKlingProxy (without `store`); the alarm builds a proxy from it to query tasks.
 * `reconcileEverySeconds` (default 300) is how often it runs while tasks are in flight.
 */
export function klingStoreObject(proxyConfig, { reconcileEverySeconds = DEFAULT_RECONCILE_S } = {}) {
  if (typeof proxyConfig !== "function") throw configError("klingStoreObject(proxyConfig): give a function env -> proxy config");
  if (!Number.isFinite(reconcileEverySeconds) || reconcileEverySeconds < 1 || reconcileEverySeconds > 7 * 86400) {
    throw configError("reconcileEverySeconds must be a number from 1 to 604800");
  }
  return class extends KlingStoreObject {
    static [CONFIG] = proxyConfig;
    static [EVERY_MS] = reconcileEverySeconds * 1000;
  };
}

/**
 * The store for createKlingProxy's `store`: each apply is an RPC to the user's object
 * (`namespace.idFromName(user)`). No `users()`: Durable Objects cannot be listed, so
 * `proxy.reconcile()` needs a user; each object's alarm reconciles its own.
 */
export function durableObjectStore(namespace) {
  if (!namespace || typeof namespace.idFromName !== "function" || typeof namespace.get !== "function") {
    throw configError("durableObjectStore(namespace): give the Durable Object namespace binding (env.KLING_STORE)");
  }
  return Object.freeze({
    async apply(user, part, op) {
      return await namespace.get(namespace.idFromName(user)).apply(user, part, op);
    },
  });
}
