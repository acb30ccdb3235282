//! Where the time of buildOmniVideoBody goes, by wasm function: builds a variant of the package
//! that keeps function names (benches/lib/variant.mjs; default opt-level "z" like the shipped
//! one), runs the call in a loop under `node --cpu-prof`, and sums self time per function and per
//! area (JSON parse, rules, body writer, messages, allocator, memcpy, JS glue, ...).
//!
//!   node benches/profile.mjs [z|s|3] [--call buildOmniVideoBodyJson] [--top 40]

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildVariant } from "./lib/variant.mjs";

const args = process.argv.slice(2);
const opt = args.find((a) => /^[zs0-3]$/.test(a)) ?? "z";
const flag = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const call = flag("--call", "buildOmniVideoBody");
const top = Number(flag("--top", "40"));

/** Areas by function-name pattern, first match wins. */
const AREAS = [
  ["JSON parse (json.rs / serde_json)", /kling_wasm::json::|serde_json::de|serde_json::read|Deserializ|serde_core::de|serde::de|Seed/],
  ["body writer", /api::writer|write_str|write_value|write_body|write_field/],
  ["rules", /kling_wasm::(rules|api)::|omni_video/],
  ["messages / report", /kling_wasm::(messages|issue)::|Report|to_json/],
  ["JSON pointer", /kling_wasm::pointer/],
  ["fmt / to_string", /core::fmt|alloc::fmt|to_string|Display|Debug|format/],
  ["allocator", /dlmalloc|__rust_alloc|__rust_dealloc|__rust_realloc|__rdl|RawVec|alloc::alloc|finish_grow|grow_one|reserve/],
  ["memcpy / memcmp", /^(memcpy|memmove|memset|memcmp|bcmp)/],
  ["bindings (wasm side)", /kling_wasm::bindings|wasm_bindgen|js_sys|externref|shim/],
];

const variant = buildVariant(opt);
const dir = mkdtempSync(join(tmpdir(), "kling-prof-"));
const child = `
  import { readFileSync } from "node:fs";
  const lib = await import(${JSON.stringify(join(variant, "kling_wasm.js"))});
  lib.initSync({ module: readFileSync(${JSON.stringify(join(variant, "kling_wasm_bg.names.wasm"))}) });
  const { omniVideoRequest } = await import(${JSON.stringify(new URL("./lib/request.mjs", import.meta.url).pathname)});
  const req = omniVideoRequest();
  const arg = ${JSON.stringify(call)}.endsWith("Json") ? JSON.stringify(req) : req;
  const end = Date.now() + 4000;
  let n = 0;
  while (Date.now() < end) for (let i = 0; i < 200; i++, n++) lib[${JSON.stringify(call)}](arg);
  console.log(n);`;
const calls = Number(execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "50", "--input-type=module", "-e", child]).toString());
const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), "utf8"));
rmSync(dir, { recursive: true, force: true });

// Self time per node: samples * interval (timeDeltas give exact gaps; use their per-node sums).
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const n = byId.get(id);
  const name = n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "anonymous"})`;
  self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const busy = [...self.entries()].filter(([k]) => !/^\((idle|program|garbage collector)\)$/.test(k));
const busyTotal = busy.reduce((a, [, v]) => a + v, 0);
const area = new Map();
for (const [name, us] of busy) {
  const hit = AREAS.find(([, re]) => re.test(name));
  const key = hit ? hit[0] : /\.js\)$|^[a-zA-Z_$][\w$]*$/.test(name) && !name.includes("::") ? "JS (glue, replacer, JSON.parse)" : "other wasm";
  area.set(key, (area.get(key) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / busyTotal).toFixed(1)}%`.padStart(6);
console.log(`${call} on the opt-level "${opt}" variant: ${calls} calls, ${(busyTotal / calls).toFixed(1)} µs of busy time per call (GC ${pct(self.get("(garbage collector)") ?? 0)})`);
console.log("\nby area:");
for (const [k, v] of [...area.entries()].sort((a, b) => b[1] - a[1])) console.log(`${pct(v)}  ${(v / calls).toFixed(2).padStart(7)} µs  ${k}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, v] of busy.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k.slice(0, 160)}`);
void total;
