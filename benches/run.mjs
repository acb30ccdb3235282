//! `npm run bench`: the six benchmarks of BENCHMARKS.md in one run, on the release package
//! (built from the current sources if needed, benches/lib/release-pkg.mjs), printed as markdown.
//!
//!   npm run bench                         all six
//!   npm run bench -- validate sign        only some (validate size coldstart probe sign client)
//!   npm run bench -- variants             the opt-level study (builds three extra profiles)
//!   npm run bench -- --write              also replace the results section of BENCHMARKS.md

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ensureReleasePkg, loadPkg, ROOT } from "./lib/release-pkg.mjs";
import { CLOCK } from "./lib/measure.mjs";

const ALL = ["validate", "size", "coldstart", "probe", "sign", "client"];
const EXTRA = ["variants"];
const args = process.argv.slice(2);
const write = args.includes("--write");
const chosen = args.filter((a) => !a.startsWith("--"));
const unknown = chosen.filter((a) => !ALL.includes(a) && !EXTRA.includes(a));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(", ")}; choose from ${[...ALL, ...EXTRA].join(" ")}`);
  process.exit(2);
}
const names = chosen.length ? chosen : ALL;

function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const nproc = execFileSync("nproc").toString().trim();
  let chromium = "";
  try {
    chromium = execFileSync("/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    chromium = "not installed";
  }
  return { cpu, nproc, node: process.version, chromium, date: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
}

const cell = (s) => String(s).replace(/\|/g, "\\|");
function table(headers, rows) {
  if (!rows.length) return "";
  return [`| ${headers.map(cell).join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

const m = machine();
const load0 = loadavg()[0].toFixed(1);
console.error(`bench: preparing the release package…`);
const pkgDir = ensureReleasePkg();
const lib = await loadPkg(pkgDir);
const out = [];
const study = [];
const targets = [];
const results = {};
for (const name of names) {
  console.error(`bench: ${name}…`);
  const mod = await import(`./${name}.mjs`);
  const res = await mod.run({ lib, pkgDir });
  results[name] = res.data ?? null;
  const part = [`### ${res.title}`, "", table(res.headers, res.rows), "", ...res.notes.map((n) => `- ${n}`)].join("\n");
  (EXTRA.includes(name) ? study : out).push(part.trimEnd());
  console.log(part + "\n");
  targets.push(...(res.targets ?? []));
}
const load1 = loadavg()[0].toFixed(1);
const header = [
  `Run ${m.date} · ${m.nproc} cores, ${m.cpu} · Node ${m.node} · ${m.chromium} · load average ${load0} at the start, ${load1} at the end (the machine is shared: read the ratios, not the absolute times) · clock: ${CLOCK === "cpu" ? "process CPU time (cold start: wall time)" : "wall time"}.`,
  "",
  `Reproduce: \`npm run bench${chosen.length ? ` -- ${chosen.join(" ")}` : ""}\` (add \`${chosen.length ? "" : "-- "}--write\` to update this section).`,
].join("\n");
const targetTable = table(
  ["target", "result", "figure"],
  targets.map((t) => [t.target, t.met ? "met" : "**missed**", t.figure]),
);
if (targets.length) console.log(`### Targets\n\n${targetTable}\n`);
console.error(`bench: ${header}`);

mkdirSync(join(ROOT, "target"), { recursive: true });
writeFileSync(join(ROOT, "target", "bench-results.json"), JSON.stringify({ machine: m, results, targets }, null, 2));
if (write) {
  const file = join(ROOT, "BENCHMARKS.md");
  let doc = readFileSync(file, "utf8");
  /** Replaces the text between <!-- bench:NAME:start --> and <!-- bench:NAME:end -->. */
  const replace = (name, body) => {
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    if (i < 0 || j < i) throw new Error(`BENCHMARKS.md has no ${start} … ${end} section`);
    doc = `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
  };
  if (out.length) replace("results", [header, "", "### Targets", "", targetTable, "", ...out.flatMap((p) => [p, ""])].join("\n"));
  if (study.length) replace("variants", [header, "", ...study.flatMap((p) => [p, ""])].join("\n"));
  writeFileSync(file, doc);
  console.error("bench: BENCHMARKS.md updated");
}
