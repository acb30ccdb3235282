// The library picker: a dialog listing the presets and "my" elements (or voices) for element_list
// (or voice_list / element_voice_id), each with a "use" button, and a "create" button that opens
// the create dialog (create.js); the new item then shows under "mine", marked, ready to pick.
// Ids are shown and handed on as the exact strings the client returned.

import { loadLibrary, KINDS, removeItem } from "./library.js";
import { t } from "./i18n.js";

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One library item: its picture or sample when it has one, name, description, id, "use";
 *  "delete" on the user's own ones. */
function itemRow(kind, item, fresh, mine) {
  const k = KINDS[kind];
  const id = String(item[k.id]);
  const li = el("li", fresh ? "item fresh" : "item");
  li.dataset.id = id;
  const front = item.element_image_list?.frontal_image;
  if (typeof front === "string" && /^https?:/.test(front)) li.append(Object.assign(el("img"), { src: front, alt: "" }));
  const text = el("div", "item-text");
  text.append(el("b", null, item[k.name] ?? ""), " ", el("code", null, id));
  if (item.element_description) text.append(el("div", "muted", item.element_description));
  if (item.trial_url) text.append(Object.assign(el("a", null, "▶"), { href: item.trial_url, target: "_blank" }));
  const use = el("button", "use", t("use"));
  use.type = "button";
  use.dataset.use = id;
  li.append(text, use);
  if (mine) {
    const remove = el("button", "remove", "×");
    remove.type = "button";
    remove.title = t("delete");
    remove.dataset.delete = id;
    li.append(remove);
  }
  return li;
}

/**
 * `openCreate(kind, onCreated)` opens the create dialog; onCreated(item) is called with the new
 * element or voice (null: no create button — the picker opened from the create dialog itself).
 * `id` is the dialog's element id. Returns { open(kind, onPick) }: onPick(id) gets the chosen id
 * (a string).
 */
export function createPicker(openCreate, id = "picker") {
  const dialog = el("dialog", "library-dialog");
  dialog.id = id;
  const title = el("h2");
  const lists = el("div", "lists");
  const actions = el("div", "actions");
  const create = el("button", "primary");
  create.type = "button";
  create.id = `${id}-create`;
  create.hidden = !openCreate;
  const close = el("button", null, t("close"));
  close.type = "button";
  close.dataset.t = "close";
  actions.append(create, close);
  dialog.append(title, lists, actions);
  document.body.append(dialog);

  let kind = "element";
  let onPick = () => {};
  let fresh = null; // the id just created, marked in the list
  let controller = null;

  function section(name, items) {
    const box = el("section", "lib-section");
    box.dataset.section = name;
    box.append(el("h3", null, t(name === "presets" ? "presets" : kind === "element" ? "mineElement" : "mineVoice")));
    const ul = el("ul");
    if (items.length) ul.append(...items.map((item) => itemRow(kind, item, String(item[KINDS[kind].id]) === fresh, name === "mine")));
    else ul.append(el("li", "muted", t("noneYet")));
    box.append(ul);
    return box;
  }

  async function reload() {
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    dialog.dataset.state = "loading";
    lists.replaceChildren(el("p", "muted", t("loading")));
    try {
      const { presets, mine } = await loadLibrary(kind, { signal });
      if (signal.aborted) return;
      lists.replaceChildren(section("mine", mine), section("presets", presets));
      dialog.dataset.state = "ready";
    } catch (e) {
      if (signal.aborted) return;
      lists.replaceChildren(el("p", "msg error", t("listFailed", { error: `${e?.code ?? "error"}: ${e?.message ?? e}` })));
      dialog.dataset.state = "failed";
    }
  }

  dialog.addEventListener("click", async (ev) => {
    const use = ev.target.closest("[data-use]");
    const remove = ev.target.closest("[data-delete]");
    if (use) {
      dialog.close();
      onPick(use.dataset.use);
    } else if (remove) {
      remove.disabled = true;
      try {
        await removeItem(kind, remove.dataset.delete);
        reload();
      } catch (e) {
        remove.replaceWith(el("span", "msg error", `${e?.code ?? "error"}: ${e?.message ?? e}`));
      }
    }
  });
  close.onclick = () => dialog.close();
  create.onclick = () =>
    openCreate?.(kind, (item) => {
      fresh = String(item[KINDS[kind].id]);
      reload();
    });

  return {
    open(which, pick) {
      kind = which;
      onPick = pick;
      fresh = null;
      dialog.dataset.kind = kind;
      title.textContent = t(kind === "element" ? "elementLibrary" : "voiceLibrary");
      create.textContent = t(kind === "element" ? "newElement" : "newVoice");
      close.textContent = t("close");
      if (!dialog.open) dialog.showModal();
      reload();
    },
  };
}
