// One create's price as the proxy itself has it, in micro-USD: `reserved` (its estimate, held at
// create) and `charged` (settled from the emulator's final_unit_deduction once the task is done).
// A proxy of the package under test makes the create against the emulator with a memoryStore of
// its own and a large budget, reads the reservation from that store's ledger, waits for the task,
// queries it (a query settles it) and reads the charge. Tests size budgets and check settlements
// with it without copying the price table.
const usageOp = () => JSON.stringify({ op: "usage", now: Date.now(), period_ms: null });

export async function probePrice({ createKlingProxy, memoryStore }, { upstream, accessKey, secretKey }, body) {
  const store = memoryStore();
  const proxy = createKlingProxy({ upstream, accessKey, secretKey, authorize: () => "price-probe", store, budget: { usd: 1e6 } });
  const call = (method, path, b) =>
    proxy.fetch(new Request(`http://proxy.test/kling${path}`, { method, headers: { "content-type": "application/json" }, body: b && JSON.stringify(b) }));
  const res = await call("POST", "/v1/videos/omni-video", body);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`price probe: the create answered ${res.status}: ${text}`);
  const taskId = JSON.parse(text).data.task_id;
  // The store names a user by the owner prefix of its tasks ("price-probe:"). No callbackUrl:
  // nothing settles the reservation while we read it.
  const [key] = [...store.users()];
  const held = JSON.parse(await store.apply(key, "ledger", usageOp()));
  if (!(held.in_flight === 1 && held.held_usd > 0)) throw new Error(`price probe: ${JSON.stringify(held)}`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const task = JSON.parse(await (await call("GET", `/v1/videos/omni-video/${encodeURIComponent(taskId)}`)).text()).data;
    if (task?.task_status === "succeed") break;
    if (Date.now() > deadline) throw new Error(`price probe: the task did not succeed: ${JSON.stringify(task)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const done = JSON.parse(await store.apply(key, "ledger", usageOp()));
  if (!(done.in_flight === 0 && done.usd > 0)) throw new Error(`price probe: not settled by the query: ${JSON.stringify(done)}`);
  return { reserved: held.held_usd, charged: done.usd };
}
