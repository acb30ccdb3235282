//! Benchmark 11: a full listing of one user's tasks through the signing proxy, from the per-user
//! task index against the walk of the whole account it replaces (issue 17): 10,000 account tasks,
//! 1 % of them the user's. The peer is the same proxy with an incomplete index (a fresh
//! memoryStore before each listing: the first listing after a restart, a walk that completes the
//! index at its end); the subject is the proxy whose index a walk completed. Both list as
//! iterateTasks does (pageSize 30, then each next_cursor until none), in this process, against the
//! same upstream stub (pre-built answers: 20 pages of 500 tasks, and each task by its
//! external_task_id), which counts the calls and bytes it serves. Before timing, both listings
//! must hold the same tasks, the user's 100.
//!
//! `node benches/proxy-index.mjs [pkgDir]` runs it alone (default: the release package).

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compareAsync, fmtBytes, fmtTime, spread } from "./lib/measure.mjs";

export const title = "11. Proxy list: the task index against the walk (10,000 account tasks, 1 % the user's)";

const UPSTREAM = "https://api-singapore.klingai.com";
const AK = "bench-ak";
const SK = "bench-sk-0123456789abcdef0123456789abcdef";
const USER = "u1";
const PAGE = 500;
const TASKS = 10_000;
const PAGE_SIZE = 30;
const TARGET = 0.5;
const INDEX = "index (complete: one query per task)";
const WALK = "walk (incomplete index: every page)";

/** Task `n` of the account, newest first: one in 100 is USER's, the others other users'. */
function task(n) {
  const i = n % PAGE;
  const owner = i % 100 === 7 ? USER : i % 10 === 3 ? null : `u${2 + (i % 8)}`;
  const id = `task-${n}`;
  return {
    task_id: id,
    task_status: "succeed",
    task_status_msg: "",
    task_info: owner ? { external_task_id: `${owner}:job-${n}` } : {},
    watermark_info: { enabled: false },
    final_unit_deduction: "5",
    created_at: 1_760_000_000_000 - n * 1000,
    updated_at: 1_760_000_090_000 - n * 1000,
    task_result: { videos: [{ id: `vid-${n}`, url: `https://cdn.klingai.example/files/${id}/video-0.mp4`, duration: "5.041" }] },
  };
}

const envelope = (data, rid) => JSON.stringify({ code: 0, message: "SUCCEED", request_id: rid, data });
const all = Array.from({ length: TASKS }, (_, n) => task(n));
const pages = Array.from({ length: TASKS / PAGE + 1 }, (_, p) => envelope(all.slice(p * PAGE, (p + 1) * PAGE), `req-page-${p + 1}`));
const byExt = new Map(all.filter((t) => t.task_info.external_task_id).map((t) => [t.task_info.external_task_id, envelope(t, `req-${t.task_id}`)]));
const missing = JSON.stringify({ code: 1203, message: "task not found", request_id: "req-missing", data: null });
const mine = all.filter((t) => t.task_info.external_task_id?.startsWith(`${USER}:`)).map((t) => t.task_id).sort();

/** Upstream calls served since the last reset: pages, queries, and the bytes of their answers. */
const served = { pages: 0, queries: 0, bytes: 0 };

async function upstreamFetch(url) {
  const u = new URL(url);
  const path = u.pathname.replace(/^\/v1\/videos\/omni-video/, "");
  let text;
  if (path === "") {
    served.pages++;
    text = pages[Number(u.searchParams.get("pageNum")) - 1] ?? envelope([], "req-past-the-end");
  } else {
    served.queries++;
    text = byExt.get(decodeURIComponent(path.slice(1))) ?? missing;
  }
  served.bytes += text.length;
  return new Response(text, { status: text === missing ? 404 : 200, headers: { "content-type": "application/json" } });
}

