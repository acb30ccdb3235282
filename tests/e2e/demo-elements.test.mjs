//! The demo's element and voice library, Image generation tab and account line in Chromium
//! (playwright-core driving /usr/bin/chromium), over scripts/demo-server.mjs: the page, the
//! signing proxy at /kling (its authorizeAccount hook lets the page's session read the units)
//! and the Kling API emulator. A user creates an element in the picker's dialog (validated as
//! they type), picks it, and creates an Omni-Video with it — the emulator must receive the
//! element id's exact digits (they are above 2^53: a JS number would have changed them); creates
//! a voice, uses it in Text-to-Video and deletes it; creates images; reads the units left.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startDemo } from "../../scripts/demo-server.mjs";

const ARTIFACTS = new URL("../../artifacts/", import.meta.url);
const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const CJK = /[\u4e00-\u9fff]/;

let demo;
let browser;
let page;
const pageErrors = [];

before(async () => {
  const pkgDir = process.env.KLING_PKG ? resolve(fileURLToPath(new URL("../..", import.meta.url)), process.env.KLING_PKG) : undefined;
  demo = await startDemo({ port: 0, pkgDir });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && pageErrors.push(m.text()));
  page.setDefaultTimeout(15_000);
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

const field = (pointer, root = "form#form") => page.locator(`${root} .field[data-path="${pointer}"]`).first();
const control = (pointer, root = "form#form") => page.locator(`${root} [data-pointer="${pointer}"]:not([type=file])`);
const messages = (pointer, severity, root) => field(pointer, root).locator(`:scope > .msg.${severity}`);
/** The requests of `method path` the emulator received, in order (bodies as sent: raw text). */
const received = (method, path) => demo.emulator.state.requests.filter((r) => r.method === method && r.path === path);
const valid = (status) => page.waitForFunction((sel) => document.querySelector(sel).textContent.startsWith("✓"), status);

/** Sends the main form and waits for its result (a video, or images). */
async function submitAndWait(result) {
  await page.click("#submit");
  await page.locator(`#result ${result}`).first().waitFor({ timeout: 20_000 });
  assert.equal(await page.locator("#progress .chip").textContent(), "succeed");
}

test("the element and voice library, Image generation and the account line", async (t) => {
  let elementId;

  await t.test("the account line: units left in the active packs, and how old they may be", async () => {
    await page.goto(`${demo.url}/?family=omni-video&example=Empty`);
    await page.waitForSelector("body[data-ready=true]");
    await page.locator("#account[data-state=ok]").waitFor();
    const line = await page.locator("#account").textContent();
    // The emulator's default packs: two online ones (Video 2750.5, Image 9120), the others not.
    assert.match(line, /Video Pack 2,750\.5 · Image Pack 9,120/);
    assert.doesNotMatch(line, /Trial Pack|Monthly Plan/, "expired and not-yet-online packs are left out");
    assert.match(line, /up to 12 h old/);
    assert.equal(await page.locator("#account").getAttribute("data-remaining"), "11870.5");
    assert.equal(received("GET", "/account/costs").length, 1, "one query reached Kling");
  });

  await t.test("create an element in the picker, validated as it is typed", async () => {
    await page.fill("#raw", JSON.stringify({ model_name: "kling-v3-omni", prompt: "<<<element_1>>> walks through fresh snow", aspect_ratio: "16:9", duration: "5" }));
    await messages("/prompt", "error").waitFor(); // element_1 does not exist yet
    await page.click('.field[data-path="/element_list"] [data-pick="element"]');
    await page.locator("#picker[data-state=ready]").waitFor();
    const presets = await page.locator('#picker [data-section="presets"] li[data-id]').evaluateAll((lis) => lis.map((li) => li.dataset.id));
    assert.deepEqual(presets, ["1152921504606846977", "1234567890123456789", "4611686018427387905"], "preset ids, exact");
    assert.equal(await page.locator('#picker [data-section="mine"] li[data-id]').count(), 0);

    await page.click("#picker-create");
    const dialog = "#create";
    await page.locator(`${dialog}[open]`).waitFor();
    await control("/element_name", dialog).fill("A name much longer than twenty");
    assert.equal(await messages("/element_name", "error", dialog).getAttribute("data-code"), "too_long");
    await control("/element_name", dialog).fill("Snow fox");
    assert.equal(await messages("/element_name", "error", dialog).count(), 0);
    await control("/element_description", dialog).fill("A white fox with a red scarf");
    // A video element may bind a voice: its own picker (presets here), no create button in it.
    await control("/reference_type", dialog).selectOption("video_refer");
    await page.click(`${dialog} [data-pick="voice"][data-target="/element_voice_id"]`);
    await page.locator("#create-picker[data-state=ready]").waitFor();
    assert.equal(await page.locator("#create-picker-create").isVisible(), false);
    await page.click('#create-picker [data-section="presets"] li[data-id="oversea_female1"] [data-use]');
    assert.equal(await control("/element_voice_id", dialog).inputValue(), "oversea_female1");
    assert.equal(await messages("/element_voice_id", "error", dialog).count(), 0);
    await control("/reference_type", dialog).selectOption("image_refer");
    assert.equal(await messages("/element_voice_id", "error", dialog).getAttribute("data-code"), "voice_needs_video_element");
    await control("/element_voice_id", dialog).fill("");
    const files = `${demo.emulator.url}/files/860000000000000001`;
    await control("/element_image_list/frontal_image", dialog).fill(`${files}/image-0.png`);
    assert.equal(await messages("/element_image_list/refer_images", "error", dialog).getAttribute("data-code"), "required");
    await page.click(`${dialog} .field[data-path="/element_image_list/refer_images"] [data-add]`);
    await control("/element_image_list/refer_images/0/image_url", dialog).fill(`${files}/image-0.png`);
    assert.equal(await messages("/element_image_list/refer_images/0/image_url", "error", dialog).getAttribute("data-code"), "same_as_frontal");
    await control("/element_image_list/refer_images/0/image_url", dialog).fill(`${files}/image-1.png`);
    await valid(`${dialog} .status`);
    await page.screenshot({ path: new URL("demo-create-element.png", ARTIFACTS).pathname });

    await page.click("#create-submit");
    await page.locator("#picker li.fresh").waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(`${dialog}[open]`).count(), 0, "the create dialog closed");
    elementId = await page.locator("#picker li.fresh").getAttribute("data-id");
    const custom = demo.emulator.elements().filter((e) => !e.preset);
    assert.deepEqual(custom.map((e) => e.element_id), [elementId], "the page shows the id Kling made, digit for digit");
    assert.notEqual(String(Number(elementId)), elementId, "a double would not hold this id");
    assert.match(await page.locator("#picker li.fresh").textContent(), /Snow fox/);
    await page.screenshot({ path: new URL("demo-element-picker.png", ARTIFACTS).pathname });
    const [create] = received("POST", "/v1/general/advanced-custom-elements");
    assert.match(JSON.parse(create.body).external_task_id, /./, "the proxy marked the create as the demo user's");
  });

  await t.test("pick it and create an Omni-Video with it: Kling receives the exact digits", async () => {
    await page.click(`#picker li.fresh [data-use]`);
    assert.equal(await page.locator("#picker[open]").count(), 0);
    assert.equal(await control("/element_list/0/element_id").inputValue(), elementId);
    await valid("#status");
    assert.match(await page.locator("#body").textContent(), new RegExp(`"element_id": ${elementId}\\b`));
    await submitAndWait("video");
    const [create] = received("POST", "/v1/videos/omni-video");
    assert.match(create.body, new RegExp(`"element_id":\\s*"?${elementId}"?[,}]`), create.body);
  });

  await t.test("a voice: created in the voice picker, used in Text-to-Video", async () => {
    await page.click('[data-family="text2video"]');
    await page.fill("#raw", JSON.stringify({ model_name: "kling-v3", prompt: "<<<voice_1>>> says good morning", aspect_ratio: "16:9", duration: "5", mode: "pro", sound: "on" }));
    await page.click('.field[data-path="/voice_list"] [data-pick="voice"]');
    await page.locator("#picker[data-state=ready]").waitFor();
    assert.equal(await page.locator('#picker [data-section="presets"] li[data-id="oversea_male1"]').count(), 1);
    await page.click("#picker-create");
    const dialog = "#create";
    await control("/voice_name", dialog).fill("My voice");
    assert.equal(await messages("/voice_url", "error", dialog).getAttribute("data-code"), "one_of_required");
    await control("/voice_url", dialog).fill("https://example.com/me.mp3");
    await valid(`${dialog} .status`);
    await page.click("#create-submit");
    await page.locator("#picker li.fresh").waitFor({ timeout: 20_000 });
    const voiceId = await page.locator("#picker li.fresh").getAttribute("data-id");
    assert.deepEqual(demo.emulator.voices().filter((v) => !v.preset).map((v) => v.voice_id), [voiceId]);
    await page.click("#picker li.fresh [data-use]");
    assert.equal(await control("/voice_list/0/voice_id").inputValue(), voiceId);
    await valid("#status");
    await submitAndWait("video"); // the proxy lets the user's own voice through
    assert.equal(JSON.parse(received("POST", "/v1/videos/text2video")[0].body).voice_list[0].voice_id, voiceId);
    // Deleting it from the picker: gone from "mine" and, at Kling, deleted.
    await page.click('.field[data-path="/voice_list"] [data-pick="voice"]');
    await page.click(`#picker [data-section="mine"] li[data-id="${voiceId}"] [data-delete]`);
    await page.waitForFunction((id) => document.querySelector("#picker")?.dataset.state === "ready" && !document.querySelector(`#picker li[data-id="${id}"]`), voiceId);
    assert.equal(JSON.parse(received("POST", "/v1/general/delete-voices")[0].body).voice_id, voiceId);
    assert.deepEqual(demo.emulator.voices().filter((v) => !v.preset).map((v) => [v.voice_id, v.deleted]), [[voiceId, true]]);
    await page.click("#picker [data-t=close]");
  });

  await t.test("Image generation: issues at their fields in English and Chinese, then images", async () => {
    await page.click('[data-family="image-generation"]');
    assert.equal(await page.locator("#endpoint").textContent(), "POST /v1/images/generations");
    await page.locator("#example").selectOption("A request with mistakes");
    assert.equal(await messages("/n", "error").getAttribute("data-code"), "out_of_range");
    assert.equal(await messages("/negative_prompt", "error").getAttribute("data-code"), "exclusive_fields");
    assert.equal(await messages("/aspect_ratio", "error").getAttribute("data-code"), "value_not_for_model");
    await page.click('[data-locale="zh"]');
    assert.match(await messages("/n", "error").textContent(), CJK);
    assert.match(await page.locator("#account").textContent(), /^剩余额度: Video Pack 2,750\.5/, "the account line in Chinese");
    assert.equal(await page.locator('[data-family="image-generation"]').textContent(), "图片生成");
    await page.click('[data-locale="en"]');
    // The choices follow the model (capabilities()): kling-v1 makes 1k only, kling-v3 2k too.
    await control("/model_name").selectOption("kling-v3");
    assert.deepEqual((await control("/resolution").locator("option").allTextContents()).slice(1), ["1k", "2k"]);
    await page.fill("#raw", JSON.stringify({ model_name: "kling-v3", prompt: "The fox in a lantern-lit market", n: 2, aspect_ratio: "1:1" }));
    await page.click('.field[data-path="/element_list"] [data-pick="element"]');
    await page.locator(`#picker [data-section="mine"] li[data-id="${elementId}"]`).waitFor();
    await page.click(`#picker [data-section="mine"] li[data-id="${elementId}"] [data-use]`);
    await valid("#status");
    await submitAndWait("img");
    assert.equal(await page.locator("#result img").count(), 2);
    const [create] = received("POST", "/v1/images/generations");
    assert.match(create.body, new RegExp(`"element_id":\\s*"?${elementId}"?[,}]`));
    assert.equal(received("GET", "/account/costs").length, 1, "the language switches redrew the account line without asking again");
    await page.screenshot({ path: new URL("demo-image-generation.png", ARTIFACTS).pathname, fullPage: true });
  });

  assert.deepEqual(pageErrors, [], "no errors in the page");
});
