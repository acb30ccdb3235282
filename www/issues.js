// Shows a Report's issues: each at its field (the nearest .field whose data-path is the issue's
// JSON pointer or a parent of it), errors and warnings styled apart, plus the full list and the
// status badge.

import { t } from "./i18n.js";

const $ = (sel, root = document) => root.querySelector(sel);

/** The field of `path` or of its nearest parent; a field hidden as "not offered" shows again
 *  when an issue names it (shot_type on a model without multi-shot, say). */
function fieldFor(form, path) {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const el = [...form.querySelectorAll("[data-path]")].find((e) => e.dataset.path === p);
    if (el?.hidden && !el.parentElement.closest("[hidden]")) el.hidden = false;
    if ((el && !el.closest("[hidden]")) || p === "") return el && !el.closest("[hidden]") ? el : $(".root-issues", form);
  }
}

function message(issue) {
  const msg = document.createElement("div");
  msg.className = `msg ${issue.severity}`;
  msg.textContent = issue.message;
  msg.title = `${issue.rule} · ${issue.code}`;
  msg.dataset.code = issue.code;
  return msg;
}

/** Puts `issues` at their fields in `form`, lists them in `list`, and sums them up in `status`. */
export function showIssues(form, list, status, issues) {
  for (const el of form.querySelectorAll(".msg")) el.remove();
  for (const el of form.querySelectorAll(".has-error, .has-warning")) el.classList.remove("has-error", "has-warning");
  list.replaceChildren();
  for (const issue of issues) {
    const field = fieldFor(form, issue.path);
    // A field's own messages go right under its control, before the media facts.
    const facts = field.querySelector(":scope > .facts");
    field.insertBefore(message(issue), facts);
    field.classList.add(issue.severity === "error" ? "has-error" : "has-warning");
    const li = document.createElement("li");
    li.className = issue.severity;
    for (const [tag, text] of [["code", issue.path || "/"], ["b", issue.code], ["span", issue.message], ["small", issue.rule]]) {
      const part = document.createElement(tag);
      part.textContent = text;
      li.append(part, " ");
    }
    list.append(li);
  }
  if (!issues.length) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = t("none");
    list.append(li);
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  status.className = `status ${errors ? "bad" : "ok"}`;
  status.textContent = errors ? `${errors} ${t("errors")} · ${warnings} ${t("warnings")}` : `✓ ${t("valid")}${warnings ? ` · ${warnings} ${t("warnings")}` : ""}`;
  return { errors, warnings };
}
