//! The demo end to end in Chromium (playwright-core driving /usr/bin/chromium): the page served by
//! scripts/demo-server.mjs, the signing proxy at /kling and the Kling API emulator. A user types
//! an invalid Omni-Video request and sees the issues at their fields, fixes it, submits, watches
//! the progress and gets the result video; switches to Chinese; picks an image and drops a video
//! and sees their facts and issues; edits shots; looks at the other families. Screenshots go to
//! artifacts/ (gitignored). Needs the built package (node scripts/build.mjs).

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DEMO_TIMELINE, startDemo } from "../../scripts/demo-server.mjs";
import { makePng } from "../support/emulator/media.mjs";

const ARTIFACTS = new URL("../../artifacts/", import.meta.url);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const CJK = /[\u4e00-\u9fff]/;

let demo;
let browser;
let page;
const logs = [];
const pageErrors = [];
const timings = [];

before(async () => {
  // KLING_PKG (as in tests/js) picks another build, e.g. pkg-release.
  const pkgDir = process.env.KLING_PKG ? resolve(fileURLToPath(new URL("../..", import.meta.url)), process.env.KLING_PKG) : undefined;
  demo = await startDemo({ port: 0, log: (line) => logs.push(line), pkgDir });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  // HTTP failures the test provokes (429) are logged by Chromium too; only script errors count.
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && pageErrors.push(m.text()));
  page.setDefaultTimeout(10_000);
});

after(async () => {
  await browser?.close();
  await demo?.close();
  if (timings.length) console.log(`# steps: ${timings.map(([n, ms]) => `${n} ${ms} ms`).join(", ")}`);
});

/** Runs one step as a subtest and records how long it took. */
async function step(t, name, fn) {
  await t.test(name, async () => {
    const t0 = performance.now();
    await fn();
    timings.push([name, Math.round(performance.now() - t0)]);
  });
}

const field = (pointer) => page.locator(`.field[data-path="${pointer}"]`).first();
const control = (pointer) => page.locator(`[data-pointer="${pointer}"]:not([type=file])`);
/** The messages shown inside a field itself (not those of fields nested in it). */
const messages = (pointer, severity) => field(pointer).locator(`:scope > .msg.${severity}`);

