// The Omni-Video request editor: a form and a raw JSON view of one request, kept in sync, with
// live validation from the kling-wasm package. No rules live here: the page only shows what
// validateOmniVideoJson / buildOmniVideoBodyJson / capabilities() say.

import init, { buildOmniVideoBodyJson, capabilities, validateOmniVideoJson } from "/pkg/index.js";
import { EXAMPLES } from "./examples.js";

await init();

const $ = (sel, el = document) => el.querySelector(sel);
const form = $("#form");
const raw = $("#raw");
const caps = capabilities();
const omniModels = caps.endpoints.find((e) => e.family === "omni-video").models;
let locale = "en";

const LABELS = {
  en: { example: "Example", refs: "use <<<image_1>>>, <<<element_1>>>, <<<video_1>>>", shots: "shots", raw: "Request JSON",
    rawHint: "(edit either side; both stay in sync)", issues: "Issues", body: "Body to send", none: "No issues.",
    valid: "valid", errors: "error(s)", warnings: "warning(s)", fix: "Fix the errors to see the body.", default: "(left out: API default)" },
  zh: { example: "示例", refs: "可用 <<<image_1>>>、<<<element_1>>>、<<<video_1>>>", shots: "分镜", raw: "请求 JSON",
    rawHint: "（两边都可编辑，自动同步）", issues: "问题", body: "要发送的请求体", none: "没有问题。",
    valid: "有效", errors: "个错误", warnings: "个警告", fix: "修正错误后显示请求体。", default: "（不填：API 默认）" },
};
const t = (key) => LABELS[locale][key];

// ---- JSON text with exact int64 digits: big integers become BigInt and are written back raw.
const parse = (text) =>
  JSON.parse(text, (_k, v, ctx) => (typeof v === "number" && !Number.isSafeInteger(v) && /^-?\d+$/.test(ctx?.source ?? "") ? BigInt(ctx.source) : v));
const stringify = (v) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? (JSON.rawJSON ? JSON.rawJSON(x.toString()) : x.toString()) : x), 2);
function currentRequest() {
  try {
    const v = parse(raw.value);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

// ---- The list editors: each row edits one item; fields are [key, kind, choices].
const LISTS = {
  multi_prompt: { fields: [["index", "number"], ["prompt", "text"], ["duration", "text"]], make: (i) => ({ index: i + 1, prompt: "", duration: "3" }) },
  image_list: { fields: [["image_url", "text"], ["type", "select", ["", "first_frame", "end_frame"]]], make: () => ({ image_url: "" }) },
  element_list: { fields: [["element_id", "text"]], make: () => ({ element_id: "" }) },
  video_list: {
    fields: [["video_url", "text"], ["refer_type", "select", ["", "feature", "base"]], ["keep_original_sound", "select", ["", "yes", "no"]]],
    make: () => ({ video_url: "", refer_type: "feature" }),
  },
};

function control(kind, choices, value) {
  const el = document.createElement(kind === "select" ? "select" : "input");
  if (kind === "select") for (const c of choices) el.add(new Option(c || "—", c));
  else el.type = kind === "number" ? "number" : "text";
  setValue(el, value);
  return el;
}

/** Shows any value in a control; a select gains an option for a value it does not offer. */
function setValue(el, value) {
  if (el.type === "checkbox") return void (el.checked = value === true);
  const text = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === text)) el.add(new Option(text, text));
  el.value = text;
}

