//! KlingClient's issue-16 calls in Node against the Kling emulator, which writes element ids as
//! JSON numbers in [2^60, 2^63) (JSON.parse would round each to another id): the image-generation,
//! custom-element and custom-voice families (create → wait, query, lists, idempotency, a refused
//! request never leaving), listPresetElements / listPresetVoices, deleteCustomElement /
//! deleteCustomVoice, getAccountCosts (AC-1), and every element_id returned as its exact digits.

import assert from "node:assert/strict";
import { test } from "node:test";
import lib, { declaredFields } from "./load-pkg.mjs";
import { AK, SK, start } from "./emulator-helpers.mjs";

const { KlingClient, KlingError } = lib;
const FAST = { timeline: { processingAfterMs: 10, doneAfterMs: 40 } };
const client = (emu) => new KlingClient({ baseUrl: emu.url, auth: { kind: "keys", accessKey: AK, secretKey: SK } });
const VOICE = { voice_name: "Narrator", voice_url: "https://example.com/narrator.mp3" };
const ELEMENT = {
  element_name: "Hero", element_description: "A hero in a red cape", reference_type: "video_refer",
  element_video_list: { refer_videos: [{ video_url: "https://example.com/hero.mp4" }] }, tag_list: [{ tag_id: "o_102" }],
};
/** Requests that reached the emulator's Kling paths (its control routes aside). */
const sent = (emu) => emu.state.requests.filter((r) => !r.path.startsWith("/__emulator"));

/** Awaits `promise`, expecting a KlingError with `code`; returns it. */
async function rejectsWith(promise, code) {
  const e = await promise.then((v) => assert.fail(`expected a KlingError "${code}", got ${JSON.stringify(v)}`), (e) => e);
  assert.ok(e instanceof KlingError, `not a KlingError: ${e}`);
  assert.equal(e.code, code, e.message);
  return e;
}

/** Every key of `obj` is declared in the interface `name`, and every required field is present. */
function matches(name, obj) {
  const { required, optional } = declaredFields(name);
  for (const key of Object.keys(obj)) assert.ok(required.includes(key) || optional.includes(key), `${name}.${key} is not declared`);
  for (const key of required) assert.ok(key in obj, `${name}.${key} is declared but missing`);
}

test("custom voice, then a custom element bound to it: created, waited for, element_id exact everywhere", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const voiceTask = await c.createCustomVoice(VOICE);
  const doneVoice = await c.waitForTask("custom-voice", voiceTask.task_id);
  const [voice] = doneVoice.task_result.voices;
  assert.equal(voice.voice_name, "Narrator");
  matches("KlingVoice", voice);

  const created = await c.createCustomElement({ ...ELEMENT, element_voice_id: voice.voice_id, external_task_id: "el-1" });
  assert.match(created.task_id, /\S/);
  const done = await c.waitForTask("custom-element", "el-1", { by: "external_task_id" });
  const [element] = done.task_result.elements;
  const [exact] = emu.elements().filter((e) => !e.preset);
  assert.equal(typeof element.element_id, "string");
  assert.equal(element.element_id, exact.element_id, "Kling's digits, not a rounded double");
  assert.notEqual(String(Number(exact.element_id)), exact.element_id, "the id is one a double cannot hold");
  assert.deepEqual(element.element_voice_info, voice);
  matches("KlingElement", element);
  // The same id from a query, a list page, the walk, and a failed-then-retried create's lookup.
  assert.equal((await c.getTask("custom-element", created.task_id)).task_result.elements[0].element_id, exact.element_id);
  const page = await c.listTasks("custom-element", { pageSize: 500 });
  assert.deepEqual(page.map((task) => task.task_result.elements[0].element_id), [exact.element_id]);
  for await (const task of c.iterateTasks("custom-element")) assert.equal(task.task_result.elements[0].element_id, exact.element_id);
  const again = await c.createCustomElement({ ...ELEMENT, external_task_id: "el-1" });
  assert.equal(again.task_id, created.task_id, "the same external_task_id: the existing task, no second element");
  assert.equal(emu.elements().filter((e) => !e.preset).length, 1);
});

test("createImageGeneration → waitForTask → images; custom-voice lists take pageSize 1000, the others 500", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const task = await c.createImageGeneration({ model_name: "kling-v3", prompt: "a fox", n: 2, aspect_ratio: "1:1" });
  assert.match(task.task_info.external_task_id, /^[0-9a-f-]{36}$/, "a generated external_task_id");
  const done = await c.waitForTask("image-generation", task.task_id);
  assert.deepEqual(done.task_result.images.map((i) => i.index), [0, 1]);
  assert.equal((await c.listTasks("image-generation", { pageSize: 500 }))[0].task_id, task.task_id);
  assert.deepEqual(await c.listTasks("custom-voice", { pageSize: 1000 }), []);
  const before = sent(emu).length;
  for (const [family, size] of [["custom-voice", 1001], ["custom-element", 501], ["image-generation", 501]]) {
    const e = await rejectsWith(c.listTasks(family, { pageSize: size }), "validation_failed");
    assert.equal(e.issues[0].path, "/pageSize", family);
  }
  assert.throws(() => c.iterateTasks("custom-voice", { pageSize: 1001 }), (e) => e instanceof KlingError && e.code === "validation_failed");
  assert.equal((await c.iterateTasks("custom-voice", { pageSize: 1000 }).next()).done, true);
  assert.equal(sent(emu).length, before + 1, "only the valid walk's page was sent");
});

