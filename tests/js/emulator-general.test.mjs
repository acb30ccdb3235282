//! Emulator tests of issue 16's task families over raw HTTP: image generation, custom elements (exact ids), custom voices.

import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { PATHS, create, get, jwt, nowS, rawCall, rawElementIds, start, until } from "./emulator-helpers.mjs";

const AT_ONCE = { timeline: { processingAfterMs: 0, doneAfterMs: 0 } };
const TWO_60 = 1n << 60n;
const exactOnlyAsText = (digits) => BigInt(Number(digits)) !== BigInt(digits); // a double would round it

test("image-generation: n images without result_type, PNG files, n slots of the image pack", async (t) => {
  const emu = await start(t, { ...AT_ONCE, maxConcurrent: { image: 2 } });
  const body = { model_name: "kling-v3", prompt: "a fox", aspect_ratio: "1:1", external_task_id: "ig-1" };
  const over = await create(emu, "image-generation", { ...body, n: 3 });
  assert.deepEqual([over.status, over.body.code], [429, 1303], "n = 3 takes 3 slots of 2");
  emu.configure({ maxConcurrent: null });
  const { task_id } = (await create(emu, "image-generation", { ...body, n: 3 })).body.data;
  const task = (await get(emu, `${PATHS["image-generation"]}/ig-1`)).body.data;
  assert.equal(task.task_id, task_id);
  assert.deepEqual(Object.keys(task.task_result), ["images"], "§8.1: images only, no result_type");
  assert.deepEqual(task.task_result.images.map((i) => [i.index, i.url.endsWith(`/files/${task_id}/image-${i.index}.png`)]), [
    [0, true], [1, true], [2, true],
  ]);
  assert.equal(task.final_unit_deduction, "3");
  const png = Buffer.from(await (await fetch(task.task_result.images[2].url)).arrayBuffer());
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [64, 64], "1:1 image");
  const dup = await create(emu, "image-generation", { ...body, prompt: "again" });
  assert.deepEqual([dup.status, dup.body.code], [400, 1201], "external_task_id is idempotent");
  assert.equal((await get(emu, `${PATHS["omni-image"]}/ig-1`)).status, 404, "found only under its own family");
});

test("custom elements: element_id a bare JSON number >= 2^60 with exact digits, the request copied", async (t) => {
  const emu = await start(t, { ...AT_ONCE, control: true });
  const voice = (await create(emu, "custom-voice", { voice_name: "Mine", voice_url: "https://x/v.mp3" })).body.data;
  const voiceTask = (await get(emu, `${PATHS["custom-voice"]}/${voice.task_id}`)).body.data.task_result.voices[0];
  const request = {
    element_name: "Hero",
    element_description: "A hero in a red cape",
    reference_type: "video_refer",
    element_video_list: { refer_videos: [{ video_url: "https://x/hero.mp4" }] },
    element_voice_id: voiceTask.voice_id,
    tag_list: [{ tag_id: "o_102" }, { tag_id: "o_999" }],
    external_task_id: "el-1",
  };
  const created = await rawCall(emu, "POST", PATHS["custom-element"], { body: request });
  assert.equal(created.body.data.task_status, "submitted");
  assert.deepEqual(created.body.data.task_result, {}, "no element before succeed");
  assert.equal("watermark_info" in created.body.data, false, "not a media task");

  const [mine] = emu.elements().filter((e) => !e.preset);
  for (const path of [`${PATHS["custom-element"]}/el-1`, `${PATHS["custom-element"]}?external_task_id=el-1`, PATHS["custom-element"]]) {
    const r = await rawCall(emu, "GET", path);
    assert.equal(r.status, 200, path);
    assert.deepEqual(rawElementIds(r.text), [mine.element_id], `${path}: the exact digits, unquoted`);
    assert.ok(BigInt(mine.element_id) >= TWO_60 && BigInt(mine.element_id) < 1n << 63n, "in [2^60, 2^63)");
    assert.ok(exactOnlyAsText(mine.element_id), "a client that parses it as a double gets another number");
  }
  const task = (await get(emu, `${PATHS["custom-element"]}/el-1`)).body.data;
  assert.equal(task.task_status, "succeed");
  const [el] = task.task_result.elements;
  assert.notEqual(String(el.element_id), mine.element_id, "JSON.parse rounds it: why the digits must be read raw");
  const { element_id: _id, ...rest } = el;
  assert.deepEqual(rest, {
    element_name: "Hero",
    element_description: "A hero in a red cape",
    reference_type: "video_refer",
    element_video_list: request.element_video_list,
    element_voice_info: voiceTask,
    tag_list: [{ id: "o_102", name: "Character", description: "Character elements" }, { id: "o_999", name: "o_999", description: "" }],
    owned_by: voiceTask.owned_by,
  });
  assert.match(el.owned_by, /^\d+$/, "owned_by is the creator's id, not the access key");
  assert.equal(mine.owned_by, el.owned_by);

  const viaControl = await (await fetch(`${emu.url}/__emulator/tasks?family=custom-element`)).text();
  assert.deepEqual(rawElementIds(viaControl), [mine.element_id], "control routes keep the digits too");
  const listedByControl = await (await fetch(`${emu.url}/__emulator/elements`)).json();
  assert.deepEqual(listedByControl, emu.elements(), "/__emulator/elements: element ids as exact strings");
  const voicesByControl = await (await fetch(`${emu.url}/__emulator/voices`)).json();
  assert.deepEqual(voicesByControl.filter((v) => !v.preset).map((v) => v.voice_id), [voiceTask.voice_id]);
  assert.equal(emu.task(task.task_id).task_result.elements[0].element_id, BigInt(mine.element_id), "BigInt in JS views");

  const image = await create(emu, "custom-element", {
    element_name: "Cat", element_description: "d", reference_type: "image_refer",
    element_image_list: { frontal_image: "https://x/f.png", refer_images: [{ image_url: "https://x/r.png" }] },
    element_voice_id: "no-such-voice",
  });
  const catTask = (await get(emu, `${PATHS["custom-element"]}/${image.body.data.task_id}`)).body.data;
  const cat = catTask.task_result.elements[0];
  assert.deepEqual(cat.element_image_list, { frontal_image: "https://x/f.png", refer_images: [{ image_url: "https://x/r.png" }] });
  assert.equal("element_voice_info" in cat, false, "an unknown voice binds nothing");
  const ids = emu.elements().filter((e) => !e.preset).map((e) => e.element_id);
  assert.equal(new Set(ids).size, 2);
});

