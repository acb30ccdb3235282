// The catalogue of hostile JS values the hostile-input suites (hostile-*.test.mjs) throw at every
// export, and the checks they share. Each value has a `kind`: what a request field holding it
// becomes once the bindings have read it —
//   string | number | boolean | array | object   a JSON value of that type
//   absent      no value (undefined, null, a toJSON giving undefined): as if the key were missing
//   tagged      a JS value JSON cannot carry (BigInt, NaN, ±Infinity, Symbol, function): a type issue
//   unreadable  JSON.stringify throws (cycle, throwing getter/toJSON/trap, 10,000 deep): invalid_json
// Values are made fresh per use (`make()`), so a getter's or Proxy's state never leaks between cases.

import assert from "node:assert/strict";

export const MB10 = 10 * 1024 * 1024;

/** A Uint8Array whose buffer was transferred away (detached). */
export function detachedBytes(View = Uint8Array) {
  const buf = new ArrayBuffer(16);
  const view = new View(buf);
  structuredClone(buf, { transfer: [buf] });
  return view;
}

/** A Proxy whose every trap throws. */
export function throwingProxy(target = {}) {
  const traps = ["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "deleteProperty",
    "getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions", "apply", "construct"];
  return new Proxy(target, Object.fromEntries(traps.map((t) => [t, () => { throw new Error(`trap ${t}`); }])));
}

/** An Error behind a Proxy whose `get` throws: `instanceof Error` holds, reading `message` throws. */
export function trickyError() {
  return new Proxy(new Error("x"), { get() { throw new Error("message trap"); } });
}

export function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** A Proxy that revokes itself in its ownKeys trap: readable once, then every operation throws. */
export function selfRevokingProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {
    ownKeys(target) {
      revoke();
      return Reflect.ownKeys(target);
    },
  });
  return proxy;
}

function nest(depth, leaf, wrap) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
}

const cyclic = () => {
  const o = { a: 1 };
  o.self = o;
  return o;
};

