// Issue 13 ("Hardening"), task ownership through the Node adapter: another user's task answers
// byte for byte like a missing one (by task_id and by ?by=external_task_id); a poll costs one
// upstream request; an anonymous caller cannot plant a task in a user's namespace
// ("admin:job-1", "x61646d696e:job-1"); callbacks reach onTaskUpdate for the longest user id and
// external id the proxy accepts; a list walk with pageSize 1 through 300 other users' tasks finds
// each of alice's 20 exactly once and no page shows another user's task.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { startEmulator } from "../support/kling-emulator.mjs";
import { rawRequest } from "./proxy-helpers.mjs";
import { AK, OMNI, SK, VALID, byBearer, createKlingProxy, eventually, largest, listen, pkg, toNodeListener, within } from "../support/proxy-rig.mjs";

let emu;
const servers = [];

before(async () => {
  emu = await startEmulator({ accessKey: AK, secretKey: SK, timeline: { processingAfterMs: 20, doneAfterMs: 80 } });
});

after(async () => {
  for (const s of servers) await s.close();
  await emu?.close();
});

/** A proxy on the emulator served over node:http, with callbacks to itself; `updates` records onTaskUpdate. */
async function proxyServer(extra = {}) {
  let listener;
  const srv = await listen((req, res) => listener(req, res));
  const updates = [];
  const proxy = createKlingProxy({
    upstream: emu.url, accessKey: AK, secretKey: SK, authorize: byBearer, callbackUrl: `${srv.url}/kling`,
    onTaskUpdate: (task, userId) => void updates.push({ task, userId }), ...extra,
  });
  listener = toNodeListener(proxy);
  servers.push(srv);
  return { port: srv.port, url: srv.url, updates };
}

const as = (user) => (user ? { authorization: `Bearer user-${user}` } : {});
const post = (srv, user, body) => rawRequest(srv.port, "POST", OMNI, { ...as(user), "content-type": "application/json" }, JSON.stringify(body));
const get = (srv, user, target) => rawRequest(srv.port, "GET", target, as(user));

/** The answer with what may differ between two refusals taken out: the request id, Date, length. */
const normalised = (raw) =>
  raw.replace(/\r\ndate: [^\r]*/i, "").replace(/\r\ncontent-length: \d+/i, "").replace(/\r\n[0-9a-f]+\r\n/g, "\r\n#\r\n").replace(/"request_id":"[^"]*"/g, '"request_id":""');

test("another user's task answers exactly like a missing one; a poll costs one upstream request", async () => {
  // No callbacks here: their re-queries would reach the emulator while the polls are counted.
  const srv = await proxyServer({ callbackUrl: undefined, onTaskUpdate: undefined });
  const made = await post(srv, "alice", { ...VALID, external_task_id: "mine-1" });
  assert.equal(made.status, 200, made.raw.slice(0, 300));
  const id = JSON.parse(made.body).data.task_id;
  const pairs = [
    [`${OMNI}/${id}`, `${OMNI}/899999999999999999`],
    [`${OMNI}/mine-1?by=external_task_id`, `${OMNI}/nope-1?by=external_task_id`],
    [`${OMNI}/mine-1`, `${OMNI}/nope-1`],
    [`${OMNI}/alice:mine-1`, `${OMNI}/alice:nope-1`],
  ];
  for (const [theirs, missing] of pairs) {
    const a = await get(srv, "bob", theirs);
    const b = await get(srv, "bob", missing);
    assert.equal(a.status, 404, `${theirs}: ${a.raw.slice(0, 300)}`);
    assert.equal(normalised(a.raw), normalised(b.raw), `${theirs} vs ${missing}`);
    assert.ok(!a.raw.includes(id) && !a.raw.includes("mine-1"), "the answer names the task");
  }
  // The owner's own polls: served, each costing exactly one request to Kling.
  for (const target of [`${OMNI}/${id}`, `${OMNI}/mine-1?by=external_task_id`]) {
    const before = emu.state.requests.length;
    const mine = await get(srv, "alice", target);
    assert.equal(mine.status, 200, `${target}: ${mine.raw.slice(0, 300)}`);
    assert.equal(JSON.parse(mine.body).data.task_id, id);
    assert.equal(emu.state.requests.length - before, 1, `${target}: upstream requests for one poll`);
  }
});

