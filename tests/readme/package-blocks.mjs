//! What the tests do with each code block of the package README (docs/package-README.md), by the
//! block's name (the `<!-- block: name -->` line above it). Every ```js / ```ts / ```tsx block is
//! also type-checked under strict TypeScript against the package's typings
//! (tests/types/readme.mjs); a block missing here, or listed without a run and without a reason,
//! fails tests/js/package-readme.test.mjs.
//!
//! runs: where the block runs, unchanged, against the Kling emulator (tests/readme/run.mjs):
//!   node, deno, bun  the block as a module of its own in a project where `kling-wasm` resolves
//!                    (pkg/ in the package tests; the installed tarball in the packaging layer),
//!                    after a prelude that sends the README's example hosts to local servers
//!                    (Kling's host to the emulator) and defines what the block `declare`s; then
//!                    `drive` (code run in the same process, with `block` = the block's exports)
//!                    and `expect` (regexes its output must match).
//!   workerd          bundled as wrangler does, served by the real workerd; `drive(url, ctx)` runs
//!                    in the test. `durableObjects: { BINDING: "Class" }` binds a namespace of a
//!                    class the block exports (in-memory storage).
//!   chromium         a page imports the block by an import map, as a page without a bundler does.
//!   shell            bash runs the block in a fresh directory beside the packed tarball.
//! The package tests (tests/js) run "node"; the packaging layer runs every runtime.
//! noRun: why a block runs nowhere (then it is type-checked only).
//! check(block, blocks): a static check for a block no tool runs (a config file).

/** A valid request, for drives. */
const VALID = `{ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5" }`;

