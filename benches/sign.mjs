//! Benchmark 5: signKlingToken (HS256 in wasm, sync) against jose's SignJWT (WebCrypto, async) —
//! with the secret as bytes (jose imports the key on every call, as most callers use it) and with
//! a CryptoKey imported once — and against a hand-written node:crypto HMAC JWT (a floor). All make
//! the same token: header {"alg":"HS256","typ":"JWT"}, claims { iss, exp = now + 1800, nbf = now - 5 }.

import { createHmac, webcrypto } from "node:crypto";
import { SignJWT } from "jose";
import { compareAsync, fmtTime, spread } from "./lib/measure.mjs";

export const title = "5. Signing a Kling JWT (HS256)";

const AK = "ak_9f3c2e1d0b8a7f6e5d4c3b2a1908f7e6";
const SK = "sk_4b7e9a2c1d6f8e0a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a";
const NOW = 1_760_000_000;
const claims = () => ({ iss: AK, exp: NOW + 1800, nbf: NOW - 5 });
const jose = (key) => new SignJWT(claims()).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);

const b64url = (s) => Buffer.from(s).toString("base64url");
function nodeCrypto() {
  const input = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(claims()))}`;
  return `${input}.${createHmac("sha256", SK).update(input).digest("base64url")}`;
}

export async function run({ lib }) {
  if (typeof lib.signKlingToken !== "function") {
    return { title, headers: [], rows: [], notes: ["signKlingToken is not exported by this build: not measured."], targets: [] };
  }
  const secret = new TextEncoder().encode(SK);
  const key = await webcrypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const ours = () => lib.signKlingToken(AK, SK, { nowSeconds: NOW });
  // Same token from all of them, or the comparison means nothing.
  const expected = ours();
  for (const [name, t] of [["jose", await jose(secret)], ["jose (CryptoKey)", await jose(key)], ["node:crypto", nodeCrypto()]]) {
    if (t !== expected) throw new Error(`bench: ${name} made another token:\n${t}\n${expected}`);
  }
  const cases = {
    "signKlingToken (wasm, sync)": async () => ours(),
    "jose SignJWT, secret as bytes": () => jose(secret),
    "jose SignJWT, CryptoKey imported once": () => jose(key),
    "node:crypto createHmac by hand": async () => nodeCrypto(),
  };
  const r = await compareAsync(cases, { rounds: 31, perSample: 400, warmup: 2000 });
  const ourName = "signKlingToken (wasm, sync)";
  const rows = Object.keys(cases).map((name) => [name, fmtTime(r[name].median), spread(r[name]), name === ourName ? "" : `${r.ratio(name, ourName).toFixed(2)}×`]);
  const vsJose = r.ratio("jose SignJWT, secret as bytes", ourName);
  const vsJoseKey = r.ratio("jose SignJWT, CryptoKey imported once", ourName);
  return {
    title,
    headers: ["signer", "median", "IQR/2", "÷ signKlingToken"],
    rows,
    notes: ["Each call is awaited (the sync ones too), 400 calls a sample, interleaved rounds. The tokens are byte-identical."],
    targets: [{ target: "signing faster than jose", met: vsJose > 1 && vsJoseKey > 1, figure: `jose takes ${vsJose.toFixed(1)}× (bytes) / ${vsJoseKey.toFixed(1)}× (CryptoKey)` }],
    data: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.median])),
  };
}
