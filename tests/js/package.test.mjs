//! The built package (pkg/) called as a user calls it: every export, validate and build on
//! examples, KlingError, options, and bad input of every JS type — each gets a Report or a
//! KlingError, and the next valid call still works.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib, { declaredFunctions } from "./load-pkg.mjs";

const { KlingError } = lib;
const VALID = { model_name: "kling-v3-omni", prompt: "A cat on a roof", aspect_ratio: "16:9", duration: "5" };
const FAMILIES = ["OmniVideo", "TextToVideo", "ImageToVideo", "OmniImage", "ImageGeneration", "CustomElement", "CustomVoice"];

/** Asserts the shape every Issue has. */
function assertIssue(issue) {
  assert.equal(typeof issue.path, "string");
  assert.ok(issue.path === "" || issue.path.startsWith("/"), `path ${issue.path} is a JSON pointer`);
  assert.match(issue.code, /^[a-z_]+$/);
  assert.match(issue.rule, /^[A-Z]+-[A-Z0-9-]+(-[a-z]+)?$/);
  assert.ok(issue.severity === "error" || issue.severity === "warning");
  assert.ok(issue.message.length > 0);
}

/** A Report that is not ok, with well-formed issues; returns the issue codes. */
function failingReport(report) {
  assert.equal(report.ok, false);
  assert.ok(report.issues.length > 0);
  report.issues.forEach(assertIssue);
  return report.issues.map((i) => i.code);
}

