//! TypeScript declarations of what the exports take and return. The request types are generated
//! from the schema tables into generated/requests.d.ts, the Endpoint / ModelName / RuleId /
//! IssueCode unions into generated/vocabulary.d.ts (src/schema/gen/ts.rs; a test fails when it is stale) and included
//! here; the rest is written by hand, since it is built by hand too: Report and Issue serialize
//! in issue.rs, the options are read from JSON, the capability map is written by schema::capabilities,
//! and a Task is Kling's own JSON. tests/js/types.test.mjs checks these field lists against the
//! objects the exports return.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_VOCABULARY: &str = include_str!("generated/vocabulary.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_REQUESTS: &str = include_str!("generated/requests.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One thing validation found: where (JSON pointer), what (stable code), under which rule. */
export interface Issue {
  path: string;
  /** A stable snake_case code to branch on (the generated IssueCode union). */
  code: IssueCode;
  /** The registered rule that found it: the key `options.rules` sets its level under. */
  rule: RuleId;
  severity: "error" | "warning";
  message: string;
  params?: Record<string, unknown>;
}

/** The result of validation; `ok` is false when any issue has severity "error". */
export interface Report {
  ok: boolean;
  issues: Issue[];
}

export type RuleLevel = "error" | "warning" | "off";

/** Per-call options of the validate and build functions (undefined is the same as left out). */
export interface ValidateOptions {
  /** Language of the issue messages (default "en"). */
  locale?: "en" | "zh" | undefined;
  /** Rule id (e.g. "OV-9", "GEN-UNKNOWN") -> level; a rule not listed keeps its default. A key
   *  that is no rule id is a compile error (at run time an `unknown_option` issue). */
  rules?: Partial<Record<RuleId, RuleLevel>> | undefined;
  /** Element id -> its type, when cached from the element query (lets OV-13 check it). */
  elementTypes?: Record<string, "image_refer" | "video_refer"> | undefined;
}

/** The capability map as data, for forms. */
export interface CapabilityMap {
  models: ModelCaps[];
  endpoints: EndpointCaps[];
}

/** One endpoint family's row of the map. */
export interface EndpointCaps {
  family: Endpoint;
  path: string;
  /** The model the API uses when `model_name` is left out (always an old one); null for the
   *  families without models ("custom-element", "custom-voice"). */
  default_model: ModelName | null;
  default_mode: "std" | "pro" | null;
  models: ModelName[];
  /** What each model offers a form, per field of the family's table (narrowed by the map). */
  choices: ModelChoices[];
  /** The table's own choices, before a model narrows them: every enum's values, the durations
   *  of any model, the ranges and list lengths. All a form of the families without models has
   *  ("custom-element": reference_type, tag_list.tag_id, element_image_list.refer_images). */
  fields: Record<string, FieldChoice>;
}

/** One model's choices on an endpoint: field name (a dotted path inside objects and list items,
 *  "image_list.type") -> its values, or its range / list length. */
export interface ModelChoices {
  model: ModelName;
  fields: Record<string, FieldChoice>;
}

/** An enum's or duration's values, or a number's range / a list's length (null: unbounded). */
export interface FieldChoice {
  values?: (string | number)[];
  min?: number | null;
  max?: number | null;
}

/** Where a feature works: modes and durations (an empty list means every one the model has). */
export interface Scope {
  modes: ("std" | "pro")[];
  durations: number[];
}

/** Which element types a model takes (kling-api.md §3.4). */
export type Elements = "none" | "image_refer" | "all";

/** Whether a feature works, where the sources disagree (kling-api.md §12). */
export type Support = "no" | "yes" | "disputed";