test("custom elements and voices: pending and failed tasks have no item; list page sizes 500 and 1000", async (t) => {
  const emu = await start(t, { timeline: { processingAfterMs: 60_000, doneAfterMs: 60_000 } });
  await create(emu, "custom-element", { element_name: "Later", element_description: "d", reference_type: "image_refer" });
  assert.equal(emu.elements().filter((e) => !e.preset).length, 0, "an element exists once its task succeeded");
  emu.configure(AT_ONCE);
  const failed = (await create(emu, "custom-voice", { voice_name: "x [[fail]]", voice_url: "u" })).body.data;
  const failedTask = (await get(emu, `${PATHS["custom-voice"]}/${failed.task_id}`)).body.data;
  assert.deepEqual([failedTask.task_status, failedTask.task_result], ["failed", {}]);
  assert.equal(emu.voices().filter((v) => !v.preset).length, 0);
  const elFailed = (await create(emu, "custom-element", { element_name: "[[fail]]", reference_type: "image_refer" })).body.data;
  assert.equal((await get(emu, `${PATHS["custom-element"]}/${elFailed.task_id}`)).body.data.task_status, "failed");
  for (const [family, max] of [["custom-element", 500], ["custom-voice", 1000], ["image-generation", 500]]) {
    assert.equal((await get(emu, `${PATHS[family]}?pageNum=1&pageSize=${max}`)).status, 200, family);
    const over = await get(emu, `${PATHS[family]}?pageSize=${max + 1}`);
    assert.deepEqual([over.status, over.body.code], [400, 1201], family);
    assert.match(over.body.message, new RegExp(`\\[1, ${max}\\]`));
  }
  assert.equal((await get(emu, `${PATHS["custom-voice"]}?pageSize=1`)).body.data.length, 1);
});

test("custom voices: string voice_id, trial WAV, per-account external ids and lists", async (t) => {
  const emu = await start(t, { ...AT_ONCE, accounts: [{ accessKey: "ak2", secretKey: "sk2" }] });
  const other = { token: jwt({ iss: "ak2", exp: nowS() + 60 }, "sk2") };
  const created = await create(emu, "custom-voice", { voice_name: "Narrator", video_id: "v1", external_task_id: "vc" });
  assert.equal(created.status, 200);
  const dup = await create(emu, "custom-voice", { voice_name: "Again", video_id: "v1", external_task_id: "vc" });
  assert.deepEqual([dup.status, dup.body.code], [400, 1201]);
  const theirsCreated = await create(emu, "custom-voice", { voice_name: "Theirs", voice_url: "u", external_task_id: "vc" }, other);
  assert.equal(theirsCreated.status, 200, "external ids are per account");
  const task = (await get(emu, `${PATHS["custom-voice"]}/vc`)).body.data;
  const [voice] = task.task_result.voices;
  assert.deepEqual(Object.keys(voice), ["voice_id", "voice_name", "trial_url", "owned_by"]);
  assert.equal(typeof voice.voice_id, "string");
  assert.equal(voice.voice_name, "Narrator");
  const wav = await fetch(voice.trial_url);
  assert.equal(wav.headers.get("content-type"), "audio/wav");
  assert.equal(Buffer.from(await wav.arrayBuffer()).subarray(0, 4).toString("latin1"), "RIFF");
  const theirs = (await get(emu, `${PATHS["custom-voice"]}/vc`, other)).body.data.task_result.voices[0];
  assert.notEqual(theirs.owned_by, voice.owned_by, "each account owns its own voices");
  assert.deepEqual((await get(emu, PATHS["custom-voice"])).body.data.map((x) => x.task_id), [task.task_id], "lists are per account");
  assert.deepEqual(emu.voices().filter((v) => !v.preset).map((v) => [v.voice_id, v.account]), [
    [voice.voice_id, "test-ak"], [theirs.voice_id, "ak2"],
  ]);
});

test("callbacks of element and voice tasks carry the item, element_id as exact digits", async (t) => {
  const texts = [];
  const receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => res.end("ok", () => texts.push(text)));
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  t.after(() => receiver.close());
  const hook = `http://127.0.0.1:${receiver.address().port}/`;
  const emu = await start(t, { timeline: { processingAfterMs: 10, doneAfterMs: 20 } });
  await create(emu, "custom-element", { element_name: "E", reference_type: "image_refer", callback_url: hook });
  await create(emu, "custom-voice", { voice_name: "V", voice_url: "u", callback_url: hook });
  await until(() => texts.length === 6, "6 callbacks");
  const done = texts.map((x) => JSON.parse(x)).filter((b) => b.task_status === "succeed");
  assert.equal(done.length, 2);
  const [element] = emu.elements().filter((e) => !e.preset);
  assert.deepEqual(texts.flatMap(rawElementIds), [element.element_id]);
  assert.equal(done.find((b) => b.task_result.voices).task_result.voices[0].voice_id, emu.voices().at(-1).voice_id);
});
