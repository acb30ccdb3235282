//! The element and voice library (§8.2/§8.3): fixed presets, ids minted for custom ones, and Kling's views of both.

import { createHash, randomBytes, randomInt } from "node:crypto";

const TWO_60 = 1n << 60n;
const ID_SPAN = (1n << 63n) - TWO_60; // element ids stay inside int64 (Kling calls them "long")

/**
 * A fresh element id in [2^60, 2^63) that no double holds exactly, so a client that parses it
 * as a JS number gets a different value (doubles are 256–2048 apart up there).
 */
export function newElementId() {
  for (;;) {
    const id = TWO_60 + (randomBytes(8).readBigUInt64BE() % ID_SPAN);
    if (BigInt(Number(id)) !== id) return id;
  }
}

/** Custom voice ids are strings (§8.2); digits like task ids, but starting with 7 so they never equal one. */
export const newVoiceId = () => `7${String(randomInt(1e9)).padStart(9, "0")}${String(randomInt(1e8)).padStart(8, "0")}`;

/** `owned_by` of an account's custom elements and voices: a stable numeric id, never the access key. */
export function ownerIdOf(accountId) {
  return String(createHash("sha256").update(String(accountId)).digest().readUIntBE(0, 6));
}

/** §8.3's tag ids; a tag_list entry of the request `{tag_id}` shows as `{id, name, description}`. */
const TAGS = {
  o_101: "Hottest", o_102: "Character", o_103: "Animal", o_104: "Item",
  o_105: "Costume", o_106: "Scene", o_107: "Effect", o_108: "Others",
};

function tagView(list) {
  if (!Array.isArray(list)) return [];
  return list.map((t) => {
    const id = String(t?.tag_id ?? t?.id ?? "");
    return { id, name: TAGS[id] ?? id, description: TAGS[id] ? `${TAGS[id]} elements` : "" };
  });
}

// Fixed preset tasks; created_at is 2026-01-01T00:00:00Z. Ids are above 2^60 and not doubles.
const PRESET_AT = 1767225600000;
const preset = (task_id, element_id, name, description, tag) => ({ task_id, element_id, name, description, tag });
const PRESET_ELEMENTS = [
  preset("860000000000000001", 1152921504606846977n, "Ginger cat", "An orange tabby cat", "o_103"),
  preset("860000000000000002", 1234567890123456789n, "Knight", "A knight in silver armour", "o_102"),
  preset("860000000000000003", 4611686018427387905n, "Red lantern", "A paper lantern", "o_104"),
];
const PRESET_VOICES = [
  { task_id: "861000000000000001", voice_id: "oversea_male1", voice_name: "Calm male" },
  { task_id: "861000000000000002", voice_id: "oversea_female1", voice_name: "Bright female" },
  { task_id: "861000000000000003", voice_id: "genshin_vindi2", voice_name: "Young narrator" },
];

export const isPresetElementId = (id) => PRESET_ELEMENTS.some((p) => p.element_id === id);
export const isPresetVoiceId = (id) => PRESET_VOICES.some((p) => p.voice_id === id);

/** The presets in the form the emulator's `elements()` / `voices()` list them (element ids as strings). */
const listed = { owned_by: "kling", account: null, preset: true, deleted: false };
export const presetElementItems = () =>
  PRESET_ELEMENTS.map((p) => ({ task_id: p.task_id, element_id: String(p.element_id), element_name: p.name, ...listed }));
export const presetVoiceItems = () =>
  PRESET_VOICES.map((p) => ({ task_id: p.task_id, voice_id: p.voice_id, voice_name: p.voice_name, ...listed }));

/** A voice as an element's `element_voice_info` or a task's `voices[]` entry, minus the base URL. */
export function voiceRef(voiceId, voiceName, ownedBy, taskId) {
  return { voice_id: voiceId, voice_name: voiceName, owned_by: ownedBy, trial: `/files/${taskId}/voice-0.wav` };
}

/** The preset voice with this id as a voiceRef, or undefined. */
export function presetVoiceRef(voiceId) {
  const p = PRESET_VOICES.find((v) => v.voice_id === voiceId);
  return p && voiceRef(p.voice_id, p.voice_name, "kling", p.task_id);
}

export const voiceView = (ref, baseUrl) => ({
  voice_id: ref.voice_id,
  voice_name: ref.voice_name,
  trial_url: `${baseUrl}${ref.trial}`,
  owned_by: ref.owned_by,
});

const copy = (value) => (value === undefined ? undefined : structuredClone(value));

/**
 * An element of `task_result.elements[]`: element_id (BigInt, written as a bare JSON number),
 * the request's name, description, reference_type, lists and tags copied, the bound voice if any.
 */
export function elementView({ elementId, body, ownedBy, voice }, baseUrl) {
  const out = {
    element_id: elementId,
    element_name: typeof body.element_name === "string" ? body.element_name : "",
    element_description: typeof body.element_description === "string" ? body.element_description : "",
    reference_type: typeof body.reference_type === "string" ? body.reference_type : "image_refer",
  };
  if (body.element_image_list !== undefined) out.element_image_list = copy(body.element_image_list);
  if (body.element_video_list !== undefined) out.element_video_list = copy(body.element_video_list);
  if (voice) out.element_voice_info = voiceView(voice, baseUrl);
  out.tag_list = tagView(body.tag_list);
  out.owned_by = ownedBy;
  return out;
}

/** A preset as Kling lists it: a finished task whose task_result holds the one item. */
function presetTask(taskId, result) {
  return {
    task_id: taskId,
    task_status: "succeed",
    task_status_msg: "",
    task_info: {},
    final_unit_deduction: "0",
    created_at: PRESET_AT,
    updated_at: PRESET_AT,
    task_result: result,
  };
}

/** Every preset element task, in a fixed order. */
export function presetElementTasks(baseUrl) {
  return PRESET_ELEMENTS.map((p) => {
    const files = `${baseUrl}/files/${p.task_id}`;
    const body = {
      element_name: p.name,
      element_description: p.description,
      reference_type: "image_refer",
      element_image_list: { frontal_image: `${files}/image-0.png`, refer_images: [{ image_url: `${files}/image-1.png` }] },
      tag_list: [{ tag_id: p.tag }],
    };
    return presetTask(p.task_id, { elements: [elementView({ elementId: p.element_id, body, ownedBy: "kling" }, baseUrl)] });
  });
}

/** Every preset voice task, in a fixed order. */
export function presetVoiceTasks(baseUrl) {
  return PRESET_VOICES.map((p) => presetTask(p.task_id, { voices: [voiceView(presetVoiceRef(p.voice_id), baseUrl)] }));
}

/** What a preset task id serves under /files/: "element" (image-0/1.png), "voice" (voice-0.wav) or undefined. */
export function presetFileKind(taskId) {
  if (PRESET_ELEMENTS.some((p) => p.task_id === taskId)) return "element";
  if (PRESET_VOICES.some((p) => p.task_id === taskId)) return "voice";
  return undefined;
}
