//! Benchmark 6: what KlingClient adds to the HTTP calls themselves. create + wait of the full
//! Omni-Video request against the Kling emulator with zero delays (the task is done at the first
//! poll), against bare `fetch` calls doing the same requests: POST the body with a fresh
//! external_task_id and a pre-signed token, then GET the task, each answer parsed as JSON. The
//! client also validates, builds the body, signs, and decodes the envelope.

import { randomUUID, createHmac } from "node:crypto";
import { compareAsync, fmtTime, spread } from "./lib/measure.mjs";
import { omniVideoRequest } from "./lib/request.mjs";
import { startEmulator } from "../tests/support/kling-emulator.mjs";

export const title = "6. Client overhead (create + wait against the emulator, no delays)";

const AK = "bench-ak";
const SK = "bench-sk";
const PATH = "/v1/videos/omni-video";

function token() {
  const now = Math.floor(Date.now() / 1000);
  const enc = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const input = `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ iss: AK, exp: now + 1800, nbf: now - 5 })}`;
  return `${input}.${createHmac("sha256", SK).update(input).digest("base64url")}`;
}

export async function run({ lib }) {
  if (typeof lib.KlingClient !== "function") {
    return { title, headers: [], rows: [], notes: ["KlingClient is not exported by this build: not measured."], targets: [] };
  }
  const emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 0, doneAfterMs: 0 }, recordRequests: false });
  try {
    const client = new lib.KlingClient({ baseUrl: emu.url, auth: { kind: "keys", accessKey: AK, secretKey: SK } });
    const req = omniVideoRequest();
    const headers = { "content-type": "application/json", authorization: `Bearer ${token()}` };
    const envelope = async (res) => {
      const body = await res.json();
      if (body.code !== 0) throw new Error(`emulator: ${JSON.stringify(body)}`);
      return body.data;
    };
    const bareCreate = () => fetch(emu.url + PATH, { method: "POST", headers, body: JSON.stringify({ ...req, external_task_id: randomUUID() }) }).then(envelope);
    const bareGet = (id) => fetch(`${emu.url}${PATH}/${id}`, { headers }).then(envelope);
    const cases = {
      "KlingClient: createOmniVideo + waitForTask": async () => {
        const task = await client.createOmniVideo({ ...req, external_task_id: undefined });
        const done = await client.waitForTask("omni-video", task.task_id);
        if (done.task_status !== "succeed") throw new Error(done.task_status);
        return done;
      },
      "fetch: POST + GET": async () => {
        const task = await bareCreate();
        const done = await bareGet(task.task_id);
        if (done.task_status !== "succeed") throw new Error(done.task_status);
        return done;
      },
      "KlingClient: createOmniVideo": () => client.createOmniVideo({ ...req, external_task_id: undefined }),
      "fetch: POST": bareCreate,
    };
    const r = await compareAsync(cases, { rounds: 21, perSample: 25, warmup: 50 });
    const pair = r.ratio("KlingClient: createOmniVideo + waitForTask", "fetch: POST + GET");
    const added = r["KlingClient: createOmniVideo + waitForTask"].median - r["fetch: POST + GET"].median;
    const rows = Object.keys(cases).map((name) => [
      name,
      fmtTime(r[name].median),
      spread(r[name]),
      name.startsWith("KlingClient") ? `${r.ratio(name, name.includes("wait") ? "fetch: POST + GET" : "fetch: POST").toFixed(2)}×` : "",
    ]);
    client.free?.();
    return {
      title,
      headers: ["calls", "median", "IQR/2", "÷ bare fetch"],
      rows,
      notes: [
        `The client adds ≈ ${fmtTime(added)} per create + wait (${pair.toFixed(2)}× the bare calls): validation and body building (benchmark 1), JWT signing, the external_task_id, envelope decoding.`,
        "The request's own external_task_id is removed for the client, which then generates one, as the bare calls do.",
      ],
      targets: [],
      data: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])),
    };
  } finally {
    await emu.close();
  }
}
