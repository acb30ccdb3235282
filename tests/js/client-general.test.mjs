//! KlingClient's calls around the task families in Node, over HTTP: listPresetElements,
//! listPresetVoices, deleteCustomElement, deleteCustomVoice, getAccountCosts, and element ids as
//! exact strings in everything returned. The answers come from a small local server that writes
//! element ids as JSON numbers past 2^53, as Kling does (JSON.parse would round them).

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import lib from "./load-pkg.mjs";

const { KlingClient, KlingError } = lib;
/** 2^60 + 1: as a JS number it reads 1152921504606846976, another element. */
const BIG = "1152921504606846977";
const envelope = (data, code = 0, message = "SUCCEED") => `{"code":${code},"message":${JSON.stringify(message)},"request_id":"r","data":${data}}`;
const ELEMENT = `{"element_id":${BIG},"element_name":"fox","element_description":"a fox","reference_type":"video_refer","element_video_list":{"refer_videos":[{"video_url":"https://x.test/v.mp4"}]},"element_voice_info":{"voice_id":"930801338081615883","voice_name":"v","trial_url":"https://x.test/t.mp3","owned_by":"kling"},"tag_list":[{"id":"o_102","name":"Character","description":""}],"owned_by":"kling"}`;
const VOICE = `{"voice_id":"829","voice_name":"calm","trial_url":"https://x.test/829.mp3","owned_by":"kling"}`;
const PACK = `{"resource_pack_name":"Trial","resource_pack_id":"p1","resource_pack_type":"decreasing_total","total_quantity":200.0,"remaining_quantity":118.5,"purchase_time":1,"effective_time":2,"invalid_time":3,"status":"online"}`;
const entry = (key, items) => `{"task_id":"p","task_status":"succeed","task_result":{"${key}":[${items}]}}`;

/** The local server: Kling's paths for these calls; records every request. */
async function serve(t) {
  const requests = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url, "http://x");
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, auth: req.headers.authorization });
    const send = (status, text) => res.writeHead(status, { "content-type": "application/json" }).end(text);
    const routes = {
      "GET /v1/general/advanced-presets-elements": () => send(200, envelope(`[${entry("elements", ELEMENT)}]`)),
      "GET /v1/general/presets-voices": () => send(200, envelope(`[${entry("voices", VOICE)}]`)),
      "POST /v1/general/delete-elements": () => JSON.parse(body).element_id === BIG
        ? send(200, envelope(`{"task_id":"d1","task_status":"succeed"}`)) : send(400, envelope("null", 1201, "element not found")),
      "POST /v1/general/delete-voices": () => send(200, envelope(`{"task_id":"d2","task_status":"succeed"}`)),
      "GET /account/costs": () => send(200, envelope(`{"code":0,"msg":"","resource_pack_subscribe_infos":[${PACK}]}`)),
      "GET /v1/videos/omni-video/t1": () => send(200, envelope(`{"task_id":"t1","task_status":"succeed","task_result":{"elements":[${ELEMENT}]}}`)),
    };
    (routes[`${req.method} ${url.pathname}`] ?? (() => send(404, envelope("null", 1203, "not found"))))();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  t.after(() => server.close());
  const client = new KlingClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, auth: { kind: "token", token: "tok" }, maxRetries: 0 });
  return { client, requests };
}

/** Awaits `promise`, expecting a KlingError with `code`; returns it. */
async function rejectsWith(promise, code) {
  const e = await promise.then(() => assert.fail(`expected a KlingError "${code}"`), (e) => e);
  assert.ok(e instanceof KlingError, `not a KlingError: ${e}`);
  assert.equal(e.code, code, e.message);
  return e;
}

test("listPresetElements: elements with element_id as the exact digits", async (t) => {
  const { client, requests } = await serve(t);
  const elements = await client.listPresetElements({ pageNum: 2, pageSize: 500 });
  assert.equal(elements.length, 1);
  assert.equal(elements[0].element_id, BIG);
  assert.equal(typeof elements[0].element_id, "string");
  assert.notEqual(String(JSON.parse(BIG)), BIG, "the number form would have rounded");
  assert.deepEqual(elements[0].element_voice_info, { voice_id: "930801338081615883", voice_name: "v", trial_url: "https://x.test/t.mp3", owned_by: "kling" });
  assert.deepEqual(requests[0], { method: "GET", path: "/v1/general/advanced-presets-elements", query: { pageNum: "2", pageSize: "500" }, body: "", auth: "Bearer tok" });
  // Defaults, then paging checked before sending.
  await client.listPresetElements();
  assert.deepEqual(requests[1].query, { pageNum: "1", pageSize: "30" });
  const e = await rejectsWith(client.listPresetElements({ pageSize: 501 }), "validation_failed");
  assert.equal(e.issues[0].path, "/pageSize");
  assert.equal(requests.length, 2);
});

