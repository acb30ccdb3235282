//! The task store: per-account tasks of the seven families, the lazy status timeline, and Kling's task view.

import { randomInt, randomUUID } from "node:crypto";
import { elementView, newElementId, newVoiceId, ownerIdOf, presetVoiceRef, voiceRef, voiceView } from "./library.mjs";

/**
 * Family name → create/list path, the kind of what it makes ("video" and "image" are also the
 * resource-pack kinds concurrency counts against, §1.6) and the largest list pageSize.
 */
export const FAMILIES = {
  "omni-video": { path: "/v1/videos/omni-video", kind: "video", maxPageSize: 500 },
  text2video: { path: "/v1/videos/text2video", kind: "video", maxPageSize: 500 },
  image2video: { path: "/v1/videos/image2video", kind: "video", maxPageSize: 500 },
  "omni-image": { path: "/v1/images/omni-image", kind: "image", maxPageSize: 500 },
  "image-generation": { path: "/v1/images/generations", kind: "image", maxPageSize: 500 },
  "custom-element": { path: "/v1/general/advanced-custom-elements", kind: "element", maxPageSize: 500 },
  "custom-voice": { path: "/v1/general/custom-voices", kind: "voice", maxPageSize: 1000 },
};

const TERMINAL = new Set(["succeed", "failed"]);
const FAILED_MSG = "Failure to pass the risk control system";

function intIn(value, lo, hi, fallback) {
  const n = Number(value);
  return Number.isInteger(n) && n >= lo && n <= hi ? n : fallback;
}

/** The request's texts the fail marker is looked for in (prompts; names for elements and voices). */
function prompts(body) {
  const list = [body.prompt, body.element_name, body.element_description, body.voice_name];
  if (Array.isArray(body.multi_prompt)) for (const shot of body.multi_prompt) list.push(shot?.prompt);
  return list.filter((p) => typeof p === "string");
}

/** What a finished task will produce, fixed at create time from the (unchecked) request body. */
export function plan(family, body) {
  const watermark = body.watermark_info?.enabled === true;
  const { kind } = FAMILIES[family];
  // The ids are minted at create time so a test can know them before the task finishes (via state.tasks).
  if (kind === "element") return { watermark, count: 1, slots: 1, elementId: newElementId() };
  if (kind === "voice") return { watermark, count: 1, slots: 1, voiceId: newVoiceId() };
  if (family === "image-generation") {
    const n = intIn(body.n, 1, 9, 1);
    return { watermark, series: false, count: n, slots: n, aspect: body.aspect_ratio ?? "16:9" };
  }
  if (kind === "video") {
    const seconds = Number(body.duration ?? 5);
    const duration = Number.isFinite(seconds) && seconds > 0 ? seconds : 5;
    return { watermark, duration, count: 1, slots: 1, aspect: body.aspect_ratio ?? "16:9", ids: [randomUUID()] };
  }
  const series = body.result_type === "series";
  const count = series ? intIn(body.series_amount, 2, 9, 4) : intIn(body.n, 1, 9, 1);
  // §1.6: an image task takes `n` slots; "auto"/series take as many as it produces.
  return { watermark, series, count, slots: count, aspect: body.aspect_ratio ?? "auto" };
}

export class TaskStore {
  constructor({ failMarker }) {
    this.failMarker = failMarker;
    this.reset();
  }

  reset() {
    /** task_id → record; records keep insertion order (= creation order). */
    this.tasks = new Map();
    this.accounts = new Map();
    this.seq = 0;
  }

