//! Benchmark 9: CPU per list request of the signing proxy on a 500-task upstream page, against
//! the ~40-line JS proxy of benches/lib/js-proxy.mjs (jose HS256, JSON.parse, filter by owner
//! prefix, JSON.stringify). Both are `{ fetch(request) }` handlers given the same upstream
//! `fetch` stub (benches/lib/list-pages.mjs: pre-built page strings, 1 % of the tasks the
//! caller's), so the difference is the proxies' own work: signing, reading the page, filtering,
//! writing the answer. Only the list path is compared.
//!
//! Twice: in this Node process (the clock is its CPU time), and in workerd, both proxies in one
//! worker (benches/lib/list-worker.mjs), the workerd process's CPU read from /proc
//! (benches/lib/workerd-proc.mjs) around batches of requests sent over keep-alive connections.
//!
//! The proxy's list API may walk several upstream pages per request (a cursor) or exactly one
//! (pageNum/pageSize): the stub counts the pages it serves, and the figures are per upstream page
//! processed, so the comparison holds for either form. Before timing, the proxy's tasks must equal
//! the JS proxy's for the same upstream pages, in both runtimes.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { compareAsync, compareEach, fmtBytes, fmtTime, spread } from "./lib/measure.mjs";
import { createJsProxy } from "./lib/js-proxy.mjs";
import { AK, PAGE, SK, UPSTREAM, USER, authorize, pageText, served, upstreamFetch } from "./lib/list-pages.mjs";
import { baselineModule, cpu, send, startWorker, workerdVersion } from "./lib/workerd-proc.mjs";

export const title = "9. Proxy list: CPU per 500-task upstream page";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "lib");
const TARGET = 1.2; // issue 18 (it was 1.5 in issue 13)
const OURS = "kling-wasm proxy (createKlingProxy)";
const JS = "JS proxy: jose + JSON.parse + filter + JSON.stringify";
const STUB = "floor: the upstream stub alone (Response of the page + text())";
/** KLING_BENCH_BASELINE=PKG_DIR: kling-wasm of that package too, measured in the same run. */
const BASELINE = process.env.KLING_BENCH_BASELINE;
const BASE = `baseline: kling-wasm proxy of ${BASELINE}`;

/** One list request through a handler in this process; the answer's text is read, as a client would. */
async function list(proxy, query) {
  const request = new Request(`http://proxy.local/kling/v1/videos/omni-video?${query}`, { headers: { authorization: `Bearer user-${USER}` } });
  const res = await proxy.fetch(request);
  return { status: res.status, text: await res.text() };
}

/**
 * The proxy's first list answer and the JS proxy's for the same upstream pages must hold the same
 * tasks. `ask(which, query)` → { status, text, pages: { full, empty } }. Returns the query the
 * proxy took (page-number form, or page size alone when a cursor build refuses pageNum: 4xx) and the
 * upstream pages one of its requests walks.
 */
async function checkSame(ask) {
  let query = `pageNum=1&pageSize=${PAGE}`;
  let first = await ask("ours", query);
  if (first.status >= 400 && first.status < 500) {
    query = `pageSize=${PAGE}`;
    first = await ask("ours", query);
  }
  const pages = first.pages;
  if (first.status !== 200 || pages.full < 1) throw new Error(`bench: the proxy's list answered ${first.status} after ${pages.full} upstream pages: ${first.text.slice(0, 300)}`);
  const body = JSON.parse(first.text);
  const expected = [];
  for (let n = 1; n <= pages.full; n++) {
    const r = await ask("js", `pageNum=${n}&pageSize=${PAGE}`);
    assert.equal(r.status, 200);
    expected.push(...JSON.parse(r.text).data);
  }
  assert.equal(expected.length, pages.full * (PAGE / 100), "the JS proxy keeps 1 % of each page");
  assert.equal(body.code, 0, `proxy envelope: ${first.text.slice(0, 200)}`);
  assert.deepEqual(body.data, expected, "the proxy and the JS proxy must return the same tasks");
  assert.ok(expected.every((t) => t.task_info.external_task_id.startsWith("job-")), "the owner prefix is stripped");
  return { query, pages, tasks: expected.length, answerBytes: Buffer.byteLength(first.text), cursor: body.next_cursor !== undefined };
}

