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

/**
 * Areas, by the name of a frame on the stack: each sample goes to the innermost frame that
 * matches one (so the allocator's time inside the JSON parser counts as parsing).
 */
const AREAS = [
  ["JSON parse (json.rs over serde_json)", /kling_wasm::json::(parse|Seed|Key|unmark)|json::Seed|serde_json::de/],
  ["body writer (api/writer.rs)", /kling_wasm::api::writer/],
  ["references (rules/refs.rs)", /kling_wasm::rules::refs/],
  ["shots (rules/shots.rs)", /kling_wasm::rules::shots/],
  ["inputs (rules/inputs.rs)", /kling_wasm::rules::inputs/],
  ["typed reads (rules/basic.rs)", /kling_wasm::rules::basic/],
  ["omni-video rules (the rest of rules.rs)", /omni_video::rules/],
  ["driver api/mod.rs (write_body is inlined here)", /kling_wasm::api::(build|validate|run)\b/],
  ["report / options (bindings)", /kling_wasm::bindings::convert|Report|issue::/],
  ["JS: replacer stringify (to-json.js)", /^toJsonText$|^replacer$/],
  ["JS: string in/out of wasm (glue)", /^(passStringToWasm0|getStringFromWasm0|decode|encodeInto|encode|holdJson|holdString|writeHeld|heldLeft|bodyOf|okReport)$|\(kling_wasm\.js\)/],
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

// Self time per node, then per function and per area (innermost matching frame on the stack).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfOf = new Map();
profile.samples.forEach((id, i) => selfOf.set(id, (selfOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const nameOf = (n) => (n.callFrame.functionName || `(${n.callFrame.url.split("/").pop() || "anonymous"})`).replace(/\[[0-9a-f]+\]/g, "").replace(/::h[0-9a-f]{16}$/, "");
const idle = /^\((idle|program|garbage collector)\)$/;
const fns = new Map();
const area = new Map();
let busy = 0;
for (const n of profile.nodes) {
  const us = selfOf.get(n.id) ?? 0;
  const name = nameOf(n);
  if (!us || idle.test(name)) continue;
  busy += us;
  fns.set(name, (fns.get(name) ?? 0) + us);
  let hit;
  for (let q = n; q && !hit; q = byId.get(parent.get(q.id))) hit = AREAS.find(([, re]) => re.test(nameOf(q)))?.[0];
  area.set(hit ?? "other", (area.get(hit ?? "other") ?? 0) + us);
}
const pct = (us) => `${((100 * us) / busy).toFixed(1)}%`.padStart(6);
console.log(`${call} on the opt-level "${opt}" variant: ${calls} calls, ${(busy / calls).toFixed(1)} µs of busy time per call (sampling slows it down)`);
console.log("\nby area (innermost matching frame):");
for (const [k, v] of [...area.entries()].sort((a, b) => b[1] - a[1])) console.log(`${pct(v)}  ${(v / calls).toFixed(2).padStart(7)} µs  ${k}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, v] of [...fns.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k.slice(0, 160)}`);
