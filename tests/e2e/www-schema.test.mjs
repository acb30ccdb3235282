//! The demo form offers every field of every request, at every depth: www/schema.js is compared
//! with the request types the package declares (pkg/kling_wasm.d.ts, generated from the schema
//! tables), so a field added to a table and not to the page fails here. And
//! the page's selects take their values from capabilities() (each model's `choices`) — or, for
//! the families without models (custom elements and voices), from requestJsonSchema()'s enums —
//! never from lists of their own: every select names a field the library gives values for.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { SCHEMAS } from "../../www/schema.js";
import lib from "../js/load-pkg.mjs";

const dts = readFileSync(new URL(`../../${process.env.KLING_PKG ?? "pkg"}/kling_wasm.d.ts`, import.meta.url), "utf8");

/** name -> { fields: Map(field -> type text) } of every `export interface`, `extends` resolved. */
function interfaces() {
  const raw = new Map();
  for (const m of dts.matchAll(/^export interface (\w+)(?: extends ([\w, ]+))? \{\n([\s\S]*?)^\}/gm)) {
    // Two-space fields (the generated request types) or four (wasm-bindgen's); `| null | undefined`
    // (an optional field may be null or undefined: not given) is not part of the field's type here.
    const fields = new Map([...m[3].matchAll(/^ {2}(?: {2})?(\w+)\??: (.+);$/gm)].map((f) => [f[1], f[2].replace(/ \| null( \| undefined)?$/, "")]));
    raw.set(m[1], { parents: m[2] ? m[2].split(",").map((s) => s.trim()) : [], fields });
  }
  const resolve = (name) => {
    const it = raw.get(name);
    assert.ok(it, `interface ${name} is declared`);
    return new Map([...it.parents.flatMap((p) => [...resolve(p)]), ...it.fields]);
  };
  return resolve;
}

const fieldsOf = interfaces();
const REQUESTS = {
  "omni-video": "OmniVideoRequest", text2video: "TextToVideoRequest", image2video: "ImageToVideoRequest", "omni-image": "OmniImageRequest",
  "image-generation": "ImageGenerationRequest", "custom-element": "CustomElementRequest", "custom-voice": "CustomVoiceRequest",
};

/** Compares a schema level with an interface, then the lists' items and the objects inside. */
function compare(where, specs, declared) {
  assert.deepEqual(specs.map((s) => s.key).sort(), [...declared.keys()].sort(), `${where}: the form's fields are the request's`);
  for (const spec of specs) {
    const type = declared.get(spec.key);
    const inner = /^(?:readonly )?(\w+)\[\]$/.exec(type)?.[1] ?? (/^[A-Z]\w*$/.test(type) ? type : null);
    if (spec.kind === "list" && spec.item) compare(`${where}/${spec.key}/0`, spec.item, fieldsOf(inner));
    if (spec.kind === "object") compare(`${where}/${spec.key}`, spec.fields, fieldsOf(inner));
  }
}

test("the demo form has every field of each request type, nested ones included", () => {
  assert.deepEqual(Object.keys(SCHEMAS).sort(), Object.keys(REQUESTS).sort(), "a form for each family");
  for (const [family, name] of Object.entries(REQUESTS)) compare(family, SCHEMAS[family], fieldsOf(name));
});

/** The enum values (null left out) at a dotted path of a request JSON Schema, or []. */
function schemaEnum(schema, path) {
  let node = schema;
  for (const key of path.split(".")) node = (node.items ?? node)?.properties?.[key];
  return (node?.enum ?? []).filter((v) => v !== null);
}

/** Every select of a schema level, with its dotted choices path ("image_list.type"). */
function selects(specs, parent = "") {
  return specs.flatMap((s) => {
    const path = parent ? `${parent}.${s.key}` : s.key;
    const inner = s.item ?? s.fields ?? [];
    return [...(s.kind === "select" ? [[path, s]] : []), ...selects(inner, path)];
  });
}

test("every select takes its values from capabilities(), none from a list of its own", () => {
  const caps = lib.capabilities();
  for (const [family, specs] of Object.entries(SCHEMAS)) {
    const endpoint = caps.endpoints.find((e) => e.family === family);
    assert.deepEqual(endpoint.choices.map((c) => c.model), endpoint.models, `${family}: choices for each model`);
    for (const [path, spec] of selects(specs)) {
      assert.equal(spec.choices, undefined, `${family}/${path}: no values in www/schema.js`);
      // No models (custom-element, custom-voice): the values are the JSON Schema's enum (pkg.js).
      const values = endpoint.models.length ? endpoint.choices.flatMap((c) => c.fields[path]?.values ?? []) : schemaEnum(lib.requestJsonSchema(family), path);
      assert.ok(values.length > 0, `${family}/${path}: the library offers values for it`);
    }
  }
  // Spot checks of what the form will offer: narrowed per model by the library.
  const fields = (family, model) => caps.endpoints.find((e) => e.family === family).choices.find((c) => c.model === model).fields;
  assert.deepEqual(fields("omni-image", "kling-image-o1").result_type.values, ["single"]);
  assert.deepEqual(fields("omni-video", "kling-video-o1")["image_list.type"].values, ["first_frame", "end_frame"]);
  assert.deepEqual(fields("text2video", "kling-v2-6").duration.values, [5, 10]);
  assert.deepEqual(fields("image-generation", "kling-v1").resolution.values, ["1k"]);
  assert.deepEqual(schemaEnum(lib.requestJsonSchema("custom-element"), "reference_type"), ["image_refer", "video_refer"]);
  assert.equal(schemaEnum(lib.requestJsonSchema("custom-element"), "tag_list.tag_id")[0], "o_101");
});
