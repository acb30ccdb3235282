// The Standard Schema objects (standard-schema.js) as a form library uses them: the spec's shape,
// synchronous validate that never throws (every hostile value of hostile-values.mjs, whole and at
// every field), array paths, en/zh messages, warnings apart, exact element ids, the options of
// createRequestSchema (checked at creation, copied), jsonSchema input/output checked with ajv on
// the corpus tests/schema_corpus.rs writes (the output schema takes every body, with the default
// rules and with rules turned down), dependentFields, and the not_ready answer before the module
// is loaded (a child process on the slim entry).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv from "ajv";
import lib, { PKG_DIR } from "./load-pkg.mjs";
import { FAMILIES as HOSTILE_FAMILIES, MB10, textField, values } from "./hostile-values.mjs";

const { KlingError } = lib;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CORPUS = join(ROOT, "target", "schema-corpus");
const readyModule = await import(pathToFileURL(join(PKG_DIR, "ready.js")).href);
// The Node entry is ready at import (the not_ready test below runs in its own process, on the slim entry).
assert.ok(readyModule.isReady(), "the Node entry marks the module ready at import");

const SCHEMAS = {
  "omni-video": { schema: lib.omniVideoSchema, stem: "OmniVideo" },
  text2video: { schema: lib.textToVideoSchema, stem: "TextToVideo" },
  image2video: { schema: lib.imageToVideoSchema, stem: "ImageToVideo" },
  "omni-image": { schema: lib.omniImageSchema, stem: "OmniImage" },
  "image-generation": { schema: lib.imageGenerationSchema, stem: "ImageGeneration" },
  "custom-element": { schema: lib.customElementSchema, stem: "CustomElement" },
  "custom-voice": { schema: lib.customVoiceSchema, stem: "CustomVoice" },
};
/** The element and voice libraries: their requests name no model, nor do their bodies. */
const MODELLESS = new Set(["custom-element", "custom-voice"]);
const FAMILIES = Object.keys(SCHEMAS);
const VALID = Object.fromEntries(FAMILIES.map((f) => [f, HOSTILE_FAMILIES[SCHEMAS[f].stem].valid]));
const validate = (schema, value) => schema["~standard"].validate(value);

/** A validate result of the spec's shape: `{ value }` (no issues) or `{ issues }` (no value). */
function assertResult(r, label) {
  assert.ok(r !== null && typeof r === "object" && !(r instanceof Promise), `${label}: not a synchronous result`);
  if ("value" in r) {
    assert.deepEqual(Object.keys(r), ["value"], `${label}: a success has only value`);
  } else {
    assert.deepEqual(Object.keys(r), ["issues"], `${label}: a failure has no value key`);
    assert.ok(Array.isArray(r.issues) && r.issues.length > 0, `${label}: a failure has issues`);
    r.issues.forEach((i) => assertIssue(i, label));
  }
  return r;
}

function assertIssue(i, label) {
  assert.ok(typeof i.message === "string" && i.message.length > 0, `${label}: message`);
  assert.ok(Array.isArray(i.path) && i.path.every((s) => typeof s === "string" || (Number.isInteger(s) && s >= 0)), `${label}: path ${JSON.stringify(i.path)}`);
  assert.match(i.code, /^[a-z_]+$/);
  assert.match(i.rule, /^[A-Z]+(-[A-Za-z0-9_]+)+$/);
}

/** The corpus the native tests write (tests/schema_corpus.rs and the rule tables). */
function corpus(family) {
  const read = (name) => {
    const file = join(CORPUS, name);
    if (!existsSync(file)) assert.fail(`${file} is missing: run \`cargo test\` first (tests/schema_corpus.rs and tests/rules_*.rs write it)`);
    return JSON.parse(readFileSync(file, "utf8"));
  };
  const main = read(`${family}.json`);
  const cases = read(`cases-${family}.json`);
  const relaxed = main.relaxed.map((i) => ({ request: main.invalid[i], rules: main.invalid_rules[i] }));
  return { valid: [...main.valid, ...cases.valid], invalid: [...main.invalid, ...cases.invalid], relaxed };
}

