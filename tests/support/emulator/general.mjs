//! The endpoints that are not task families: preset element/voice lists, deleting custom ones, /account/costs.

import { handleCosts } from "./costs.mjs";
import { applyFault, pickFault } from "./faults.mjs";
import { PAGE_NUM, pageParam, sendEnvelope } from "./http.mjs";
import { isPresetElementId, isPresetVoiceId, presetElementTasks, presetVoiceTasks } from "./library.mjs";

const ROUTES = {
  "/v1/general/advanced-presets-elements": { method: "GET", op: "presets-elements", maxPageSize: 500 },
  "/v1/general/presets-voices": { method: "GET", op: "presets-voices", maxPageSize: 1000 },
  "/v1/general/delete-elements": { method: "POST", op: "delete-element" },
  "/v1/general/delete-voices": { method: "POST", op: "delete-voice" },
  "/account/costs": { method: "GET", op: "costs" },
};

/** `{ op, maxPageSize? }` for one of these paths (a trailing `/` accepted), `{ op: "method" }` for a wrong method, else null. */
export function matchGeneral(method, pathname) {
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const route = ROUTES[path];
  if (!route) return null;
  return method === route.method ? route : { op: "method" };
}

async function faulted(emu, req, res, op) {
  const fault = pickFault(emu.faults, op);
  return fault != null && (await applyFault(emu, req, res, fault));
}

/** A preset list: `data` is an array of finished tasks, one element or voice in each task_result. */
async function presets(emu, req, res, route, search) {
  emu.state.stats.presetLists++;
  const num = pageParam(search, PAGE_NUM);
  const size = pageParam(search, { name: "pageSize", min: 1, max: route.maxPageSize, fallback: 30 });
  const bad = num.error ?? size.error;
  if (bad) return sendEnvelope(res, 1201, bad);
  if (await faulted(emu, req, res, "presets")) return;
  const all = route.op === "presets-elements" ? presetElementTasks(emu.url) : presetVoiceTasks(emu.url);
  const start = (num.value - 1) * size.value;
  sendEnvelope(res, 0, "SUCCEED", all.slice(start, start + size.value));
}

/** The body as a JSON object, or a 1200 message. */
function objectBody(raw) {
  let body;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return { error: "Invalid request parameters: body is not valid JSON" };
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { error: "Invalid request parameters: body must be a JSON object" };
  }
  return { body };
}

/**
 * The element id of a delete body as a BigInt: the documented string of digits, or a bare JSON
 * number whose digits are read from the raw text (JSON.parse would round it). Else undefined.
 */
function elementIdOf(body, text) {
  const value = body.element_id;
  if (typeof value === "string") return /^\d{1,19}$/.test(value) ? BigInt(value) : undefined;
  if (typeof value !== "number") return undefined;
  const m = /"element_id"\s*:\s*(\d{1,19})\s*[,}]/.exec(text);
  return m ? BigInt(m[1]) : undefined;
}

/**
 * Deletes one of the account's custom elements or voices. Only succeeded, not yet deleted items of
 * this account qualify; a preset, another account's id or an unknown id → 400/1201. The answer's
 * task_id is the task that created the item.
 */
async function remove(emu, req, res, route, account, raw) {
  const element = route.op === "delete-element";
  const what = element ? "element" : "voice";
  emu.state.stats.deletes[element ? "elements" : "voices"]++;
  const parsed = objectBody(raw);
  if (parsed.error) return sendEnvelope(res, 1200, parsed.error);
  const text = raw.toString("utf8");
  const id = element ? elementIdOf(parsed.body, text) : parsed.body.voice_id;
  if (element ? id === undefined : typeof id !== "string" || id === "") {
    const form = element ? "a string of digits" : "a non-empty string";
    return sendEnvelope(res, 1201, `Invalid parameter: ${what}_id must be ${form}`);
  }
  if (await faulted(emu, req, res, "delete")) return;
  if (element ? isPresetElementId(id) : isPresetVoiceId(id)) {
    return sendEnvelope(res, 1201, `Invalid parameter: ${what} ${id} is a preset; only custom ${what}s can be deleted`);
  }
  const record = emu.store.findItem(account.id, element ? "custom-element" : "custom-voice", id, Date.now());
  if (!record) return sendEnvelope(res, 1201, `Invalid parameter: custom ${what} ${id} does not exist`);
  record.deleted = true;
  sendEnvelope(res, 0, "SUCCEED", { task_id: record.task_id, task_status: "succeed" });
}

/** Handles a matched general route (`matchGeneral`) for an authenticated account. */
export async function handleGeneral(emu, req, res, route, account, search, raw) {
  if (route.op === "costs") return handleCosts(emu, res, search, () => faulted(emu, req, res, "costs"));
  if (route.op.startsWith("presets-")) return presets(emu, req, res, route, search);
  return remove(emu, req, res, route, account, raw);
}
