//! Hostile input to the request exports of all seven families — validate*, build*Body and their
//! *Json forms: every catalogued JS value (hostile-values.mjs) at every field of every family's
//! request (the tables in src/schema/), JSON literals at every field of the *Json forms, hostile whole
//! arguments, hostile JSON texts, hostile options and 10 MB inputs. Each gets a Report (validate)
//! or a KlingError (build); after every input a known-valid call still returns the right body;
//! the shared prototypes are untouched.

import { test } from "node:test";
import assert from "node:assert/strict";
import lib from "./load-pkg.mjs";
import { FAMILIES, FIELD_KIND, MB10, assertKling, assertReport, textField, trickyError, typeFits, values } from "./hostile-values.mjs";
import { hostileSuite, repeatThenAlive } from "./hostile-runner.mjs";

const { KlingError } = lib;
const SENTINEL = FAMILIES.OmniVideo.valid;
const SENTINEL_BODY = lib.buildOmniVideoBody(SENTINEL);

/** The module still works and gives the right answer. */
function alive(after) {
  assert.equal(lib.buildOmniVideoBody(SENTINEL), SENTINEL_BODY, `module broken after ${after}`);
  assert.equal({}.polluted, undefined, `prototype polluted by ${after}`);
}

// Inputs are counted as they run: each field x value, literal, argument, text, option, 10 MB case.
const { count, finish } = hostileSuite("hostile-requests", alive);

const without = (obj, key) => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));

/**
 * validate + build of one input (`make` gives a fresh one each time). Build must agree with
 * validate: the body when the Report is ok, else a KlingError "validation_failed" with its issues.
 * Returns the Report.
 */
function check(family, make, label, json = false) {
  count();
  const suffix = json ? "Json" : "";
  const report = assertReport(lib[`validate${family}${suffix}`](make()));
  let body, err;
  try {
    body = lib[`build${family}Body${suffix}`](make());
  } catch (e) {
    err = e;
  }
  if (report.ok) {
    assert.equal(err, undefined, `${label}: build threw ${err} though validate was ok`);
    const parsed = JSON.parse(body);
    assert.ok(parsed && typeof parsed === "object" && !Array.isArray(parsed), `${label}: body ${body.slice(0, 80)}`);
  } else {
    assertKling(KlingError, err, "validation_failed");
    assert.deepEqual(err.issues, report.issues, `${label}: build and validate disagree`);
  }
  alive(label);
  return report;
}

const errorsAt = (report, path) => report.issues.filter((i) => i.severity === "error" && (i.path === path || i.path.startsWith(`${path}/`)));

/** What a value of `kind` at `field` must give (beyond a well-formed Report); `body()` builds it. */
function expectAtField(report, field, kind, reference, label, body) {
  const codes = report.issues.map((i) => `${i.path}:${i.code}`).join(", ").slice(0, 300);
  if (kind === "unreadable") {
    assert.ok(report.issues.some((i) => i.path === "" && i.code === "invalid_json"), `${label}: ${codes}`);
  } else if (kind === "deep") {
    assert.ok(report.issues.some((i) => ["too_deep", "invalid_json"].includes(i.code)), `${label}: ${codes}`);
  } else if (kind === "absent") {
    assert.deepEqual(report, reference, `${label}: not the same as leaving ${field} out`);
  } else if (report.issues.some((i) => i.path === "" && i.code === "too_many_values")) {
    // A value of more than 10,000 JSON values (the catalogue's "10,000 numbers") makes the whole
    // request too big to read: one error for the request, not one at the field.
    assert.equal(report.ok, false, `${label}: too_many_values but ok`);
  } else if (!typeFits(FIELD_KIND[field], kind)) {
    // Refused with an error at the field, or — for a field the request's other settings make
    // irrelevant (shot_type, multi_prompt without multi_shot) — dropped from the body with a warning.
    const dropped = report.issues.some((i) => i.path === `/${field}` && i.code === "field_ignored" && i.severity === "warning");
    if (dropped && report.ok) {
      assert.ok(!(field in JSON.parse(body())), `${label}: ignored but still in the body`);
    } else {
      assert.equal(report.ok, false, `${label}: accepted: ${codes}`);
      assert.ok(errorsAt(report, `/${field}`).length > 0, `${label}: no error at /${field}: ${codes}`);
    }
  }
}