async function inNode(pkgDir) {
  const { createKlingProxy } = await import(pathToFileURL(join(pkgDir, "proxy", "index.node.js")).href);
  const config = { upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize, fetch: upstreamFetch };
  const handlers = { ours: createKlingProxy(config), js: createJsProxy(config) };
  if (BASELINE) handlers.base = (await import(pathToFileURL(join(BASELINE, "proxy", "index.node.js")).href)).createKlingProxy(config);
  const ask = async (which, query) => {
    served.full = served.empty = 0;
    const r = await list(handlers[which], query);
    return { ...r, pages: { ...served } };
  };
  const checked = await checkSame(ask);
  // Each measured call must walk the same pages as the checked one.
  const call = (which, query, want) => async () => {
    const r = await ask(which, query);
    if (r.status !== 200 || r.pages.full !== want.full || r.pages.empty !== want.empty) throw new Error(`bench: ${which} answered ${r.status} after ${r.pages.full}+${r.pages.empty} pages`);
    return r.text;
  };
  const cases = {
    [OURS]: call("ours", checked.query, checked.pages),
    [JS]: call("js", `pageNum=1&pageSize=${PAGE}`, { full: 1, empty: 0 }),
    ...(BASELINE ? { [BASE]: call("base", checked.query, checked.pages) } : {}),
    [STUB]: async () => (await upstreamFetch(`${UPSTREAM}/v1/videos/omni-video?pageNum=1&pageSize=${PAGE}`, { headers: { authorization: "Bearer a.b.c" } })).text(),
  };
  const r = await compareAsync(cases, { rounds: 31, perSample: Math.max(2, Math.round(10 / checked.pages.full)), warmup: 40 });
  return { checked, r };
}

async function inWorkerd(pkgDir, { rounds = 15, perSample = 10 } = {}) {
  // The JS proxy and jose as one module, as wrangler would bundle them.
  const bundle = buildSync({ entryPoints: [join(LIB, "js-proxy.mjs")], bundle: true, format: "esm", platform: "neutral", conditions: ["workerd", "worker", "browser"], write: false });
  const files = { "js-proxy.js": bundle.outputFiles[0].text, "list-pages.js": readFileSync(join(LIB, "list-pages.mjs"), "utf8"), "baseline.js": baselineModule(BASELINE) };
  const wd = await startWorker({ pkgDir, worker: join(LIB, "list-worker.mjs"), files, extraPkgs: BASELINE ? { base: BASELINE } : {} });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ask = async (which, query) => {
      const r = await send(wd.port, "GET", `/kling/v1/videos/omni-video?${query}`, { headers: { authorization: `Bearer user-${USER}`, "x-bench-proxy": which }, agent });
      const [full, empty] = String(r.headers["x-upstream-pages"] ?? "0+0").split("+").map(Number);
      return { ...r, pages: { full, empty } };
    };
    const checked = await checkSame(ask);
    const queries = { ours: checked.query, js: `pageNum=1&pageSize=${PAGE}`, floor: `pageNum=1&pageSize=${PAGE}`, base: checked.query };
    const names = { ours: OURS, js: JS, floor: STUB, ...(BASELINE ? { base: BASE } : {}) };
    const batch = async (which) => {
      const t0 = cpu(wd.pid).ns;
      for (let i = 0; i < perSample; i++) {
        const r = await ask(which, queries[which]);
        if (r.status !== 200) throw new Error(`bench: workerd ${which} answered ${r.status}: ${r.text.slice(0, 200)}`);
      }
      return (cpu(wd.pid).ns - t0) / perSample;
    };
    const keys = Object.keys(names);
    // Interleaved rounds after a warm-up (V8 tiers up), keyed by the row names.
    const r = await compareEach(Object.fromEntries(keys.map((k) => [names[k], () => batch(k)])), { rounds, warmup: 3 });
    return { checked, r, rounds, perSample };
  } finally {
    agent.destroy();
    await wd.stop();
  }
}

