//! Hostile input to estimateCost: every catalogued JS value (hostile-values.mjs) as the family, as
//! the request of every family, at every field of every family's request, as the options and at
//! each option; hostile JSON texts. Each call returns a well-formed estimate (or, for the family
//! alone, throws a KlingError "config_error"): never a trap. After every input a known-valid
//! estimate is still right; the shared prototypes are untouched.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib from "./load-pkg.mjs";
import { FAMILIES, assertIssue, assertKling, textField, values } from "./hostile-values.mjs";
import { hostileSuite } from "./hostile-runner.mjs";

const { estimateCost, KlingError } = lib;
const ID = { OmniVideo: "omni-video", TextToVideo: "text2video", ImageToVideo: "image2video", OmniImage: "omni-image", ImageGeneration: "image-generation", CustomElement: "custom-element", CustomVoice: "custom-voice" };
const SENTINEL = FAMILIES.OmniVideo.valid;
const SENTINEL_COST = { units: 4, usd: 0.56, basis: "Video 3.0 Omni · pro, no video input, no audio", kind: "video" };

function alive(after) {
  assert.deepEqual(estimateCost("omni-video", SENTINEL), SENTINEL_COST, `module broken after ${after}`);
  assert.equal({}.polluted, undefined, `prototype polluted by ${after}`);
}

const { each, run, finish } = hostileSuite("hostile-cost", alive);

/** The shape of every estimate: priced, unpriced with a reason, or invalid with issues. */
function assertEstimate(e, label) {
  assert.ok(e && typeof e === "object", `${label}: not an object`);
  assert.equal(typeof e.basis, "string", label);
  if (e.units === null) {
    assert.equal(e.usd, null, label);
    assert.ok((typeof e.reason === "string") !== Array.isArray(e.issues), `${label}: a reason or issues: ${JSON.stringify(e).slice(0, 200)}`);
    e.issues?.forEach(assertIssue);
    if (e.issues) assert.ok(e.issues.some((i) => i.severity === "error"), `${label}: invalid without an error`);
  } else {
    assert.ok(Number.isFinite(e.units) && e.units >= 0 && Number.isFinite(e.usd) && e.usd >= 0, label);
    assert.ok(["video", "image"].includes(e.kind) && e.basis.length > 0, label);
  }
  return e;
}

test("any value as the family: a KlingError config_error, or an estimate", async () => {
  await run(each("family", (v) => {
    let e;
    try {
      e = estimateCost(v, SENTINEL);
    } catch (err) {
      return assertKling(KlingError, err, "config_error");
    }
    assert.ok(typeof v === "string" && Object.values(ID).includes(v), "an unknown family gave an estimate");
    assertEstimate(e, "family");
  }));
});

for (const [family, { valid, fields }] of Object.entries(FAMILIES)) {
  test(`${family}: any value as the request and at every field`, async () => {
    const cases = each(`${family}(request)`, (v) => assertEstimate(estimateCost(ID[family], v), "request"));
    for (const field of fields) {
      for (const v of values()) {
        if (v.heavy && field !== textField(fields)) continue;
        cases.push({ label: `${family}.${field} = ${v.name}`, run: () => assertEstimate(estimateCost(ID[family], { ...valid, [field]: v.make() }), field) });
      }
    }
    await run(cases);
  });
}

test("any value as the options and at each option", async () => {
  const cases = each("options", (v) => assertEstimate(estimateCost("omni-video", SENTINEL, v), "options"));
  for (const key of ["videoSeconds", "locale", "rules", "elementTypes", "extra"]) {
    cases.push(...each(`options.${key}`, (v) => assertEstimate(estimateCost("omni-video", SENTINEL, { [key]: v }), key)));
  }
  // A base edit reads videoSeconds: any value prices it, or is an option issue.
  const base = { model_name: "kling-v3-omni", prompt: "edit <<<video_1>>>", video_list: [{ video_url: "https://example.com/v.mp4" }] };
  cases.push(...each("base edit videoSeconds", (v) => assertEstimate(estimateCost("omni-video", base, { videoSeconds: v }), "videoSeconds")));
  for (const s of [0, -0, -1, 1e-300, 0.49, 0.5, 3600, 3600.0001, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity, 2 ** 53]) {
    cases.push({ label: `videoSeconds ${s}`, run: () => {
      const e = assertEstimate(estimateCost("omni-video", base, { videoSeconds: s }), `videoSeconds ${s}`);
      if (s > 0 && s <= 3600) assert.equal(e.units, Number((Math.round(s) * 1.2).toFixed(1)), `videoSeconds ${s}`);
      else assert.ok(e.issues?.some((i) => i.code === "invalid_option"), `videoSeconds ${s}`);
    } });
  }
  await run(cases);
});

test("hostile JSON texts", async () => {
  const ok = JSON.stringify(SENTINEL);
  const TEXTS = ["", " ", "{", "[]", "null", "0", '"x"', ok + " x", "[".repeat(10_000), '{"a":'.repeat(10_000), " ".repeat(1 << 20), "1e999",
    `{"duration":"${"9".repeat(1000)}"}`, ok.replace('"5"', "1e999"), ok.replace('"5"', '"-5"'), ok.replace('"5"', "5.5"),
    `{"\\u0000js":"bigint","v":"1"}`, `[${"{},".repeat(5_000)}{}]`, ok.replace("}", `,"n":${"9".repeat(400)}}`)];
  await run(TEXTS.map((t) => ({ label: `text ${JSON.stringify(t.slice(0, 30))} (${t.length} chars)`, run: () => assertEstimate(estimateCost("omni-video", t), "text") })));
  // The text form equals the object form where JSON.parse reads the text.
  assert.deepEqual(estimateCost("omni-video", ok), SENTINEL_COST);
});

finish(2000);
