//! Benchmark 13: CPU per create and per query of the signing proxy, against the hand-written JS
//! proxy of benches/lib/js-proxy.mjs (jose HS256, JSON.parse, the owner prefix added or checked
//! and cut, JSON.stringify). Both are `{ fetch(request) }` handlers given the same upstream
//! `fetch` stub (benches/lib/task-stub.mjs: Kling's create and query answers), so the difference
//! is the proxies' own work: routing, authorize, reading the body, signing, writing the upstream
//! body, reading Kling's answer and writing the caller's.
//!
//! kling-wasm runs twice: as configured by default (`validate: true`: the library checks the
//! request and writes the body it sends, work the JS proxy does not do) and with `validate:
//! false` (the same work as the JS proxy: the body parsed, its external_task_id owned). The
//! create is the Omni-Video request of benches/lib/request.mjs without its element (an element id
//! makes kling-wasm look up the user's elements upstream, which the JS proxy cannot).
//!
//! Twice: in this Node process (the clock is its CPU time), and in workerd, every handler in one
//! worker (benches/lib/cpu-worker.mjs), the workerd process's CPU read from /proc
//! (benches/lib/workerd-proc.mjs) around batches of requests over one keep-alive connection.
//! Before timing, in both runtimes, the handlers must give the same answers (status and JSON) for
//! a create, a query of the caller's task, of another user's and of a missing one, and send Kling
//! the same create body.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSync } from "esbuild";
import { compareAsync, compareEach, fmtBytes, fmtTime, spread } from "./lib/measure.mjs";
import { createJsProxy } from "./lib/js-proxy.mjs";
import { OMNI_VIDEO_REQUEST } from "./lib/request.mjs";
import { AK, SK, UPSTREAM, USER, authorize, sent, upstreamFetch } from "./lib/task-stub.mjs";
import { baselineModule, cpu, send, startWorker, workerdVersion } from "./lib/workerd-proc.mjs";

export const title = "13. Proxy create and query: CPU per request";

const LIB = join(dirname(fileURLToPath(import.meta.url)), "lib");
const TARGET = 1.0;
const NAMES = { ours: "kling-wasm proxy (default: validate on)", unchecked: "kling-wasm proxy, validate: false", js: "JS proxy: jose + JSON.parse + prefix + JSON.stringify" };
/** KLING_BENCH_BASELINE=PKG_DIR: one more handler, kling-wasm of that package (default config),
 *  so that a change is measured against the build before it in the same run. */
const BASELINE = process.env.KLING_BENCH_BASELINE;
if (BASELINE) NAMES.base = `baseline: kling-wasm proxy of ${BASELINE} (default)`;
const HANDLERS = Object.keys(NAMES);

/** The create sent: the benchmark request without its element (and the prompt's mention of it). */
export function createBody() {
  const { element_list: _, ...rest } = structuredClone(OMNI_VIDEO_REQUEST);
  rest.multi_prompt = rest.multi_prompt.map((s) => ({ ...s, prompt: s.prompt.replaceAll("<<<element_1>>>", "the keeper") }));
  return JSON.stringify(rest);
}
const BODY = createBody();
const PATH = "/kling/v1/videos/omni-video";
/** The requests: [method, path, body]. */
const REQUESTS = {
  create: ["POST", PATH, BODY],
  query: ["GET", `${PATH}/task-u1`, null],
  foreign: ["GET", `${PATH}/task-u2`, null],
  missing: ["GET", `${PATH}/task-none`, null],
};
const AUTH = { authorization: `Bearer user-${USER}` };

/** An answer as compared: status and parsed JSON, without the request id (kling-wasm makes a
 *  fresh one for its own 404; the JS proxy leaves it empty). */
const comparable = ({ status, text }) => {
  const { request_id: _, ...body } = JSON.parse(text);
  return { status, body };
};

/** Every handler answers each request alike, and sends Kling the same create body.
 *  `ask(which, kind)` → { status, text }; `lastSent()` → the create body the stub saw last. */