/** One model's row of the map (kling-api.md §3). */
export interface ModelCaps {
  model: ModelName;
  endpoints: Endpoint[];
  /** Selectable modes; empty when the model has a single fixed mode. */
  modes: ("std" | "pro")[];
  /** Output durations in seconds (video models). */
  durations: number[];
  multi_shot: boolean;
  /** Where `sound: "on"` works. */
  sound: Scope | null;
  /** Where `voice_list` works (§12: allowed on kling-v3 and v2-6). */
  voice: Scope | null;
  elements: Elements;
  /** Omni-video reference video (`video_list`). */
  video_reference: boolean;
  /** Start + end frame generation. */
  start_end_frame: Scope | null;
  /** Start + end frame generation works only with `sound: "off"` (kling-v2-6, §3.2). */
  start_end_frame_silent: boolean;
  /** End frame without a start frame (image2video). */
  end_frame_only: Scope | null;
  /** Legacy camera_control, per endpoint; `camera_simple_only` for kling-v1-5. */
  camera_control: [Endpoint, Scope][];
  camera_simple_only: boolean;
  /** Legacy motion brush (static_mask / dynamic_masks, image2video). */
  motion_brush: Scope | null;
  /** cfg_scale (§12: v1.x only). */
  cfg_scale: boolean;
  /** Image models: output resolutions. */
  resolutions: ("1k" | "2k" | "4k")[];
  /** Image models: `result_type: "series"`. */
  series: boolean;
  /** Omni-image: `aspect_ratio: "auto"` for text-only generation (S1 and S3 disagree, §3.3). */
  auto_aspect_t2i: Support;
  /** Video models: output resolution per mode ("" = the model's single fixed mode), where documented. */
  resolution_by_mode: [string, string][];
  /** Video models: output frame rate per endpoint, where documented (§3.2). */
  fps: [Endpoint, number][];
  /** Image generation: the aspect ratios it takes (empty: every one, §3.3). */
  image_aspects: string[];
  /** Image generation: the legacy image_reference / human_fidelity fields (kling-v1-5). */
  image_reference: boolean;
  /** Image generation: makes images only from a reference image (kling-v2-new restyles). */
  needs_image: boolean;
}

/** A task's status; the API spells success "succeed". A status Kling adds later comes as is. */
export type TaskStatus = "submitted" | "processing" | "succeed" | "failed" | (string & {});

/** A task as Kling returns it in `data` (query, list, create): Kling's object as sent. */
export interface Task {
  task_id: string;
  task_status: TaskStatus;
  /** Why it failed (e.g. content safety). */
  task_status_msg?: string;
  task_info?: { external_task_id?: string; [key: string]: unknown };
  /** What it made, once it has succeeded (`SucceededTask` types it per family). */
  task_result?: TaskResult;
  /** Milliseconds since the epoch. */
  created_at?: number;
  updated_at?: number;
  [key: string]: unknown;
}

/** A generated video (kling-api.md §4.3). */
export interface VideoResult {
  id: string;
  url: string;
  /** With `watermark_info: { enabled: true }`. */
  watermark_url?: string;
  /** Seconds as a string, e.g. "5.041". */
  duration: string;
}

/** A generated image (kling-api.md §7.2). */
export interface ImageResult {
  index: number;
  url: string;
  watermark_url?: string;
}

/** `task_result` of any task, as far as Kling documents it. */
export interface TaskResult {
  videos?: VideoResult[];
  result_type?: "single" | "series";
  images?: ImageResult[];
  series_images?: ImageResult[];
  /** A custom-element task's element(s), `element_id` a string of its exact digits. */
  elements?: KlingElement[];
  /** A custom-voice task's voice(s). */
  voices?: KlingVoice[];
  [key: string]: unknown;
}

/** `task_result` of a video task that succeeded (omni-video, text2video, image2video). */
export interface VideoTaskResult extends TaskResult {
  videos: VideoResult[];
  [key: string]: unknown;
}

/** `task_result` of an omni-image task that succeeded: `images` for single results,
 *  `series_images` for a series. */
export type ImageTaskResult = TaskResult;

/** `task_result` of a custom-element task that succeeded. */
export interface ElementTaskResult extends TaskResult {
  elements: KlingElement[];
  [key: string]: unknown;
}

/** `task_result` of a custom-voice task that succeeded. */
export interface VoiceTaskResult extends TaskResult {
  voices: KlingVoice[];
  [key: string]: unknown;
}

/** The result a family's succeeded task carries. */
export type TaskResultOf<F extends Endpoint> = F extends "omni-image" | "image-generation"
  ? ImageTaskResult
  : F extends "custom-element"
    ? ElementTaskResult
    : F extends "custom-voice"
      ? VoiceTaskResult
      : VideoTaskResult;

/** What `waitForTask(family, ...)` resolves with: the task, succeeded, with its result. */
export interface SucceededTask<F extends Endpoint = Endpoint> extends Task {
  task_status: "succeed";
  task_result: TaskResultOf<F>;
}

/** The task a "task_failed" KlingError carries. */
export interface FailedTask extends Task {
  task_status: "failed";
}
"#;
