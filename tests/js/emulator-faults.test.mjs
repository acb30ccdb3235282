//! Tests of the Kling API emulator: faults, list paging, concurrency limit, control routes, close() and the CLI.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { AK, CLI, PATHS, SK, call, create, get, start, until } from "./emulator-helpers.mjs";

const byExt = (emu, family, ext) => get(emu, `${PATHS[family]}/${ext}`);

test("faults on create: 5000/1303/5002 after creating, 1102 before, drop after creating", async (t) => {
  const emu = await start(t);
  const cases = [
    ["500/5000", 500, 5000, true],
    ["429/1303", 429, 1303, true],
    ["504/5002", 504, 5002, true],
    ["429/1102", 429, 1102, false],
  ];
  for (const [kind, status, code, created] of cases) {
    emu.setFaults({ rate: 1, kinds: { [kind]: 1 } });
    const ext = `f-${code}`;
    const r = await create(emu, "omni-video", { prompt: "p", external_task_id: ext });
    assert.deepEqual([r.status, r.body.code], [status, code], kind);
    emu.setFaults(null);
    const found = await byExt(emu, "omni-video", ext);
    assert.equal(found.status === 200, created, `${kind}: task ${created ? "was" : "was not"} created`);
    if (created) assert.deepEqual(found.body.data.task_info, { external_task_id: ext });
  }
  emu.setFaults({ rate: 1, kinds: { drop: 1 } });
  await assert.rejects(create(emu, "text2video", { prompt: "p", external_task_id: "f-drop" }));
  emu.setFaults(null);
  assert.equal((await byExt(emu, "text2video", "f-drop")).status, 200, "dropped create still created the task");
  assert.deepEqual(emu.state.stats.faults, { "500/5000": 1, "429/1303": 1, "504/5002": 1, "429/1102": 1, drop: 1 });
  assert.equal(emu.tasks().length, 4);
});

test("slow fault: the task exists while the answer is late (client timeout is ambiguous)", async (t) => {
  const emu = await start(t, { faults: { rate: 1, kinds: { slow: 1 }, slowMs: 300 } });
  const abort = new AbortController();
  const answer = create(emu, "omni-image", { prompt: "p", external_task_id: "late" }, { signal: abort.signal });
  await until(() => emu.tasks().length === 1, "the slow create to store its task");
  abort.abort(); // the client gives up while the answer is still pending
  await assert.rejects(answer, { name: "AbortError" });
  emu.setFaults(null);
  assert.equal((await byExt(emu, "omni-image", "late")).status, 200);
  emu.setFaults({ rate: 1, kinds: { slow: 1 }, slowMs: 120 });
  const t0 = performance.now();
  const r = await create(emu, "omni-image", { prompt: "p" });
  assert.equal(r.status, 200, "a slow answer is a normal answer");
  assert.ok(performance.now() - t0 >= 100, "answer waited for slowMs");
});

test("faults on query and list only when enabled for them; rate 0 injects nothing", async (t) => {
  const emu = await start(t, { faults: { rate: 1, kinds: { "504/5002": 1 }, on: ["query"] } });
  const r = await create(emu, "omni-video", { prompt: "p", external_task_id: "q" });
  assert.equal(r.status, 200, "creates are not faulted when on = [query]");
  assert.equal((await byExt(emu, "omni-video", "q")).body.code, 5002);
  assert.equal((await get(emu, `${PATHS["omni-video"]}?external_task_id=q`)).body.code, 5002);
  assert.equal((await get(emu, PATHS["omni-video"])).status, 200, "list not faulted");
  emu.setFaults({ rate: 1, kinds: { "500/5000": 1 }, on: ["list"] });
  assert.equal((await get(emu, PATHS["omni-video"])).body.code, 5000);
  emu.setFaults({ rate: 1, kinds: { drop: 1 }, on: ["query"] });
  await assert.rejects(byExt(emu, "omni-video", "q"));
  emu.setFaults({ rate: 0, on: ["create", "query", "list"] });
  assert.equal((await byExt(emu, "omni-video", "q")).status, 200);
  assert.throws(() => emu.setFaults({ rate: 1, kinds: { teapot: 1 } }), /unknown fault kind/);
  assert.throws(() => emu.setFaults({ rate: 2 }), /rate/);
});

