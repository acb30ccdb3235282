//! Emulator tests of issue 16's other endpoints over raw HTTP: preset lists, deleting custom elements/voices, /account/costs.

import { test } from "node:test";
import assert from "node:assert/strict";
import { optionsFromArgs } from "../support/kling-emulator.mjs";
import { PATHS, call, create, get, jwt, nowS, rawCall, rawElementIds, start } from "./emulator-helpers.mjs";

const AT_ONCE = { timeline: { processingAfterMs: 0, doneAfterMs: 0 } };
const PRESET_ELEMENTS = "/v1/general/advanced-presets-elements";
const PRESET_VOICES = "/v1/general/presets-voices";
const DELETE_ELEMENTS = "/v1/general/delete-elements";
const DELETE_VOICES = "/v1/general/delete-voices";
const COSTS = "/account/costs";
const post = (emu, path, body, opts) => call(emu, "POST", path, { body, ...opts });
const codeOf = (r) => [r.status, r.body.code];

test("presets: task-shaped pages, owned_by kling, exact element ids, files, paging limits", async (t) => {
  const emu = await start(t);
  const listed = await rawCall(emu, "GET", PRESET_ELEMENTS);
  assert.equal(listed.status, 200);
  const presets = emu.elements().filter((e) => e.preset);
  assert.equal(presets.length, 3);
  assert.deepEqual(rawElementIds(listed.text), presets.map((p) => p.element_id), "exact digits, bare numbers");
  for (const p of presets) assert.ok(BigInt(p.element_id) >= 1n << 60n && BigInt(Number(p.element_id)) !== BigInt(p.element_id));
  for (const task of listed.body.data) {
    assert.equal(task.task_status, "succeed");
    const [el] = task.task_result.elements;
    assert.equal(el.owned_by, "kling");
    assert.equal(el.reference_type, "image_refer");
    const png = await fetch(el.element_image_list.frontal_image);
    assert.equal(png.headers.get("content-type"), "image/png");
    assert.equal((await fetch(el.element_image_list.refer_images[0].image_url)).status, 200);
  }
  const page2 = await get(emu, `${PRESET_ELEMENTS}?pageNum=2&pageSize=2`);
  assert.deepEqual(page2.body.data.map((x) => x.task_id), [listed.body.data[2].task_id]);
  assert.deepEqual((await get(emu, `${PRESET_ELEMENTS}?pageNum=9`)).body.data, []);
  const voices = (await get(emu, `${PRESET_VOICES}?pageSize=1000`)).body.data.map((x) => x.task_result.voices[0]);
  assert.deepEqual(voices.map((v) => v.voice_id), emu.voices().filter((v) => v.preset).map((v) => v.voice_id));
  assert.ok(voices.length >= 2 && voices.every((v) => v.owned_by === "kling" && typeof v.voice_id === "string"));
  assert.equal((await fetch(voices[0].trial_url)).headers.get("content-type"), "audio/wav");
  for (const [path, max] of [[PRESET_ELEMENTS, 500], [PRESET_VOICES, 1000]]) {
    assert.deepEqual(codeOf(await get(emu, `${path}?pageSize=${max + 1}`)), [400, 1201], path);
    assert.deepEqual(codeOf(await get(emu, `${path}?pageNum=0`)), [400, 1201], path);
    assert.deepEqual(codeOf(await post(emu, path, {})), [404, 1202], path);
    assert.deepEqual(codeOf(await get(emu, path, { token: null })), [401, 1001], "presets still need auth");
  }
  assert.deepEqual(codeOf(await get(emu, `${PRESET_ELEMENTS}/`)), [200, 0], "a trailing / is accepted");
  assert.equal(emu.state.stats.presetLists, 9, "every authenticated GET, refused pages too");
});

