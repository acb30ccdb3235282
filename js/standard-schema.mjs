// standard-schema.js (shipped beside the package's entries, which re-export it): each request
// family as a Standard Schema v1 object (https://standardschema.dev, `@standard-schema/spec`),
// so form libraries take it the way they take a zod schema:
//   react-hook-form   useForm({ resolver: standardSchemaResolver(omniVideoSchema) })
//   TanStack Form     useForm({ validators: { onChange: omniVideoSchema } })
//
// `~standard.validate(value)` is synchronous and never throws: the input is read once into a copy
// whose JSON text one call into the wasm validates (validate<Family>Json); success is `{ value }`,
// the request as the body sends it (durations as digit strings, model_name explicit, ignored
// fields and nulls dropped: the copy edited as the body writer does, standard-schema-value.js,
// equal to JSON.parse of the body), with element ids given as a BigInt or a string kept so (a
// JSON number above 2^53 would lose digits). Failure is `{ issues }`, the Report's errors, each at an array
// path (["image_list", 0, "image_url"]) with its code and rule; warnings never fail it:
// `schema.warnings(value)` gives them, in the same shape, for a form to show beside its fields.
// `~standard.jsonSchema.input / output({ target })` are the JSON Schema of what validate takes
// and of what it gives (Standard JSON Schema v1), with createRequestSchema's `rules` applied.
// `dependentFields(family, field)` names the fields a form re-validates when `field` changes.
import { KlingError } from "./kling-error.js";
import { isReady, notReadyReport } from "./ready.js";
import { schemaFor } from "./json-schema.js";
import { DEPENDENTS, RULE_IDS } from "./standard-schema-data.js";
import { outputSchema, sent, snapshot, valueOf } from "./standard-schema-value.js";
import {
  validateAndBuildCustomElement,
  validateAndBuildCustomElementJson,
  validateAndBuildCustomVoice,
  validateAndBuildCustomVoiceJson,
  validateAndBuildImageGeneration,
  validateAndBuildImageGenerationJson,
  validateAndBuildImageToVideo,
  validateAndBuildImageToVideoJson,
  validateAndBuildOmniImage,
  validateAndBuildOmniImageJson,
  validateAndBuildOmniVideo,
  validateAndBuildOmniVideoJson,
  validateAndBuildTextToVideo,
  validateAndBuildTextToVideoJson,
  validateCustomElementJson,
  validateCustomVoiceJson,
  validateImageGenerationJson,
  validateImageToVideoJson,
  validateOmniImageJson,
  validateOmniVideoJson,
  validateTextToVideoJson,
} from "./kling_wasm.js";

const VALIDATE = {
  "omni-video": validateAndBuildOmniVideo,
  text2video: validateAndBuildTextToVideo,
  image2video: validateAndBuildImageToVideo,
  "omni-image": validateAndBuildOmniImage,
  "image-generation": validateAndBuildImageGeneration,
  "custom-element": validateAndBuildCustomElement,
  "custom-voice": validateAndBuildCustomVoice,
};
/** The same from the copy's JSON text (standard-schema-value.js): [validate only, validate + build]. */
const FROM_TEXT = {
  "omni-video": [validateOmniVideoJson, validateAndBuildOmniVideoJson],
  text2video: [validateTextToVideoJson, validateAndBuildTextToVideoJson],
  image2video: [validateImageToVideoJson, validateAndBuildImageToVideoJson],
  "omni-image": [validateOmniImageJson, validateAndBuildOmniImageJson],
  "image-generation": [validateImageGenerationJson, validateAndBuildImageGenerationJson],
  "custom-element": [validateCustomElementJson, validateAndBuildCustomElementJson],
  "custom-voice": [validateCustomVoiceJson, validateAndBuildCustomVoiceJson],
};
/** The element and voice libraries name no model. */
const MODELLESS = new Set(["custom-element", "custom-voice"]);
const TARGETS = ["draft-2020-12", "draft-07"];
const OPTION_KEYS = ["locale", "rules", "elementTypes"];
const LEVELS = ["error", "warning", "off"];
const ELEMENT_TYPES = ["image_refer", "video_refer"];
/** Fields read from one options object, as the wasm's options reader (bindings/options.rs). */
const MAX_FIELDS = 10_000;
const RULE_SET = new Set(RULE_IDS);

/**
 * A Standard Schema of `family`'s requests, validating with `options` (`locale`, `rules`,
 * `elementTypes`, as validate* take them). The options are checked and copied now: a bad one
 * throws KlingError "config_error" naming every problem.
 */
