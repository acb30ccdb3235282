// memoryStore(), the proxy's default store (shipped as proxy/store.js): the user records of one
// process in a Map. The ops' logic is the wasm's (applyStoreOp, src/proxy/store/), applied
// synchronously, so each op is atomic in this process. State is lost on restart: the budget
// ledger starts empty (reservations in flight are forgotten) and every task index is marked
// incomplete, so listings walk Kling's pages again until a walk completes.
import { applyStoreOp } from "./proxy.js";

const PARTS = new Set(["ledger", "index"]);
/** Index records kept at most (their bytes): the least recently used go first. Dropping one is
 *  safe — that user's listings walk again; ledgers are never dropped (a budget must hold). */
const DEFAULT_MAX_INDEX_BYTES = 32 << 20;

/** The stores memoryStore() made: they answer at once (no I/O), so the driver does not race them
 *  against a timer (`isMemoryStore`). */
const MADE = new WeakSet();

/** Whether `store` is one memoryStore() made. */
export function isMemoryStore(store) {
  return MADE.has(store);
}

/** The default store: one process, in memory. `maxIndexBytes` bounds the task indexes' memory. */
export function memoryStore(options = {}) {
  const maxIndexBytes = options?.maxIndexBytes ?? DEFAULT_MAX_INDEX_BYTES;
  if (!(Number.isSafeInteger(maxIndexBytes) && maxIndexBytes > 0)) throw new TypeError("memoryStore: maxIndexBytes must be a positive integer");
  const ledgers = new Map();
  const indexes = new Map(); // insertion order = least recently used first
  let indexBytes = 0;
  const store = Object.freeze({
    async apply(user, part, op) {
      if (typeof user !== "string" || !PARTS.has(part) || typeof op !== "string") throw new TypeError("memoryStore.apply(user, part, op): strings, part \"ledger\" or \"index\"");
      const map = part === "ledger" ? ledgers : indexes;
      const current = map.get(user) ?? null;
      const { record, answer } = applyStoreOp(part, current, op);
      if (part === "index" && current !== null) {
        // Touch: most recently used last.
        indexes.delete(user);
        indexes.set(user, current);
      }
      if (record !== null) {
        if (part === "index") {
          indexBytes += record.length - (current?.length ?? 0);
          indexes.set(user, record);
          for (const [u, r] of indexes) {
            if (indexBytes <= maxIndexBytes || u === user) break;
            indexes.delete(u);
            indexBytes -= r.length;
          }
        } else ledgers.set(user, record);
      }
      return answer;
    },
    /** The users with a ledger (what proxy.reconcile() visits). */
    users() {
      return ledgers.keys();
    },
  });
  MADE.add(store);
  return store;
}
