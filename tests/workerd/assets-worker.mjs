// The proxy's element / voice ownership in the real workerd runtime (tests/js/proxy-assets-
// workerd.test.mjs): at /kling a proxy with authorizeAccount (alice only) and shared ids, at
// /plain one without the hook; "Bearer user-<id>" is user <id>.
import { initSync, createKlingProxy } from "./pkg/proxy/slim.js";
import proxyWasm from "./pkg/proxy/proxy_bg.wasm";

initSync({ module: proxyWasm });

const SHARED_ELEMENT = String((1n << 60n) + 5000n);
let proxies;

function authorize(request) {
  const m = /^Bearer user-([\w-]{1,64})$/.exec(request.headers.get("authorization") ?? "");
  return m ? m[1] : false;
}

export default {
  async fetch(request, env) {
    const base = { upstream: env.KLING_UPSTREAM, accessKey: env.KLING_ACCESS_KEY, secretKey: env.KLING_SECRET_KEY, authorize };
    proxies ??= {
      hooked: createKlingProxy({
        ...base,
        authorizeAccount: (r) => r.headers.get("authorization") === "Bearer user-alice",
        sharedElementIds: [SHARED_ELEMENT],
        sharedVoiceIds: ["house_voice"],
      }),
      plain: createKlingProxy({ ...base, pathPrefix: "/plain" }),
    };
    return new URL(request.url).pathname.startsWith("/plain/") ? proxies.plain.fetch(request) : proxies.hooked.fetch(request);
  },
};
