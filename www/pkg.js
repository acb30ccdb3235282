// The package, loaded once for the page, and the families as the page uses them: the
// validate/build functions for JSON text, the client method that creates a task, and the
// endpoint facts (path, default model, models, each model's choices) from capabilities(); for
// the families without models (custom elements and voices) the choices are the enums of
// requestJsonSchema(). Nothing else knows names or values.
// The package's browser entry starts loading its module at import without waiting for it; this
// page draws its form from capabilities(), so it waits for `ready` here (an app that renders
// first can call validate at once: it reports not_ready until then). The probes come from
// "kling-wasm/media", whose own .wasm loads on the first probe.

import * as lib from "/pkg/index.js";

await lib.ready;

export const { KlingClient, KlingError, estimateCost } = lib;
export { probeImage, probeVideo } from "/pkg/media/index.js";
export const caps = lib.capabilities();

const FAMILY_FUNCTIONS = {
  "omni-video": ["OmniVideo", "Omni-Video", "全能视频"],
  text2video: ["TextToVideo", "Text-to-Video", "文生视频"],
  image2video: ["ImageToVideo", "Image-to-Video", "图生视频"],
  "omni-image": ["OmniImage", "Omni-Image", "全能图片"],
  "image-generation": ["ImageGeneration", "Image generation", "图片生成"],
};
/** The element and voice libraries' create families: dialogs (create.js), not tabs. */
const LIBRARY_FUNCTIONS = {
  "custom-element": ["CustomElement", "New element", "新建主体"],
  "custom-voice": ["CustomVoice", "New voice", "新建音色"],
};

/** `{ "dotted.path": { values } }` for every enum in a request JSON Schema (null left out). */
function schemaEnums(schema, parent = "", out = {}) {
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    const path = parent ? `${parent}.${key}` : key;
    if (Array.isArray(prop.enum)) out[path] = { values: prop.enum.filter((v) => v !== null) };
    if (prop.properties) schemaEnums(prop, path, out);
    if (prop.items?.properties) schemaEnums(prop.items, path, out);
  }
  return out;
}

const familyOf = ([id, [name, en, zh]]) => {
  const endpoint = caps.endpoints.find((e) => e.family === id);
  // No models: one choices row (model null) from the JSON Schema's enums.
  const choices = endpoint.models.length ? endpoint.choices : [{ model: null, fields: schemaEnums(lib.requestJsonSchema(id)) }];
  return {
    id,
    title: { en, zh },
    path: endpoint.path,
    defaultModel: endpoint.default_model,
    models: endpoint.models,
    choices,
    validate: lib[`validate${name}Json`],
    build: lib[`build${name}BodyJson`],
    create: `create${name}`,
  };
};

/** The tabs in the page's order (Omni-Video first), each with its package functions. */
export const FAMILIES = Object.entries(FAMILY_FUNCTIONS).map(familyOf);
/** "custom-element" / "custom-voice" -> the family, as FAMILIES has them. */
export const LIBRARY = Object.fromEntries(Object.entries(LIBRARY_FUNCTIONS).map((e) => [e[0], familyOf(e)]));

/** The capability row of `model` (or of the family's default model when none is chosen). */
export function modelCaps(family, model) {
  return caps.models.find((m) => m.model === (model || family.defaultModel)) ?? null;
}

/** What `model` (or the family's default model) offers per field path: `{ values }` or
 *  `{ min, max }`, from capabilities(). For a model the family does not serve, every model's
 *  values together, so the form still offers the family's values (the package reports the model). */
export function modelChoices(family, model) {
  const row = family.choices.find((c) => c.model === (model || family.defaultModel) || c.model === null);
  if (row) return row.fields;
  const all = {};
  for (const { fields } of family.choices) {
    for (const [path, c] of Object.entries(fields)) {
      if (!c.values) all[path] ??= c;
      else all[path] = { values: [...new Set([...(all[path]?.values ?? []), ...c.values])] };
    }
  }
  return all;
}
