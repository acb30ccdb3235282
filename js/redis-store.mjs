// The Redis store (kling-wasm/node `redisStore`): a KlingStore over the user's own Redis client
// (node-redis v4+ or ioredis), so several Node processes share budgets, limits and task indexes.
// Each apply is an optimistic compare-and-set around the proxy's one op implementation
// (applyStoreOp, Rust): GET the record, apply the op in JS, then a Lua script writes the new
// record only if the key still holds what was read; on a conflict it answers the value it found
// and the op is applied again to that. A process's concurrent ops on one record share a round. No Redis package is a dependency: the client's shape says
// which library it is.

const DEFAULTS = { prefix: "kling:", maxAttempts: 200, timeoutMs: 4000, backoffMs: 1, maxBackoffMs: 50 };
const PARTS = new Set(["ledger", "index"]);
/** Most queued ops one compare-and-set carries (bounds the work redone after a conflict). */
const MAX_BATCH = 100;

/**
 * KEYS[1] = the record; ARGV[1] = "1" if a value was read, "0" if the key was missing;
 * ARGV[2] = the value read; ARGV[3] = the new record. Answers {1} when written, else {0, current}
 * ({0} when the key is now missing), so a retry needs no second GET. Single key: cluster-safe.
 */
export const CAS_SCRIPT = `local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if cur ~= ARGV[2] then
    if cur then return {0, cur} end
    return {0}
  end
elseif cur then
  return {0, cur}
end
redis.call('SET', KEYS[1], ARGV[3])
return {1}`;

/** The store's own error: the proxy logs it and fails closed for creates. */
export class RedisStoreError extends Error {
  constructor(message, cause) {
    super(`redisStore: ${message}`, cause === undefined ? undefined : { cause });
    this.name = "RedisStoreError";
  }
}

/**
 * redisStore over `applyStoreOp` (the node entry passes the proxy module's). Options: prefix
 * (default "kling:"), maxAttempts (CAS rounds per apply, default 200), timeoutMs (per apply,
 * default 4000: under the proxy's storeTimeoutMs of 5000, so the failure the proxy logs is this
 * one, naming Redis), backoffMs / maxBackoffMs (the jittered backoff between rounds).
 */