/** One full listing as iterateTasks makes it; returns the task_ids and the proxy requests made. */
async function listing(proxy) {
  const ids = [];
  let cursor = null;
  let requests = 0;
  do {
    const query = cursor ? `pageSize=${PAGE_SIZE}&cursor=${cursor}` : `pageNum=1&pageSize=${PAGE_SIZE}`;
    const res = await proxy.fetch(new Request(`http://proxy.local/kling/v1/videos/omni-video?${query}`, { headers: { authorization: `Bearer user-${USER}` } }));
    const body = JSON.parse(await res.text());
    if (res.status !== 200 || body.code !== 0) throw new Error(`bench: the proxy answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    requests++;
    ids.push(...body.data.map((t) => t.task_id));
    cursor = body.next_cursor ?? null;
  } while (cursor);
  return { ids, requests };
}

export async function run({ pkgDir }) {
  const { createKlingProxy, memoryStore } = await import(pathToFileURL(join(pkgDir, "proxy", "index.node.js")).href);
  const authorize = (request) => (request.headers.get("authorization") === `Bearer user-${USER}` ? USER : false);
  const config = { upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize, fetch: upstreamFetch };
  // The walk's store is replaced before each listing (a restart); the index's is kept.
  let fresh = memoryStore();
  const walkStore = { apply: (user, part, op) => fresh.apply(user, part, op) };
  const proxies = { [WALK]: createKlingProxy({ ...config, store: walkStore }), [INDEX]: createKlingProxy({ ...config, store: memoryStore() }) };
  const cost = {};
  const measureOnce = async (name) => {
    if (name === WALK) fresh = memoryStore();
    Object.assign(served, { pages: 0, queries: 0, bytes: 0 });
    const r = await listing(proxies[name]);
    return { ...r, ...served };
  };
  await measureOnce(INDEX); // completes the index's store
  for (const name of [WALK, INDEX]) {
    cost[name] = await measureOnce(name);
    assert.deepEqual([...new Set(cost[name].ids)].sort(), mine, `${name}: the user's tasks`);
  }
  assert.equal(cost[INDEX].pages, 0, "the index walks no page");
  assert.equal(cost[INDEX].queries, mine.length, "one query per task");
  const cases = Object.fromEntries([WALK, INDEX].map((name) => [name, () => measureOnce(name)]));
  const r = await compareAsync(cases, { rounds: 15, perSample: 2, warmup: 4 });
  const rows = [WALK, INDEX].map((name) => {
    const c = cost[name];
    return [name, `${c.pages + c.queries} (${c.pages} pages, ${c.queries} queries)`, fmtBytes(c.bytes), String(c.requests), fmtTime(r[name].median), spread(r[name]), name === WALK ? "1.00×" : `${r.ratio(name, WALK).toFixed(2)}×`];
  });
  const x = r.ratio(INDEX, WALK);
  const notes = [
    `Account: ${TASKS.toLocaleString("en")} omni-video tasks, ${mine.length} of them user ${USER}'s (1 %), spread over all ${TASKS / PAGE} upstream pages of ${PAGE} (${fmtBytes(pages[0].length)} of JSON each). A listing: \`GET …/omni-video?pageNum=1&pageSize=${PAGE_SIZE}\`, then each \`next_cursor\`, as iterateTasks sends them; both gave the same ${mine.length} tasks before timing.`,
    `Upstream calls and bytes are exact counts (the stub's); the walk reads every page once per listing (${PAGE} tasks a call), the index one task per call, so in calls the index wins when the user holds fewer than 1 in ${PAGE} of the account's tasks, and in bytes and CPU always. The index's queries run one after another (≤ 30 per proxy request).`,
    `Node ${process.version}, in process, the proxy from \`${pkgDir.replace(/.*\/(?=[^/]+\/?$)/, "")}\`; ${r[WALK].samples.length} interleaved rounds of 2 listings, medians of this process's CPU time (the stub's own work is in both); ratio: median of the per-round ratios. The walk's row includes its store ops (page, seen, complete) on a fresh memoryStore.`,
  ];
  return {
    title,
    headers: ["listing", "upstream calls", "upstream bytes", "proxy requests", "CPU per listing", "IQR/2", "÷ walk"],
    rows,
    notes,
    targets: [{ target: `a full listing from the index ≤ ${TARGET}× the walk's CPU (10,000 tasks, 1 % the user's)`, met: x <= TARGET, figure: `${x.toFixed(2)}×` }],
    data: { cost: Object.fromEntries(Object.entries(cost).map(([k, c]) => [k, { pages: c.pages, queries: c.queries, bytes: c.bytes, requests: c.requests }])), medians: Object.fromEntries([WALK, INDEX].map((k) => [k, r[k].median])), ratio: x },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ensureReleasePkg, ROOT } = await import("./lib/release-pkg.mjs");
  const pkgDir = process.argv[2] ? join(process.cwd(), process.argv[2]) : ensureReleasePkg();
  const res = await run({ pkgDir: pkgDir.startsWith("/") ? pkgDir : join(ROOT, pkgDir) });
  console.log([`### ${res.title}`, "", `| ${res.headers.join(" | ")} |`, `|${res.headers.map(() => "---").join("|")}|`, ...res.rows.map((row) => `| ${row.join(" | ")} |`), "", ...res.notes.map((n) => `- ${n}`), "", ...res.targets.map((t) => `- target: ${t.target}: ${t.met ? "met" : "missed"} (${t.figure})`)].join("\n"));
}
