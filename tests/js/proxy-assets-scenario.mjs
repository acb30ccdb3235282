// The two-user ownership scenario for custom elements and voices, run against a proxy in Node
// (proxy-assets.test.mjs) and in workerd (proxy-assets-workerd.test.mjs): a user can neither see,
// delete nor reference the other's elements or voices; presets and the operator's shared ids are
// usable by both; /account/costs is absent without authorizeAccount, 404 for users it refuses,
// and cached for the one it allows. `up` is the emulator as `emulatorView` sees it.
import assert from "node:assert/strict";

/** What the scenario reads of the emulator: its recorded requests, its call counts, a preset of each kind. */
export const emulatorView = (emu) => ({ state: emu.state, presetElement: "1152921504606846977", presetVoice: "oversea_male1" });

export const SHARED_ELEMENT = String((1n << 60n) + 5000n);
export const SHARED_VOICE = "house_voice";
/** The proxies' authorizeAccount: only alice may read the account's units. */
export const ONLY_ALICE = (request) => request.headers.get("authorization") === "Bearer user-alice";

export const ELEMENT_BODY = {
  element_name: "Fox",
  element_description: "a red fox",
  reference_type: "image_refer",
  element_image_list: { frontal_image: "https://example.com/front.png", refer_images: [{ image_url: "https://example.com/side.png" }] },
};
export const VOICE_BODY = { voice_name: "Narrator", voice_url: "https://example.com/voice.mp3" };
/** An Omni-Video create naming element `id`, written as a bare JSON number (as Kling writes it). */
export const omniWith = (id) => `{"model_name":"kling-v3-omni","prompt":"<<<element_1>>> runs in snow","aspect_ratio":"16:9","duration":"5","element_list":[{"element_id":${id}}]}`;
/** A text-to-video create naming voice `id`. */
export const t2vWith = (id) => JSON.stringify({ model_name: "kling-v2-6", prompt: "<<<voice_1>>> says hello", mode: "pro", duration: "5", sound: "on", voice_list: [{ voice_id: id }] });

