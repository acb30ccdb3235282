//! The Kling API routes: auth, then create / query one / list for the seven families (others: general.mjs), with faults.

import { authenticate } from "./auth.mjs";
import { applyFault, pickFault } from "./faults.mjs";
import { handleGeneral, matchGeneral } from "./general.mjs";
import { PAGE_NUM, pageParam, sendEnvelope } from "./http.mjs";
import { FAMILIES, plan } from "./store.mjs";

/** Maps method + path to `{ family, op, id? }`; op "method" = known path, wrong method; null = unknown path. */
export function matchRoute(method, pathname, search) {
  for (const [family, { path }] of Object.entries(FAMILIES)) {
    if (pathname === path || pathname === `${path}/`) {
      if (method === "POST") return { family, op: "create" };
      if (method !== "GET") return { family, op: "method" };
      // Unverified query-string form of "query one" (kling-api.md §4.3); accepted as well.
      const id = search.get("task_id") ?? search.get("external_task_id");
      return id != null ? { family, op: "query", id } : { family, op: "list" };
    }
    if (pathname.startsWith(`${path}/`)) {
      const raw = pathname.slice(path.length + 1);
      if (raw.includes("/")) return null;
      if (method !== "GET") return { family, op: "method" };
      let id = raw;
      try {
        id = decodeURIComponent(raw);
      } catch {
        // keep the raw segment: it will simply not be found
      }
      return { family, op: "query", id };
    }
  }
  return null;
}

async function create(emu, req, res, route, account, raw) {
  const { state, store } = emu;
  state.stats.creates++;
  let body;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return sendEnvelope(res, 1200, "Invalid request parameters: body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return sendEnvelope(res, 1200, "Invalid request parameters: body must be a JSON object");
  }
  const fault = pickFault(emu.faults, "create");
  const afterCreate = fault != null && emu.faults.afterCreate.includes(fault);
  if (fault && !afterCreate && (await applyFault(emu, req, res, fault))) return;

  const ext = body.external_task_id;
  if (ext != null && ext !== "" && store.byExternal(account.id, ext)) {
    state.stats.duplicatesRejected++;
    return sendEnvelope(res, 1201, `Invalid parameter: external_task_id "${ext}" already exists (duplicate external_task_id)`);
  }
  const now = Date.now();
  const taskPlan = plan(route.family, body);
  const kind = FAMILIES[route.family].kind;
  const limit = emu.maxConcurrent[kind];
  if (limit != null && store.slotsInUse(account.id, kind, now) + taskPlan.slots > limit) {
    state.stats.concurrencyRejected++;
    return sendEnvelope(res, 1303, "parallel task over resource pack limit");
  }
  const record = store.create({ accountId: account.id, family: route.family, body, now, timeline: emu.timeline, taskPlan });
  state.stats.created++;
  state.stats.tasksByFamily[route.family]++;
  emu.callbacks.schedule(record);
  const data = store.createdView(record, emu.url);
  if (afterCreate && (await applyFault(emu, req, res, fault))) return;
  sendEnvelope(res, 0, "SUCCEED", data);
}

async function query(emu, req, res, route, account) {
  emu.state.stats.queries++;
  const fault = pickFault(emu.faults, "query");
  if (fault && (await applyFault(emu, req, res, fault))) return;
  const record = emu.store.find(account.id, route.family, route.id);
  if (!record) return sendEnvelope(res, 1203, `Requested resource does not exist: task "${route.id}" not found`);
  sendEnvelope(res, 0, "SUCCEED", emu.store.view(record, Date.now(), emu.url));
}

async function list(emu, req, res, route, account, search) {
  emu.state.stats.lists++;
  const num = pageParam(search, PAGE_NUM);
  const size = pageParam(search, { name: "pageSize", min: 1, max: FAMILIES[route.family].maxPageSize, fallback: 30 });
  const bad = num.error ?? size.error;
  if (bad) return sendEnvelope(res, 1201, bad);
  const fault = pickFault(emu.faults, "list");
  if (fault && (await applyFault(emu, req, res, fault))) return;
  const now = Date.now();
  const start = (num.value - 1) * size.value;
  const page = emu.store.list(account.id, route.family).slice(start, start + size.value);
  sendEnvelope(res, 0, "SUCCEED", page.map((r) => emu.store.view(r, now, emu.url)));
}

/** Handles one request on the Kling path space; `raw` is the already-read body. */
export async function handleKling(emu, req, res, url, raw) {
  const nowSeconds = Math.floor((Date.now() + emu.clockOffsetMs) / 1000);
  const auth = authenticate(req.headers.authorization, emu.accounts, nowSeconds);
  if (auth.error) {
    const counts = emu.state.stats.authFailures;
    counts[auth.error.code] = (counts[auth.error.code] ?? 0) + 1;
    return sendEnvelope(res, auth.error.code, auth.error.message);
  }
  const general = matchGeneral(req.method, url.pathname);
  if (general?.op === "method") return sendEnvelope(res, 1202, `Invalid request method: ${req.method} ${url.pathname}`);
  if (general) return handleGeneral(emu, req, res, general, auth.account, url.searchParams, raw);
  const route = matchRoute(req.method, url.pathname, url.searchParams);
  if (!route) return sendEnvelope(res, 1203, `Requested resource does not exist: ${url.pathname}`);
  if (route.op === "method") return sendEnvelope(res, 1202, `Invalid request method: ${req.method} ${url.pathname}`);
  if (route.op === "create") return create(emu, req, res, route, auth.account, raw);
  if (route.op === "query") return query(emu, req, res, route, auth.account);
  return list(emu, req, res, route, auth.account, url.searchParams);
}
