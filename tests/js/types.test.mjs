//! The hand-written declarations (src/bindings/types.rs) against what the exports return: a
//! field added to or renamed in the Rust output without its declaration fails here; and the
//! generated request types against what validation accepts.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import lib, { declaredFields, PKG_DIR } from "./load-pkg.mjs";

/** The string members of `export type name = "a" | "b" ...;` in the typings. */
function declaredUnion(name) {
  const dts = readFileSync(join(PKG_DIR, "kling_wasm.d.ts"), "utf8");
  const body = dts.match(new RegExp(`^export type ${name} =([^;]*);`, "m"));
  if (!body) throw new Error(`type ${name} is not declared`);
  return [...body[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

/** Every key of `obj` is declared, and every required declared field is present. */
function assertMatches(name, obj) {
  const { required, optional } = declaredFields(name);
  assert.ok(required.length + optional.length > 0, `${name} declares fields`);
  for (const key of Object.keys(obj)) assert.ok(required.includes(key) || optional.includes(key), `${name}.${key} is not declared`);
  for (const key of required) assert.ok(key in obj, `${name}.${key} is declared but missing`);
}

test("Report and Issue match their declarations", () => {
  const report = lib.validateOmniVideo({ prompt: 5 });
  assertMatches("Report", report);
  for (const issue of report.issues) assertMatches("Issue", issue);
  assert.ok(report.issues.some((i) => "params" in i), "an issue with params was checked");
});

test("CapabilityMap, ModelCaps, Scope and EndpointCaps match their declarations", () => {
  const caps = lib.capabilities();
  assertMatches("CapabilityMap", caps);
  for (const m of caps.models) {
    assertMatches("ModelCaps", m);
    for (const scope of [m.sound, m.voice, m.start_end_frame, m.end_frame_only, m.motion_brush]) if (scope) assertMatches("Scope", scope);
  }
  for (const e of caps.endpoints) {
    assertMatches("EndpointCaps", e);
    for (const c of e.choices) {
      assertMatches("ModelChoices", c);
      for (const f of Object.values(c.fields)) assertMatches("FieldChoice", f);
    }
  }
});

test("CostEstimate matches its declaration: priced, unpriced and invalid", () => {
  const omni = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9" };
  const shapes = [lib.estimateCost("omni-video", omni), lib.estimateCost("omni-video", { ...omni, model_name: "kling-video-o1" }), lib.estimateCost("omni-video", {})];
  assert.deepEqual(shapes.map((e) => ["kind" in e, "reason" in e, "issues" in e]), [[true, false, false], [false, true, false], [false, false, true]]);
  for (const e of shapes) assertMatches("CostEstimate", e);
});

test("a task Kling returns matches the Task declaration's named fields", () => {
  // Task has an index signature (Kling adds fields); its named fields must still be Kling's.
  const { required, optional } = declaredFields("Task");
  assert.deepEqual(required, ["task_id", "task_status"]);
  for (const key of ["task_status_msg", "task_info", "task_result", "created_at", "updated_at"]) assert.ok(optional.includes(key), key);
});

test("the request types name every field of the schema tables and nothing else", () => {
  // The generated declarations (src/bindings/generated/requests.d.ts) against what validation
  // accepts: each declared field of each family passes the unknown-field check.
  const families = {
    OmniVideoRequest: lib.validateOmniVideo, TextToVideoRequest: lib.validateTextToVideo, ImageToVideoRequest: lib.validateImageToVideo,
    OmniImageRequest: lib.validateOmniImage, ImageGenerationRequest: lib.validateImageGeneration, CustomElementRequest: lib.validateCustomElement,
    CustomVoiceRequest: lib.validateCustomVoice,
  };
  for (const [name, validate] of Object.entries(families)) {
    const { required, optional } = declaredFields(name);
    for (const key of [...required, ...optional]) {
      const report = validate({ [key]: null });
      assert.ok(!report.issues.some((i) => i.code === "unknown_field" && i.path === `/${key}`), `${name}.${key} is a field validation knows`);
    }
    assert.ok(validate({ not_a_field: 1 }).issues.some((i) => i.code === "unknown_field"), `${name}: an undeclared key is refused`);
  }
});

test("the ValidateOptions declaration names exactly the options the bindings read", () => {
  const { optional } = declaredFields("ValidateOptions");
  for (const key of optional) {
    const report = lib.validateOmniVideo({}, { [key]: {} });
    assert.ok(!report.issues.some((i) => i.code === "unknown_option"), `${key} is read`);
  }
  assert.ok(lib.validateOmniVideo({}, { notAnOption: 1 }).issues.some((i) => i.code === "unknown_option"));
});

test("RuleId names exactly the rule ids options.rules takes, and issues carry them", () => {
  const ids = declaredUnion("RuleId");
  assert.ok(ids.length > 50 && ids.includes("GEN-OPTIONS") && ids.includes("OV-9"), "RuleId lists the registry");
  const rules = Object.fromEntries(ids.map((id) => [id, "warning"]));
  assert.deepEqual(lib.validateOmniVideo({}, { rules }).issues.filter((i) => i.code === "unknown_option"), [], "every RuleId is a rule id");
  assert.ok(lib.validateOmniVideo({}, { rules: { "OV-99": "off" } }).issues.some((i) => i.code === "unknown_option"), "a misspelt one is not");
  const codes = declaredUnion("IssueCode");
  assert.ok(codes.includes("unknown_option") && codes.includes("media_truncated"), "IssueCode lists the codes");
  const issues = [
    ...lib.validateOmniVideo({ prompt: 5, promt: "x", duration: "7", image_list: [{ image_url: "data:x" }] }, { rules: { nope: "off" } }).issues,
    ...lib.validateOmniVideoJson("{").issues,
    ...lib.validateTextToVideo({ model_name: "kling-v9", camera_control: { type: "simple" } }).issues,
  ];
  assert.ok(issues.length > 5);
  for (const i of issues) {
    assert.ok(ids.includes(i.rule), `rule ${i.rule} is a RuleId`);
    assert.ok(codes.includes(i.code), `code ${i.code} is an IssueCode`);
  }
});
