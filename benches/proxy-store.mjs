//! Benchmark 12: what per-user limits cost a create (issue 17). One create + one query that sees
//! the task end (which settles the reservation), through the same proxy (createKlingProxy) with
//! limits off (the peer: the task index alone) and with a budget + maxTasksInFlight, both on the
//! default memoryStore; the upstream is an in-process fetch stub, so the figures are the proxy's
//! own work. Counted per cycle: upstream calls and store calls (a Redis or Durable Object store
//! pays a round trip for each).

import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compareAsync, fmtTime } from "./lib/measure.mjs";

export const title = "12. Proxy store: CPU and calls per create + settling query";

const AK = "bench-ak";
const SK = "bench-sk-0123456789abcdef";
const UPSTREAM = "https://kling.bench";
const BODY = JSON.stringify({ model_name: "kling-v3-omni", prompt: "a red fox runs through snow", aspect_ratio: "16:9", duration: "5" });

/** Kling as a stub: a create answers a task; a query answers it succeeded, billed 4 units. */
function stub(counts) {
  let n = 0;
  const tasks = new Map();
  return async (url, init) => {
    counts.upstream += 1;
    const u = new URL(url);
    if (init?.method === "POST") {
      const body = JSON.parse(typeof init.body === "string" ? init.body : await new Response(init.body).text());
      const task_id = String(860_000_000_000_000_000n + BigInt(++n));
      tasks.set(task_id, body.external_task_id);
      return json({ task_id, task_status: "submitted", task_info: { external_task_id: body.external_task_id }, created_at: 1, updated_at: 1 });
    }
    const id = u.pathname.split("/").pop();
    const ext = tasks.get(id);
    tasks.delete(id);
    return json({ task_id: id, task_status: "succeed", task_info: { external_task_id: ext }, final_unit_deduction: "4", task_result: {}, created_at: 1, updated_at: 2 });
  };
}

const json = (data) => new Response(JSON.stringify({ code: 0, message: "SUCCEED", request_id: "r", data }), { headers: { "content-type": "application/json" } });

export async function run({ pkgDir }) {
  const { createKlingProxy, memoryStore } = await import(pathToFileURL(join(pkgDir, "proxy", "index.node.js")).href);
  const cycles = {};
  const make = (name, extra) => {
    const counts = { upstream: 0, store: 0, cycles: 0 };
    const inner = memoryStore();
    const store = { apply: (u, p, op) => ((counts.store += 1), inner.apply(u, p, op)) };
    const proxy = createKlingProxy({ upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize: () => "bench-user", fetch: stub(counts), store, ...extra });
    let i = 0;
    cycles[name] = counts;
    return async () => {
      counts.cycles += 1;
      const body = BODY.replace(/}$/, `,"external_task_id":"b-${++i}"}`);
      const headers = { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) };
      const made = await proxy.fetch(new Request(`http://proxy.bench/kling/v1/videos/omni-video`, { method: "POST", headers, body }));
      const task = await made.json();
      if (made.status !== 200) throw new Error(`bench: create answered ${made.status}: ${JSON.stringify(task)}`);
      const seen = await proxy.fetch(new Request(`http://proxy.bench/kling/v1/videos/omni-video/${task.data.task_id}`));
      if (seen.status !== 200) throw new Error(`bench: query answered ${seen.status}`);
      return seen.text();
    };
  };
  const OFF = "limits off (task index only)";
  const ON = "budget + maxTasksInFlight";
  const r = await compareAsync({ [OFF]: make(OFF, {}), [ON]: make(ON, { budget: { usd: 1e9, periodSeconds: 86_400 }, maxTasksInFlight: 10 }) }, { rounds: 21, perSample: 20, warmup: 50 });
  const per = (name, k) => (cycles[name][k] / cycles[name].cycles).toFixed(1);
  const rows = [OFF, ON].map((name) => [name, fmtTime(r[name].median), per(name, "upstream"), per(name, "store"), name === OFF ? "1.00" : r.ratio(ON, OFF).toFixed(2)]);
  return {
    title,
    headers: ["proxy", "CPU per create + query", "upstream calls", "store calls", "÷ limits off"],
    rows,
    notes: [
      "A cycle is one create and one query that sees the task succeed (the query settles the reservation, as a callback would). memoryStore in this process. Elsewhere each store call costs the store's own round trips: a Durable Object call per op; Redis a GET and a compare-and-set per op that writes, one GET per op that only reads, one more per conflict (fewer in a burst: ops of one process on one user share a round). Analysis 12 has both.",
      "Store calls with limits on: reserve, index add, created (task id noted), settle; off: index add only. Upstream calls are the same: limits never cost a call to Kling.",
    ],
    data: { medians: Object.fromEntries([OFF, ON].map((n) => [n, r[n].median])), ratio: r.ratio(ON, OFF), cycles },
  };
}
