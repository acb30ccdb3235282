// The upstream of benches/proxy-cpu.mjs, shared by its Node run and its workerd worker
// (benches/lib/cpu-worker.mjs, where this file is embedded as task-stub.js; so no imports):
// Kling's create and query answers for Omni-Video, as Kling writes them. A create answers the
// task it made with the external_task_id it was sent (the body is read, as Kling would); a query
// by task_id answers that task: "task-u1" is USER's, "task-u2" another user's, anything else is
// missing (Kling's 1203). Answers carry their Content-Length, as a server sends a small JSON
// body (kling-wasm reads a chunked or content-encoded one with a reader's loop, which costs it
// more). `sent` keeps the last create body, so the bench can compare what the two proxies send.

export const UPSTREAM = "https://api-singapore.klingai.com";
export const AK = "bench-ak";
export const SK = "bench-sk-0123456789abcdef0123456789abcdef";
export const USER = "u1";
const BASE = "/v1/videos/omni-video";
const encoder = new TextEncoder();
/** An answer as an HTTP server sends a small JSON body: with its Content-Length. */
const answer = (text, status) => new Response(text, { status, headers: { "content-type": "application/json", "content-length": String(encoder.encode(text).byteLength) } });

/** The last create body sent upstream, as text. */
export const sent = { body: null };

function task(id, status, external) {
  const done = status === "succeed";
  return {
    task_id: id,
    task_status: status,
    task_status_msg: "",
    task_info: { external_task_id: external },
    watermark_info: { enabled: true },
    final_unit_deduction: done ? "10" : undefined,
    created_at: 1_760_000_000_000,
    updated_at: done ? 1_760_000_090_000 : 1_760_000_000_000,
    task_result: done ? { videos: [{ id: `vid-${id}`, url: `https://cdn.klingai.example/files/${id}/video-0.mp4`, watermark_url: `https://cdn.klingai.example/files/${id}/video-0-wm.mp4`, duration: "10.041" }] } : {},
  };
}
const envelope = (data, code = 0, message = "SUCCEED") => JSON.stringify({ code, message, request_id: "req-bench-0001", data });
/** Pre-built query answers: the same text each time, as a real answer is a fresh string. */
const QUERIES = {
  "task-u1": envelope(task("task-u1", "succeed", `${USER}:job-1`)),
  "task-u2": envelope(task("task-u2", "succeed", "u2:job-1")),
};
const MISSING = envelope(null, 1203, "task not found");

/** The upstream `fetch`: a create (POST) or a query (GET) of one Omni-Video task. */
export async function upstreamFetch(url, init = {}) {
  const u = new URL(url);
  const auth = new Headers(init.headers).get("authorization") ?? "";
  if (u.origin !== UPSTREAM || !u.pathname.startsWith(BASE) || !/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(auth)) {
    throw new Error(`bench: unexpected upstream call ${url}`);
  }
  if (init.method === "POST") {
    sent.body = await new Response(init.body).text();
    const external = JSON.parse(sent.body).external_task_id;
    return answer(envelope(task("task-new-1", "submitted", external)), 200);
  }
  const text = QUERIES[u.pathname.slice(BASE.length + 1)];
  return answer(text ?? MISSING, text ? 200 : 404);
}

/** Both proxies' authorize hook: "Bearer user-<id>" is user <id>. */
export const authorize = (request) => /^Bearer user-(\w+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? false;