export function redisStoreWith(applyStoreOp, client, options = {}) {
  const o = readOptions(options);
  const redis = adapter(client);
  // Per key, this process's applies queue here and go to Redis together: the queue's head
  // applies every waiting op in order to one read and writes the result with one
  // compare-and-set (group commit), so local callers never conflict with each other and a burst
  // costs a few round trips, not two per op. Only other processes cause CAS retries.
  const queues = new Map();

  function apply(user, part, op) {
    if (typeof user !== "string") return Promise.reject(new RedisStoreError("the user must be a string"));
    if (!PARTS.has(part)) return Promise.reject(new RedisStoreError(`unknown part ${JSON.stringify(part)}`));
    if (typeof op !== "string") return Promise.reject(new RedisStoreError("the op must be a string"));
    const key = `${o.prefix}${part}:${encodeUser(user)}`;
    return new Promise((resolve, reject) => {
      const entry = { op, deadline: Date.now() + o.timeoutMs, resolve, reject };
      const queue = queues.get(key);
      if (queue) return void queue.push(entry);
      queues.set(key, [entry]);
      drain(key, part);
    });
  }

  async function drain(key, part) {
    const queue = queues.get(key);
    while (queue.length > 0) {
      const now = Date.now();
      const batch = [];
      for (const e of queue.splice(0, MAX_BATCH)) {
        if (e.deadline > now) batch.push(e);
        else e.reject(timeout("waiting for this process's earlier ops on the same record"));
      }
      if (batch.length === 0) continue;
      try {
        const answers = await casBatch(key, part, batch);
        batch.forEach((e, i) => (answers[i] instanceof Error ? e.reject(answers[i]) : e.resolve(answers[i])));
      } catch (err) {
        for (const e of batch) e.reject(err);
      }
    }
    // Nothing can have queued between the last check and here (no await): the key is free.
    queues.delete(key);
  }

  /** The ops of `batch`, in order, on one read of `key`, written by one compare-and-set. */
  async function casBatch(key, part, batch) {
    const deadline = Math.min(...batch.map((e) => e.deadline));
    let cur = text(await withDeadline(redis.get(key), deadline, "GET"));
    for (let attempt = 1; ; attempt++) {
      let record = cur;
      let changed = false;
      const answers = batch.map((e) => {
        try {
          const applied = applyStoreOp(part, record, e.op);
          if (applied.record !== null) [record, changed] = [applied.record, true];
          return applied.answer;
        } catch (err) {
          return new RedisStoreError(`applyStoreOp failed: ${err?.message ?? err}`, err);
        }
      });
      // Nothing to write: the answers hold as of the read (refusals, queries, replays).
      if (!changed) return answers;
      const reply = await withDeadline(redis.cas(key, cur, record), deadline, "the compare-and-set script");
      if (!Array.isArray(reply)) throw new RedisStoreError(`unexpected script reply ${typeof reply}`);
      if (Number(reply[0]) === 1) return answers;
      if (attempt >= o.maxAttempts) {
        throw new RedisStoreError(`${o.maxAttempts} compare-and-set attempts on ${key} all conflicted (other processes kept writing it)`);
      }
      cur = reply.length > 1 ? text(reply[1]) : null;
      // The script handed back the value that won, so the first retry goes at once; after that,
      // full jitter: contenders spread out instead of colliding again in step.
      const cap = attempt === 1 ? 0 : Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.min(attempt - 2, 16));
      const wait = Math.random() * cap;
      if (Date.now() + wait >= deadline) throw timeout("retrying after a conflict");
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async function* users() {
    const seen = new Set();
    const pattern = `${globEscape(o.prefix)}*`;
    for await (const key of redis.scan(pattern)) {
      const k = text(key);
      const rest = k.slice(o.prefix.length);
      const colon = rest.indexOf(":");
      if (!k.startsWith(o.prefix) || colon < 0 || !PARTS.has(rest.slice(0, colon))) continue;
      const user = decodeUser(rest.slice(colon + 1));
      if (user === null || seen.has(user)) continue;
      // Bounded memory: a huge keyspace repeats a user at most once more than it should.
      if (seen.size >= 100_000) seen.clear();
      seen.add(user);
      yield user;
    }
  }

  return { apply, users };
}

function readOptions(options) {
  if (options === null || typeof options !== "object") throw new RedisStoreError("options must be an object");
  const o = { ...DEFAULTS };
  if (options.prefix !== undefined) {
    if (typeof options.prefix !== "string" || options.prefix.length > 256) throw new RedisStoreError("prefix must be a string of at most 256 characters");
    o.prefix = options.prefix;
  }
  const int = (name, min, max) => {
    const v = options[name];
    if (v === undefined) return;
    if (!Number.isInteger(v) || v < min || v > max) throw new RedisStoreError(`${name} must be an integer from ${min} to ${max}`);
    o[name] = v;
  };
  int("maxAttempts", 1, 10_000);
  int("timeoutMs", 1, 600_000);
  int("backoffMs", 0, 10_000);
  int("maxBackoffMs", 0, 60_000);
  return o;
}

/**
 * The client's library, by shape. ioredis: `eval(script, numKeys, ...args)`, `scan(cursor, "MATCH",
 * p, "COUNT", n)` → [cursor, keys]; it has `defineCommand`. node-redis v4/v5: `eval(script,
 * { keys, arguments })`, `scan(cursor, { MATCH, COUNT })` → { cursor, keys }; it has `sendCommand`
 * taking an array and no `defineCommand`.
 */
export function adapter(client) {
  if (client === null || typeof client !== "object" && typeof client !== "function" || typeof client.get !== "function" || typeof client.eval !== "function") {
    throw new RedisStoreError("pass a connected node-redis (v4+) or ioredis client: it needs get() and eval()");
  }
  const ioredis = typeof client.defineCommand === "function";
  const cas = ioredis
    ? (key, cur, record) => client.eval(CAS_SCRIPT, 1, key, cur === null ? "0" : "1", cur ?? "", record)
    : (key, cur, record) => client.eval(CAS_SCRIPT, { keys: [key], arguments: [cur === null ? "0" : "1", cur ?? "", record] });
  async function* scan(pattern) {
    if (typeof client.scan !== "function") throw new RedisStoreError("users(): the client has no scan() (a cluster client cannot list users)");
    let cursor = "0";
    for (let round = 0; round < 10_000_000; round++) {
      let next, keys;
      if (ioredis) {
        [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
      } else {
        // v4 answers a number cursor and v5 a string; both take the string (v4 calls toString()).
        ({ cursor: next, keys } = await client.scan(cursor, { MATCH: pattern, COUNT: 500 }));
      }
      yield* keys ?? [];
      cursor = String(next);
      if (cursor === "0") return;
    }
  }
  return { get: (key) => client.get(key), cas, scan, library: ioredis ? "ioredis" : "node-redis" };
}

/** A reply value as text (clients set to return Buffers give Buffers). */
function text(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return String(v);
}

/**
 * A user id as a key segment: letters, digits, `.`, `_`, `-` kept, every other UTF-16 unit as
 * `%XXXX`. One-to-one (lone surrogates too), and keys stay readable for ordinary ids.
 */
export function encodeUser(user) {
  let out = "";
  for (let i = 0; i < user.length; i++) {
    const c = user.charCodeAt(i);
    const safe = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 45;
    out += safe ? user[i] : `%${c.toString(16).padStart(4, "0")}`;
  }
  return out;
}

/** encodeUser's inverse; null for a segment it cannot have written. */
export function decodeUser(segment) {
  let out = "";
  for (let i = 0; i < segment.length; ) {
    if (segment[i] === "%") {
      const hex = segment.slice(i + 1, i + 5);
      if (!/^[0-9a-f]{4}$/.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else {
      if (!/[0-9A-Za-z._-]/.test(segment[i])) return null;
      out += segment[i++];
    }
  }
  return out;
}

const globEscape = (s) => s.replace(/[*?[\]\\]/g, "\\$&");

const timeout = (what) => new RedisStoreError(`no answer from Redis in time (${what}; timeoutMs); is the server up?`);

/** `promise`, or a RedisStoreError once `deadline` passes (the client may still finish it later). */
function withDeadline(promise, deadline, what) {
  const left = Math.max(0, deadline - Date.now());
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(timeout(what)), left);
  });
  return Promise.race([
    Promise.resolve(promise).catch((e) => {
      throw e instanceof RedisStoreError ? e : new RedisStoreError(`Redis failed (${what}): ${e?.message ?? e}`, e);
    }),
    limit,
  ]).finally(() => clearTimeout(timer));
}