test("an anonymous create cannot plant a task in a user's namespace", async () => {
  const anon = await proxyServer({ allowAnonymous: true, authorize: undefined });
  const users = await proxyServer();
  const planted = [];
  for (const ext of ["admin:job-1", "x61646d696e:job-1"]) {
    const res = await post(anon, null, { ...VALID, external_task_id: ext });
    if (res.status === 200) planted.push(JSON.parse(res.body).data.task_id);
    else assert.ok(res.status >= 400 && res.status < 500, res.raw.slice(0, 300));
  }
  // The control: an anonymous task's callbacks do reach onTaskUpdate (so silence below means something).
  const control = await post(anon, null, VALID);
  assert.equal(control.status, 200, control.raw.slice(0, 300));
  const controlId = JSON.parse(control.body).data.task_id;
  await eventually(10_000, "the control task's success reaching onTaskUpdate", () => anon.updates.some((u) => u.task.task_id === controlId && u.task.task_status === "succeed"));
  for (const id of planted) await eventually(10_000, "the planted task's callbacks", () => emu.state.callbacks.some((c) => c.task_id === id && c.task_status === "succeed"));
  const admins = anon.updates.filter((u) => u.userId !== null);
  assert.deepEqual(admins.map((u) => `${u.userId}: ${u.task.task_info?.external_task_id}`), [], "onTaskUpdate heard an anonymous task as a user's");
  for (const user of ["admin", "alice", "x61646d696e"]) {
    for (const target of [`${OMNI}/job-1?by=external_task_id`, `${OMNI}/job-1`, ...planted.map((id) => `${OMNI}/${id}`)]) {
      const res = await get(users, user, target);
      assert.equal(res.status, 404, `${user} ${target}: ${res.raw.slice(0, 300)}`);
    }
    const ids = await listAll(users, user);
    assert.deepEqual(ids.filter((id) => planted.includes(id) || id === controlId), [], `${user}'s list shows an anonymous task`);
  }
});

/** Every task_id `user`'s list shows, following next_cursor (pageSize 500). */
async function listAll(srv, user) {
  const ids = [];
  let target = `${OMNI}?pageSize=500`;
  for (let page = 0; page < 50 && target; page++) {
    const res = await get(srv, user, target);
    assert.equal(res.status, 200, `${target}: ${res.raw.slice(0, 300)}`);
    const body = JSON.parse(res.body);
    ids.push(...body.data.map((t) => t.task_id));
    target = body.next_cursor ? `${OMNI}?pageSize=500&cursor=${body.next_cursor}` : null;
  }
  return ids;
}