for (const [family, { valid, fields }] of Object.entries(FAMILIES)) {
  test(`${family}: every catalogued JS value at every field`, () => {
    assert.deepEqual(lib[`validate${family}`](valid), { ok: true, issues: [] }, "the base request is valid");
    for (const field of fields) {
      const reference = lib[`validate${family}`](without(valid, field));
      for (const { name, make, kind, heavy } of values()) {
        // The costly values once per family, at its text field.
        if (heavy && field !== textField(fields)) continue;
        const label = `${family}.${field} = ${name}`;
        const req = () => ({ ...valid, [field]: make() });
        const report = check(family, req, label);
        expectAtField(report, field, kind, reference, label, () => lib[`build${family}Body`](req()));
      }
    }
  });

  test(`${family}Json: JSON literals at every field`, () => {
    const deep = (n) => "[".repeat(n) + "]".repeat(n);
    const LITERALS = [
      ["true", "boolean"], ["0", "number"], ["-0", "number"], ["-1", "number"], ["1.5", "number"], ["1e999", "unreadable"],
      ["123456789012345678901234567890", "number"], ['""', "string"], ['"x"', "string"], ['"\\ud800"', "string"],
      ['"\\udc00\\ud800"', "string"], ['"\\u0000"', "string"], ["[]", "array"], ["{}", "object"], ["[[[]]]", "array"],
      ["null", "absent"], ['{"\\u0000js":"bigint","v":"1"}', "tagged"], ['{"__proto__":{"polluted":1}}', "object"],
      [deep(65), "deep"], [deep(10_000), "deep"], [JSON.stringify("z".repeat(100 * 1024)), "string"],
    ];
    // These read the same as JSON.parse(text) passed to the object form, so the Reports must match.
    const SAME = new Set(["true", "-1", "1.5", '""', '"x"', '"\\ud800"', '"\\udc00\\ud800"', "[]", "{}", "[[[]]]", "null", '{"__proto__":{"polluted":1}}']);
    for (const field of fields) {
      const reference = lib[`validate${family}`](without(valid, field));
      const head = JSON.stringify(without(valid, field)).slice(0, -1);
      for (const [literal, kind] of LITERALS) {
        const text = `${head},"${field}":${literal}}`;
        const label = `${family}Json .${field} = ${literal.slice(0, 40)}`;
        const report = check(family, () => text, label, true);
        expectAtField(report, field, kind, reference, label, () => lib[`build${family}BodyJson`](text));
        if (SAME.has(literal)) assert.deepEqual(report, lib[`validate${family}`](JSON.parse(text)), `${label}: text and object differ`);
      }
    }
  });

  test(`${family}: hostile whole arguments, to both forms`, () => {
    for (const { name, make, kind } of values()) {
      const label = `${family}(${name})`;
      const report = check(family, make, label);
      if (kind !== "object") {
        assert.equal(report.ok, false, `${label}: accepted`);
        assert.ok(report.issues.some((i) => i.path === "" && ["wrong_type", "invalid_json", "too_deep", "too_many_values"].includes(i.code)), label);
      }
      // The *Json forms take text only: any other type is a wrong_type at "".
      if (typeof make() !== "string") {
        const r = check(family, make, `${family}Json(${name})`, true);
        assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [["", "wrong_type"]], `${family}Json(${name})`);
      }
    }
  });

  test(`${family}Json: hostile JSON texts`, () => {
    const ok = JSON.stringify(valid);
    const TEXTS = [
      "", " ", "{", "}", "[]", "null", "true", "0", '"x"', "\ufeff" + ok, ok + " x", ok + "\u0000", ok.replace('"', '"\u0000'),
      "[".repeat(10_000), '{"a":'.repeat(10_000), "[".repeat(10_000) + "]".repeat(10_000), " ".repeat(1 << 20), "1e999",
      ok.replace("}", ',"prompt":"again"}'), `{"prompt":"\\x"}`, `{"prompt":"\\u12"}`, "1".repeat(1 << 20), "-", "01", "1.", ".5", "+1",
      "NaN", "Infinity", "// c\n" + ok, "{'prompt':'x'}", "{prompt:1}", ok.replace("}", ",}"), `{"${"k".repeat(1 << 20)}":1}`,
      JSON.stringify(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]))), `{"prompt":"\ud800"}`,
      `{"\\u0000js":"bigint","v":"1"}`, `{"\\u0000js":"undefined"}`, `[${"{},".repeat(5_000)}{}]`,
    ];
    for (const text of TEXTS) {
      const label = `${family}Json(${JSON.stringify(text.slice(0, 30))}, ${text.length} chars)`;
      const report = check(family, () => text, label, true);
      if (text !== ok.replace("}", ',"prompt":"again"}')) assert.ok(report.issues.length > 0, label);
    }
  });

  test(`${family}: hostile options`, () => {
    for (const { name, make, kind } of values()) {
      for (const [where, wrap] of [["options", (v) => v], ["locale", (v) => ({ locale: v })], ["rules", (v) => ({ rules: v })],
        ["rules entry", (v) => ({ rules: { "GEN-UNKNOWN": v } })], ["elementTypes", (v) => ({ elementTypes: v })]]) {
        count();
        const label = `${family} ${where} = ${name}`;
        const report = assertReport(lib[`validate${family}`](valid, wrap(make())));
        const optionIssues = report.issues.filter((i) => ["invalid_option", "unknown_option"].includes(i.code));
        // JSON drops an undefined entry; a null one (null, an invalid Date) is a level that is not one.
        const absent = kind === "absent" && (where !== "rules entry" || !["null", "invalid Date"].includes(name));
        const objectOk = where === "options" ? kind === "object" : (where === "rules" || where === "elementTypes") && kind === "object";
        if (!absent && !objectOk) assert.ok(optionIssues.length > 0, `${label}: ${JSON.stringify(report.issues).slice(0, 200)}`);
        // build refuses bad options with config_error before reading the request.
        try {
          const body = lib[`build${family}Body`](valid, wrap(make()));
          assert.equal(optionIssues.length, 0, `${label}: build ignored bad options`);
          assert.equal(typeof body, "string");
        } catch (e) {
          assertKling(KlingError, e, optionIssues.length > 0 ? "config_error" : "validation_failed");
        }
        alive(label);
      }
    }
  });

  test(`${family}: 10 MB inputs`, () => {
    const huge = "x".repeat(MB10);
    const at = textField(fields);
    const prompt = check(family, () => ({ ...valid, [at]: huge }), `${family} 10 MB ${at}`);
    assert.ok(errorsAt(prompt, `/${at}`).some((i) => i.code === "too_long"));
    const text = check(family, () => JSON.stringify({ ...valid, [at]: huge }), `${family}Json 10 MB ${at}`, true);
    assert.deepEqual(text, prompt);
    const ext = check(family, () => ({ ...valid, external_task_id: huge }), `${family} 10 MB external_task_id`);
    assert.ok(errorsAt(ext, "/external_task_id").length > 0);
    const whole = check(family, () => huge, `${family}(10 MB string)`);
    assert.deepEqual(whole.issues.map((i) => i.code), ["wrong_type"]);
  });
}