test("a request the API would refuse never leaves: validation_failed for each new family", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const bad = [
    ["createImageGeneration", { model_name: "kling-v3", prompt: "x", n: 10 }],
    ["createImageGeneration", { model_name: "kling-v1-5", prompt: "x", image: "https://example.com/a.png", negative_prompt: "y" }],
    ["createCustomElement", { ...ELEMENT, element_name: "a name of more than twenty" }],
    ["createCustomElement", { ...ELEMENT, reference_type: "image_refer" }],
    ["createCustomVoice", { voice_name: "v" }],
    ["createCustomVoice", { ...VOICE, video_id: "v1" }],
  ];
  for (const [method, req] of bad) {
    const e = await rejectsWith(c[method](req), "validation_failed");
    assert.ok(e.issues.length > 0 && e.issues.every((i) => typeof i.rule === "string"), `${method} ${JSON.stringify(req)}`);
    assert.equal(e.externalTaskId, undefined, "no body was built: nothing to look up");
  }
  assert.equal(sent(emu).length, 0);
});

test("preset lists: elements and voices, element ids exact", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const elements = await c.listPresetElements();
  const exact = emu.elements().filter((e) => e.preset);
  assert.deepEqual(elements.map((e) => e.element_id), exact.map((e) => e.element_id));
  assert.ok(elements.some((e) => e.element_id === "1152921504606846977"), "2^60 + 1 comes back as itself");
  for (const e of elements) {
    matches("KlingElement", e);
    assert.equal(e.owned_by, "kling");
  }
  const voices = await c.listPresetVoices({ pageNum: 1, pageSize: 500 });
  assert.deepEqual(voices.map((v) => v.voice_id), emu.voices().filter((v) => v.preset).map((v) => v.voice_id));
  voices.forEach((v) => matches("KlingVoice", v));
  assert.deepEqual(await c.listPresetElements({ pageNum: 2 }), [], "3 presets: page 2 is empty");
  const e = await rejectsWith(c.listPresetVoices({ pageSize: 0 }), "validation_failed");
  assert.equal(e.issues[0].path, "/pageSize");
});

test("deleteCustomElement / deleteCustomVoice: your own ids go; presets, unknown and deleted ones are Kling's 1201", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const el = await c.waitForTask("custom-element", (await c.createCustomElement(ELEMENT)).task_id);
  const second = await c.waitForTask("custom-element", (await c.createCustomElement({ ...ELEMENT, element_name: "Other" })).task_id);
  const voice = await c.waitForTask("custom-voice", (await c.createCustomVoice(VOICE)).task_id);
  const id = el.task_result.elements[0].element_id;
  assert.deepEqual(await c.deleteCustomElement(id), { task_id: el.task_id, task_status: "succeed" });
  // A BigInt names it exactly too.
  assert.equal((await c.deleteCustomElement(BigInt(second.task_result.elements[0].element_id))).task_id, second.task_id);
  assert.equal((await c.deleteCustomVoice(voice.task_result.voices[0].voice_id)).task_id, voice.task_id);
  assert.deepEqual(emu.elements().filter((e) => !e.preset).map((e) => e.deleted), [true, true]);
  for (const [call, what] of [[() => c.deleteCustomElement(id), "deleted"], [() => c.deleteCustomElement("1152921504606846977"), "a preset"],
    [() => c.deleteCustomVoice("oversea_male1"), "a preset voice"], [() => c.deleteCustomElement("1234"), "unknown"]]) {
    const e = await rejectsWith(call(), "api_error");
    assert.deepEqual([e.status, e.apiCode, e.retryable, e.source], [400, 1201, false, "kling"], what);
  }
  // Checked before sending: no int64 (a number past 2^53 already lost its digits), an empty voice id.
  const before = sent(emu).length;
  for (const bad of [Number(id), "12x", "9223372036854775808", ""]) await rejectsWith(c.deleteCustomElement(bad), "validation_failed");
  await rejectsWith(c.deleteCustomVoice(""), "validation_failed");
  assert.equal(sent(emu).length, before);
  const body = JSON.parse(sent(emu).find((r) => r.path === "/v1/general/delete-elements").body);
  assert.deepEqual(body, { element_id: id }, "the id goes as a string of its digits");
});

test("getAccountCosts: the packs, balances_max_age_ms, the name filter; AC-1 before sending", async (t) => {
  const emu = await start(t, FAST);
  const c = client(emu);
  const now = Date.now();
  const costs = await c.getAccountCosts({ start_time: now - 86_400_000, end_time: now });
  assert.equal(costs.code, 0);
  assert.equal(costs.balances_max_age_ms, 43_200_000);
  assert.equal(costs.resource_pack_subscribe_infos.length, 5);
  matches("AccountCosts", costs);
  costs.resource_pack_subscribe_infos.forEach((p) => matches("ResourcePack", p));
  const image = await c.getAccountCosts({ start_time: 0, end_time: now, resource_pack_name: "Image Pack" });
  assert.deepEqual(image.resource_pack_subscribe_infos.map((p) => p.resource_pack_name), ["Image Pack"]);
  const query = sent(emu).at(-1);
  assert.deepEqual([query.path, query.query], ["/account/costs", { start_time: "0", end_time: String(now), resource_pack_name: "Image Pack" }]);
  const before = sent(emu).length;
  for (const [q, paths] of [[{ start_time: now, end_time: now - 1 }, ["/end_time"]], [{ start_time: -1, end_time: 0.5 }, ["/start_time", "/end_time"]]]) {
    const e = await rejectsWith(c.getAccountCosts(q), "validation_failed");
    assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), paths.map((p) => [p, "AC-1"]));
  }
  const e = await rejectsWith(c.getAccountCosts({ start_time: String(now), end_time: 1n }), "validation_failed");
  assert.deepEqual(e.issues.map((i) => [i.path, i.rule]), [["/start_time", "GEN-TYPE"], ["/end_time", "GEN-TYPE"]]);
  assert.equal(sent(emu).length, before);
});
