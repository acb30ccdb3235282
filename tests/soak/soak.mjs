#!/usr/bin/env node
// The fault soak (RELIABILITY.md "Soak"): N create + wait cycles from the JS KlingClient (auth
// "proxy") through the signing proxy in workerd to the Kling emulator, which injects faults on 20 %
// of creates and queries (500/5000, 429/1303, 504/5002 after storing the task, dropped connections,
// slow answers). A cycle whose create or wait rejects with a retryable KlingError is retried with
// the SAME external_task_id, the documented way to stay idempotent. At the end: exactly N tasks,
// no duplicate external ids, none lost, every error that reached the caller a retryable KlingError
// with a fault's code, and the wasm memory of both the proxy isolate and the client module flat
// after the first 10 %.
//
//   node tests/soak/soak.mjs                       10,000 cycles (SOAK_CYCLES to change)
//   SOAK_CYCLES=500 SOAK_CONCURRENCY=16 SOAK_SEED=7 node tests/soak/soak.mjs
// Exits 1 when an assertion fails; prints a JSON summary either way.

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import lib from "../js/load-pkg.mjs";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AK = "ak-soak";
const SK = "sk-soak-0123456789abcdef0123456789";
const REQUEST = { model_name: "kling-v3-omni", prompt: "a red fox in snow", mode: "std", aspect_ratio: "16:9", duration: "5" };
// What may reach the caller after the client's own retries: the faults' codes, all retryable.
const FAULT_API_CODES = new Set([5000, 5001, 5002, 1302, 1303]);
const RETRYABLE_CODES = new Set(["api_error", "network_error", "timeout"]);
const MAX_ATTEMPTS = 25;
// Memory may still settle a little after the 10 % mark (allocator high-water marks: 8 pages of
// slack); a leak of 60 bytes a cycle over the 9,000 cycles after the mark would already exceed it.
const MEMORY_SLACK_BYTES = 512 << 10;

const envNumber = (name, fallback) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};

/** The client module's wasm memory in this Node process (initSync returns the live exports). */
const clientMemoryBytes = () => lib.initSync({}).memory.buffer.byteLength;

/**
 * Runs the soak; resolves with the summary (or rejects on the first broken promise).
 * @param {{ cycles: number, concurrency: number, seed: number, log?: (line: string) => void }} o
 */