/** Runs `fn`, which must throw a KlingError; returns it. */
function klingError(fn, code) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof KlingError, `expected a KlingError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "KlingError");
    assert.equal(e.code, code);
    assert.equal(typeof e.retryable, "boolean");
    assert.ok(typeof e.stack === "string" && e.stack.includes("KlingError"));
    return e;
  }
  assert.fail("no error thrown");
}

test("every declared export exists, and the package entry adds KlingError and init", () => {
  const declared = declaredFunctions();
  for (const f of FAMILIES) {
    for (const name of [`validate${f}`, `validate${f}Json`, `build${f}Body`, `build${f}BodyJson`, `validateAndBuild${f}`, `validateAndBuild${f}Json`]) {
      assert.ok(declared.includes(name), `${name} is declared`);
    }
  }
  // capabilities() is plain JS beside the glue (capabilities.js), declared in capabilities.d.ts.
  assert.ok(!declared.includes("capabilities"));
  assert.equal(typeof lib.capabilities, "function");
  for (const name of declared) assert.equal(typeof lib[name], "function", name);
  assert.equal(typeof lib.default, "function");
  assert.equal(typeof lib.initSync, "function");
  assert.equal(typeof KlingError, "function");
});

test("validate: a valid request gives ok with no issues; an invalid one lists every issue", () => {
  assert.deepEqual(lib.validateOmniVideo(VALID), { ok: true, issues: [] });
  const report = lib.validateOmniVideo({ model_name: "kling-v3-omni", prompt: "", mode: "ultra", aspect_ratio: "4:3", duration: "99", colour: "red" });
  failingReport(report);
  const at = Object.fromEntries(report.issues.map((i) => [i.path, i.code]));
  assert.equal(at["/prompt"], "prompt_required");
  assert.equal(at["/mode"], "invalid_enum");
  assert.equal(at["/aspect_ratio"], "invalid_enum");
  assert.equal(at["/colour"], "unknown_field");
  assert.ok(report.issues.some((i) => i.path === "/duration"), "duration 99 reported");
});

test("build: the exact body, with model_name explicit, durations as strings and warnings' fields dropped", () => {
  const req = { prompt: "A dog <<<image_1>>>", duration: 10, aspect_ratio: "1:1", multi_prompt: [], image_list: [{ image_url: "https://example.com/dog.png" }] };
  const report = lib.validateOmniVideo(req);
  assert.equal(report.ok, true);
  assert.deepEqual(report.issues.map((i) => [i.path, i.code, i.severity]), [
    ["/model_name", "model_defaulted", "warning"],
    ["/multi_prompt", "field_ignored", "warning"],
  ]);
  const body = lib.buildOmniVideoBody(req);
  assert.equal(typeof body, "string");
  assert.deepEqual(JSON.parse(body), {
    model_name: "kling-video-o1",
    prompt: "A dog <<<image_1>>>",
    duration: "10",
    aspect_ratio: "1:1",
    image_list: [{ image_url: "https://example.com/dog.png" }],
  });
});

test("build: a multi-shot kling-v3-omni request keeps its shots", () => {
  const req = {
    model_name: "kling-v3-omni", multi_shot: true, shot_type: "customize", aspect_ratio: "16:9", duration: "7", sound: "on",
    multi_prompt: [{ index: 1, prompt: "Sunrise", duration: "3" }, { index: 2, prompt: "Noon", duration: "4" }],
  };
  const body = JSON.parse(lib.buildOmniVideoBody(req));
  assert.deepEqual(body, req);
});

test("element ids keep their exact digits from BigInt and strings; unsafe numbers are refused", () => {
  const req = (id) => ({ model_name: "kling-v3-omni", prompt: "<<<element_1>>> walks", aspect_ratio: "1:1", element_list: [{ element_id: id }] });
  assert.match(lib.buildOmniVideoBody(req(9223372036854775807n)), /"element_id":9223372036854775807\}/);
  assert.match(lib.buildOmniVideoBody(req("000123")), /"element_id":123\}/);
  assert.match(lib.buildOmniVideoBody(req(42)), /"element_id":42\}/);
  const err = klingError(() => lib.buildOmniVideoBody(req(2 ** 53 + 2)), "validation_failed");
  assert.deepEqual(err.issues.map((i) => [i.path, i.code]), [["/element_list/0/element_id", "unsafe_integer"]]);
  // From JSON text the digits are the caller's own, so a large number is exact.
  const text = '{"model_name":"kling-v3-omni","prompt":"<<<element_1>>>","aspect_ratio":"1:1","element_list":[{"element_id":9007199254740993}]}';
  assert.match(lib.buildOmniVideoBodyJson(text), /"element_id":9007199254740993\}/);
  assert.equal(lib.validateOmniVideoJson(text).ok, true);
});

test("KlingError: a real class with code, issues and a message naming the errors", () => {
  const err = klingError(() => lib.buildOmniVideoBody({ prompt: "", aspect_ratio: "4:3" }), "validation_failed");
  assert.equal(err.retryable, false);
  assert.ok(Array.isArray(err.issues) && err.issues.length >= 2);
  err.issues.forEach(assertIssue);
  assert.match(err.message, /\/prompt: /);
  assert.match(err.message, /\/aspect_ratio: /);
  assert.equal(err.status, undefined);
  // Callers can make their own too (e.g. in tests or wrappers).
  const own = new KlingError("boom", { code: "timeout", retryable: true });
  assert.ok(own instanceof KlingError && own.code === "timeout" && own.retryable === true && own.message === "boom");
});

test("options: locale, rule levels, element types; bad options are issues (validate) or config_error (build)", () => {
  const req = { model_name: "kling-v3-omni", prompt: "x", duration: "5" }; // no aspect_ratio: OV-17
  const zh = lib.validateOmniVideo(req, { locale: "zh" });
  assert.match(zh.issues[0].message, /[\u4e00-\u9fff]/);
  assert.equal(lib.validateOmniVideo(req, { rules: { "OV-17": "warning" } }).ok, true);
  assert.deepEqual(lib.validateOmniVideo(req, { rules: { "OV-17": "off" } }), { ok: true, issues: [] });

  // OV-13 needs the element's type, which only the caller can know.
  const withVideo = { model_name: "kling-v3-omni", prompt: "<<<element_1>>> in <<<video_1>>>", aspect_ratio: "1:1",
    element_list: [{ element_id: "77" }], video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "feature" }] };
  assert.equal(lib.validateOmniVideo(withVideo).ok, true);
  const typed = lib.validateOmniVideo(withVideo, { elementTypes: { "077": "video_refer" } });
  assert.deepEqual(typed.issues.map((i) => [i.rule, i.code]), [["OV-13", "video_element_with_video"]]);

  const bad = lib.validateOmniVideo(VALID, { locale: "fr", rules: { "OV-9": "loud" }, elementTypes: [], colour: 1 });
  assert.deepEqual(failingReport(bad), ["invalid_option", "invalid_option", "invalid_option", "unknown_option"]);
  assert.deepEqual(bad.issues.map((i) => i.params.option), ["locale", "rules.OV-9", "elementTypes", "colour"]);
  // A misspelt rule id is refused, not silently ignored (the registry knows every id).
  const misspelt = lib.validateOmniVideo(VALID, { rules: { OV9: "off", "IV-6": "off" } });
  assert.deepEqual(misspelt.issues.map((i) => [i.code, i.params.option]), [["unknown_option", "rules.OV9"]]);
  assert.equal(misspelt.ok, false);
  for (const options of ["zh", 5, [], () => 1]) {
    const report = lib.validateOmniVideo(VALID, options);
    assert.deepEqual(failingReport(report), ["invalid_option"]);
    assert.equal(report.issues[0].params.option, "options");
  }
  assert.deepEqual(lib.validateOmniVideo(VALID, null), { ok: true, issues: [] });
  klingError(() => lib.buildOmniVideoBody(VALID, { locale: "fr" }), "config_error");
});

/** Bad requests of every JS type, with the issue code each must give. */
function badInputs() {
  const cyclic = { prompt: "x" };
  cyclic.self = cyclic;
  const getter = Object.defineProperty({}, "prompt", { enumerable: true, get() { throw new Error("getter boom"); } });
  const throwingToJson = { toJSON() { throw new Error("toJSON boom"); } };
  const proxy = new Proxy({}, { ownKeys() { throw new TypeError("no keys"); } });
  let deepObject = {};
  for (let i = 0; i < 10_000; i++) deepObject = { a: deepObject };
  let deepArray = [];
  for (let i = 0; i < 10_000; i++) deepArray = [deepArray];
  const huge = "x".repeat(10 * 1024 * 1024);
  return [
    ["null", null, "wrong_type"], ["undefined", undefined, "wrong_type"], ["true", true, "wrong_type"],
    ["0", 0, "wrong_type"], ["NaN", NaN, "wrong_type"], ["-Infinity", -Infinity, "wrong_type"],
    ["BigInt", 10n ** 30n, "wrong_type"], ["string", "{}", "wrong_type"], ["10 MB string", huge, "wrong_type"],
    ["symbol", Symbol("s"), "wrong_type"], ["function", () => ({}), "wrong_type"], ["array", [VALID], "wrong_type"],
    ["Date", new Date(0), "wrong_type"], ["Uint8Array", new Uint8Array(3), "unknown_field"],
    ["Map", new Map([["prompt", "x"]]), "prompt_required"], ["Object.create(null)", Object.create(null), "prompt_required"],
    ["__proto__ key", JSON.parse('{"__proto__":{"polluted":1},"prompt":"x","aspect_ratio":"1:1"}'), "unknown_field"],
    ["constructor key", { constructor: "x", prompt: "x", aspect_ratio: "1:1" }, "unknown_field"],
    ["10 MB prompt", { prompt: huge, aspect_ratio: "1:1" }, "too_long"],
    // A key is echoed in the issue's path, message and params: 1 MB keeps the dev build quick.
    ["1 MB key", { [huge.slice(0, 1 << 20)]: 1, prompt: "x", aspect_ratio: "1:1" }, "unknown_field"],
    ["NaN duration", { prompt: "x", aspect_ratio: "1:1", duration: NaN }, "invalid_duration"],
    ["BigInt mode", { prompt: "x", aspect_ratio: "1:1", mode: 1n }, "wrong_type"],
    ["function prompt", { prompt() {}, aspect_ratio: "1:1" }, "wrong_type"],
    ["undefined in a list", { prompt: "x", aspect_ratio: "1:1", image_list: [undefined] }, "wrong_type"],
    ["cyclic object", cyclic, "invalid_json"], ["throwing getter", getter, "invalid_json"],
    ["throwing toJSON", throwingToJson, "invalid_json"], ["Proxy throwing on keys", proxy, "invalid_json"],
    ["10,000-deep object", deepObject, "invalid_json"], ["10,000-deep list", { prompt: "x", image_list: deepArray }, "invalid_json"],
    ["65-deep list", { prompt: "x", aspect_ratio: "1:1", image_list: JSON.parse("[".repeat(65) + "]".repeat(65)) }, "too_deep"],
  ];
}

test("bad input of every JS type: validate gives a Report, build a KlingError, and the module keeps working", () => {
  for (const [name, value, code] of badInputs()) {
    for (const f of FAMILIES.slice(0, 1)) {
      const codes = failingReport(lib[`validate${f}`](value));
      assert.ok(codes.includes(code), `${name}: expected ${code}, got ${codes}`);
      const err = klingError(() => lib[`build${f}Body`](value), "validation_failed");
      assert.ok(err.issues.some((i) => i.code === code), `${name}: build issues ${err.issues.map((i) => i.code)}`);
    }
    assert.deepEqual(lib.validateOmniVideo(VALID), { ok: true, issues: [] }, `after ${name}`);
  }
  assert.equal({}.polluted, undefined, "no prototype pollution");
});

test("every family's exports answer any value with a Report or a KlingError", () => {
  for (const f of FAMILIES) {
    for (const value of [null, 42, "x", [], {}, { prompt: 1n }]) {
      const report = lib[`validate${f}`](value);
      assert.equal(typeof report.ok, "boolean", `validate${f}`);
      report.issues.forEach(assertIssue);
      if (!report.ok) klingError(() => lib[`build${f}Body`](value), "validation_failed");
    }
    assert.deepEqual(failingReport(lib[`validate${f}Json`]("{")), ["invalid_json"]);
    assert.deepEqual(failingReport(lib[`validate${f}Json`]({})), ["wrong_type"]);
    klingError(() => lib[`build${f}BodyJson`]("[]"), "validation_failed");
  }
});

test("validateAndBuild* gives validate's Report, and build's body exactly when the Report is ok", () => {
  const withWarning = { ...VALID, model_name: undefined };
  const cases = { valid: VALID, "a warning": withWarning, "an error": { ...VALID, prompt: "" }, BigInt: { prompt: 1n }, null: null, "a string": "x", NaN: { ...VALID, n: NaN } };
  for (const f of FAMILIES) {
    for (const [form, arg] of [["", (v) => v], ["Json", (v) => JSON.stringify(v, (k, x) => (typeof x === "bigint" ? Number(x) : x))]]) {
      for (const [name, value] of Object.entries(cases)) {
        for (const options of [undefined, { locale: "zh" }, { locale: "fr" }]) {
          const label = `validateAndBuild${f}${form}(${name}, ${JSON.stringify(options)})`;
          const both = lib[`validateAndBuild${f}${form}`](arg(value), options);
          assert.deepEqual(both.report, lib[`validate${f}${form}`](arg(value), options), label);
          let body;
          try {
            body = lib[`build${f}Body${form}`](arg(value), options);
          } catch (e) {
            assert.ok(e instanceof KlingError, label);
          }
          assert.equal(both.body, body, label);
          assert.equal(both.report.ok, body !== undefined, label);
          assert.deepEqual(Object.keys(both), body === undefined ? ["report"] : ["report", "body"], label);
        }
      }
    }
    // The Json form takes text only.
    assert.deepEqual(lib[`validateAndBuild${f}Json`]({}).report.issues.map((i) => i.code), ["wrong_type"]);
  }
  // A warning keeps the body; the warning's fix is in it.
  const { report, body } = lib.validateAndBuildOmniVideo(withWarning);
  assert.deepEqual(report.issues.map((i) => i.code), ["model_defaulted"]);
  assert.equal(JSON.parse(body).model_name, "kling-video-o1");
});

test("capabilities: the map of models and endpoints", () => {
  const caps = lib.capabilities();
  const omni = caps.endpoints.find((e) => e.family === "omni-video");
  assert.equal(omni.path, "/v1/videos/omni-video");
  assert.equal(omni.default_model, "kling-video-o1");
  assert.deepEqual(omni.models.sort(), ["kling-v3-omni", "kling-video-o1"]);
  const v3omni = caps.models.find((m) => m.model === "kling-v3-omni");
  assert.equal(v3omni.multi_shot, true);
  assert.ok(v3omni.durations.includes(15));
  // A fresh object each call: callers may mutate what they get.
  caps.models.length = 0;
  assert.ok(lib.capabilities().models.length > 0);
});
