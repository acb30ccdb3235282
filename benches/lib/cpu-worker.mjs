// The two proxies of benches/proxy-cpu.mjs in one Cloudflare Worker, for its workerd run:
// kling-wasm's (the package's workerd entry and the proxy .wasm as a module, initialised and
// warmed up at module scope as the README says) and the hand-written JS proxy
// (benches/lib/js-proxy.mjs bundled with jose by the bench), with the same in-worker upstream
// stub (benches/lib/task-stub.mjs). `x-bench-proxy: ours | unchecked | js` picks the handler (unchecked: kling-wasm with
// `validate: false`).
// `./baseline.js` (written by the bench) may add "base": kling-wasm from another package
// (KLING_BENCH_BASELINE), for an A/B of two builds in one run.
// `GET /__sent` answers the last create body the stub received, so the bench can compare them.
import { initSync, createKlingProxy, warmUp } from "./pkg/proxy/slim.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";
import { createJsProxy } from "./js-proxy.js";
import { AK, SK, UPSTREAM, authorize, sent, upstreamFetch } from "./task-stub.js";
import { makeBaseline } from "./baseline.js";

initSync({ module: wasmModule });
warmUp();
const config = { upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize, fetch: upstreamFetch };
const handlers = { ours: createKlingProxy(config), unchecked: createKlingProxy({ ...config, validate: false }), js: createJsProxy(config) };
if (makeBaseline) handlers.base = makeBaseline(config);

export default {
  async fetch(request) {
    const handler = handlers[request.headers.get("x-bench-proxy")];
    if (handler) return handler.fetch(request);
    if (new URL(request.url).pathname === "/__sent") return new Response(sent.body ?? "");
    return new Response("x-bench-proxy: ours | unchecked | js", { status: 400 });
  },
};