/** A value as JSON would carry it (element ids given as BigInt become their digits). */
const asJson = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x)));

test("each schema is a Standard Schema v1 and Standard JSON Schema v1 object, frozen", () => {
  for (const family of FAMILIES) {
    for (const schema of [SCHEMAS[family].schema, lib.createRequestSchema(family)]) {
      const std = schema["~standard"];
      assert.equal(std.version, 1);
      assert.equal(std.vendor, "kling-wasm");
      assert.equal(typeof std.validate, "function");
      assert.equal(typeof std.jsonSchema.input, "function");
      assert.equal(typeof std.jsonSchema.output, "function");
      assert.ok("types" in std);
      assert.equal(typeof schema.warnings, "function");
      assert.ok(Object.isFrozen(schema) && Object.isFrozen(std) && Object.isFrozen(std.jsonSchema));
      assert.throws(() => {
        "use strict";
        std.validate = () => ({ value: 1 });
      }, TypeError);
    }
  }
});

test("validate: { value } is the body as sent (JSON.parse of build*Body), on every valid corpus request", () => {
  for (const family of FAMILIES) {
    const { schema, stem } = SCHEMAS[family];
    const { valid } = corpus(family);
    for (const req of valid) {
      const r = assertResult(validate(schema, req), family);
      assert.ok("value" in r, `${family}: refused ${JSON.stringify(req).slice(0, 200)}: ${JSON.stringify(r.issues)}`);
      const body = lib[`build${stem}Body`](req);
      // Element ids given as strings come back as strings (their digits are the body's).
      const ids = [...body.matchAll(/"element_id":([0-9]+)/g)].map((m) => m[1]);
      const got = (r.value.element_list ?? []).map((e) => String(e.element_id));
      assert.deepEqual(got, ids, `${family}: element ids`);
      const numeric = JSON.parse(JSON.stringify(r.value, (k, x) => (k === "element_id" && typeof x === "string" ? Number(x) : x)));
      assert.deepEqual(numeric, JSON.parse(body), `${family}: value and body differ for ${JSON.stringify(req).slice(0, 200)}`);
      if (MODELLESS.has(family)) assert.ok(!("model_name" in r.value), `${family}: a model named`);
      else assert.equal(typeof r.value.model_name, "string");
      if ("duration" in r.value) assert.match(r.value.duration, /^[0-9]+$/);
    }
  }
});

test("validate: { issues } are the Report's errors, at array paths, with code and rule (every invalid corpus request)", () => {
  for (const family of FAMILIES) {
    const { schema, stem } = SCHEMAS[family];
    const { invalid } = corpus(family);
    for (const req of invalid.slice(0, 3000)) {
      const r = assertResult(validate(schema, req), family);
      const report = lib[`validate${stem}`](req);
      const errors = report.issues.filter((i) => i.severity === "error");
      assert.ok("issues" in r && !report.ok);
      assert.equal(r.issues.length, errors.length);
      r.issues.forEach((issue, n) => {
        const e = errors[n];
        assert.deepEqual([issue.message, issue.code, issue.rule], [e.message, e.code, e.rule]);
        // The path is the pointer's segments, unescaped, indexes as numbers.
        const pointer = issue.path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
        assert.equal(pointer, e.path);
      });
    }
  }
});

