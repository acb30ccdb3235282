// The page: log in at the API host for a bearer token (kept in sessionStorage), then create a
// video through the proxy there and wait for it. KlingClient sends the app's session header on
// every call (auth kind "proxy": the proxy signs for Kling; the page never holds Kling's keys).
import { KlingClient, KlingError } from "kling-wasm";

const API = document.querySelector('meta[name="kling-api"]').content;
const client = new KlingClient({
  baseUrl: `${API}/kling`,
  auth: {
    kind: "proxy",
    headers: () => {
      const token = sessionStorage.getItem("token");
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  },
});
const $ = (id) => document.getElementById(id);

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const user = new FormData(event.target).get("user");
  const res = await fetch(`${API}/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user }) });
  if (res.ok) {
    const session = await res.json();
    sessionStorage.setItem("token", session.token);
    sessionStorage.setItem("user", session.user);
  }
  showUser();
});
$("logout").addEventListener("click", () => {
  sessionStorage.clear();
  showUser();
});
$("create").addEventListener("click", () => createVideo($("prompt").value));

function showUser() {
  const user = sessionStorage.getItem("user");
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

showUser();
$("create").disabled = false;
