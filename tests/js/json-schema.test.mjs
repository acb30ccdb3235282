// requestJsonSchema: sound (never refuses a request validate() accepts) in both drafts, proven with
// ajv (strict mode, allErrors) on the corpus the native tests write to target/schema-corpus/ —
// golden requests, every rule-table case, 21,000 generated valid requests, their mutations and
// perturbations, each sorted by validate() (tests/schema_corpus.rs, common::write_schema_cases).
// Also measures the share of refused requests the schema refuses on its own, printed and written
// to target/schema-corpus/report.json; and checks the API (fresh copies, config errors).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv from "ajv";
import { pathToFileURL } from "node:url";
import lib, { PKG_DIR } from "./load-pkg.mjs";

/** The package's module behind requestJsonSchema: schemaFor also drops the keywords of rules a caller turned down. */
const { schemaFor } = await import(pathToFileURL(join(PKG_DIR, "json-schema.js")).href);
const { SCHEMA_TEXT } = await import(pathToFileURL(join(PKG_DIR, "request-schemas.js")).href);
const SCHEMAS = Object.fromEntries(Object.entries(SCHEMA_TEXT).map(([family, text]) => [family, JSON.parse(text)]));

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = join(ROOT, "target", "schema-corpus");
const FAMILIES = ["omni-video", "text2video", "image2video", "omni-image", "image-generation", "custom-element", "custom-voice"];
const DRAFTS = [
  { target: "draft-2020-12", Ajv: Ajv2020, meta: "https://json-schema.org/draft/2020-12/schema" },
  { target: "draft-07", Ajv, meta: "http://json-schema.org/draft-07/schema#" },
];

/** One family's corpus: the generated file and the rule table's cases, both required. */
function corpus(family) {
  const read = (name) => {
    const file = join(CORPUS, name);
    if (!existsSync(file)) {
      assert.fail(`${file} is missing: run \`cargo test\` first (tests/schema_corpus.rs and tests/rules_*.rs write it)`);
    }
    return JSON.parse(readFileSync(file, "utf8"));
  };
  const main = read(`${family}.json`);
  const cases = read(`cases-${family}.json`);
  const relaxed = main.relaxed.map((i) => ({ request: main.invalid[i], rules: main.invalid_rules[i] }));
  const sources = { ...main.sources, "rule-cases": { valid: cases.valid.length, invalid: cases.invalid.length } };
  return { valid: [...main.valid, ...cases.valid], invalid: [...main.invalid, ...cases.invalid], relaxed, sources };
}

const compile = ({ Ajv: A, target }, family) => new A({ strict: true, allErrors: true }).compile(lib.requestJsonSchema(family, { target }));

const report = {};

for (const draft of DRAFTS) {
  test(`${draft.target}: every request validate() accepts passes the schema (ajv, strict)`, () => {
    for (const family of FAMILIES) {
      const { valid, invalid, sources } = corpus(family);
      assert.ok(valid.length >= 3000, `${family}: only ${valid.length} valid requests`);
      const check = compile(draft, family);
      const refused = valid.filter((req) => !check(req)).slice(0, 3);
      const shown = refused.map((req) => (check(req), `${JSON.stringify(req)}\n    ${JSON.stringify(check.errors)}`));
      assert.deepEqual(shown, [], `${family} (${draft.target}): the schema refuses requests validate() accepts`);
      const caught = invalid.filter((req) => !check(req)).length;
      const share = invalid.length ? caught / invalid.length : 1;
      (report[family] ??= { valid: valid.length, invalid: invalid.length, sources })[draft.target] = { refusedByTheSchema: caught, share: Number(share.toFixed(4)) };
      console.log(`${family} ${draft.target}: ${valid.length} valid pass; refuses ${caught} of ${invalid.length} invalid (${(share * 100).toFixed(1)} %)`);
    }
    writeFileSync(join(CORPUS, "report.json"), JSON.stringify(report, null, 2) + "\n");
  });
}