export function createRequestSchema(family, options) {
  if (typeof family !== "string" || !Object.hasOwn(VALIDATE, family)) {
    throw new KlingError(`createRequestSchema: unknown family ${describe(family)}; expected one of ${Object.keys(VALIDATE).join(", ")}`, { code: "config_error" });
  }
  const opts = readOptions(options);
  const run = VALIDATE[family];
  const [validateText, buildText] = FROM_TEXT[family];
  const named = !MODELLESS.has(family);
  // Rules turned down: their JSON Schema keywords go, as validate() stops refusing what they refused.
  const dropRules = new Set(Object.entries(opts.rules ?? {}).filter(([, level]) => level !== "error").map(([rule]) => rule));
  // No options: none crosses into the wasm (reading an empty object there cost ~1.5 µs a call).
  const runOpts = Object.keys(opts).length > 0 ? opts : undefined;
  /** The Report of `value` and its copy (null: read by the old path, validateAndBuild). */
  const check = (value) => {
    const snap = snapshot(value);
    return { snap, report: snap === null ? run(value, runOpts).report : validateText(snap.text, runOpts) };
  };
  const standard = Object.freeze({
    version: 1,
    vendor: "kling-wasm",
    validate(value) {
      try {
        if (!isReady()) return failed(notReadyReport(opts.locale), value);
        // The input read once into a copy whose text the wasm validates; the copy becomes the
        // value (standard-schema-value.js). null: the old way (the input read by validateAndBuild).
        const snap = snapshot(value);
        if (snap !== null && !snap.odd) {
          const report = validateText(snap.text, runOpts);
          const failure = failed(report, value);
          if (failure !== undefined) return failure;
          const made = valueOf(snap, report, named);
          if (made !== undefined) return { value: made };
        }
        const { report, body } = snap === null ? run(value, runOpts) : buildText(snap.text, runOpts);
        const failure = failed(report, value);
        if (failure !== undefined) return failure;
        if (body === undefined) return { issues: [unexpected(new Error("no body"), opts.locale)] };
        return { value: sent(body, snap === null ? value : snap.tree) };
      } catch (e) {
        return { issues: [unexpected(e, opts.locale)] };
      }
    },
    jsonSchema: Object.freeze({
      input: (options) => schemaFor(family, targetOf(options), dropRules),
      output: (options) => outputSchema(schemaFor(family, targetOf(options), dropRules)),
    }),
    types: undefined,
  });
  return Object.freeze({
    "~standard": standard,
    /** The warnings validate() leaves out, in its issue shape ([] before the module is ready). */
    warnings(value) {
      try {
        if (!isReady()) return [];
        // (No body needed: the Report of the copy's text, as validate reads it.)
        return check(value).report.issues.filter((i) => i.severity === "warning").map((i) => issue(i, value));
      } catch (e) {
        return [];
      }
    },
  });
}

/** Each family with the default options. */
export const omniVideoSchema = /*#__PURE__*/ createRequestSchema("omni-video");
export const textToVideoSchema = /*#__PURE__*/ createRequestSchema("text2video");
export const imageToVideoSchema = /*#__PURE__*/ createRequestSchema("image2video");
export const omniImageSchema = /*#__PURE__*/ createRequestSchema("omni-image");
export const imageGenerationSchema = /*#__PURE__*/ createRequestSchema("image-generation");
export const customElementSchema = /*#__PURE__*/ createRequestSchema("custom-element");
export const customVoiceSchema = /*#__PURE__*/ createRequestSchema("custom-voice");

/**
 * The other top-level fields of `family`'s requests whose issues can change when `field`
 * changes (a form re-validates them: react-hook-form's `trigger(dependentFields(...))`), from
 * the schema tables: the model narrows durations, modes, sound...; cross-field rules read
 * several fields. A fresh array; [] for a field with none. An unknown family or field throws
 * KlingError "config_error".
 */
export function dependentFields(family, field) {
  const map = typeof family === "string" && Object.hasOwn(DEPENDENTS, family) ? DEPENDENTS[family] : undefined;
  if (map === undefined) {
    throw new KlingError(`dependentFields: unknown family ${describe(family)}; expected one of ${Object.keys(DEPENDENTS).join(", ")}`, { code: "config_error" });
  }
  if (typeof field !== "string" || !Object.hasOwn(map, field)) {
    throw new KlingError(`dependentFields: ${family} has no field ${describe(field)}`, { code: "config_error" });
  }
  return [...map[field]];
}

function describe(value) {
  return typeof value === "string" ? JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value) : typeof value;
}

