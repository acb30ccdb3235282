//! Timing for the benchmarks. The machine is shared and noisy, so contenders are never timed one
//! after the other in long blocks: they run in interleaved rounds (each round times one batch of
//! every contender, in a rotating order), and each figure is the median over the rounds. A ratio
//! is the median of the per-round ratios, so a slow spell hits both sides of it alike.
//!
//! The clock is this process's CPU time (user + system, all its threads: process.cpuUsage), not
//! the wall clock: on a machine where other jobs take the cores, wall time mostly measures how
//! long the process waited for a core. CPU time counts the work done (V8's helper threads, the
//! libuv threads that read files, and the in-process emulator included) and stays stable under
//! load. KLING_BENCH_CLOCK=wall switches to the wall clock.

import { performance } from "node:perf_hooks";

export const CLOCK = process.env.KLING_BENCH_CLOCK === "wall" ? "wall" : "cpu";
/** The benchmark clock in nanoseconds. */
export function now() {
  if (CLOCK === "wall") return performance.now() * 1e6;
  const u = process.cpuUsage();
  return (u.user + u.system) * 1e3;
}

/** Keeps results alive so the engine cannot drop the work that made them. */
export let sink = 0;
export function keep(v) {
  sink = (sink + (typeof v === "string" ? v.length : typeof v === "object" && v !== null ? 1 : Number(Boolean(v)))) | 0;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** Time per call (ns) of `n` synchronous calls. */
function batch(fn, n) {
  const t0 = now();
  for (let i = 0; i < n; i++) keep(fn());
  return (now() - t0) / n;
}

/**
 * Compares synchronous functions. `cases`: { name: fn }. Returns { name: { median, p25, p75,
 * samples } } in ns per call, plus `ratio(a, b)`: the median per-round ratio a/b.
 */
export function compareSync(cases, { rounds = 81, sampleMs = 3, warmupMs = 400 } = {}) {
  const names = Object.keys(cases);
  // Warm-up: let every function reach the optimising tier before anything is measured.
  for (const name of names) {
    const end = performance.now() + warmupMs;
    while (performance.now() < end) batch(cases[name], 100);
  }
  // Calibrate: calls per batch so that one batch lasts about sampleMs.
  const per = Object.fromEntries(names.map((name) => [name, Math.max(1, Math.round((sampleMs * 1e6) / batch(cases[name], 200)))]));
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      samples[name].push(batch(cases[name], per[name]));
    }
  }
  return summarise(samples);
}

/** As compareSync for async functions: each sample is `perSample` awaited calls in sequence. */
export async function compareAsync(cases, { rounds = 21, perSample = 20, warmup = 30, log } = {}) {
  const names = Object.keys(cases);
  for (const name of names) {
    log?.(`warm-up: ${name}`);
    for (let i = 0; i < warmup; i++) keep(await cases[name]());
  }
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = now();
      for (let i = 0; i < perSample; i++) keep(await cases[name]());
      samples[name].push((now() - t0) / perSample);
    }
  }
  return summarise(samples);
}

/** Interleaved rounds of one-shot measurements: `cases` are async functions returning ns (use `now()`). */
export async function compareEach(cases, { rounds = 15, warmup = 3 } = {}) {
  const names = Object.keys(cases);
  for (let i = 0; i < warmup; i++) for (const name of names) await cases[name]();
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      samples[name].push(await cases[name]());
    }
  }
  return summarise(samples);
}

function summarise(samples) {
  const out = {};
  for (const [name, xs] of Object.entries(samples)) {
    out[name] = { median: median(xs), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75), samples: xs };
  }
  Object.defineProperty(out, "ratio", {
    enumerable: false,
    value: (a, b) => median(out[a].samples.map((x, i) => x / out[b].samples[i])),
  });
  return out;
}

/** ns -> a short human figure. */
export function fmtTime(ns) {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e8 ? 0 : 2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : 2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function fmtBytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

/** "±x%": half the interquartile range relative to the median, a noise indicator. */
export function spread(s) {
  return `±${((50 * (s.p75 - s.p25)) / s.median).toFixed(0)}%`;
}