test("delete-elements: custom only, per account, the element leaves its task's result", async (t) => {
  const emu = await start(t, { ...AT_ONCE, accounts: [{ accessKey: "ak2", secretKey: "sk2" }] });
  const other = { token: jwt({ iss: "ak2", exp: nowS() + 60 }, "sk2") };
  const el = { element_name: "E", element_description: "d", reference_type: "image_refer" };
  const a = (await create(emu, "custom-element", { ...el, external_task_id: "a" })).body.data;
  const b = (await create(emu, "custom-element", el)).body.data;
  await create(emu, "custom-element", el, other);
  const [idA, idB, idOther] = emu.elements().filter((e) => !e.preset).map((e) => e.element_id);
  const preset = emu.elements().find((e) => e.preset).element_id;

  for (const [why, body, opts, code] of [
    ["another account's element", { element_id: idOther }, {}, 1201],
    ["a preset", { element_id: preset }, {}, 1201],
    ["an unknown id", { element_id: "1152921504606846976" }, {}, 1201],
    ["no element_id", {}, {}, 1201],
    ["not digits", { element_id: "12a" }, {}, 1201],
    ["mine, seen from the other account", { element_id: idA }, other, 1201],
    ["not JSON", "{", {}, 1200],
    ["not an object", "[1]", {}, 1200],
  ]) {
    const r = await post(emu, DELETE_ELEMENTS, body, opts);
    assert.deepEqual(codeOf(r), [400, code], why);
    assert.equal(r.body.data, null, why);
  }
  assert.match((await post(emu, DELETE_ELEMENTS, { element_id: preset })).body.message, /preset/);

  const ok = await post(emu, DELETE_ELEMENTS, { element_id: idA });
  assert.deepEqual(codeOf(ok), [200, 0]);
  assert.deepEqual(ok.body.data, { task_id: a.task_id, task_status: "succeed" });
  const after = await get(emu, `${PATHS["custom-element"]}/a`);
  assert.deepEqual([after.body.data.task_status, after.body.data.task_result], ["succeed", { elements: [] }]);
  const list = await rawCall(emu, "GET", PATHS["custom-element"]);
  assert.deepEqual(list.body.data.map((x) => x.task_id), [b.task_id, a.task_id], "the task stays listed");
  assert.deepEqual(rawElementIds(list.text), [idB], "without its element");
  assert.deepEqual(emu.elements().filter((e) => e.deleted).map((e) => e.element_id), [idA]);
  assert.deepEqual(codeOf(await post(emu, DELETE_ELEMENTS, { element_id: idA })), [400, 1201], "only once");

  // A client that sends the id as a bare number: the emulator reads its exact digits, not a double.
  const bare = await post(emu, DELETE_ELEMENTS, `{"element_id": ${idB}}`);
  assert.deepEqual([codeOf(bare), bare.body.data.task_id], [[200, 0], b.task_id]);
  assert.deepEqual(codeOf(await post(emu, DELETE_ELEMENTS, `{"element_id": ${BigInt(idOther) + 1n}}`, other)), [400, 1201]);
  assert.deepEqual(codeOf(await get(emu, DELETE_ELEMENTS)), [404, 1202]);
  assert.equal(emu.state.stats.deletes.elements, 13, "every authenticated POST, refused ones too");
});

test("delete-voices: custom only, string ids, the trial file goes with the voice", async (t) => {
  const emu = await start(t, AT_ONCE);
  const task = (await create(emu, "custom-voice", { voice_name: "V", voice_url: "u" })).body.data;
  const voice = (await get(emu, `${PATHS["custom-voice"]}/${task.task_id}`)).body.data.task_result.voices[0];
  const preset = emu.voices().find((v) => v.preset).voice_id;
  const refused = [["a preset", { voice_id: preset }], ["unknown", { voice_id: "nope" }], ["a number", { voice_id: 7 }], ["missing", {}]];
  for (const [why, body] of refused) {
    assert.deepEqual(codeOf(await post(emu, DELETE_VOICES, body)), [400, 1201], why);
  }
  assert.equal((await fetch(voice.trial_url)).status, 200);
  const ok = await post(emu, DELETE_VOICES, { voice_id: voice.voice_id });
  assert.deepEqual(ok.body.data, { task_id: task.task_id, task_status: "succeed" });
  assert.deepEqual((await get(emu, `${PATHS["custom-voice"]}/${task.task_id}`)).body.data.task_result, { voices: [] });
  assert.equal((await fetch(voice.trial_url)).status, 404);
  assert.equal(emu.voices().find((v) => v.voice_id === voice.voice_id).deleted, true);
  assert.deepEqual(codeOf(await post(emu, DELETE_VOICES, { voice_id: voice.voice_id })), [400, 1201]);
  const bound = await create(emu, "custom-element", {
    element_name: "E", reference_type: "video_refer", element_voice_id: voice.voice_id,
  });
  const el = (await get(emu, `${PATHS["custom-element"]}/${bound.body.data.task_id}`)).body.data.task_result.elements[0];
  assert.equal("element_voice_info" in el, false, "a deleted voice can no longer be bound");
  assert.equal(emu.state.stats.deletes.voices, 6);
});

