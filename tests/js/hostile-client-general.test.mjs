//! Hostile input to KlingClient's issue-16 calls (listPresetElements, listPresetVoices,
//! deleteCustomElement, deleteCustomVoice, getAccountCosts): any value at every argument settles
//! with the call's result or a KlingError, and element ids of every form in an answer come back
//! as strings (numbers) or as sent; after every input the module still answers a valid call.
//! The creates of the new families and hostile answers to these calls are in
//! hostile-client.test.mjs with the other methods. The fetch is a local stub.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib from "./load-pkg.mjs";
import { settles } from "./hostile-values.mjs";
import { hostileSuite } from "./hostile-runner.mjs";

const { KlingClient, KlingError } = lib;
const BASE = "https://kling.test";
const envelope = (data, code = 0) => JSON.stringify({ code, message: code ? "failed" : "SUCCEED", request_id: "r1", data });
const options = (extra = {}) => ({ baseUrl: BASE, maxRetries: 0, timeoutMs: 500, ...extra });
const PRESET = { task_id: "p", task_status: "succeed", task_result: { elements: [{ element_id: 7 }] } };
const good = new KlingClient(options({ fetch: async () => new Response(envelope([PRESET])) }));

/** The module still works: a preset list gives the element, its id a string. */
async function alive() {
  assert.deepEqual(await good.listPresetElements(), [{ element_id: "7" }], "the client stopped working");
  assert.equal({}.polluted, undefined);
}

const { each, run: runCases, finish } = hostileSuite("hostile-client-general", alive);

test("the calls around the families: any value at every argument settles with their result or a KlingError", async () => {
  const DATA = { "/account/costs": { code: 0, msg: "", resource_pack_subscribe_infos: [] }, "/v1/general/delete-elements": { task_id: "d", task_status: "succeed" },
    "/v1/general/delete-voices": { task_id: "d", task_status: "succeed" }, "/v1/general/presets-voices": [{ task_id: "p", task_status: "succeed", task_result: { voices: [{ voice_id: "v" }] } }],
    "/v1/general/advanced-presets-elements": [{ task_id: "p", task_status: "succeed", task_result: { elements: [{ element_id: 7 }] } }] };
  const g = new KlingClient(options({ fetch: async (url) => new Response(envelope(DATA[new URL(url).pathname])) }));
  const ok = (call, codes, check) => settles(KlingError, call, codes).then(({ value }) => value !== undefined && check(value));
  const items = (key) => (v) => assert.ok(Array.isArray(v) && v.length === 1 && typeof v[0][key] === "string", JSON.stringify(v));
  const deleted = (v) => assert.equal(v.task_id, "d");
  const costs = (v) => assert.deepEqual([v.resource_pack_subscribe_infos, v.balances_max_age_ms], [[], 43_200_000]);
  const BAD = ["config_error", "validation_failed"];
  const Q = { start_time: 0, end_time: 1 };
  const cases = [];
  for (const [m, key] of [["listPresetElements", "element_id"], ["listPresetVoices", "voice_id"]]) {
    cases.push(...each(`${m}(page)`, (v) => ok(() => g[m](v), BAD, items(key))), ...each(`${m}({ pageSize })`, (v) => ok(() => g[m]({ pageSize: v }), BAD, items(key))),
      ...each(`${m}(page, options)`, (v) => ok(() => g[m](undefined, v), BAD, items(key))));
  }
  for (const m of ["deleteCustomElement", "deleteCustomVoice"]) {
    cases.push(...each(`${m}(id)`, (v) => ok(() => g[m](v), "validation_failed", deleted)), ...each(`${m}(id, options)`, (v) => ok(() => g[m]("7", v), BAD, deleted)));
  }
  cases.push(...each("getAccountCosts(query)", (v) => ok(() => g.getAccountCosts(v), "validation_failed", costs)));
  for (const key of ["start_time", "end_time", "resource_pack_name", "extra"]) {
    cases.push(...each(`getAccountCosts({ ${key} })`, (v) => ok(() => g.getAccountCosts({ ...Q, [key]: v }), "validation_failed", costs)));
  }
  cases.push(...each("getAccountCosts(query, options)", (v) => ok(() => g.getAccountCosts(Q, v), BAD, costs)));
  assert.ok(cases.length > 1000);
  await runCases(cases);
});

test("element ids of every form in an answer: numbers come back as strings, the rest as sent", async () => {
  const raw = '{"code":0,"message":"","request_id":"","data":{"task_id":"1","task_status":"succeed","task_result":{"elements":['
    + '{"element_id":1152921504606846977},{"element_id":123456789012345678901234567890},{"element_id":1e300},{"element_id":-0},{"element_id":2.5e-3},'
    + '{"element_id":null},{"element_id":[1]},{"element_id":{"element_id":7}}]}}}';
  const c = new KlingClient(options({ fetch: async () => new Response(raw) }));
  await runCases([{ label: "getTask <- element ids of every form", run: async () => {
    const ids = (await c.getTask("omni-video", "1")).task_result.elements.map((e) => e.element_id);
    assert.deepEqual(ids.slice(0, 5).map((id) => typeof id), ["string", "string", "string", "string", "string"]);
    assert.equal(ids[0], "1152921504606846977");
    assert.deepEqual(ids.slice(5), [null, [1], { element_id: "7" }]);
  } }]);
});

finish(1000);