test("lone surrogates are repaired with a warning, in values and keys", () => {
  const req = { ...SENTINEL, prompt: "cut \ud83d emoji" };
  const report = check("OmniVideo", () => req, "lone surrogate in prompt");
  assert.equal(report.ok, true);
  assert.deepEqual(report.issues.map((i) => [i.path, i.code, i.severity]), [["", "lone_surrogate", "warning"]]);
  assert.equal(JSON.parse(lib.buildOmniVideoBody(req)).prompt, "cut \ufffd emoji");
  const key = check("OmniVideo", () => ({ ...SENTINEL, ["k\udc00"]: 1 }), "lone surrogate in a key");
  assert.ok(key.issues.some((i) => i.code === "unknown_field" && i.path === "/k\ufffd"));
});

test("BigInt and exact-digit element ids are valid in every family that takes elements", () => {
  const withElement = {
    OmniVideo: (id) => ({ ...FAMILIES.OmniVideo.valid, prompt: "<<<element_1>>> runs", element_list: [{ element_id: id }] }),
    ImageToVideo: (id) => ({ ...FAMILIES.ImageToVideo.valid, prompt: "<<<element_1>>> runs", element_list: [{ element_id: id }] }),
    OmniImage: (id) => ({ ...FAMILIES.OmniImage.valid, prompt: "<<<element_1>>> portrait", element_list: [{ element_id: id }] }),
    ImageGeneration: (id) => ({ ...FAMILIES.ImageGeneration.valid, prompt: "<<<object_1>>> portrait", element_list: [{ element_id: id }] }),
  };
  for (const [family, make] of Object.entries(withElement)) {
    for (const id of [9223372036854775807n, 1n, "9223372036854775807", 42]) {
      const report = check(family, () => make(id), `${family} element_id ${id}`);
      assert.equal(report.ok, true, `${family} element_id ${id}: ${JSON.stringify(report.issues)}`);
      assert.match(lib[`build${family}Body`](make(id)), new RegExp(`"element_id":${String(id)}\\}`));
    }
    for (const id of [-1n, 2n ** 64n, 0n, 2 ** 53 + 2, 1.5, NaN, "", "12a", Symbol("id"), { "\u0000js": "bigint", v: "-3" }]) {
      const report = check(family, () => make(id), `${family} element_id ${String(id)}`);
      assert.ok(errorsAt(report, "/element_list/0/element_id").length > 0, `${family} element_id ${String(id)} accepted`);
    }
  }
});

