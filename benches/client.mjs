//! Benchmark 6: what KlingClient adds to the HTTP calls themselves. create + wait of the full
//! Omni-Video request against the Kling emulator with zero delays (the task is done at the first
//! poll), against bare `fetch` calls doing the same requests: POST the body with a fresh
//! external_task_id and a pre-signed token, then GET the task, each answer parsed as JSON. The
//! client also validates, builds the body, signs, and decodes the envelope. A second pair runs
//! both against an in-memory `fetch` (a canned Kling answer, no HTTP), which leaves only the
//! client's own work in the difference.

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
    // In memory: Kling's answers without a server (the create echoes the external_task_id).
    const task = (status, ext) => ({ task_id: "t-1", task_status: status, task_info: { external_task_id: ext }, created_at: 1, updated_at: 1, task_result: status === "succeed" ? { videos: [{ id: "v", url: "https://x.example/v.mp4", duration: "10" }] } : undefined });
    const memFetch = async (url, init = {}) => {
      const ext = init.body ? JSON.parse(init.body).external_task_id : "e";
      const data = task(init.method === "POST" ? "submitted" : "succeed", ext);
      return new Response(JSON.stringify({ code: 0, message: "SUCCEED", request_id: "r", data }), { status: 200, headers: { "content-type": "application/json" } });
    };
    const memClient = new lib.KlingClient({ baseUrl: "https://api-singapore.klingai.com", auth: { kind: "keys", accessKey: AK, secretKey: SK }, fetch: memFetch });
    const memBare = async () => {
      const created = await memFetch(`https://api-singapore.klingai.com${PATH}`, { method: "POST", headers, body: JSON.stringify({ ...req, external_task_id: randomUUID() }) }).then(envelope);
      return memFetch(`https://api-singapore.klingai.com${PATH}/${created.task_id}`, { method: "GET", headers }).then(envelope);
    };
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
      "in-memory fetch — KlingClient: create + wait": async () => {
        const t = await memClient.createOmniVideo({ ...req, external_task_id: undefined });
        return memClient.waitForTask("omni-video", t.task_id);
      },
      "in-memory fetch — bare: POST + GET": memBare,
    };
    const r = await compareAsync(cases, { rounds: 21, perSample: 25, warmup: 50, log: process.env.KLING_BENCH_DEBUG ? console.error : undefined });
    const pair = r.ratio("KlingClient: createOmniVideo + waitForTask", "fetch: POST + GET");
    const added = r["KlingClient: createOmniVideo + waitForTask"].median - r["fetch: POST + GET"].median;
    const ownWork = r["in-memory fetch — KlingClient: create + wait"].median - r["in-memory fetch — bare: POST + GET"].median;
    const rows = Object.keys(cases).map((name) => [
      name,
      fmtTime(r[name].median),
      spread(r[name]),
      name.includes("KlingClient") ? `${r.ratio(name, name.startsWith("in-memory") ? "in-memory fetch — bare: POST + GET" : name.includes("wait") ? "fetch: POST + GET" : "fetch: POST").toFixed(2)}×` : "",
    ]);
    client.free?.();
    memClient.free?.();
    return {
      title,
      headers: ["calls", "median", "IQR/2", "÷ bare fetch"],
      rows,
      notes: [
        `Against the emulator the client adds ≈ ${fmtTime(added)} per create + wait (${pair.toFixed(2)}× the bare calls); with the in-memory fetch its own work is ≈ ${fmtTime(ownWork)}: validation and body building (benchmark 1), JWT signing, the external_task_id, envelope decoding.`,
        "Times are this process's CPU time, which includes the emulator's (it runs in the same process) and Node's HTTP client for both sides.",
        "The request's own external_task_id is removed for the client, which then generates one, as the bare calls do.",
      ],
      targets: [],
      data: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])),
    };
  } finally {
    await emu.close();
  }
}
