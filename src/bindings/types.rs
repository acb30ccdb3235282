//! TypeScript declarations of what the exports take and return, where tsify cannot derive them
//! (Report and Issue serialize by hand in issue.rs; the options are read from JSON; the
//! capability map's outer object is built in schema::capabilities). Request types and the map's rows
//! (ModelCaps, Scope, Endpoint, ...) come from tsify derives on the core types.
//! tests/js/types.test.mjs checks these field lists against the objects the exports return.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** One thing validation found: where (JSON pointer), what (stable code), under which rule. */
export interface Issue {
  path: string;
  code: string;
  rule: string;
  severity: "error" | "warning";
  message: string;
  params?: Record<string, unknown>;
}

/** The result of validation; `ok` is false when any issue has severity "error". */
export interface Report {
  ok: boolean;
  issues: Issue[];
}

export type RuleLevel = "error" | "warning" | "off";

/** Per-call options of the validate and build functions. */
export interface ValidateOptions {
  /** Language of the issue messages (default "en"). */
  locale?: "en" | "zh";
  /** Rule id (e.g. "OV-9", "GEN-UNKNOWN") -> level; a rule not listed keeps its default. */
  rules?: Record<string, RuleLevel>;
  /** Element id -> its type, when cached from the element query (lets OV-13 check it). */
  elementTypes?: Record<string, "image_refer" | "video_refer">;
}

export interface EndpointCaps {
  family: Endpoint;
  path: string;
  default_model: string;
  default_mode: string;
  models: string[];
  /** What each model offers a form, per field of the family's table (narrowed by the map). */
  choices: ModelChoices[];
}

/** One model's choices on an endpoint: field name (a dotted path inside objects and list items,
 *  "image_list.type") -> its values, or its range / list length. */
export interface ModelChoices {
  model: string;
  fields: Record<string, FieldChoice>;
}

/** An enum's or duration's values, or a number's range / a list's length (null: unbounded). */
export interface FieldChoice {
  values?: (string | number)[];
  min?: number | null;
  max?: number | null;
}

/** The capability map as data, for forms. */
export interface CapabilityMap {
  models: ModelCaps[];
  endpoints: EndpointCaps[];
}
"#;
