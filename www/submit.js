// Submitting through the package's KlingClient with auth "proxy" (the signing proxy on this
// origin at /kling adds the credentials): create, then waitForTask with onProgress for the
// progress display (status, elapsed time), then the result videos or images; a failure shows
// the KlingError's code, message and request id. The library's create dialogs (create.js) use
// it too, with their own `onDone` in place of the result display.

import { KlingError } from "./pkg.js";
import { t } from "./i18n.js";
import { newClient } from "./library.js";

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function facts(pairs) {
  const dl = el("dl", "facts-table");
  for (const [key, value] of pairs) {
    if (value === undefined || value === null || value === "") continue;
    dl.append(el("dt", null, key), el("dd", null, String(value)));
  }
  return dl;
}

/**
 * `ui`: { button, cancel, progress, error, result }; `job()` gives { family, request } to send;
 * `onIssues(issues)` shows a refused request's issues at their fields; `onDone(task)`, when
 * given, takes the succeeded task instead of the result display.
 */
export function createSubmit(ui, job, onIssues, onDone) {
  let controller = null;

  function showTask(task, started) {
    const status = task?.task_status ?? t("waiting");
    ui.progress.hidden = false;
    ui.progress.dataset.status = status;
    ui.progress.querySelector(".chip").textContent = status;
    ui.progress.querySelector(".chip").dataset.status = status;
    ui.progress.querySelector(".task").textContent = task ? `${t("task")} ${task.task_id}` : "";
    ui.progress.querySelector(".elapsed").textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  }

  function showResult(task) {
    const box = ui.result;
    const title = el("h3", null, t("result"));
    title.dataset.t = "result";
    box.replaceChildren(title);
    for (const v of task.task_result?.videos ?? []) {
      const video = el("video");
      Object.assign(video, { src: v.url, controls: true, muted: true, autoplay: true, loop: true, playsInline: true });
      const link = el("a", null, `${t("openVideo")} · ${v.duration ?? "?"} s`);
      link.href = v.url;
      link.target = "_blank";
      box.append(video, link);
    }
    const images = [...(task.task_result?.images ?? []), ...(task.task_result?.series_images ?? [])];
    if (images.length) {
      const grid = el("div", "images");
      for (const img of images) grid.append(Object.assign(el("img"), { src: img.url, alt: `image ${img.index ?? ""}` }));
      box.append(grid);
    }
    const details = el("details");
    details.append(el("summary", null, t("taskJson")), el("pre", null, JSON.stringify(task, null, 2)));
    box.append(details);
    box.hidden = false;
  }

  function showError(e) {
    const box = ui.error;
    box.replaceChildren();
    if (e instanceof KlingError) {
      box.append(el("b", null, e.code), " ", el("span", null, e.message));
      box.append(facts([[t("code"), e.code], ["HTTP", e.status], ["Kling", e.apiCode], [t("requestId"), e.requestId], ["retryable", String(e.retryable)]]));
      if (e.issues?.length) onIssues(e.issues);
      if (e.task) box.append(facts([[t("task"), e.task.task_id], [t("status"), e.task.task_status], ["task_status_msg", e.task.task_status_msg]]));
    } else box.append(el("b", null, "error"), " ", el("span", null, String(e?.message ?? e)));
    box.hidden = false;
  }

  async function run() {
    const { family, request } = job();
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    const started = performance.now();
    let last = null;
    const timer = setInterval(() => showTask(last, started), 100);
    ui.error.hidden = true;
    ui.result.hidden = true;
    ui.button.disabled = true;
    ui.cancel.hidden = false;
    showTask(null, started);
    try {
      const client = newClient();
      last = await client[family.create](request, { signal });
      showTask(last, started);
      const done = await client.waitForTask(family.id, last.task_id, { signal, onProgress: (task) => showTask((last = task), started) });
      showTask(done, started);
      if (onDone) onDone(done);
      else showResult(done);
    } catch (e) {
      if (e?.task) showTask(e.task, started);
      showError(e);
    } finally {
      clearInterval(timer);
      if (controller?.signal === signal) controller = null;
      ui.button.disabled = false;
      ui.cancel.hidden = true;
    }
  }

  ui.button.addEventListener("click", run);
  ui.cancel.addEventListener("click", () => controller?.abort());
}
