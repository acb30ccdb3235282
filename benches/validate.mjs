//! Benchmark 1: validate + build of a realistic full Omni-Video request, against JSON.stringify of
//! the same object (the lower bound: a body must at least be serialised), the zod v4 schema of
//! benches/lib/omni-video-zod.mjs (same rules) and the lighter one of omni-video-zod-light.mjs
//! (field rules and the main cross-field rules, as a typical app writes it). Also the JSON-text
//! entry points, the Standard Schema `~standard.validate` of the package against zod's (both
//! schemas), and the phases of the object path (replacer stringify in JS, then parse + rules +
//! write in wasm) and of the Standard Schema's (a copy walk in JS, then validate of its text).

import { compareSync, fmtTime, spread } from "./lib/measure.mjs";
import { omniVideoRequest } from "./lib/request.mjs";
import { omniVideoSchema, zodOmniVideoBody } from "./lib/omni-video-zod.mjs";
import { omniVideoLightSchema, zodLightOmniVideoBody } from "./lib/omni-video-zod-light.mjs";
import { snapshotOf, toJsonTextOf } from "./lib/pkg-parts.mjs";

export const title = "1. Validate + build a full Omni-Video request";

/** Row names other benchmarks (runtimes.mjs) pick from `contenders`. */
export const ROW = {
  stringify: "JSON.stringify(req)",
  build: "buildOmniVideoBody(req)",
  buildJson: "buildOmniVideoBodyJson(text)",
  zod: "zod: safeParse + stringify",
  light: "light zod: safeParse + stringify",
  std: 'Standard Schema: omniVideoSchema["~standard"].validate(req)',
  stdZod: "Standard Schema: zod's ~standard.validate(req)",
  stdLight: "Standard Schema: light zod's ~standard.validate(req)",
};

/**
 * The contenders of this benchmark, { name: fn }, once each has been checked to give the same
 * answer (throws if one does not), with the request's and the body's sizes.
 */
export async function contenders(lib, pkgDir) {
  const req = omniVideoRequest();
  const text = JSON.stringify(req);
  const toJsonText = await toJsonTextOf(pkgDir);
  const snapshot = await snapshotOf(pkgDir);
  // The per-call floor: the smallest valid request (crossing, options, report, no lists).
  const small = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" };

  // Every contender must give the same answer before it is timed.
  const body = lib.buildOmniVideoBody(req);
  if (lib.buildOmniVideoBodyJson(text) !== body) throw new Error("bench: the JSON-text path built another body");
  if (lib.validateAndBuildOmniVideo(req).body !== body) throw new Error("bench: the one-pass entry built another body");
  if (!lib.validateOmniVideo(req).ok || !omniVideoSchema.safeParse(req).success) throw new Error("bench: the request is not valid");
  if (!omniVideoLightSchema.safeParse(req).success) throw new Error("bench: the light zod schema refuses the request");
  // Key order may differ between the writers; compare as objects (element ids as written).
  if (!sameJson(zodOmniVideoBody(req), body)) throw new Error("bench: zod and the library built different bodies");
  if (!sameJson(zodLightOmniVideoBody(req), body)) throw new Error("bench: the light zod schema and the library built different bodies");
  // Standard Schema: each validate gives the body as a value (element ids as digit strings).
  const std = { kling: lib.omniVideoSchema["~standard"], zod: omniVideoSchema["~standard"], light: omniVideoLightSchema["~standard"] };
  const values = Object.fromEntries(Object.entries(std).map(([k, s]) => [k, s.validate(req)]));
  for (const [k, v] of Object.entries(values)) {
    if (v instanceof Promise || v.issues) throw new Error(`bench: ${k} ~standard.validate did not succeed synchronously`);
    if (!sameJson(JSON.stringify(v.value), JSON.stringify(values.kling.value))) throw new Error(`bench: ${k} ~standard.validate gave another value`);
  }
  // The Standard Schema's two phases: the copy walk (its plain JSON text), then the wasm
  // validates that text (no body: the copy becomes the value by the writer's edits).
  const snap = snapshot?.(req);
  if (snapshot && (!snap || snap.odd || !lib.validateOmniVideoJson(snap.text).ok)) throw new Error("bench: the Standard Schema's copy walk did not take the fast path");
  const stdPhases = snapshot
    ? {
        "phase: the copy walk + its JSON.stringify (JS side of ~standard.validate)": () => snapshot(req),
        "phase: validateOmniVideoJson of the copy's text (the call ~standard.validate makes)": () => lib.validateOmniVideoJson(snap.text),
      }
    : {};

  const cases = {
    [ROW.stringify]: () => JSON.stringify(req),
    [ROW.build]: () => lib.buildOmniVideoBody(req),
    "validateOmniVideo(req)": () => lib.validateOmniVideo(req),
    "validate + build (two calls)": () => (lib.validateOmniVideo(req).ok ? lib.buildOmniVideoBody(req) : ""),
    "validateAndBuildOmniVideo(req) (one pass: report + body)": () => lib.validateAndBuildOmniVideo(req),
    [ROW.zod]: () => zodOmniVideoBody(req),
    "zod: safeParse only": () => omniVideoSchema.safeParse(req),
    [ROW.light]: () => zodLightOmniVideoBody(req),
    [ROW.buildJson]: () => lib.buildOmniVideoBodyJson(text),
    "validateOmniVideoJson(text)": () => lib.validateOmniVideoJson(text),
    "zod from text: JSON.parse + safeParse + stringify": () => zodOmniVideoBody(JSON.parse(text)),
    [ROW.std]: () => std.kling.validate(req),
    [ROW.stdZod]: () => std.zod.validate(req),
    [ROW.stdLight]: () => std.light.validate(req),
    "phase: replacer stringify (JS side of buildOmniVideoBody)": () => toJsonText(req),
    ...stdPhases,
    "floor: buildOmniVideoBody of a 4-field request": () => lib.buildOmniVideoBody(small),
    "floor: JSON.stringify of the 4-field request": () => JSON.stringify(small),
  };
  return { cases, text, body };
}

