// `~standard.validate` builds its value from one read of the input (standard-schema-value.js)
// instead of JSON.parse of the built body. The oracle is the old code path, kept here: the
// Report and body of validateAndBuild<Family>(value), the body parsed, element_list's ids given
// as a BigInt or a string put back. Every result must be deepStrictEqual to it (values, issues and
// their paths): the valid and invalid corpus requests, their relaxed-rule cases, thousands of
// seeded variants (ids, durations, nulls, model left out, ignored fields, key order, -0 …) and
// the hostile values of hostile-values.mjs at every field (those without state); `warnings()`
// the old path's warnings on each. Also: a getter is read once; a value shares no object with
// the input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import lib from "./load-pkg.mjs";
import { FAMILIES as HOSTILE, values } from "./hostile-values.mjs";
// mulberry32, seeded, so a failure names a reproducible seed.
import { prng as rng } from "../support/emulator/faults.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = join(ROOT, "target", "schema-corpus");
const STEMS = {
  "omni-video": "OmniVideo",
  text2video: "TextToVideo",
  image2video: "ImageToVideo",
  "omni-image": "OmniImage",
  "image-generation": "ImageGeneration",
  "custom-element": "CustomElement",
  "custom-voice": "CustomVoice",
};
const FAMILIES = Object.keys(STEMS);

/** The old ~standard.validate: validateAndBuild, JSON.parse of the body, ids put back. */
function oracle(family, value, options) {
  const { report, body } = lib[`validateAndBuild${STEMS[family]}`](value, options);
  const errors = report.issues.filter((i) => i.severity === "error");
  if (errors.length > 0) return { issues: errors.map((i) => [i.message, i.code, i.rule, i.path]) };
  const out = JSON.parse(body);
  const list = out.element_list;
  if (!Array.isArray(list)) return { value: out };
  let given;
  try {
    given = value.element_list;
  } catch {
    return { value: out };
  }
  list.forEach((item, i) => {
    if (item === null || typeof item !== "object" || typeof item.element_id !== "number") return;
    let id;
    try {
      id = given[i].element_id;
    } catch {
      return;
    }
    if (typeof id !== "bigint" && typeof id !== "string") return;
    const digits = String(id).replace(/^0+(?=[0-9])/, "");
    if (!/^[0-9]+$/.test(digits) || Number(digits) !== item.element_id) return;
    item.element_id = typeof id === "bigint" ? BigInt(digits) : digits;
  });
  return { value: out };
}

/** A validate result in the oracle's shape (issue paths back to pointers). */
function shape(r) {
  if (!("issues" in r)) return r;
  const pointer = (path) => path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
  return { issues: r.issues.map((i) => [i.message, i.code, i.rule, pointer(i.path)]) };
}

const show = (v) => {
  try {
    return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x)).slice(0, 300);
  } catch {
    return String(v);
  }
};

/** Asserts the new validate equals the oracle on `make()` (made twice: each side reads its own). */
function same(family, make, options, label) {
  const schema = options === undefined ? lib[SCHEMAS[family]] : lib.createRequestSchema(family, options);
  const got = shape(schema["~standard"].validate(make()));
  const want = oracle(family, make(), options);
  assert.deepStrictEqual(got, want, `${label}: ${show(make())}`);
  // warnings() reads the Report of the same copy (no body): the old path's warnings.
  const warned = lib[`validateAndBuild${STEMS[family]}`](make(), options).report.issues.filter((i) => i.severity === "warning");
  const warnings = shape({ issues: schema.warnings(make()) }).issues;
  assert.deepStrictEqual(warnings, warned.map((i) => [i.message, i.code, i.rule, i.path]), `${label} warnings: ${show(make())}`);
  return "value" in want;
}
const SCHEMAS = {
  "omni-video": "omniVideoSchema",
  text2video: "textToVideoSchema",
  image2video: "imageToVideoSchema",
  "omni-image": "omniImageSchema",
  "image-generation": "imageGenerationSchema",
  "custom-element": "customElementSchema",
  "custom-voice": "customVoiceSchema",
};

function corpus(family) {
  const read = (name) => {
    const file = join(CORPUS, name);
    if (!existsSync(file)) assert.fail(`${file} is missing: run \`cargo test\` first`);
    return JSON.parse(readFileSync(file, "utf8"));
  };
  const main = read(`${family}.json`);
  const cases = read(`cases-${family}.json`);
  const relaxed = main.relaxed.map((i) => ({ request: main.invalid[i], rules: main.invalid_rules[i] }));
  return { valid: [...main.valid, ...cases.valid], invalid: [...main.invalid, ...cases.invalid], relaxed };
}


