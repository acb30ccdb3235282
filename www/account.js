// The account line: the units left in each active resource pack, from getAccountCosts through
// the proxy (which answers only callers its authorizeAccount hook allows, and caches the answer;
// Kling allows 1 query a second). Kling's balances lag: the answer's balances_max_age_ms (12 h)
// is said on the line. A refused or failed query shows why, in place of the numbers.

import { newClient } from "./library.js";
import { locale, t } from "./i18n.js";

/** The last 30 days: the window of the query (the balances are the packs' current ones). */
const WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Fills `line` (an element) with the account's units; again on every call (e.g. the locale). */
export async function showAccount(line) {
  line.dataset.state = "loading";
  line.textContent = `${t("account")}: ${t("loading")}`;
  try {
    const end = Date.now();
    const costs = await newClient().getAccountCosts({ start_time: end - WINDOW_MS, end_time: end });
    const packs = costs.resource_pack_subscribe_infos.filter((p) => p.status === "online");
    const number = new Intl.NumberFormat(locale() === "zh" ? "zh-CN" : "en");
    const label = document.createElement("b");
    label.textContent = `${t("account")}: `;
    const list = document.createElement("span");
    list.className = "packs";
    list.textContent = packs.length ? packs.map((p) => `${p.resource_pack_name} ${number.format(p.remaining_quantity)}`).join(" · ") : t("noPacks");
    const age = document.createElement("small");
    age.textContent = ` (${t("accountAge", { hours: costs.balances_max_age_ms / 3_600_000 })})`;
    line.replaceChildren(label, list, age);
    line.dataset.remaining = String(packs.reduce((sum, p) => sum + p.remaining_quantity, 0));
    line.dataset.state = "ok";
  } catch (e) {
    line.textContent = t("accountOff", { error: e?.status ?? e?.code ?? String(e) });
    line.dataset.state = "off";
  }
}