/** [name, make, kind]: every JS type and shape the suites try. */
const VALUES = [
  // primitives
  ["true", () => true, "boolean"], ["false", () => false, "boolean"],
  ["0", () => 0, "number"], ["-0", () => -0, "number"], ["1.5", () => 1.5, "number"], ["-1", () => -1, "number"],
  ["2^53+2", () => 2 ** 53 + 2, "number"], ["MAX_VALUE", () => Number.MAX_VALUE, "number"], ["5e-324", () => 5e-324, "number"],
  ["NaN", () => NaN, "tagged"], ["Infinity", () => Infinity, "tagged"], ["-Infinity", () => -Infinity, "tagged"],
  ["1n", () => 1n, "tagged"], ["-1n", () => -1n, "tagged"], ["10n**30n", () => 10n ** 30n, "tagged"],
  ['""', () => "", "string"], ['"x"', () => "x", "string"], ['" "', () => " ", "string"],
  ["lone high surrogate", () => "a\ud800b", "string"], ["reversed surrogate pair", () => "\udc00\ud800", "string"],
  ["NUL", () => "\u0000", "string"], ["tag key text", () => "\u0000js", "string"], ["reference text", () => "<<<image_99>>>", "string"],
  ["100 KB string", () => "y".repeat(100 * 1024), "string"],
  ["Symbol()", () => Symbol("s"), "tagged"], ["Symbol.iterator", () => Symbol.iterator, "tagged"],
  ["arrow function", () => () => 1, "tagged"], ["async function", () => async () => 1, "tagged"], ["class", () => class {}, "tagged"],
  ["undefined", () => undefined, "absent"], ["null", () => null, "absent"],
  // objects JSON reads as plain values
  ["{}", () => ({}), "object"], ["Object.create(null)", () => Object.create(null), "object"],
  ["[]", () => [], "array"], ["[1,2]", () => [1, 2], "array"], ["sparse [,,]", () => [, ,], "array"], ["new Array(5)", () => new Array(5), "array"],
  ["[undefined]", () => [undefined], "array"], ["[Symbol()]", () => [Symbol("s")], "array"], ["[1n]", () => [1n], "array"],
  ["[NaN]", () => [NaN], "array"], ["[[[]]]", () => [[[]]], "array"], ["10,000 numbers", () => Array.from({ length: 10_000 }, (_, i) => i), "array"],
  ["Proxy of []", () => new Proxy([], {}), "array"],
  ["Date", () => new Date(0), "string"], ["invalid Date", () => new Date(NaN), "absent"],
  ["Map", () => new Map([["prompt", "x"]]), "object"], ["Set", () => new Set([1]), "object"], ["WeakMap", () => new WeakMap(), "object"],
  ["RegExp", () => /re/g, "object"], ["Error", () => new Error("e"), "object"], ["Promise", () => Promise.resolve(1), "object"],
  ["Uint8Array", () => new Uint8Array(3), "object"], ["detached Uint8Array", () => detachedBytes(), "object"],
  ["Float64Array [NaN]", () => new Float64Array([NaN]), "object"], ["ArrayBuffer", () => new ArrayBuffer(8), "object"],
  ["DataView", () => new DataView(new ArrayBuffer(4)), "object"], ["boxed String", () => new String("x"), "string"],
  ["boxed Number", () => new Number(5), "number"], ["boxed Boolean", () => new Boolean(false), "boolean"],
  ["boxed Symbol", () => Object(Symbol("s")), "object"],
  ["toJSON giving BigInt", () => ({ toJSON: () => 5n }), "tagged"], ["toJSON giving undefined", () => ({ toJSON: () => undefined }), "absent"],
  ["toJSON not a function", () => ({ toJSON: "no" }), "object"],
  ["own __proto__ (JSON.parse)", () => JSON.parse('{"__proto__":{"polluted":1}}'), "object"],
  ["own __proto__ (defineProperty)", () => Object.defineProperty({}, "__proto__", { value: { polluted: 1 }, enumerable: true }), "object"],
  ["constructor.prototype", () => ({ constructor: { prototype: { polluted: 1 } } }), "object"],
  ["prototype key", () => ({ prototype: { polluted: 1 } }), "object"],
  ["symbol key only", () => ({ [Symbol("k")]: 1 }), "object"], ["1 MB key", () => ({ ["k".repeat(1 << 20)]: 1 }), "object"],
  ["2,000 keys", () => Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i])), "object"],
  ["tag look-alike bigint", () => ({ "\u0000js": "bigint", v: "5" }), "tagged"],
  ["tag look-alike nonsense", () => ({ "\u0000js": "nonsense" }), "object"],
  ["stateful getter", () => { let n = 0; return { get a() { return n++ % 2 ? 1n : "x"; } }; }, "object"],
  // whole request unreadable
  ["boxed BigInt", () => Object(1n), "unreadable"],
  ["cyclic object", cyclic, "unreadable"], ["cyclic array", () => { const a = []; a.push(a); return a; }, "unreadable"],
  ["throwing getter", () => Object.defineProperty({}, "a", { enumerable: true, get() { throw new Error("getter boom"); } }), "unreadable"],
  ["getter throwing a non-Error", () => ({ get a() { throw Symbol("thrown"); } }), "unreadable"],
  ["getter throwing a Proxy Error", () => ({ get a() { throw trickyError(); } }), "unreadable"],
  ["throwing toJSON", () => ({ toJSON() { throw new Error("toJSON boom"); } }), "unreadable"],
  ["Proxy: every trap throws", () => throwingProxy(), "unreadable"], ["revoked Proxy", revokedProxy, "unreadable"],
  ["Proxy: bad ownKeys", () => new Proxy({}, { ownKeys: () => ["a", "a"] }), "unreadable"],
  // JSON.stringify reads it as {} (its one ownKeys), a second look at it throws.
  ["Proxy revoking itself in ownKeys", selfRevokingProxy, "object"],
  ["10,000-deep object", () => nest(10_000, {}, (v) => ({ a: v })), "unreadable"],
  ["10,000-deep array", () => nest(10_000, [], (v) => [v]), "unreadable"],
  ["65-deep array", () => nest(65, [], (v) => [v]), "deep"],
];

// Costly to read (a dev build takes 50–500 ms each): the field matrices use these on a few fields only.
const HEAVY = new Set(["10,000 numbers", "1 MB key", "2,000 keys", "10,000-deep object", "10,000-deep array"]);

export function values() {
  return VALUES.map(([name, make, kind]) => ({ name, make, kind, heavy: HEAVY.has(name) }));
}

