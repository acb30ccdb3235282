// warmUp() of the signing proxy (shipped as proxy/warm.js, exported by the proxy entries): runs the
// core's hot paths and this driver once on canned data at module scope, so a worker's first
// request does not pay for compiling them.
import * as glue from "./proxy.js";
import { serve } from "./driver.js";
import { call, generation } from "./instance.js";
import { memoryStore } from "./store.js";

let driverWarm = Promise.resolve([]);
/** The statuses of the last warmUp()'s canned query and create through the driver (for tests:
 *  both must be 200; a refusal would need a random request id, which workers refuse at module
 *  scope). */
export const __kwDriverWarmed = () => driverWarm;

/**
 * Runs the proxy's hot paths once on canned data (nothing is sent, no clock or random id is
 * used), so V8 compiles them now: in a worker, call it at module scope after initSync and the
 * first request does not pay for it. Never throws.
 */
export function warmUp() {
  const gen = generation;
  try {
    call(gen, glue.__kwWarmUp);
  } catch {
    // A trap here replaced the instance (call did); the next request runs on the fresh one.
    return;
  }
  // Then a query through this driver on a proxy of its own, to a canned answer: the config read
  // from JS (a worker makes its proxy at its first request, as it needs `env`), the driver's
  // steps and the runtime's objects they use are compiled now too; it was most of a cold first
  // request in workerd. Module scope allows a GET Request and a Response, not timers (skipped:
  // `warm`), random values (unused on this path) or reading a body (the canned answer is not a
  // real Response). It finishes in this turn's microtasks, before any request.
  let p;
  try {
    p = { config: WARM_CONFIG, gen, hooks: call(gen, glue.__kwProxyCreate, WARM_CONFIG), store: memoryStore(), warm: true };
    const query = new Request("https://warm-up.invalid/kling/v1/videos/omni-video/warm-1", { headers: { authorization: "Bearer warm-up" } });
    // A create's Request cannot be made at module scope (it has a body): what the driver reads
    // of one, canned. Valid (no refusal: a refusal's fresh request id is a random value).
    const body = new TextEncoder().encode(WARM_CREATE);
    const headers = new Headers({ authorization: "Bearer warm-up", "content-type": "application/json", "content-length": String(body.byteLength) });
    const create = { method: "POST", url: "https://warm-up.invalid/kling/v1/videos/omni-video", headers, body: {}, arrayBuffer: async () => body.buffer };
    driverWarm = (async () => {
      const statuses = [];
      try {
        for (const request of [query, create]) statuses.push((await serve(p, request)).status);
      } finally {
        if (p.gen === generation) glue.__kwProxyDrop(p.hooks.id);
      }
      return statuses;
    })().catch(() => []);
  } catch {
    // Not a runtime with these objects: nothing more to warm.
  }
}

const WARM_ANSWER = '{"code":0,"message":"SUCCEED","request_id":"w","data":{"task_id":"warm-1","task_status":"succeed","task_info":{"external_task_id":"warm-up:job-1"},"created_at":1750000000000,"updated_at":1750000000000}}';

/** The create of src/proxy/warm.rs (a multi-shot Omni-Video request, valid). */
const WARM_CREATE =
  '{"model_name":"kling-v3-omni","multi_shot":true,"shot_type":"customize","multi_prompt":[' +
  '{"index":1,"prompt":"a keeper walks along the wet pier at dawn","duration":"3"},' +
  '{"index":2,"prompt":"he polishes the lens shown in <<<image_2>>>","duration":"4"},' +
  '{"index":3,"prompt":"styled like <<<image_3>>>: he looks out at a ship","duration":"3"}],' +
  '"image_list":[{"image_url":"https://warm.up/0.png","type":"first_frame"},{"image_url":"https://warm.up/1.png"},' +
  '{"image_url":"https://warm.up/2.png"}],"sound":"on","mode":"pro","duration":"10","watermark_info":{"enabled":true},' +
  '"callback_url":"https://warm.up/cb","external_task_id":"job-1"}';

const WARM_CONFIG = Object.freeze({
  upstream: "https://api-singapore.klingai.com",
  accessKey: "warm-up-access-key",
  secretKey: "warm-up-secret-key",
  authorize: () => "warm-up",
  // What upstream.js reads of a Response, answered at once.
  fetch: () => {
    const bytes = new TextEncoder().encode(WARM_ANSWER);
    return { status: 200, type: "basic", headers: new Headers({ "content-length": String(bytes.byteLength) }), body: {}, arrayBuffer: async () => bytes.buffer };
  },
});
