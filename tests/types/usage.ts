// Uses every export of the package with its declared types; `@ts-expect-error` lines prove the
// types are strict (a wrong field type or option is a compile error, not `any`).

import init, {
  buildImageToVideoBody, buildImageToVideoBodyJson, buildOmniImageBody, buildOmniImageBodyJson, buildOmniVideoBody,
  buildOmniVideoBodyJson, buildTextToVideoBody, buildTextToVideoBodyJson, capabilities, initSync, KlingClient, KlingError,
  validateAndBuildImageToVideo, validateAndBuildImageToVideoJson, validateAndBuildOmniImage, validateAndBuildOmniImageJson,
  validateAndBuildOmniVideo, validateAndBuildOmniVideoJson, validateAndBuildTextToVideo, validateAndBuildTextToVideoJson,
  validateImageToVideo, validateImageToVideoJson, validateOmniImage, validateOmniImageJson, validateOmniVideo,
  validateOmniVideoJson, validateTextToVideo, validateTextToVideoJson,
} from "kling-wasm";
import type { CapabilityMap, Endpoint, GetTaskOptions, Issue, ModelCaps, OmniVideoRequest, Report, ValidateOptions } from "kling-wasm";
import type { KlingErrorCode } from "kling-wasm";

export async function setUp(bytes: Uint8Array): Promise<void> {
  await init();
  await init({ module_or_path: new URL("https://example.com/kling_wasm_bg.wasm") });
  initSync({ module: bytes });
}

const req: OmniVideoRequest = {
  model_name: "kling-v3-omni",
  prompt: "<<<element_1>>> walks past <<<image_1>>>",
  aspect_ratio: "16:9",
  duration: "5",
  image_list: [{ image_url: "https://example.com/a.png", type: "first_frame" }],
  element_list: [{ element_id: 9223372036854775807n }, { element_id: "123" }, { element_id: 42 }],
  multi_prompt: [{ index: 1, prompt: "a", duration: "5" }],
  video_list: [{ video_url: "https://example.com/v.mp4", refer_type: "feature", keep_original_sound: "no" }],
  watermark_info: { enabled: true },
};
const options: ValidateOptions = { locale: "zh", rules: { "OV-9": "off", "GEN-UNKNOWN": "warning" }, elementTypes: { "123": "video_refer" } };

export function validateAll(): Report[] {
  const reports: Report[] = [
    validateOmniVideo(req, options),
    validateOmniVideo(req),
    validateOmniVideoJson(JSON.stringify(req)),
    validateTextToVideo({ prompt: "x" }),
    validateTextToVideoJson("{}", { locale: "en" }),
    validateImageToVideo({ image: "https://example.com/a.png" }),
    validateImageToVideoJson("{}"),
    validateOmniImage({ prompt: "x" }),
    validateOmniImageJson("{}"),
  ];
  const first: Issue | undefined = reports[0].issues[0];
  const severity: "error" | "warning" | undefined = first?.severity;
  const ok: boolean = reports[0].ok && severity !== "error";
  return ok ? reports : [];
}

export function buildAll(): string[] {
  try {
    return [
      buildOmniVideoBody(req, options), buildOmniVideoBodyJson("{}"), buildTextToVideoBody({}), buildTextToVideoBodyJson("{}"),
      buildImageToVideoBody({}), buildImageToVideoBodyJson("{}"), buildOmniImageBody({ prompt: "x" }), buildOmniImageBodyJson("{}"),
    ];
  } catch (e) {
    if (e instanceof KlingError) {
      const code: KlingErrorCode = e.code;
      const issues: Issue[] = e.code === "validation_failed" ? e.issues : [];
      const api: [number, number | undefined, string | undefined] | [] = e.code === "api_error" ? [e.status, e.apiCode, e.requestId] : [];
      const extra: [boolean, string | undefined] = [e.retryable, e.externalTaskId];
      const name: "KlingError" = e.name;
      return [code, name, String(issues.length), String(api), String(extra), e.message];
    }
    throw e;
  }
}

