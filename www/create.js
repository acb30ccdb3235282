// The library's create dialog: a custom element (§8.3) or custom voice (§8.2) form drawn from
// schema.js, validated as you type by the package (validateCustomElementJson /
// validateCustomVoiceJson, issues at their fields in the page's language), image pickers as on
// the main form, then createCustomElement / createCustomVoice and waitForTask through the
// proxy (submit.js); the succeeded task's element or voice goes to the caller. A video element's
// element_voice_id has a voice picker of its own (one without a create button).

import { LIBRARY, modelChoices } from "./pkg.js";
import { getAt, setAt, stringify } from "./json.js";
import { locale, t } from "./i18n.js";
import { SCHEMAS } from "./schema.js";
import { readControl, renderForm } from "./form.js";
import { showIssues } from "./issues.js";
import { createMedia } from "./media.js";
import { createSubmit } from "./submit.js";
import { itemsOf, KINDS } from "./library.js";
import { createPicker } from "./picker.js";

/** Fields whose value changes which others show: the form is drawn again after them. */
const REDRAW = new Set(["/reference_type"]);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(id, className, key) {
  const b = el("button", className, t(key));
  b.type = "button";
  b.id = id;
  b.dataset.t = key;
  return b;
}

/** The schema entry a pointer names ("/element_image_list/refer_images/0/image_url"). */
function specAt(schema, pointer) {
  let level = schema;
  let spec = null;
  for (const key of pointer.split("/").slice(1)) {
    if (/^\d+$/.test(key)) continue;
    spec = level.find((f) => f.key === key);
    if (!spec) return null;
    level = spec.item ?? spec.fields ?? [];
  }
  return spec;
}

/** Builds the dialog once; returns { open(kind, onCreated) } (kind "element" | "voice"). */
export function createCreator() {
  const dialog = el("dialog", "library-dialog create-dialog");
  dialog.id = "create";
  const title = el("h2");
  const status = el("output", "status");
  const form = el("form", "editor");
  form.autocomplete = "off";
  form.addEventListener("submit", (ev) => ev.preventDefault());
  const issues = el("ul", "issues");
  const actions = el("div", "actions");
  const submit = button("create-submit", "primary", "create");
  const cancel = button("create-cancel", null, "cancel");
  cancel.hidden = true;
  const close = button("create-close", null, "close");
  actions.append(submit, cancel, close);
  const progress = el("div", "progress");
  progress.append(el("span", "chip"), " ", el("span", "elapsed"), " ", el("span", "task"));
  const error = el("div", "error");
  const result = el("div");
  for (const box of [progress, error, result]) box.hidden = true;
  const head = el("div", "dialog-head");
  head.append(title, status);
  dialog.append(head, form, issues, actions, progress, error, result);
  document.body.append(dialog);

  let kind = "element";
  let family = LIBRARY[KINDS.element.family];
  let req = {};
  let onCreated = () => {};
  const voices = createPicker(null, "create-picker");

  function check() {
    const report = family.validate(stringify(req), { locale: locale() });
    media.showFacts(req);
    showIssues(form, issues, status, [...report.issues, ...media.issues(req)]);
  }

  function render() {
    const focused = document.activeElement?.dataset?.pointer;
    renderForm(form, family, SCHEMAS[family.id], req, null, modelChoices(family, ""));
    if (focused) [...form.querySelectorAll("[data-pointer]")].find((e) => e.dataset.pointer === focused && e.type !== "file")?.focus();
    check();
  }

  const media = createMedia(form, {
    onValue: (pointer, value) => {
      setAt(req, pointer, value);
      render();
    },
    onChange: check,
  });

  form.addEventListener("input", (ev) => {
    const input = ev.target;
    if (!input.dataset.pointer || input.type === "file") return;
    setAt(req, input.dataset.pointer, readControl(input));
    if (REDRAW.has(input.dataset.pointer)) render();
    else check();
  });

  form.addEventListener("click", (ev) => {
    const add = ev.target.closest("[data-add]");
    const remove = ev.target.closest("[data-remove]");
    const pick = ev.target.closest("[data-pick]");
    if (pick) {
      voices.open(pick.dataset.pick, (id) => {
        setAt(req, pick.dataset.target, id);
        render();
      });
    } else if (add) {
      const pointer = add.dataset.add;
      const list = Array.isArray(getAt(req, pointer)) ? getAt(req, pointer) : [];
      list.push(specAt(SCHEMAS[family.id], pointer).make(list.length, modelChoices(family, "")));
      setAt(req, pointer, list);
      render();
    } else if (remove) {
      const at = remove.dataset.remove;
      const pointer = at.slice(0, at.lastIndexOf("/"));
      media.forget(pointer);
      const list = getAt(req, pointer);
      list.splice(Number(at.slice(at.lastIndexOf("/") + 1)), 1);
      setAt(req, pointer, list.length ? list : undefined);
      render();
    }
  });

  createSubmit(
    { button: submit, cancel, progress, error, result },
    () => ({ family, request: structuredClone(req) }),
    (list) => showIssues(form, issues, status, list),
    (task) => {
      const [item] = itemsOf(kind, task);
      dialog.close();
      if (item) onCreated(item);
    },
  );
  close.onclick = () => {
    cancel.click(); // a create still waiting is abandoned with the dialog
    dialog.close();
  };

  return {
    open(which, created) {
      kind = which;
      family = LIBRARY[KINDS[kind].family];
      onCreated = created;
      req = {};
      media.forget();
      for (const box of [progress, error, result]) box.hidden = true;
      title.textContent = family.title[locale()];
      for (const b of [submit, cancel, close]) b.textContent = t(b.dataset.t);
      dialog.dataset.kind = kind;
      render();
      if (!dialog.open) dialog.showModal();
    },
  };
}
