// The signing proxy on Cloudflare Workers. Browsers call it with KlingClient({ auth: { kind:
// "proxy", headers: () => ({ authorization: `Bearer ${session}` }) } }); it checks the caller
// (authorize reads that header; it never goes upstream), re-validates, signs with Kling's secret
// (which only this worker holds), and forwards only Kling's create/query/list paths.
// Each user has a budget (BUDGET_USD of list price per 30 days) and at most MAX_TASKS_IN_FLIGHT
// tasks running, kept in one Durable Object per user (kling-wasm/cloudflare), so the checks hold
// whichever edge location a request lands on; a create past them is refused before it is sent.
// Local development: README.md (`wrangler dev` with .dev.vars, against the Kling emulator).
// `kling-wasm/proxy` is the proxy module alone (under wrangler's "workerd" condition it does not
// initialise by itself): its .wasm is imported as a compiled module and handed to initSync.
import { initSync, createKlingProxy, warmUp } from "kling-wasm/proxy";
import { durableObjectStore, klingStoreObject } from "kling-wasm/cloudflare";
import proxyWasm from "kling-wasm/proxy_bg.wasm";

initSync({ module: proxyWasm });
// Runs the wasm core and the JS driver once on canned data now, at start-up (no I/O), so the
// first request's CPU time does not include compiling them (BENCHMARKS.md §8).
warmUp();

// The config the Worker's proxy and the store's reconcile alarm share (everything but `store`).
const proxyConfig = (env) => ({
  upstream: env.KLING_UPSTREAM,
  accessKey: env.KLING_ACCESS_KEY,
  secretKey: env.KLING_SECRET_KEY,
  allowedOrigins: env.ALLOWED_ORIGINS.split(",").map((s) => s.trim()),
  allowHeaders: ["authorization"], // the page's session header (always allowed; list your own, e.g. "x-session")
  // Replace with your own session check; return the user's id, or false to refuse.
  authorize: async (req) => {
    const token = req.headers.get("authorization")?.replace(/^Bearer /, "");
    return token ? await userIdFromSession(token, env.SESSION_SECRET) : false;
  },
  callbackUrl: `${env.PUBLIC_URL}/kling`,
  // Called only with a task confirmed by querying Kling; make it idempotent (task_id + status).
  onTaskUpdate: async (task, userId) => {
    console.log(`task ${task.task_id} of ${userId}: ${task.task_status}`);
  },
  budget: { usd: Number(env.BUDGET_USD), periodSeconds: 30 * 86400 },
  maxTasksInFlight: Number(env.MAX_TASKS_IN_FLIGHT),
});

// The Durable Object class of wrangler.toml's KLING_STORE binding: holds one user's budget and
// tasks; its alarm settles reservations whose callback never came by querying Kling.
export const KlingStoreObject = klingStoreObject(proxyConfig);

let proxy; // built once per isolate, on the first request (secrets come with `env`)

export default {
  async fetch(request, env, ctx) {
    proxy ??= createKlingProxy({ ...proxyConfig(env), store: durableObjectStore(env.KLING_STORE) });
    return proxy.fetch(request);
  },
};

// Example session check: "<userId>.<hex HMAC-SHA256(userId, SESSION_SECRET)>".
async function userIdFromSession(token, secret) {
  const [userId, mac] = token.split(".");
  if (!userId || !mac || !secret) return false;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  const bytes = new Uint8Array(mac.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
  const ok = await crypto.subtle.verify("HMAC", key, bytes, new TextEncoder().encode(userId));
  return ok ? userId : false;
}
