//! The comparison for benchmark 1: an Omni-Video validator and body builder written the way a JS
//! client would write it today, with zod v4 — the same field rules and the cross-field rules
//! OV-1 … OV-19 as refinements, then a transform to the wire body (model_name explicit,
//! durations as strings, ignored fields dropped, element ids as exact int64 digits).
//!
//! What it covers, rule by rule, is listed in BENCHMARKS.md ("What the zod schema covers"). In
//! short: every field check and every error rule the library applies to this endpoint, except
//! OV-13 (needs the caller's element types) and the warnings (zod has no warning severity:
//! unused references, OV-9 on kling-v3-omni, the "model defaulted" / "field ignored" notices are
//! not reported, though the ignored fields are still dropped from the body).

import { z } from "zod";

const MODELS = ["kling-video-o1", "kling-v3-omni"];
const DEFAULT_MODEL = "kling-video-o1";
const INT64_MAX = 9223372036854775807n;

/** Length in Unicode code points (the API's limits count characters, not UTF-16 units). */
function codePointsAtMost(s, max) {
  if (s.length <= max) return true; // never more code points than UTF-16 units
  let n = 0;
  for (const _ of s) if (++n > max) return false;
  return true;
}
const text = (max) => z.string().refine((s) => codePointsAtMost(s, max), { message: `at most ${max} characters` });

