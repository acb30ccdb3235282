// The Durable Object store (kling-wasm/cloudflare) in the real Cloudflare runtime (workerd from
// npm, `durableObjectStorage = (inMemory = void)`): the proxy in workerd keeps each user's budget
// in that user's object, with the Kling emulator upstream. Counted in the EMULATOR's log, not the
// proxy's: 100 concurrent creates from one user whose budget covers exactly 10 make exactly 10
// upstream creates; settling after success, failure and a lost callback (settled by the object's
// reconcile alarm, which queries the task) leaves the budget exact; a replayed callback charges
// nothing twice; an object that throws refuses creates with nothing sent upstream; another
// user's budget is neither spent nor seen. Also measures the store's cost per create.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../support/kling-emulator.mjs";
import { startWorkerd } from "../support/workerd.mjs";
import { probePrice } from "../support/store-price.mjs";
import { importSubpath } from "./load-pkg.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AK = "ak-store-workerd";
const SK = "sk-store-workerd-0123456789abcdef";
const RACE = 100;
const COVERED = 10;

let emu, wd, price;

const body = (extra = {}) => ({ model_name: "kling-v3-omni", prompt: "a red fox in snow", aspect_ratio: "16:9", duration: "5", ...extra });

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 40, doneAfterMs: 150 } });
  // One create's price as the proxy has it (micro-USD: reserved, charged), from a memory store in
  // Node; the budget in workerd then covers exactly COVERED reservations.
  price = await probePrice(await importSubpath("proxy"), { upstream: emu.url, accessKey: AK, secretKey: SK }, body());
  wd = await startWorkerd({
    entry: join(HERE, "../workerd/store-worker.mjs"),
    bindings: { KLING_UPSTREAM: emu.url, KLING_ACCESS_KEY: AK, KLING_SECRET_KEY: SK, BUDGET_USD: String((price.reserved * COVERED) / 1e6) },
    durableObjects: { KLING_STORE: "KlingStoreObject", MEASURE_STORE: "MeasureStoreObject" },
  });
});

after(async () => {
  await wd?.stop();
  await emu?.close();
});

const create = (user, extra = {}, prefix = "/kling") =>
  fetch(`${wd.url}${prefix}/v1/videos/omni-video`, { method: "POST", headers: { authorization: `Bearer user-${user}`, "content-type": "application/json" }, body: JSON.stringify(body(extra)) });
/** The emulator's own record of creates sent for `user` (the owner prefix of external_task_id). */
const upstreamCreates = (user) => emu.state.requests.filter((r) => r.method === "POST" && r.url.startsWith("/v1/") && JSON.parse(r.body).external_task_id?.startsWith(`${user}:`));
/** The user's ledger usage, read from its object (the store names a user by its owner prefix, "racer:"). */
const usage = async (user) => (await fetch(`${wd.url}/__test/usage?user=${encodeURIComponent(`${user}:`)}`)).json();

