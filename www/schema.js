// What the form shows for each family: every request field of kling-api.md §4.1, §5.1, §6.1,
// §7.1 and §8.1–§8.3 with its control, and which capability (from capabilities(), per model)
// offers it. `pick` ("element" | "voice") puts a library picker (picker.js) on a list or field.
// Presentation only: no values. A select's options are the chosen model's choices for that field
// from capabilities() (`endpoints[i].choices`, read by form.js under the field's dotted path, e.g.
// "image_list.type"), so a value added to the library's tables shows up here with no edit.
// The package checks every value; a select keeps any value it is given.
// kinds: model, select, text, textarea, number, checkbox, list, object, json; media: image | video.
// offered(m, c): m is the model's capability row, c its choices (field path -> { values | min, max }).

const has = (v) => v !== null && v !== undefined;
const select = (key, more) => ({ key, kind: "select", ...more });

const MODEL = { key: "model_name", kind: "model" };
// A fixed-mode model has no modes (it ignores the field); an image model no durations.
const MODE = select("mode", { offered: (_m, c) => c.mode?.values.length > 0 });
const DURATION = select("duration", { unit: "s", offered: (_m, c) => c.duration?.values.length > 0 });
const SOUND = select("sound", { offered: (m) => has(m?.sound) });
const ASPECT = select("aspect_ratio");
const MULTI_SHOT = { key: "multi_shot", kind: "checkbox", offered: (m) => m?.multi_shot };
// Shown while multi_shot is on (or when the request has them, so their issues have a place).
const multiShotOn = (req) => req.multi_shot === true;
const SHOT_TYPE = select("shot_type", { offered: (m) => m?.multi_shot, when: multiShotOn });
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
  key: "element_list", kind: "list", pick: "element", offered: (m) => m && m.elements !== "none",
  item: [{ key: "element_id", kind: "text", grow: true }], make: () => ({ element_id: "" }),
};
const VOICES = {
  key: "voice_list", kind: "list", pick: "voice", offered: (m) => has(m?.voice),
  item: [{ key: "voice_id", kind: "text", grow: true }], make: () => ({ voice_id: "" }),
};
const CAMERA = (family) => ({
  key: "camera_control", kind: "object", offered: (m) => m?.camera_control.some(([e]) => e === family),
  fields: [
    select("type"),
    { key: "config", kind: "object", fields: ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"].map((key) => ({ key, kind: "number", narrow: true })) },
  ],
});
const CALLBACK_AND_ID = [{ key: "callback_url", kind: "text" }, { key: "external_task_id", kind: "text" }];
const TAIL = [{ key: "watermark_info", kind: "object", fields: [{ key: "enabled", kind: "checkbox" }] }, ...CALLBACK_AND_ID];
// The custom element's lists: the one its reference_type needs shows (the other only when set).
const imageRefer = (req) => req.reference_type !== "video_refer";
const videoRefer = (req) => req.reference_type === "video_refer";

export const SCHEMAS = {
  "omni-video": [
    MODEL, MODE, ASPECT, DURATION, SOUND, MULTI_SHOT, SHOT_TYPE, PROMPT("image", "element", "video"), SHOTS,
    {
      key: "image_list", kind: "list", make: () => ({ image_url: "" }),
      item: [{ key: "image_url", kind: "text", media: "image", grow: true }, select("type")],
    },
    ELEMENTS,
    {
      key: "video_list", kind: "list", offered: (m) => m?.video_reference, make: () => ({ video_url: "", refer_type: "feature" }),
      item: [
        { key: "video_url", kind: "text", media: "video", grow: true },
        select("refer_type"),
        select("keep_original_sound"),
      ],
    },
    ...TAIL,
  ],
  text2video: [
    MODEL, MODE, ASPECT, DURATION, SOUND, CFG, MULTI_SHOT, SHOT_TYPE, PROMPT("voice"), NEGATIVE, SHOTS,
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
    select("resolution"),
    select("result_type"),
    { key: "n", kind: "number" },
    { key: "series_amount", kind: "number", offered: (m) => m?.series },
    ASPECT,
    PROMPT("image", "element"),
    { key: "image_list", kind: "list", item: [{ key: "image", kind: "text", media: "image", grow: true }], make: () => ({ image: "" }) },
    ELEMENTS, ...TAIL,
  ],
  "image-generation": [
    MODEL,
    select("resolution"),
    { key: "n", kind: "number" },
    select("aspect_ratio"),
    { key: "prompt", kind: "textarea" },
    NEGATIVE,
    { key: "image", kind: "text", media: "image" },
    select("image_reference", { offered: (m) => m?.image_reference }),
    { key: "image_fidelity", kind: "number" },
    { key: "human_fidelity", kind: "number", offered: (m) => m?.image_reference },
    ELEMENTS, ...CALLBACK_AND_ID,
  ],
  // The library's create dialogs (create.js): no models, so selects take the JSON Schema's enums.
  "custom-element": [
    { key: "element_name", kind: "text" },
    select("reference_type"),
    { key: "element_description", kind: "textarea", rows: 2 },
    {
      key: "element_image_list", kind: "object", when: imageRefer,
      fields: [
        { key: "frontal_image", kind: "text", media: "image" },
        { key: "refer_images", kind: "list", item: [{ key: "image_url", kind: "text", media: "image", grow: true }], make: () => ({ image_url: "" }) },
      ],
    },
    {
      key: "element_video_list", kind: "object", when: videoRefer,
      fields: [{ key: "refer_videos", kind: "list", item: [{ key: "video_url", kind: "text", grow: true }], make: () => ({ video_url: "" }) }],
    },
    { key: "element_voice_id", kind: "text", pick: "voice", when: videoRefer },
    // A new tag row starts at the first tag id the schema offers (choices, from create.js).
    { key: "tag_list", kind: "list", item: [select("tag_id")], make: (_i, c) => ({ tag_id: c?.["tag_list.tag_id"]?.values[0] ?? "" }) },
    ...CALLBACK_AND_ID,
  ],
  "custom-voice": [{ key: "voice_name", kind: "text" }, { key: "voice_url", kind: "text" }, { key: "video_id", kind: "text" }, ...CALLBACK_AND_ID],
};

/** Small controls go in the grid at the top; the rest get a full row. */
export const isWide = (f) => ["textarea", "list", "object", "json"].includes(f.kind) || f.media || f.kind === "text";
