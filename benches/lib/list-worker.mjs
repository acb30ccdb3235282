// The two list proxies of benches/proxy-list.mjs in one Cloudflare Worker, for its workerd run:
// kling-wasm's (the package's workerd entry and the proxy .wasm as a module) and the hand-written
// JS proxy (benches/lib/js-proxy.mjs bundled with jose by the bench), with the same in-worker
// upstream stub. `x-bench-proxy: ours | js | floor` picks the handler (floor: the stub alone);
// `x-upstream-pages` tells the bench how many pages the request made the stub serve.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import wasmModule from "./pkg/proxy/proxy_bg.wasm";
import { createJsProxy } from "./js-proxy.js";
import { AK, SK, UPSTREAM, PAGE, authorize, served, upstreamFetch } from "./list-pages.js";
import { makeBaseline } from "./baseline.js";

initSync({ module: wasmModule });
const config = { upstream: UPSTREAM, accessKey: AK, secretKey: SK, authorize, fetch: upstreamFetch };
const handlers = {
  ours: createKlingProxy(config),
  js: createJsProxy(config),
  floor: {
    async fetch() {
      const res = await upstreamFetch(`${UPSTREAM}/v1/videos/omni-video?pageNum=1&pageSize=${PAGE}`, { headers: { authorization: "Bearer a.b.c" } });
      return new Response(String((await res.text()).length));
    },
  },
};

// "base": kling-wasm of another package (KLING_BENCH_BASELINE), for an A/B in one run.
if (makeBaseline) handlers.base = makeBaseline(config);

export default {
  async fetch(request) {
    const handler = handlers[request.headers.get("x-bench-proxy")];
    if (!handler) return new Response("x-bench-proxy: ours | js | floor", { status: 400 });
    served.full = served.empty = 0;
    const res = await handler.fetch(request);
    const out = new Response(res.body, res);
    out.headers.set("x-upstream-pages", `${served.full}+${served.empty}`);
    return out;
  },
};