async function until(what, predicate, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await predicate();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const settled = (user) => until(`${user}'s ledger has nothing in flight`, async () => ((await usage(user)).in_flight === 0 ? usage(user) : null));

test(`race: ${RACE} concurrent creates, budget for ${COVERED}: exactly ${COVERED} reach the emulator; settling leaves the budget exact`, async () => {
  const answers = await Promise.all(Array.from({ length: RACE }, () => create("racer").then(async (r) => ({ status: r.status, json: await r.json() }))));
  const ok = answers.filter((a) => a.status === 200);
  assert.equal(ok.length, COVERED, `admitted: ${JSON.stringify(answers.filter((a) => a.status !== 200)[0])}`);
  assert.equal(upstreamCreates("racer").length, COVERED, "the emulator saw exactly the admitted creates");
  for (const refused of answers.filter((a) => a.status !== 200)) {
    assert.equal(refused.json.source, "proxy");
    assert.equal(refused.json.reason, "budget_exceeded", JSON.stringify(refused.json));
  }
  const done = await settled("racer");
  assert.equal(done.usd, COVERED * price.charged, "settled = what Kling finally deducted, once per task, at list price");
  assert.equal(done.held_usd, 0);
});

test("settle after success, failure and a lost callback (the object's alarm queries it): the budget is exact", async () => {
  const ids = [];
  for (const [extra, prefix] of [[{}, "/kling"], [{ prompt: "a fox [[fail]]" }, "/kling"], [{}, "/quiet"]]) {
    const r = await create("mixed", extra, prefix);
    const j = await r.json();
    assert.equal(r.status, 200, JSON.stringify(j));
    ids.push(j.data.task_id);
  }
  const mid = await usage("mixed");
  assert.ok(mid.in_flight >= 1, "the quiet task stays held until the alarm settles it");
  const alarm = async () => (await fetch(`${wd.url}/__test/alarm?user=mixed:`)).json();
  assert.equal(typeof (await alarm()), "number", "a reservation armed the reconcile alarm");
  const done = await settled("mixed");
  assert.equal(emu.task(ids[1]).task_status, "failed");
  assert.equal(done.usd, 2 * price.charged, "the success and the lost callback's success are charged; the failure is released");
  assert.equal(done.held_usd, 0);
  const quietCallbacks = emu.state.callbacks.filter((c) => c.task_id === ids[2]);
  assert.deepEqual(quietCallbacks, [], "no callback was ever sent for the quiet task: the alarm's query settled it");
  await until("the alarm stops once nothing is in flight", async () => (await alarm()) === null, 5000);
});

test("a replayed success callback charges nothing twice", async () => {
  const before = { mixed: await settled("mixed"), racer: await settled("racer") };
  const sent = emu.state.callbacks.filter((c) => c.status === 200 && c.task_status === "succeed");
  assert.ok(sent.length >= COVERED + 1, `${sent.length} successful callbacks were delivered`);
  for (const c of sent) {
    const task = emu.task(c.task_id);
    const r = await fetch(c.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(task) });
    assert.ok(r.status < 300, `${r.status}`);
  }
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual({ mixed: await usage("mixed"), racer: await usage("racer") }, before, "neither ledger moved");
});

test("a store that fails (the object throws) refuses creates, and nothing goes upstream", async () => {
  const before = emu.state.requests.length;
  const r = await create("broken-1");
  const j = await r.json();
  assert.ok(r.status >= 500 && r.status < 600, `${r.status} ${JSON.stringify(j)}`);
  assert.equal(j.source, "proxy");
  assert.equal(emu.state.requests.length, before, "the emulator saw nothing");
});

test("another user's budget is invisible: spent by the racer, untouched for a new user", async () => {
  assert.equal((await create("racer")).status !== 200, true, "the racer's budget is spent");
  const r = await create("newcomer");
  assert.equal(r.status, 200, "the newcomer has a budget of its own");
  const mine = await usage("newcomer");
  assert.equal(mine.held_usd + mine.usd, mine.in_flight === 1 ? price.reserved : price.charged, "the newcomer's ledger holds only its own create");
  const list = await (await fetch(`${wd.url}/kling/v1/videos/omni-video?pageNum=1&pageSize=500`, { headers: { authorization: "Bearer user-newcomer" } })).json();
  assert.ok(list.data.every((t) => !JSON.stringify(t).includes("racer")), "no task of the racer in the newcomer's list");
});

test("a record past the 128 KiB storage value limit is kept in chunks, read back whole, and shrinks again", async () => {
  const apply = async (op) => (await fetch(`${wd.url}/__test/apply?user=big:&part=index`, { method: "POST", body: JSON.stringify(op) })).text();
  const n = 3000;
  const found = Array.from({ length: n }, (_, i) => [`big:${String(i).padStart(6, "0")}-${"e".repeat(60)}`, 1_700_000_000_000 + i]);
  assert.ok(JSON.stringify(found).length > 2 * 131072, "the record is well past one storage value");
  assert.equal(await apply({ op: "complete", fam: "omni-video", found, cap: 5000 }), '{"ok":true}');
  const page = JSON.parse(await apply({ op: "page", fam: "omni-video", skip: n - 2, size: 500 }));
  assert.deepEqual(page.exts, [found[1][0], found[0][0]], "the oldest entries came back from the last chunk");
  const newest = JSON.parse(await apply({ op: "page", fam: "omni-video", skip: 0, size: 1 }));
  assert.deepEqual([newest.exts, newest.more, newest.complete], [[found[n - 1][0]], true, true]);
  // Trimmed to 10: one value again, and nothing of the chunks is read back.
  assert.equal(await apply({ op: "complete", fam: "omni-video", found: [], cap: 10 }), '{"ok":true}');
  const small = JSON.parse(await apply({ op: "page", fam: "omni-video", skip: 0, size: 500 }));
  assert.deepEqual(small.exts, found.slice(-10).reverse().map(([ext]) => ext));
});