export async function run({ lib, pkgDir }) {
  const { cases, text, body } = await contenders(lib, pkgDir);
  const r = compareSync(cases);
  const { stringify: base, zod, light, build } = ROW;
  const x = (a, b) => (a === b ? "1.00×" : `${r.ratio(a, b).toFixed(2)}×`);
  const rows = Object.keys(cases).map((name) => [name, fmtTime(r[name].median), spread(r[name]), x(name, base), x(name, zod), x(name, light)]);

  const vsStringify = r.ratio(build, base);
  const vsZod = r.ratio(build, zod);
  const vsLight = r.ratio(build, light);
  const stdVsZod = r.ratio(ROW.std, ROW.stdZod);
  const stdVsLight = r.ratio(ROW.std, ROW.stdLight);
  const wasmPart = r[build].median - r["phase: replacer stringify (JS side of buildOmniVideoBody)"].median;
  return {
    title,
    headers: ["what (one call)", "median", "IQR/2", "÷ JSON.stringify", "÷ zod", "÷ light zod"],
    rows,
    notes: [
      `request: ${text.length} bytes of JSON; body: ${body.length} bytes.`,
      `buildOmniVideoBody = replacer stringify in JS (${fmtTime(r["phase: replacer stringify (JS side of buildOmniVideoBody)"].median)}) + crossing, parse, rules and write in wasm (≈ ${fmtTime(wasmPart)}).`,
    ],
    targets: [
      { target: "validate + build from a JS object ≤ 0.8× the zod schema", met: vsZod <= 0.8, figure: `${vsZod.toFixed(2)}× zod` },
      { target: "validate + build from a JS object ≤ 1.0× the light zod schema", met: vsLight <= 1, figure: `${vsLight.toFixed(2)}× light zod` },
      { target: "validate + build within 3× of JSON.stringify", met: vsStringify <= 3, figure: `${vsStringify.toFixed(2)}× JSON.stringify` },
      { target: "Standard Schema validate ≤ 1.0× zod's (the zod schema)", met: stdVsZod <= 1, figure: `${stdVsZod.toFixed(2)}× zod's ~standard.validate` },
      { target: "Standard Schema validate ≤ 1.0× zod's (the light zod schema)", met: stdVsLight <= 1, figure: `${stdVsLight.toFixed(2)}× light zod's ~standard.validate` },
    ],
    data: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])),
  };
}

/** Whether two JSON texts hold the same value, whatever the order of object keys. */
function sameJson(a, b) {
  const canon = (v) => (Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v);
  return JSON.stringify(canon(JSON.parse(a))) === JSON.stringify(canon(JSON.parse(b)));
}
