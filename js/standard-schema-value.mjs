//! The value of a successful `~standard.validate` without the body round trip, and its JSON Schema
//! (`~standard.jsonSchema.output`), for standard-schema.js.
//
// The value is the request as the body sends it: JSON.parse of the body, element ids of
// element_list given as a BigInt or a string kept so. The old way built the body in wasm and
// parsed it back (≈ 15–20 % of a call). Here one walk over the input reads it once, as
// JSON.stringify with the tagging replacer (bindings/to-json.js) reads it, into a fresh copy of
// plain data: its plain JSON.stringify is the replacer's text, which the wasm validates
// (validate*Json, no body written), and the copy becomes the value by the writer's few edits
// (api/writer.rs): nulls left out of objects, the ignored fields dropped (the Report's
// field_ignored warnings), model_name named first when absent (its model_defaulted warning),
// durations as canonical digit strings, element ids as the body's numbers (element_list's keep
// the input's type with canonical digits). What the edits do not cover takes the body built
// from the same text (`sent`; `odd`, or valueOf undefined): a tagged value (NaN, functions,
// BigInt other than an element id, undefined in a list), the tag key, a lone surrogate, a cut
// Report. An input the walk cannot copy exactly (a boxed primitive, raw JSON, a number the
// object path reads otherwise than text, 64 deep, a toJSON on the way to an element id, or
// anything thrown) goes the old way, read again (snapshot null).

const TAG = "\u0000js";
const OP = Object.prototype;
const AP = Array.prototype;
const { isArray } = Array;
const { keys, hasOwn, defineProperty } = Object;
const toStr = OP.toString;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_DEPTH = 64;
const DIGITS = /^[0-9]+$/;
// The kinds SerializeJSONProperty unwraps ([[NumberData]], [[StringData]], [[BooleanData]], [[BigIntData]]).
const UNBOXERS = [Number.prototype.valueOf, String.prototype.valueOf, Boolean.prototype.valueOf, BigInt.prototype.valueOf];
const isRawJSON = typeof JSON.isRawJSON === "function" ? JSON.isRawJSON : () => false;
/** Where a BigInt's tag keeps the BigInt (a symbol key: JSON.stringify writes only the tag). */
const BIG = Symbol("bigint");
/** A BigInt's tag, as the replacer makes it, that keeps the BigInt for the value. */
export class BigTag {
  constructor(n) {
    this[TAG] = "bigint";
    this.v = n.toString();
    this[BIG] = n;
  }
  get bigint() {
    return this[BIG];
  }
}
/** Thrown inside the walk: this input goes the old way. */
const BAIL = Symbol("bail");
/** An edit that deletes its key. */
const DROP = Symbol("drop");
/** What a walked property gives when JSON.stringify leaves the key out (undefined in an object). */
const SKIP = Symbol("skip");

/**
 * `input` copied as JSON.stringify(input, replacer) reads it (toJSON called, tags made), or
 * null when the old path must read it. `{ tree, text, sites, odd }`: `text` is the replacer's
 * JSON text of it; `sites` the [object, key] pairs an edit may touch; `odd` that the value
 * must come from the body.
 */
export function snapshot(input) {
  // A toJSON the copy would inherit would run again in the plain stringify.
  if (typeof input !== "object" || input === null || isArray(input) || "toJSON" in OP || "toJSON" in AP) return null;
  const w = { sites: [], odd: false, raw: false };
  let tree;
  try {
    tree = prop(w, false, "", input, 0);
  } catch {
    return null;
  }
  if (tree === null || typeof tree !== "object" || isArray(tree) || w.raw) return null;
  const text = JSON.stringify(tree);
  // An escaped lone surrogate reads back as U+FFFD: the body then differs from the copy.
  if (text.includes("\\ud")) w.odd = true;
  return { tree, text, sites: w.sites, odd: w.odd };
}

