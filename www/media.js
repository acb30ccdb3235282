// Image and video pickers (file inputs and drop zones on media fields): probeImage / probeVideo
// from the package read the file's header here, and the page shows the facts and the issues at
// the field at once (the probe's `path` option is the field's JSON pointer). An image is then
// put in the request as raw base64, which the API accepts; a reference video needs a URL, so its
// field keeps what the user types.

import { probeImage, probeVideo } from "./pkg.js";
import { getAt } from "./json.js";
import { locale, t } from "./i18n.js";

const KIB = 1024;
const size = (n) => (n >= KIB * KIB ? `${(n / KIB / KIB).toFixed(1)} MiB` : `${(n / KIB).toFixed(1)} KiB`);

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function describe(media, info) {
  const px = info.width !== null ? `${info.width}×${info.height} px` : null;
  if (media === "image") return [info.format ?? "?", px, size(info.bytes)].filter(Boolean).join(" · ");
  return [
    info.container ?? "?", info.codec, px, info.durationSeconds !== null ? `${info.durationSeconds} s` : null,
    info.frameRate !== null ? `${+info.frameRate.toFixed(3)} fps` : null, info.rotation ? `${info.rotation}°` : null, size(info.bytes),
  ].filter(Boolean).join(" · ");
}

/**
 * Wires the pickers of `form`. `onValue(pointer, base64)` puts a picked image in the request;
 * `onChange()` asks the page to show issues again (a probe finished).
 */
export function createMedia(form, { onValue, onChange }) {
  /** pointer -> { file, media, info, value }: value is the base64 put in the field (images). */
  const picked = new Map();

  async function probe(pointer, entry) {
    const options = { path: pointer, locale: locale() };
    entry.info = await (entry.media === "image" ? probeImage(entry.file, options) : probeVideo(entry.file, options));
  }

  async function take(file, pointer, media) {
    if (!file) return;
    const entry = { file, media, info: null, value: null };
    picked.set(pointer, entry);
    await probe(pointer, entry);
    if (media === "image") {
      entry.value = await readBase64(file);
      onValue(pointer, entry.value);
    } else onChange();
  }

  form.addEventListener("change", (ev) => {
    const input = ev.target;
    if (input.type === "file" && input.dataset.media) take(input.files?.[0], input.dataset.pointer, input.dataset.media);
  });
  form.addEventListener("dragover", (ev) => {
    const zone = ev.target.closest?.(".drop");
    if (!zone) return;
    ev.preventDefault();
    zone.classList.add("dragging");
  });
  form.addEventListener("dragleave", (ev) => ev.target.closest?.(".drop")?.classList.remove("dragging"));
  form.addEventListener("drop", (ev) => {
    const zone = ev.target.closest?.(".drop");
    if (!zone) return;
    ev.preventDefault();
    zone.classList.remove("dragging");
    take(ev.dataTransfer?.files?.[0], zone.dataset.drop, zone.dataset.media);
  });

  /** Entries still describing the request: an image whose field was edited since is dropped. */
  function current(req) {
    for (const [pointer, e] of picked) if (e.media === "image" && e.value !== null && getAt(req, pointer) !== e.value) picked.delete(pointer);
    return [...picked].filter(([, e]) => e.info);
  }

  return {
    /** The probed length of the picked reference video, in seconds (a base edit is billed on it). */
    videoSeconds: () => [...picked.values()].find((e) => e.media === "video" && e.info)?.info.durationSeconds ?? undefined,
    /** The probes' issues, to show with the validator's. */
    issues: (req) => current(req).flatMap(([, e]) => e.info.issues),
    /** Writes the facts line under each picked field (after every form render). */
    showFacts(req) {
      for (const [pointer, e] of current(req)) {
        const box = [...form.querySelectorAll("[data-facts]")].find((b) => b.dataset.facts === pointer);
        if (!box) continue;
        box.replaceChildren();
        const line = document.createElement("div");
        line.className = "facts-line";
        line.textContent = `${e.file.name}: ${describe(e.media, e.info)}`;
        box.append(line);
        if (e.media === "video") {
          const note = document.createElement("div");
          note.className = "note";
          note.textContent = t("videoNeedsUrl");
          box.append(note);
        }
      }
    },
    /** Forgets the picks under `prefix` (a removed list row shifts the rows after it). */
    forget(prefix = "") {
      for (const pointer of picked.keys()) if (pointer === prefix || pointer.startsWith(`${prefix}/`) || prefix === "") picked.delete(pointer);
    },
    /** Probes again in the new language, so the issues follow the locale toggle. */
    async relocalize() {
      await Promise.all([...picked].map(([pointer, e]) => probe(pointer, e)));
      onChange();
    },
  };
}