function isHttpUrl(s) {
  const m = /^https?:\/\/([^/?#]*)/.exec(s);
  if (!m) return false;
  const host = m[1].slice(m[1].lastIndexOf("@") + 1);
  return host !== "" && !host.startsWith(":") && !/[\s\p{Cc}]/u.test(s);
}
const isRawBase64 = (s) => /^[A-Za-z0-9+/_-]{8,}={0,2}$/.test(s);

const HttpUrl = z.string().min(1).refine(isHttpUrl, { message: "not an absolute http(s) URL" });
const Image = z
  .string()
  .min(1, { message: "image_url must not be empty" })
  .refine((s) => !/^data:/i.test(s), { message: "send raw base64 without the data: prefix" })
  .refine((s) => isHttpUrl(s) || isRawBase64(s), { message: "not an http(s) URL or raw base64" });

/** Whole seconds: a string of digits (the wire form) or an integer; parsed to a number. */
const Duration = z.union([z.string().regex(/^\d{1,4}$/), z.number().int().nonnegative()]).transform(Number);

/** An int64 element id from a digit string, a BigInt or a safe integer; canonical digits out. */
const ElementId = z
  .union([z.string().regex(/^\d{1,19}$/), z.bigint(), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
  .transform((v, ctx) => {
    const n = BigInt(v);
    if (n <= 0n || n > INT64_MAX) {
      ctx.addIssue({ code: "custom", message: "not a valid int64 element id" });
      return z.NEVER;
    }
    return n.toString();
  });

const Shot = z.strictObject({
  index: z.number().int(),
  prompt: text(512).refine((s) => s.length > 0, { message: "must not be empty" }),
  duration: Duration,
});

const Request = z
  .strictObject({
    model_name: z.enum(MODELS).nullish(),
    multi_shot: z.boolean().nullish(),
    shot_type: z.enum(["customize", "intelligence"]).nullish(),
    prompt: text(2500).nullish(),
    multi_prompt: z.array(Shot).nullish(),
    image_list: z
      .array(z.strictObject({ image_url: Image, type: z.enum(["first_frame", "end_frame"]).nullish() }))
      .nullish(),
    element_list: z.array(z.strictObject({ element_id: ElementId })).nullish(),
    video_list: z
      .array(
        z.strictObject({
          video_url: HttpUrl,
          refer_type: z.enum(["feature", "base"]).nullish(),
          keep_original_sound: z.enum(["yes", "no"]).nullish(), // OV-16
        }),
      )
      .max(1) // OV-14
      .nullish(),
    sound: z.enum(["on", "off"]).nullish(),
    mode: z.enum(["std", "pro"]).nullish(),
    aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).nullish(),
    duration: Duration.nullish(),
    watermark_info: z.strictObject({ enabled: z.boolean().nullish() }).nullish(),
    callback_url: HttpUrl.nullish(),
    external_task_id: text(256).min(1).nullish(),
  })
  .superRefine(crossFieldRules)
  .transform(toWireBody);

/** What the lists hold, shared by the rules and the transform. */
function inputsOf(req) {
  const images = req.image_list ?? [];
  const first = [], end = [], plain = [];
  images.forEach((img, i) => (img.type === "first_frame" ? first : img.type === "end_frame" ? end : plain).push(i));
  const videos = req.video_list ?? [];
  const baseVideo = videos.length > 0 && (videos[0].refer_type ?? "base") === "base";
  return { images: images.length, first, end, plain, elements: (req.element_list ?? []).length, videos: videos.length, baseVideo };
}

const REF = /<<<(image|element|video|voice)_(\d+)>>>/g;

function crossFieldRules(req, ctx) {
  const err = (path, message) => ctx.addIssue({ code: "custom", path, message });
  const model = req.model_name ?? DEFAULT_MODEL;
  const multi = req.multi_shot ?? false;
  const total = req.duration ?? 5;
  const inp = inputsOf(req);
  const hasPrompt = typeof req.prompt === "string" && req.prompt.trim() !== "";
  const prompts = [];

  if (!multi) {
    if (!hasPrompt) err(["prompt"], "OV-2: prompt is required for a single shot");
    if (req.prompt != null) prompts.push([req.prompt, ["prompt"]]);
  } else {
    if (req.shot_type == null) err(["shot_type"], "OV-1: multi_shot needs shot_type");
    else if (req.shot_type === "intelligence") err(["shot_type"], "OV-1-intelligence: not accepted on omni-video");
    else {
      const shots = req.multi_prompt ?? [];
      if (shots.length < 1 || shots.length > 6) err(["multi_prompt"], "OV-1: 1 to 6 shots");
      let sum = 0;
      shots.forEach((s, i) => {
        if (s.index !== i + 1) err(["multi_prompt", i, "index"], `OV-5: expected index ${i + 1}`);
        if (s.duration < 1 || s.duration > total) err(["multi_prompt", i, "duration"], "OV-5: shot duration out of range");
        sum += s.duration;
        prompts.push([s.prompt, ["multi_prompt", i, "prompt"]]);
      });
      if (shots.length > 0 && sum !== total) err(["multi_prompt"], `OV-6: shot durations add up to ${sum}, not ${total}`);
    }
    for (const i of inp.end) err(["image_list", i, "type"], "OV-3: no end frame with multi-shot");
    if (model === "kling-video-o1") err(["multi_shot"], "OV-4: multi-shot needs kling-v3-omni");
  }
  // Frames: OV-7, OV-8, OV-9 (an error on O1; the library only warns on v3-omni), OV-10.
  if (inp.first.length === 0) for (const i of inp.end) err(["image_list", i, "type"], "OV-7: end frame needs a first frame");
  if (inp.baseVideo && inp.first.length + inp.end.length > 0) err(["video_list", 0, "refer_type"], "OV-8: no frames with a base video");
  if (inp.end.length > 0 && inp.images > 2 && model === "kling-video-o1") err(["image_list", inp.end[0], "type"], "OV-9");
  for (const [list, name] of [[inp.first, "first_frame"], [inp.end, "end_frame"]]) {
    for (const i of list.slice(1)) err(["image_list", i, "type"], `OV-10: more than one ${name}`);
  }
  // Counts: OV-11, OV-12.
  const max = inp.videos > 0 ? 4 : 7;
  if (inp.images + inp.elements > max) err([inp.images > 0 ? "image_list" : "element_list"], `OV-11: at most ${max} images + elements`);
  if (inp.first.length > 0) {
    const limit = inp.end.length > 0 && model === "kling-video-o1" ? 0 : 3;
    if (inp.elements > limit) err(["element_list"], `OV-12: at most ${limit} elements with frames`);
  }
  // Sound: OV-15 and the capability map (O1 has no sound).
  if (req.sound === "on" && inp.videos > 0) err(["sound"], "OV-15: sound must be off with a video");
  else if (req.sound === "on" && model === "kling-video-o1") err(["sound"], "kling-video-o1 has no sound");
  // OV-17: aspect_ratio unless a first frame or a base video sets the shape.
  if (inp.first.length === 0 && !inp.baseVideo && req.aspect_ratio == null) err(["aspect_ratio"], "OV-17: aspect_ratio is required");
  // OV-18 / OV-19: durations per model (ignored for a base video).
  if (!inp.baseVideo && req.duration != null) {
    const d = req.duration;
    const ok =
      model === "kling-video-o1"
        ? inp.plain.length + inp.elements + inp.videos + inp.end.length === 0
          ? d === 5 || d === 10
          : d >= 3 && d <= 10
        : inp.videos > 0
          ? d >= 3 && d <= 10
          : d >= 3 && d <= 15;
    if (!ok) err(["duration"], `${model === "kling-video-o1" ? "OV-18" : "OV-19"}: duration ${d} not allowed`);
  }
  // References: each <<<kind_N>>> must name an existing list item.
  const counts = { image: inp.images, element: inp.elements, video: inp.videos, voice: 0 };
  for (const [p, path] of prompts) {
    for (const m of p.matchAll(REF)) {
      const n = Number(m[2]);
      if (n < 1 || n > counts[m[1]]) err(path, `dangling reference <<<${m[1]}_${m[2]}>>>`);
    }
  }
}

/** The wire body: explicit model_name, durations as strings, nulls and ignored fields left out. */
function toWireBody(req) {
  const inp = inputsOf(req);
  const multi = req.multi_shot ?? false;
  const out = { model_name: req.model_name ?? DEFAULT_MODEL };
  for (const [k, v] of Object.entries(req)) {
    if (v == null || k === "model_name") continue;
    if (!multi && (k === "shot_type" || k === "multi_prompt")) continue; // OV-2: ignored
    if (multi && k === "prompt" && req.shot_type !== "intelligence") continue; // customize: ignored
    if (k === "aspect_ratio" && (inp.first.length > 0 || inp.baseVideo)) continue; // OV-17: ignored
    if (k === "duration" && inp.baseVideo) continue; // OV-18/19: ignored
    out[k] = v;
  }
  if (out.duration != null) out.duration = String(out.duration);
  if (out.multi_prompt) out.multi_prompt = out.multi_prompt.map((s) => ({ ...s, duration: String(s.duration) }));
  if (out.image_list) out.image_list = out.image_list.map(({ image_url, type }) => (type == null ? { image_url } : { image_url, type }));
  return out;
}

export const omniVideoSchema = Request;

/** Validates `req` and returns the body text (element ids as bare int64 digits), or throws. */
export function zodOmniVideoBody(req) {
  const r = Request.safeParse(req);
  if (!r.success) throw new Error(`invalid request: ${r.error.issues.length} issues`);
  return JSON.stringify(r.data).replace(/"element_id":"(\d+)"/g, '"element_id":$1');
}
