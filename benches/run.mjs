//! `npm run bench`: the benchmarks of BENCHMARKS.md in one run, on the release package
//! (built from the current sources if needed, benches/lib/release-pkg.mjs), printed as markdown.
//!
//!   npm run bench                         all of them
//!   npm run bench -- validate sign        only some (validate size coldstart probe sign client
//!                                         proxy-memory proxy-coldstart proxy-list form proxy-index
//!                                         proxy-store runtimes proxy-cpu)
//!   npm run bench -- variants             the opt-level study (builds three extra profiles)
//!   npm run bench -- --write              also replace the results section of BENCHMARKS.md

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ensureReleasePkg, loadPkg, ROOT } from "./lib/release-pkg.mjs";
import { CLOCK } from "./lib/measure.mjs";

const ALL = ["validate", "size", "coldstart", "probe", "sign", "client", "proxy-memory", "proxy-coldstart", "proxy-list", "form", "proxy-index", "proxy-store", "runtimes", "proxy-cpu"];
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
  /** The text between <!-- bench:NAME:start --> and <!-- bench:NAME:end -->, and a replacer. */
  const bounds = (name) => {
    const start = `<!-- bench:${name}:start -->`;
    const end = `<!-- bench:${name}:end -->`;
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    if (i < 0 || j < i) throw new Error(`BENCHMARKS.md has no ${start} … ${end} section`);
    return { text: doc.slice(i + start.length, j).trim(), set: (body) => (doc = `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`) };
  };
  const replace = (name, body) => bounds(name).set(body);
  const full = ALL.every((n) => names.includes(n));
  if (out.length && full) replace("results", [header, "", "### Targets", "", targetTable, "", ...out.flatMap((p) => [p, ""])].join("\n"));
  // Only some benchmarks: their sections and target rows are replaced (or added), the others
  // kept, and a line says which parts this run updated.
  if (out.length && !full) {
    const section = bounds("results");
    section.set(mergeResults(section.text, out, targets));
  }
  if (study.length) replace("variants", [header, "", ...study.flatMap((p) => [p, ""])].join("\n"));
  writeFileSync(file, doc);
  console.error("bench: BENCHMARKS.md updated");
}

/** The results section with the sections in `parts` ("### title…") and the rows of `newTargets` replaced or added. */
function mergeResults(text, parts, newTargets) {
  let doc = text;
  for (const part of parts) {
    const head = part.split("\n")[0];
    const i = doc.indexOf(`\n${head}\n`);
    if (i < 0) {
      doc = `${doc.trimEnd()}\n\n${part}`;
      continue;
    }
    const j = doc.indexOf("\n### ", i + 1);
    doc = `${doc.slice(0, i + 1)}${part}${j < 0 ? "" : `\n${doc.slice(j)}`}`;
  }
  if (newTargets.length) {
    const rowOf = (t) => `| ${[t.target, t.met ? "met" : "**missed**", t.figure].map(cell).join(" | ")} |`;
    const key = (row) => row.split(" | ")[0];
    const at = doc.indexOf("### Targets\n\n");
    if (at < 0) {
      const first = doc.indexOf("\n### ");
      const block = `### Targets\n\n${table(["target", "result", "figure"], newTargets.map((t) => [t.target, t.met ? "met" : "**missed**", t.figure]))}\n\n`;
      doc = first < 0 ? `${doc.trimEnd()}\n\n${block}` : `${doc.slice(0, first + 1)}${block}${doc.slice(first + 1)}`;
    } else {
      const start = at + "### Targets\n\n".length;
      const end = doc.indexOf("\n\n", start);
      const rows = doc.slice(start, end < 0 ? undefined : end).split("\n");
      for (const t of newTargets) {
        const row = rowOf(t);
        const k = rows.findIndex((r, n) => n >= 2 && key(r) === key(row));
        if (k >= 0) rows[k] = row;
        else rows.push(row);
      }
      doc = `${doc.slice(0, start)}${rows.join("\n")}${end < 0 ? "" : doc.slice(end)}`;
    }
  }
  // One "Updated …" line per partial run, after the run's own header lines.
  const line = `Updated ${m.date} for ${names.join(", ")} (\`npm run bench -- ${names.join(" ")} --write\`) · load average ${load0} at the start, ${load1} at the end; the other sections are from the run above.`;
  const lines = doc.split("\n").filter((l) => !(l.startsWith("Updated ") && l.includes(` for ${names.join(", ")} (`)));
  const anchor = lines.findIndex((l) => l.startsWith("### "));
  lines.splice(anchor < 0 ? lines.length : anchor, 0, line, "");
  return lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}