function renderRows(name, items) {
  const section = $(`[data-list="${name}"]`);
  const rows = $(".rows", section);
  rows.replaceChildren();
  (Array.isArray(items) ? items : []).forEach((item, i) => {
    const row = document.createElement("div");
    row.className = "row field";
    row.dataset.path = `/${name}/${i}`;
    for (const [key, kind, choices] of LISTS[name].fields) {
      const cell = document.createElement("label");
      cell.className = "field cell";
      cell.dataset.path = `/${name}/${i}/${key}`;
      cell.append(key, control(kind, choices, item?.[key]));
      cell.lastChild.dataset.field = key;
      row.append(cell);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "×";
    remove.onclick = () => editList(name, (list) => list.splice(i, 1));
    row.append(remove);
    rows.append(row);
  });
}

// ---- Form -> JSON: each edit changes only its own key, so keys the form lacks are kept.
function edit(change) {
  const req = currentRequest() ?? {};
  change(req);
  raw.value = stringify(req);
  check();
}

function editList(name, change) {
  edit((req) => {
    const list = Array.isArray(req[name]) ? req[name] : [];
    change(list);
    if (list.length) req[name] = list;
    else delete req[name];
  });
  renderRows(name, currentRequest()?.[name]);
  check();
}

form.addEventListener("input", (ev) => {
  const el = ev.target;
  if (el.dataset.key) {
    return edit((req) => {
      const value = el.type === "checkbox" ? (el.checked || undefined) : el.value === "" ? undefined : el.value;
      if (value === undefined) delete req[el.dataset.key];
      else req[el.dataset.key] = value;
      if (el.dataset.key === "model_name") fillDurations(req);
    });
  }
  const row = el.closest(".row");
  if (!row) return;
  const [, name, index] = row.dataset.path.split("/");
  edit((req) => {
    const item = req[name]?.[index];
    if (!item || typeof item !== "object") return;
    const kind = LISTS[name].fields.find(([k]) => k === el.dataset.field)[1];
    if (el.value === "" && el.tagName === "SELECT") delete item[el.dataset.field];
    else item[el.dataset.field] = kind === "number" && el.value !== "" ? Number(el.value) : el.value;
  });
});

for (const name of Object.keys(LISTS)) {
  $(`[data-list="${name}"] .add`).onclick = () => editList(name, (list) => list.push(LISTS[name].make(list.length)));
}

// ---- JSON -> form.
raw.addEventListener("input", () => {
  const req = currentRequest();
  if (req) fillForm(req);
  check();
});

function fillForm(req) {
  for (const el of form.querySelectorAll("[data-key]")) setValue(el, req[el.dataset.key]);
  fillDurations(req);
  for (const name of Object.keys(LISTS)) renderRows(name, req[name]);
}

/** The duration choices of the chosen model, from the capability map. */
function fillDurations(req) {
  const model = caps.models.find((m) => m.model === (req.model_name ?? caps.endpoints.find((e) => e.family === "omni-video").default_model));
  const el = $("#duration");
  el.replaceChildren(new Option("—", ""), ...(model?.durations ?? []).map((d) => new Option(`${d} s`, String(d))));
  setValue(el, req.duration);
}

// ---- Validation: issues at their fields (by JSON pointer), the body when valid.
function fieldFor(path) {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf("/"))) {
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el || p === "") return el ?? $("#root-issues");
  }
}

function check() {
  const options = { locale };
  const report = validateOmniVideoJson(raw.value, options);
  for (const el of form.querySelectorAll(".msg")) el.remove();
  for (const el of form.querySelectorAll(".has-error, .has-warning")) el.classList.remove("has-error", "has-warning");
  const list = $("#issues");
  list.replaceChildren();
  for (const issue of report.issues) {
    const msg = document.createElement("div");
    msg.className = `msg ${issue.severity}`;
    msg.textContent = issue.message;
    msg.title = `${issue.rule} · ${issue.code}`;
    const field = fieldFor(issue.path);
    field.append(msg);
    field.classList.add(issue.severity === "error" ? "has-error" : "has-warning");
    const li = document.createElement("li");
    li.className = issue.severity;
    li.innerHTML = `<code></code> <b></b> <span></span> <small></small>`;
    li.children[0].textContent = issue.path || "/";
    li.children[1].textContent = issue.code;
    li.children[2].textContent = issue.message;
    li.children[3].textContent = issue.rule;
    list.append(li);
  }
  if (!report.issues.length) list.innerHTML = `<li class="none">${t("none")}</li>`;
  const errors = report.issues.filter((i) => i.severity === "error").length;
  const warnings = report.issues.length - errors;
  const status = $("#status");
  status.className = `status ${report.ok ? "ok" : "bad"}`;
  status.textContent = report.ok ? `✓ ${t("valid")}${warnings ? ` · ${warnings} ${t("warnings")}` : ""}` : `${errors} ${t("errors")} · ${warnings} ${t("warnings")}`;
  const body = $("#body");
  body.classList.toggle("empty", !report.ok);
  body.textContent = report.ok ? pretty(buildOmniVideoBodyJson(raw.value, options)) : t("fix");
}

/** Indents JSON text without parsing it, so the body's exact digits are shown as sent. */
function pretty(text) {
  let out = "", depth = 0, inString = false;
  const nl = () => "\n" + "  ".repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i];
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "{" || c === "[") {
      depth++;
      out += c + nl();
    } else if (c === "}" || c === "]") {
      depth--;
      out += nl() + c;
    } else if (c === ",") out += c + nl();
    else if (c === ":") out += ": ";
    else out += c;
  }
  return out.replace(/([{[])\n\s*([}\]])/g, "$1$2");
}

// ---- Page set-up: model choices, examples, locale.
$("#model_name").replaceChildren(new Option(t("default"), ""), ...omniModels.map((m) => new Option(m, m)));
const example = $("#example");
for (const name of Object.keys(EXAMPLES)) example.add(new Option(name, name));
example.onchange = () => {
  raw.value = stringify(EXAMPLES[example.value]);
  fillForm(currentRequest());
  check();
};
for (const button of document.querySelectorAll("[data-locale]")) {
  button.onclick = () => {
    locale = button.dataset.locale;
    document.documentElement.lang = locale;
    for (const b of document.querySelectorAll("[data-locale]")) b.classList.toggle("on", b === button);
    for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
    $("#model_name").options[0].text = t("default");
    check();
  };
}
const params = new URLSearchParams(location.search);
example.value = EXAMPLES[params.get("example")] ? params.get("example") : Object.keys(EXAMPLES)[0];
example.onchange();
if (params.get("locale") === "zh") $('[data-locale="zh"]').click();