test("paths: list indexes are numbers, keys are strings (digits too), ~0 and ~1 unescaped", () => {
  const s = lib.omniVideoSchema;
  const r = validate(s, { ...VALID["omni-video"], image_list: [{ image_url: "https://e.com/a.png" }, { image_url: "ftp://x" }] });
  assert.deepEqual(r.issues.map((i) => i.path), [["image_list", 1, "image_url"]]);
  const keys = validate(s, { ...VALID["omni-video"], "a/b": 1, "~x": 2, 0: 3, "07": 4 });
  assert.deepEqual(keys.issues.map((i) => i.path).sort(), [["0"], ["07"], ["a/b"], ["~x"]].sort());
  assert.ok(keys.issues.every((i) => i.code === "unknown_field"));
  const shots = validate(s, { ...VALID["omni-video"], multi_shot: true, shot_type: "customize", prompt: null, multi_prompt: [{ index: 1, prompt: "a", duration: "9" }] });
  assert.deepEqual(shots.issues.map((i) => i.path), [["multi_prompt", 0, "duration"], ["multi_prompt"]]);
  const root = validate(s, [1, 2]);
  assert.deepEqual(root.issues.map((i) => i.path), [[]]);
});

test("messages in English by default, Chinese with locale zh: same issues", () => {
  const bad = { model_name: "kling-video-o1", duration: 12, prompt: "" };
  const en = validate(lib.omniVideoSchema, bad).issues;
  const zh = validate(lib.createRequestSchema("omni-video", { locale: "zh" }), bad).issues;
  assert.deepEqual(zh.map((i) => [i.path, i.code, i.rule]), en.map((i) => [i.path, i.code, i.rule]));
  assert.ok(en.length >= 2);
  for (let n = 0; n < en.length; n++) {
    assert.notEqual(zh[n].message, en[n].message);
    assert.match(zh[n].message, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(en[n].message, /[\u4e00-\u9fff]/);
  }
});

test("warnings never fail validate; warnings(value) gives them in the same shape", () => {
  const s = lib.omniVideoSchema;
  const req = { prompt: "a fox", aspect_ratio: "16:9", image_list: [{ image_url: "https://e.com/a.png" }] };
  const r = validate(s, req);
  assert.ok("value" in r);
  assert.equal(r.value.model_name, "kling-video-o1");
  const warnings = s.warnings(req);
  assert.deepEqual(warnings.map((w) => [w.path, w.code, w.rule]).sort(), [[["image_list", 0], "unused_reference", "GEN-REF-UNUSED"], [["model_name"], "model_defaulted", "GEN-MODEL-DEFAULT"]].sort());
  warnings.forEach((w) => assertIssue(w, "warning"));
  // A rule turned down to "warning" no longer fails: its issue moves to warnings().
  const shot = { model_name: "kling-v3-omni", multi_shot: true, shot_type: "intelligence", prompt: "a fox", aspect_ratio: "16:9" };
  assert.deepEqual(validate(s, shot).issues.map((i) => i.rule), ["OV-1-intelligence"]);
  const lenient = lib.createRequestSchema("omni-video", { rules: { "OV-1-intelligence": "warning" } });
  assert.ok("value" in validate(lenient, shot));
  assert.ok(lenient.warnings(shot).some((w) => w.rule === "OV-1-intelligence" && w.path[0] === "shot_type"));
  // Errors and warnings of one request: validate has the errors only.
  const both = { prompt: "", aspect_ratio: "16:9" };
  assert.ok(validate(s, both).issues.every((i) => i.rule !== "GEN-MODEL-DEFAULT"));
  assert.ok(s.warnings(both).some((i) => i.rule === "GEN-MODEL-DEFAULT"));
});

test("never throws: every hostile value, as the request and at every field, gets a result", () => {
  const all = values();
  let n = 0;
  for (const family of FAMILIES) {
    const { schema } = SCHEMAS[family];
    const fields = HOSTILE_FAMILIES[SCHEMAS[family].stem].fields;
    for (const v of all) {
      assertResult(validate(schema, v.make()), `${family} ${v.name}`);
      assert.ok(Array.isArray(schema.warnings(v.make())));
      n++;
      for (const field of v.heavy ? fields.slice(0, 2) : fields) {
        assertResult(validate(schema, { ...VALID[family], [field]: v.make() }), `${family}.${field} = ${v.name}`);
        n++;
      }
    }
  }
  // Still working, and the shared prototypes untouched.
  assert.ok("value" in validate(lib.omniVideoSchema, VALID["omni-video"]));
  assert.equal({}.polluted, undefined);
  console.log(`standard-schema: ${n} hostile inputs, each a result`);
});

test("the library's bounds still apply: 10 MB, 10,000 values, 100 issues", () => {
  const s = lib.textToVideoSchema;
  const huge = validate(s, { ...VALID.text2video, prompt: "x".repeat(MB10) });
  assert.deepEqual(huge.issues.map((i) => [i.path, i.code]), [[["prompt"], "too_long"]]);
  assert.ok(huge.issues[0].message.length < 1024);
  // 10,000 JSON values read; one more is refused unread (the request: itself, its 5 fields,
  // watermark_info and its field, the extra list and its n items).
  const values = (n) => ({ ...VALID.text2video, watermark_info: { enabled: true }, extra: Array.from({ length: n }, () => 0) });
  const at = validate(s, values(10_000 - 9));
  assert.deepEqual(at.issues.map((i) => i.code), ["unknown_field"]);
  const past = validate(s, values(10_000 - 8));
  assert.deepEqual(past.issues.map((i) => i.code), ["too_many_values"]);
  const many = validate(s, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])));
  assert.equal(many.issues.length, 101);
  assert.equal(many.issues.at(-1).code, "too_many_issues");
});