test("callbacks reach onTaskUpdate for a 70-character e-mail user id and the longest external id accepted", async () => {
  const srv = await proxyServer();
  const user = `firstname.lastname.${"p".repeat(70 - "firstname.lastname.".length - "@example.com".length)}@example.com`;
  assert.equal(user.length, 70);
  const ext = (n) => randomBytes(n).toString("hex").slice(0, n);
  const longest = await largest(1, 300, async (n) => (await post(srv, user, { ...VALID, external_task_id: ext(n) })).status === 200);
  assert.ok(longest >= 16, `the longest external_task_id accepted for this user is ${longest} characters`);
  const id = ext(longest);
  const made = await post(srv, user, { ...VALID, external_task_id: id });
  assert.equal(made.status, 200, made.raw.slice(0, 300));
  const creates = () => emu.state.requests.filter((r) => r.method === "POST").length;
  const before = creates();
  const past = await post(srv, user, { ...VALID, external_task_id: ext(longest + 1) });
  assert.equal(past.status, 400, `one past the longest: ${past.raw.slice(0, 300)}`);
  assert.equal(creates(), before, "one past the longest reached Kling");
  /** The confirmed success of `taskId` as onTaskUpdate heard it (else what the emulator delivered). */
  const heard = (taskId) =>
    eventually(10_000, "the success reaching onTaskUpdate", () => srv.updates.find((u) => u.task.task_id === taskId && u.task.task_status === "succeed")).catch((e) => {
      const cb = emu.state.callbacks.filter((c) => c.task_id === taskId);
      throw new Error(`${e.message}; the emulator's deliveries: ${JSON.stringify(cb.map((c) => [c.task_status, c.status ?? c.error, c.url.length]))}`);
    });
  const update = await heard(JSON.parse(made.body).data.task_id);
  assert.equal(update.userId, user);
  assert.equal(update.task.task_info.external_task_id, id, "the hook hears the caller's own external id");
  // A create without an external id must work for any user the app has (the proxy makes one up),
  // and so must KlingClient's creates, which always carry one (a UUID when the caller gave none).
  const plain = await post(srv, user, VALID);
  assert.equal(plain.status, 200, `a create with no external_task_id: ${plain.raw.slice(0, 300)}`);
  assert.equal((await heard(JSON.parse(plain.body).data.task_id)).userId, user);
  const client = new pkg.KlingClient({ baseUrl: `${srv.url}/kling`, auth: { kind: "proxy" }, fetch: (url, init) => fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...as(user) } }) });
  const viaClient = await client.createOmniVideo({ ...VALID });
  assert.equal((await heard(viaClient.task_id)).userId, user);
});

test("iterateTasks with pageSize 1 through 300 other users' tasks: each of alice's 20 exactly once, no page shows another's", async () => {
  const srv = await proxyServer();
  const token = pkg.signKlingToken(AK, SK);
  const others = ["bob", "alice-2", "alicex", "x616c696365", "carol"];
  const mine = new Set();
  // Seeded straight into the emulator, newest last: one of alice's after every 15 of others',
  // so the newest task (the first of page 1) is another user's.
  for (let i = 0; i < 320; i++) {
    const owner = i % 16 === 7 ? "alice" : others[i % others.length];
    const res = await fetch(`${emu.url}/v1/videos/omni-video`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ ...VALID, external_task_id: `${owner}:l-${i}` }) });
    const { data } = await res.json();
    if (owner === "alice") mine.add(data.task_id);
  }
  assert.equal(mine.size, 20);
  // Alice's tasks from the tests above count too (they are hers): all the emulator holds under "alice:".
  for (const { task } of emu.tasks("omni-video")) if (task.task_info.external_task_id?.startsWith("alice:")) mine.add(task.task_id);
  const answers = [];
  const client = new pkg.KlingClient({
    baseUrl: `${srv.url}/kling`,
    auth: { kind: "proxy" },
    fetch: async (url, init) => {
      const res = await fetch(url, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), ...as("alice") } });
      answers.push({ url: String(url), status: res.status, body: await res.clone().text() });
      return res;
    },
  });
  const seen = [];
  await within(60_000, "the walk", (async () => {
    for await (const t of client.iterateTasks("omni-video", { pageSize: 1 })) if (seen.push(t.task_id) > 100) break;
  })());
  const lists = answers.filter((a) => a.url.includes("pageSize="));
  for (const [i, a] of lists.entries()) {
    assert.equal(a.status, 200, a.body.slice(0, 300));
    const page = JSON.parse(a.body);
    const foreign = page.data.filter((t) => !mine.has(t.task_id));
    assert.deepEqual(foreign.map((t) => t.task_info?.external_task_id), [], `page ${i + 1} shows another user's task`);
    if (i < lists.length - 1) assert.ok(typeof page.next_cursor === "string" && page.next_cursor.length > 0, `page ${i + 1} of ${lists.length} has no next_cursor`);
  }
  assert.equal(new Set(seen).size, seen.length, "a task came twice");
  assert.deepEqual([...seen].sort(), [...mine].sort(), `the walk found ${seen.length} of alice's ${mine.size} tasks`);
});
