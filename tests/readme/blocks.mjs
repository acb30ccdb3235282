//! The code blocks of a README: every fenced block, in order, with its language, its line and
//! (in the package README) its name from the `<!-- block: name -->` line right above it. Shared
//! by the type check (tests/types/readme.mjs) and the runs (tests/readme/run.mjs), so both see
//! the same blocks. `checkTable` fails on a block of the package README that is neither checked
//! nor listed with a reason (tests/readme/package-blocks.mjs is the table).

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The README shipped in the package as README.md (scripts/build.mjs copies it). */
export const PACKAGE_README = join(ROOT, "docs", "package-README.md");
/** Languages tsc checks (each such block becomes a file of its own). */
export const TYPED = new Set(["js", "ts", "tsx"]);

/**
 * Every fenced block of `text`: { lang, code, line (1-based, of the opening fence), name? }.
 * A fence is a line of three or more backticks; the block ends at the next such line.
 */
export function blocksOf(text) {
  const lines = text.split("\n");
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (end < 0) throw new Error(`README line ${i + 1}: a code fence that never closes`);
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === "") k--;
    const name = /^<!--\s*block:\s*([\w-]+)\s*-->$/.exec(lines[k]?.trim() ?? "")?.[1];
    out.push({ lang: open[2] || "text", code: lines.slice(i + 1, end).join("\n") + "\n", line: i + 1, name });
    i = end;
  }
  return out;
}

/** The package README's blocks. */
export const packageBlocks = (file = PACKAGE_README) => blocksOf(readFileSync(file, "utf8"));

/**
 * The problems of the table against the README's blocks: a block without a name, a name twice,
 * a block the table does not list, a listed block that is gone, a language the table does not
 * expect, and an entry that neither runs the block anywhere nor names why not. Empty when sound.
 */
export function checkTable(blocks, table) {
  const problems = [];
  const seen = new Set();
  for (const b of blocks) {
    if (!b.name) {
      problems.push(`line ${b.line}: a \`\`\`${b.lang} block without a "<!-- block: name -->" line above it`);
      continue;
    }
    if (seen.has(b.name)) problems.push(`line ${b.line}: the block name "${b.name}" is used twice`);
    seen.add(b.name);
    const entry = table[b.name];
    if (!entry) {
      problems.push(`line ${b.line}: block "${b.name}" is neither checked nor listed in tests/readme/package-blocks.mjs`);
      continue;
    }
    if (entry.lang !== b.lang) problems.push(`block "${b.name}": the table expects \`\`\`${entry.lang}, the README has \`\`\`${b.lang}`);
    const runs = Object.keys(entry.runs ?? {});
    if (runs.length === 0 && !(typeof entry.noRun === "string" && entry.noRun.length > 10)) {
      problems.push(`block "${b.name}": runs nowhere and names no reason (noRun)`);
    }
    if (!TYPED.has(b.lang) && runs.length === 0 && typeof entry.check !== "function") {
      problems.push(`block "${b.name}": a \`\`\`${b.lang} block is not type-checked, so it must run or have a check`);
    }
  }
  for (const name of Object.keys(table)) if (!seen.has(name)) problems.push(`the table lists "${name}", which the README no longer has`);
  return problems;
}
