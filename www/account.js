// The account line: the units left in each active resource pack, from getAccountCosts through
// the proxy (which answers only callers its authorizeAccount hook allows, and caches the answer;
// Kling allows 1 query a second). Kling's balances lag: the answer's balances_max_age_ms (12 h)
// is said on the line. A refused or failed query shows why, in place of the numbers. The answer
// is read once per page load; a language switch only draws it again.

import { newClient } from "./library.js";
import { locale, t } from "./i18n.js";

/** The last 30 days: the window of the query (the balances are the packs' current ones). */
const WINDOW_MS = 30 * 24 * 3600 * 1000;

let asked = false;
let answer = null; // { costs } or { error } once the query has settled

function draw(line) {
  if (!answer) {
    line.dataset.state = "loading";
    line.textContent = `${t("account")}: ${t("loading")}`;
    return;
  }
  if (answer.error) {
    const e = answer.error;
    line.textContent = t("accountOff", { error: e?.status ?? e?.code ?? String(e) });
    line.dataset.state = "off";
    return;
  }
  const { costs } = answer;
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
}

/** Queries the units once, then fills `line` (an element); later calls (e.g. the locale) redraw. */
export async function showAccount(line) {
  draw(line);
  if (asked) return;
  asked = true;
  try {
    const end = Date.now();
    answer = { costs: await newClient().getAccountCosts({ start_time: end - WINDOW_MS, end_time: end }) };
  } catch (error) {
    answer = { error };
  }
  draw(line);
}
