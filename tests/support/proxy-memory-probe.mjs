// Run by tests/js/proxy-hardening.test.mjs in a fresh `node` process (so no other test's
// high-water mark is inherited; wasm memory never shrinks): one valid create with a ~10 MiB
// base64 image through the proxy, measuring the proxy instance's wasm memory before and after.
// Prints one JSON line: { status, body, bodyBytes, sentBytes, before, after }.
import { envelope, glue, createKlingProxy, task } from "./proxy-rig.mjs";

// 10 MiB of base64 text: a JPEG's first bytes (FF D8 FF E0), then filler, as GEN-IMAGE wants.
const IMAGE = "/9j/4AAQ" + "A".repeat((10 << 20) - 8);
const body = JSON.stringify({ model_name: "kling-v3-omni", prompt: "<<<image_1>>> walks through snow", aspect_ratio: "16:9", duration: "5", image_list: [{ image_url: IMAGE }] });

let sentBytes = 0;
const proxy = createKlingProxy({
  accessKey: "ak-memory",
  secretKey: "sk-memory-0123456789",
  authorize: () => "alice",
  // Counts what goes upstream, so the probe proves the image was forwarded, not dropped.
  fetch: async (url, init) => {
    if (init.body instanceof Uint8Array) sentBytes += init.body.byteLength;
    else if (init.body) for await (const c of init.body) sentBytes += c.byteLength;
    return new Response(envelope(task()));
  },
});
// A first small request initialises everything a request touches, so `before` is the baseline.
await (await proxy.fetch(new Request("http://proxy.test/kling/v1/videos/omni-video/811111111111111111"))).text();
const before = glue.initSync().memory.buffer.byteLength;
const res = await proxy.fetch(
  new Request("http://proxy.test/kling/v1/videos/omni-video", {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) },
    body,
  }),
);
const text = await res.text();
const after = glue.initSync().memory.buffer.byteLength;
process.stdout.write(JSON.stringify({ status: res.status, body: text.slice(0, 300), bodyBytes: Buffer.byteLength(body), sentBytes, before, after }) + "\n");