test("bad arguments: a config_error for a namespace or config that is not one; an object refuses a part or user that is not its own", async () => {
  assert.deepEqual(await (await fetch(`${wd.url}/__test/config-errors`)).json(), Array(5).fill("KlingError config_error"));
  const apply = async (user, part, op) => (await fetch(`${wd.url}/__test/apply?user=${encodeURIComponent(user)}&part=${part}`, { method: "POST", body: op })).text();
  assert.match(await apply("racer:", "budget", "{}"), /^store failed: .*part must be "ledger" or "index"/);
  assert.match(await apply("", "ledger", "{}"), /^store failed: .*bad user/);
  // An op the ledger cannot read changes nothing and says so (the op logic's own answer).
  assert.match(await apply("racer:", "ledger", "not json"), /^\{"error":/);
});

/** workerd's CPU time so far (user + system, ms), from /proc: the proxy's and the objects' work. */
function workerdCpuMs() {
  const fields = readFileSync(`/proc/${wd.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

test("measure: the store's cost per create in workerd (workerd's CPU time, creates without callbacks: the DO store (no alarm) + budget, memoryStore + budget, neither)", async () => {
  const n = 100;
  const modes = { do: ["measure-do", "/measure"], memory: ["measure-memory", "/memory"], plain: ["measure-plain", "/plain"] };
  const cpu = { do: 0, memory: 0, plain: 0 };
  for (const [user, prefix] of Object.values(modes)) assert.equal((await create(user, {}, prefix)).status, 200); // warm each path
  // Creates only: the earlier tests' objects may still run reconcile queries meanwhile.
  const posts = () => emu.state.requests.filter((r) => r.method === "POST").length;
  const reqBefore = posts();
  const callsBefore = await (await fetch(`${wd.url}/__test/applies`)).json();
  // Two blocks per mode, in opposite orders, so a drift of the machine's load falls on all three.
  for (const order of [["do", "memory", "plain"], ["plain", "memory", "do"]]) {
    for (const mode of order) {
      const [user, prefix] = modes[mode];
      const c0 = workerdCpuMs();
      for (let i = 0; i < n / 2; i++) assert.equal((await create(user, {}, prefix)).status, 200);
      cpu[mode] += workerdCpuMs() - c0;
    }
  }
  const upstream = (posts() - reqBefore) / (n * 3);
  const calls = await (await fetch(`${wd.url}/__test/applies`)).json();
  // Per create of the DO mode (the others use memory stores).
  const perCreate = Object.fromEntries(["ledger reserve", "ledger created", "index add"].map((k) => [k, ((calls[k] ?? 0) - (callsBefore[k] ?? 0)) / n]));
  assert.equal(upstream, 1, "one upstream call per create: the store adds none");
  assert.deepEqual(perCreate, { "ledger reserve": 1, "ledger created": 1, "index add": 1 }, JSON.stringify(calls));
  const [d, m, p] = [cpu.do, cpu.memory, cpu.plain].map((x) => (x / n).toFixed(2));
  console.log(`store cost per create in workerd (workerd CPU ms per create, ${n} each, ${process.env.KLING_PKG ?? "pkg"}): DO store + budget ${d}, memoryStore + budget ${m}, neither ${p}; ${upstream} upstream create per create; object calls per create: ${Object.keys(perCreate).length} (${Object.keys(perCreate).join(", ")}) + one settle when the task ends`);
});
