// The page: five family tabs, each an editor of one request kept in sync with its JSON text,
// validated live by the package; media pickers, element and voice pickers for element_list /
// voice_list, the account line, and submitting through the signing proxy. Wiring only — forms
// (form.js, schema.js), issues (issues.js), media (media.js), submit (submit.js), the library
// (library.js, picker.js, create.js), the account (account.js) and the estimate (cost.js) live in their own files, and
// every rule lives in the package (pkg.js).

import { FAMILIES, modelCaps, modelChoices } from "./pkg.js";
import { EXAMPLES } from "./examples.js";
import { getAt, parseObject, pretty, setAt, stringify } from "./json.js";
import { locale, setLocale, t } from "./i18n.js";
import { SCHEMAS } from "./schema.js";
import { readControl, renderForm, updateDerived } from "./form.js";
import { showIssues } from "./issues.js";
import { createMedia } from "./media.js";
import { createSubmit } from "./submit.js";
import { KINDS } from "./library.js";
import { createPicker } from "./picker.js";
import { createCreator } from "./create.js";
import { showAccount } from "./account.js";
import { showCost } from "./cost.js";

const $ = (sel) => document.querySelector(sel);
const form = $("#form");
const raw = $("#raw");
/** Fields whose value changes what the form offers: the form is drawn again after them. */
const REDRAW = new Set(["/model_name", "/multi_shot", "/result_type"]);

let family = FAMILIES[0];
const texts = {}; // each family's JSON text, kept while another tab is open
let lastGood = {}; // the last request the JSON text held, for form edits while the text is broken

function request() {
  const req = parseObject(raw.value);
  if (req) lastGood = req;
  return req ?? structuredClone(lastGood);
}

const modelName = (req) => (typeof req.model_name === "string" ? req.model_name : "");
const modelOf = (req) => modelCaps(family, modelName(req));

/** Validates the JSON text and shows the issues (the validator's and the media probes'). */
function check() {
  const req = request();
  const options = { locale: locale() };
  const report = family.validate(raw.value, options);
  updateDerived(form, req);
  media.showFacts(req);
  showIssues(form, $("#issues"), $("#status"), [...report.issues, ...media.issues(req)]);
  showCost($("#cost"), family, raw.value, media.videoSeconds());
  const body = $("#body");
  body.classList.toggle("empty", !report.ok);
  body.textContent = report.ok ? pretty(family.build(raw.value, options)) : t("fix");
}

/** Draws the form for the current text again, keeping the focus where it was. */
function render() {
  const focused = document.activeElement?.dataset?.pointer;
  const req = request();
  renderForm(form, family, SCHEMAS[family.id], req, modelOf(req), modelChoices(family, modelName(req)));
  if (focused) [...form.querySelectorAll("[data-pointer]")].find((e) => e.dataset.pointer === focused && e.type !== "file")?.focus();
  check();
}

function edit(change, redraw) {
  const req = request();
  change(req);
  raw.value = stringify(req);
  if (redraw) render();
  else check();
}

const media = createMedia(form, { onValue: (pointer, value) => edit((req) => setAt(req, pointer, value), true), onChange: check });
const creator = createCreator();
const picker = createPicker((kind, onCreated) => creator.open(kind, onCreated));

/** Puts a picked element or voice id (an exact string) in the list at `pointer`: in its first
 *  empty row, else in a new one. */
function usePicked(kind, pointer, id) {
  const key = KINDS[kind].id;
  edit((req) => {
    const list = Array.isArray(getAt(req, pointer)) ? getAt(req, pointer) : [];
    const empty = list.find((row) => row && typeof row === "object" && (row[key] === "" || row[key] === undefined));
    if (empty) empty[key] = id;
    else list.push({ [key]: id });
    setAt(req, pointer, list);
  }, true);
}

form.addEventListener("input", (ev) => {
  const input = ev.target;
  if (!input.dataset.pointer || input.type === "file") return;
  edit((req) => setAt(req, input.dataset.pointer, readControl(input)), REDRAW.has(input.dataset.pointer));
});

form.addEventListener("click", (ev) => {
  const add = ev.target.closest("[data-add]");
  const remove = ev.target.closest("[data-remove]");
  const pick = ev.target.closest("[data-pick]");
  if (pick) picker.open(pick.dataset.pick, (id) => usePicked(pick.dataset.pick, pick.dataset.target, id));
  else if (add) {
    const pointer = add.dataset.add;
    const spec = SCHEMAS[family.id].find((f) => `/${f.key}` === pointer);
    edit((req) => {
      const list = Array.isArray(getAt(req, pointer)) ? getAt(req, pointer) : [];
      list.push(spec.make(list.length));
      setAt(req, pointer, list);
    }, true);
  } else if (remove) {
    const at = remove.dataset.remove;
    const pointer = at.slice(0, at.lastIndexOf("/"));
    media.forget(pointer);
    edit((req) => {
      const list = getAt(req, pointer);
      list.splice(Number(at.slice(at.lastIndexOf("/") + 1)), 1);
      setAt(req, pointer, list.length ? list : undefined);
    }, true);
  }
});

raw.addEventListener("input", render);

// ---- Tabs, examples, language.
function loadExample(name) {
  raw.value = stringify(EXAMPLES[family.id][name] ?? {});
  lastGood = {};
  media.forget();
  render();
}

let opened = false;
function openFamily(id, example) {
  if (opened) texts[family.id] = raw.value;
  opened = true;
  family = FAMILIES.find((f) => f.id === id) ?? FAMILIES[0];
  for (const tab of document.querySelectorAll("[data-family]")) tab.setAttribute("aria-selected", String(tab.dataset.family === family.id));
  $("#endpoint").textContent = `POST ${family.path}`;
  const select = $("#example");
  select.replaceChildren(...Object.keys(EXAMPLES[family.id]).map((n) => new Option(n, n)));
  const url = new URL(location.href);
  url.searchParams.set("family", family.id);
  history.replaceState(null, "", url);
  if (texts[family.id] !== undefined && !example) {
    raw.value = texts[family.id];
    media.forget();
    render();
  } else {
    select.value = EXAMPLES[family.id][example] ? example : select.options[0].value;
    loadExample(select.value);
  }
}

for (const f of FAMILIES) {
  const tab = document.createElement("button");
  tab.type = "button";
  tab.setAttribute("role", "tab");
  tab.dataset.family = f.id;
  tab.textContent = f.title.en;
  tab.onclick = () => openFamily(f.id);
  $("#families").append(tab);
}
$("#example").onchange = () => loadExample($("#example").value);

function switchLocale(value) {
  setLocale(value);
  for (const b of document.querySelectorAll("[data-locale]")) b.classList.toggle("on", b.dataset.locale === locale());
  for (const tab of document.querySelectorAll("[data-family]")) tab.textContent = FAMILIES.find((f) => f.id === tab.dataset.family).title[locale()];
  render();
  media.relocalize();
  showAccount($("#account"));
}
for (const b of document.querySelectorAll("[data-locale]")) b.onclick = () => switchLocale(b.dataset.locale);

createSubmit(
  { button: $("#submit"), cancel: $("#cancel"), progress: $("#progress"), error: $("#error"), result: $("#result") },
  () => ({ family, request: parseObject(raw.value) ?? raw.value }),
  (issues) => showIssues(form, $("#issues"), $("#status"), issues),
);

const params = new URLSearchParams(location.search);
openFamily(params.get("family") ?? FAMILIES[0].id, params.get("example"));
if (params.get("locale") === "zh") switchLocale("zh");
else showAccount($("#account"));
document.body.dataset.ready = "true";
