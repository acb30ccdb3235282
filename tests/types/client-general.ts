// KlingClient's calls around the task families as a TypeScript user writes them (issue 16):
// presets, deletions and account costs with their result types; `@ts-expect-error` lines prove
// the arguments are typed and element ids are strings.

import { KlingClient } from "kling-wasm";
import type { AccountCosts, AccountCostsQuery, DeleteResult, KlingElement, KlingVoice, ResourcePack } from "kling-wasm";

export async function around(client: KlingClient): Promise<string[]> {
  const elements: KlingElement[] = await client.listPresetElements({ pageSize: 100 });
  const voices: KlingVoice[] = await client.listPresetVoices(undefined, { timeoutMs: 5000 });
  const ids: string[] = elements.map((e) => e.element_id).concat(voices.map((v) => v.voice_id));
  const voice: KlingVoice | undefined = elements[0]?.element_voice_info;
  const kind: "image_refer" | "video_refer" | undefined = elements[0]?.reference_type;
  const gone: DeleteResult = await client.deleteCustomElement(1152921504606846977n);
  await client.deleteCustomElement(ids[0] ?? "1");
  await client.deleteCustomVoice(voice?.voice_id ?? "v");
  const query: AccountCostsQuery = { start_time: Date.now() - 86_400_000, end_time: Date.now() };
  const costs: AccountCosts = await client.getAccountCosts(query, { signal: AbortSignal.timeout(5000) });
  const packs: ResourcePack[] = costs.resource_pack_subscribe_infos;
  const stale: 43200000 = costs.balances_max_age_ms;
  // @ts-expect-error element ids are strings: a number past 2^53 has lost its digits
  const n: number = elements[0]!.element_id;
  // @ts-expect-error element ids are strings or BigInts
  await client.deleteCustomElement(1152921504606846977);
  // @ts-expect-error start_time and end_time are required
  await client.getAccountCosts({ start_time: 0 });
  // @ts-expect-error the times are numbers (ms)
  await client.getAccountCosts({ start_time: "0", end_time: 1 });
  return [...ids, gone.task_id, String(packs.length + stale + n), kind ?? ""];
}

export async function families(client: KlingClient): Promise<string[]> {
  const el = await client.createCustomElement({ element_name: "Hero", element_description: "d", reference_type: "image_refer",
    element_image_list: { frontal_image: "https://example.com/f.png", refer_images: [{ image_url: "https://example.com/r.png" }] } });
  const element: KlingElement | undefined = (await client.waitForTask("custom-element", el.task_id)).task_result.elements[0];
  const voice = (await client.waitForTask("custom-voice", (await client.createCustomVoice({ voice_name: "v", video_id: "1" })).task_id)).task_result.voices[0];
  const image = await client.createImageGeneration({ model_name: "kling-v3", prompt: "a fox", n: 2 });
  const url: string | undefined = (await client.waitForTask("image-generation", image.task_id)).task_result.images?.[0]?.url;
  await client.listTasks("custom-voice", { pageSize: 1000 });
  // @ts-expect-error reference_type is "image_refer" | "video_refer"
  await client.createCustomElement({ element_name: "x", element_description: "d", reference_type: "audio_refer" });
  // @ts-expect-error voice_name is a string
  await client.createCustomVoice({ voice_name: 1, video_id: "1" });
  return [element?.element_id ?? "", voice?.voice_id ?? "", url ?? ""];
}