test("element ids above 2^53 stay exact: a BigInt stays a BigInt, a string a string (canonical digits)", () => {
  const ids = [9223372036854775807n, "9223372036854775806", "000829836802793406551", 9007199254740993n, "7", 42];
  const req = { model_name: "kling-v3-omni", prompt: ids.map((_, i) => `<<<element_${i + 1}>>>`).join(" "), aspect_ratio: "16:9", element_list: ids.map((element_id) => ({ element_id })) };
  const r = validate(lib.omniVideoSchema, req);
  assert.ok("value" in r, JSON.stringify(r.issues));
  const got = r.value.element_list.map((e) => e.element_id);
  assert.deepEqual(got, [9223372036854775807n, "9223372036854775806", "829836802793406551", 9007199254740993n, "7", 42]);
  const body = lib.buildOmniVideoBody(req);
  assert.deepEqual([...body.matchAll(/"element_id":([0-9]+)/g)].map((m) => m[1]), got.map(String));
  // A number past 2^53 has lost its digits: refused (GEN-INT64), as validateOmniVideo does.
  const lossy = validate(lib.omniVideoSchema, { ...req, element_list: [{ element_id: 2 ** 53 + 2 }] });
  assert.deepEqual(lossy.issues.filter((i) => i.rule === "GEN-INT64").map((i) => i.path), [["element_list", 0, "element_id"]]);
  // omni-image too.
  const img = validate(lib.omniImageSchema, { prompt: "<<<object_1>>>", element_list: [{ element_id: 9223372036854775807n }] });
  assert.deepEqual(img.value.element_list, [{ element_id: 9223372036854775807n }]);
});

test("jsonSchema.input is requestJsonSchema's document; targets other than the two drafts throw", () => {
  for (const family of FAMILIES) {
    const { schema } = SCHEMAS[family];
    for (const target of ["draft-2020-12", "draft-07"]) {
      assert.deepEqual(schema["~standard"].jsonSchema.input({ target }), lib.requestJsonSchema(family, { target }));
      const out = schema["~standard"].jsonSchema.output({ target });
      assert.equal(out.required.includes("model_name"), !MODELLESS.has(family), family);
      assert.equal(out.title, lib.requestJsonSchema(family).title.replace(/Request$/, "Body"));
    }
    const hostile = new Proxy({}, { get() { throw new Error("trap"); } });
    for (const bad of [{ target: "openapi-3.0" }, { target: "draft-04" }, { target: "DRAFT-07" }, {}, undefined, null, { target: 7 }, hostile]) {
      for (const kind of ["input", "output"]) {
        assert.throws(() => schema["~standard"].jsonSchema[kind](bad), (e) => e instanceof KlingError && e.code === "config_error", `${family} ${kind}`);
      }
    }
  }
});

