//! Kling's auth check: `Authorization: Bearer <HS256 JWT | static API key>` → account, or a 1000–1004 error.

import { createHmac, timingSafeEqual } from "node:crypto";

/** Accounts from the options: top-level accessKey/secretKey/apiKey make the first; `accounts` adds more. */
export function normalizeAccounts(options) {
  const list = [];
  if (options.accessKey || options.secretKey || options.apiKey) {
    list.push({ accessKey: options.accessKey, secretKey: options.secretKey, apiKey: options.apiKey });
  }
  for (const a of options.accounts ?? []) list.push({ ...a });
  if (list.length === 0) throw new Error("kling-emulator: give accessKey + secretKey, apiKey, or accounts");
  return list.map((a, i) => {
    if (!a.apiKey && !(a.accessKey && a.secretKey)) {
      throw new Error(`kling-emulator: account ${i} needs accessKey + secretKey or apiKey`);
    }
    const apiKeys = a.apiKey == null ? [] : [a.apiKey].flat().map(String);
    return { id: a.accessKey ?? `apikey-${i}`, accessKey: a.accessKey, secretKey: a.secretKey, apiKeys };
  });
}

const fail = (code, message) => ({ error: { code, message } });
const MS_LIKE = 1e11; // seconds until the year 5138; any larger exp/nbf is a millisecond timestamp

function decodePart(part) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function sameBytes(a, b) {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks the Authorization header value against the accounts at `nowSeconds`.
 * Returns `{ account }` or `{ error: { code, message } }` (all of them HTTP 401).
 * Order: header present (1001) → "Bearer " + token (1002) → static key → JWT shape and alg (1002)
 * → issuer known (1000) → signature (1002) → exp present, in seconds, in the future (1002/1004) → nbf (1003).
 */
export function authenticate(header, accounts, nowSeconds) {
  if (header == null || header === "") return fail(1001, "Authorization header is empty");
  if (!header.startsWith("Bearer ") || header.length === 7 || header[7] === " ") {
    return fail(1002, "Authorization is invalid: expected 'Bearer <token>' with exactly one space");
  }
  const token = header.slice(7);
  for (const account of accounts) {
    if (account.apiKeys.includes(token)) return { account };
  }
  const parts = token.split(".");
  if (parts.length !== 3) return fail(1002, "Authorization is invalid: token is not a JWT");
  const [h, p, s] = parts;
  const head = decodePart(h);
  const claims = decodePart(p);
  if (!head || !claims) return fail(1002, "Authorization is invalid: token is malformed");
  if (head.alg !== "HS256") return fail(1002, "Authorization is invalid: alg must be HS256");
  const account = accounts.find((a) => a.accessKey && a.accessKey === claims.iss);
  if (!account) return fail(1000, "Authentication failed: unknown access key (iss)");
  const expected = createHmac("sha256", account.secretKey).update(`${h}.${p}`).digest();
  if (!/^[A-Za-z0-9_-]+$/.test(s) || !sameBytes(Buffer.from(s, "base64url"), expected)) {
    return fail(1002, "Authorization is invalid: signature does not match");
  }
  if (typeof claims.exp !== "number" || !Number.isFinite(claims.exp)) {
    return fail(1002, "Authorization is invalid: exp claim missing");
  }
  // Docs: exp/nbf are Unix *seconds*. A millisecond value would be "valid" for millennia and hide a
  // client bug, so the emulator refuses it (stance of the emulator; Kling's answer is not documented).
  if (claims.exp > MS_LIKE || (typeof claims.nbf === "number" && claims.nbf > MS_LIKE)) {
    return fail(1002, "Authorization is invalid: exp/nbf must be Unix seconds, not milliseconds");
  }
  if (claims.exp <= nowSeconds) return fail(1004, "Token expired");
  if (claims.nbf != null && (typeof claims.nbf !== "number" || claims.nbf > nowSeconds)) {
    return fail(1003, "Token not yet valid (nbf)");
  }
  return { account };
}