/** A variant of a valid request: each change the writer treats specially, at random. */
function variant(req, fields, r) {
  const v = structuredClone(req);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const zeros = (s) => "0".repeat(1 + Math.floor(r() * 3)) + s;
  if (r() < 0.3) delete v.model_name;
  if (r() < 0.3) v[pick(fields)] = null;
  if (r() < 0.2) v[pick(fields)] = undefined;
  const dur = (o) => {
    if (typeof o?.duration !== "string" || !/^[0-9]+$/.test(o.duration)) return;
    const c = r();
    o.duration = c < 0.3 ? Number(o.duration) : c < 0.5 ? zeros(o.duration) : c < 0.55 ? -0 : o.duration;
  };
  dur(v);
  if (Array.isArray(v.multi_prompt)) v.multi_prompt.forEach(dur);
  if (Array.isArray(v.element_list)) {
    for (const e of v.element_list) {
      if (e === null || typeof e !== "object" || !/^[0-9]+$/.test(String(e.element_id))) continue;
      const c = r();
      const id = String(e.element_id);
      e.element_id = c < 0.3 ? BigInt(id) : c < 0.5 ? zeros(id) : c < 0.65 && Number.isSafeInteger(Number(id)) ? Number(id) : id;
      if (r() < 0.2) e.extra_null = null;
    }
  }
  if (v.watermark_info && typeof v.watermark_info === "object" && r() < 0.3) v.watermark_info.note = null;
  if (r() < 0.1) v.external_task_id = "";
  if (r() < 0.3) {
    const keys = Object.keys(v).sort(() => r() - 0.5);
    return Object.fromEntries(keys.map((k) => [k, v[k]]));
  }
  return v;
}

test("the corpus: every valid and invalid request gives the old path's result", () => {
  for (const family of FAMILIES) {
    const { valid, invalid } = corpus(family);
    for (const req of valid) assert.ok(same(family, () => structuredClone(req), undefined, `${family} valid`), `${family}: refused`);
    for (const req of invalid.slice(0, 600)) same(family, () => structuredClone(req), undefined, `${family} invalid`);
  }
});

test("the corpus with rules turned down (relaxed cases, the model default and ignored-field warnings off)", () => {
  for (const family of FAMILIES) {
    const { valid, relaxed } = corpus(family);
    for (const { request, rules } of relaxed.slice(0, 600)) {
      for (const level of ["off", "warning"]) {
        same(family, () => structuredClone(request), { rules: Object.fromEntries(rules.map((r) => [r, level])) }, `${family} relaxed ${level}`);
      }
    }
    // The model default's warning off: the body still names the model (the value then comes from it).
    for (const req of valid.slice(0, 200)) {
      for (const options of [{ rules: { "GEN-MODEL-DEFAULT": "off" } }, { locale: "zh" }]) {
        const { model_name: _, ...rest } = req;
        same(family, () => structuredClone(rest), options, `${family} ${JSON.stringify(options)}`);
      }
    }
  }
});

test("seeded variants: ids as BigInt / zero-padded / numbers, durations as numbers / zero-padded / -0, nulls, model left out, key order", () => {
  const r = rng(18);
  let n = 0;
  let ok = 0;
  for (const family of FAMILIES) {
    const fields = HOSTILE[STEMS[family]].fields;
    const { valid } = corpus(family);
    // A spread of the corpus (it holds thousands per family), four variants each.
    const step = Math.max(1, Math.floor(valid.length / 800));
    for (const req of valid.filter((_, i) => i % step === 0)) {
      for (let k = 0; k < 4; k++) {
        const v = variant(req, fields, r);
        ok += same(family, () => v, undefined, `${family} variant`) ? 1 : 0;
        n++;
      }
    }
  }
  console.log(`standard-schema-value: ${n} variants, ${ok} valid`);
  assert.ok(ok > n / 4, "most variants stay valid");
});

test("hostile values at every field (those without state) give the old path's result", () => {
  const stateful = /stateful|Proxy|detached|revok/;
  for (const family of FAMILIES) {
    const { valid, fields } = HOSTILE[STEMS[family]];
    for (const v of values()) {
      if (stateful.test(v.name) || v.heavy) continue;
      same(family, () => v.make(), undefined, `${family} ${v.name}`);
      for (const field of fields) same(family, () => ({ ...valid, [field]: v.make() }), undefined, `${family}.${field} = ${v.name}`);
    }
  }
});