export const BLOCKS = {
  install: {
    lang: "sh",
    runs: { shell: {} },
  },
  "browser-quickstart": {
    lang: "ts",
    runs: {
      node: { expect: [/^true \[\]$/m] },
      chromium: { expect: [/^true \[\]$/m] },
    },
  },
  "esbuild-copy": {
    lang: "js",
    runs: {
      node: {
        drive: `const { existsSync, readFileSync, rmSync } = await import("node:fs");
for (const f of ["dist/kling_wasm_bg.wasm", "dist/media_bg.wasm"]) {
  assert(existsSync(f), f + " copied");
  assert(readFileSync(f).subarray(0, 4).toString("hex") === "0061736d", f + " is a wasm module");
}
rmSync("dist", { recursive: true });
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "load-failed": {
    lang: "js",
    runs: {
      node: { expect: [/^validation ready$/m] },
      chromium: { expect: [/^validation ready$/m] },
    },
  },
  "not-ready": {
    lang: "ts",
    runs: {
      // Node is ready at import: the early branch is skipped.
      node: { expect: [/^true$/m], refuse: [/not_ready/] },
      // In a browser the block runs while the .wasm is still loading.
      chromium: { expect: [/^not_ready\ntrue$/m] },
    },
  },
  "node-quickstart": {
    lang: "js",
    runs: Object.fromEntries(["node", "deno", "bun"].map((r) => [r, {
      expect: [/^true$/m, /"element_list":\[\{"element_id":829364517283645190\}\]/, /["']\/prompt prompt_required \(OV-2\)["'],\s+["']\/aspect_ratio aspect_ratio_required \(OV-17\)["']/],
    }])),
  },
  "worker-validate": {
    lang: "ts",
    runs: {
      workerd: {
        async drive(url, { assert }) {
          const post = (body) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const good = await post({ model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" });
          assert.equal(good.status, 200);
          assert.equal((await good.json()).ok, true);
          const bad = await post({ model_name: "kling-v3-omni", prompt: "" });
          assert.equal(bad.status, 400);
          assert.ok((await bad.json()).issues.some((i) => i.code === "prompt_required"));
        },
      },
    },
  },
  "issue-shape": {
    lang: "ts",
    runs: {
      node: {
        expect: [/invalid_duration/, /GEN-DURATION/],
        // The issue the block shows is the one the library gives for that mistake.
        drive: `const lib = await import("kling-wasm");
const got = lib.validateOmniVideo({ model_name: "kling-v3-omni", prompt: "x", aspect_ratio: "16:9", duration: 7.5 }).issues.find((i) => i.path === "/duration");
assert(got?.code === "invalid_duration" && got.rule === "GEN-DURATION", JSON.stringify(got));
assert(got.message === 'A duration is a whole number of seconds, written as a string such as "5".', got.message);`,
      },
    },
  },
  "standard-schema": {
    lang: "ts",
    runs: {
      node: {
        expect: [
          /^\[ 'duration' \] Duration 12 s is not available on kling-video-o1 here; allowed: 5, 10\.$/m,
          /path: \[ 'model_name' \],\n\s+code: 'model_defaulted'/,
          /^kling-wasm$/m,
          /^\[ 'multi_shot', 'image_list', 'element_list', 'sound', 'duration' \]$/m,
        ],
        // The one issue is the duration's (aspect_ratio is given).
        refuse: [/^\[ 'aspect_ratio' \]/m],
      },
    },
  },
  "general-families": {
    lang: "ts",
    runs: {
      node: {
        expect: [/^\[ 'VC-2 \/voice_url' \]$/m, /^\[ 'element_image_list' \] EL-1$/m, /"element_id":829836802793406551\}/, /'o_101'.*'o_108'/s],
        // No model is named in the element or voice requests, and the id is not rounded.
        refuse: [/829836802793406500/],
      },
    },
  },
  "react-hook-form": {
    lang: "tsx",
    typecheckWith: "react-form",
    noRun: "a React component (needs react and the form libraries): examples/react-form renders it and drives it in Chromium (tests/packaging/react-form.test.mjs); here it is type-checked with that example's locked packages, in the packaging layer",
  },
  "tanstack-form": {
    lang: "tsx",
    typecheckWith: "react-form",
    noRun: "a React component (needs react and the form libraries): examples/react-form renders it and drives it in Chromium (tests/packaging/react-form.test.mjs); here it is type-checked with that example's locked packages, in the packaging layer",
  },
  "react-ready": {
    lang: "tsx",
    typecheckWith: "react-form",
    noRun: "a React hook: examples/react-form starts its forms with it before the module is ready (tests/packaging/react-form.test.mjs); here it is type-checked with that example's locked packages, in the packaging layer",
  },
  warnings: {
    lang: "ts",
    runs: {
      node: {
        drive: `const w = block.warningsByField({ prompt: "a paper boat", aspect_ratio: "16:9", duration: "5" });
assert(w.get("model_name")?.length === 1, "the defaulted model is warned at model_name: " + JSON.stringify([...w]));
assert(block.warningsByField({ model_name: "kling-v3-omni", prompt: "a paper boat", aspect_ratio: "16:9", duration: "5" }).size === 0, "no warning for a complete request");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  choices: {
    lang: "ts",
    runs: {
      node: {
        drive: `const o1 = block.choicesFor("kling-video-o1"), v3 = block.choicesFor("kling-v3-omni");
assert(block.choicesFor(undefined).field("duration") !== undefined, "no model: the API's default model's choices");
assert(o1.models.includes("kling-video-o1") && o1.models.includes("kling-v3-omni"), "models");
const d1 = o1.field("duration")?.values ?? [], d3 = v3.field("duration")?.values ?? [];
assert(d1.length > 0 && d3.length > d1.length, "kling-video-o1 offers fewer durations than kling-v3-omni: " + d1 + " / " + d3);
assert((v3.field("aspect_ratio")?.values ?? []).includes("16:9"), "aspect ratios come from the map");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  client: {
    lang: "js",
    runs: {
      node: {
        helperProxy: true,
        expect: [/^(submitted|processing)$/m, /^succeed$/m, /^https?:\/\/\S+\.mp4$/m],
      },
    },
  },
  "proxy-budget": {
    lang: "js",
    runs: {
      node: {
        drive: `const url = (await serve(block.default)) + "/kling/v1/videos/omni-video";
const create = () => realFetch(url, { method: "POST", headers: { authorization: "Bearer s3cr3t-token", "content-type": "application/json" }, body: JSON.stringify(${VALID}) });
const [a, b, c] = [await create(), await create(), await create()];
assert(a.status === 200 && b.status === 200, "two tasks run: " + a.status + " " + b.status);
assert(c.status === 429 && c.headers.get("retry-after") === "30", "the third waits: " + c.status);
assert((await c.json()).reason === "tasks_in_flight", "tasks_in_flight");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "proxy-redis": {
    lang: "js",
    // Two "processes" (two calls) on one client that keeps keys in a Map and answers the store's
    // script as Redis would (node-redis's eval shape). tests/js/redis-proxy.test.mjs runs the
    // same set-up with real clients in two Node processes against Debian's redis-server.
    runs: {
      node: {
        drive: `const records = new Map();
let evals = 0;
const client = {
  get: async (key) => records.get(key) ?? null,
  eval: async (script, { keys: [key], arguments: [had, read, next] }) => {
    evals++;
    const cur = records.get(key) ?? null;
    if (cur !== (had === "1" ? read : null)) return cur === null ? [0] : [0, cur];
    records.set(key, next);
    return [1];
  },
};
block.serveKling(client);
block.serveKling(client);
const ports = await servers();
assert(ports.length === 2, "two servers: " + ports.length);
const create = (port) => realFetch("http://127.0.0.1:" + port + "/kling/v1/videos/omni-video", { method: "POST", headers: { authorization: "Bearer s3cr3t-token", "content-type": "application/json" }, body: JSON.stringify(${VALID}) });
const answers = await Promise.all(ports.map(create));
assert(answers.every((a) => a.status === 200), "both create: " + answers.map((a) => a.status));
const keys = [...records.keys()];
assert(keys.some((k) => k.startsWith("myapp:kling:ledger:")) && keys.some((k) => k.startsWith("myapp:kling:index:")), "keys: " + keys);
assert(evals >= 4, "compare-and-set scripts: " + evals);
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  cost: {
    lang: "js",
    runs: {
      // Nothing reaches a server: the create is refused by its cost limit first.
      node: {
        expect: [/units: 4\.2,\s+usd: 0\.588,\s+basis: 'Video 3\.0 Omni · std, no video input, no audio',\s+kind: 'video'/, /options\.videoSeconds/, /^7\.2$/m,
          /^The estimated cost, 8 units \(\$1\.12, Video 3\.0 Omni · pro, no video input, no audio\), is above maxUnits 5: nothing was sent 8 5$/m],
      },
    },
  },
  "proxy-node-cookie": {
    lang: "js",
    runs: {
      node: {
        drive: `const [port] = await servers();
const base = \`http://127.0.0.1:\${port}/kling/v1/videos/omni-video\`;
const create = (headers) => realFetch(base, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(${VALID}) });
const own = \`http://127.0.0.1:\${port}\`;
const ok = await create({ origin: own, cookie: "sid=s3cr3t-session" });
assert(ok.status === 200, "same origin with the session: " + ok.status + " " + await ok.text());
const noSession = await create({ origin: own });
assert(noSession.status === 401, "no session: " + noSession.status);
const other = await create({ origin: "https://elsewhere.example", cookie: "sid=s3cr3t-session" });
assert(other.status === 403 && other.headers.get("x-kling-proxy") === "1", "another origin: " + other.status);
assert((await other.json()).source === "proxy", "the refusal is marked as the proxy's");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "proxy-cross-origin-cookie": {
    lang: "js",
    runs: {
      node: {
        drive: `const base = await serve(block.default);
const url = base + "/kling/v1/videos/omni-video";
const pre = await realFetch(url, { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
assert(pre.status < 300, "preflight: " + pre.status);
assert(pre.headers.get("access-control-allow-origin") === "https://app.example.com", "allow-origin");
assert(pre.headers.get("access-control-allow-credentials") === "true", "allow-credentials");
const create = (origin, cookie) => realFetch(url, { method: "POST", headers: { origin, cookie, "content-type": "application/json" }, body: JSON.stringify(${VALID}) });
const ok = await create("https://app.example.com", "sid=abc");
assert(ok.status === 200, "listed origin with its cookie: " + ok.status + " " + await ok.text());
assert(ok.headers.get("access-control-allow-credentials") === "true", "credentials allowed on the answer");
const other = await create("https://other.example", "sid=abc");
assert(other.status === 403, "an unlisted origin: " + other.status);
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "proxy-bearer": {
    lang: "ts",
    runs: {
      node: {
        drive: `const base = await serve(block.proxy);
route("https://api.example.com", base);
const pre = await realFetch(base + "/kling/v1/videos/omni-video", { method: "OPTIONS", headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type, x-session" } });
assert(pre.status < 300 && /x-session/i.test(pre.headers.get("access-control-allow-headers") ?? ""), "the session header passes CORS");
sessionStorage.setItem("session", "good-session");
const task = await block.client.createOmniVideo(${VALID});
assert(typeof task.task_id === "string", "created with the session");
const kling = (await emulatorRequests()).at(-1);
assert(kling && !("x-session" in kling.headers), "the session header never reaches Kling");
sessionStorage.setItem("session", "stolen");
const before = calls(base);
let refused;
try { await block.client.createOmniVideo(${VALID}); } catch (e) { refused = e; }
assert(refused?.code === "api_error" && refused.status === 401 && refused.source === "proxy", "refused: " + refused);
assert(calls(base) - before === 1, "a permanent refusal is not retried");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "proxy-deno": {
    lang: "ts",
    runs: {
      deno: {
        drive: `const [port] = await servers();
const url = \`http://127.0.0.1:\${port}/kling/v1/videos/omni-video\`;
const create = (h) => realFetch(url, { method: "POST", headers: { "content-type": "application/json", ...h }, body: JSON.stringify(${VALID}) });
const ok = await create({ "x-session": env("APP_SESSION") });
assert(ok.status === 200, "with the session: " + ok.status + " " + await ok.text());
const no = await create({});
assert(no.status === 401, "without: " + no.status);
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "nextjs-route": {
    lang: "ts",
    runs: {
      node: {
        // The route handler's exports called as Next.js calls them; Kling's host goes to the emulator.
        drive: `const url = "http://localhost:3000/kling/v1/videos/omni-video";
const create = (headers) => block.POST(new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(${VALID}) }));
const ok = await create({ origin: "http://localhost:3000", cookie: "sid=good" });
assert(ok.status === 200, "the app's own page with a session: " + ok.status + " " + await ok.text());
const no = await create({ origin: "http://localhost:3000" });
assert(no.status === 401, "no session: " + no.status);
assert(block.GET === block.POST && block.OPTIONS === block.POST, "one handler for the three methods");
console.log("drive ok");`,
        expect: [/^drive ok$/m],
      },
    },
  },
  "proxy-worker": {
    lang: "ts",
    runs: {
      workerd: {
        // The bindings are the dev-vars block's names; its placeholder values are replaced by
        // the emulator's keys and URL.
        bindingsFrom: "dev-vars",
        async drive(url, { assert, bindings, emu }) {
          const create = (h) => fetch(`${url}/kling/v1/videos/omni-video`, { method: "POST", headers: { "content-type": "application/json", origin: bindings.APP_ORIGIN, ...h }, body: JSON.stringify({ model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" }) });
          const ok = await create({ "x-session": bindings.APP_SESSION });
          assert.equal(ok.status, 200, await ok.clone().text());
          assert.equal(ok.headers.get("access-control-allow-origin"), bindings.APP_ORIGIN);
          const no = await create({});
          assert.equal(no.status, 401);
          assert.ok(emu.state.requests.some((r) => r.method === "POST" && /^Bearer /.test(r.headers.authorization ?? "")), "a signed create reached Kling");
        },
      },
    },
  },
  "proxy-worker-store": {
    lang: "ts",
    runs: {
      workerd: {
        bindingsFrom: "dev-vars",
        // The wrangler-store block's binding, with in-memory storage.
        durableObjects: { KLING_STORE: "KlingStoreObject" },
        async drive(url, { assert, bindings, emu }) {
          const headers = { "content-type": "application/json", "x-session": bindings.APP_SESSION };
          const create = () => fetch(`${url}/kling/v1/videos/omni-video`, { method: "POST", headers, body: JSON.stringify({ model_name: "kling-v3-omni", prompt: "a fox", aspect_ratio: "16:9", duration: "5" }) });
          const query = async (id) => (await (await fetch(`${url}/kling/v1/videos/omni-video/${id}`, { headers })).json()).data;
          const before = emu.state.requests.filter((r) => r.method === "POST").length;
          const admitted = [];
          let refused;
          let inFlight = 0;
          for (let i = 0; i < 50 && !refused; i++) {
            const r = await create();
            const body = await r.json();
            if (r.status === 200) admitted.push(body.data.task_id);
            else if (body.reason === "tasks_in_flight") {
              // maxTasksInFlight (4): no callbackUrl here, so querying the tasks until they are
              // done is what settles them and frees the user's places.
              inFlight++;
              for (const id of admitted) while ((await query(id)).task_status !== "succeed") await new Promise((ok) => setTimeout(ok, 50));
            } else refused = { status: r.status, body };
          }
          assert.ok(inFlight >= 1 && admitted.length > 4, `maxTasksInFlight refused (${inFlight}) before the budget did (${admitted.length} admitted)`);
          assert.deepEqual([refused?.status, refused?.body.reason], [402, "budget_exceeded"], JSON.stringify(refused));
          assert.equal(emu.state.requests.filter((r) => r.method === "POST").length - before, admitted.length, "only the admitted creates reached Kling");
        },
      },
    },
  },
  "wrangler-store": {
    lang: "toml",
    noRun: "wrangler.toml lines: the proxy-worker-store block runs in workerd with this binding (tests/readme/run.mjs gives it an in-memory namespace); examples/cloudflare-worker runs them under wrangler dev",
    check(block, blocks) {
      const worker = blocks.find((b) => b.name === "proxy-worker-store");
      const cls = /class_name = "(\w+)"/.exec(block.code)?.[1];
      const binding = /^name = "(\w+)"/m.exec(block.code)?.[1];
      const problems = [];
      if (!cls || !new RegExp(`export const ${cls} = klingStoreObject\\(`).test(worker.code)) problems.push(`proxy-worker-store does not export ${cls} from klingStoreObject`);
      if (!binding || !worker.code.includes(`env.${binding}`)) problems.push(`proxy-worker-store does not read env.${binding}`);
      if (!block.code.includes(`new_sqlite_classes = ["${cls}"]`)) problems.push("the migration does not create the class");
      return problems;
    },
  },
  "dev-vars": {
    lang: "ini",
    noRun: "a .dev.vars file, not code: its names are the bindings the proxy-worker block runs with in workerd",
    check(block, blocks) {
      const names = new Set(block.code.split("\n").filter((l) => l.trim()).map((l) => l.split("=")[0].trim()));
      const worker = blocks.find((b) => b.name === "proxy-worker");
      const read = new Set([...worker.code.matchAll(/\benv\.(\w+)/g)].map((m) => m[1]));
      const missing = [...read].filter((n) => !names.has(n));
      const unused = [...names].filter((n) => !read.has(n));
      return [...missing.map((n) => `dev-vars lacks ${n}, which proxy-worker reads`), ...unused.map((n) => `dev-vars sets ${n}, which proxy-worker never reads`)];
    },
  },
  media: {
    lang: "ts",
    runs: {
      node: { expect: [/^png 640 360 \[\]$/m, /^null \[ '\w+'/m, /^false \[ '\/element_video_list\/refer_videos\/0\/video_url' \]$/m] },
    },
  },
  "json-schema": {
    lang: "js",
    runs: {
      node: { expect: [/^http:\/\/json-schema\.org\/draft-07\/schema# \d+$/m] },
    },
  },
  errors: {
    lang: "ts",
    runs: {
      node: { helperProxy: true, expect: [/^kling 404 1203 \S+ ?$/m] },
    },
  },
};
