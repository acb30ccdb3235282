//! A/B of two builds of the package on the validate path, in one process and interleaved rounds
//! (benches/lib/measure.mjs), for a change's speed effect: each row is B's time ÷ A's.
//!
//!   node benches/ab.mjs PKG_A PKG_B     (package directories, e.g. pkg-release target/pkg-x)

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compareSync, fmtTime } from "./lib/measure.mjs";
import { omniVideoRequest } from "./lib/request.mjs";
import { omniVideoSchema, zodOmniVideoBody } from "./lib/omni-video-zod.mjs";

const [dirA, dirB] = process.argv.slice(2);
if (!dirB) throw new Error("usage: node benches/ab.mjs PKG_A PKG_B");
const load = (d) => import(pathToFileURL(resolve(d, "index.node.js")).href);
const [A, B] = await Promise.all([load(dirA), load(dirB)]);
const req = omniVideoRequest();
const text = JSON.stringify(req);
if (A.buildOmniVideoBody(req) !== B.buildOmniVideoBody(req)) throw new Error("ab: the two builds made different bodies");
if (!omniVideoSchema.safeParse(req).success) throw new Error("ab: the request is not valid for zod");

const calls = {
  "buildOmniVideoBody(req)": (l) => () => l.buildOmniVideoBody(req),
  "validateOmniVideo(req)": (l) => () => l.validateOmniVideo(req),
  "buildOmniVideoBodyJson(text)": (l) => () => l.buildOmniVideoBodyJson(text),
};
const cases = { "zod: safeParse + stringify": () => zodOmniVideoBody(req) };
for (const [name, f] of Object.entries(calls)) {
  cases[`A ${name}`] = f(A);
  cases[`B ${name}`] = f(B);
}
const r = compareSync(cases);
const Z = "zod: safeParse + stringify";
console.log(`| call | A | B | B ÷ A | A ÷ zod | B ÷ zod |\n|---|---|---|---|---|---|`);
for (const name of Object.keys(calls)) {
  const [a, b] = [`A ${name}`, `B ${name}`];
  const x = (v) => `${v.toFixed(2)}×`;
  console.log(`| ${name} | ${fmtTime(r[a].median)} | ${fmtTime(r[b].median)} | ${x(r.ratio(b, a))} | ${x(r.ratio(a, Z))} | ${x(r.ratio(b, Z))} |`);
}
