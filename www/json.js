// JSON text with exact int64 digits (big integers become BigInt and are written back raw), and
// reading / writing a value at a JSON pointer (RFC 6901), for the form <-> request sync.

export const parse = (text) =>
  JSON.parse(text, (_k, v, ctx) => (typeof v === "number" && !Number.isSafeInteger(v) && /^-?\d+$/.test(ctx?.source ?? "") ? BigInt(ctx.source) : v));

export const stringify = (v) =>
  JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? (JSON.rawJSON ? JSON.rawJSON(x.toString()) : x.toString()) : x), 2);

/** The request object in `text`, or null when the text is not a JSON object. */
export function parseObject(text) {
  try {
    const v = parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const segments = (pointer) => pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

export function getAt(obj, pointer) {
  let v = obj;
  for (const key of segments(pointer)) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[key];
  }
  return v;
}

/** Sets (or, for undefined, deletes) the value at `pointer`, creating parents; empty parents go. */
export function setAt(obj, pointer, value) {
  const keys = segments(pointer);
  const chain = [obj];
  for (const key of keys.slice(0, -1)) {
    const parent = chain.at(-1);
    if (parent[key] === null || typeof parent[key] !== "object") {
      if (value === undefined) return;
      parent[key] = {};
    }
    chain.push(parent[key]);
  }
  const last = keys.at(-1);
  if (value === undefined) delete chain.at(-1)[last];
  else chain.at(-1)[last] = value;
  // Drop objects the deletion left empty (not arrays: list rows are removed explicitly).
  for (let i = chain.length - 1; i > 0; i--) {
    const o = chain[i];
    if (Array.isArray(o) || Array.isArray(chain[i - 1]) || Object.keys(o).length) break;
    delete chain[i - 1][keys[i - 1]];
  }
}

/** Indents JSON text without parsing it, so the body's exact digits are shown as sent. */
export function pretty(text) {
  let out = "";
  let depth = 0;
  let inString = false;
  const nl = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "{" || c === "[") {
      depth++;
      out += c + nl();
    } else if (c === "}" || c === "]") {
      depth--;
      out += nl() + c;
    } else if (c === ",") out += c + nl();
    else if (c === ":") out += ": ";
    else out += c;
  }
  return out.replace(/([{[])\n\s*([}\]])/g, "$1$2");
}
