//! startEmulator(): the HTTP server on 127.0.0.1, its state, runtime setters and close().

import http from "node:http";
import { normalizeAccounts } from "./auth.mjs";
import { Callbacks } from "./callbacks.mjs";
import { handleControl } from "./control.mjs";
import { normalizePacks } from "./costs.mjs";
import { describeFaults, normalizeFaults } from "./faults.mjs";
import { serveFile } from "./files.mjs";
import { readBody, sendEnvelope, Timers } from "./http.mjs";
import { handleKling } from "./kling.mjs";
import { ownerIdOf, presetElementItems, presetVoiceItems } from "./library.mjs";
import { FAMILIES, TaskStore } from "./store.mjs";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-allow-methods": "GET, POST, OPTIONS",
};

function freshStats() {
  return {
    requests: 0,
    creates: 0,
    created: 0,
    queries: 0,
    lists: 0,
    files: 0,
    duplicatesRejected: 0,
    concurrencyRejected: 0,
    presetLists: 0,
    deletes: { elements: 0, voices: 0 },
    accountCosts: 0,
    accountCostsThrottled: 0,
    tasksByFamily: Object.fromEntries(Object.keys(FAMILIES).map((f) => [f, 0])),
    faults: {},
    authFailures: {},
    callbacks: { attempted: 0, delivered: 0, failed: 0 },
  };
}

function normalizeTimeline(t = {}, base = { processingAfterMs: 50, doneAfterMs: 200 }) {
  const out = { ...base, ...t };
  for (const k of ["processingAfterMs", "doneAfterMs"]) {
    out[k] = Number(out[k]);
    if (!(out[k] >= 0)) throw new Error(`kling-emulator: timeline.${k} must be a number >= 0`);
  }
  return out;
}

function normalizeConcurrency(value) {
  if (value == null) return {};
  if (typeof value === "number") return { video: value, image: value };
  return { video: value.video, image: value.image };
}

/**
 * Starts the emulator. See tests/support/README.md for every option.
 * Resolves with { url, port, state, close, reset, setFaults, configure, tasks, task, stats }.
 */
