// The request types generated from the schema tables (src/bindings/generated/requests.d.ts) and
// the KlingError union, as strict TypeScript sees them: what the runtime accepts compiles, and
// each typical mistake is a compile error (`@ts-expect-error` fails the check when it is not).

import {
  estimateCost, buildImageToVideoBody, buildOmniImageBody, buildTextToVideoBody, KlingClient, KlingError, validateAndBuildImageToVideo,
  validateAndBuildOmniImage, validateAndBuildTextToVideo, validateImageToVideo, validateOmniImage, validateOmniVideo,
  validateTextToVideo,
} from "kling-wasm";
import { checkCustomElementMedia, probeImage, type ElementMediaFiles } from "kling-wasm/media";
import type {
  CostEstimate, EstimateOptions, ElementRef, FailedTask, ImageToVideoRequest, Issue, IssueCode, KlingErrorCode, OmniImageRequest, OmniVideoRequest, RequestByFamily,
  Report, RuleId, SucceededTask, TextToVideoRequest, ValidateOptions,
} from "kling-wasm";

// What the runtime accepts compiles: durations as digits or whole numbers, null for "not given",
// element ids as strings, BigInt or numbers, every family's fields.
export const accepted: OmniVideoRequest[] = [
  { duration: 5 },
  { duration: "15", model_name: "kling-v3-omni", mode: null, sound: "off" },
  { multi_shot: true, shot_type: "customize", multi_prompt: [{ index: 1, prompt: "a", duration: 2 }, { index: 2, prompt: "b", duration: "3" }] },
  { image_list: [{ image_url: "https://example.com/a.png", type: "end_frame" }], video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "base" }] },
];
export const t2v: TextToVideoRequest = {
  model_name: "kling-v2-6", prompt: "<<<voice_1>>> says hi", voice_list: [{ voice_id: "v1" }], sound: "on", mode: "pro", duration: 10,
  cfg_scale: 0.5, negative_prompt: "blur", aspect_ratio: "9:16", camera_control: { type: "simple", config: { zoom: 5 } },
};
export const i2v: ImageToVideoRequest = {
  model_name: "kling-v1-5", image: "https://example.com/a.png", static_mask: "https://example.com/m.png",
  dynamic_masks: [{ mask: "https://example.com/d.png", trajectories: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }], element_list: [{ element_id: 7n }],
};
export const oi: OmniImageRequest = { prompt: "x", resolution: "4k", result_type: "series", series_amount: 4, aspect_ratio: "auto", n: 3 };
export const byFamily: RequestByFamily["omni-image"] = oi;
export const reports = [
  validateTextToVideo(t2v), validateImageToVideo(i2v), validateOmniImage(oi), validateAndBuildTextToVideo(t2v), validateAndBuildImageToVideo(i2v),
  validateAndBuildOmniImage(oi),
];

// A request written `as const` (its lists readonly tuples, nested ones too) is taken as it is, as
// is a list kept in a ReadonlyArray.
const constOmni = {
  model_name: "kling-v3-omni", prompt: "<<<element_1>>> walks past <<<image_1>>>", duration: "10", mode: "pro",
  image_list: [{ image_url: "https://example.com/a.png", type: "first_frame" }], element_list: [{ element_id: "123" }, { element_id: 7n }],
  multi_shot: true, shot_type: "customize", multi_prompt: [{ index: 1, prompt: "a", duration: 4 }, { index: 2, prompt: "b", duration: "6" }],
  video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "feature" }], watermark_info: { enabled: true },
} as const;
const constI2v = {
  image: "https://example.com/a.png", dynamic_masks: [{ mask: "https://example.com/d.png", trajectories: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }],
} as const;
const elements: readonly ElementRef[] = [{ element_id: "1" }];
export const fromConst = [
  validateOmniVideo(constOmni), validateImageToVideo(constI2v), buildOmniImageBody({ prompt: "x", image_list: [{ image: "https://example.com/a.png" }] } as const),
  validateTextToVideo({ voice_list: [{ voice_id: "v1" }] } as const), validateOmniVideo({ element_list: elements }),
];
export const satisfied = { prompt: "x", element_list: [{ element_id: 1 }] } as const satisfies OmniVideoRequest;
// @ts-expect-error `as const` keeps the literals checked: "4:3" is no omni-video aspect ratio
validateOmniVideo({ aspect_ratio: "4:3" } as const);
// @ts-expect-error nested readonly lists too: a trajectory point is { x, y }
validateImageToVideo({ dynamic_masks: [{ mask: "m", trajectories: [{ x: 1 }] }] } as const);