const DRAFTS = [
  { target: "draft-2020-12", Ajv: Ajv2020 },
  { target: "draft-07", Ajv },
];

test("jsonSchema with ajv: input takes every request validate accepts, output every value and body it gives", () => {
  for (const family of FAMILIES) {
    const { schema, stem } = SCHEMAS[family];
    const { valid, invalid } = corpus(family);
    for (const { target, Ajv: A } of DRAFTS) {
      const input = new A({ strict: true, allErrors: true }).compile(schema["~standard"].jsonSchema.input({ target }));
      const output = new A({ strict: true, allErrors: true }).compile(schema["~standard"].jsonSchema.output({ target }));
      for (const req of valid) {
        const r = validate(schema, req);
        assert.ok(input(req), `${family} ${target}: input refuses ${JSON.stringify(req).slice(0, 200)}`);
        assert.ok(output(asJson(r.value)), `${family} ${target}: output refuses the value of ${JSON.stringify(req).slice(0, 200)}: ${JSON.stringify(output.errors?.slice(0, 3))}`);
        assert.ok(output(JSON.parse(lib[`build${stem}Body`](req))), `${family} ${target}: output refuses the body`);
      }
      // The output is the body's: a request form it does not take (a number duration, null, no model).
      const caught = invalid.filter((req) => !input(req)).length;
      assert.ok(caught / invalid.length > 0.9, `${family}: input refuses ${caught} of ${invalid.length} invalid`);
    }
    const out = new Ajv2020({ strict: true }).compile(schema["~standard"].jsonSchema.output({ target: "draft-2020-12" }));
    assert.equal(out({ ...VALID[family] }), true, `${family}: ${JSON.stringify(out.errors)}`);
    // A body names its model, but for the families without one, whose bodies name none.
    if (MODELLESS.has(family)) assert.equal(out({ ...VALID[family], model_name: "kling-v3" }), false, `${family}: a model in the body`);
    else assert.equal(out({ ...VALID[family], model_name: undefined }), false);
    if ("duration" in lib.requestJsonSchema(family).properties) {
      assert.equal(out({ ...VALID[family], duration: 5 }), false, `${family}: a number duration is no body's`);
      assert.equal(out({ ...VALID[family], duration: "5" }), true);
    }
    const text = textField(HOSTILE_FAMILIES[stem].fields);
    assert.equal(out({ ...VALID[family], duration: undefined, [text]: null }), false, `${family}: null is no body's`);
  }
});

/** Rule sets per family whose schemas are compiled (two each, in a dev build ~0.2 s a compile). */
const RULE_SETS = 16;

test("createRequestSchema rules: validate accepts what validate* then accept; both schemas take them (ajv, corpus)", () => {
  for (const family of FAMILIES) {
    const { relaxed } = corpus(family);
    // Every request, grouped by its rule set; the schemas of the first rule sets met (each compile
    // is costly; the input's soundness over all of them is tests/js/json-schema.test.mjs's).
    const bySet = new Map();
    for (const item of relaxed) {
      const key = item.rules.join(",");
      if (!bySet.has(key)) bySet.set(key, []);
      bySet.get(key).push(item.request);
    }
    let requests = 0;
    for (const [key, list] of [...bySet].slice(0, RULE_SETS)) {
      const rules = Object.fromEntries(key.split(",").map((r, i) => [r, i % 2 ? "warning" : "off"]));
      const schema = lib.createRequestSchema(family, { rules });
      const input = new Ajv2020({ strict: false, allErrors: true }).compile(schema["~standard"].jsonSchema.input({ target: "draft-2020-12" }));
      const output = new Ajv2020({ strict: false, allErrors: true }).compile(schema["~standard"].jsonSchema.output({ target: "draft-2020-12" }));
      for (const req of list) {
        const r = validate(schema, req);
        assert.ok("value" in r, `${family} with ${key} down: refused ${JSON.stringify(req).slice(0, 200)}: ${JSON.stringify(r.issues?.slice(0, 3))}`);
        assert.ok(input(req), `${family} with ${key} down: input refuses ${JSON.stringify(req).slice(0, 200)}`);
        assert.ok(output(asJson(r.value)), `${family} with ${key} down: output refuses ${JSON.stringify(r.value).slice(0, 200)}: ${JSON.stringify(output.errors?.slice(0, 3))}`);
        requests++;
      }
    }
    console.log(`${family}: ${requests} requests under ${Math.min(RULE_SETS, bySet.size)} of ${bySet.size} rule sets: validate, input and output agree`);
  }
});

