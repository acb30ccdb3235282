// A tiny stand-in for Kling's element, voice, preset, deletion and account-costs endpoints (and
// plain task creates), for the proxy's ownership tests until the emulator learns them: custom
// element and voice tasks succeed at once with ids (element ids ≥ 2^60, written as bare JSON
// numbers so rounding shows), lists by page, presets, deletion of custom ids only (else 400 /
// 1201), costs with checked times. `state.requests` records every request like the emulator's.
import http from "node:http";

const BIG = 1n << 60n;
const PRESET_ELEMENT = BIG + 900n;
const PRESET_VOICE = "preset_voice_1";

/** JSON text with every BigInt written as its exact digits. */
function text(value) {
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `__big${v}` : v)).replace(/"__big(\d+)"/g, "$1");
}

export async function startAssetsUpstream() {
  const state = { requests: [], tasks: [], deleted: [], n: 0 };
  const envelope = (res, data, status = 200, code = 0, message = "SUCCEED") => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(text({ code, message, request_id: `r${state.requests.length}`, data }));
  };
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString("utf8");
    state.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    const url = new URL(req.url, "http://x");
    const path = url.pathname;
    const q = (k) => url.searchParams.get(k);
    const page = (all) => {
      const num = Number(q("pageNum") ?? 1), size = Number(q("pageSize") ?? 30);
      return all.slice((num - 1) * size, num * size);
    };
    if (req.method === "POST" && path.startsWith("/v1/general/delete-")) {
      const kind = path.endsWith("elements") ? "element_id" : "voice_id";
      const id = JSON.parse(body)[kind];
      const custom = state.tasks.some((t) => (t.task_result?.elements ?? t.task_result?.voices ?? []).some((x) => String(x[kind]) === id));
      if (typeof id !== "string" || !custom) return envelope(res, null, 400, 1201, "not a custom id");
      state.deleted.push(id);
      return envelope(res, { task_id: `del-${state.deleted.length}`, task_status: "succeed" });
    }
    if (req.method === "POST") {
      const sent = JSON.parse(body);
      const n = ++state.n;
      const task = { path, task_id: `t${n}`, task_status: "submitted", task_info: { external_task_id: sent.external_task_id }, created_at: n, updated_at: n };
      if (path === "/v1/general/advanced-custom-elements") {
        Object.assign(task, { task_status: "succeed", task_result: { elements: [{ element_id: BIG + BigInt(n), element_name: sent.element_name, element_voice_info: sent.element_voice_id ? { voice_id: sent.element_voice_id } : undefined }] } });
      } else if (path === "/v1/general/custom-voices") {
        Object.assign(task, { task_status: "succeed", task_result: { voices: [{ voice_id: `voice_${n}`, voice_name: sent.voice_name }] } });
      }
      state.tasks.unshift(task); // newest first, as Kling lists
      return envelope(res, task);
    }
    if (path === "/v1/general/advanced-presets-elements") return envelope(res, page([{ element_id: PRESET_ELEMENT, element_name: "preset", owned_by: "kling" }]));
    if (path === "/v1/general/presets-voices") return envelope(res, page([{ voice_id: PRESET_VOICE, voice_name: "preset", owned_by: "kling" }]));
    if (path === "/account/costs") {
      const [s, e] = [Number(q("start_time")), Number(q("end_time"))];
      if (!(s >= 0 && e >= s)) return envelope(res, null, 400, 1201, "bad time range");
      return envelope(res, { code: 0, msg: "ok", resource_pack_subscribe_infos: [{ resource_pack_name: "pack", remaining_quantity: 42 }] });
    }
    const one = state.tasks.find((t) => `${t.path}/${t.task_id}` === path || `${t.path}/${t.task_info.external_task_id}` === path);
    if (one) return envelope(res, one);
    const family = state.tasks.filter((t) => t.path === path);
    if (q("pageNum")) return envelope(res, page(family));
    return envelope(res, null, 404, 1203, "task not exist");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
  return { url, state, close, presetElement: String(PRESET_ELEMENT), presetVoice: PRESET_VOICE };
}
