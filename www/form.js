// Renders a family's form from its schema (schema.js) for one request, and reads a control back
// into a value. Every control carries its JSON pointer (data-pointer) and sits in a .field whose
// data-path is that pointer, so issues find their place. Capabilities decide the offered choices
// (a select's options are the model's choices for its dotted path, from capabilities()) and which
// fields show: a field the model does not offer is hidden unless the request has it. A field
// with `pick` gets a library button (data-pick, data-target) that the page opens picker.js for.

import { getAt, parse } from "./json.js";
import { t } from "./i18n.js";
import { isWide } from "./schema.js";

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Shows any value in a control; a select gains an option for a value it does not offer. */
function setValue(input, value, kind) {
  if (input.type === "checkbox") return void (input.checked = value === true);
  let text = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) : String(value);
  if (kind === "json" && value === undefined) text = "";
  if (input.tagName === "SELECT" && ![...input.options].some((o) => o.value === text)) input.add(new Option(text, text));
  input.value = text;
}

function control(f, choice, family) {
  let input;
  if (f.kind === "model" || f.kind === "select") {
    input = el("select");
    const first = f.kind === "model" ? t("default", { model: family.defaultModel }) : "—";
    input.add(new Option(first, ""));
    for (const c of f.kind === "model" ? family.models : (choice?.values ?? []).map(String)) input.add(new Option(f.unit ? `${c} ${f.unit}` : c, c));
  } else if (f.kind === "textarea" || f.kind === "json") {
    input = el("textarea");
    input.rows = f.rows ?? (f.kind === "json" ? 1 : 3);
    input.spellcheck = false;
  } else {
    input = el("input");
    input.type = f.kind === "checkbox" ? "checkbox" : "text";
    if (f.kind === "number") input.inputMode = "decimal";
    // A number's range from the library, as a hint (null: unbounded on that side).
    if (f.kind === "number" && choice && (choice.min ?? choice.max) != null) input.placeholder = `${choice.min ?? "…"} – ${choice.max ?? "…"}`;
  }
  input.dataset.kind = f.kind;
  return input;
}

function picker(pointer, media) {
  const pick = el("label", "pick");
  pick.dataset.tTitle = media === "image" ? "pickImage" : "pickVideo";
  pick.title = t(pick.dataset.tTitle);
  const input = el("input");
  input.type = "file";
  input.accept = media === "image" ? "image/*" : "video/mp4,video/quicktime,.mp4,.mov";
  input.dataset.media = media;
  input.dataset.pointer = pointer;
  const text = el("span", null, t("file"));
  text.dataset.t = "file";
  pick.append(text, input);
  return pick;
}

/** A button that opens the element or voice library (picker.js) for the list or field at `pointer`. */
function libraryButton(kind, pointer) {
  const b = el("button", "library", t(kind === "element" ? "pickElement" : "pickVoice"));
  b.type = "button";
  b.dataset.pick = kind;
  b.dataset.target = pointer;
  b.dataset.t = kind === "element" ? "pickElement" : "pickVoice";
  return b;
}

function list(f, pointer, value, ctx, path) {
  const header = el("h2", null, f.key);
  if (f.shots) header.append(" ", Object.assign(el("small", "shot-sum"), { id: "shot-sum" }));
  const add = el("button", "add", "+");
  add.type = "button";
  add.dataset.add = pointer;
  add.dataset.tTitle = "add";
  add.title = t("add");
  header.append(" ", add);
  if (f.pick) header.append(" ", libraryButton(f.pick, pointer));
  const rows = el("div", "rows");
  (Array.isArray(value) ? value : []).forEach((_item, i) => {
    const base = `${pointer}/${i}`;
    const row = el("div", "row field");
    row.dataset.path = base;
    for (const sub of f.item) row.append(field(sub, base, ctx, path));
    const remove = el("button", "remove", "×");
    remove.type = "button";
    remove.dataset.remove = base;
    remove.title = t("remove");
    row.append(remove);
    rows.append(row);
  });
  return [header, rows];
}

