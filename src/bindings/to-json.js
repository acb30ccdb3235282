// JS value -> JSON text for the Rust core (bindings/convert.rs). JSON.stringify with a replacer
// that tags what JSON cannot carry exactly, in the form src/json.rs reads back:
//   BigInt          -> {"\u0000js":"bigint","v":"<digits>"}
//   NaN, ±Infinity  -> {"\u0000js":"number","v":"NaN"|"Infinity"|"-Infinity"}
//   function/symbol -> {"\u0000js":"function"|"symbol"}
//   undefined       -> {"\u0000js":"undefined"} at the top and in arrays (in objects it stays
//                      "absent", as JSON.stringify and the API treat it)
// Anything JSON.stringify throws on (cycles, throwing getters or toJSON, stack overflow) is
// thrown on to Rust, which turns it into an `invalid_json` issue.

const TAG = "\u0000js";

function replacer(key, value) {
  switch (typeof value) {
    case "object":
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: "number", v: String(value) };
    case "bigint":
      return { [TAG]: "bigint", v: value.toString() };
    case "undefined":
      return Array.isArray(this) ? { [TAG]: "undefined" } : undefined;
    default:
      return { [TAG]: typeof value };
  }
}

export function toJsonText(value) {
  if (value === undefined) return `{"${"\\u0000"}js":"undefined"}`;
  return JSON.stringify(value, replacer);
}
