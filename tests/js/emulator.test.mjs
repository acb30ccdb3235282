//! Tests of the Kling API emulator itself (tests/support/kling-emulator.mjs): auth, routes, lifecycle, results, callbacks.

import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { AK, PATHS, SK, call, create, get, goodToken, jwt, nowS, start, until } from "./emulator-helpers.mjs";

test("auth: every documented error code, static key and clock offset", async (t) => {
  const emu = await start(t, { apiKey: "static-key", accounts: [{ accessKey: "ak2", secretKey: "sk2" }] });
  const path = `${PATHS["omni-video"]}?pageNum=1`;
  const cases = [
    ["no header", { token: null }, 1001],
    ["empty header", { auth: "" }, 1001],
    ["not Bearer", { auth: `Basic ${goodToken()}` }, 1002],
    ["two spaces", { auth: `Bearer  ${goodToken()}` }, 1002],
    ["lowercase bearer", { auth: `bearer ${goodToken()}` }, 1002],
    ["not a JWT", { token: "abc.def" }, 1002],
    ["garbage JWT", { token: "a.b.c" }, 1002],
    ["wrong secret", { token: jwt({ iss: AK, exp: nowS() + 60 }, "other") }, 1002],
    ["alg none", { token: jwt({ iss: AK, exp: nowS() + 60 }, SK, { alg: "none" }) }, 1002],
    ["no exp", { token: jwt({ iss: AK, nbf: nowS() - 5 }) }, 1002],
    ["exp in ms", { token: jwt({ iss: AK, exp: Date.now() + 60_000, nbf: nowS() - 5 }) }, 1002],
    ["unknown iss", { token: jwt({ iss: "nobody", exp: nowS() + 60 }) }, 1000],
    ["expired", { token: jwt({ iss: AK, exp: nowS() - 1, nbf: nowS() - 100 }) }, 1004],
    ["nbf in future", { token: jwt({ iss: AK, exp: nowS() + 600, nbf: nowS() + 300 }) }, 1003],
  ];
  for (const [name, opts, code] of cases) {
    const r = await get(emu, path, opts);
    assert.equal(r.status, 401, name);
    assert.equal(r.body.code, code, name);
    assert.equal(r.body.data, null, name);
  }
  assert.equal(emu.state.stats.authFailures[1002], 9);
  for (const token of [goodToken(), "static-key", jwt({ iss: "ak2", exp: nowS() + 60 }, "sk2")]) {
    const r = await get(emu, path, { token });
    assert.equal(r.status, 200);
    assert.equal(r.body.code, 0);
    assert.equal(r.body.message, "SUCCEED");
  }
  emu.configure({ clockOffsetMs: 3600_000 }); // the emulator's clock runs an hour ahead
  assert.equal((await get(emu, path)).body.code, 1004);
  emu.configure({ clockOffsetMs: -3600_000 }); // an hour behind: nbf = now - 5 s is in its future
  assert.equal((await get(emu, path)).body.code, 1003);
});

test("create, query (task_id, external id in path and query string) and list, each family", async (t) => {
  const emu = await start(t, { timeline: { processingAfterMs: 60_000, doneAfterMs: 60_000 } });
  for (const family of Object.keys(PATHS)) {
    const before = Date.now();
    const ext = `ext-${family}`;
    const r = await create(emu, family, { prompt: "a cat", external_task_id: ext });
    assert.equal(r.status, 200);
    const task = r.body.data;
    assert.match(task.task_id, /^\d{18}$/);
    assert.equal(task.task_status, "submitted");
    assert.deepEqual(task.task_info, { external_task_id: ext });
    assert.ok(task.created_at >= before && task.created_at <= Date.now(), "created_at in ms");
    assert.equal(task.updated_at, task.created_at);
    const base = PATHS[family];
    for (const q of [`${base}/${task.task_id}`, `${base}/${ext}`, `${base}?external_task_id=${ext}`]) {
      const got = await get(emu, q);
      assert.equal(got.status, 200, q);
      assert.deepEqual(got.body.data, task, q);
    }
    const listed = await get(emu, base);
    assert.deepEqual(listed.body.data, [task]);
  }
  const other = await get(emu, `${PATHS.text2video}/ext-omni-video`);
  assert.deepEqual([other.status, other.body.code], [404, 1203], "a task is found only under its own family");
  assert.deepEqual(emu.state.stats.tasksByFamily, Object.fromEntries(Object.keys(PATHS).map((f) => [f, 1])));
  const noExt = await create(emu, "text2video", { prompt: "x" });
  assert.deepEqual(noExt.body.data.task_info, {});
  const rec = emu.state.requests.find((q) => q.method === "POST");
  assert.equal(rec.path, PATHS["omni-video"]);
  assert.match(rec.headers.authorization, /^Bearer /);
  assert.deepEqual(JSON.parse(rec.body), { prompt: "a cat", external_task_id: "ext-omni-video" });
});

