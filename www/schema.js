// What the form shows for each family: every request field of kling-api.md §4.1, §5.1, §6.1 and
// §7.1 with its control, and which capability (from capabilities(), per model) offers it.
// Presentation data only: the package checks every value; a select keeps any value it is given.
// kinds: model, select, text, textarea, number, checkbox, list, object, json; media: image | video.

const choices = (...values) => () => values;
const ASPECT = choices("16:9", "9:16", "1:1");
const has = (v) => v !== null && v !== undefined;

const MODEL = { key: "model_name", kind: "model" };
const MODE = { key: "mode", kind: "select", choices: (m) => m?.modes ?? [], offered: (m) => m?.modes.length > 0 };
const DURATION = { key: "duration", kind: "select", choices: (m) => (m?.durations ?? []).map(String), unit: "s", offered: (m) => m?.durations.length > 0 };
const SOUND = { key: "sound", kind: "select", choices: choices("on", "off"), offered: (m) => has(m?.sound) };
const MULTI_SHOT = { key: "multi_shot", kind: "checkbox", offered: (m) => m?.multi_shot };
// Shown while multi_shot is on (or when the request has them, so their issues have a place).
const multiShotOn = (req) => req.multi_shot === true;
const SHOT_TYPE = { key: "shot_type", kind: "select", choices: choices("customize", "intelligence"), offered: (m) => m?.multi_shot, when: multiShotOn };
/** The prompt, with the kinds of `<<<kind_N>>>` references the family takes (kling-api.md §2.4). */
const PROMPT = (...refs) => ({ key: "prompt", kind: "textarea", refs });
const NEGATIVE = { key: "negative_prompt", kind: "textarea", rows: 2 };
const CFG = { key: "cfg_scale", kind: "number", offered: (m) => m?.cfg_scale };
const SHOTS = {
  key: "multi_prompt", kind: "list", shots: true, offered: (m) => m?.multi_shot, when: multiShotOn,
  item: [{ key: "index", kind: "number", narrow: true }, { key: "prompt", kind: "text", grow: true }, { key: "duration", kind: "text", narrow: true }],
  make: (i) => ({ index: i + 1, prompt: "", duration: "3" }),
};
const ELEMENTS = {
  key: "element_list", kind: "list", offered: (m) => m && m.elements !== "none",
  item: [{ key: "element_id", kind: "text", grow: true }], make: () => ({ element_id: "" }),
};
const VOICES = {
  key: "voice_list", kind: "list", offered: (m) => has(m?.voice),
  item: [{ key: "voice_id", kind: "text", grow: true }], make: () => ({ voice_id: "" }),
};
const CAMERA = (family) => ({
  key: "camera_control", kind: "object", offered: (m) => m?.camera_control.some(([e]) => e === family),
  fields: [
    { key: "type", kind: "select", choices: choices("simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward") },
    { key: "config", kind: "object", fields: ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"].map((key) => ({ key, kind: "number", narrow: true })) },
  ],
});
const TAIL = [
  { key: "watermark_info", kind: "object", fields: [{ key: "enabled", kind: "checkbox" }] },
  { key: "callback_url", kind: "text" },
  { key: "external_task_id", kind: "text" },
];

export const SCHEMAS = {
  "omni-video": [
    MODEL, MODE, { key: "aspect_ratio", kind: "select", choices: ASPECT }, DURATION, SOUND, MULTI_SHOT, SHOT_TYPE, PROMPT("image", "element", "video"), SHOTS,
    {
      key: "image_list", kind: "list", make: () => ({ image_url: "" }),
      item: [{ key: "image_url", kind: "text", media: "image", grow: true }, { key: "type", kind: "select", choices: choices("first_frame", "end_frame") }],
    },
    ELEMENTS,
    {
      key: "video_list", kind: "list", offered: (m) => m?.video_reference, make: () => ({ video_url: "", refer_type: "feature" }),
      item: [
        { key: "video_url", kind: "text", media: "video", grow: true },
        { key: "refer_type", kind: "select", choices: choices("feature", "base") },
        { key: "keep_original_sound", kind: "select", choices: choices("yes", "no") },
      ],
    },
    ...TAIL,
  ],
  text2video: [
    MODEL, MODE, { key: "aspect_ratio", kind: "select", choices: ASPECT }, DURATION, SOUND, CFG, MULTI_SHOT, SHOT_TYPE, PROMPT("voice"), NEGATIVE, SHOTS,
    VOICES, CAMERA("text2video"), ...TAIL,
  ],
  image2video: [
    MODEL, MODE, DURATION, SOUND, CFG, MULTI_SHOT, SHOT_TYPE,
    { key: "image", kind: "text", media: "image" },
    { key: "image_tail", kind: "text", media: "image", offered: (m) => has(m?.start_end_frame) || has(m?.end_frame_only) },
    PROMPT("image", "element", "voice"), NEGATIVE, SHOTS, ELEMENTS, VOICES, CAMERA("image2video"),
    { key: "static_mask", kind: "text", media: "image", offered: (m) => has(m?.motion_brush) },
    {
      key: "dynamic_masks", kind: "list", offered: (m) => has(m?.motion_brush), make: () => ({ mask: "", trajectories: [{ x: 0, y: 0 }, { x: 100, y: 100 }] }),
      item: [{ key: "mask", kind: "text", media: "image", grow: true }, { key: "trajectories", kind: "json", grow: true }],
    },
    ...TAIL,
  ],
  "omni-image": [
    MODEL,
    { key: "resolution", kind: "select", choices: (m) => m?.resolutions ?? [] },
    { key: "result_type", kind: "select", choices: (m) => (m?.series ? ["single", "series"] : ["single"]) },
    { key: "n", kind: "number" },
    { key: "series_amount", kind: "number", offered: (m) => m?.series },
    { key: "aspect_ratio", kind: "select", choices: choices("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "auto") },
    PROMPT("image", "element"),
    { key: "image_list", kind: "list", item: [{ key: "image", kind: "text", media: "image", grow: true }], make: () => ({ image: "" }) },
    ELEMENTS, ...TAIL,
  ],
};

/** Small controls go in the grid at the top; the rest get a full row. */
export const isWide = (f) => ["textarea", "list", "object", "json"].includes(f.kind) || f.media || f.kind === "text";
