// The page: log in (an HttpOnly cookie, set by the server), then create a video through the
// proxy at /kling and wait for it. Same origin, so the cookie goes with every call by default.
import { KlingClient, KlingError } from "kling-wasm";

const client = new KlingClient({ baseUrl: "/kling" });
const $ = (id) => document.getElementById(id);

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const user = new FormData(event.target).get("user");
  await fetch("/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user }) });
  await showUser();
});
$("logout").addEventListener("click", async () => {
  await fetch("/logout", { method: "POST" });
  await showUser();
});
$("create").addEventListener("click", () => createVideo($("prompt").value));

async function showUser() {
  const { user } = await (await fetch("/me")).json();
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
