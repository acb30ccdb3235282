//! Benchmark 1: validate + build of a realistic full Omni-Video request, against JSON.stringify of
//! the same object (the lower bound: a body must at least be serialised) and against the zod v4
//! schema of benches/lib/omni-video-zod.mjs (same rules). Also the JSON-text entry points, and
//! the phases of the object path (replacer stringify in JS, then parse + rules + write in wasm).

import { compareSync, fmtTime, spread } from "./lib/measure.mjs";
import { omniVideoRequest } from "./lib/request.mjs";
import { omniVideoSchema, zodOmniVideoBody } from "./lib/omni-video-zod.mjs";
import { toJsonTextOf } from "./lib/pkg-parts.mjs";

export const title = "1. Validate + build a full Omni-Video request";

export async function run({ lib, pkgDir }) {
  const req = omniVideoRequest();
  const text = JSON.stringify(req);
  const toJsonText = await toJsonTextOf(pkgDir);
  // The per-call floor: the smallest valid request (crossing, options, report, no lists).
  const small = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" };

  // Every contender must give the same answer before it is timed.
  const body = lib.buildOmniVideoBody(req);
  if (lib.buildOmniVideoBodyJson(text) !== body) throw new Error("bench: the JSON-text path built another body");
  if (lib.validateAndBuildOmniVideo(req).body !== body) throw new Error("bench: the one-pass entry built another body");
  if (!lib.validateOmniVideo(req).ok || !omniVideoSchema.safeParse(req).success) throw new Error("bench: the request is not valid");
  if (JSON.stringify(JSON.parse(zodOmniVideoBody(req))) !== JSON.stringify(JSON.parse(body))) {
    // Key order may differ between the two writers; compare as objects.
    const a = JSON.parse(zodOmniVideoBody(req)), b = JSON.parse(body);
    if (Object.keys(a).some((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))) throw new Error("bench: zod and the library built different bodies");
  }

  const cases = {
    "JSON.stringify(req)": () => JSON.stringify(req),
    "buildOmniVideoBody(req)": () => lib.buildOmniVideoBody(req),
    "validateOmniVideo(req)": () => lib.validateOmniVideo(req),
    "validate + build (two calls)": () => (lib.validateOmniVideo(req).ok ? lib.buildOmniVideoBody(req) : ""),
    "validateAndBuildOmniVideo(req) (one pass: report + body)": () => lib.validateAndBuildOmniVideo(req),
    "zod: safeParse + stringify": () => zodOmniVideoBody(req),
    "zod: safeParse only": () => omniVideoSchema.safeParse(req),
    "buildOmniVideoBodyJson(text)": () => lib.buildOmniVideoBodyJson(text),
    "validateOmniVideoJson(text)": () => lib.validateOmniVideoJson(text),
    "zod from text: JSON.parse + safeParse + stringify": () => zodOmniVideoBody(JSON.parse(text)),
    "phase: replacer stringify (JS side of buildOmniVideoBody)": () => toJsonText(req),
    "floor: buildOmniVideoBody of a 4-field request": () => lib.buildOmniVideoBody(small),
    "floor: JSON.stringify of the 4-field request": () => JSON.stringify(small),
  };
  const r = compareSync(cases);
  const base = "JSON.stringify(req)";
  const zod = "zod: safeParse + stringify";
  const rows = Object.keys(cases).map((name) => [
    name,
    fmtTime(r[name].median),
    spread(r[name]),
    `${r.ratio(name, base).toFixed(2)}×`,
    name === zod ? "1.00×" : `${r.ratio(name, zod).toFixed(2)}×`,
  ]);

  const build = "buildOmniVideoBody(req)";
  const vsStringify = r.ratio(build, base);
  const vsZod = r.ratio(build, zod);
  const wasmPart = r[build].median - r["phase: replacer stringify (JS side of buildOmniVideoBody)"].median;
  return {
    title,
    headers: ["what (one call)", "median", "IQR/2", "÷ JSON.stringify", "÷ zod"],
    rows,
    notes: [
      `request: ${text.length} bytes of JSON; body: ${body.length} bytes.`,
      `buildOmniVideoBody = replacer stringify in JS (${fmtTime(r["phase: replacer stringify (JS side of buildOmniVideoBody)"].median)}) + crossing, parse, rules and write in wasm (≈ ${fmtTime(wasmPart)}).`,
    ],
    targets: [
      { target: "validate + build faster than the zod schema", met: vsZod < 1, figure: `${vsZod.toFixed(2)}× zod` },
      { target: "validate + build within 3× of JSON.stringify", met: vsStringify <= 3, figure: `${vsStringify.toFixed(2)}× JSON.stringify` },
    ],
    data: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])),
  };
}