export async function run({ pkgDir }) {
  const node = await inNode(pkgDir);
  let wd = null;
  let wdError = null;
  try {
    wd = await inWorkerd(pkgDir);
  } catch (e) {
    wdError = e;
    console.error(`bench: proxy-list in workerd failed: ${e.stack ?? e}`);
  }
  const rows = [];
  const ratios = {};
  for (const [where, run] of [["Node", node], ["workerd", wd]]) {
    if (!run) continue;
    const { r, checked } = run;
    const pagesOf = { [OURS]: checked.pages.full, [JS]: 1, [STUB]: 1, [BASE]: checked.pages.full };
    ratios[where] = r.ratio(OURS, JS) / checked.pages.full;
    if (BASELINE) ratios[`${where} ours÷base`] = r.ratio(OURS, BASE);
    for (const name of BASELINE ? [OURS, BASE, JS, STUB] : [OURS, JS, STUB]) {
      rows.push([`${where}: ${name}`, String(pagesOf[name]), fmtTime(r[name].median), fmtTime(r[name].median / pagesOf[name]), spread(r[name]), name === JS ? "1.00×" : `${(r.ratio(name, JS) / pagesOf[name]).toFixed(2)}×`]);
    }
  }
  const c = node.checked;
  const notes = [
    `Request: \`GET /kling/v1/videos/omni-video?${c.query}\` as user ${USER}; upstream page: ${PAGE} tasks, ${fmtBytes(Buffer.byteLength(pageText(1)))} of JSON, ${PAGE / 100} of them the user's; the proxy's answer ${fmtBytes(c.answerBytes)}${c.cursor ? " (with a next_cursor)" : ""}${c.pages.empty ? `; it also read ${c.pages.empty} empty page(s) per request (in its time, not in its pages)` : ""}. Both sign a fresh JWT per upstream call (jose with a CryptoKey imported once). Both gave the same ${c.tasks} tasks before timing${wd ? `, in Node and in workerd` : ""}.`,
    `Node ${process.version}, in process: each call builds a \`Request\`, awaits \`fetch(request)\` and reads the answer's text; the stub's own cost (the floor row) is in both handlers' times. 31 interleaved rounds, medians of this process's CPU time; ratios are medians of the per-round ratios, divided by the proxy's upstream pages per request. When the proxy walks several pages per request, its per-request costs (the Request, routing, authorize, the answer) are shared by them, which favours it a little (the JS proxy pays them once per page).`,
    wd
      ? `workerd ${workerdVersion()}: one process, both proxies in one worker (the JS proxy bundled with jose by esbuild); ${wd.rounds} interleaved rounds of ${wd.perSample} requests per handler over one keep-alive connection, after a warm-up; the workerd process's CPU (all threads, /proc schedstat) per request, so its HTTP handling is in every row (the floor row: the stub and a small answer).`
      : `workerd: not measured (${String(wdError?.message ?? wdError).split("\n")[0]}).`,
  ];
  if (BASELINE) notes.push(`A/B against the baseline (same run, median per-round ratio): Node ${ratios["Node ours÷base"]?.toFixed(2)}×, workerd ${ratios["workerd ours÷base"]?.toFixed(2)}×.`);
  const targets = Object.entries(ratios).filter(([k]) => !k.includes("÷")).map(([where, x]) => ({ target: `proxy list ≤ ${TARGET}× the JS proxy's CPU per 500-task page (${where})`, met: x <= TARGET, figure: `${x.toFixed(2)}×` }));
  const medians = (run) => run && Object.fromEntries(Object.entries(run.r).map(([k, v]) => [k, v.median]));
  return {
    title,
    headers: ["where: handler", "upstream pages / request", "per request", "per upstream page", "IQR/2", "÷ JS proxy (per page)"],
    rows,
    notes,
    targets,
    data: { node: { ...node.checked, medians: medians(node) }, workerd: wd && { ...wd.checked, medians: medians(wd) }, ratios },
  };
}

// `node benches/proxy-list.mjs [PKG_DIR]`: this benchmark alone (default: the release package).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ensureReleasePkg } = await import("./lib/release-pkg.mjs");
  const res = await run({ pkgDir: process.argv[2] ?? ensureReleasePkg() });
  console.log([`### ${res.title}`, "", ...res.rows.map((r) => `| ${r.join(" | ")} |`), "", ...res.notes.map((n) => `- ${n}`), "", ...res.targets.map((t) => `- ${t.target}: ${t.met ? "met" : "missed"}, ${t.figure}`)].join("\n"));
}