async function checkSame(ask, lastSent) {
  const bodies = {};
  for (const kind of Object.keys(REQUESTS)) {
    const answers = {};
    for (const which of HANDLERS) {
      answers[which] = await ask(which, kind);
      if (kind === "create") bodies[which] = JSON.parse(await lastSent());
    }
    for (const which of HANDLERS) assert.deepEqual(comparable(answers[which]), comparable(answers.js), `${kind}: ${which}'s answer differs from the JS proxy's:\n${answers[which].text}\n${answers.js.text}`);
    const want = kind === "create" || kind === "query" ? 200 : 404;
    assert.equal(answers.js.status, want, `${kind}: ${answers.js.text}`);
  }
  assert.equal(comparable(await ask("js", "query")).body.data.task_info.external_task_id, "job-1", "the owner prefix is cut");
  for (const which of HANDLERS) assert.deepEqual(bodies[which], bodies.js, `the create body ${which} sent differs from the JS proxy's`);
  assert.equal(bodies.js.external_task_id, `${USER}:${OMNI_VIDEO_REQUEST.external_task_id}`);
  return { answerBytes: Buffer.byteLength((await ask("js", "query")).text) };
}

async function inNode(pkgDir) {
  const { createKlingProxy } = await import(pathToFileURL(join(pkgDir, "proxy", "index.node.js")).href);
  const config = { upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize, fetch: upstreamFetch };
  const handlers = { ours: createKlingProxy(config), unchecked: createKlingProxy({ ...config, validate: false }), js: createJsProxy(config) };
  if (BASELINE) handlers.base = (await import(pathToFileURL(join(BASELINE, "proxy", "index.node.js")).href)).createKlingProxy(config);
  const ask = async (which, kind) => {
    const [method, path, body] = REQUESTS[kind];
    const headers = body ? { ...AUTH, "content-type": "application/json" } : AUTH;
    const res = await handlers[which].fetch(new Request(`http://proxy.local${path}`, { method, headers, body }));
    return { status: res.status, text: await res.text() };
  };
  const checked = await checkSame(ask, () => sent.body);
  const out = {};
  for (const kind of ["create", "query"]) {
    const cases = Object.fromEntries(
      HANDLERS.map((which) => [
        which,
        async () => {
          const r = await ask(which, kind);
          if (r.status !== 200) throw new Error(`bench: ${which} ${kind} answered ${r.status}: ${r.text.slice(0, 200)}`);
          return r.text;
        },
      ]),
    );
    out[kind] = await compareAsync(cases, { rounds: 31, perSample: 20, warmup: 200 });
  }
  return { checked, r: out };
}