test("listPresetVoices: the voices of every entry", async (t) => {
  const { client, requests } = await serve(t);
  assert.deepEqual(await client.listPresetVoices({ pageSize: 10 }), [JSON.parse(VOICE)]);
  assert.deepEqual([requests[0].path, requests[0].query], ["/v1/general/presets-voices", { pageNum: "1", pageSize: "10" }]);
});

test("deleteCustomElement: a string or a BigInt id, sent as its exact digits in a string", async (t) => {
  const { client, requests } = await serve(t);
  assert.deepEqual(await client.deleteCustomElement(BIG), { task_id: "d1", task_status: "succeed" });
  assert.deepEqual(await client.deleteCustomElement(BigInt(BIG)), { task_id: "d1", task_status: "succeed" });
  assert.deepEqual(requests.map((r) => [r.method, r.path, r.body]), [
    ["POST", "/v1/general/delete-elements", `{"element_id":"${BIG}"}`],
    ["POST", "/v1/general/delete-elements", `{"element_id":"${BIG}"}`],
  ]);
  // A number past 2^53 has lost its digits already; ids that are no int64 never leave.
  for (const bad of [2 ** 60, "12a", "", "9223372036854775808", "0x10", -5n, null, undefined, { element_id: BIG }]) {
    const e = await rejectsWith(client.deleteCustomElement(bad), "validation_failed");
    assert.equal(e.issues[0].path, "/element_id", String(bad));
  }
  assert.equal(requests.length, 2);
  // Kling's refusal (not one of yours, or a preset): an api_error with its code.
  const e = await rejectsWith(client.deleteCustomElement("42"), "api_error");
  assert.deepEqual([e.status, e.apiCode, e.retryable], [400, 1201, false]);
});

test("deleteCustomVoice: the id in the body; an empty or non-string id never leaves", async (t) => {
  const { client, requests } = await serve(t);
  assert.equal((await client.deleteCustomVoice("v-1")).task_id, "d2");
  assert.deepEqual([requests[0].path, requests[0].body], ["/v1/general/delete-voices", `{"voice_id":"v-1"}`]);
  for (const bad of ["", 829, null, undefined]) {
    const e = await rejectsWith(client.deleteCustomVoice(bad), "validation_failed");
    assert.equal(e.issues[0].path, "/voice_id");
  }
  assert.equal(requests.length, 1);
});

test("getAccountCosts: the checked query, the packs, and how old the balances may be", async (t) => {
  const { client, requests } = await serve(t);
  const costs = await client.getAccountCosts({ start_time: 1_700_000_000_000, end_time: 1_700_086_400_000, resource_pack_name: "Trial & co" });
  assert.deepEqual(costs, { code: 0, msg: "", resource_pack_subscribe_infos: [JSON.parse(PACK)], balances_max_age_ms: 43_200_000 });
  assert.deepEqual([requests[0].path, requests[0].query], ["/account/costs", { start_time: "1700000000000", end_time: "1700086400000", resource_pack_name: "Trial & co" }]);
  // AC-1: whole ms, 0 ≤ start ≤ end; issues like any validation_failed, nothing sent.
  for (const [query, paths] of [
    [{ start_time: 2, end_time: 1 }, ["/end_time"]],
    [{ start_time: -1, end_time: 1.5 }, ["/start_time", "/end_time"]],
    [{ start_time: NaN, end_time: Infinity }, ["/start_time", "/end_time"]],
  ]) {
    const e = await rejectsWith(client.getAccountCosts(query), "validation_failed");
    assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), paths.map((p) => [p, "AC-1"]), JSON.stringify(query));
  }
  const e = await rejectsWith(client.getAccountCosts({ start_time: "1", end_time: 2n, extra: 1 }), "validation_failed");
  assert.deepEqual(e.issues.map((i) => i.rule).sort(), ["GEN-TYPE", "GEN-TYPE", "GEN-UNKNOWN"]);
  await rejectsWith(client.getAccountCosts(), "validation_failed");
  assert.equal(requests.length, 1);
});

test("a task's element ids come back as exact strings", async (t) => {
  const { client } = await serve(t);
  const task = await client.getTask("omni-video", "t1");
  assert.equal(task.task_result.elements[0].element_id, BIG);
  assert.equal(task.task_result.elements[0].element_voice_info.voice_id, "930801338081615883");
});