/** One value as SerializeJSONProperty takes it, after the Get of `key` from its holder. */
function prop(w, inList, key, v, depth) {
  if ((typeof v === "object" && v !== null) || typeof v === "bigint") {
    const toJSON = v.toJSON;
    if (typeof toJSON === "function") {
      v = toJSON.call(v, typeof key === "number" ? String(key) : key);
      // The body's element ids get the type of the input's own (`sent` reads them without
      // toJSON): one on their way (the request, element_list, a list item, an id) -> the old way.
      if (depth === 0 || key === "element_list" || (inList && depth === 2) || key === "element_id") w.raw = true;
    }
  }
  // The replacer of to-json.js, then what JSON.stringify does with what it returns.
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "number":
      if (!Number.isFinite(v)) {
        w.odd = true;
        return { [TAG]: "number", v: String(v) };
      }
      // Past 2^53 the object path refuses an integer the text path reads as its digits (an
      // element id; the core reads those below 2^64 as a u64).
      if (v > MAX_SAFE && v < 2 ** 64) throw BAIL;
      // -0 is written 0.
      return v === 0 ? 0 : v;
    case "bigint":
      // Only an element id's is a value of the body; elsewhere the body has its own number.
      if (inList || key !== "element_id") w.odd = true;
      return new BigTag(v);
    case "undefined":
      if (!inList) return SKIP;
      w.odd = true;
      return { [TAG]: "undefined" };
    case "object":
      return v === null ? null : container(w, v, depth + 1);
    default:
      w.odd = true;
      return { [TAG]: typeof v };
  }
}

/** A list or an object, copied member by member in JSON.stringify's order of reads. */
function container(w, v, depth) {
  if (depth > MAX_DEPTH) throw BAIL;
  if (isArray(v)) {
    const n = v.length;
    if (typeof n !== "number") throw BAIL;
    const out = [];
    for (let i = 0; i < n; i++) out.push(prop(w, true, i, v[i], depth));
    return out;
  }
  // JSON.stringify unwraps a boxed primitive and writes raw JSON as it is: the old way does that.
  if (toStr.call(v) !== "[object Object]" && unboxes(v)) throw BAIL;
  if (isRawJSON(v)) throw BAIL;
  const ks = keys(v);
  const out = {};
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    const x = prop(w, false, k, v[k], depth);
    if (x === SKIP) continue;
    // A key Object.prototype has (a setter, __proto__) is made an own property, as JSON.parse does.
    if (k in OP) defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
    else out[k] = x;
    if (x === null || k === "duration" || k === "element_id") w.sites.push(out, k);
    if (k === TAG) w.odd = true;
  }
  return out;
}

/** Whether `v` holds a primitive JSON.stringify would unwrap (a brand check, no user code). */
function unboxes(v) {
  for (const valueOf of UNBOXERS) {
    try {
      valueOf.call(v);
      return true;
    } catch {
      // not this kind
    }
  }
  return false;
}

/**
 * The value from a snapshot whose text validated ok, with `report` (its issues: the warnings);
 * undefined when it must come from the body. `named`: the family's requests name a model.
 */
export function valueOf(snap, report, named) {
  const { tree, sites } = snap;
  // A null model_name counts as absent (json::Value::field), as the writer reads it.
  const modelGiven = hasOwn(tree, "model_name") && tree.model_name !== null;
  const list = isArray(tree.element_list) ? tree.element_list : null;
  // [object, key, value] to set (DROP: delete), made in full before any is (undefined may come).
  const edits = [];
  for (let i = 0; i < sites.length; i += 2) {
    const o = sites[i];
    const k = sites[i + 1];
    const v = o[k];
    if (v === null) edits.push(o, k, DROP);
    else if (typeof v === "object" && hasOwn(v, TAG) && !(v instanceof BigTag)) return undefined;
    else if (k === "duration") {
      if (typeof v === "number") {
        // The core's whole number (Num::as_i64) as its digits; a larger one, the body's way.
        if (Number.isSafeInteger(v)) edits.push(o, k, String(v));
        else if (Number.isInteger(v)) return undefined;
      } else if (typeof v === "string") {
        if (v.length > 1 && v[0] === "0" && DIGITS.test(v)) edits.push(o, k, canonical(v));
      } else if (v instanceof BigTag) return undefined;
    } else if (typeof v === "string") {
      // element_id: digits go out unquoted; element_list's come back as the input gave them.
      if (DIGITS.test(v)) edits.push(o, k, list !== null && list.includes(o) ? canonical(v) : Number(canonical(v)));
    } else if (v instanceof BigTag) {
      // The body's digits are the tag's; the value keeps the BigInt where they are its own.
      if (!DIGITS.test(v.v) || String(v.bigint) !== v.v || list === null || !list.includes(o)) return undefined;
      edits.push(o, k, v.bigint);
    }
  }
  let model;
  for (const i of report.issues) {
    if (i.code === "too_many_issues") return undefined;
    if (i.code === "field_ignored") {
      const field = i.path.slice(1);
      if (i.path[0] !== "/" || field.includes("/") || field.includes("~")) return undefined;
      edits.push(tree, field, DROP);
    } else if (i.code === "model_defaulted" && i.path === "/model_name") model = i.params?.model;
  }
  if (named && !modelGiven && typeof model !== "string") return undefined;
  for (let i = 0; i < edits.length; i += 3) {
    if (edits[i + 2] === DROP) delete edits[i][edits[i + 1]];
    else edits[i][edits[i + 1]] = edits[i + 2];
  }
  return named && !modelGiven ? { model_name: model, ...tree } : tree;
}

