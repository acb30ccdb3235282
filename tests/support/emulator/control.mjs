//! Out-of-process control under /__emulator/ (only with `control: true`): stats, tasks, elements, voices, requests, reset, config.

import { sendJson } from "./http.mjs";

/** Routes: GET|POST stats, tasks, elements, voices, requests, callbacks; POST reset, faults (body = faults or null), config. */
export function handleControl(api, req, res, url, raw) {
  const name = url.pathname.slice("/__emulator/".length);
  const isPost = req.method === "POST";
  if (!isPost && req.method !== "GET") return sendJson(res, 405, { error: "use GET or POST" });
  let body = null;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return sendJson(res, 400, { error: "body is not valid JSON" });
    }
  }
  try {
    switch (name) {
      case "stats":
        return sendJson(res, 200, api.stats());
      case "tasks":
        return sendJson(res, 200, api.tasks(url.searchParams.get("family") ?? undefined));
      case "elements":
        return sendJson(res, 200, api.elements());
      case "voices":
        return sendJson(res, 200, api.voices());
      case "requests":
        return sendJson(res, 200, api.state.requests);
      case "callbacks":
        return sendJson(res, 200, api.state.callbacks);
      case "reset":
        if (!isPost) break;
        api.reset();
        return sendJson(res, 200, { ok: true });
      case "faults":
        if (!isPost) break;
        return sendJson(res, 200, { faults: api.setFaults(body) });
      case "config":
        if (!isPost) break;
        return sendJson(res, 200, api.configure(body ?? {}));
      default:
        return sendJson(res, 404, { error: `unknown control route ${url.pathname}` });
    }
    return sendJson(res, 405, { error: `${url.pathname} needs POST` });
  } catch (err) {
    return sendJson(res, 400, { error: String(err?.message ?? err) });
  }
}