test("bad bodies, duplicates per account, wrong method, unknown path and task", async (t) => {
  const emu = await start(t, { accounts: [{ accessKey: "ak2", secretKey: "sk2" }] });
  for (const body of ["{nope", "[1]", "null", ""]) {
    const r = await create(emu, "omni-video", body);
    assert.deepEqual([r.status, r.body.code], [400, 1200], body);
  }
  assert.equal((await create(emu, "omni-video", { prompt: "a", external_task_id: "dup" })).status, 200);
  for (const family of ["omni-video", "omni-image"]) {
    const r = await create(emu, family, { prompt: "b", external_task_id: "dup" });
    assert.deepEqual([r.status, r.body.code], [400, 1201]);
    assert.match(r.body.message, /external_task_id.*(already exists|duplicate)/);
  }
  const otherAccount = await create(emu, "omni-video", { prompt: "c", external_task_id: "dup" }, {
    token: jwt({ iss: "ak2", exp: nowS() + 60 }, "sk2"),
  });
  assert.equal(otherAccount.status, 200, "external ids are unique per account only");
  assert.equal(emu.state.stats.duplicatesRejected, 2);
  assert.equal(emu.tasks().length, 2);
  const slash = await create(emu, "omni-video", { prompt: "d" }, {}, "/");
  assert.equal(slash.status, 200, "S1's trailing-slash create path is accepted");
  const del = await call(emu, "DELETE", PATHS["omni-video"]);
  assert.deepEqual([del.status, del.body.code], [404, 1202]);
  const unknown = await get(emu, "/v1/videos/nothing");
  assert.deepEqual([unknown.status, unknown.body.code], [404, 1203]);
  const missing = await get(emu, `${PATHS["omni-video"]}/no-such-task`);
  assert.deepEqual([missing.status, missing.body.code], [404, 1203]);
});