  #account(id) {
    if (!this.accounts.has(id)) this.accounts.set(id, { byExternal: new Map() });
    return this.accounts.get(id);
  }

  #newTaskId() {
    // Real ids look like 18–19 digit numbers in a string ("833446756…").
    let id;
    do id = `8${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1e8)).padStart(8, "0")}`;
    while (this.tasks.has(id));
    return id;
  }

  /** The stored task with this external_task_id for the account (external ids are unique per account). */
  byExternal(accountId, externalId) {
    return this.#account(accountId).byExternal.get(String(externalId));
  }

  /**
   * Stores a new task; `timeline` = { processingAfterMs, doneAfterMs } taken at create time,
   * `taskPlan` = plan(family, body) when the caller already made it (for the concurrency check).
   */
  create({ accountId, family, body, now, timeline, taskPlan = plan(family, body) }) {
    const ext = body.external_task_id;
    const hasExt = ext != null && ext !== "";
    const failed = prompts(body).some((p) => p.includes(this.failMarker));
    const processingAfter = Math.max(0, timeline.processingAfterMs);
    const record = {
      task_id: this.#newTaskId(),
      seq: this.seq++,
      family,
      account: accountId,
      external_task_id: hasExt ? ext : undefined,
      body,
      callback_url: typeof body.callback_url === "string" && body.callback_url !== "" ? body.callback_url : undefined,
      outcome: failed ? "failed" : "succeed",
      created_at: now,
      processing_at: now + processingAfter,
      done_at: now + Math.max(processingAfter, timeline.doneAfterMs),
      plan: taskPlan,
      deleted: false, // an element/voice removed by delete-elements / delete-voices
    };
    if (family === "custom-element" && body.element_voice_id != null) {
      // The voice is bound at creation: a preset, or one of this account's existing custom voices.
      const id = String(body.element_voice_id);
      taskPlan.voice = presetVoiceRef(id) ?? this.voiceRefOf(this.findItem(accountId, "custom-voice", id, now));
    }
    this.tasks.set(record.task_id, record);
    if (hasExt) this.#account(accountId).byExternal.set(String(ext), record);
    return record;
  }

  /** A task of this account and family by task_id, else by external_task_id. */
  find(accountId, family, id) {
    const direct = this.tasks.get(id);
    if (direct && direct.account === accountId && direct.family === family) return direct;
    const ext = this.byExternal(accountId, id);
    return ext && ext.family === family ? ext : undefined;
  }

  /** The account's tasks of one family, newest first. */
  list(accountId, family) {
    const out = [];
    for (const r of this.tasks.values()) if (r.account === accountId && r.family === family) out.push(r);
    return out.reverse();
  }

  /**
   * The succeeded, not deleted task of `family` ("custom-element" | "custom-voice") whose item has
   * `id` (element ids as BigInt, voice ids as strings), among the account's tasks at `now`.
   */
  findItem(accountId, family, id, now) {
    const key = family === "custom-element" ? "elementId" : "voiceId";
    for (const r of this.tasks.values()) {
      if (r.account !== accountId || r.family !== family || r.deleted || r.plan[key] !== id) continue;
      if (this.statusAt(r, now).status === "succeed") return r;
    }
    return undefined;
  }

  /** A custom-voice task's voice as a voiceRef (library.mjs), or undefined. */
  voiceRefOf(record) {
    if (!record) return undefined;
    const name = typeof record.body.voice_name === "string" ? record.body.voice_name : "";
    return voiceRef(record.plan.voiceId, name, ownerIdOf(record.account), record.task_id);
  }

  /** The status a task has at `now`, and when it got there. */
  statusAt(record, now) {
    if (now >= record.done_at) return { status: record.outcome, since: record.done_at };
    if (now >= record.processing_at) return { status: "processing", since: record.processing_at };
    return { status: "submitted", since: record.created_at };
  }

  /** The status changes a task goes through, with their times (for callbacks). */
  transitions(record) {
    const steps = [["submitted", record.created_at]];
    if (record.processing_at < record.done_at) steps.push(["processing", record.processing_at]);
    steps.push([record.outcome, record.done_at]);
    return steps;
  }

  /** Concurrency slots held by the account's non-terminal tasks of a resource-pack kind. */
  slotsInUse(accountId, kind, now) {
    let used = 0;
    for (const r of this.tasks.values()) {
      if (r.account !== accountId || FAMILIES[r.family].kind !== kind) continue;
      if (!TERMINAL.has(this.statusAt(r, now).status)) used += r.plan.slots;
    }
    return used;
  }

  /** Kling's task object (the `data` of a query) as it is at `now`. */
  view(record, now, baseUrl) {
    return this.render(record, this.statusAt(record, now), baseUrl);
  }

  /** The create response: always "submitted", even when the timeline finishes the task at once. */
  createdView(record, baseUrl) {
    return this.render(record, { status: "submitted", since: record.created_at }, baseUrl);
  }

  /** The task object in a given `{ status, since }`. */
  render(record, { status, since }, baseUrl) {
    const { plan: p } = record;
    const { kind } = FAMILIES[record.family];
    const done = status === "succeed";
    const media = kind === "video" || kind === "image";
    return {
      task_id: record.task_id,
      task_status: status,
      task_status_msg: status === "failed" ? FAILED_MSG : "",
      task_info: record.external_task_id === undefined ? {} : { external_task_id: record.external_task_id },
      ...(media ? { watermark_info: { enabled: p.watermark } } : {}),
      final_unit_deduction: done && media ? String(kind === "video" ? p.duration : p.count) : "0",
      created_at: record.created_at,
      updated_at: since,
      task_result: done ? this.#result(record, baseUrl) : {},
    };
  }

  #result(record, baseUrl) {
    const { plan: p, task_id: id } = record;
    const files = `${baseUrl}/files/${id}`;
    // A deleted element or voice is gone from its task's result; the task itself stays.
    if (record.family === "custom-element") {
      const item = { elementId: p.elementId, body: record.body, ownedBy: ownerIdOf(record.account), voice: p.voice };
      return { elements: record.deleted ? [] : [elementView(item, baseUrl)] };
    }
    if (record.family === "custom-voice") return { voices: record.deleted ? [] : [voiceView(this.voiceRefOf(record), baseUrl)] };
    if (FAMILIES[record.family].kind === "video") {
      const videos = p.ids.map((vid, i) => ({
        id: vid,
        url: `${files}/video-${i}.mp4`,
        ...(p.watermark ? { watermark_url: `${files}/video-${i}-wm.mp4` } : {}),
        duration: (p.duration + 0.041).toFixed(3),
      }));
      return { videos };
    }
    const name = p.series ? "series" : "image";
    const images = Array.from({ length: p.count }, (_, index) => ({
      index,
      url: `${files}/${name}-${index}.png`,
      ...(p.watermark ? { watermark_url: `${files}/${name}-${index}-wm.png` } : {}),
    }));
    if (record.family === "image-generation") return { images }; // §8.1: no result_type here
    return p.series ? { result_type: "series", series_images: images } : { result_type: "single", images };
  }

  /**
   * The callback body (§9) for a status change: no envelope, the documented (smaller) schema.
   * §9 predates elements and voices; their tasks' callbacks carry elements[]/voices[] as queried.
   */
  callbackView(record, status, since, baseUrl) {
    const { watermark_info: _omitted, task_result, ...rest } = this.render(record, { status, since }, baseUrl);
    const result = {};
    if (task_result.videos) result.videos = task_result.videos.map(({ id, url, duration }) => ({ id, url, duration }));
    if (task_result.images) result.images = task_result.images.map(({ index, url }) => ({ index, url }));
    if (task_result.elements) result.elements = task_result.elements;
    if (task_result.voices) result.voices = task_result.voices;
    return { ...rest, task_result: result };
  }
}

export const isTerminal = (status) => TERMINAL.has(status);
