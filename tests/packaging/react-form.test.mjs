//! examples/react-form in Chromium: the example installed with the packed tarball, type-checked
//! (tsc strict) and built with its own Vite once, served with the signing proxy by its own
//! server.mjs (one Node server, strict CSP), against the Kling API emulator. Both forms — on
//! react-hook-form's standardSchemaResolver and on TanStack Form — are driven as a user would:
//! the page renders before the wasm has arrived; invalid values get their messages at their
//! fields; a model change re-validates the duration; warnings show without blocking; a valid
//! request creates a task through the proxy and waits for it. Every expected message and choice
//! comes from the installed package in Node (capabilities(), omniVideoSchema), not from here.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { checkAndBuild, installExample } from "./react-form-app.mjs";
import { appTarball, launchChromium } from "./support.mjs";

const KEYS = { accessKey: "react-form-ak", secretKey: "react-form-secret-key-0123456789" };
const FORMS = ["rhf", "tanstack"];

let tmp;
let kling; // the installed package, as Node loads it
let emulator;
let server;
let browser;
const timings = {};

before(async () => {
  const t0 = performance.now();
  tmp = mkdtempSync(join(tmpdir(), "kling-react-form-"));
  const dir = installExample(appTarball(), join(tmp, "react-form"));
  timings.install = Math.round(performance.now() - t0);
  Object.assign(timings, checkAndBuild(dir));
  kling = await import(pathToFileURL(createRequire(join(dir, "package.json")).resolve("kling-wasm")).href);
  emulator = await startEmulator({ ...KEYS, timeline: { processingAfterMs: 100, doneAfterMs: 400 } });
  const { startServer } = await import(pathToFileURL(join(dir, "server.mjs")).href);
  server = await startServer({ upstream: emulator.url, ...KEYS });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  console.log(`# react-form: install ${timings.install} ms, tsc ${timings.tsc} ms, vite build ${timings.build} ms`);
});

/** A new page with its script errors (CSP refusals included) collected; `hold` delays the .wasm. */
async function open({ hold } = {}) {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  if (hold) await page.route(/\.wasm$/, async (route) => (await hold, route.continue()));
  await page.goto(`${server.url}/`);
  if (!hold) {
    await page.waitForSelector("main[data-start=ready]").catch((e) => {
      throw new Error(`the page did not get ready: ${errors.join("\n") || e.message}`);
    });
  }
  return { page, errors };
}

const form = (page, name) => page.locator(`form[data-form="${name}"]`);
/** The messages shown at one field (not those of fields inside it). */
const messagesAt = (page, name, key, kind) => form(page, name).locator(`[data-field="${key}"] > .msg.${kind}`).allTextContents();
const control = (page, name, key) => form(page, name).locator(`[data-field="${key}"] label > :is(select, input, textarea)`);
/** Waits until the field shows `count` messages of `kind`, then returns them. */
async function waitMessages(page, name, key, kind, count = 1) {
  const sel = `form[data-form="${name}"] [data-field="${key}"] > .msg.${kind}`;
  await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length === n, [sel, count]).catch(async () => {
    throw new Error(`${name}: expected ${count} ${kind}(s) at ${key}, have ${JSON.stringify(await messagesAt(page, name, key, kind))}`);
  });
  return messagesAt(page, name, key, kind);
}

/** What the package says, in Node, about a request: errors or warnings at one dotted key. */
function expected(request, key, kind = "error") {
  const schema = kling.omniVideoSchema;
  const issues = kind === "error" ? (schema["~standard"].validate(request).issues ?? []) : schema.warnings(request);
  return issues.filter((i) => i.path.join(".") === key).map((i) => i.message);
}
/** RHF keeps the first message per field; TanStack Form keeps them all. */
const shownOf = (name, messages) => (name === "rhf" ? messages.slice(0, 1) : messages);

const omniVideo = () => kling.capabilities().endpoints.find((e) => e.family === "omni-video");
const choicesOf = (model) => omniVideo().choices.find((c) => c.model === model).fields;