test("account costs: start/end checked, packs per §8.4, name filter, counted, configurable", async (t) => {
  const emu = await start(t);
  const q = (query) => get(emu, `${COSTS}?${query}`);
  for (const query of ["", "start_time=1", "end_time=2", "start_time=&end_time=2", "start_time=1.5&end_time=2",
    "start_time=abc&end_time=2", "start_time=-1&end_time=2", "start_time=1&end_time=2e3", "start_time=5&end_time=4"]) {
    const r = await q(query);
    assert.deepEqual(codeOf(r), [400, 1201], query);
    assert.match(r.body.message, /start_time|end_time/, query);
  }
  const all = await q("start_time=0&end_time=1767225600000");
  assert.deepEqual(codeOf(all), [200, 0]);
  assert.deepEqual(Object.keys(all.body.data), ["code", "msg", "resource_pack_subscribe_infos"]);
  assert.deepEqual([all.body.data.code, all.body.data.msg], [0, "success"]);
  const packs = all.body.data.resource_pack_subscribe_infos;
  assert.equal(packs.length, 5);
  for (const p of packs) {
    assert.deepEqual(Object.keys(p).sort(), ["effective_time", "invalid_time", "purchase_time", "remaining_quantity",
      "resource_pack_id", "resource_pack_name", "resource_pack_type", "status", "total_quantity"]);
    assert.ok(["decreasing_total", "constant_period"].includes(p.resource_pack_type));
  }
  assert.deepEqual(new Set(packs.map((p) => p.status)), new Set(["toBeOnline", "online", "expired", "runOut"]));
  assert.deepEqual(codeOf(await q("start_time=7&end_time=7")), [200, 0], "start = end is allowed");
  const video = (await q("start_time=0&end_time=1&resource_pack_name=Video%20Pack")).body.data.resource_pack_subscribe_infos;
  assert.deepEqual(video.map((p) => p.resource_pack_id), ["rp_video_2026", "rp_video_2025"]);
  assert.deepEqual((await q("start_time=0&end_time=1&resource_pack_name=Video")).body.data.resource_pack_subscribe_infos, []);
  assert.deepEqual(codeOf(await call(emu, "POST", `${COSTS}?start_time=0&end_time=1`)), [404, 1202]);
  assert.deepEqual(codeOf(await get(emu, `${COSTS}?start_time=0&end_time=1`, { token: null })), [401, 1001]);
  assert.equal(emu.state.stats.accountCosts, 9 + 4, "every authenticated GET is counted, refused ones too");

  const mine = [{ resource_pack_name: "Only", resource_pack_id: "x", remaining_quantity: 1 }];
  assert.deepEqual(emu.configure({ resourcePacks: mine }).resourcePacks, mine);
  assert.deepEqual((await q("start_time=0&end_time=1")).body.data.resource_pack_subscribe_infos, mine);
  assert.throws(() => emu.configure({ resourcePacks: [1] }), /resourcePacks/);
  emu.reset();
  assert.equal(emu.state.stats.accountCosts, 0);
});

test("account costs QPS option and faults on the new operations", async (t) => {
  // 5 s: long enough that a loaded machine still makes the second call "too soon".
  const emu = await start(t, { ...AT_ONCE, accountCostsMinIntervalMs: 5000 });
  const costs = () => get(emu, `${COSTS}?start_time=0&end_time=1`);
  assert.deepEqual(codeOf(await costs()), [200, 0]);
  const fast = await costs();
  assert.deepEqual(codeOf(fast), [429, 1302], "a second call within 5 s");
  assert.equal(emu.state.stats.accountCostsThrottled, 1);
  emu.configure({ accountCostsMinIntervalMs: 50 });
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(codeOf(await costs()), [200, 0], "allowed once the interval has passed");
  emu.configure({ accountCostsMinIntervalMs: 0 });
  assert.deepEqual(codeOf(await costs()), [200, 0], "off again");
  assert.deepEqual(codeOf(await costs()), [200, 0]);
  assert.equal(optionsFromArgs(["--costs-min-interval-ms", "1000"]).accountCostsMinIntervalMs, 1000, "the CLI flag");
  assert.deepEqual(optionsFromArgs(["--fault-rate", "1", "--fault-on", "presets,costs"]).faults.on, ["presets", "costs"]);

  await create(emu, "custom-element", { element_name: "E", reference_type: "image_refer" });
  const [el] = emu.elements().filter((e) => !e.preset);
  emu.setFaults({ rate: 1, kinds: { "500/5000": 1 }, on: ["presets", "delete", "costs"] });
  assert.deepEqual(codeOf(await get(emu, PRESET_VOICES)), [500, 5000]);
  assert.deepEqual(codeOf(await costs()), [500, 5000]);
  assert.deepEqual(codeOf(await post(emu, DELETE_ELEMENTS, { element_id: el.element_id })), [500, 5000]);
  assert.equal(emu.elements().find((e) => e.element_id === el.element_id).deleted, false, "a faulted delete deletes nothing");
  assert.deepEqual(codeOf(await get(emu, PATHS["custom-element"])), [200, 0], "lists are not in `on`");
  assert.equal(emu.state.stats.faults["500/5000"], 3);
  assert.throws(() => emu.setFaults({ rate: 1, on: ["deletes"] }), /faults\.on/);
});
