// The case runner the hostile-input suites share (hostile-*.test.mjs): each file declares its
// cases and how to tell the module still works; this runs them, checks the module after every
// one, counts them, and ends the file with the shared-prototype check.

import { test } from "node:test";
import assert from "node:assert/strict";
import { assertPrototypesUntouched, prototypeSnapshot, runAll, values } from "./hostile-values.mjs";

/**
 * A suite named `name`: `alive()` (sync or async) must pass after every input. Returns
 *   each(what, run)  one case per catalogued value, labelled `${what} = ${value name}`, running
 *                    `run(freshValue, entry)`
 *   run(cases)       runs cases ({ label, run }), then alive() after each; lists every failure
 *   count(n)         counts n inputs checked some other way
 *   finish(atLeast)  declares the last test: at least `atLeast` inputs ran, and the shared
 *                    prototypes are as they were when the suite was made
 */
export function hostileSuite(name, alive) {
  const protos = prototypeSnapshot();
  let inputs = 0;
  return {
    each: (what, run) => values().map((v) => ({ label: `${what} = ${v.name}`, run: () => run(v.make(), v) })),
    async run(cases) {
      inputs += cases.length;
      await runAll(cases, async (c) => {
        await c.run();
        await alive(c.label);
      });
    },
    count(n = 1) {
      inputs += n;
    },
    finish(atLeast) {
      test(`the shared prototypes are untouched after all ${atLeast.toLocaleString("en")}+ inputs`, () => {
        assertPrototypesUntouched(protos);
        assert.ok(inputs >= atLeast, `only ${inputs} inputs`);
        console.log(`${name}: ${inputs} inputs`);
      });
    },
  };
}

/**
 * Calls `call(make())` `times` times (a fresh value each time); each call must return or throw
 * (or its promise settle, within `guardMs`) with an outcome `{ value }` or `{ error }` that
 * `accepts` takes. Then `alive()` must pass. Before the fixes of RELIABILITY.md js-1…js-6, an
 * exception from the caller's code unwound through wasm, leaked wasm's shadow stack and killed
 * the module after 600–3,000 such calls: thousands of repeats are the proof it no longer leaks.
 */
export async function repeatThenAlive(times, make, call, accepts, alive, guardMs = 5_000) {
  for (let i = 0; i < times; i++) {
    let outcome, timer;
    const guard = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ error: new Error(`never settled within ${guardMs} ms`) }), guardMs);
    });
    try {
      outcome = await Promise.race([Promise.resolve(call(make())).then((value) => ({ value })), guard]);
    } catch (error) {
      outcome = { error };
    } finally {
      clearTimeout(timer);
    }
    const shown = () => ("error" in outcome ? `threw ${outcome.error?.stack ?? String(outcome.error)}` : `gave ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
    assert.ok(accepts(outcome), `call ${i + 1} of ${times} ${shown()}`);
  }
  await alive(`${times} repeated calls`);
}