export async function soak({ cycles, concurrency, seed, log = () => {} }) {
  const faults = { rate: 0.2, on: ["create", "query"], seed, slowMs: 800 };
  const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 0, doneAfterMs: 0 }, faults, recordRequests: false });
  let wd;
  try {
    wd = await startWorkerd({ entry: join(HERE, "worker.mjs"), bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK } });
    const proxyMemoryBytes = async () => (await (await fetch(`${wd.url}/__test/memory`)).json()).wasmBytes;
    const session = (url, init = {}) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: "Bearer soak-session" } });
    // A slow fault (0.8 s) outlasts the 0.5 s exchange timeout: the client sees "timeout" after the
    // task was stored, the ambiguous case it must settle by asking for the external_task_id.
    const client = new lib.KlingClient({ baseUrl: `${wd.url}/kling`, auth: { kind: "proxy" }, fetch: session, timeoutMs: 500 });

    const memory = { start: { proxy: await proxyMemoryBytes(), client: clientMemoryBytes() } };
    const reached = {}; // errors that reached the caller, by code (api_error by Kling code too)
    const results = new Array(cycles);
    const prefix = `soak-${seed}-`;
    let next = 0;
    let done = 0;
    const t0 = performance.now();

    const cycle = async (i) => {
      const ext = `${prefix}${i}`;
      for (let attempt = 1; ; attempt++) {
        try {
          const created = await client.createOmniVideo({ ...REQUEST, external_task_id: ext });
          assert.equal(created.task_info?.external_task_id, ext, "create answers with the caller's own external id");
          // Half the cycles wait by Kling's task_id, half by their own external id (the proxy
          // reads a path id as a task_id; the external one is named with `by`).
          const by = i % 2 ? { by: "external_task_id", id: ext } : { by: "task_id", id: created.task_id };
          const task = await client.waitForTask("omni-video", by.id, { timeoutMs: 60_000, by: by.by });
          assert.equal(task.task_status, "succeed");
          assert.equal(task.task_info?.external_task_id, ext);
          return { taskId: task.task_id, attempts: attempt };
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          assert.ok(e instanceof lib.KlingError, `cycle ${i}: not a KlingError: ${e?.stack ?? e}`);
          assert.ok(RETRYABLE_CODES.has(e.code) && e.retryable === true, `cycle ${i}: ${e.code} (retryable ${e.retryable}): ${e.message}`);
          if (e.code === "api_error") assert.ok(FAULT_API_CODES.has(e.apiCode), `cycle ${i}: api_error ${e.apiCode}: ${e.message}`);
          const key = e.code === "api_error" ? `api_error/${e.apiCode}` : e.code;
          reached[key] = (reached[key] ?? 0) + 1;
          assert.ok(attempt < MAX_ATTEMPTS, `cycle ${i}: still failing after ${attempt} attempts`);
        }
      }
    };

    const tenth = Math.max(1, Math.floor(cycles / 10));
    const worker = async () => {
      while (next < cycles) {
        const i = next++;
        results[i] = await cycle(i);
        done++;
        if (done % tenth === 0) {
          const s = (performance.now() - t0) / 1000;
          log(`soak: ${done}/${cycles} cycles in ${s.toFixed(1)} s (${(done / s).toFixed(0)}/s)`);
          // The 10 % mark: sampled while the other workers are still busy.
          if (done === tenth) memory.tenth = { proxy: await proxyMemoryBytes(), client: clientMemoryBytes() };
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - t0) / 1000;
    memory.end = { proxy: await proxyMemoryBytes(), client: clientMemoryBytes() };

    const tasks = emu.tasks();
    const extIds = tasks.map((t) => t.task.task_info.external_task_id);
    const stats = emu.state.stats;
    const summary = {
      cycles,
      concurrency,
      seed,
      seconds: Number(seconds.toFixed(1)),
      cyclesPerSecond: Number((cycles / seconds).toFixed(1)),
      tasks: tasks.length,
      uniqueExternalIds: new Set(extIds).size,
      succeeded: tasks.filter((t) => t.task.task_status === "succeed").length,
      faultsInjected: { ...stats.faults },
      faultedShare: Number((Object.values(stats.faults).reduce((a, b) => a + b, 0) / (stats.creates + stats.queries)).toFixed(3)),
      emulator: { creates: stats.creates, queries: stats.queries, duplicatesRejected: stats.duplicatesRejected },
      errorsReachingCaller: reached,
      cyclesRetried: results.filter((r) => r.attempts > 1).length,
      maxAttempts: Math.max(...results.map((r) => r.attempts)),
      memory,
    };

    // Exactly N tasks, no duplicates, none lost: every cycle's task is on the emulator, succeeded,
    // under the owner-prefixed id of that very cycle.
    assert.equal(tasks.length, cycles, "exactly one task per cycle");
    assert.equal(summary.uniqueExternalIds, cycles, "no duplicate external ids");
    const byId = new Map(tasks.map((t) => [t.task.task_id, t.task]));
    results.forEach((r, i) => {
      const task = byId.get(r.taskId);
      assert.ok(task, `cycle ${i}: its task ${r.taskId} is on the emulator`);
      assert.equal(task.task_info.external_task_id, `soak:${prefix}${i}`, `cycle ${i}: the task is its own`);
      assert.equal(task.task_status, "succeed");
    });
    assert.equal(new Set(results.map((r) => r.taskId)).size, cycles, "no two cycles share a task");
    // The faults really happened, of every kind, at about the configured rate.
    for (const kind of ["500/5000", "429/1303", "504/5002", "drop", "slow"]) assert.ok(stats.faults[kind] > 0, `fault ${kind} injected`);
    assert.ok(summary.faultedShare > 0.15 && summary.faultedShare < 0.25, `fault share ${summary.faultedShare}`);
    // Memory: whatever the first 10 % needed, the rest needed no more.
    for (const side of ["proxy", "client"]) {
      assert.ok(memory.end[side] <= memory.tenth[side] + MEMORY_SLACK_BYTES, `${side} wasm memory kept growing: ${JSON.stringify(memory)}`);
    }
    return summary;
  } finally {
    await wd?.stop();
    await emu.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opts = { cycles: envNumber("SOAK_CYCLES", 10_000), concurrency: envNumber("SOAK_CONCURRENCY", 32), seed: envNumber("SOAK_SEED", 2026) };
  console.log(`soak: ${opts.cycles} create + wait cycles, ${opts.concurrency} in parallel, 20 % faults (seed ${opts.seed})`);
  try {
    const summary = await soak({ ...opts, log: (line) => console.log(line) });
    console.log(JSON.stringify(summary, null, 2));
    console.log(`soak: ok: ${summary.tasks} tasks, 0 duplicates, 0 lost, ${summary.cyclesPerSecond} cycles/s`);
  } catch (e) {
    console.error(`soak: FAILED: ${e?.stack ?? e}`);
    process.exitCode = 1;
  }
}
