// The proxy's hooks as the driver (js/proxy-driver.mjs, shipped as proxy/driver.js) asks them
// (shipped as proxy/hooks.js): what the operator's authorize and authorizeAccount return, read
// into what the core takes, and their failures logged once per process and kind (through the
// driver's warnOnce, naming the kind, never a returned string or a thrown message). Nothing here
// touches wasm: the driver hands the answer to the core.

/** Longest user id (UTF-8 bytes) authorize may return: the core's owner::MAX_USER_LEN (the core
 *  refuses a longer one; this only logs it). */
const MAX_USER_BYTES = 256;

/**
 * The user's authorize hook: a non-empty string or a finite number is a user id; false, null,
 * undefined or "" refuse (401). Anything else (NaN, Infinity, true, an object) and a hook that
 * throws, and an id over 256 bytes, are the operator's bug: 500, not retried by KlingClient, logged
 * once per process and kind (naming the kind or number returned, never a returned string or the
 * thrown message, which may carry secrets).
 */
export async function askAuthorize(hook, request, { warnOnce, readOf }) {
  let user;
  let failed = false;
  try {
    const r = await hook(request);
    if (r === false || r === null || r === undefined || r === "") user = undefined;
    else if (typeof r === "string") {
      user = r;
      // The core refuses it (500 / 1000, owner::MAX_USER_LEN); the driver only logs it.
      // UTF-8 has at most 3 bytes per UTF-16 unit: only a long id is encoded to count them.
      if (r.length * 3 > MAX_USER_BYTES && new TextEncoder().encode(r).byteLength > MAX_USER_BYTES) {
        warnOnce("authorize-long", `authorize returned a user id longer than ${MAX_USER_BYTES} bytes (UTF-8); answering 500.`);
      }
    }
    else if (typeof r === "number" && Number.isFinite(r)) user = String(r);
    else {
      failed = true;
      const what = typeof r === "number" ? String(r) : typeof r === "boolean" ? String(r) : typeof r;
      warnOnce(`authorize-${what}`, `authorize returned ${what}; it must return a user id (a string or a finite number), or false/null/undefined to refuse. Answering 500.`);
    }
  } catch (e) {
    failed = true;
    const name = readOf(e, "name");
    warnOnce(`authorize-threw`, `the authorize hook threw${name ? ` (${name})` : ""}; answering 500.`);
  }
  return { user, failed };
}

/**
 * The operator's authorizeAccount hook (asked only when configured, after authorize): exactly
 * `true` lets the caller read /account/costs; anything else answers the allow-list's 404. A
 * throw is the operator's bug: 500, logged once (naming the error's kind, never its message).
 */
export async function askAuthorizeAccount(hook, request, { warnOnce, readOf }) {
  let allowed = false;
  let failed = false;
  try {
    allowed = (await hook(request)) === true;
  } catch (e) {
    failed = true;
    const name = readOf(e, "name");
    warnOnce("authorize-account-threw", `the authorizeAccount hook threw${name ? ` (${name})` : ""}; answering 500.`);
  }
  return { allowed, failed };
}