test("createRequestSchema: the rules and elementTypes options change what validate and the input schema say", () => {
  const both = { model_name: "kling-v3", image: "https://e.com/a.png", prompt: "<<<element_1>>> <<<voice_1>>>", sound: "on", element_list: [{ element_id: "7" }], voice_list: [{ voice_id: "v" }] };
  assert.ok(validate(lib.imageToVideoSchema, both).issues.some((i) => i.rule === "IV-6" && i.path[0] === "voice_list"));
  const off = lib.createRequestSchema("image2video", { rules: { "IV-6": "off" } });
  assert.ok("value" in validate(off, both));
  const strict = new Ajv2020({ strict: false }).compile(lib.imageToVideoSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" }));
  const lenient = new Ajv2020({ strict: false }).compile(off["~standard"].jsonSchema.input({ target: "draft-2020-12" }));
  assert.deepEqual([strict(both), lenient(both)], [false, true]);
  // elementTypes: a video-character element beside a reference video (OV-13).
  const req = { model_name: "kling-v3-omni", prompt: "<<<element_1>>> <<<video_1>>>", element_list: [{ element_id: "0042" }], video_list: [{ video_url: "https://e.com/v.mp4", refer_type: "feature" }], sound: "off", aspect_ratio: "16:9" };
  assert.ok("value" in validate(lib.omniVideoSchema, req));
  const typed = lib.createRequestSchema("omni-video", { elementTypes: { 42: "video_refer" } });
  assert.deepEqual(validate(typed, req).issues.map((i) => [i.path, i.rule]), [[["element_list", 0, "element_id"], "OV-13"]]);
});

test("createRequestSchema: bad options throw config_error at creation, naming every problem; good ones are copied", () => {
  const bad = [
    "options", 7, [], new Map(), { locale: "fr" }, { locale: 1 }, { rules: { "OV-99": "off" } }, { rules: { "OV-9": "loud" } }, { rules: [] },
    { elementTypes: { 1: "image" } }, { elementTypes: "x" }, { extra: 1 }, { get locale() { throw new Error("getter"); } },
    new Proxy({}, { ownKeys() { throw new Error("trap"); } }), new Proxy({}, { get() { throw new Error("trap"); } }),
  ];
  for (const [n, options] of bad.entries()) {
    assert.throws(() => lib.createRequestSchema("omni-video", options), (e) => e instanceof KlingError && e.code === "config_error", `bad options #${n}`);
    // The wasm's reader refuses them too (GEN-OPTIONS issues in the Report).
    assert.ok(lib.validateOmniVideo(VALID["omni-video"], options).issues.some((i) => i.rule === "GEN-OPTIONS"), "the wasm's reader refuses it too");
  }
  const e = (() => {
    try {
      lib.createRequestSchema("omni-video", { locale: "fr", rules: { "OV-99": "off", "OV-9": "loud" }, extra: 1 });
    } catch (err) {
      return err;
    }
  })();
  for (const part of ["locale", "OV-99", "OV-9", "extra"]) assert.ok(e.message.includes(part), `${part} in ${e.message}`);
  for (const family of [undefined, "omni", "__proto__", 7]) {
    assert.throws(() => lib.createRequestSchema(family), (err) => err instanceof KlingError && err.code === "config_error");
  }
  // Copied: a later change to the caller's object does not reach the schema.
  const options = { locale: "zh", rules: { "OV-17": "off" } };
  const s = lib.createRequestSchema("omni-video", options);
  options.locale = "en";
  options.rules["OV-17"] = "error";
  const r = validate(s, { model_name: "kling-v3-omni", prompt: "" });
  assert.deepEqual(r.issues.map((i) => i.rule), ["OV-2"]);
  assert.match(r.issues[0].message, /[\u4e00-\u9fff]/);
  // undefined / null fields are left out; null options are the defaults.
  assert.doesNotThrow(() => lib.createRequestSchema("omni-video", { locale: undefined, rules: null, elementTypes: { 5: undefined } }));
  assert.doesNotThrow(() => lib.createRequestSchema("omni-video", null));
});

test("createRequestSchema: an options object of 10,000 fields is read, one more is refused", () => {
  const types = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i + 1), "image_refer"]));
  assert.doesNotThrow(() => lib.createRequestSchema("omni-image", { elementTypes: types(10_000) }));
  assert.throws(() => lib.createRequestSchema("omni-image", { elementTypes: types(10_001) }), (e) => e instanceof KlingError && e.code === "config_error" && /10001/.test(e.message));
  // The wasm's reader has the same bound.
  assert.ok(!lib.validateOmniImage(VALID["omni-image"], { elementTypes: types(10_000) }).issues.some((i) => i.rule === "GEN-OPTIONS"));
  assert.ok(lib.validateOmniImage(VALID["omni-image"], { elementTypes: types(10_001) }).issues.some((i) => i.rule === "GEN-OPTIONS"));
});