// `options.rules` keys are the registered rule ids (RuleId, generated from the registry); a
// misspelt one is a compile error (at run time an `unknown_option` issue).
export const ruled: ValidateOptions = { rules: { "OV-9": "off", "GEN-UNKNOWN": "warning", "OV-1-intelligence": "error", "GEN-MEDIA": "off" } };
// @ts-expect-error no rule "OV-99"
validateOmniVideo({}, { rules: { "OV-99": "off" } });
// @ts-expect-error rule ids are upper case
validateOmniVideo({}, { rules: { "gen-unknown": "off" } });
// @ts-expect-error a misspelt rule id in a typed options object
export const misspelt: ValidateOptions = { rules: { "GEN-UNKOWN": "off" } };
// @ts-expect-error the levels are "error" | "warning" | "off"
validateOmniVideo({}, { rules: { "OV-9": "silent" } });
export const probed = probeImage("https://example.com/a.png", { rules: { "GEN-MEDIA": "warning" } });
// @ts-expect-error probeImage's rules are rule ids too
probeImage("https://example.com/a.png", { rules: { "GEN-MEDA": "warning" } });
// checkCustomElementMedia: files by video_url or pointer, as a record or a Map; a Report.
const refer = { element_video_list: { refer_videos: [{ video_url: "https://example.com/a.mp4" }] } };
const files: ElementMediaFiles = new Map([["https://example.com/a.mp4", new Blob([])]]);
export const elementReport: Promise<Report> = checkCustomElementMedia(refer, files, { locale: "zh" });
export const byPointer = checkCustomElementMedia(JSON.stringify(refer), { "/element_video_list/refer_videos/0/video_url": new Uint8Array(8) });
// @ts-expect-error a file is a Blob, bytes or an ArrayBuffer, not a path
checkCustomElementMedia(refer, { "https://example.com/a.mp4": "/tmp/a.mp4" });
// @ts-expect-error there is no path option: issues sit at the refer videos' pointers
checkCustomElementMedia(refer, {}, { path: "/x" });

/** `Issue.rule` is a RuleId and `Issue.code` an IssueCode: a misspelt comparison is an error. */
export function triage(issue: Issue): [RuleId, IssueCode, boolean] {
  // @ts-expect-error no issue code "unknown_feild"
  const typo = issue.code === "unknown_feild";
  // @ts-expect-error no rule "GEN-UNKOWN"
  const typoRule = issue.rule === "GEN-UNKOWN";
  return [issue.rule, issue.code, typo || typoRule || (issue.code === "unknown_field" && issue.rule === "GEN-UNKNOWN")];
}

// The typical mistakes, one per line.
// @ts-expect-error omni-video takes "16:9" | "9:16" | "1:1"
validateOmniVideo({ aspect_ratio: "4:3" });
// @ts-expect-error mode is "std" | "pro"
validateOmniVideo({ mode: "ultra" });
// @ts-expect-error a model omni-video does not serve
validateOmniVideo({ model_name: "kling-v9" });
// @ts-expect-error kling-v3 is a text2video / image2video model
validateOmniVideo({ model_name: "kling-v3" });
// @ts-expect-error sound is "on" | "off"
validateOmniVideo({ sound: "yes" });
// @ts-expect-error refer_type is "feature" | "base"
validateOmniVideo({ video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "edit" }] });
// @ts-expect-error a duration is whole seconds
validateOmniVideo({ duration: "abc" });
// @ts-expect-error a duration is whole seconds
validateOmniVideo({ duration: "5.5" });
// @ts-expect-error no model takes 20 s
buildTextToVideoBody({ duration: 20 });
// @ts-expect-error shot_type is "customize" | "intelligence"
validateOmniVideo({ multi_shot: true, shot_type: "auto" });
// @ts-expect-error an omni-video image is { image_url, type? }
validateOmniVideo({ image_list: [{ url: "https://example.com/a.png" }] });
// @ts-expect-error omni-image resolutions are "1k" | "2k" | "4k"
buildOmniImageBody({ prompt: "x", resolution: "8k" });
// @ts-expect-error n is a number
buildOmniImageBody({ prompt: "x", n: "3" });
// @ts-expect-error an element id is digits (string, BigInt or number)
buildImageToVideoBody({ element_list: [{ element_id: true }] });
// @ts-expect-error watermark_info.enabled is a boolean
validateOmniVideo({ watermark_info: { enabled: "yes" } });
// @ts-expect-error a misspelt key (the API would ignore it, at the price of a generation)
validateOmniVideo({ promt: "a fox" });
// @ts-expect-error omni-image needs a prompt
validateOmniImage({ resolution: "1k" });
// @ts-expect-error a shot needs index, prompt and duration
validateTextToVideo({ multi_prompt: [{ index: 1, prompt: "a" }] });