// createRequestSchema's `rules`: each constraint is tagged with the rule(s) it mirrors, and each
// cross-field constraint also with the form rules of the fields it reads (a malformed value is
// read its own way by validate() once its rule is down); schemaFor drops the keywords of rules
// turned down. Proven here: every refused request that validate() accepts once its error rules
// are off (or warnings: the same requests pass) passes the schema without those rules' keywords.
// Compiled without strict mode: a dropped `type` leaves keywords a strict validator wants typed.
// Schemas are compiled once per distinct text (rule sets often drop the same keywords).
test("rule tags: without a turned-down rule's keywords, the schema accepts what validate() then accepts (sound)", () => {
  for (const family of FAMILIES) {
    const { relaxed } = corpus(family);
    assert.ok(relaxed.length > 100, `${family}: ${relaxed.length} relaxed requests`);
    const byRules = new Map();
    const byText = new Map();
    const checkFor = (rules) => {
      const key = rules.join(",");
      if (!byRules.has(key)) {
        const schema = schemaFor(family, "draft-2020-12", new Set(rules));
        const text = JSON.stringify(schema);
        if (!byText.has(text)) byText.set(text, new Ajv2020({ strict: false, allErrors: true }).compile(schema));
        byRules.set(key, byText.get(text));
      }
      return byRules.get(key);
    };
    const refused = [];
    for (const { request, rules } of relaxed) {
      const check = checkFor(rules);
      if (!check(request) && refused.length < 3) refused.push(`${rules.join(",")}: ${JSON.stringify(request).slice(0, 300)}\n    ${JSON.stringify(check.errors.slice(0, 3))}`);
    }
    (report[family] ??= {}).rulesOff = { requests: relaxed.length, ruleSets: byRules.size, schemas: byText.size };
    console.log(`${family}: with their error rules off, validate() accepts ${relaxed.length} refused requests (${byRules.size} rule sets, ${byText.size} distinct schemas); the schema without those rules' keywords accepts all`);
    assert.deepEqual(refused, [], `${family}: the schema without the turned-down rules' keywords refuses requests validate() then accepts`);
  }
  writeFileSync(join(CORPUS, "report.json"), JSON.stringify(report, null, 2) + "\n");
});

// Dropping a tagged keyword must only loosen a schema: never one under `not` or `if` (there,
// looser inside is stricter outside).
test("rule tags: no tagged keyword sits under a not or an if", () => {
  const generated = JSON.parse(JSON.stringify(SCHEMAS));
  const walk = (node, under) => {
    if (Array.isArray(node)) return node.forEach((x) => walk(x, under));
    if (node === null || typeof node !== "object") return;
    if ("x-kling-rule" in node) assert.equal(under, undefined, `a tagged keyword under ${under}: ${JSON.stringify(node).slice(0, 200)}`);
    for (const [k, v] of Object.entries(node)) walk(v, k === "not" || k === "if" ? k : under);
  };
  for (const family of FAMILIES) walk(generated[family], undefined);
});

test("requestJsonSchema: a fresh copy each call, draft-2020-12 by default, no rule tags", () => {
  for (const family of FAMILIES) {
    const a = lib.requestJsonSchema(family);
    const b = lib.requestJsonSchema(family, { target: "draft-2020-12" });
    assert.deepEqual(a, b);
    assert.notEqual(a, b);
    assert.equal(a.$schema, DRAFTS[0].meta);
    assert.equal(a.type, "object");
    assert.equal(a.additionalProperties, false);
    a.properties.prompt = false;
    a.$defs.image.pattern = "^$";
    assert.deepEqual(lib.requestJsonSchema(family), b, "a caller's edit does not reach the next copy");
    assert.ok(!JSON.stringify(b).includes("x-kling-rule"));
    const old = lib.requestJsonSchema(family, { target: "draft-07" });
    assert.equal(old.$schema, DRAFTS[1].meta);
    assert.ok(old.definitions && !("$defs" in old) && !JSON.stringify(old).includes("#/$defs/"));
    assert.ok(!/"(?:min|max)Contains"/.test(JSON.stringify(old)));
  }
});

