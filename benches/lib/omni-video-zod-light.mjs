//! The second, lighter zod v4 comparison for benchmark 1: the Omni-Video schema as a typical app
//! writes it — the field rules with zod's own checks (plain objects that strip unknown keys,
//! `.optional()` fields, lengths in UTF-16 units, `z.url()`), and only the main cross-field rules
//! (OV-1, OV-2, OV-4, OV-6, OV-11, OV-15, OV-17) in one `superRefine`, then a small transform to
//! the wire body (model_name explicit, durations as strings). What it leaves out of the full
//! schema (benches/lib/omni-video-zod.mjs) is listed in BENCHMARKS.md beside the full one's table
//! (from the note of helper "benchpeers"). On the bench request it builds the same body.

import { z } from "zod";

const MODELS = ["kling-video-o1", "kling-v3-omni"];
const DEFAULT_MODEL = "kling-video-o1";

/** Whole seconds, as the API's examples send them ("5") or as a number. */
const Duration = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]);

const Shot = z.object({
  index: z.number().int().positive(),
  prompt: z.string().min(1).max(512),
  duration: Duration,
});

const Request = z
  .object({
    model_name: z.enum(MODELS).optional(),
    multi_shot: z.boolean().optional(),
    shot_type: z.enum(["customize", "intelligence"]).optional(),
    prompt: z.string().max(2500).optional(),
    multi_prompt: z.array(Shot).max(6).optional(),
    image_list: z.array(z.object({ image_url: z.string().min(1), type: z.enum(["first_frame", "end_frame"]).optional() })).optional(),
    element_list: z.array(z.object({ element_id: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]) })).optional(),
    video_list: z
      .array(z.object({ video_url: z.url(), refer_type: z.enum(["feature", "base"]).optional(), keep_original_sound: z.enum(["yes", "no"]).optional() }))
      .max(1)
      .optional(),
    sound: z.enum(["on", "off"]).optional(),
    mode: z.enum(["std", "pro"]).optional(),
    aspect_ratio: z.enum(["16:9", "9:16", "1:1"]).optional(),
    duration: Duration.optional(),
    watermark_info: z.object({ enabled: z.boolean().optional() }).optional(),
    callback_url: z.url().optional(),
    external_task_id: z.string().min(1).max(256).optional(),
  })
  .superRefine(mainRules)
  .transform(toBody);

/** The cross-field rules an app would not go without: the ones the API refuses most often. */
function mainRules(req, ctx) {
  const err = (path, message) => ctx.addIssue({ code: "custom", path, message });
  const model = req.model_name ?? DEFAULT_MODEL;
  const images = req.image_list ?? [];
  const videos = req.video_list ?? [];
  const hasFirst = images.some((i) => i.type === "first_frame");
  const baseVideo = videos.length > 0 && (videos[0].refer_type ?? "base") === "base";
  if (req.multi_shot) {
    const shots = req.multi_prompt ?? [];
    if (req.shot_type !== "customize") err(["shot_type"], "OV-1: multi_shot needs shot_type customize");
    else if (shots.length < 1) err(["multi_prompt"], "OV-1: 1 to 6 shots");
    if (model !== "kling-v3-omni") err(["multi_shot"], "OV-4: multi-shot needs kling-v3-omni");
    const sum = shots.reduce((a, s) => a + Number(s.duration), 0);
    if (shots.length > 0 && sum !== Number(req.duration ?? 5)) err(["multi_prompt"], `OV-6: shot durations add up to ${sum}`);
  } else if (!req.prompt?.trim()) {
    err(["prompt"], "OV-2: prompt is required");
  }
  const max = videos.length > 0 ? 4 : 7;
  if (images.length + (req.element_list?.length ?? 0) > max) err(["image_list"], `OV-11: at most ${max} images + elements`);
  if (req.sound === "on" && videos.length > 0) err(["sound"], "OV-15: sound must be off with a video");
  if (!hasFirst && !baseVideo && req.aspect_ratio === undefined) err(["aspect_ratio"], "OV-17: aspect_ratio is required");
}

/** The wire body: model_name explicit, durations as strings. */
function toBody(req) {
  const out = { ...req, model_name: req.model_name ?? DEFAULT_MODEL };
  if (req.duration !== undefined) out.duration = String(req.duration);
  if (req.multi_prompt) out.multi_prompt = req.multi_prompt.map((s) => ({ ...s, duration: String(s.duration) }));
  return out;
}

export const omniVideoLightSchema = Request;

/** Validates `req` and returns the body text (element ids as bare int64 digits), or throws. */
export function zodLightOmniVideoBody(req) {
  const r = Request.safeParse(req);
  if (!r.success) throw new Error(`invalid request: ${r.error.issues.length} issues`);
  return JSON.stringify(r.data).replace(/"element_id":"(\d+)"/g, '"element_id":$1');
}
