// The element and voice libraries as the page reads them through the package's KlingClient and
// the signing proxy: the presets (readable by everyone) and "mine" — the items of this user's
// succeeded custom-element / custom-voice tasks (the proxy lists only the tasks this user
// created; a deleted item is gone from its task's result). element_id stays the exact decimal string the client returns: never a Number.

import { KlingClient } from "./pkg.js";
import { locale } from "./i18n.js";

const BASE_URL = new URL("/kling", location.href).href;
/** One page is plenty for a demo; the API allows 500 (elements) and 1000 (voices). */
const PAGE = { pageNum: 1, pageSize: 100 };

/** A client for the proxy on this origin, in the page's language. */
export const newClient = () => new KlingClient({ baseUrl: BASE_URL, auth: { kind: "proxy" }, locale: locale() });

/** What each library kind reads: the create family, its preset list, the result list, the id key. */
export const KINDS = {
  element: { family: "custom-element", presets: "listPresetElements", remove: "deleteCustomElement", results: "elements", id: "element_id", name: "element_name" },
  voice: { family: "custom-voice", presets: "listPresetVoices", remove: "deleteCustomVoice", results: "voices", id: "voice_id", name: "voice_name" },
};

/** Deletes one of the user's custom elements or voices (the proxy refuses anyone else's). */
export const removeItem = (kind, id) => newClient()[KINDS[kind].remove](id);

/** The items of a finished task (custom-element: task_result.elements, custom-voice: voices). */
export const itemsOf = (kind, task) => (task?.task_status === "succeed" ? (task.task_result?.[KINDS[kind].results] ?? []) : []);

/** `{ presets, mine }` of `kind` ("element" | "voice"), newest of mine first; ids as strings. */
export async function loadLibrary(kind, { signal } = {}) {
  const k = KINDS[kind];
  const client = newClient();
  const [presets, tasks] = await Promise.all([client[k.presets](PAGE, { signal }), client.listTasks(k.family, PAGE, { signal })]);
  const mine = tasks.flatMap((task) => itemsOf(kind, task));
  return { presets, mine };
}