export async function twoUsers(t, { url, plainUrl, up }) {
  const call = async (user, method, path, body, base = url) => {
    const headers = { authorization: `Bearer user-${user}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const r = await fetch(`${base}${path}`, { method, headers, body: typeof body === "string" || body === undefined ? body : JSON.stringify(body) });
    return { status: r.status, text: await r.text(), headers: r.headers };
  };
  const upstream = (pred) => up.state.requests.filter(pred).length;
  const posts = (path) => upstream((r) => r.method === "POST" && r.url.startsWith(path));
  const notOwner = (r, pointer) => {
    assert.equal(r.status, 403, r.text);
    const v = JSON.parse(r.text);
    assert.deepEqual([v.source, v.reason, v.pointer], ["proxy", "not_owner", pointer], r.text);
  };

  /** The task's text once it succeeded (queried by its owner through the proxy). */
  const done = async (user, path, taskId) => {
    for (let i = 0; i < 200; i++) {
      const r = await call(user, "GET", `${path}/${taskId}`);
      if (JSON.parse(r.text).data?.task_status === "succeed") return r.text;
      await new Promise((ok) => setTimeout(ok, 20));
    }
    throw new Error(`${path}/${taskId} did not succeed`);
  };
  // Alice makes an element, Bob a voice, through the proxy.
  const el = await call("alice", "POST", "/v1/general/advanced-custom-elements", { ...ELEMENT_BODY, external_task_id: "el-1" });
  assert.equal(el.status, 200, el.text);
  const elTask = JSON.parse(el.text).data.task_id;
  const elDone = await done("alice", "/v1/general/advanced-custom-elements", elTask);
  const element = /"element_id":\s*"?(\d+)/.exec(elDone)?.[1];
  assert.ok(element && BigInt(element) >= 1n << 60n, elDone);
  const vo = await call("bob", "POST", "/v1/general/custom-voices", { ...VOICE_BODY, external_task_id: "vo-1" });
  assert.equal(vo.status, 200, vo.text);
  const voDone = await done("bob", "/v1/general/custom-voices", JSON.parse(vo.text).data.task_id);
  const voice = /"voice_id":\s*"([^"]+)"/.exec(voDone)?.[1];
  assert.ok(voice, voDone);

  await t.test("neither sees the other's element and voice tasks", async () => {
    const theirs = await call("bob", "GET", `/v1/general/advanced-custom-elements/${elTask}`);
    assert.equal(theirs.status, 404, theirs.text);
    const bobs = JSON.parse((await call("bob", "GET", "/v1/general/advanced-custom-elements?pageSize=30")).text);
    assert.deepEqual(bobs.data, [], JSON.stringify(bobs));
    const alices = JSON.parse((await call("alice", "GET", "/v1/general/advanced-custom-elements?pageSize=30")).text);
    assert.deepEqual(alices.data.map((x) => x.task_info.external_task_id), ["el-1"]);
    const voices = JSON.parse((await call("alice", "GET", "/v1/general/custom-voices?pageSize=1000")).text);
    assert.deepEqual(voices.data, [], JSON.stringify(voices));
  });

  await t.test("neither references the other's", async () => {
    const before = posts("/v1/videos/");
    notOwner(await call("bob", "POST", "/v1/videos/omni-video", omniWith(element)), "/element_list/0/element_id");
    notOwner(await call("alice", "POST", "/v1/videos/text2video", t2vWith(voice)), "/voice_list/0/voice_id");
    notOwner(await call("alice", "POST", "/v1/general/advanced-custom-elements", { ...ELEMENT_BODY, reference_type: "video_refer", element_image_list: undefined, element_video_list: { refer_videos: [{ video_url: "https://example.com/a.mp4" }] }, element_voice_id: voice }), "/element_voice_id");
    // One past the id as a float is the same number: the proxy compares digits.
    notOwner(await call("alice", "POST", "/v1/videos/omni-video", omniWith(String(BigInt(element) + 1n))), "/element_list/0/element_id");
    assert.equal(posts("/v1/videos/"), before, "nothing refused reached Kling");
    const mine = await call("alice", "POST", "/v1/videos/omni-video", omniWith(element));
    assert.equal(mine.status, 200, mine.text);
    assert.ok(up.state.requests.at(-1).body.includes(`"element_id":${element}`), "the exact digits went upstream");
    assert.equal((await call("bob", "POST", "/v1/videos/text2video", t2vWith(voice))).status, 200);
  });

  await t.test("presets and shared ids are usable by both", async () => {
    for (const user of ["alice", "bob"]) {
      for (const body of [omniWith(up.presetElement), omniWith(SHARED_ELEMENT)]) {
        const r = await call(user, "POST", "/v1/videos/omni-video", body);
        assert.equal(r.status, 200, `${user}: ${r.text}`);
      }
      for (const id of [up.presetVoice, SHARED_VOICE]) {
        const r = await call(user, "POST", "/v1/videos/text2video", t2vWith(id));
        assert.equal(r.status, 200, `${user}: ${r.text}`);
      }
      const list = await call(user, "GET", "/v1/general/presets-voices?pageNum=1&pageSize=1000");
      assert.equal(list.status, 200, list.text);
      assert.ok(list.text.includes(up.presetVoice));
    }
  });

  await t.test("neither deletes the other's; each deletes their own", async () => {
    notOwner(await call("bob", "POST", "/v1/general/delete-elements", { element_id: element }), "/element_id");
    notOwner(await call("alice", "POST", "/v1/general/delete-voices", { voice_id: voice }), "/voice_id");
    notOwner(await call("alice", "POST", "/v1/general/delete-voices", { voice_id: up.presetVoice }), "/voice_id");
    assert.equal(posts("/v1/general/delete-"), 0, "no refused deletion reached Kling");
    const del = await call("alice", "POST", "/v1/general/delete-elements", `{"element_id":${element}}`);
    assert.equal(del.status, 200, del.text);
    assert.equal(up.state.requests.at(-1).body, `{"element_id":"${element}"}`);
    assert.equal((await call("bob", "POST", "/v1/general/delete-voices", { voice_id: voice })).status, 200);
  });

  await t.test("/account/costs: absent without the hook, 404 for users it refuses, cached for the one it allows", async () => {
    const costs = "/account/costs?start_time=0&end_time=1700000000000";
    const calls = () => up.state.stats.accountCosts;
    const before = calls();
    const absent = await call("alice", "GET", costs, undefined, plainUrl);
    assert.equal(absent.status, 404, absent.text);
    const refused = await call("bob", "GET", costs);
    assert.equal(refused.status, 404, refused.text);
    assert.equal(JSON.parse(refused.text).reason, JSON.parse(absent.text).reason);
    assert.equal(calls(), before, "nothing reached Kling");
    const first = await call("alice", "GET", costs);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get("x-kling-proxy-cache"), "miss");
    assert.ok(JSON.parse(first.text).data.resource_pack_subscribe_infos.length > 0, first.text);
    const second = await call("alice", "GET", costs);
    assert.deepEqual([second.status, second.headers.get("x-kling-proxy-cache"), second.headers.get("age")], [200, "hit", "0"]);
    assert.equal(second.text, first.text);
    assert.equal(calls(), before + 1, "one upstream call for both");
  });
}