test("dependentFields: the fields a change re-validates, from the tables (model_name -> duration...)", () => {
  for (const family of FAMILIES) {
    const fields = Object.keys(lib.requestJsonSchema(family).properties);
    for (const field of fields) {
      const deps = lib.dependentFields(family, field);
      assert.ok(Array.isArray(deps) && deps.every((d) => fields.includes(d) && d !== field), `${family}.${field}: ${deps}`);
      deps.push("mutated");
      assert.ok(!lib.dependentFields(family, field).includes("mutated"), "a fresh array each call");
    }
    assert.throws(() => lib.dependentFields(family, "nope"), (e) => e instanceof KlingError && e.code === "config_error");
  }
  assert.throws(() => lib.dependentFields("omni", "model_name"), (e) => e instanceof KlingError && e.code === "config_error");
  for (const family of ["omni-video", "text2video", "image2video"]) assert.ok(lib.dependentFields(family, "model_name").includes("duration"));
  // The issue's case: switching the model to kling-video-o1 with 12 s entered changes duration's issue.
  const s = lib.omniVideoSchema;
  const req = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: 12 };
  assert.ok("value" in validate(s, req));
  const switched = validate(s, { ...req, model_name: "kling-video-o1" });
  assert.deepEqual(switched.issues.map((i) => i.path), [["duration"]]);
  assert.ok(lib.dependentFields("omni-video", "multi_shot").includes("prompt"));
  assert.ok(lib.dependentFields("omni-image", "result_type").includes("n"));
  // The §8 families: the cross-field rules IG-2, EL-1 / EL-4 and VC-1.
  assert.ok(lib.dependentFields("image-generation", "image").includes("negative_prompt"));
  assert.deepEqual(lib.dependentFields("custom-element", "reference_type").sort(), ["element_image_list", "element_video_list", "element_voice_id"]);
  assert.deepEqual(lib.dependentFields("custom-voice", "voice_url"), ["video_id"]);
});

