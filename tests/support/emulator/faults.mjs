//! Fault injection: config normalisation, a seeded PRNG (reproducible runs), the weighted pick and applying it.

import { sendEnvelope } from "./http.mjs";

/** The kinds a fault can take; "code" kinds answer with that HTTP status and Kling code. */
export const FAULT_KINDS = {
  "500/5000": { status: 500, code: 5000, message: "Internal server error" },
  "429/1303": { status: 429, code: 1303, message: "parallel task over resource pack limit" },
  "504/5002": { status: 504, code: 5002, message: "Server timeout, please try again later" },
  "429/1102": { status: 429, code: 1102, message: "Resource pack exhausted or expired" },
  "503/5001": { status: 503, code: 5001, message: "Service temporarily unavailable" },
  "429/1302": { status: 429, code: 1302, message: "Requests are too frequent" },
  drop: {},
  slow: {},
};

// The ambiguous kinds a client must survive; account kinds (1102) must be asked for explicitly.
const DEFAULT_WEIGHTS = { "500/5000": 1, "429/1303": 1, "504/5002": 1, drop: 1, slow: 1 };
// Kinds that, on a create, are injected after the task was stored (the client cannot tell).
const DEFAULT_AFTER_CREATE = ["500/5000", "429/1303", "504/5002", "drop", "slow"];
// The task operations, then the general endpoints (presets lists, deletes, /account/costs).
const OPS = ["create", "query", "list", "presets", "delete", "costs"];

/** mulberry32: tiny, fast, seedable; good enough to pick faults reproducibly. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Normalises `{ rate, kinds, slowMs, seed, on, afterCreate }` (or null = no faults).
 * Throws on unknown kinds or ops so a typo in a test does not silently disable faults.
 */
export function normalizeFaults(config) {
  if (config == null || config === false) return null;
  const rate = Number(config.rate ?? 0);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`kling-emulator: faults.rate must be in [0, 1], got ${config.rate}`);
  const kinds = Object.entries(config.kinds ?? DEFAULT_WEIGHTS).filter(([, w]) => Number(w) > 0);
  for (const [kind] of kinds) {
    if (!(kind in FAULT_KINDS)) throw new Error(`kling-emulator: unknown fault kind "${kind}"`);
  }
  const on = config.on ?? ["create"];
  for (const op of on) {
    if (!OPS.includes(op)) throw new Error(`kling-emulator: unknown faults.on "${op}"`);
  }
  const total = kinds.reduce((sum, [, w]) => sum + Number(w), 0);
  const seed = Number(config.seed ?? 1);
  return {
    rate,
    kinds: Object.fromEntries(kinds.map(([k, w]) => [k, Number(w)])),
    total,
    on,
    slowMs: Number(config.slowMs ?? 2000),
    seed,
    afterCreate: config.afterCreate ?? DEFAULT_AFTER_CREATE,
    random: prng(seed),
  };
}

/** Draws for one request of operation `op`: a kind name, or null for no fault. */
export function pickFault(faults, op) {
  if (!faults || !faults.on.includes(op) || faults.total === 0) return null;
  // Two draws per eligible request, always, so the sequence depends only on the request count.
  const hit = faults.random();
  const which = faults.random() * faults.total;
  if (hit >= faults.rate) return null;
  let acc = 0;
  for (const [kind, weight] of Object.entries(faults.kinds)) {
    acc += weight;
    if (which < acc) return kind;
  }
  return Object.keys(faults.kinds).at(-1);
}

/** The public (JSON-safe) view of a normalised config, for stats and the control route. */
export function describeFaults(faults) {
  if (!faults) return null;
  const { rate, kinds, on, slowMs, seed, afterCreate } = faults;
  return { rate, kinds, on, slowMs, seed, afterCreate };
}

/**
 * Applies an injected fault. Returns true when the request is finished (answered or dropped);
 * "slow" only waits, then returns false so the normal answer follows.
 */
export async function applyFault(emu, req, res, kind) {
  const stats = emu.state.stats.faults;
  stats[kind] = (stats[kind] ?? 0) + 1;
  if (kind === "drop") {
    req.socket.destroy();
    return true;
  }
  if (kind === "slow") {
    await emu.timers.sleep(emu.faults.slowMs);
    return false;
  }
  const { code, message } = FAULT_KINDS[kind];
  sendEnvelope(res, code, message);
  return true;
}