/** "00123" -> "123", "000" -> "0". */
function canonical(digits) {
  const t = digits.replace(/^0+/, "");
  return t === "" ? "0" : t;
}

/**
 * The body as a value: JSON.parse, then each element id the input gave as a BigInt or a string
 * back to that type with the body's exact digits (the body writes canonical digits: the input's
 * without leading zeros). `input`: the snapshot's copy, or the caller's value (read again, guarded).
 */
export function sent(body, input) {
  const value = JSON.parse(body);
  const list = value.element_list;
  if (!Array.isArray(list)) return value;
  let given;
  try {
    given = input.element_list;
  } catch {
    return value;
  }
  list.forEach((item, i) => {
    if (item === null || typeof item !== "object" || typeof item.element_id !== "number") return;
    let id;
    try {
      id = given[i].element_id;
    } catch {
      return;
    }
    // The copy's tag of a BigInt (a tag the caller wrote is an object: left as the body has it).
    if (id instanceof BigTag) id = id.bigint;
    if (typeof id !== "bigint" && typeof id !== "string") return;
    const digits = String(id).replace(/^0+(?=[0-9])/, "");
    // The same digits the body wrote (a value changed since it was read keeps the body's number).
    if (!/^[0-9]+$/.test(digits) || Number(digits) !== item.element_id) return;
    item.element_id = typeof id === "bigint" ? BigInt(digits) : digits;
  });
  return value;
}

// ---- the output JSON Schema -------------------------------------------------------------------

/** Canonical whole seconds, as the body writes a duration. */
const SENT_DURATION = { description: "Whole seconds as canonical digits (the body sends a duration as a string).", type: "string", pattern: "^(?:0|[1-9][0-9]*)$" };

/**
 * The input schema turned into the body's: a duration is digits (a string), model_name is
 * required, and no value is null (the body leaves nulls out). Ignored fields are dropped from the
 * body too, which the input's constraints already allow.
 */
export function outputSchema(doc) {
  const defs = doc.$defs ?? doc.definitions;
  if (defs?.duration !== undefined) defs.duration = { ...SENT_DURATION };
  // The families without models (custom-element, custom-voice) have no model_name to name.
  const models = Object.hasOwn(doc.properties ?? {}, "model_name");
  if (models) doc.required = [...new Set([...(doc.required ?? []), "model_name"])];
  if (typeof doc.title === "string") doc.title = doc.title.replace(/Request$/, "Body");
  const named = models ? "model_name always named, " : "";
  doc.description = `The body kling-wasm sends for a request validate() accepts (the value of a successful validate): durations as digit strings, ${named}no nulls, fields the API would ignore left out. ${doc.description ?? ""}`.trim();
  notNull(doc);
  return doc;
}

/** Removes null from the value schemas under `properties` and `items` (not from conditions). */
function notNull(node) {
  if (node === null || typeof node !== "object") return;
  if (node.properties && typeof node.properties === "object") {
    for (const value of Object.values(node.properties)) {
      dropNull(value);
      notNull(value);
    }
  }
  if (node.items && typeof node.items === "object" && !Array.isArray(node.items)) notNull(node.items);
}

function dropNull(schema) {
  if (schema === null || typeof schema !== "object") return;
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    if (types.length > 0) schema.type = types.length === 1 ? types[0] : types;
  }
  if (Array.isArray(schema.enum)) schema.enum = schema.enum.filter((v) => v !== null);
  const isNull = (s) => s !== null && typeof s === "object" && s.type === "null" && Object.keys(s).length === 1;
  if (Array.isArray(schema.anyOf)) schema.anyOf = schema.anyOf.filter((s) => !isNull(s));
  // A required field's "not null" says nothing once null is gone (and strict validators refuse it).
  if (isNull(schema.not)) delete schema.not;
}