test("faults are reproducible from the seed", async (t) => {
  const outcomes = async (seed) => {
    const emu = await start(t, { faults: { rate: 0.5, kinds: { "500/5000": 1, "504/5002": 1 }, seed } });
    const codes = [];
    for (let i = 0; i < 30; i++) codes.push((await create(emu, "text2video", { prompt: "p" })).body.code);
    assert.equal(emu.tasks().length, 30, "every faulted create still stored its task");
    return codes;
  };
  const a = await outcomes(7);
  assert.deepEqual(await outcomes(7), a);
  assert.notDeepEqual(await outcomes(8), a);
  assert.ok(a.includes(0) && a.includes(5000) && a.includes(5002));
});

test("list paging: newest first, ranges 1–1000 / 1–500 checked", async (t) => {
  const emu = await start(t);
  for (let i = 0; i < 7; i++) await create(emu, "image2video", { prompt: "p", external_task_id: `l${i}` });
  const ids = async (q) => (await get(emu, `${PATHS.image2video}?${q}`)).body.data.map((x) => x.task_info.external_task_id);
  assert.deepEqual(await ids("pageNum=1&pageSize=3"), ["l6", "l5", "l4"]);
  assert.deepEqual(await ids("pageNum=3&pageSize=3"), ["l0"]);
  assert.deepEqual(await ids("pageNum=4&pageSize=3"), []);
  assert.equal((await ids("")).length, 7, "default pageSize 30");
  assert.deepEqual(await ids("pageNum=1000&pageSize=500"), []);
  for (const q of ["pageNum=0", "pageNum=1001", "pageNum=abc", "pageNum=1.5", "pageSize=0", "pageSize=501", "pageSize=", "pageNum=-1"]) {
    const r = await get(emu, `${PATHS.image2video}?${q}`);
    assert.deepEqual([r.status, r.body.code], [400, 1201], q);
  }
});

