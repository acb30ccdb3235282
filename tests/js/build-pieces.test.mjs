//! A built body is made in JS from pieces (to-json.js `bodySlices` and `bodyOf`: slices of the
//! request's JSON text, one-char codes, decoded bytes), except from JSON text that holds U+FFFD
//! (it may stand for a lone surrogate there), whose body is the one Rust wrote, decoded whole.
//! Over generated variants of a full request (leading-zero and number ids, number and "010"
//! durations, no model_name, non-ASCII, escapes, emoji, a lone surrogate, dropped members,
//! indented text) the object and JSON-text entry points must give the same body, and
//! validateAndBuild the same body as build.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib from "./load-pkg.mjs";
import { omniVideoRequest } from "../../benches/lib/request.mjs";
// mulberry32, seeded, so a failure names a reproducible seed.
import { prng as rng } from "../support/emulator/faults.mjs";


const TEXTS = ["plain", "é", "灯塔守护者", "😀", "a\"b\\c/d", "tab\there", "\u2028", "x".repeat(40), "<<<image_2>>>"];

/** Mutations of the benchmark request, each kept valid or turned into a warning at most. */
const MUTATIONS = [
  (r) => (r.element_list[0].element_id = "000829836802793406551"),
  (r) => (r.element_list[0].element_id = 829836802793406),
  (r) => (r.duration = 10),
  (r) => (r.duration = "010"),
  (r) => (r.multi_prompt[1].duration = "04"),
  (r) => (r.multi_prompt[0].duration = 3),
  (r) => (r.aspect_ratio = "16:9"),
  (r) => (r.callback_url += "&q=%E7%81%AF"),
  (r) => (r.external_task_id = ""),
  (r) => (r.watermark_info = { enabled: false }),
  (r) => (r.negative_prompt = "blur"),
  (r) => delete r.sound,
  // Last (the others read multi_prompt). The default model (kling-video-o1) has no multi-shot
  // and no sound: one prompt instead.
  (r) => {
    delete r.model_name;
    delete r.sound;
    delete r.shot_type;
    r.multi_shot = false;
    r.prompt = r.multi_prompt.map((s) => s.prompt).join(" ");
    delete r.multi_prompt;
  },
];

/** A variant of the benchmark request: some mutations, and text spliced into the prompts. */
function variant(next) {
  const r = omniVideoRequest();
  for (const m of MUTATIONS) if (next() < 0.3) m(r);
  for (const shot of r.multi_prompt ?? []) {
    if (next() < 0.5) shot.prompt = TEXTS[Math.floor(next() * TEXTS.length)] + shot.prompt;
    if (next() < 0.3) shot.prompt += TEXTS[Math.floor(next() * TEXTS.length)];
  }
  if (next() < 0.1 && r.multi_prompt) r.multi_prompt[2].prompt += "\ud800"; // a lone surrogate (a warning)
  return r;
}

test("object and JSON-text entry points build the same body from pieces", () => {
  let built = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = variant(rng(seed));
    const text = JSON.stringify(r);
    let fromText;
    try {
      fromText = lib.buildOmniVideoBodyJson(text);
    } catch (e) {
      assert.throws(() => lib.buildOmniVideoBody(r), { code: e.code }, `seed ${seed}: only the text form threw`);
      continue;
    }
    assert.equal(lib.buildOmniVideoBody(r), fromText, `seed ${seed}: buildOmniVideoBody`);
    const both = lib.validateAndBuildOmniVideo(r);
    assert.equal(both.body, fromText, `seed ${seed}: validateAndBuildOmniVideo`);
    assert.deepEqual(both.report, lib.validateOmniVideo(r), `seed ${seed}: the Report`);
    assert.equal(lib.validateAndBuildOmniVideoJson(text).body, fromText, `seed ${seed}: validateAndBuildOmniVideoJson`);
    // Indented text: whitespace between the spans (one-char pieces, or decoded when longer).
    assert.equal(lib.buildOmniVideoBodyJson(JSON.stringify(r, null, seed % 2 ? 2 : "\t\t\t\t\t\t\t\t\t")), fromText, `seed ${seed}: indented`);
    // A U+FFFD in the text: the text path decodes Rust's body whole, the object path slices.
    const marked = JSON.parse(text);
    (marked.multi_prompt?.[0] ?? marked).prompt += "\ufffd";
    assert.equal(lib.buildOmniVideoBody(marked), lib.buildOmniVideoBodyJson(JSON.stringify(marked)), `seed ${seed}: U+FFFD`);
    // A raw lone surrogate in the text reads as U+FFFD: the same body as from the object (whose
    // JSON.stringify escapes it, and Rust repairs it to U+FFFD).
    const raw = text.replace('"prompt":"', '"prompt":"\ud800');
    assert.equal(lib.buildOmniVideoBodyJson(raw), lib.buildOmniVideoBody(JSON.parse(raw)), `seed ${seed}: raw lone surrogate`);
    built++;
  }
  assert.ok(built > 200, `${built} of 300 variants built`);
});
