// The page: log in at the API host (it sets an HttpOnly cookie of its own), then create a video
// through the proxy there and wait for it. Every call to the API carries the cookie:
// `credentials: "include"` (fetch's option, and KlingClient's).
import { KlingClient, KlingError } from "kling-wasm";

const API = document.querySelector('meta[name="kling-api"]').content;
const client = new KlingClient({ baseUrl: `${API}/kling`, credentials: "include" });
const $ = (id) => document.getElementById(id);

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const user = new FormData(event.target).get("user");
  const init = { method: "POST", credentials: "include", headers: { "content-type": "application/json" } };
  await fetch(`${API}/login`, { ...init, body: JSON.stringify({ user }) });
  await showUser();
});
$("logout").addEventListener("click", async () => {
  await fetch(`${API}/logout`, { method: "POST", credentials: "include" });
  await showUser();
});
$("create").addEventListener("click", () => createVideo($("prompt").value));

async function showUser() {
  const res = await fetch(`${API}/me`, { credentials: "include" }).catch(() => null);
  const user = res?.ok ? (await res.json()).user : null;
  $("who").textContent = user ? `Signed in as ${user}` : "Not signed in";
}

async function createVideo(prompt) {
  $("error").hidden = true;
  $("result").textContent = "";
  $("status").value = "creating…";
  try {
    const task = await client.createOmniVideo({ model_name: "kling-v3-omni", prompt, aspect_ratio: "16:9", duration: "5" });
    const done = await client.waitForTask("omni-video", task.task_id, { onProgress: (t) => ($("status").value = t.task_status) });
    $("status").value = done.task_status;
    const link = Object.assign(document.createElement("a"), { href: done.task_result.videos[0].url, textContent: "the video" });
    $("result").replaceChildren(link);
  } catch (e) {
    showError(e);
  }
}

/** A KlingError names who refused: the proxy (your backend) or Kling (source), why (reason) and the HTTP status. */
function showError(e) {
  $("status").value = "failed";
  const box = $("error");
  box.hidden = false;
  box.textContent = e instanceof Error ? e.message : String(e);
  if (e instanceof KlingError) Object.assign(box.dataset, { code: e.code, source: e.source ?? "", reason: e.reason ?? "", status: e.status ?? "" });
}

await showUser();
$("create").disabled = false;