export async function startEmulator(options = {}) {
  const timers = new Timers();
  const state = { requests: [], callbacks: [], stats: freshStats() };
  const store = new TaskStore({ failMarker: options.failMarker ?? "[[fail]]" });
  Object.defineProperty(state, "tasks", { enumerable: true, get: () => store.tasks });

  const emu = {
    url: "",
    state,
    store,
    timers,
    accounts: normalizeAccounts(options),
    timeline: normalizeTimeline(options.timeline),
    faults: normalizeFaults(options.faults),
    maxConcurrent: normalizeConcurrency(options.maxConcurrent),
    clockOffsetMs: Number(options.clockOffsetMs ?? 0),
    delayMs: Number(options.delayMs ?? 0),
    recordRequests: options.recordRequests !== false,
    resourcePacks: normalizePacks(options.resourcePacks),
    accountCostsMinIntervalMs: Number(options.accountCostsMinIntervalMs ?? 0),
    accountCostsLastAt: -Infinity,
  };
  emu.callbacks = new Callbacks({
    store,
    timers: new Timers(), // separate set: reset() cancels callbacks without touching in-flight responses
    state,
    baseUrl: () => emu.url,
    timeoutMs: Number(options.callbackTimeoutMs ?? 5000),
  });

  const api = {
    url: "",
    port: 0,
    state,
    /**
     * Re-reads faults/timeline/clockOffsetMs/maxConcurrent/delayMs/resourcePacks/accountCostsMinIntervalMs
     * from a partial config; returns the config.
     */
    configure(partial) {
      if ("faults" in partial) emu.faults = normalizeFaults(partial.faults);
      if ("timeline" in partial) emu.timeline = normalizeTimeline(partial.timeline, emu.timeline);
      if ("maxConcurrent" in partial) emu.maxConcurrent = normalizeConcurrency(partial.maxConcurrent);
      if ("clockOffsetMs" in partial) emu.clockOffsetMs = Number(partial.clockOffsetMs);
      if ("delayMs" in partial) emu.delayMs = Number(partial.delayMs);
      if ("resourcePacks" in partial) emu.resourcePacks = normalizePacks(partial.resourcePacks);
      if ("accountCostsMinIntervalMs" in partial) emu.accountCostsMinIntervalMs = Number(partial.accountCostsMinIntervalMs);
      const { timeline, maxConcurrent, clockOffsetMs, delayMs, resourcePacks, accountCostsMinIntervalMs } = emu;
      const faults = describeFaults(emu.faults);
      return { faults, timeline, maxConcurrent, clockOffsetMs, delayMs, resourcePacks, accountCostsMinIntervalMs };
    },
    /** Replaces the fault config (null = off); the PRNG restarts from its seed. */
    setFaults(faults) {
      emu.faults = normalizeFaults(faults);
      return describeFaults(emu.faults);
    },
    /** Forgets tasks, recorded requests, callbacks and stats; restarts the fault PRNG. */
    reset() {
      emu.callbacks.reset();
      store.reset();
      state.requests.length = 0;
      state.callbacks.length = 0;
      state.stats = freshStats();
      emu.accountCostsLastAt = -Infinity;
      if (emu.faults) emu.faults = normalizeFaults(describeFaults(emu.faults));
    },
    /** Every stored task as it is now: [{ family, account, task }], optionally one family only. */
    tasks(family) {
      const now = Date.now();
      const out = [];
      for (const r of store.tasks.values()) {
        if (family === undefined || r.family === family) {
          out.push({ family: r.family, account: r.account, task: store.view(r, now, emu.url) });
        }
      }
      return out;
    },
    /** One task (by task_id, any account or family) as it is now, or undefined. */
    task(taskId) {
      const r = store.tasks.get(taskId);
      return r && store.view(r, Date.now(), emu.url);
    },
    /**
     * Every element as of now: the presets, then each custom one whose task has succeeded (deleted
     * ones too, flagged). `element_id` is the exact decimal string here (BigInt in task views).
     */
    elements() {
      const item = (r) => ({ element_id: String(r.plan.elementId), element_name: r.body.element_name });
      return presetElementItems().concat(custom("custom-element", item));
    },
    /** Every voice as of now, like elements(): presets, then custom voices of succeeded tasks. */
    voices() {
      return presetVoiceItems().concat(custom("custom-voice", (r) => ({ voice_id: r.plan.voiceId, voice_name: r.body.voice_name })));
    },
    /** A JSON copy of the stats plus the task count and the current fault config. */
    stats() {
      return { ...structuredClone(state.stats), tasks: store.tasks.size, faultConfig: describeFaults(emu.faults) };
    },
    close,
  };

  /** The custom elements or voices of succeeded tasks, oldest first, with who owns them. */
  function custom(family, item) {
    const now = Date.now();
    const out = [];
    for (const r of store.tasks.values()) {
      if (r.family !== family || store.statusAt(r, now).status !== "succeed") continue;
      const owner = { owned_by: ownerIdOf(r.account), account: r.account, preset: false, deleted: r.deleted };
      out.push({ task_id: r.task_id, ...item(r), ...owner });
    }
    return out;
  }

  const control = options.control === true;
  const cors = options.cors === true;

  async function route(req, res) {
    const url = new URL(req.url ?? "/", emu.url);
    if (options.log) res.on("finish", () => options.log(`${req.method} ${req.url} -> ${res.statusCode}`));
    if (cors) for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    if (cors && req.method === "OPTIONS") {
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname.startsWith("/files/")) return serveFile(emu, req, res, url);
    const raw = await readBody(req);
    if (control && url.pathname.startsWith("/__emulator/")) return handleControl(api, req, res, url, raw ?? Buffer.alloc(0));
    state.stats.requests++;
    if (emu.recordRequests) {
      state.requests.push({
        at: Date.now(),
        method: req.method,
        url: req.url,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body: raw === null ? null : raw.toString("utf8"),
      });
    }
    await timers.sleep(emu.delayMs);
    if (raw === null) return sendEnvelope(res, 1200, "Invalid request parameters: body too large");
    return handleKling(emu, req, res, url, raw);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err) => {
      // An emulator bug must surface loudly in tests, not as a hang.
      console.error("kling-emulator: internal error", err);
      sendEnvelope(res, 5000, `emulator internal error: ${err?.message ?? err}`);
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(options.port ?? 0), "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  api.port = server.address().port;
  api.url = emu.url = `http://127.0.0.1:${api.port}`;

  let closing;
  function close() {
    closing ??= new Promise((resolve) => {
      timers.clearAll();
      emu.callbacks.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  return api;
}
