// The proxy-and-sessions options as a TypeScript user writes them (issue 15): the client's
// `credentials` and `auth.headers`, KlingApiError's `source`/`reason`, and the proxy's
// `publicOrigin`, `allowCredentials`, `allowHeaders`; `@ts-expect-error` lines prove each is typed.

import { KlingClient, KlingError } from "kling-wasm";
import type { KlingApiError, KlingProxyReason } from "kling-wasm";
import type { KlingProxyConfig } from "../../pkg/proxy/index.js";

export const cookieClient = new KlingClient({ baseUrl: "https://edge.example.com/kling", credentials: "include" });
export const bearerClient = new KlingClient({
  baseUrl: "https://edge.example.com/kling",
  auth: { kind: "proxy", headers: async () => ({ authorization: `Bearer ${await Promise.resolve("app-session")}` }) },
});
export const headerClient = new KlingClient({ baseUrl: "/kling", auth: { kind: "proxy", headers: { "x-session": "s1" } } });
// @ts-expect-error credentials is "omit" | "same-origin" | "include"
new KlingClient({ baseUrl: "/kling", credentials: "always" });
// @ts-expect-error header values are strings
new KlingClient({ baseUrl: "/kling", auth: { kind: "proxy", headers: { "x-session": 1 } } });
// @ts-expect-error headers belong to kind "proxy"
new KlingClient({ baseUrl: "/kling", auth: { kind: "token", token: "t", headers: {} } });

/** What a UI shows for a failed call. */
export function explain(e: unknown): string {
  if (!(e instanceof KlingError)) return "unexpected";
  if (e.code !== "api_error") return e.code;
  const api: KlingApiError = e;
  const source: "kling" | "proxy" = api.source;
  if (source === "proxy") {
    const reason: KlingProxyReason | undefined = api.reason;
    return reason === "unauthorized" ? "please sign in" : `refused: ${reason ?? "?"}`;
  }
  return `Kling ${api.apiCode ?? "?"}`;
}
export const proxyError = new KlingError("m", { code: "api_error", status: 403, source: "proxy", reason: "origin_not_allowed" });
// @ts-expect-error source is "kling" | "proxy"
new KlingError("m", { code: "api_error", status: 403, source: "gateway" });

export const sameOrigin: KlingProxyConfig = { apiKey: "k", authorize: async () => "u", publicOrigin: "https://app.example.com" };
export const crossOrigin: KlingProxyConfig = {
  accessKey: "a",
  secretKey: "s",
  authorize: async () => "u",
  allowedOrigins: ["https://spa.example.com"],
  allowCredentials: true,
  allowHeaders: ["x-session"],
};
// @ts-expect-error allowCredentials is a boolean
export const badCredentials: KlingProxyConfig = { apiKey: "k", allowAnonymous: true, allowCredentials: "yes" };
// @ts-expect-error allowHeaders is a list of names
export const badHeaders: KlingProxyConfig = { apiKey: "k", allowAnonymous: true, allowHeaders: "x-session" };

// Issue 16: the account hook and the shared element / voice ids.
export const accountProxy: KlingProxyConfig = {
  apiKey: "k",
  authorize: async () => "u",
  authorizeAccount: async (request: Request) => request.headers.get("x-role") === "admin",
  accountCostsCacheMs: 30_000,
  sharedElementIds: ["1152921504606846977"],
  sharedVoiceIds: ["house_voice"],
};
// @ts-expect-error authorizeAccount answers a boolean
export const badAccountHook: KlingProxyConfig = { apiKey: "k", allowAnonymous: true, authorizeAccount: () => "yes" };
// @ts-expect-error element ids are decimal strings (a number above 2^53 would round)
export const badSharedIds: KlingProxyConfig = { apiKey: "k", allowAnonymous: true, sharedElementIds: [1152921504606846977] };