/** A field's JSON type, from the schema tables (src/schema/<family>.rs). */
export const FIELD_KIND = {
  model_name: "string", multi_shot: "boolean", shot_type: "string", prompt: "string", multi_prompt: "array",
  negative_prompt: "string", image_list: "array", element_list: "array", video_list: "array", voice_list: "array",
  sound: "string", cfg_scale: "number", mode: "string", aspect_ratio: "string", duration: "duration",
  camera_control: "object", watermark_info: "object", callback_url: "string", external_task_id: "string",
  image: "string", image_tail: "string", static_mask: "string", dynamic_masks: "array", resolution: "string",
  result_type: "string", n: "number", series_amount: "number",
  image_reference: "string", image_fidelity: "number", human_fidelity: "number",
  element_name: "string", element_description: "string", reference_type: "string", element_image_list: "object",
  element_video_list: "object", element_voice_id: "string", tag_list: "array", voice_name: "string", voice_url: "string", video_id: "string",
};

/** Whether a value of `kind` has the JSON type the field takes (it may still be refused). */
export function typeFits(fieldKind, kind) {
  if (fieldKind === "duration") return kind === "string" || kind === "number";
  return fieldKind === kind;
}

/** The seven families: export stem, a valid request, and the fields (its schema table, src/schema/). */
export const FAMILIES = {
  OmniVideo: {
    valid: { model_name: "kling-v3-omni", prompt: "a fox", mode: "pro", aspect_ratio: "16:9", duration: "5" },
    fields: ["model_name", "multi_shot", "shot_type", "prompt", "multi_prompt", "image_list", "element_list", "video_list", "sound", "mode",
      "aspect_ratio", "duration", "watermark_info", "callback_url", "external_task_id"],
  },
  TextToVideo: {
    valid: { model_name: "kling-v3", prompt: "a fox in snow", mode: "std", aspect_ratio: "16:9", duration: "5" },
    fields: ["model_name", "multi_shot", "shot_type", "prompt", "multi_prompt", "negative_prompt", "voice_list", "sound", "cfg_scale", "mode",
      "aspect_ratio", "duration", "camera_control", "watermark_info", "callback_url", "external_task_id"],
  },
  ImageToVideo: {
    valid: { model_name: "kling-v3", image: "https://example.com/fox.png", prompt: "the fox runs", mode: "std", duration: "5" },
    fields: ["model_name", "image", "image_tail", "multi_shot", "shot_type", "prompt", "multi_prompt", "negative_prompt", "element_list",
      "voice_list", "sound", "cfg_scale", "mode", "duration", "static_mask", "dynamic_masks", "camera_control", "watermark_info",
      "callback_url", "external_task_id"],
  },
  OmniImage: {
    valid: { model_name: "kling-image-o1", prompt: "a fox portrait", aspect_ratio: "1:1" },
    fields: ["model_name", "prompt", "image_list", "element_list", "resolution", "result_type", "n", "series_amount", "aspect_ratio",
      "watermark_info", "callback_url", "external_task_id"],
  },
  ImageGeneration: {
    valid: { model_name: "kling-v3", prompt: "a fox in a meadow", resolution: "2k", aspect_ratio: "16:9", n: 2 },
    fields: ["model_name", "prompt", "negative_prompt", "image", "element_list", "image_reference", "image_fidelity", "human_fidelity", "resolution", "n",
      "aspect_ratio", "callback_url", "external_task_id"],
  },
  CustomElement: {
    valid: {
      element_name: "Fox", element_description: "A red fox plush toy", reference_type: "image_refer",
      element_image_list: { frontal_image: "https://example.com/front.png", refer_images: [{ image_url: "https://example.com/side.png" }] },
    },
    fields: ["element_name", "element_description", "reference_type", "element_image_list", "element_video_list", "element_voice_id", "tag_list",
      "callback_url", "external_task_id"],
  },
  CustomVoice: {
    valid: { voice_name: "Narrator", voice_url: "https://example.com/sample.mp3" },
    fields: ["voice_name", "voice_url", "video_id", "callback_url", "external_task_id"],
  },
};

/** A family's free-text field the costly values and the 10 MB strings go to (the §8 libraries have no prompt). */
export const textField = (fields) => (fields.includes("prompt") ? "prompt" : fields[0]);