test("the §8 families: issues at array paths in the nested lists, bodies without a model, zh messages", () => {
  const el = VALID["custom-element"];
  const front = el.element_image_list.frontal_image;
  const same = { ...el, element_image_list: { frontal_image: front, refer_images: [{ image_url: front }] } };
  const r = validate(lib.customElementSchema, same);
  assert.deepEqual(r.issues.map((i) => [i.path, i.code, i.rule]), [[["element_image_list", "refer_images", 0, "image_url"], "same_as_frontal", "EL-2"]]);
  const voiceOnImage = validate(lib.customElementSchema, { ...el, element_voice_id: "oversea_male1" });
  assert.deepEqual(voiceOnImage.issues.map((i) => [i.path, i.rule]), [[["element_voice_id"], "EL-4"]]);
  const both = { voice_name: "n", voice_url: "https://example.com/a.wav", video_id: "v1" };
  assert.deepEqual(validate(lib.customVoiceSchema, both).issues.map((i) => [i.path, i.rule]), [[["video_id"], "VC-1"]]);
  const zh = validate(lib.createRequestSchema("custom-voice", { locale: "zh" }), both).issues;
  assert.match(zh[0].message, /[\u4e00-\u9fff]/);
  // Turned down, the rule no longer fails validate, and its keywords leave the input schema.
  const lenient = lib.createRequestSchema("custom-voice", { rules: { "VC-1": "off" } });
  assert.deepEqual(validate(lenient, both), { value: both });
  assert.ok(!JSON.stringify(lenient["~standard"].jsonSchema.input({ target: "draft-2020-12" })).includes('"video_id"]}}}'), "VC-1's not");
  const ig = validate(lib.imageGenerationSchema, { prompt: "a fox", element_list: [{ element_id: 9223372036854775807n }] });
  assert.deepEqual(ig.issues.map((i) => [i.path, i.rule]), [[["element_list"], "IG-1"]], "kling-v1 (the default) takes no elements");
  const v3 = validate(lib.imageGenerationSchema, { model_name: "kling-v3", prompt: "a fox", element_list: [{ element_id: 9223372036854775807n }] });
  assert.equal(v3.value.element_list[0].element_id, 9223372036854775807n);
  assert.deepEqual(validate(lib.customVoiceSchema, VALID["custom-voice"]), { value: VALID["custom-voice"] });
});

test("not_ready: before the module is loaded, validate gives one not_ready issue at [] (slim entry, own process)", () => {
  const script = `
    const lib = await import("kling-wasm/slim");
    const { readFileSync } = await import("node:fs");
    const ready = await import(${JSON.stringify(pathToFileURL(join(PKG_DIR, "ready.js")).href)});
    const before = lib.omniVideoSchema["~standard"].validate({ prompt: "x" });
    const zh = lib.createRequestSchema("omni-video", { locale: "zh" })["~standard"].validate({});
    const warnings = lib.omniVideoSchema.warnings({ prompt: "x" });
    lib.initSync({ module: readFileSync(${JSON.stringify(join(PKG_DIR, "kling_wasm_bg.wasm"))}) });
    // STUB until the start-up work lands: its slim initSync marks the module ready.
    if (!ready.isReady()) ready.markReady();
    const after = lib.omniVideoSchema["~standard"].validate({ prompt: "x", aspect_ratio: "16:9" });
    console.log(JSON.stringify({ before, zh, warnings, after }));
  `;
  const cwd = join(ROOT, "target", "kling-pkg-link", "pkg");
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8" }));
  assert.deepEqual(Object.keys(out.before), ["issues"]);
  assert.deepEqual(out.before.issues.map((i) => [i.path, i.code, i.rule]), [[[], "not_ready", "GEN-READY"]]);
  assert.match(out.zh.issues[0].message, /[\u4e00-\u9fff]/);
  assert.deepEqual(out.warnings, []);
  assert.equal(out.after.value.model_name, "kling-video-o1");
});