test("the demo page, end to end", async (t) => {
  await step(t, "loads with the five families, Omni-Video first", async () => {
    await page.goto(`${demo.url}/?example=Empty`);
    await page.waitForSelector("body[data-ready=true]");
    const tabs = await page.locator("[data-family]").allTextContents();
    assert.deepEqual(tabs, ["Omni-Video", "Text-to-Video", "Image-to-Video", "Omni-Image", "Image generation"]);
    assert.equal(await page.locator('[data-family="omni-video"]').getAttribute("aria-selected"), "true");
    assert.equal(await page.locator("#endpoint").textContent(), "POST /v1/videos/omni-video");
  });

  await step(t, "an invalid request: issues at their fields, warnings apart from errors", async () => {
    await control("/prompt").fill("A fox runs through <<<image_1>>>");
    await assert.doesNotReject(messages("/prompt", "error").waitFor());
    assert.equal(await messages("/prompt", "error").getAttribute("data-code"), "dangling_reference");
    assert.equal(await messages("/aspect_ratio", "error").getAttribute("data-code"), "aspect_ratio_required");
    assert.equal(await messages("/model_name", "warning").getAttribute("data-code"), "model_defaulted");
    assert.equal(await messages("/model_name", "error").count(), 0);
    assert.match(await page.locator("#status").textContent(), /2 error/);
    assert.equal(await page.locator("#body.empty").count(), 1, "no body while there are errors");
  });

  await step(t, "the model drives the offered options", async () => {
    await control("/model_name").selectOption("kling-video-o1");
    const durations = async () => (await control("/duration").locator("option").allTextContents()).slice(1);
    assert.deepEqual(await durations(), ["3 s", "4 s", "5 s", "6 s", "7 s", "8 s", "9 s", "10 s"]);
    assert.equal(await field("/sound").isHidden(), true, "kling-video-o1 has no sound");
    assert.equal(await field("/multi_shot").isHidden(), true, "kling-video-o1 has no multi-shot");
    await control("/model_name").selectOption("kling-v3-omni");
    assert.equal((await durations()).at(-1), "15 s");
    assert.equal(await field("/sound").isVisible(), true);
    assert.equal(await messages("/model_name", "warning").count(), 0, "model_name is explicit now");
  });

  await step(t, "fixing it clears the issues and shows the body", async () => {
    await control("/prompt").fill("A fox runs through fresh snow at dawn");
    await control("/aspect_ratio").selectOption("16:9");
    await control("/duration").selectOption("5");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("✓"));
    assert.equal(await page.locator("form .msg").count(), 0);
    const body = JSON.parse(await page.locator("#body").textContent());
    assert.deepEqual(body, { model_name: "kling-v3-omni", prompt: "A fox runs through fresh snow at dawn", aspect_ratio: "16:9", duration: "5" });
  });

  await step(t, "the live estimate beside the submit button follows duration and sound", async () => {
    const cost = page.locator("#cost");
    // kling-v3-omni, pro (the API default), 5 s, no sound: 0.8 units/s (kling-api.md §10).
    assert.equal(await cost.textContent(), "≈ 4 units · $0.56 (Video 3.0 Omni · pro, no video input, no audio)");
    await control("/duration").selectOption("10");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("≈ 8 units"));
    assert.equal(await cost.textContent(), "≈ 8 units · $1.12 (Video 3.0 Omni · pro, no video input, no audio)");
    await control("/sound").selectOption("on");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("≈ 10 units"));
    assert.equal(await cost.textContent(), "≈ 10 units · $1.4 (Video 3.0 Omni · pro, no video input, audio)");
    await control("/mode").selectOption("std");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("≈ 8 units · $1.12 (Video 3.0 Omni · std"));
    // An invalid request has no price; a model §10 does not list says so.
    await control("/duration").selectOption("");
    await control("/sound").selectOption("");
    await control("/mode").selectOption("");
    await control("/prompt").fill("");
    await page.waitForFunction(() => document.querySelector("#cost").dataset.state === "invalid");
    assert.equal(await cost.textContent(), "Price: fix the errors first");
    await control("/prompt").fill("A fox runs through fresh snow at dawn");
    await control("/model_name").selectOption("kling-video-o1");
    await page.waitForFunction(() => document.querySelector("#cost").dataset.state === "unpriced");
    assert.match(await cost.textContent(), /^No price: .*kling-video-o1/);
    await control("/model_name").selectOption("kling-v3-omni");
    await control("/duration").selectOption("5");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("≈ 4 units"));
    const body = JSON.parse(await page.locator("#body").textContent());
    assert.deepEqual(body, { model_name: "kling-v3-omni", prompt: "A fox runs through fresh snow at dawn", aspect_ratio: "16:9", duration: "5" });
  });

  let videoUrl;
  await step(t, "submit: progress with status and elapsed time, then the result video", async () => {
    await page.click("#submit");
    const seen = new Set();
    const chip = page.locator("#progress .chip");
    await page.locator("#progress").waitFor();
    // Watch the status chip until the result shows (the emulator: processing after 1 s, done after 4 s).
    const deadline = Date.now() + 20_000;
    while (!(await page.locator("#result video").count()) && Date.now() < deadline) {
      seen.add(await chip.textContent());
      await page.waitForTimeout(100);
    }
    seen.add(await chip.textContent());
    assert.ok(seen.has("processing"), `statuses seen: ${[...seen]}`);
    assert.equal(await chip.textContent(), "succeed");
    const elapsed = Number.parseFloat(await page.locator("#progress .elapsed").textContent());
    assert.ok(elapsed >= 4, `elapsed ${elapsed} s covers the emulator's 4 s`);
    assert.match(await page.locator("#progress .task").textContent(), /\d{18}/);
    videoUrl = await page.locator("#result video").getAttribute("src");
    assert.ok(videoUrl.startsWith(`${demo.emulator.url}/files/`), videoUrl);
    await page.waitForFunction(() => document.querySelector("#result video").readyState >= 1, null, { timeout: 10_000 });
    assert.equal(await page.locator("#result video").evaluate((v) => Math.round(v.duration)), 5, "the browser loaded the MP4");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL("demo-result.png", ARTIFACTS).pathname, fullPage: true });
    // What reached Kling: one task, signed by the proxy; and its callbacks came back through it.
    const [{ task }] = demo.emulator.tasks();
    assert.equal(task.task_status, "succeed");
    assert.match(demo.emulator.state.requests[0].headers.authorization, /^Bearer eyJ/);
    const deadlineCb = Date.now() + 5_000;
    while (!logs.some((l) => l.includes(`${task.task_id} is succeed`)) && Date.now() < deadlineCb) await page.waitForTimeout(50);
    assert.ok(logs.some((l) => l.includes(`${task.task_id} is succeed`)), `callback log: ${logs.join(" | ")}`);
  });

  await step(t, "failures: the KlingError's code and request id, a failed task's status", async () => {
    // Kling refuses the create: the account's resource pack is used up (429/1102, not retryable).
    demo.emulator.setFaults({ rate: 1, kinds: { "429/1102": 1 }, on: ["create"] });
    try {
      await page.click("#submit");
      await page.locator("#error").waitFor();
    } finally {
      demo.emulator.setFaults(null);
    }
    assert.equal(await page.locator("#error > b").textContent(), "api_error");
    const facts = Object.fromEntries(await page.locator("#error dt").evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    assert.deepEqual([facts.HTTP, facts.Kling], ["429", "1102"]);
    assert.match(facts["request id"], /^[0-9a-f-]{36}$/);
    // The task is created but ends "failed" (the emulator's fail marker; at once, to save time).
    demo.emulator.configure({ timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
    await control("/prompt").fill("A fox [[fail]]");
    await page.click("#submit");
    await page.waitForFunction(() => document.querySelector("#error > b")?.textContent === "task_failed", null, { timeout: 15_000 });
    demo.emulator.configure({ timeline: DEMO_TIMELINE });
    assert.equal(await page.locator("#progress .chip").textContent(), "failed");
    await control("/prompt").fill("A fox runs through fresh snow at dawn");
  });

  await step(t, "Chinese: the page and the messages switch language", async () => {
    await page.click('[data-locale="zh"]');
    await control("/prompt").fill("一只狐狸 <<<video_1>>>");
    await messages("/prompt", "error").waitFor();
    assert.match(await messages("/prompt", "error").textContent(), CJK);
    assert.equal(await page.locator("#submit").textContent(), "创建任务");
    assert.equal(await page.locator('[data-family="omni-video"]').textContent(), "全能视频");
    await control("/prompt").fill("一只狐狸在雪中奔跑");
    await page.waitForFunction(() => !document.querySelector("form .msg.error"));
    assert.equal(await page.locator("#cost").textContent(), "约 4 单位 · $0.56（Video 3.0 Omni · pro, no video input, no audio）");
  });

  await step(t, "an image picked: its facts and issues at its field, sent as base64", async () => {
    await page.click('.field[data-path="/image_list"] [data-add]');
    const pointer = "/image_list/0/image_url";
    await page.setInputFiles(`input[type=file][data-pointer="${pointer}"]`, { name: "tiny.png", mimeType: "image/png", buffer: makePng(64, 36) });
    await page.locator(`[data-facts="${pointer}"] .facts-line`).waitFor();
    assert.match(await page.locator(`[data-facts="${pointer}"] .facts-line`).textContent(), /^tiny\.png: png · 64×36 px · /);
    assert.equal(await messages(pointer, "error").getAttribute("data-code"), "media_too_small");
    assert.match(await messages(pointer, "error").textContent(), CJK, "in the chosen language");
    assert.equal(await control(pointer).inputValue(), makePng(64, 36).toString("base64"));
    // A big enough image: no media issue left.
    await page.setInputFiles(`input[type=file][data-pointer="${pointer}"]`, { name: "ok.png", mimeType: "image/png", buffer: makePng(400, 300) });
    await page.waitForFunction((p) => document.querySelector(`[data-facts="${p}"] .facts-line`)?.textContent.includes("400×300"), pointer);
    assert.equal(await messages(pointer, "error").count(), 0);
  });

  await step(t, "a video dropped: its facts, its issues, and a URL is asked for", async () => {
    await page.click('.field[data-path="/video_list"] [data-add]');
    const pointer = "/video_list/0/video_url";
    const bytes = [...Buffer.from(await (await fetch(videoUrl)).arrayBuffer())];
    await page.evaluate(({ pointer, bytes }) => {
      const zone = [...document.querySelectorAll(".drop")].find((z) => z.dataset.drop === pointer);
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], "result.mp4", { type: "video/mp4" }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, { pointer, bytes });
    await page.locator(`[data-facts="${pointer}"] .facts-line`).waitFor();
    assert.match(await page.locator(`[data-facts="${pointer}"] .facts-line`).textContent(), /mp4 · h264 · 64×36 px · 5 s · 24 fps/);
    // The probe's issue, beside the validator's own (the URL is still empty).
    assert.equal(await messages(pointer, "error").locator('xpath=self::*[@data-code="media_resolution"]').count(), 1);
    assert.equal(await messages(pointer, "error").locator('xpath=self::*[@data-code="empty_string"]').count(), 1);
    assert.match(await page.locator(`[data-facts="${pointer}"] .note`).textContent(), /URL/);
    await control(pointer).fill(videoUrl);
    assert.equal(await control(pointer).inputValue(), videoUrl);
    // The estimate: a feature video is billed on the request's duration (10 s × 1.2 units/s), a
    // base edit on the input video's length, here the probed 5 s (the request's 10 s is ignored).
    const cost = page.locator("#cost");
    await control("/duration").selectOption("10");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("约 12 单位"));
    assert.equal(await control("/video_list/0/refer_type").inputValue(), "feature");
    assert.equal(await cost.textContent(), "约 12 单位 · $1.68（Video 3.0 Omni · pro, video input, no audio）");
    await control("/video_list/0/refer_type").selectOption("base");
    await page.waitForFunction(() => document.querySelector("#cost").textContent.startsWith("约 6 单位"));
    assert.equal(await cost.textContent(), "约 6 单位 · $0.84（Video 3.0 Omni · pro, video input, no audio）");
    await control("/video_list/0/refer_type").selectOption("feature");
    await control("/duration").selectOption("5");
    await page.screenshot({ path: new URL("demo-media-zh.png", ARTIFACTS).pathname, fullPage: true });
    await page.click('[data-locale="en"]');
  });

  await step(t, "multi-shot editor (Text-to-Video): the running sum and the validator agree", async () => {
    await page.click('[data-family="text2video"]');
    await page.fill("#raw", JSON.stringify({ model_name: "kling-v3", multi_shot: true, shot_type: "customize", duration: "9" }));
    const add = page.locator('.field[data-path="/multi_prompt"] [data-add]');
    await add.click();
    await add.click();
    await control("/multi_prompt/0/prompt").fill("A chef chops onions");
    await control("/multi_prompt/1/prompt").fill("The chef serves breakfast");
    assert.match(await page.locator("#shot-sum").textContent(), /add up to 6 s · duration 9 s/);
    assert.equal(await messages("/multi_prompt", "error").getAttribute("data-code"), "shot_duration_sum");
    await control("/multi_prompt/1/duration").fill("6");
    assert.match(await page.locator("#shot-sum").textContent(), /add up to 9 s/);
    await page.waitForFunction(() => !document.querySelector("form .msg.error"));
  });

  await step(t, "the other families: Image-to-Video and Omni-Image forms from the capability map", async () => {
    await page.click('[data-family="image2video"]');
    assert.equal(await page.locator("#endpoint").textContent(), "POST /v1/videos/image2video");
    assert.equal(await field("/aspect_ratio").count(), 0, "image2video has no aspect_ratio");
    assert.equal(await field("/image").isVisible(), true);
    await page.click('[data-family="omni-image"]');
    const resolutions = async () => (await control("/resolution").locator("option").allTextContents()).slice(1);
    await control("/model_name").selectOption("kling-image-o1");
    assert.deepEqual(await resolutions(), ["1k", "2k"]);
    await control("/model_name").selectOption("kling-v3-omni");
    assert.deepEqual(await resolutions(), ["1k", "2k", "4k"]);
    // Back to the first tab: what was typed there is kept.
    await page.click('[data-family="omni-video"]');
    assert.equal(await control("/video_list/0/video_url").inputValue(), videoUrl);
  });

  assert.deepEqual(pageErrors, [], "no errors in the page");
});