test("the page renders before the wasm arrives, and checks what was typed once it has", async () => {
  let release;
  const hold = new Promise((r) => (release = r));
  const { page, errors } = await open({ hold });
  try {
    await page.waitForSelector("main[data-start=loading] form[data-form=tanstack] .status[data-state=loading]");
    for (const name of FORMS) {
      assert.equal(await form(page, name).locator("button[type=submit]").isDisabled(), true, `${name}: no submit while loading`);
      assert.equal(await control(page, name, "model_name").isDisabled(), true, `${name}: choices wait for capabilities()`);
      await control(page, name, "prompt").fill("<<<image_1>>> at dusk");
    }
    assert.equal(await page.locator(".msg").count(), 0, "no message before the validator is ready (validate answers not_ready)");
    release();
    await page.waitForSelector("main[data-start=ready]");
    const want = expected({ prompt: "<<<image_1>>> at dusk" }, "prompt");
    assert.ok(want.length > 0, "the package finds the dangling reference");
    for (const name of FORMS) {
      assert.deepEqual(await waitMessages(page, name, "prompt", "error", shownOf(name, want).length), shownOf(name, want), `${name}: typed while loading, checked once ready`);
      // Choices come from capabilities(), not from the page's code.
      const models = await control(page, name, "model_name").locator("option").evaluateAll((os) => os.map((o) => o.value));
      assert.deepEqual(models, ["", ...omniVideo().models]);
      const ratios = await control(page, name, "aspect_ratio").locator("option").evaluateAll((os) => os.map((o) => o.value));
      assert.deepEqual(ratios, ["", ...choicesOf(omniVideo().default_model).aspect_ratio.values.map(String)]);
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

for (const name of FORMS) {
  test(`${name}: invalid values get their messages at their fields`, async () => {
    const { page, errors } = await open();
    try {
      await form(page, name).getByRole("button", { name: "Add image" }).click();
      await control(page, name, "image_list.0.image_url").fill("ftp://example.com/a.png");
      await control(page, name, "prompt").fill("<<<image_2>>> walks");
      const request = { prompt: "<<<image_2>>> walks", image_list: [{ image_url: "ftp://example.com/a.png" }] };
      for (const key of ["image_list.0.image_url", "prompt"]) {
        const want = shownOf(name, expected(request, key));
        assert.ok(want.length > 0, `the package has an issue at ${key}`);
        assert.deepEqual(await waitMessages(page, name, key, "error", want.length), want, key);
      }
      await control(page, name, "image_list.0.image_url").fill("https://example.com/a.png");
      await waitMessages(page, name, "image_list.0.image_url", "error", 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test(`${name}: changing the model re-validates the duration at once`, async () => {
    // A model and a duration it offers that another model does not: read from capabilities().
    const models = omniVideo().models;
    const pair = models
      .flatMap((a) => models.filter((b) => b !== a).map((b) => [a, b, choicesOf(a).duration.values.find((d) => !choicesOf(b).duration.values.includes(d))]))
      .find(([, , d]) => d !== undefined);
    assert.ok(pair, "two models with different durations");
    const [from, to, duration] = pair;
    const { page, errors } = await open();
    try {
      await control(page, name, "prompt").fill("a red fox in snow");
      await control(page, name, "model_name").selectOption(from);
      await control(page, name, "duration").selectOption(String(duration));
      assert.deepEqual(await messagesAt(page, name, "duration", "error"), [], `${duration} s is fine on ${from}`);
      await control(page, name, "model_name").selectOption(to);
      const want = shownOf(name, expected({ model_name: to, prompt: "a red fox in snow", duration: String(duration) }, "duration"));
      assert.ok(want.length > 0);
      assert.deepEqual(await waitMessages(page, name, "duration", "error", want.length), want, `${duration} s on ${to}, without touching the duration`);
      await control(page, name, "model_name").selectOption(from);
      await waitMessages(page, name, "duration", "error", 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test(`${name}: warnings show beside their fields and do not block; a valid request creates a task through the proxy`, async () => {
    const endpoint = omniVideo();
    const ratio = String(choicesOf(endpoint.default_model).aspect_ratio.values[0]);
    const request = { prompt: "a red fox in snow", aspect_ratio: ratio, image_list: [{ image_url: "https://example.com/fox.png" }] };
    const warnings = kling.omniVideoSchema.warnings(request);
    assert.ok(warnings.length >= 2, "the model left to the API's default, and an image no prompt refers to");
    const { page, errors } = await open();
    try {
      await control(page, name, "prompt").fill(request.prompt);
      await control(page, name, "aspect_ratio").selectOption(ratio);
      await form(page, name).getByRole("button", { name: "Add image" }).click();
      await control(page, name, "image_list.0.image_url").fill(request.image_list[0].image_url);
      for (const key of new Set(warnings.map((w) => w.path.join(".")))) {
        const want = expected(request, key, "warning");
        assert.deepEqual(await waitMessages(page, name, key, "warning", want.length), want, `warning at ${key}`);
      }
      await form(page, name).locator(".status[data-state=valid]").waitFor();
      const creates = () => emulator.state.requests.filter((r) => r.method === "POST" && r.path === "/v1/videos/omni-video");
      const before = creates().length;
      await form(page, name).getByRole("button", { name: "Create task" }).click();
      await form(page, name).locator(".task[data-task=done]").waitFor({ timeout: 15_000 });
      assert.equal(creates().length, before + 1, "one create reached Kling (the emulator) through the proxy");
      const sent = JSON.parse(creates().at(-1).body);
      const built = JSON.parse(kling.buildOmniVideoBody(request));
      delete sent.external_task_id; // the client adds one per create
      assert.deepEqual(sent, built, "the body the package builds for the form's request");
      const taskId = emulator.tasks("omni-video").at(-1).task.task_id;
      assert.match(await form(page, name).locator(".task").textContent(), new RegExp(`Task ${taskId}: succeed`));
      const links = await form(page, name).locator(".task a").evaluateAll((as) => as.map((a) => a.href));
      assert.ok(links.length > 0 && links.every((u) => u.startsWith(`${emulator.url}/`)), `the result video: ${links}`);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}