test("every object the schema describes is closed (additionalProperties: false)", () => {
  const walk = (node, at) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${at}/${i}`));
    if (node === null || typeof node !== "object") return;
    if (node.properties && !(at.includes("/if") || at.includes("/not") || at.includes("/contains") || at.includes("/anyOf") || at.includes("/then") || at.includes("/else") || at.includes("/allOf"))) {
      assert.equal(node.additionalProperties, false, at);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  for (const family of FAMILIES) walk(lib.requestJsonSchema(family), family);
});

test("the model narrowing: a model's own limits, and the default model's when model_name is left out", () => {
  const check = compile(DRAFTS[0], "text2video");
  assert.ok(check({ prompt: "a cat", duration: "5" }), "kling-v1 (the default) takes 5 s");
  assert.ok(!check({ prompt: "a cat", duration: "7" }), "kling-v1 (the default) takes 5 or 10 s only");
  assert.ok(check({ model_name: "kling-v3", prompt: "a cat", duration: "0007" }), "kling-v3 takes 7 s, digits with leading zeros");
  assert.ok(check({ model_name: "kling-v2-master", prompt: "a cat", mode: "pro" }), "a fixed-mode model ignores mode");
  assert.ok(check({ prompt: "a cat", callback_url: "", external_task_id: "", sound: null }), "empty callback_url / external_task_id are dropped; null is left out");
  assert.ok(check({ prompt: "a cat", multi_prompt: 42, shot_type: "nonsense" }), "single-shot requests ignore the shot fields");
  assert.ok(!check({ prompt: "a cat", sound: "on" }), "kling-v1 has no sound");
});

test("the §8 families' cross-field rules: IG-1/2/3/4/7, EL-1/4/5, VC-1 as if/then and not", () => {
  const ig = compile(DRAFTS[0], "image-generation");
  const image = "https://example.com/a.png";
  const ids = (n) => Array.from({ length: n }, (_, i) => ({ element_id: String(100 + i) }));
  assert.ok(ig({ model_name: "kling-v3", prompt: "x", image, element_list: ids(9) }));
  assert.ok(!ig({ model_name: "kling-v3", prompt: "x", image, element_list: ids(10) }), "IG-1: image + 10 elements");
  assert.ok(!ig({ prompt: "x", element_list: ids(1) }), "IG-1: kling-v1 (the default) takes no elements");
  assert.ok(ig({ prompt: "x", negative_prompt: "y" }) && !ig({ prompt: "x", image, negative_prompt: "y" }), "IG-2");
  assert.ok(ig({ model_name: "kling-v1-5", prompt: "x", image, image_reference: "face" }));
  assert.ok(!ig({ model_name: "kling-v1-5", prompt: "x", image }), "IG-3: v1-5 with an image needs image_reference");
  assert.ok(!ig({ model_name: "kling-v3", prompt: "x", image_reference: "face" }), "IG-3: only kling-v1-5");
  assert.ok(ig({ model_name: "kling-v2", prompt: "x", resolution: "2k" }) && !ig({ model_name: "kling-v2", prompt: "x", image, resolution: "2k" }), "IG-4");
  assert.ok(ig({ model_name: "kling-v2-new", prompt: "x", image }) && !ig({ model_name: "kling-v2-new", prompt: "x" }), "IG-7");
  const el = compile(DRAFTS[0], "custom-element");
  const images = { frontal_image: image, refer_images: [{ image_url: "https://example.com/b.png" }] };
  const videos = { refer_videos: [{ video_url: "https://example.com/a.mp4" }] };
  const e = { element_name: "n", element_description: "d" };
  assert.ok(el({ ...e, reference_type: "image_refer", element_image_list: images }));
  assert.ok(el({ ...e, reference_type: "video_refer", element_video_list: videos, element_voice_id: "v" }));
  assert.ok(!el({ ...e, reference_type: "image_refer" }), "EL-1: the type's list is required");
  assert.ok(!el({ ...e, reference_type: "video_refer", element_video_list: videos, element_image_list: images }), "EL-1: not the other list");
  assert.ok(!el({ ...e, reference_type: "image_refer", element_image_list: images, element_voice_id: "v" }), "EL-4");
  assert.ok(!el({ ...e, reference_type: "image_refer", element_image_list: images, tag_list: [{ tag_id: "o_101" }, { tag_id: "o_101" }] }), "EL-5");
  const vc = compile(DRAFTS[1], "custom-voice");
  assert.ok(vc({ voice_name: "n", voice_url: image }) && vc({ voice_name: "n", video_id: "v", voice_url: null }));
  assert.ok(!vc({ voice_name: "n" }) && !vc({ voice_name: "n", voice_url: image, video_id: "v" }), "VC-1: exactly one");
  for (const family of ["custom-element", "custom-voice"]) assert.ok(!("model_name" in lib.requestJsonSchema(family).properties), family);
});

test("unknown family or target: KlingError config_error", () => {
  const hostile = new Proxy({}, { get: () => { throw new Error("no"); } });
  const cases = [["omni", undefined], [undefined, undefined], [42, undefined], [Symbol("x"), undefined], ["__proto__", undefined], ["toString", undefined],
    ["text2video", { target: "draft-04" }], ["omni-video", { target: 7 }], ["omni-video", "draft-07"], ["omni-image", hostile]];
  for (const [family, options] of cases) {
    assert.throws(() => lib.requestJsonSchema(family, options), (e) => e instanceof lib.KlingError && e.code === "config_error", `${String(family)} ${typeof options}`);
  }
  assert.equal(lib.requestJsonSchema("omni-video", null).$schema, DRAFTS[0].meta);
  for (const draft of DRAFTS) assert.doesNotThrow(() => new draft.Ajv({ strict: true }).compile(lib.requestJsonSchema("omni-image", { target: draft.target })));
});
