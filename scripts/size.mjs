#!/usr/bin/env node
// `node scripts/size.mjs PKG_DIR [--budget-kib N]`: prints the raw / gzip / brotli size of each
// wasm module of a built package (scripts/pkg-files.mjs MODULES) and fails when the main
// module's gzip size is over N KiB. This is the one place the size budget is enforced (issue 8:
// fail above 120 KiB; issue 18 lowered it to 116, then 113, 2 KiB over its 111.1, so growth is a decision;
// issue 18's target, 80, is printed as the target). The media and
// proxy modules load only when used, so they are reported, not budgeted.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { MODULES } from "./pkg-files.mjs";

const TARGET_KIB = 80;
const args = process.argv.slice(2);
const dir = args[0];
const budgetAt = args.indexOf("--budget-kib");
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : undefined;
if (!dir || (budgetAt >= 0 && !(budget > 0))) {
  console.error("usage: node scripts/size.mjs PKG_DIR [--budget-kib N]");
  process.exit(2);
}

const kib = (n) => (n / 1024).toFixed(1);
let mainGzip;
for (const m of MODULES) {
  const file = join(dir, m.dir, `${m.outName}_bg.wasm`);
  const bytes = readFileSync(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes).length;
  if (m.name === "main") mainGzip = gz;
  console.log(`size: ${m.name.padEnd(5)} ${file}: ${kib(bytes.length)} KiB raw, ${kib(gz)} KiB gzip, ${kib(br)} KiB brotli`);
}
const note = mainGzip / 1024 <= TARGET_KIB ? "within" : "over";
console.log(`size: main module ${kib(mainGzip)} KiB gzip: ${note} the ${TARGET_KIB} KiB target${budget ? `, budget ${budget} KiB` : ""}`);
if (budget && mainGzip / 1024 > budget) {
  console.error(`size: the main module is over the ${budget} KiB gzip budget by ${kib(mainGzip - budget * 1024)} KiB`);
  process.exit(1);
}
