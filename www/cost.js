// The live estimate beside the submit button: estimateCost from the package (kling-api.md §10
// list prices) for the request as typed, in the page's language — units, dollars and the table
// row used, or why there is no price. A base-video edit is billed on the input video's length:
// the probed length of a dropped video is passed as videoSeconds.

import { estimateCost } from "./pkg.js";
import { locale, t } from "./i18n.js";

/** Writes the estimate of `text` (the request's JSON text) for `family` into `out`. */
export function showCost(out, family, text, videoSeconds) {
  const options = { locale: locale() };
  if (Number.isFinite(videoSeconds) && videoSeconds > 0) options.videoSeconds = videoSeconds;
  const e = estimateCost(family.id, text, options);
  const state = e.units !== null ? "priced" : e.issues ? "invalid" : "unpriced";
  out.dataset.state = state;
  out.title = e.basis;
  if (state === "priced") out.textContent = t("costPriced", { units: e.units, usd: e.usd, basis: e.basis });
  else if (state === "unpriced") out.textContent = t("costUnpriced", { reason: e.reason });
  else out.textContent = t("costInvalid");
}