/** One field (and, for lists and objects, everything inside it); `parent` is the dotted path of
 *  the object or list it sits in, the key of its choices ("image_list.type"). */
function field(f, base, ctx, parent = "") {
  const pointer = `${base}/${f.key}`;
  const path = parent ? `${parent}.${f.key}` : f.key;
  const value = getAt(ctx.req, pointer);
  const offered = f.offered ? Boolean(f.offered(ctx.m, ctx.choices)) : true;
  const wrap = el(f.kind === "list" || f.kind === "object" ? "section" : "div", `field kind-${f.kind}`);
  wrap.dataset.path = pointer;
  for (const cls of ["narrow", "grow"]) if (f[cls]) wrap.classList.add(cls);
  wrap.hidden = (!offered || (f.when && !f.when(ctx.req))) && value === undefined;
  const note = !offered ? el("span", "not-offered", t("notOffered", { model: ctx.m?.model ?? "?" })) : null;
  if (f.kind === "list") {
    wrap.append(...list(f, pointer, value, ctx, path));
    if (note) wrap.firstChild.append(" ", note);
    return wrap;
  }
  if (f.kind === "object") {
    const head = el("h3", null, f.key);
    if (note) head.append(" ", note);
    const inner = el("div", "object-fields");
    for (const sub of f.fields) inner.append(field(sub, pointer, ctx, path));
    wrap.append(head, inner);
    return wrap;
  }
  const label = el("label");
  const input = control(f, ctx.choices[path], ctx.family);
  input.dataset.pointer = pointer;
  setValue(input, value, f.kind);
  if (f.kind === "checkbox") label.append(input, ` ${f.key}`);
  else label.append(f.key);
  if (f.refs) label.append(" ", el("small", null, t("refs", { list: f.refs.map((k) => `<<<${k}_1>>>`).join(", ") })));
  if (note) label.append(" ", note);
  wrap.append(label);
  if (f.kind !== "checkbox") wrap.append(input);
  if (f.pick) {
    const line = el("div", "media-line");
    input.replaceWith(line);
    line.append(input, libraryButton(f.pick, pointer));
  }
  if (f.media) {
    wrap.classList.add("drop");
    wrap.dataset.drop = pointer;
    wrap.dataset.media = f.media;
    const line = el("div", "media-line");
    input.replaceWith(line);
    line.append(input, picker(pointer, f.media));
    const facts = el("div", "facts");
    facts.dataset.facts = pointer;
    wrap.append(facts);
  }
  return wrap;
}

/** The form of `family` for `req`; `m` is the chosen model's capabilities, `choices` its
 *  choices per field path (pkg.js modelChoices). */
export function renderForm(form, family, schema, req, m, choices) {
  const grid = el("fieldset", "grid");
  const rest = el("div", "rest");
  const root = el("div", "field root-issues");
  root.dataset.path = "";
  const ctx = { family, req, m, choices };
  for (const f of schema) (isWide(f) ? rest : grid).append(field(f, "", ctx));
  form.replaceChildren(root, grid, rest);
  updateDerived(form, req);
}

/** The typed value a control holds; undefined means "leave the field out". */
export function readControl(input) {
  if (input.type === "checkbox") return input.checked ? true : undefined;
  const text = input.value;
  if (text === "") return undefined;
  if (input.dataset.kind === "number") return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (input.dataset.kind === "json") {
    try {
      return parse(text);
    } catch {
      return text; // the package reports the wrong type at this field
    }
  }
  return text;
}

/** Live figures that follow the request: the running sum of the shot durations. */
export function updateDerived(form, req) {
  const sum = form.querySelector("#shot-sum");
  if (!sum) return;
  const shots = Array.isArray(req.multi_prompt) ? req.multi_prompt : [];
  const total = shots.reduce((acc, s) => acc + (Number(s?.duration) || 0), 0);
  sum.textContent = t("shotSum", { sum: total, total: req.duration ?? "—" });
}