export function validateAndBuildAll(): string[] {
  const results: { report: Report; body?: string }[] = [
    validateAndBuildOmniVideo(req, options), validateAndBuildOmniVideoJson("{}"), validateAndBuildTextToVideo({}),
    validateAndBuildTextToVideoJson("{}"), validateAndBuildImageToVideo({}), validateAndBuildImageToVideoJson("{}"),
    validateAndBuildOmniImage({ prompt: "x" }), validateAndBuildOmniImageJson("{}"),
  ];
  const warnings: Issue[] = results[0].report.issues;
  const body: string | undefined = results[0].body;
  return body === undefined ? warnings.map((i) => i.message) : [body];
}

export function forms(): string[] {
  const map: CapabilityMap = capabilities();
  const row: ModelCaps | undefined = map.models.find((m) => m.multi_shot);
  const family: Endpoint = map.endpoints[0].family;
  const durations: number[] = row?.durations ?? [];
  return [family, ...durations.map(String), ...(row?.sound?.modes ?? [])];
}

export async function lookUp(): Promise<string[]> {
  const client = new KlingClient({ baseUrl: "/kling" });
  const byExternal: GetTaskOptions = { by: "external_task_id", timeoutMs: 5000 };
  const ids = [(await client.getTask("omni-video", "job-1", byExternal)).task_id];
  ids.push((await client.waitForTask("omni-video", "job-1", { by: "external_task_id", onProgress: (t) => ids.push(t.task_status) })).task_id);
  for await (const task of client.iterateTasks("omni-video", { pageSize: 100 })) ids.push(task.task_id);
  // @ts-expect-error by is "task_id" | "external_task_id"
  await client.getTask("omni-video", "job-1", { by: "id" });
  return ids;
}

export const own = new KlingError("custom", { code: "timeout", retryable: true });

// @ts-expect-error prompt is a string
validateOmniVideo({ prompt: 1 });
// @ts-expect-error an unknown locale
validateOmniVideo(req, { locale: "fr" });
// @ts-expect-error a rule level is "error" | "warning" | "off"
validateOmniVideo(req, { rules: { "OV-1": "loud" } });
// @ts-expect-error the JSON entry points take text
validateOmniVideoJson(req);
// @ts-expect-error build returns the body text
export const n: number = buildOmniVideoBody(req);
// @ts-expect-error the body may be absent (the Report has errors)
export const always: string = validateAndBuildOmniVideo(req).body;

// requestJsonSchema: a plain JSON Schema object per family, in either draft.
import { requestJsonSchema, type JsonSchemaDocument } from "kling-wasm";
export const schema: JsonSchemaDocument = requestJsonSchema("omni-video", { target: "draft-07" });
export const draft: string = requestJsonSchema("omni-image").$schema;
// @ts-expect-error the family ids are those of getTask
requestJsonSchema("omniVideo");
// @ts-expect-error the targets are "draft-2020-12" and "draft-07"
requestJsonSchema("text2video", { target: "draft-04" });

// The non-blocking start: `ready` settles when the wasm is loaded; before then validate* report
// not_ready (a generated IssueCode, rule GEN-READY) and build* throw KlingError "not_ready".
import { isReady, ready } from "kling-wasm";
export async function afterReady(): Promise<boolean> {
  const loaded: Promise<void> = ready;
  if (!isReady()) await loaded;
  const notReady: IssueCodeOf<"not_ready"> = "not_ready";
  const failed: IssueCodeOf<"load_failed"> = "load_failed";
  const rule: RuleOf<"GEN-READY"> = "GEN-READY";
  try {
    buildOmniVideoBody(req);
  } catch (e) {
    if (e instanceof KlingError && (e.code === "not_ready" || e.code === "load_failed")) return e.retryable;
  }
  // @ts-expect-error isReady is a function, not a flag
  if (isReady) return false;
  return [notReady, failed, rule].length === 3;
}
type IssueCodeOf<C extends import("kling-wasm").IssueCode> = C;
type RuleOf<R extends import("kling-wasm").RuleId> = R;