export async function errors(client: KlingClient): Promise<string[]> {
  try {
    const done = await client.waitForTask("omni-video", "id-1");
    const image = await client.waitForTask("omni-image", "id-2");
    const task: SucceededTask<"omni-video"> = done;
    return [done.task_result.videos[0].url, task.task_status, ...(image.task_result.images ?? []).map((i) => i.url)];
  } catch (e) {
    if (!(e instanceof KlingError)) throw e;
    // @ts-expect-error issues exist only on "validation_failed": narrow on code first
    e.issues;
    // @ts-expect-error the task exists only on "task_failed"
    e.task;
    const code: KlingErrorCode = e.code;
    switch (e.code) {
      case "validation_failed":
        return e.issues.map((i: Issue) => i.path);
      case "task_failed": {
        const failed: FailedTask = e.task;
        return [failed.task_status_msg ?? code];
      }
      case "api_error":
        return [String(e.status), String(e.apiCode), e.requestId ?? ""];
      case "decode_error":
        return [String(e.status)];
      // @ts-expect-error the codes are a closed set
      case "rate_limited":
        return [];
      default:
        return [e.code, String(e.retryable)];
    }
  }
}

export const made = [
  new KlingError("x"),
  new KlingError("x", { code: "validation_failed", issues: [] }),
  new KlingError("x", { code: "api_error", status: 429, apiCode: 1303, retryable: true }),
  // @ts-expect-error "validation_failed" carries its issues
  new KlingError("x", { code: "validation_failed" }),
  // @ts-expect-error not a code of KlingError
  new KlingError("x", { code: "oops" }),
];

// estimateCost: the request typed per family (or JSON text); a cost_limit KlingError carries its estimate.
export const costs: CostEstimate[] = [
  estimateCost("omni-video", { model_name: "kling-v3-omni", prompt: "a fox", duration: "7" }),
  estimateCost("omni-image", '{"model_name":"kling-v3-omni","prompt":"a fox"}', { locale: "zh", videoSeconds: 5 }),
  // @ts-expect-error an omni-image request has no duration
  estimateCost("omni-image", { prompt: "a fox", duration: "5" }),
  // @ts-expect-error not a family
  estimateCost("omni", { prompt: "a fox" }),
];
export const estimateOptions: EstimateOptions = { videoSeconds: 6.5, rules: { "OV-15": "off" } };

export async function limited(client: KlingClient): Promise<number | null> {
  try {
    await client.createOmniVideo({ model_name: "kling-v3-omni", prompt: "a fox" }, { maxUnits: 4, allowUnpriced: false, videoSeconds: 7 });
    await client.createOmniVideo({ model_name: "kling-v3-omni", prompt: "a fox" }, { maxUnits: null });
    return 0;
  } catch (e) {
    if (!(e instanceof KlingError) || e.code !== "cost_limit") throw e;
    const limit: number = e.maxUnits;
    return e.estimate.units ?? limit;
  }
}
export const limitedClient = new KlingClient({ baseUrl: "/kling", maxUnits: 10, allowUnpriced: true });