test("hostile values nested where the writer edits (element ids, shot durations, nested objects) give the old path's result", () => {
  const stateful = /stateful|Proxy|detached|revok/;
  const base = () => ({
    model_name: "kling-v3-omni",
    multi_shot: true,
    shot_type: "customize",
    multi_prompt: [
      { index: 1, prompt: "a fox <<<element_1>>>", duration: "3" },
      { index: 2, prompt: "the fox runs", duration: "2" },
    ],
    element_list: [{ element_id: "829836802793406551" }],
    image_list: [{ image_url: "https://example.com/a.png" }],
    watermark_info: { enabled: true },
    aspect_ratio: "16:9",
    duration: "5",
  });
  const spots = [
    (r, v) => (r.element_list[0].element_id = v),
    (r, v) => (r.element_list[0].extra = v),
    (r, v) => (r.multi_prompt[1].duration = v),
    (r, v) => (r.multi_prompt[0].note = v),
    (r, v) => (r.watermark_info.enabled = v),
    (r, v) => (r.image_list[0].type = v),
    (r, v) => (r.image_list = [r.image_list[0], v]),
  ];
  assert.ok(same("omni-video", base, undefined, "nested base"));
  for (const v of values()) {
    if (stateful.test(v.name) || v.heavy) continue;
    spots.forEach((put, n) => {
      const make = () => {
        const r = base();
        put(r, v.make());
        return r;
      };
      same("omni-video", make, undefined, `spot ${n} = ${v.name}`);
      same("omni-video", make, { rules: { "GEN-TYPE": "off", "GEN-INT64": "off", "GEN-UNKNOWN": "off" } }, `spot ${n} = ${v.name} (rules off)`);
    });
  }
});

test("a page's BigInt.prototype.toJSON (the common polyfill) and a polluted Object.prototype.toJSON: the old path's result", () => {
  const req = () => ({
    model_name: "kling-v3-omni",
    prompt: "a fox <<<element_1>>>",
    element_list: [{ element_id: 829836802793406551n }],
    aspect_ratio: "16:9",
    duration: 5n,
  });
  const cases = [
    [BigInt.prototype, function () {
      return this.toString();
    }],
    [Object.prototype, function () {
      return this;
    }],
  ];
  for (const [proto, toJSON] of cases) {
    Object.defineProperty(proto, "toJSON", { value: toJSON, configurable: true, writable: true });
    try {
      same("omni-video", req, undefined, "toJSON on a prototype");
      same("omni-video", () => ({ ...req(), duration: "5" }), undefined, "toJSON on a prototype");
    } finally {
      delete proto.toJSON;
    }
  }
});

test("the input is read once, and the value shares no object with it", () => {
  let reads = 0;
  const req = {
    model_name: "kling-v3-omni",
    get prompt() {
      reads++;
      return "a fox";
    },
    watermark_info: { enabled: true },
    element_list: [{ element_id: 829836802793406551n }],
    aspect_ratio: "16:9",
    duration: 5,
  };
  const r = lib.omniVideoSchema["~standard"].validate(req);
  assert.equal(reads, 1);
  assert.deepStrictEqual(r, { value: { model_name: "kling-v3-omni", prompt: "a fox", watermark_info: { enabled: true }, element_list: [{ element_id: 829836802793406551n }], aspect_ratio: "16:9", duration: "5" } });
  assert.notEqual(r.value.watermark_info, req.watermark_info);
  assert.notEqual(r.value.element_list[0], req.element_list[0]);
});

test("the copy walk's nesting bound (64, as the core's): at it and one past, the same result as the old path", () => {
  /** A request whose `watermark_info` holds objects `depth` deep in all (the request is level 1). */
  const nested = (depth) => () => {
    let inner = { enabled: true };
    for (let d = 3; d <= depth; d++) inner = { enabled: true, more: inner };
    return { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5", watermark_info: inner };
  };
  for (const depth of [63, 64, 65, 66]) {
    for (const rules of [undefined, { "GEN-UNKNOWN": "off" }]) same("omni-video", nested(depth), rules && { rules }, `depth ${depth}${rules ? " (GEN-UNKNOWN off)" : ""}`);
  }
});
