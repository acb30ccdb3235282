#!/usr/bin/env node
// `node scripts/size.mjs FILE MAX_KIB`: prints FILE's raw and gzipped size and fails when the
// gzipped size is over MAX_KIB (the DESIGN.md budget for the release .wasm is 100).

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const [file, max] = process.argv.slice(2);
const bytes = readFileSync(file);
const gz = gzipSync(bytes, { level: 9 }).length / 1024;
console.log(`size: ${file}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${gz.toFixed(1)} KiB gzip (budget ${max} KiB gzip)`);
if (!(gz <= Number(max))) {
  console.error(`size: over budget by ${(gz - Number(max)).toFixed(1)} KiB gzip`);
  process.exit(1);
}