/** The target of a Standard JSON Schema options argument; anything but the two drafts throws. */
function targetOf(options) {
  let target;
  try {
    target = options?.target;
  } catch (cause) {
    throw new KlingError("jsonSchema: options.target could not be read", { code: "config_error", cause });
  }
  if (!TARGETS.includes(target)) {
    throw new KlingError(`jsonSchema: unsupported target ${describe(target)}; kling-wasm writes "draft-2020-12" and "draft-07"`, { code: "config_error" });
  }
  return target;
}

// ---- options ---------------------------------------------------------------------------------

/**
 * The options, checked and copied into plain objects (a later change to the caller's object
 * does not reach the schema; getters run once). Throws one config_error listing every problem.
 */
function readOptions(options) {
  const problems = [];
  const out = {};
  const top = fields(options, "options", problems);
  for (const [key, value] of top) {
    if (!OPTION_KEYS.includes(key)) {
      problems.push(`unknown option ${JSON.stringify(key)} (expected ${OPTION_KEYS.join(", ")})`);
    } else if (value === undefined || value === null) {
      continue;
    } else if (key === "locale") {
      if (value === "en" || value === "zh") out.locale = value;
      else problems.push(`locale must be "en" or "zh", got ${describe(value)}`);
    } else {
      const allowed = key === "rules" ? LEVELS : ELEMENT_TYPES;
      const record = Object.create(null);
      for (const [k, v] of fields(value, key, problems)) {
        if (v === undefined) continue;
        if (key === "rules" && !RULE_SET.has(k)) problems.push(`rules.${k}: not a rule id of docs/rules.md`);
        else if (!allowed.includes(v)) problems.push(`${key}.${k} must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, got ${describe(v)}`);
        else record[k] = v;
      }
      out[key] = record;
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join("; ");
    const more = problems.length > 20 ? ` (and ${problems.length - 20} more)` : "";
    throw new KlingError(`createRequestSchema: bad options: ${shown}${more}`, { code: "config_error" });
  }
  return Object.freeze(out);
}

/** The own enumerable fields of a plain object (none for undefined / null), each read once. */
function fields(value, path, problems) {
  if (value === undefined || value === null) return [];
  try {
    // (Inside the try: the tag of a Proxy is read through its traps.)
    if (typeof value !== "object" || Object.prototype.toString.call(value) !== "[object Object]") {
      problems.push(`${path} must be a plain object, got ${Array.isArray(value) ? "an array" : typeof value}`);
      return [];
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_FIELDS) {
      problems.push(`${path} has ${keys.length} fields, more than ${MAX_FIELDS}`);
      return [];
    }
    return keys.map((k) => [k, value[k]]);
  } catch (e) {
    problems.push(`${path} could not be read (${e instanceof Error ? e.message : "a getter threw"})`);
    return [];
  }
}

// ---- results ---------------------------------------------------------------------------------

/** The failure of a Report with errors (`{ issues }`, paths read from `input`); undefined when it has none. */
function failed(report, input) {
  const errors = report.issues.filter((i) => i.severity === "error");
  return errors.length > 0 ? { issues: errors.map((i) => issue(i, input)) } : undefined;
}

/** A Report issue as a Standard Schema issue: its message, array path, code and rule (and params). */
function issue(i, input) {
  const out = { message: i.message, path: pathOf(i.path, input), code: i.code, rule: i.rule };
  if (i.params !== undefined) out.params = i.params;
  return out;
}

/**
 * The JSON pointer as an array path: "" -> [], "/image_list/0/image_url" -> ["image_list", 0,
 * "image_url"] (~1 and ~0 unescaped). A segment is a number where the input holds an array there
 * (read again, guarded; where it cannot be read, digits without a leading zero are an index).
 */
function pathOf(pointer, input) {
  if (pointer === "") return [];
  let node = input;
  let known = true;
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      const index = /^(?:0|[1-9][0-9]*)$/.test(key);
      let isArray = index;
      if (known) {
        try {
          isArray = Array.isArray(node);
          node = node === null || typeof node !== "object" ? undefined : node[key];
        } catch {
          known = false;
        }
      }
      return isArray && index ? Number(key) : key;
    });
}

/** The issue for a value the module could not check at all (it never throws; this should not happen). */
function unexpected(e, locale) {
  const detail = (() => {
    try {
      return e instanceof Error ? e.message : String(e);
    } catch {
      return "unknown error";
    }
  })();
  const message = locale === "zh" ? `无法校验该值：${detail}` : `The value could not be validated: ${detail}`;
  return { message, path: [], code: "invalid_json", rule: "GEN-JSON" };
}