test("symbol keys are invisible; __proto__/constructor/prototype keys are unknown fields, never prototypes", () => {
  assert.deepEqual(check("OmniVideo", () => ({ ...SENTINEL, [Symbol("x")]: 1 }), "symbol key"), { ok: true, issues: [] });
  for (const [label, make, key] of [
    ["__proto__ via JSON.parse", () => Object.assign(JSON.parse('{"__proto__":{"polluted":1}}'), SENTINEL), "__proto__"],
    ["__proto__ via defineProperty", () => Object.defineProperty({ ...SENTINEL }, "__proto__", { value: { polluted: 1 }, enumerable: true }), "__proto__"],
    ["constructor", () => ({ ...SENTINEL, constructor: { prototype: { polluted: 1 } } }), "constructor"],
    ["prototype", () => ({ ...SENTINEL, prototype: { polluted: 1 } }), "prototype"],
  ]) {
    const report = check("OmniVideo", make, label);
    assert.deepEqual(report.issues.map((i) => [i.path, i.code]), [[`/${key}`, "unknown_field"]], label);
    assert.equal({}.polluted, undefined);
  }
});

test("5,000 calls of the input that once killed the module, then a valid call", async () => {
  // js-5: a getter throwing an Error whose `message` cannot be read; validate must still report.
  const tricky = () => ({ ...SENTINEL, get prompt() { throw trickyError(); } });
  const unreadable = ({ value }) => value?.ok === false && value.issues.some((i) => i.path === "" && i.code === "invalid_json");
  await repeatThenAlive(5_000, tricky, (req) => lib.validateOmniVideo(req), unreadable, alive);
});

finish(200);