async function inWorkerd(pkgDir, { rounds = 15, perSample = 40 } = {}) {
  // The JS proxy and jose as one module, as wrangler would bundle them.
  const bundle = buildSync({ entryPoints: [join(LIB, "js-proxy.mjs")], bundle: true, format: "esm", platform: "neutral", conditions: ["workerd", "worker", "browser"], write: false });
  const files = { "js-proxy.js": bundle.outputFiles[0].text, "task-stub.js": readFileSync(join(LIB, "task-stub.mjs"), "utf8"), "baseline.js": baselineModule(BASELINE) };
  const wd = await startWorker({ pkgDir, worker: join(LIB, "cpu-worker.mjs"), files, extraPkgs: BASELINE ? { base: BASELINE } : {} });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ask = (which, kind) => {
      const [method, path, body] = REQUESTS[kind];
      return send(wd.port, method, path, { body, headers: { ...AUTH, "x-bench-proxy": which }, agent });
    };
    const checked = await checkSame(ask, async () => (await send(wd.port, "GET", "/__sent", { agent })).text);
    const r = {};
    for (const kind of ["create", "query"]) {
      const batch = async (which) => {
        const t0 = cpu(wd.pid).ns;
        for (let i = 0; i < perSample; i++) {
          const a = await ask(which, kind);
          if (a.status !== 200) throw new Error(`bench: workerd ${which} ${kind} answered ${a.status}: ${a.text.slice(0, 200)}`);
        }
        return (cpu(wd.pid).ns - t0) / perSample;
      };
      // Interleaved rounds after a warm-up (V8 tiers up).
      r[kind] = await compareEach(Object.fromEntries(HANDLERS.map((k) => [k, () => batch(k)])), { rounds, warmup: 5 });
    }
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
    console.error(`bench: proxy-cpu in workerd failed: ${e.stack ?? e}`);
  }
  const rows = [];
  const ratios = {};
  for (const [where, run] of [["Node", node], ["workerd", wd]]) {
    if (!run) continue;
    for (const kind of ["create", "query"]) {
      const r = run.r[kind];
      for (const which of HANDLERS) {
        const x = r.ratio(which, "js");
        ratios[`${where} ${kind} ${which}`] = x;
        rows.push([`${where}: ${kind}: ${NAMES[which]}`, fmtTime(r[which].median), spread(r[which]), which === "js" ? "1.00×" : `${x.toFixed(2)}×`]);
      }
      if (BASELINE) ratios[`${where} ${kind} ours÷base`] = r.ratio("ours", "base");
    }
  }
  const notes = [
    `Create: \`POST ${PATH}\` with the ${fmtBytes(Buffer.byteLength(BODY))} Omni-Video request (benches/lib/request.mjs without its element), Kling's answer a submitted task; query: \`GET ${PATH}/task-u1\`, Kling's answer a finished task (${fmtBytes(node.checked.answerBytes)} passed back). Every handler gave the same answers (status and JSON) to a create, a query of the caller's task, of another user's and of a missing one, and sent Kling the same create body${wd ? ", in Node and in workerd" : ""}. Each signs a fresh JWT per upstream call; kling-wasm with its default memoryStore (a create adds the task to the user's index: one store op).`,
    `Node ${process.version}, in process: each call builds a \`Request\`, awaits \`fetch(request)\` and reads the answer's text (the stub's cost is in every row). 31 interleaved rounds of 20 calls, medians of this process's CPU time; ratios are medians of the per-round ratios.`,
    wd
      ? `workerd ${workerdVersion()}: one process, every handler in one worker (the JS proxy bundled with jose by esbuild; the wasm initialised and warmed up at module scope); ${wd.rounds} interleaved rounds of ${wd.perSample} requests per handler over one keep-alive connection, after a warm-up; the workerd process's CPU (all threads, /proc schedstat) per request, so its HTTP handling is in every row.`
      : `workerd: not measured (${String(wdError?.message ?? wdError).split("\n")[0]}).`,
  ];
  if (BASELINE) {
    const ab = Object.entries(ratios).filter(([k]) => k.endsWith("ours÷base"));
    notes.push(`A/B against the baseline (same run, median per-round ratio, default config): ${ab.map(([k, x]) => `${k.replace(" ours÷base", "")} ${x.toFixed(2)}×`).join(", ")}.`);
  }
  const targets = [];
  for (const where of ["Node", "workerd"]) {
    for (const kind of ["create", "query"]) {
      const x = ratios[`${where} ${kind} ours`];
      if (x === undefined) continue;
      const unchecked = ratios[`${where} ${kind} unchecked`];
      targets.push({ target: `proxy ${kind} ≤ ${TARGET}× the JS proxy's CPU (${where})`, met: x <= TARGET, figure: `${x.toFixed(2)}× (validate: false ${unchecked.toFixed(2)}×)` });
    }
  }
  const medians = (run) => run && Object.fromEntries(Object.entries(run.r).map(([kind, r]) => [kind, Object.fromEntries(HANDLERS.map((k) => [k, r[k].median]))]));
  return {
    title,
    headers: ["where: request: handler", "CPU per request", "IQR/2", "÷ JS proxy"],
    rows,
    notes,
    targets,
    data: { node: medians(node), workerd: medians(wd), ratios },
  };
}

// `node benches/proxy-cpu.mjs [PKG_DIR]`: this benchmark alone (default: the release package).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ensureReleasePkg } = await import("./lib/release-pkg.mjs");
  const res = await run({ pkgDir: process.argv[2] ?? ensureReleasePkg() });
  console.log([`### ${res.title}`, "", ...res.rows.map((r) => `| ${r.join(" | ")} |`), "", ...res.notes.map((n) => `- ${n}`), "", ...res.targets.map((t) => `- ${t.target}: ${t.met ? "met" : "missed"}, ${t.figure}`)].join("\n"));
}
