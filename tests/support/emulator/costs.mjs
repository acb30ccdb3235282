//! GET /account/costs (§8.4): checked start_time/end_time, the account's resource packs filtered by name, QPS.

import { sendEnvelope } from "./http.mjs";

const day = (y, m, d) => Date.UTC(y, m - 1, d);
const pack = (name, id, type, total, remaining, bought, from, until, status) => ({
  resource_pack_name: name,
  resource_pack_id: id,
  resource_pack_type: type,
  total_quantity: total,
  remaining_quantity: remaining,
  purchase_time: bought,
  effective_time: from,
  invalid_time: until,
  status,
});

/** The packs every account has unless `resourcePacks` says otherwise: two share a name, each §8.4 status occurs. */
export const DEFAULT_RESOURCE_PACKS = [
  pack("Video Pack", "rp_video_2026", "decreasing_total", 3000, 2750.5, day(2026, 1, 1), day(2026, 1, 1), day(2027, 1, 1), "online"),
  pack("Video Pack", "rp_video_2025", "decreasing_total", 1000, 0, day(2025, 6, 1), day(2025, 6, 1), day(2026, 6, 1), "runOut"),
  pack("Image Pack", "rp_image_2026", "decreasing_total", 10000, 9120, day(2026, 1, 1), day(2026, 1, 1), day(2027, 1, 1), "online"),
  pack("Trial Pack", "rp_trial_2025", "decreasing_total", 66, 12, day(2025, 1, 1), day(2025, 1, 1), day(2025, 2, 1), "expired"),
  pack("Monthly Plan", "rp_month_2027", "constant_period", 660, 660, day(2026, 11, 20), day(2027, 1, 1), day(2027, 2, 1), "toBeOnline"),
];

/** A copy of the configured packs (an array of objects, served as given), or the defaults for null/undefined. */
export function normalizePacks(packs) {
  if (packs == null) return structuredClone(DEFAULT_RESOURCE_PACKS);
  if (!Array.isArray(packs) || !packs.every((p) => p && typeof p === "object")) {
    throw new Error("kling-emulator: resourcePacks must be an array of objects");
  }
  return structuredClone(packs);
}

/** A required millisecond time parameter: `{ value }` or `{ error }`. */
function timeParam(search, name) {
  const raw = search.get(name);
  if (raw == null || raw === "") return { error: `Invalid parameter: ${name} is required` };
  if (!/^\d{1,15}$/.test(raw)) return { error: `Invalid parameter: ${name} must be an integer timestamp in ms, got "${raw}"` };
  return { value: Number(raw) };
}

/**
 * Answers one call. Every call is counted in stats.accountCosts; with `accountCostsMinIntervalMs`
 * a call sooner than that after the previous answered one gets 429/1302 (Kling asks for QPS ≤ 1).
 * `faulted()` injects a configured "costs" fault and says whether it answered.
 */
export async function handleCosts(emu, res, search, faulted) {
  const stats = emu.state.stats;
  stats.accountCosts++;
  const now = Date.now();
  if (emu.accountCostsMinIntervalMs > 0 && now - emu.accountCostsLastAt < emu.accountCostsMinIntervalMs) {
    stats.accountCostsThrottled++;
    return sendEnvelope(res, 1302, "Requests are too frequent: /account/costs allows QPS <= 1");
  }
  emu.accountCostsLastAt = now;
  const start = timeParam(search, "start_time");
  const end = timeParam(search, "end_time");
  const bad = start.error ?? end.error;
  if (bad) return sendEnvelope(res, 1201, bad);
  if (start.value > end.value) return sendEnvelope(res, 1201, "Invalid parameter: start_time must not be after end_time");
  if (await faulted()) return;
  // Kling's docs do not say how the name matches; the emulator's stance is an exact match.
  const name = search.get("resource_pack_name");
  const infos = emu.resourcePacks.filter((p) => !name || p.resource_pack_name === name);
  sendEnvelope(res, 0, "SUCCEED", { code: 0, msg: "success", resource_pack_subscribe_infos: structuredClone(infos) });
}