/** Asserts the shape every Issue has. */
export function assertIssue(issue) {
  assert.equal(typeof issue.path, "string");
  assert.ok(issue.path === "" || issue.path.startsWith("/"), `path ${issue.path.slice(0, 80)} is a JSON pointer`);
  assert.match(issue.code, /^[a-z_]+$/);
  assert.match(issue.rule, /^[A-Z]+(-[A-Za-z0-9_]+)+$/);
  assert.ok(issue.severity === "error" || issue.severity === "warning");
  assert.ok(typeof issue.message === "string" && issue.message.length > 0);
}

/** Asserts `r` is a Report (exactly ok + issues, ok = no error) and returns it. */
export function assertReport(r) {
  assert.ok(r !== null && typeof r === "object", `not a Report: ${String(r)}`);
  assert.deepEqual(Object.keys(r).sort(), ["issues", "ok"]);
  assert.ok(Array.isArray(r.issues));
  r.issues.forEach(assertIssue);
  assert.equal(r.ok, !r.issues.some((i) => i.severity === "error"));
  return r;
}

/** Runs `fn`, which must throw a KlingError with one of `codes`; returns the error. */
export function assertThrowsKling(KlingError, fn, codes) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assertKling(KlingError, thrown, codes);
  return thrown;
}

/** `e` is a KlingError with one of `codes` (a string or a list). */
export function assertKling(KlingError, e, codes) {
  const list = [codes].flat();
  assert.ok(e instanceof KlingError, `expected a KlingError (${list}), got ${e?.stack ?? String(e)}`);
  assert.ok(list.includes(e.code), `expected ${list}, got ${e.code}: ${e.message}`);
  assert.equal(typeof e.retryable, "boolean");
  assert.equal(e.name, "KlingError");
}

/** Own property names and symbols of the shared prototypes, with their values, to compare later. */
export function prototypeSnapshot() {
  const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
  const out = {};
  for (const [name, proto] of Object.entries(protos)) {
    for (const key of Reflect.ownKeys(proto)) out[`${name}.${String(key)}`] = Object.getOwnPropertyDescriptor(proto, key).value;
  }
  return out;
}

/** Nothing was added to, removed from or replaced on the shared prototypes. */
export function assertPrototypesUntouched(before) {
  const after = prototypeSnapshot();
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), "prototype keys changed");
  for (const key of Object.keys(before)) assert.ok(Object.is(after[key], before[key]), `${key} replaced`);
  assert.equal({}.polluted, undefined, "({}).polluted");
  assert.equal([].polluted, undefined, "[].polluted");
}

/**
 * Runs `check(c)` (sync or async) for every case, going on past failures so one run lists every
 * input that misbehaved; then fails naming them. Returns the number of cases.
 */
export async function runAll(cases, check) {
  const failures = [];
  for (const c of cases) {
    try {
      await check(c);
    } catch (e) {
      failures.push(`${c.label}: ${String(e?.message ?? e).split("\n")[0].slice(0, 240)}`);
    }
  }
  if (failures.length) assert.fail(`${failures.length} of ${cases.length} inputs misbehaved:\n  ${failures.slice(0, 60).join("\n  ")}`);
  return cases.length;
}

/**
 * Calls `call()`, which must not throw synchronously (unless `syncCodes` allows a KlingError with
 * one of those codes) and must return a promise that settles within `guardMs` (every call the
 * suites make has a timeout well under it). Resolves with
 * `{ value }` or `{ error }` (the rejection, already checked to be a KlingError of `codes`).
 */
export async function settles(KlingError, call, codes, { syncCodes = [], guardMs = 5_000 } = {}) {
  let promise;
  try {
    promise = call();
  } catch (e) {
    if (syncCodes.length) {
      assertKling(KlingError, e, syncCodes);
      return { error: e, sync: true };
    }
    assert.fail(`threw synchronously: ${e?.constructor?.name} ${e?.code ?? ""} ${e?.message ?? String(e)}`);
  }
  assert.ok(promise && typeof promise.then === "function", "did not return a promise");
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`never settled within ${guardMs} ms`)), guardMs);
  });
  try {
    return { value: await Promise.race([promise, guard]) };
  } catch (e) {
    if (e?.message?.startsWith("never settled")) throw e;
    assertKling(KlingError, e, codes);
    return { error: e };
  } finally {
    clearTimeout(timer);
  }
}
