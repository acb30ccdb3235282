// The signing proxy as a Cloudflare Worker, for benches/proxy-coldstart.mjs (bench only; the
// tests' worker is tests/workerd/worker.mjs). The package's workerd entry (proxy/slim.js) and the
// proxy .wasm as a module, as a deployed worker has them. `./mode.js` (written by the bench) says
// when the instance is made: EAGER = at module evaluation (initSync and warmUp() at the top
// level, as examples/cloudflare-worker and the README do), otherwise at the first proxy request. Upstream is
// a `fetch` hook answering canned Kling envelopes, so the CPU measured is the proxy's and
// workerd's, not an HTTP client's. `/__ping` answers without touching the wasm.
import { initSync, createKlingProxy, warmUp } from "./pkg/proxy/slim.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";
import { EAGER } from "./mode.js";

// Eager is what the README recommends for workers: instantiate and warm up at module scope.
if (EAGER) {
  initSync({ module: wasmModule });
  warmUp();
}

let proxy;

const ENVELOPE_HEADERS = { "content-type": "application/json" };

/** Kling, canned: a query answers the task it names (alice's, whether it was named by task_id or
 *  by owned external id), a create a submitted task. */
async function upstream(url, init = {}) {
  if (init.body) await new Response(init.body).arrayBuffer(); // read what was sent, as Kling would
  const create = init.method === "POST";
  const id = decodeURIComponent(new URL(url).pathname.split("/").pop());
  const external = create ? "alice:bench" : id.includes(":") ? id : `alice:${id}`;
  const data = {
    task_id: "task-bench-1",
    task_status: create ? "submitted" : "succeed",
    task_status_msg: "",
    task_info: { external_task_id: external },
    created_at: 1760000000000,
    updated_at: 1760000090000,
    task_result: create ? {} : { videos: [{ id: "vid-1", url: "https://cdn.klingai.example/files/task-bench-1/video-0.mp4", duration: "5.041" }] },
  };
  return new Response(JSON.stringify({ code: 0, message: "SUCCEED", request_id: "req-bench", data }), { status: 200, headers: ENVELOPE_HEADERS });
}

function makeProxy(env) {
  if (!EAGER) initSync({ module: wasmModule });
  return createKlingProxy({
    upstream: "https://api-singapore.klingai.com",
    accessKey: env.KLING_ACCESS_KEY,
    secretKey: env.KLING_SECRET_KEY,
    authorize: (request) => {
      const m = /^Bearer user-([a-z0-9]+)$/.exec(request.headers.get("authorization") ?? "");
      return m ? m[1] : false;
    },
    fetch: upstream,
  });
}

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/__ping") return new Response("ok");
    proxy ??= makeProxy(env);
    return proxy.fetch(request);
  },
};