test("lifecycle: timeline states, succeed with results, failed by marker", async (t) => {
  const emu = await start(t, { timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
  const statusOf = async (family, id) => (await get(emu, `${PATHS[family]}/${id}`)).body.data;
  for (const [timeline, want] of [
    [{ processingAfterMs: 60_000, doneAfterMs: 60_000 }, "submitted"],
    [{ processingAfterMs: 0, doneAfterMs: 60_000 }, "processing"],
    [{ processingAfterMs: 0, doneAfterMs: 0 }, "succeed"],
  ]) {
    emu.configure({ timeline });
    const { task_id } = (await create(emu, "text2video", { prompt: "p" })).body.data;
    assert.equal((await statusOf("text2video", task_id)).task_status, want);
  }
  emu.configure({ timeline: { processingAfterMs: 30, doneAfterMs: 60 } });
  const created = (await create(emu, "image2video", { prompt: "p", duration: "10" })).body.data;
  const seen = [];
  let task;
  await until(async () => {
    task = await statusOf("image2video", created.task_id);
    if (seen.at(-1) !== task.task_status) seen.push(task.task_status);
    return task.task_status === "succeed";
  }, "succeed");
  const order = ["submitted", "processing", "succeed"];
  assert.deepEqual(seen, order.filter((s) => seen.includes(s)), "statuses only move forward");
  assert.equal(task.updated_at, created.created_at + 60);
  assert.equal(task.task_result.videos.length, 1);
  assert.equal(task.task_result.videos[0].duration, "10.041");

  emu.configure({ timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
  const fails = [
    ["omni-video", { prompt: "a [[fail]] b" }],
    ["text2video", { multi_shot: true, multi_prompt: [{ prompt: "ok" }, { prompt: "x[[fail]]" }] }],
    ["omni-image", { prompt: "[[fail]]" }],
  ];
  for (const [family, body] of fails) {
    const id = (await create(emu, family, body)).body.data.task_id;
    const done = await statusOf(family, id);
    assert.equal(done.task_status, "failed");
    assert.ok(done.task_status_msg.length > 0);
    assert.deepEqual(done.task_result, {});
  }
});

test("results: per-family shapes and the files they point to (PNG, MP4, ranges)", async (t) => {
  const emu = await start(t, { timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
  const done = async (family, body) => {
    const id = (await create(emu, family, body)).body.data.task_id;
    return (await get(emu, `${PATHS[family]}/${id}`)).body.data;
  };
  const video = await done("omni-video", { prompt: "p", watermark_info: { enabled: true }, aspect_ratio: "9:16" });
  const v = video.task_result.videos[0];
  assert.deepEqual(Object.keys(v).sort(), ["duration", "id", "url", "watermark_url"]);
  assert.equal(v.duration, "5.041");
  const mp4 = await fetch(v.url);
  assert.equal(mp4.headers.get("content-type"), "video/mp4");
  const bytes = Buffer.from(await mp4.arrayBuffer());
  assert.equal(bytes.subarray(4, 8).toString("latin1"), "ftyp");
  const part = await fetch(v.url, { headers: { range: "bytes=4-7" } });
  assert.equal(part.status, 206);
  assert.equal(Buffer.from(await part.arrayBuffer()).toString("latin1"), "ftyp");
  assert.equal((await fetch(v.watermark_url)).status, 200);

  const single = await done("omni-image", { prompt: "p", n: 3, aspect_ratio: "16:9" });
  assert.equal(single.task_result.result_type, "single");
  assert.deepEqual(single.task_result.images.map((i) => i.index), [0, 1, 2]);
  const png = await fetch(single.task_result.images[2].url);
  assert.equal(png.headers.get("content-type"), "image/png");
  const pngBytes = Buffer.from(await png.arrayBuffer());
  assert.equal(pngBytes.subarray(1, 4).toString("latin1"), "PNG");
  assert.deepEqual([pngBytes.readUInt32BE(16), pngBytes.readUInt32BE(20)], [64, 36], "IHDR size follows 16:9");

  const series = await done("omni-image", { prompt: "p", result_type: "series", series_amount: 5 });
  assert.equal(series.task_result.result_type, "series");
  assert.equal(series.task_result.series_images.length, 5);
  assert.equal((await fetch(series.task_result.series_images[4].url)).status, 200);

  emu.configure({ timeline: { processingAfterMs: 60_000, doneAfterMs: 60_000 } });
  const pending = (await create(emu, "omni-video", { prompt: "p" })).body.data;
  assert.equal((await fetch(`${emu.url}/files/${pending.task_id}/video-0.mp4`)).status, 404, "no file before succeed");
  assert.equal((await fetch(`${emu.url}/files/${video.task_id}/video-1.mp4`)).status, 404);
});

test("callbacks: the task object POSTed on each status change, attempts recorded", async (t) => {
  const received = [];
  const receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ method: req.method, body: JSON.parse(text), auth: req.headers.authorization });
      res.end("ok");
    });
  });
  await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
  t.after(() => receiver.close());
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  const emu = await start(t, { timeline: { processingAfterMs: 20, doneAfterMs: 40 } });
  const ok = (await create(emu, "text2video", { prompt: "p", callback_url: hook, external_task_id: "cb" })).body.data;
  const bad = (await create(emu, "omni-image", { prompt: "[[fail]]", callback_url: hook })).body.data;
  await until(() => received.length === 6, "6 callbacks");
  const mine = (id) => received.filter((r) => r.body.task_id === id);
  for (const [task, last] of [[ok, "succeed"], [bad, "failed"]]) {
    const calls = mine(task.task_id);
    assert.deepEqual(calls.map((c) => c.body.task_status), ["submitted", "processing", last]);
    for (const c of calls) {
      assert.equal(c.method, "POST");
      assert.equal(c.auth, undefined, "no signature or auth header");
      assert.equal("code" in c.body || "data" in c.body, false, "no envelope");
    }
  }
  const final = mine(ok.task_id)[2].body;
  assert.deepEqual(final.task_info, { external_task_id: "cb" });
  assert.match(final.task_result.videos[0].url, /\/files\//);
  await until(() => emu.state.callbacks.length === 6, "6 recorded attempts");
  assert.equal(emu.state.stats.callbacks.delivered, 6);

  const dead = http.createServer();
  await new Promise((r) => dead.listen(0, "127.0.0.1", r));
  const deadUrl = `http://127.0.0.1:${dead.address().port}/`;
  await new Promise((r) => dead.close(r));
  emu.configure({ timeline: { processingAfterMs: 0, doneAfterMs: 0 } });
  await create(emu, "omni-video", { prompt: "p", callback_url: deadUrl });
  await until(() => emu.state.stats.callbacks.failed === 2, "2 failed attempts (submitted, succeed)");
  assert.ok(emu.state.callbacks.filter((a) => !a.ok).every((a) => a.error && a.url === deadUrl));
});
