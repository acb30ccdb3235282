//! Callback delivery (§9): POST the task object (no envelope, no signature) to callback_url on each status change.

import http from "node:http";
import https from "node:https";
import { toJson } from "./http.mjs";

export class Callbacks {
  /**
   * @param {object} deps  { store, timers, state, baseUrl(): string, timeoutMs }
   * Each delivery attempt is appended to state.callbacks and counted in state.stats.callbacks.
   */
  constructor({ store, timers, state, baseUrl, timeoutMs }) {
    this.store = store;
    this.timers = timers;
    this.state = state;
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
    this.inFlight = new Set();
    this.closed = false;
    this.generation = 0; // bumped by reset(): late results of older deliveries are not recorded
  }

  /** Schedules one POST per status change of `record` (submitted now, the rest at their times). */
  schedule(record) {
    if (!record.callback_url) return;
    let chain = Promise.resolve();
    for (const [status, at] of this.store.transitions(record)) {
      // Deliveries of one task go out in order even when two transitions share a time.
      this.timers.later(at - Date.now(), () => {
        chain = chain.then(() => this.#deliver(record, status, at));
      });
    }
  }

  async #deliver(record, status, at) {
    const generation = this.generation;
    if (this.closed) return;
    const body = toJson(this.store.callbackView(record, status, at, this.baseUrl()));
    const attempt = { task_id: record.task_id, task_status: status, url: record.callback_url, at: Date.now() };
    const stats = this.state.stats.callbacks;
    stats.attempted++;
    try {
      attempt.status = await this.#post(record.callback_url, body);
      attempt.ok = attempt.status >= 200 && attempt.status < 300;
    } catch (err) {
      attempt.ok = false;
      attempt.error = String(err?.message ?? err);
    }
    if (this.closed || generation !== this.generation) return;
    if (attempt.ok) stats.delivered++;
    else stats.failed++;
    this.state.callbacks.push(attempt);
  }

  #post(url, body) {
    return new Promise((resolve, reject) => {
      let target;
      try {
        target = new URL(url);
      } catch {
        reject(new Error(`invalid callback_url: ${url}`));
        return;
      }
      const lib = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
      if (!lib) {
        reject(new Error(`unsupported callback_url scheme: ${target.protocol}`));
        return;
      }
      const req = lib.request(target, {
        method: "POST",
        agent: false, // no pooled keep-alive sockets left behind after close()
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: this.timeoutMs,
      });
      this.inFlight.add(req);
      const done = () => this.inFlight.delete(req);
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => {
          done();
          resolve(res.statusCode);
        });
        res.on("error", (e) => {
          done();
          reject(e);
        });
      });
      req.on("timeout", () => req.destroy(new Error(`callback timed out after ${this.timeoutMs} ms`)));
      req.on("error", (e) => {
        done();
        reject(e);
      });
      req.end(body);
    });
  }

  /** Cancels pending and in-flight deliveries (used by the emulator's reset()). */
  reset() {
    this.generation++;
    this.timers.clearAll();
    for (const req of this.inFlight) req.destroy();
    this.inFlight.clear();
  }

  close() {
    this.closed = true;
    this.reset();
  }
}
