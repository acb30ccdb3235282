// requestJsonSchema (shipped as json-schema.js beside the package's entries, which re-export it):
// the JSON Schema of a family's request, draft 2020-12 or draft-07, a fresh copy each call. The
// documents are generated from the Rust schema tables into request-schemas.js
// (src/schema/gen/json_schema.rs); they are sound — never refuse a request validate() accepts with
// the default rules — and name in `description` the cross-field rules JSON Schema cannot say.
//
// Each constraint in the generated documents is tagged with the rule(s) it mirrors
// ("x-kling-rule": { keyword: rule | [rules] }; a cross-field constraint also with the form rules
// of the fields it reads). The copy strips the tags; `dropRules` (createRequestSchema's `rules`,
// standard-schema.js) first removes every keyword tagged with a rule the caller turned down, so
// the schema only gets looser, as validate() does (sound: tests/js/json-schema.test.mjs).
import { KlingError } from "./kling-error.js";
import { SCHEMA_TEXT } from "./request-schemas.js";

/** Each family's document, parsed from its JSON text on first use (request-schemas.js says why). */
const parsed = Object.create(null);
const documentOf = (family) => (parsed[family] ??= JSON.parse(SCHEMA_TEXT[family]));

const RULE_KEY = "x-kling-rule";
const TARGETS = ["draft-2020-12", "draft-07"];
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/**
 * The JSON Schema of a request of `family` ("omni-video", "text2video", "image2video",
 * "omni-image", "image-generation", "custom-element", "custom-voice"). `options.target`: "draft-2020-12" (the default) or "draft-07".
 * Throws KlingError code "config_error" for an unknown family or target.
 */
export function requestJsonSchema(family, options) {
  return schemaFor(family, targetOf(options), undefined);
}

/** `options.target`; a non-object options value or one whose read throws is a config_error. */
function targetOf(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object") {
    throw new KlingError(`requestJsonSchema: options must be an object ({ target }), got ${describe(options)}`, { code: "config_error" });
  }
  try {
    return options.target;
  } catch (cause) {
    throw new KlingError("requestJsonSchema: options.target could not be read", { code: "config_error", cause });
  }
}

/**
 * As requestJsonSchema, without the keywords of the rules in `dropRules` (a Set of rule ids whose
 * level the caller lowered to "warning" or "off").
 */
export function schemaFor(family, target = "draft-2020-12", dropRules) {
  const doc = typeof family === "string" && Object.hasOwn(SCHEMA_TEXT, family) ? documentOf(family) : undefined;
  if (doc === undefined) {
    throw new KlingError(`requestJsonSchema: unknown family ${describe(family)}; expected one of ${Object.keys(SCHEMA_TEXT).join(", ")}`, { code: "config_error" });
  }
  if (!TARGETS.includes(target)) {
    throw new KlingError(`requestJsonSchema: unknown target ${describe(target)}; expected "draft-2020-12" or "draft-07"`, { code: "config_error" });
  }
  const draft07 = target === "draft-07";
  const out = copy(doc, draft07, dropRules);
  if (draft07) out.$schema = DRAFT_07;
  return out;
}

function describe(value) {
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}

/** A deep copy of a schema node: tags stripped (and their keywords, for dropped rules), draft-07 spelling on request. */
function copy(node, draft07, dropRules) {
  if (Array.isArray(node)) return node.map((x) => copy(x, draft07, dropRules));
  if (node === null || typeof node !== "object") return node;
  const dropped = droppedKeywords(node[RULE_KEY], dropRules);
  // draft-07 has no minContains / maxContains: "contains" alone would demand what they allow to
  // be absent, so all three go (looser, still sound).
  const counted = draft07 && ("minContains" in node || "maxContains" in node);
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === RULE_KEY || dropped.has(key)) continue;
    if (counted && (key === "contains" || key === "minContains" || key === "maxContains")) continue;
    if (draft07 && key === "$defs") out.definitions = copy(value, draft07, dropRules);
    else if (draft07 && key === "$ref") out.$ref = value.replace(/^#\/\$defs\//, "#/definitions/");
    else out[key] = copy(value, draft07, dropRules);
  }
  // An "if" whose "then" and "else" were dropped says nothing (and strict validators refuse it).
  if ("if" in out && !("then" in out) && !("else" in out)) delete out.if;
  return out;
}

/** The keywords of a node's tags whose rule is in `dropRules`. */
function droppedKeywords(tags, dropRules) {
  const keys = new Set();
  if (tags === undefined || dropRules === undefined || dropRules.size === 0) return keys;
  for (const [keyword, rules] of Object.entries(tags)) {
    if ((Array.isArray(rules) ? rules : [rules]).some((r) => dropRules.has(r))) keys.add(keyword);
  }
  return keys;
}
