//! estimateCost and the client's cost limit (maxUnits) as a Node user calls them: the §10 prices
//! with exact decimals, objects and JSON text alike, the reasons in en and zh, the issues of an
//! invalid request; a create above its limit (or unpriced under it) refused before fetch is called.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib from "./load-pkg.mjs";

const { estimateCost, KlingClient, KlingError } = lib;
const OMNI = { model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9" };
const BASE_EDIT = { model_name: "kling-v3-omni", prompt: "Make <<<video_1>>> snowy", video_list: [{ video_url: "https://example.com/v.mp4" }] };

test("estimateCost prices as §10 says, from objects and JSON text", () => {
  const cases = [
    ["omni-video", { ...OMNI, mode: "std", duration: "7" }, {}, 4.2, 0.588, "Video 3.0 Omni · std, no video input, no audio"],
    ["omni-video", OMNI, {}, 4, 0.56, "Video 3.0 Omni · pro, no video input, no audio"],
    ["omni-video", { ...OMNI, sound: "on", duration: "10" }, {}, 10, 1.4, "Video 3.0 Omni · pro, no video input, audio"],
    ["omni-video", BASE_EDIT, { videoSeconds: 6.5 }, 8.4, 1.176, "Video 3.0 Omni · pro, video input, no audio"],
    ["text2video", { model_name: "kling-v3", prompt: "a fox", sound: "on", mode: "pro", duration: "3" }, {}, 3.6, 0.504, "Video V3.0 · pro, audio, no voice control"],
    ["omni-image", { model_name: "kling-v3-omni", prompt: "a fox", resolution: "4k", n: 3 }, {}, 48, 0.168, "Image 3.0 Omni · 4K"],
    ["image-generation", { model_name: "kling-v3", prompt: "a fox", n: 2 }, {}, 16, 0.056, "Image V3.0 · 1K/2K"],
  ];
  for (const [family, req, options, units, usd, basis] of cases) {
    const kind = family.includes("image") ? "image" : "video";
    assert.deepEqual(estimateCost(family, req, options), { units, usd, basis, kind }, `${family} ${JSON.stringify(req)}`);
    assert.deepEqual(estimateCost(family, JSON.stringify(req), options), { units, usd, basis, kind }, `${family} as text`);
  }
});

test("estimateCost: unpriced with the reason (en, zh); invalid with the issues", () => {
  const legacy = estimateCost("text2video", { model_name: "kling-v2-6", prompt: "a fox" });
  assert.deepEqual([legacy.units, legacy.usd, legacy.basis], [null, null, ""]);
  assert.match(legacy.reason, /kling-v2-6/);
  const base = estimateCost("omni-video", BASE_EDIT);
  assert.equal(base.basis, "Video 3.0 Omni · pro, video input, no audio");
  assert.match(base.reason, /options\.videoSeconds/);
  assert.match(estimateCost("omni-video", BASE_EDIT, { locale: "zh" }).reason, /四舍五入/);
  const invalid = estimateCost("omni-video", { ...OMNI, duration: "99" });
  assert.deepEqual([invalid.units, invalid.usd, invalid.basis, invalid.reason], [null, null, "", undefined]);
  assert.ok(invalid.issues.some((i) => i.code === "duration_not_allowed" && i.path === "/duration"));
  // The validator's own options apply: a rule turned off lets the request through to pricing.
  const relaxed = estimateCost("omni-video", { ...OMNI, sound: "on", video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "feature" }] }, { rules: { "OV-15": "off" } });
  assert.equal(relaxed.basis, "Video 3.0 Omni · pro, video input, audio");
  // Bad options are issues too; an unknown family throws.
  const badOption = estimateCost("omni-video", OMNI, { videoSeconds: -2 });
  assert.deepEqual(badOption.issues.map((i) => [i.code, i.params.option]), [["invalid_option", "videoSeconds"]]);
  assert.throws(() => estimateCost("omni", OMNI), (e) => e instanceof KlingError && e.code === "config_error");
});

/** A client whose fetch records calls and answers a submitted task. */
function client(extra = {}) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(url);
    const task = { task_id: "t1", task_status: "submitted", task_info: { external_task_id: JSON.parse(init.body).external_task_id } };
    return new Response(JSON.stringify({ code: 0, message: "SUCCEED", request_id: "r", data: task }));
  };
  return { c: new KlingClient({ baseUrl: "https://kling.test", fetch, maxRetries: 0, ...extra }), calls };
}

async function refused(promise) {
  const e = await promise.then(() => assert.fail("not refused"), (e) => e);
  assert.ok(e instanceof KlingError, String(e));
  return e;
}

test("maxUnits: a create above it is refused with cost_limit before fetch is called", async () => {
  const { c, calls } = client({ maxUnits: 4 });
  assert.equal((await c.createOmniVideo(OMNI)).task_id, "t1", "4 units, at the limit: sent");
  const e = await refused(c.createOmniVideo({ ...OMNI, duration: "7" }));
  assert.deepEqual([e.code, e.retryable, e.maxUnits], ["cost_limit", false, 4]);
  assert.deepEqual(e.estimate, { units: 5.6, usd: 0.784, basis: "Video 3.0 Omni · pro, no video input, no audio", kind: "video" });
  assert.match(e.message, /5\.6 units \(\$0\.784.*maxUnits 4/);
  assert.equal(calls.length, 1, "the refused create never reached fetch");
  // A call's own limit, and null to lift the client's.
  assert.equal((await refused(c.createOmniVideo(OMNI, { maxUnits: 3.9 }))).code, "cost_limit");
  assert.equal((await c.createOmniVideo({ ...OMNI, duration: "15" }, { maxUnits: null })).task_id, "t1");
  assert.equal(calls.length, 2);
});

test("maxUnits: unpriced creates are refused unless allowUnpriced; videoSeconds prices a base edit", async () => {
  const { c, calls } = client({ maxUnits: 50 });
  const o1 = await refused(c.createOmniVideo({ ...OMNI, model_name: "kling-video-o1", duration: "5" }));
  assert.equal(o1.code, "cost_limit");
  assert.match(o1.estimate.reason, /kling-video-o1/);
  assert.match(o1.message, /allowUnpriced/);
  assert.equal((await refused(c.createOmniVideo(BASE_EDIT))).estimate.units, null);
  assert.equal(calls.length, 0);
  await c.createOmniVideo(BASE_EDIT, { videoSeconds: 7 });
  await c.createOmniVideo({ ...OMNI, model_name: "kling-video-o1", duration: "5" }, { allowUnpriced: true });
  const { c: open } = client({ maxUnits: 50, allowUnpriced: true });
  await open.createOmniVideo(BASE_EDIT);
  assert.equal(calls.length, 2);
  // Without a limit nothing is estimated or refused.
  const { c: free, calls: freeCalls } = client();
  await free.createOmniVideo(BASE_EDIT);
  assert.equal(freeCalls.length, 1);
});

test("maxUnits: bad limits are config errors", async () => {
  for (const bad of [-1, NaN, Infinity, "5", true]) {
    assert.throws(() => new KlingClient({ baseUrl: "https://kling.test", maxUnits: bad }), (e) => e.code === "config_error", String(bad));
    const { c, calls } = client();
    assert.equal((await refused(c.createOmniVideo(OMNI, { maxUnits: bad }))).code, "config_error", String(bad));
    assert.equal(calls.length, 0);
  }
  const { c } = client();
  assert.equal((await refused(c.createOmniVideo(OMNI, { videoSeconds: 0 }))).code, "config_error");
  assert.equal((await refused(c.createOmniVideo(OMNI, { allowUnpriced: "yes" }))).code, "config_error");
});