test("maxConcurrent: 429/1303 while slots are held, image tasks take n slots", async (t) => {
  const emu = await start(t, { maxConcurrent: { video: 2, image: 4 }, timeline: { processingAfterMs: 0, doneAfterMs: 60_000 } });
  assert.equal((await create(emu, "omni-video", { prompt: "p" })).status, 200);
  assert.equal((await create(emu, "text2video", { prompt: "p" })).status, 200);
  const third = await create(emu, "image2video", { prompt: "p", external_task_id: "over" });
  assert.deepEqual([third.status, third.body.code], [429, 1303]);
  assert.equal((await byExt(emu, "image2video", "over")).status, 404, "a real 1303 creates nothing");
  assert.equal((await create(emu, "omni-image", { prompt: "p", n: 3 })).status, 200, "video slots do not count");
  assert.equal((await create(emu, "omni-image", { prompt: "p", n: 2 })).body.code, 1303, "3 + 2 > 4");
  emu.configure({ timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
  assert.equal((await create(emu, "omni-image", { prompt: "p", n: 1 })).status, 200);
  assert.equal((await create(emu, "omni-image", { prompt: "p", n: 1 })).status, 200, "finished tasks free their slot");
  assert.equal(emu.state.stats.concurrencyRejected, 2);
});

test("control routes (only with control: true) and reset", async (t) => {
  const emu = await start(t, { control: true });
  await create(emu, "omni-video", { prompt: "p" });
  const stats = await (await fetch(`${emu.url}/__emulator/stats`)).json();
  assert.equal(stats.tasks, 1);
  assert.equal(stats.creates, 1);
  const faults = await fetch(`${emu.url}/__emulator/faults`, { method: "POST", body: '{"rate":1,"kinds":{"500/5000":1}}' });
  assert.deepEqual((await faults.json()).faults.kinds, { "500/5000": 1 });
  assert.equal((await create(emu, "omni-video", { prompt: "p" })).body.code, 5000);
  const tasks = await (await fetch(`${emu.url}/__emulator/tasks`)).json();
  assert.equal(tasks.length, 2);
  assert.equal(tasks[0].family, "omni-video");
  assert.equal(emu.state.requests.length, 2, "control calls are not recorded as Kling requests");
  assert.equal((await fetch(`${emu.url}/__emulator/reset`, { method: "POST" })).status, 200);
  assert.equal(emu.tasks().length, 0);
  assert.equal(emu.state.requests.length, 0);
  assert.equal(emu.stats().creates, 0);
  const off = await start(t);
  const r = await call(off, "GET", "/__emulator/stats");
  assert.deepEqual([r.status, r.body.code], [404, 1203], "without control the route is just an unknown Kling path");
});

test("close() ends sockets and timers: a process that starts and closes an emulator exits", async () => {
  const script = `
    import { startEmulator } from ${JSON.stringify(new URL("../support/kling-emulator.mjs", import.meta.url).href)};
    const emu = await startEmulator({ apiKey: "k", timeline: { processingAfterMs: 30_000, doneAfterMs: 60_000 },
      faults: { rate: 1, kinds: { slow: 1 }, slowMs: 60_000 } });
    const h = { authorization: "Bearer k" };
    // a pending slow answer, a keep-alive socket and pending callback timers (to an unused port)
    const pending = fetch(emu.url + "/v1/videos/omni-video", { method: "POST", headers: h,
      body: JSON.stringify({ prompt: "p", callback_url: "http://127.0.0.1:9/" }) }).catch(() => "closed");
    while (emu.tasks().length === 0) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await emu.close();
    console.log(JSON.stringify({ answer: await pending, closeMs: Date.now() - t0, tasks: emu.tasks().length }));
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  const [code, signal] = await once(child, "exit");
  clearTimeout(timer);
  assert.equal(signal, null, "the child exited on its own (no handle kept it alive)");
  assert.equal(code, 0);
  const report = JSON.parse(out.trim());
  assert.equal(report.answer, "closed", "the pending slow request was cut");
  assert.equal(report.tasks, 1);
});

test("CLI: prints {url} first, serves with the given keys, exits on SIGTERM", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--access-key", AK, "--secret-key", SK, "--api-key", "cli-key"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  let out = "";
  for await (const chunk of child.stdout) {
    out += chunk;
    if (out.includes("\n")) break;
  }
  const { url } = JSON.parse(out.split("\n")[0]);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const r = await call({ url }, "POST", PATHS["omni-video"], { body: { prompt: "p" }, token: "cli-key" });
  assert.equal(r.body.code, 0);
  const stats = await (await fetch(`${url}/__emulator/stats`)).json();
  assert.equal(stats.created, 1, "control routes are on in the CLI");
  child.kill("SIGTERM");
  const [code] = await exited;
  assert.equal(code, 0);
});

test("cors option: preflight answered, any origin allowed; off by default", async (t) => {
  const emu = await start(t, { cors: true });
  const pre = await fetch(emu.url + PATHS["omni-video"], { method: "OPTIONS" });
  assert.equal(pre.status, 204);
  assert.match(pre.headers.get("access-control-allow-headers"), /authorization/);
  const r = await fetch(emu.url + PATHS["omni-video"]);
  assert.equal(r.headers.get("access-control-allow-origin"), "*");
  assert.equal((await r.json()).code, 1001);
  const plain = await start(t);
  assert.equal((await fetch(plain.url + PATHS["omni-video"])).headers.get("access-control-allow-origin"), null);
});
